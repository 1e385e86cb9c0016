import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { webConcurrencyWorkers, workerTypeOf } from '../../lib/platform/python/server';
import { parseGunicornCommand, shellWords } from '../../lib/python/gunicorn-command';

describe('parseGunicornCommand', () => {
  test('reads the guide command as a shell string', () => {
    assert.deepEqual(parseGunicornCommand('exec gunicorn --bind :$PORT --workers 1 --threads 8 --timeout 0 main:app'), {
      app: 'main:app',
      workers: 1,
      writesWorkers: true,
      threads: 8,
      timeout: 0,
      preload: false,
      workerClass: undefined,
      bind: ':$PORT',
      hasExternalConfig: false,
      otherArgs: [],
    });
  });

  test('reads argv with short, joined and = forms, preload and a worker class', () => {
    const parsed = parseGunicornCommand([
      'gunicorn',
      '-b',
      ':8080',
      '-w4',
      '--threads=2',
      '-t',
      '120',
      '--preload',
      '-k',
      'uvicorn_worker.UvicornWorker',
      '--access-logfile',
      '-',
      'app.main:app',
    ]);
    assert.equal(parsed?.workers, 4);
    assert.equal(parsed?.threads, 2);
    assert.equal(parsed?.timeout, 120);
    assert.equal(parsed?.preload, true);
    assert.equal(parsed?.workerClass, 'uvicorn_worker.UvicornWorker');
    assert.equal(parsed?.app, 'app.main:app');
    assert.deepEqual(parsed?.otherArgs, ['--access-logfile', '-']);
  });

  test('finds gunicorn behind sh -c and python -m, and flags external config', () => {
    assert.equal(parseGunicornCommand(['/bin/sh', '-c', 'exec gunicorn -w 2 main:app'])?.workers, 2);
    assert.equal(parseGunicornCommand('python -m gunicorn --workers 3 main:app')?.workers, 3);
    assert.equal(parseGunicornCommand('gunicorn -c gunicorn.conf.py main:app')?.hasExternalConfig, true);
    assert.equal(parseGunicornCommand('gunicorn --workers $WEB_CONCURRENCY main:app')?.hasExternalConfig, true);
    assert.equal(parseGunicornCommand('gunicorn --workers $WEB_CONCURRENCY main:app')?.workers, undefined);
  });

  test('says whether the worker count is written, in any form, and reads WEB_CONCURRENCY as gunicorn does', () => {
    for (const line of [
      'gunicorn -w 2 m:a',
      'gunicorn -w2 m:a',
      'gunicorn --workers=2 m:a',
      'gunicorn -w $(nproc) m:a',
    ]) {
      assert.equal(parseGunicornCommand(line)?.writesWorkers, true, line);
    }
    assert.equal(parseGunicornCommand('gunicorn -b :$PORT m:a')?.writesWorkers, false);
    assert.equal(webConcurrencyWorkers('4'), 4);
    assert.equal(webConcurrencyWorkers(' +3 '), 3);
    assert.equal(webConcurrencyWorkers('four'), undefined);
    assert.equal(webConcurrencyWorkers(1.5), undefined);
  });

  test('is undefined for other servers', () => {
    assert.equal(parseGunicornCommand('uvicorn --port $PORT main:app'), undefined);
    assert.equal(parseGunicornCommand(['python', 'main.py']), undefined);
  });

  test('shell words honour quotes; async worker classes are recognised', () => {
    assert.deepEqual(shellWords(`gunicorn "main:create_app()" --name 'my app'`), [
      'gunicorn',
      'main:create_app()',
      '--name',
      'my app',
    ]);
    assert.equal(workerTypeOf('uvicorn.workers.UvicornWorker', undefined), 'async');
    assert.equal(workerTypeOf('gevent', 4), 'async');
    assert.equal(workerTypeOf('gthread', undefined), 'gthread');
    assert.equal(workerTypeOf(undefined, 8), 'gthread');
    assert.equal(workerTypeOf(undefined, undefined), 'sync');
    assert.equal(workerTypeOf('sync', 4), 'gthread');
    assert.equal(workerTypeOf('gunicorn.workers.sync.SyncWorker', 1), 'sync');
    assert.equal(workerTypeOf('gunicorn.workers.gthread.ThreadWorker', 1), 'gthread');
    assert.equal(workerTypeOf('myapp.workers.Custom', 1), 'async');
  });
});
