import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { celeryWorkerFacts, parseCeleryWorker, webServerOf } from '../../lib/python/commands';

describe('webServerOf', () => {
  test('names the web server a command starts, however it is started', () => {
    const cases: Array<[string[] | string, string]> = [
      [['gunicorn', '-b', ':8080', 'main:app'], 'gunicorn'],
      [['/usr/local/bin/uvicorn', 'main:app'], 'uvicorn'],
      [['python', '-m', 'gunicorn', 'main:app'], 'gunicorn'],
      [['sh', '-c', 'python manage.py migrate && exec gunicorn mysite.wsgi'], 'gunicorn'],
      ['python manage.py runserver 0.0.0.0:8080', 'manage.py runserver'],
      [['django-admin', 'runserver'], 'django-admin runserver'],
      [['flask', 'run', '--host', '0.0.0.0'], 'flask run'],
      [['python', '-m', 'flask', 'run'], 'flask run'],
      [['fastapi', 'run', 'main.py'], 'fastapi run'],
      [['python3', '-m', 'http.server'], 'python -m http.server'],
      [['hypercorn', 'main:app'], 'hypercorn'],
      [['waitress-serve', 'main:app'], 'waitress-serve'],
    ];
    for (const [command, server] of cases) assert.equal(webServerOf(command), server, String(command));
  });

  test('finds none in commands that run a task or a consumer', () => {
    for (const command of [
      ['python', 'manage.py', 'clearsessions'],
      ['celery', '-A', 'proj', 'worker'],
      ['python', '-m', 'app.export'],
      'python consume.py --queue gunicorn-logs',
    ]) {
      assert.equal(webServerOf(command), undefined, String(command));
    }
  });
});

describe('parseCeleryWorker', () => {
  test('reads the worker settings in every spelling Celery takes', () => {
    assert.deepEqual(
      parseCeleryWorker([
        'celery',
        '-A',
        'proj',
        'worker',
        '-c',
        '4',
        '--pool=threads',
        '--max-memory-per-child',
        '200000',
        '-Q',
        'a,b',
      ]),
      {
        app: 'proj',
        pool: 'threads',
        concurrency: 4,
        maxMemoryPerChildKiB: 200000,
        maxTasksPerChild: undefined,
        queues: 'a,b',
      },
    );
    const short = parseCeleryWorker(
      'python -m celery --app=proj.celery:app worker -c8 -Pgevent --max-tasks-per-child=50',
    );
    assert.deepEqual(
      [short?.app, short?.concurrency, short?.pool, short?.maxTasksPerChild],
      ['proj.celery:app', 8, 'gevent', 50],
    );
    assert.equal(parseCeleryWorker(['celery', '-A', 'p', 'worker', '--autoscale=10,3'])?.concurrency, 10);
    assert.equal(parseCeleryWorker(['sh', '-c', 'celery -A p worker -P my.Pool'])?.pool, 'custom');
  });

  test('is not a worker: beat, flower, other programs', () => {
    for (const command of [
      ['celery', '-A', 'p', 'beat'],
      ['celery', 'flower'],
      ['gunicorn', 'main:app'],
    ]) {
      assert.equal(parseCeleryWorker(command), undefined, String(command));
    }
  });

  test('a value written as a variable is unknown, the rest take Celery defaults', () => {
    const c = parseCeleryWorker(['celery', '-A', 'p', 'worker', '--concurrency', '$(CONCURRENCY)'])!;
    assert.equal(c.concurrency, 'unknown');
    const { worker, unknown } = celeryWorkerFacts(c);
    assert.deepEqual(unknown, ['concurrency']);
    assert.deepEqual(worker, {
      pool: 'prefork',
      concurrency: undefined,
      maxMemoryPerChildMiB: undefined,
      maxTasksPerChild: undefined,
    });
    assert.equal(
      celeryWorkerFacts(parseCeleryWorker('celery -A p worker --max-memory-per-child 1024')!).worker
        .maxMemoryPerChildMiB,
      1,
    );
  });
});
