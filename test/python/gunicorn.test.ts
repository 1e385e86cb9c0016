/**
 * The gunicorn profiles (Gunicorn.wsgi, Gunicorn.asgi) resolved for a platform: the command they render, the facts the
 * rules read, and every option check on both sides of its limit, with the prop, the value and the fix of each problem.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { TerraformVariable } from 'cdktf';
import { Construct } from 'constructs';
import { CloudRunService } from '../../lib';
import { Problems } from '../../lib/core/problems';
import type { ValidationProblem } from '../../lib/core/validation';
import { Gunicorn, ServerModel } from '../../lib/python/gunicorn';
import { IMAGE } from '../support/cloud-run';
import { found, refused } from '../support/errors';
import { newStack } from '../support/synth';

/** Resolves `server` with `defaultWorkers` (the platform's choice) and returns it with the problems it reported. */
function resolve(server: Gunicorn, defaultWorkers = 2) {
  const problems = new Problems(new Construct(newStack(), 'x'), 'test');
  const resolved = server._resolve(defaultWorkers, problems, 'server');
  const reported: readonly ValidationProblem[] =
    problems.errorCount === 0 ? [] : refused(() => problems.report()).problems;
  return { resolved, reported };
}
/** The props of the problems `server` reports. */
const propsOf = (server: Gunicorn, defaultWorkers = 2) => resolve(server, defaultWorkers).reported.map((p) => p.prop);
const unknownOf = (server: Gunicorn) => [...resolve(server).resolved.unknownValues].sort();

const wsgi = (options: Partial<Parameters<typeof Gunicorn.wsgi>[0]> = {}) =>
  Gunicorn.wsgi({ app: 'main:app', ...options });
const asgi = (options: Partial<Parameters<typeof Gunicorn.asgi>[0]> = {}) =>
  Gunicorn.asgi({ app: 'main:app', ...options });

const tokenNumber = () => new TerraformVariable(newStack(), 'n', { type: 'number' }).numberValue;
const tokenString = () => new TerraformVariable(newStack(), 's', { type: 'string' }).stringValue;

describe('Gunicorn.wsgi renders', () => {
  test('the guide setup by default: the platform workers, 8 threads, no timeout, no preload', () => {
    const server = wsgi();
    assert.equal(server.model, ServerModel.WSGI);
    assert.equal(server.workerClass, 'gthread');
    const { resolved } = resolve(server, 3);
    assert.equal(resolved.commandLine(), 'gunicorn --bind :$PORT --workers 3 --threads 8 --timeout 0 main:app');
    assert.deepEqual(resolved.argv(8080), [
      'gunicorn',
      '--bind',
      ':8080',
      '--workers',
      '3',
      '--threads',
      '8',
      '--timeout',
      '0',
      'main:app',
    ]);
  });

  test('what the options say: workers over the default, threads, timeout, preload, extra args before the app', () => {
    const server = wsgi({ workers: 5, threads: 2, timeout: 120, preload: true, extraArgs: ['--log-level', 'debug'] });
    assert.equal(
      resolve(server, 3).resolved.commandLine(),
      'gunicorn --bind :$PORT --workers 5 --threads 2 --timeout 120 --preload --log-level debug main:app',
    );
  });

  test('the facts the rules read: gthread with threads, sync with one, the memory of all workers', () => {
    const facts = resolve(wsgi({ workers: 3, threads: 4, memoryPerWorker: '200Mi', preload: true })).resolved.facts();
    assert.deepEqual(facts, {
      workerType: 'gthread',
      workers: 3,
      threads: 4,
      timeout: 0,
      preload: true,
      memoryMiB: 600,
    });
    const sync = resolve(wsgi({ threads: 1, timeout: 30 }), 2).resolved.facts();
    assert.deepEqual(sync, {
      workerType: 'sync',
      workers: 2,
      threads: 1,
      timeout: 30,
      preload: false,
      memoryMiB: undefined,
    });
  });

  test('capacity is workers × threads, memory workers × memoryPerWorker', () => {
    const { resolved } = resolve(wsgi({ workers: 3, threads: 4, memoryPerWorker: '1Gi' }));
    assert.equal(resolved.capacity, 12);
    assert.equal(resolved.memoryMiB, 3 * 1024);
    assert.equal(resolve(wsgi()).resolved.memoryMiB, undefined);
    assert.ok(resolved.known);
    assert.ok(resolved.capacityKnown);
  });
});

describe('Gunicorn.asgi renders', () => {
  test('uvicorn workers by default, 80 requests per worker, no threads flag', () => {
    const server = asgi();
    assert.equal(server.model, ServerModel.ASGI);
    assert.equal(server.perWorker, 80);
    const { resolved } = resolve(server, 2);
    assert.equal(
      resolved.commandLine(),
      'gunicorn --bind :$PORT --workers 2 --worker-class uvicorn_worker.UvicornWorker --timeout 0 main:app',
    );
    assert.equal(resolved.capacity, 160);
    assert.deepEqual(resolved.facts(), {
      workerType: 'async',
      workers: 2,
      threads: undefined,
      timeout: 0,
      preload: false,
      memoryMiB: undefined,
    });
  });

  test('the worker class, concurrency per worker, preload and extra args given', () => {
    const server = asgi({
      workers: 4,
      concurrencyPerWorker: 10,
      workerClass: 'uvicorn.workers.UvicornWorker',
      preload: true,
      timeout: 5,
      extraArgs: ['--keep-alive', '5'],
    });
    const { resolved } = resolve(server);
    assert.equal(resolved.capacity, 40);
    assert.deepEqual(resolved.argv(9000), [
      'gunicorn',
      '--bind',
      ':9000',
      '--workers',
      '4',
      '--worker-class',
      'uvicorn.workers.UvicornWorker',
      '--timeout',
      '5',
      '--preload',
      '--keep-alive',
      '5',
      'main:app',
    ]);
  });
});

describe('Gunicorn options are checked', () => {
  test('the app: a Python import path, optionally with a callable and a factory call', () => {
    for (const app of ['main:app', 'mysite.wsgi:application', 'main', '_app', 'app:create_app()', "app:make('prod')"]) {
      assert.deepEqual(propsOf(wsgi({ app })), [], app);
    }
    for (const app of [
      '',
      '1main:app',
      ':app',
      'main:',
      'main:1app',
      'x main:app',
      'main:app x',
      'main app',
      'a-b:app',
    ]) {
      assert.deepEqual(propsOf(wsgi({ app })), ['server.app'], app);
    }
    for (const app of [42, ['main:app']])
      assert.deepEqual(propsOf(wsgi({ app: app as unknown as string })), ['server.app']);
    const [problem] = resolve(asgi({ app: 'main:' })).reported;
    assert.equal(problem.value, "'main:'");
    assert.match(problem.fix, /module:callable/);
    assert.deepEqual(propsOf(wsgi({ app: tokenString() })), [], 'a token is not judged');
  });

  test('workers: a whole number of at least 1, given or derived by the platform', () => {
    assert.deepEqual(propsOf(wsgi({ workers: 1 })), []);
    for (const workers of [0, -1, 1.5, Number.NaN]) assert.deepEqual(propsOf(wsgi({ workers })), ['server.workers']);
    assert.deepEqual(propsOf(wsgi(), 0), ['server.workers'], 'a derived count of 0 is refused too');
    assert.deepEqual(propsOf(wsgi(), 1), []);
    const [problem] = resolve(wsgi({ workers: 0 })).reported;
    assert.equal(problem.value, '0');
    assert.match(problem.rule, /whole number of at least 1/);
    assert.match(problem.fix, /at least 1 worker/);
  });

  test('threads (WSGI) and concurrencyPerWorker (ASGI): a whole number of at least 1', () => {
    assert.deepEqual(propsOf(wsgi({ threads: 1 })), []);
    assert.deepEqual(propsOf(asgi({ concurrencyPerWorker: 1 })), []);
    for (const n of [0, 2.5]) {
      assert.deepEqual(propsOf(wsgi({ threads: n })), ['server.threads']);
      assert.deepEqual(propsOf(asgi({ concurrencyPerWorker: n })), ['server.concurrencyPerWorker']);
    }
    assert.match(resolve(asgi({ concurrencyPerWorker: 0 })).reported[0].rule, /concurrencyPerWorker must be/);
  });

  test('timeout: 0 or a number of seconds; negative and non-finite refused', () => {
    for (const timeout of [0, 0.5, 30, 3600]) assert.deepEqual(propsOf(wsgi({ timeout })), [], String(timeout));
    for (const timeout of [-1, -0.001, Number.POSITIVE_INFINITY, Number.NaN]) {
      assert.deepEqual(propsOf(wsgi({ timeout })), ['server.timeout'], String(timeout));
    }
    const [problem] = resolve(asgi({ timeout: -5 })).reported;
    assert.equal(problem.value, '-5');
    assert.equal(problem.fix, 'use 0');
  });

  test('memoryPerWorker: a memory quantity above zero', () => {
    for (const memoryPerWorker of ['1Mi', '0.5Gi', '200M']) assert.deepEqual(propsOf(wsgi({ memoryPerWorker })), []);
    for (const memoryPerWorker of ['0Mi', '0', 'lots', '-1Mi']) {
      assert.deepEqual(propsOf(wsgi({ memoryPerWorker })), ['server.memoryPerWorker'], memoryPerWorker);
    }
    const { resolved, reported } = resolve(wsgi({ memoryPerWorker: 'lots' }));
    assert.equal(resolved.memoryMiB, undefined, 'an invalid quantity gives no memory to judge');
    assert.equal(reported[0].value, "'lots'");
    assert.match(reported[0].fix, /256Mi/);
  });

  test('every problem at once', () => {
    assert.deepEqual(propsOf(wsgi({ app: '', workers: 0, threads: 0, timeout: -1, memoryPerWorker: 'x' })), [
      'server.app',
      'server.workers',
      'server.threads',
      'server.timeout',
      'server.memoryPerWorker',
    ]);
  });
});

describe('Gunicorn values the rules cannot read', () => {
  test('none when every value is known and valid', () => {
    assert.deepEqual(unknownOf(wsgi({ workers: 2, memoryPerWorker: '100Mi' })), []);
  });

  test('a token skips the rules of that value only, without a problem', () => {
    assert.deepEqual(unknownOf(wsgi({ workers: tokenNumber() })), ['memoryMiB', 'workers']);
    assert.deepEqual(unknownOf(wsgi({ threads: tokenNumber() })), ['threads']);
    assert.deepEqual(unknownOf(asgi({ concurrencyPerWorker: tokenNumber() })), ['threads']);
    assert.deepEqual(unknownOf(wsgi({ timeout: tokenNumber() })), ['timeout']);
    assert.deepEqual(unknownOf(wsgi({ memoryPerWorker: tokenString() })), ['memoryMiB']);
    for (const server of [
      wsgi({ workers: tokenNumber() }),
      wsgi({ threads: tokenNumber() }),
      wsgi({ timeout: tokenNumber() }),
      wsgi({ memoryPerWorker: tokenString() }),
    ]) {
      assert.deepEqual(resolve(server).reported, []);
    }
  });

  test('an invalid value is reported and also unknown to the rules', () => {
    assert.deepEqual(unknownOf(wsgi({ workers: 0 })), ['memoryMiB', 'workers']);
    assert.deepEqual(unknownOf(wsgi({ threads: 0 })), ['threads']);
    assert.deepEqual(unknownOf(wsgi({ timeout: -1 })), ['timeout']);
    assert.deepEqual(unknownOf(wsgi({ memoryPerWorker: '0Mi' })), ['memoryMiB']);
  });

  test('known and capacityKnown follow the unknown values', () => {
    const workers = resolve(wsgi({ workers: tokenNumber() })).resolved;
    assert.equal(workers.known, false);
    assert.equal(workers.capacityKnown, false);
    const threads = resolve(wsgi({ threads: tokenNumber() })).resolved;
    assert.equal(threads.capacityKnown, false);
    const timeout = resolve(wsgi({ timeout: tokenNumber() })).resolved;
    assert.equal(timeout.known, false);
    assert.equal(timeout.capacityKnown, true);
  });
});

describe('Gunicorn extraArgs may not repeat a rendered flag', () => {
  const repeats = (server: Gunicorn) => resolve(server).reported.map((p) => `${p.prop} ${p.value}`);

  test('each rendered flag in every spelling gunicorn takes, with its index', () => {
    const wsgiFlags = ['--bind', '--bind=:80', '-b', '-b:80', '--workers', '-w4', '--threads=2', '--timeout', '-t30'];
    for (const flag of [...wsgiFlags, '--preload', '--tim', '--thr', '--pre']) {
      assert.deepEqual(repeats(wsgi({ extraArgs: ['--log-level', 'info', flag] })), [`server.extraArgs.2 '${flag}'`]);
    }
    for (const flag of ['--worker-class', '--worker-class=gevent', '-k', '-kgevent', '--workers', '--tim']) {
      assert.deepEqual(repeats(asgi({ extraArgs: [flag] })), [`server.extraArgs.0 '${flag}'`]);
    }
  });

  test('flags the model does not render, short prefixes and other arguments pass', () => {
    for (const arg of ['-k', '--worker-class=gthread', '--log-level', '-', '--', '-x', '--x', 'x']) {
      assert.deepEqual(repeats(wsgi({ extraArgs: [arg] })), [], `WSGI ${arg}`);
    }
    for (const arg of ['--threads', '--thr', '--keep-alive']) {
      assert.deepEqual(repeats(asgi({ extraArgs: [arg] })), [], `ASGI ${arg}`);
    }
    assert.deepEqual(repeats(wsgi({ extraArgs: [tokenString()] })), [], 'a token is not judged');
  });

  test('an async worker class in a WSGI profile is refused in every spelling: it is not what the WSGI model counts', () => {
    const refused = (extraArgs: string[]) => resolve(wsgi({ threads: 1, extraArgs })).reported;
    for (const args of [
      ['-k', 'gevent'],
      ['-kgevent'],
      ['--worker-class', 'eventlet'],
      ['--worker-class=gevent'],
      ['--worker-cl', 'gevent'],
      ['--log-level', 'info', '-k', 'uvicorn_worker.UvicornWorker'],
    ]) {
      const [p, ...more] = refused(args);
      assert.equal(more.length, 0, args.join(' '));
      assert.equal(p.prop, `server.extraArgs.${args.length === 4 ? 2 : 0}`, args.join(' '));
      assert.match(p.rule, /^worker class '[\w.]+' is not a sync or gthread worker, which the WSGI profile models/);
      assert.match(p.fix, /^use Gunicorn\.asgi\(\{ app, workerClass: '[\w.]+', concurrencyPerWorker \}\)/);
    }
    // gunicorn's own sync and gthread workers are what the model counts; a value only known at apply, or none, is not
    // judged; the ASGI profile renders the flag.
    for (const args of [
      ['-k', 'gthread'],
      ['--worker-class=sync'],
      ['-k', 'gunicorn.workers.gthread.ThreadWorker'],
      ['-k', tokenString()],
      ['-k'],
    ])
      assert.deepEqual(refused(args), [], args.join(' '));
  });

  test('a unique prefix is refused exactly as the full option, at the index of the option', () => {
    const problems = (extraArgs: string[]) =>
      resolve(wsgi({ threads: 1, extraArgs })).reported.map(({ prop, rule, fix }) => ({ prop, rule, fix }));
    const byPrefix = problems(['--log-level', 'info', '--worker-cl', 'gevent']);
    assert.deepEqual(byPrefix, problems(['--log-level', 'info', '-k', 'gevent']));
    assert.deepEqual(
      byPrefix.map((p) => p.prop),
      ['server.extraArgs.2'],
    );
    assert.deepEqual(problems(['--time', '30']), problems(['--timeout', '30']));
    assert.deepEqual(problems(['--thr=2']), problems(['--threads=2']));
  });

  test('a flag takes no value: the word after it is read on its own', () => {
    assert.deepEqual(repeats(wsgi({ extraArgs: ['--reload', '-w', '2'] })), [`server.extraArgs.1 ["-w","2"]`]);
    assert.deepEqual(repeats(wsgi({ extraArgs: ['--capture-output', '--pre'] })), [`server.extraArgs.1 '--pre'`]);
    // An option that takes a value takes the next word only when it is no option: `--log-level --threads` gives
    // --log-level none (gunicorn exits), and --threads is still an option the profile renders.
    assert.deepEqual(repeats(wsgi({ extraArgs: ['--log-level', '--threads', '2'] })), [
      `server.extraArgs.1 ["--threads","2"]`,
    ]);
    // A value that only contains a rendered flag is a value.
    assert.deepEqual(repeats(wsgi({ extraArgs: ['-e', 'X=--workers'] })), []);
  });

  test('an ambiguous prefix makes gunicorn exit: refused with the options it begins', () => {
    for (const [args, index, candidates] of [
      [['--w'], 0, /--workers, --worker-class, --worker-connections, --worker-tmp-dir/],
      [['--log-level', 'info', '--worker', '4'], 2, /--workers, --worker-class/],
      [['--worker-c', 'gevent'], 0, /--worker-class, --worker-connections$/],
      [['--t=30'], 0, /--threads, --timeout$/],
    ] as const) {
      const reported = resolve(wsgi({ extraArgs: [...args] })).reported;
      assert.deepEqual(
        reported.map((p) => p.prop),
        [`server.extraArgs.${index}`],
        args.join(' '),
      );
      assert.match(reported[0].rule, /^gunicorn refuses the ambiguous option --[\w-]+, the start of /);
      assert.match(reported[0].rule, candidates);
    }
  });

  test('the fix names the option that sets the flag', () => {
    const fixes = (server: Gunicorn) => resolve(server).reported.map((p) => p.fix);
    assert.match(fixes(wsgi({ extraArgs: ['--threads'] }))[0], /--threads is set by threads$/);
    assert.match(fixes(asgi({ extraArgs: ['-k', 'x'] }))[0], /--worker-class is set by workerClass$/);
    assert.match(fixes(wsgi({ extraArgs: ['--preload'] }))[0], /preload: true$/);
    assert.match(fixes(wsgi({ extraArgs: ['--bind'] }))[0], /the platform/);
    assert.match(resolve(wsgi({ extraArgs: ['-w', '2'] })).reported[0].rule, /already renders --workers/);
  });
});

describe('Gunicorn factory options of the wrong shape', () => {
  const refusedBy = (server: Gunicorn) =>
    found(refused(() => new CloudRunService(newStack(), 'Api', { region: 'us-central1', image: IMAGE, server })));

  test('are refused by the construct given the profile, under the option names of each factory', () => {
    const options = { app: 'main:app', workers: '2', preload: 'yes', thread: 2, extraArgs: 'x' };
    assert.deepEqual(refusedBy(Gunicorn.wsgi(options as never)), [
      "server.thread: 'thread' is not a known option",
      'server.workers: expected a number, got a string',
      'server.preload: expected a boolean, got a string',
      'server.extraArgs: expected a list of strings, got a string',
    ]);
    const asgiOptions = { app: 'main:app', workerClass: 3, concurrencyPerWorker: '10', threads: 2 };
    assert.deepEqual(refusedBy(Gunicorn.asgi(asgiOptions as never)), [
      "server.threads: 'threads' is not a known option",
      'server.concurrencyPerWorker: expected a number, got a string',
      'server.workerClass: expected a string, got a number',
    ]);
  });
});
