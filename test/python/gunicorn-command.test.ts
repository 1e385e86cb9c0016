import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { webConcurrencyWorkers, workerTypeOf } from '../../lib/platform/python/server';
import { PolicyChecks } from '../../lib';
import { parseGunicornCommand, serverFactsOf, shellWords } from '../../lib/python/gunicorn-command';
import { mutated, tf, v2Service } from '../checks/fixtures';

describe('parseGunicornCommand', () => {
  test('an app module named like an object method (constructor, toString) is the app, not a flag', () => {
    const c = parseGunicornCommand(['gunicorn', 'toString', '--workers', '3']);
    assert.equal(c?.app, 'toString');
    assert.equal(c?.workers, 3);
    assert.equal(parseGunicornCommand(['gunicorn', '--workers', '2', 'constructor'])?.app, 'constructor');
  });

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

describe('parseGunicornCommand, each spelling', () => {
  test('finds the program by its name or path only', () => {
    assert.equal(parseGunicornCommand(['/venv/bin/gunicorn', 'm:a'])?.app, 'm:a');
    for (const command of [['mygunicorn', 'm:a'], ['gunicorn.sh'], ['python', 'gunicorn.conf.py']]) {
      assert.equal(parseGunicornCommand(command), undefined, String(command));
    }
  });

  test('reads the words after the program only', () => {
    assert.deepEqual(parseGunicornCommand(['python', '-m', 'gunicorn', 'm:a'])?.otherArgs, []);
    assert.equal(parseGunicornCommand('cd /srv && exec gunicorn -w 2 m:a')?.workers, 2);
  });

  test('the server ends at a command separator', () => {
    for (const separator of ['&&', ';', '|']) {
      const c = parseGunicornCommand(`gunicorn -w 2 m:a ${separator} tee -w 9 --preload other:app`);
      assert.deepEqual([c?.workers, c?.preload, c?.app, c?.otherArgs], [2, false, 'm:a', []], separator);
    }
  });

  test('--flag=value and -f=value; a short flag takes the rest of its word', () => {
    const long = parseGunicornCommand('gunicorn --workers=4 --bind=:8080 --timeout=0 --config=g.py m:a');
    assert.deepEqual([long?.workers, long?.bind, long?.timeout, long?.hasExternalConfig], [4, ':8080', 0, true]);
    const short = parseGunicornCommand('gunicorn -w=4 -kgevent -b:80 m:a');
    // argparse splits at `=` when the words before it are an option, short ones too.
    assert.deepEqual([short?.workers, short?.writesWorkers], [4, true]);
    assert.deepEqual([short?.workerClass, short?.bind], ['gevent', ':80']);
    assert.equal(parseGunicornCommand(['gunicorn', '-w 4', 'm:a'])?.workers, 4, 'argv word "-w 4": -w with " 4"');
    assert.equal(parseGunicornCommand('gunicorn -cgunicorn.conf.py m:a')?.hasExternalConfig, true);
    assert.equal(parseGunicornCommand('gunicorn -b :$PORT m:a')?.hasExternalConfig, false);
  });

  test('a flag without a value at the end leaves the value given before', () => {
    assert.equal(parseGunicornCommand('gunicorn -w 2 m:a --workers')?.workers, 2);
    assert.equal(parseGunicornCommand('gunicorn m:a --workers')?.writesWorkers, false);
  });

  test('numbers: whole or decimal; anything else is not read as one', () => {
    assert.equal(parseGunicornCommand('gunicorn --timeout 2.5 m:a')?.timeout, 2.5);
    assert.equal(parseGunicornCommand('gunicorn --timeout 2.25 m:a')?.timeout, 2.25);
    for (const value of ['2.', '.5', '2.x', 'x2', '2x', '-1', '$T']) {
      assert.equal(parseGunicornCommand(['gunicorn', '--timeout', value, 'm:a'])?.timeout, undefined, value);
    }
  });

  test('the app is a Python path with an optional callable; other words are kept as they are', () => {
    const c = parseGunicornCommand(['gunicorn', '--reload', '1app', 'x-y', 'm:a!', "main:create_app('x', 1)"]);
    assert.equal(c?.app, "main:create_app('x', 1)");
    assert.deepEqual(c?.otherArgs, ['--reload', '1app', 'x-y', 'm:a!']);
    assert.equal(parseGunicornCommand('gunicorn -w 2 main')?.app, 'main');
    const logging = parseGunicornCommand('gunicorn --log-config log.ini m:a');
    assert.equal(logging?.hasExternalConfig, false, 'only -c at the start of a word is the config file');
  });
});

describe('parseGunicornCommand reads options as gunicorn does (argparse, with its abbreviations)', () => {
  const read = (line: string) => {
    const c = parseGunicornCommand(line)!;
    return { workers: c.workers, threads: c.threads, timeout: c.timeout, workerClass: c.workerClass, app: c.app };
  };

  test('a unique prefix of a long option is that option, in both value forms', () => {
    const full = read('gunicorn --worker-class gevent --timeout 30 --threads 4 --workers 2 main:app');
    for (const line of [
      'gunicorn --worker-cl gevent --time 30 --thr 4 --workers 2 main:app',
      'gunicorn --worker-cla=gevent --time=30 --thr=4 --workers=2 main:app',
      'gunicorn -kgevent -t30 --threads=4 -w 2 main:app',
      'gunicorn -k gevent -t 30 --thread 4 -w2 main:app',
    ]) {
      assert.deepEqual(read(line), full, line);
    }
    assert.deepEqual(full, { workers: 2, threads: 4, timeout: 30, workerClass: 'gevent', app: 'main:app' });
    // --preload by a unique prefix; --pr is also --print-config, --proxy-protocol, ...
    assert.equal(parseGunicornCommand('gunicorn --pre m:a')?.preload, true);
    assert.equal(parseGunicornCommand('gunicorn --pr m:a')?.preload, false);
  });

  test('an exact name wins over the longer options it begins', () => {
    // --log-config is also the start of --log-config-json; --reload of --reload-engine.
    const c = parseGunicornCommand('gunicorn --log-config log.ini --reload --workers 3 m:a');
    assert.deepEqual([c?.workers, c?.app], [3, 'm:a']);
    assert.deepEqual(c?.otherArgs, ['--log-config', 'log.ini', '--reload']);
  });

  test('an ambiguous prefix is not understood: kept in otherArgs with its word, read as nothing', () => {
    // --worker begins --workers, --worker-class, --worker-connections and --worker-tmp-dir: gunicorn exits.
    const c = parseGunicornCommand('gunicorn --worker 4 --worker-c gevent --t=60 m:a');
    assert.deepEqual(
      [c?.workers, c?.writesWorkers, c?.workerClass, c?.timeout],
      [undefined, false, undefined, undefined],
    );
    assert.deepEqual(c?.otherArgs, ['--worker', '4', '--worker-c', 'gevent', '--t=60']);
    assert.equal(c?.app, 'm:a');
    const unknown = parseGunicornCommand('gunicorn --wrokers 4 m:a');
    assert.deepEqual([unknown?.workers, unknown?.otherArgs], [undefined, ['--wrokers', '4']]);
  });

  test('a flag takes no value: the app after it stays the app', () => {
    for (const flag of ['--preload', '--pre', '--reload', '--daemon', '-D', '--capture-output', '--no-sendfile']) {
      const c = parseGunicornCommand(`gunicorn -w 2 ${flag} main:app`);
      assert.deepEqual([c?.app, c?.workers], ['main:app', 2], flag);
    }
    assert.equal(parseGunicornCommand('gunicorn --preload main:app')?.preload, true);
    // A flag given a value is refused by gunicorn ("ignored explicit argument"): not read.
    assert.equal(parseGunicornCommand('gunicorn --preload=yes main:app')?.preload, false);
    // Short flags combine: -Dw4 is -D -w4.
    assert.equal(parseGunicornCommand('gunicorn -Dw4 main:app')?.workers, 4);
  });

  test('an option that takes a value does not take the next option as it', () => {
    const c = parseGunicornCommand('gunicorn --access-logfile --workers 3 --bind :8080 m:a');
    assert.deepEqual([c?.workers, c?.bind, c?.app], [3, ':8080', 'm:a']);
    // `-` (stdout) and a negative number are values.
    const values = parseGunicornCommand('gunicorn --access-logfile - --timeout -1 m:a');
    assert.deepEqual([values?.otherArgs, values?.timeout], [['--access-logfile', '-'], undefined]);
    assert.equal(parseGunicornCommand('gunicorn -w -- 3 m:a')?.writesWorkers, false, 'after --, words are the app');
  });

  test('a raw Cloud Run service whose args abbreviate --worker-class is judged as async workers', () => {
    const findings = (args: string[]) =>
      PolicyChecks.checkTerraform(
        tf(
          'google_cloud_run_v2_service',
          mutated(v2Service, (b) => {
            b.template.max_instance_request_concurrency = 80;
            b.template.containers[0].args = args;
          }),
        ),
      )
        .filter((f) => f.ruleId.startsWith('GCR-SERVER-') && f.status === 'fail')
        .map((f) => f.ruleId)
        .sort();
    // A sync worker: killed after 30 s of a 300 s request, and 80 requests queue for 2 workers.
    const sync = findings(['--workers', '2', 'main:app']);
    assert.deepEqual(sync, ['GCR-SERVER-CAPACITY', 'GCR-SERVER-TIMEOUT']);
    assert.deepEqual(findings(['--workers', '2', '-k', 'gevent', 'main:app']), []);
    assert.deepEqual(findings(['--workers', '2', '--worker-cl', 'gevent', 'main:app']), []);
    assert.deepEqual(findings(['--workers', '2', '--worker-cl=gevent', 'main:app']), []);
    // --worker-c is ambiguous (--worker-connections): not read, so the server is still judged as sync.
    assert.deepEqual(findings(['--workers', '2', '--worker-c', 'gevent', 'main:app']), sync);
  });
});

describe('serverFactsOf', () => {
  test("the written worker count over the platform default, with gunicorn's worker type", () => {
    const written = serverFactsOf(parseGunicornCommand('gunicorn -w 3 --threads 4 --timeout 60 --preload m:a')!, 5);
    assert.deepEqual(written, { workerType: 'gthread', workers: 3, threads: 4, timeout: 60, preload: true });
    const unwritten = serverFactsOf(parseGunicornCommand('gunicorn -k uvicorn_worker.UvicornWorker m:a')!, 5);
    assert.deepEqual(unwritten, {
      workerType: 'async',
      workers: 5,
      threads: undefined,
      timeout: undefined,
      preload: false,
    });
  });
});
