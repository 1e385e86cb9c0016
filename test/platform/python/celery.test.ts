import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  CELERY_POOLS,
  celeryChildren,
  kibToMiB,
  mibToKiB,
  runsChildProcesses,
} from '../../../lib/platform/python/celery';

describe('the Celery worker model', () => {
  test('prefork and its alias processes run child processes; no other pool does', () => {
    assert.deepEqual(
      CELERY_POOLS.filter((p) => runsChildProcesses(p)),
      ['prefork', 'processes'],
    );
  });

  test('children: 1 for solo whatever the concurrency, else the concurrency, else the default', () => {
    assert.equal(celeryChildren({ pool: 'solo', concurrency: 8 }, 4), 1);
    assert.equal(celeryChildren({ pool: 'solo' }, 4), 1);
    for (const pool of CELERY_POOLS.filter((p) => p !== 'solo')) {
      assert.equal(celeryChildren({ pool, concurrency: 8 }, 4), 8, pool);
      assert.equal(celeryChildren({ pool }, 4), 4, pool);
    }
  });

  test('--max-memory-per-child KiB and MiB: 1024 KiB a MiB, rounded down to whole KiB', () => {
    assert.equal(kibToMiB(512 * 1024), 512);
    assert.equal(kibToMiB(1536), 1.5);
    assert.equal(mibToKiB(512), 512 * 1024);
    assert.equal(mibToKiB(1.0009), 1024); // 1024.92 KiB
  });
});
