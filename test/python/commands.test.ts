import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { celeryWorkerFacts, commandWords, parseCeleryWorker, shellWords, webServerOf } from '../../lib/python/commands';

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
  test('a word named like an object method (valueOf, constructor) is no flag: the flags after it are read', () => {
    const c = parseCeleryWorker(['celery', '-A', 'proj', 'worker', 'valueOf', '--concurrency', '4']);
    assert.equal(c?.concurrency, 4);
    assert.equal(parseCeleryWorker(['celery', '-A', 'proj', 'worker', 'constructor', '-Q', 'mail'])?.queues, 'mail');
  });

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
      ['python', '-m', 'myapp', 'worker'],
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

describe('shellWords', () => {
  test('splits on any run of white space, keeps quoted text whole and empty quotes as a word', () => {
    assert.deepEqual(shellWords('  a \t b\nc  '), ['a', 'b', 'c']);
    assert.deepEqual(shellWords(`x "a b" 'c  d'e`), ['x', 'a b', 'c  de']);
    assert.deepEqual(shellWords(`"it's" 'say "hi"'`), ["it's", 'say "hi"']);
    assert.deepEqual(shellWords(`a '' b ""`), ['a', '', 'b', '']);
    assert.deepEqual(shellWords('"unterminated quote'), ['unterminated quote']);
    assert.deepEqual(shellWords(''), []);
  });
});

describe('commandWords', () => {
  test('unwraps sh -c and bash -c, however the shell is named', () => {
    for (const shell of ['sh', 'bash', '/bin/sh', '/usr/bin/bash']) {
      assert.deepEqual(
        commandWords([shell, '-c', 'exec gunicorn "main:app"']),
        ['exec', 'gunicorn', 'main:app'],
        shell,
      );
    }
    assert.deepEqual(commandWords('sh -c "celery -A p worker"'), ['celery', '-A', 'p', 'worker']);
  });

  test('leaves other commands as they are', () => {
    for (const command of [
      ['zsh', '-c', 'a b'],
      ['shell', '-c', 'a b'],
      ['sh', '-e', 'a b'],
      ['sh', '-c'],
      ['python', 'main.py'],
    ]) {
      assert.deepEqual(commandWords(command), command, String(command));
    }
    assert.deepEqual(commandWords('python main.py'), ['python', 'main.py']);
  });
});

describe('webServerOf, each way of starting a server', () => {
  test('python -m SERVER, and the flask and fastapi subcommands', () => {
    assert.equal(webServerOf(['python', '-m', 'uvicorn', 'main:app']), 'uvicorn');
    assert.equal(webServerOf('poetry run python -m flask run'), 'flask run');
    assert.equal(webServerOf(['fastapi', 'dev', 'main.py']), 'fastapi dev');
    assert.equal(webServerOf(['flask', 'dev']), 'flask dev');
    for (const command of [
      ['python', '-m', 'flask', 'routes'],
      ['poetry', 'run', 'python', '-m', 'flask', 'routes'],
      ['python', '-m'],
      ['python', '-m', 'pip', 'run'],
      ['flask', 'routes'],
      ['fastapi'],
      ['python', 'manage.py', 'migrate'],
      ['python', 'manage.py'],
      ['python3', 'http.server'],
      ['python', 'runserver'],
    ]) {
      assert.equal(webServerOf(command), undefined, String(command));
    }
  });
});

describe('parseCeleryWorker, each spelling', () => {
  test('a program named celery after -A is the app, not the program', () => {
    assert.equal(parseCeleryWorker(['celery', '-A', 'celery', 'worker'])?.app, 'celery');
    assert.equal(parseCeleryWorker(['python', '-A', 'celery', 'worker']), undefined);
    assert.equal(parseCeleryWorker(['/venv/bin/celery', '-A', 'p', 'worker'])?.app, 'p');
  });

  test('reads the words after the program only', () => {
    assert.equal(parseCeleryWorker('cd /srv && celery -A p worker')?.app, 'p');
  });

  test('the worker ends at a command separator', () => {
    for (const separator of ['&&', ';', '|']) {
      const c = parseCeleryWorker(['sh', '-c', `celery -A p worker -c 2 ${separator} celery -c 9 -P solo`]);
      assert.deepEqual([c?.concurrency, c?.pool], [2, undefined], separator);
    }
    assert.equal(parseCeleryWorker('celery -A p beat && worker'), undefined);
  });

  test('--flag=value for long flags only; a short flag takes the rest of its word', () => {
    assert.equal(parseCeleryWorker('celery -A p worker --pool=threads')?.pool, 'threads');
    assert.equal(parseCeleryWorker('celery -A p worker --queues=a,b')?.queues, 'a,b');
    assert.ok(Number.isNaN(parseCeleryWorker('celery -A p worker -c=4')?.concurrency));
    assert.equal(parseCeleryWorker('celery -A p worker -Qa,b')?.queues, 'a,b');
    assert.equal(parseCeleryWorker('celery -Aproj worker')?.app, 'proj');
    assert.equal(parseCeleryWorker('celery -A p worker -n worker-Q1@%h')?.queues, undefined, 'only a word starting -Q');
  });

  test('a flag without a value at the end leaves the value given before', () => {
    assert.equal(parseCeleryWorker('celery -A p worker -c 4 --concurrency')?.concurrency, 4);
    assert.equal(parseCeleryWorker('celery -A p worker -c')?.concurrency, undefined);
  });

  test('counts: whole numbers, a variable unknown, anything else not a number', () => {
    for (const [value, expected] of [
      ['12', 12],
      ['$N', 'unknown'],
      ['${N}', 'unknown'],
    ] as const) {
      assert.equal(parseCeleryWorker(['celery', '-A', 'p', 'worker', '-c', value])?.concurrency, expected, value);
    }
    for (const value of ['4.5', '-1', '4x', 'x4', 'four', '']) {
      const c = parseCeleryWorker(['celery', '-A', 'p', 'worker', '--max-tasks-per-child', value]);
      assert.ok(Number.isNaN(c?.maxTasksPerChild), value);
    }
    assert.equal(parseCeleryWorker('celery -A p worker')?.concurrency, undefined);
  });

  test('--concurrency over the autoscale maximum', () => {
    assert.equal(parseCeleryWorker('celery -A p worker --autoscale=10,3 -c 4')?.concurrency, 4);
    assert.equal(parseCeleryWorker('celery -A p worker --autoscale 6')?.concurrency, 6);
  });

  test("the pool: unset, a variable, each of Celery's names, or custom", () => {
    assert.equal(parseCeleryWorker('celery -A p worker')?.pool, undefined);
    assert.equal(parseCeleryWorker('celery -A p worker -P $POOL')?.pool, 'unknown');
    for (const pool of ['prefork', 'threads', 'solo', 'eventlet', 'gevent', 'processes']) {
      assert.equal(parseCeleryWorker(`celery -A p worker --pool ${pool}`)?.pool, pool);
    }
    assert.equal(parseCeleryWorker('celery -A p worker --pool Prefork')?.pool, 'custom');
  });
});

describe('celeryWorkerFacts', () => {
  test('each setting written is read, memory from KiB to MiB', () => {
    const { worker, unknown } = celeryWorkerFacts(
      parseCeleryWorker('celery -A p worker -P threads -c 3 --max-memory-per-child 2048 --max-tasks-per-child 7')!,
    );
    assert.deepEqual(worker, { pool: 'threads', concurrency: 3, maxMemoryPerChildMiB: 2, maxTasksPerChild: 7 });
    assert.deepEqual(unknown, []);
  });

  test('every variable is named in unknown, and the pool falls back to prefork', () => {
    const { worker, unknown } = celeryWorkerFacts(
      parseCeleryWorker('celery -A p worker -P $P -c $C --max-memory-per-child $M --max-tasks-per-child $T')!,
    );
    assert.deepEqual([...unknown].sort(), ['concurrency', 'maxMemoryPerChildMiB', 'maxTasksPerChild', 'pool']);
    assert.deepEqual(worker, {
      pool: 'prefork',
      concurrency: undefined,
      maxMemoryPerChildMiB: undefined,
      maxTasksPerChild: undefined,
    });
  });
});
