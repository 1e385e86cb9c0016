import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  effectiveTimeout,
  GUNICORN_DEFAULTS,
  serverCapacity,
  webConcurrencyWorkers,
  workerTypeOf,
} from '../../../lib/platform/python/server';

describe('the gunicorn server model', () => {
  test('worker type: sync by default and with one thread, gthread with two or by name, async otherwise', () => {
    for (const sync of [undefined, 'sync', ' sync ', 'gunicorn.workers.sync.SyncWorker', '']) {
      assert.equal(workerTypeOf(sync, undefined), 'sync', String(sync));
      assert.equal(workerTypeOf(sync, 1), 'sync', String(sync));
      assert.equal(workerTypeOf(sync, 2), 'gthread', String(sync));
    }
    for (const gthread of ['gthread', 'gunicorn.workers.gthread.ThreadWorker']) {
      assert.equal(workerTypeOf(gthread, undefined), 'gthread');
      assert.equal(workerTypeOf(gthread, 1), 'gthread');
    }
    for (const other of [
      'gevent',
      'xsync',
      'syncx',
      'xgthread',
      'gthreads',
      'my.gunicorn.workers.sync.SyncWorker',
      'my.gunicorn.workers.gthread.ThreadWorker',
    ]) {
      assert.equal(workerTypeOf(other, 4), 'async', other);
    }
  });

  test("the timeout in effect: the one written (0 too), else gunicorn's 30 s", () => {
    const s = { workerType: 'sync' as const, preload: false };
    assert.equal(effectiveTimeout(s), GUNICORN_DEFAULTS.timeoutSeconds);
    assert.equal(GUNICORN_DEFAULTS.timeoutSeconds, 30);
    assert.equal(effectiveTimeout({ ...s, timeout: 0 }), 0);
    assert.equal(effectiveTimeout({ ...s, timeout: 120 }), 120);
  });

  test('capacity: workers × threads (one thread by default); none for async workers or an unknown count', () => {
    const s = { workerType: 'gthread' as const, preload: false };
    assert.equal(serverCapacity({ ...s, workers: 3, threads: 4 }), 12);
    assert.equal(serverCapacity({ ...s, workerType: 'sync', workers: 3 }), 3);
    assert.equal(serverCapacity({ ...s, workers: 0, threads: 4 }), 0);
    assert.equal(serverCapacity({ ...s, workerType: 'async', workers: 3, threads: 4 }), undefined);
    assert.equal(serverCapacity({ ...s, threads: 4 }), undefined);
  });

  test("WEB_CONCURRENCY as gunicorn's int() reads it", () => {
    for (const [value, workers] of [
      [4, 4],
      [0, 0],
      ['4', 4],
      ['0', 0],
      [' +3 ', 3],
      ['12', 12],
    ] as const) {
      assert.equal(webConcurrencyWorkers(value), workers, JSON.stringify(value));
    }
    for (const value of [-1, 1.5, Number.NaN, '-1', '1.5', 'four', '', '4 4', 'x4', '4x', true, undefined, null]) {
      assert.equal(webConcurrencyWorkers(value), undefined, JSON.stringify(value));
    }
  });
});
