/**
 * The Celery worker profile (Celery.worker) resolved for an instance: the command it renders, the facts the rules read,
 * and every option check on both sides, with the prop, the value and the fix of each problem.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { TerraformVariable } from 'cdktf';
import { Construct } from 'constructs';
import { Problems } from '../../lib/core/problems';
import type { ValidationProblem } from '../../lib/core/validation';
import { Celery, CeleryPool, type CeleryWorkerOptions } from '../../lib/python/celery';
import { refused } from '../support/errors';
import { newStack } from '../support/synth';

/** Resolves `worker` with `defaultConcurrency` (the instance's vCPU) and returns it with the problems it reported. */
function resolve(worker: Celery, defaultConcurrency = 2) {
  const problems = new Problems(new Construct(newStack(), 'x'), 'test');
  const resolved = worker._resolve(defaultConcurrency, problems, 'worker');
  const reported: readonly ValidationProblem[] =
    problems.errorCount === 0 ? [] : refused(() => problems.report()).problems;
  return { resolved, reported };
}
const celery = (options: Partial<CeleryWorkerOptions> = {}) => Celery.worker({ app: 'proj', ...options });
/** The props of the problems the worker reports. */
const propsOf = (options: Partial<CeleryWorkerOptions>) => resolve(celery(options)).reported.map((p) => p.prop);
const argvOf = (options: Partial<CeleryWorkerOptions>, defaultConcurrency = 2) =>
  resolve(celery(options), defaultConcurrency).resolved.argv();

const tokenNumber = () => new TerraformVariable(newStack(), 'n', { type: 'number' }).numberValue;
const tokenString = () => new TerraformVariable(newStack(), 's', { type: 'string' }).stringValue;

describe('Celery.worker renders', () => {
  test('a prefork worker with one child per vCPU by default', () => {
    const { resolved, reported } = resolve(celery(), 3);
    assert.deepEqual(reported, []);
    assert.deepEqual(resolved.argv(), ['celery', '-A', 'proj', 'worker', '--pool', 'prefork', '--concurrency', '3']);
    assert.equal(resolved.commandLine(), 'celery -A proj worker --pool prefork --concurrency 3');
    assert.ok(resolved.known);
  });

  test('every option, in order, with the memory limit in the KiB Celery takes', () => {
    const options = {
      app: 'proj.celery:app',
      concurrency: 4,
      maxTasksPerChild: 50,
      maxMemoryPerChild: '400Mi',
      queues: ['high', 'low'],
      extraArgs: ['--loglevel', 'info'],
    };
    assert.deepEqual(argvOf(options, 1), [
      'celery',
      '-A',
      'proj.celery:app',
      'worker',
      '--pool',
      'prefork',
      '--concurrency',
      '4',
      '--max-tasks-per-child',
      '50',
      '--max-memory-per-child',
      String(400 * 1024),
      '--queues',
      'high,low',
      '--loglevel',
      'info',
    ]);
  });

  test('the solo pool runs one task at a time and writes no concurrency', () => {
    const { resolved } = resolve(celery({ pool: CeleryPool.SOLO }), 4);
    assert.equal(resolved.concurrency, 1);
    assert.deepEqual(resolved.argv(), ['celery', '-A', 'proj', 'worker', '--pool', 'solo']);
    assert.deepEqual(propsOf({ pool: CeleryPool.SOLO, concurrency: 1 }), []);
  });

  test('the facts the rules read', () => {
    const { resolved } = resolve(celery({ concurrency: 3, maxTasksPerChild: 10, maxMemoryPerChild: '1Gi' }));
    assert.deepEqual(resolved.facts(), {
      pool: 'prefork',
      concurrency: 3,
      maxMemoryPerChildMiB: 1024,
      maxTasksPerChild: 10,
    });
    assert.deepEqual(resolve(celery({ pool: CeleryPool.GEVENT, concurrency: 100 })).resolved.facts(), {
      pool: 'gevent',
      concurrency: 100,
      maxMemoryPerChildMiB: undefined,
      maxTasksPerChild: undefined,
    });
  });

  test('describe names the app, pool, concurrency and the memory limit when given', () => {
    const plain = resolve(celery({ pool: CeleryPool.THREADS, concurrency: 3 })).resolved.describe();
    for (const part of ["app: 'proj'", 'pool: threads', 'concurrency: 3']) assert.ok(plain.includes(part), plain);
    assert.ok(!plain.includes('maxMemoryPerChild'), plain);
    const memory = resolve(celery({ maxMemoryPerChild: '2048Mi' })).resolved.describe();
    assert.ok(memory.includes('maxMemoryPerChild: 2Gi'), memory);
  });
});

describe('Celery.worker options are checked', () => {
  test('the app: a module, optionally with an attribute', () => {
    for (const app of ['proj', 'proj.celery', 'proj.celery:app', '_p']) assert.deepEqual(propsOf({ app }), [], app);
    for (const app of ['', '1proj', 'proj:', ':app', 'proj:app()', 'x proj', 'proj x', 'my-proj']) {
      assert.deepEqual(propsOf({ app }), ['worker.app'], app);
    }
    assert.deepEqual(propsOf({ app: tokenString() }), [], 'a token is not judged');
    const [problem] = resolve(celery({ app: 'proj:' })).reported;
    assert.equal(problem.value, "'proj:'");
    assert.match(problem.fix, /'module:attribute'/);
  });

  test('concurrency and maxTasksPerChild: whole numbers of at least 1', () => {
    for (const name of ['concurrency', 'maxTasksPerChild'] as const) {
      assert.deepEqual(propsOf({ [name]: 1 }), [], name);
      for (const value of [0, -1, 1.5])
        assert.deepEqual(propsOf({ [name]: value }), [`worker.${name}`], `${name} ${value}`);
      const [problem] = resolve(celery({ [name]: 0 })).reported;
      assert.equal(problem.value, '0');
      assert.match(problem.rule, new RegExp(`^${name} must be a whole number of at least 1`));
      assert.match(problem.fix, /leave it unset/);
      assert.deepEqual(propsOf({ [name]: tokenNumber() }), [], `a token ${name} is not judged`);
    }
  });

  test('maxMemoryPerChild: a quantity of at least 1 KiB, known at synth time', () => {
    for (const maxMemoryPerChild of ['1Ki', '1024', '400Mi', '1Gi']) {
      assert.deepEqual(propsOf({ maxMemoryPerChild }), [], maxMemoryPerChild);
    }
    assert.deepEqual(argvOf({ maxMemoryPerChild: '1Ki' }).slice(-2), ['--max-memory-per-child', '1']);
    for (const maxMemoryPerChild of ['0.5Ki', '1023', '0Mi', 'lots']) {
      assert.deepEqual(propsOf({ maxMemoryPerChild }), ['worker.maxMemoryPerChild'], maxMemoryPerChild);
    }
    const invalid = resolve(celery({ maxMemoryPerChild: 'lots' }));
    assert.equal(invalid.reported[0].value, "'lots'");
    assert.equal(invalid.resolved.maxMemoryPerChildMiB, undefined, 'an invalid quantity gives no memory to judge');
    assert.ok(!invalid.resolved.argv().includes('--max-memory-per-child'));
    const token = resolve(celery({ maxMemoryPerChild: tokenString() }));
    assert.deepEqual(
      token.reported.map((p) => p.prop),
      ['worker.maxMemoryPerChild'],
    );
    assert.match(token.reported[0].rule, /known at synth time/);
  });

  test('child recycling is refused on the pools without child processes, each option by name', () => {
    for (const pool of [CeleryPool.THREADS, CeleryPool.SOLO, CeleryPool.GEVENT, CeleryPool.EVENTLET]) {
      assert.deepEqual(
        propsOf({ pool, maxTasksPerChild: 10, maxMemoryPerChild: '400Mi' }),
        ['worker.maxTasksPerChild', 'worker.maxMemoryPerChild'],
        pool,
      );
      assert.deepEqual(propsOf({ pool, maxMemoryPerChild: '400Mi' }), ['worker.maxMemoryPerChild'], pool);
      assert.deepEqual(propsOf({ pool }), [], pool);
    }
    assert.deepEqual(propsOf({ pool: CeleryPool.PREFORK, maxTasksPerChild: 10, maxMemoryPerChild: '400Mi' }), []);
    const [problem] = resolve(celery({ pool: CeleryPool.THREADS, maxTasksPerChild: 10 })).reported;
    assert.equal(problem.value, '10');
    assert.match(problem.rule, /the threads pool has none/);
  });

  test('the solo pool takes no concurrency above 1', () => {
    assert.deepEqual(propsOf({ pool: CeleryPool.SOLO, concurrency: 2 }), ['worker.concurrency']);
    assert.deepEqual(propsOf({ pool: CeleryPool.THREADS, concurrency: 2 }), []);
    assert.match(resolve(celery({ pool: CeleryPool.SOLO, concurrency: 2 })).reported[0].rule, /one task at a time/);
  });

  test('queues: each a name without comma or space, and not none', () => {
    assert.deepEqual(propsOf({ queues: ['a', 'high.priority'] }), []);
    assert.deepEqual(propsOf({ queues: ['a', tokenString()] }), [], 'a token is not judged');
    for (const queue of ['', 'a,b', 'a b', ' a', 'a\t']) {
      assert.deepEqual(propsOf({ queues: ['ok', queue] }), ['worker.queues'], JSON.stringify(queue));
    }
    assert.deepEqual(propsOf({ queues: [] }), ['worker.queues']);
    assert.match(resolve(celery({ queues: [] })).reported[0].rule, /empty list/);
  });

  test('extraArgs may not repeat a rendered setting, in any spelling', () => {
    const rendered = ['-A', '--app', '--app=x', '-P', '--pool=solo', '-Pgevent', '-c', '-c4', '--concurrency=2'];
    const more = ['--autoscale=4,2', '--max-tasks-per-child', '--max-memory-per-child=1', '-Q', '-Qa', '--queues'];
    for (const arg of [...rendered, ...more]) {
      const { reported } = resolve(celery({ extraArgs: ['--loglevel', 'info', arg] }));
      assert.deepEqual(
        reported.map((p) => p.prop),
        ['worker.extraArgs'],
        arg,
      );
      assert.ok(reported[0].rule.startsWith(`${arg} repeats a setting`), reported[0].rule);
    }
    for (const arg of [
      '--loglevel=info',
      '-l',
      '--application',
      '--pools',
      '-O',
      'fair',
      '-E',
      '--prefetch-multiplier=1',
    ]) {
      assert.deepEqual(propsOf({ extraArgs: [arg] }), [], arg);
    }
    assert.deepEqual(propsOf({ extraArgs: [tokenString()] }), [], 'a token is not judged');
    assert.deepEqual(propsOf({ extraArgs: ['-n', 'node-Q1@%h', '--hostname=w-c'] }), [], 'a flag inside a value');
    assert.deepEqual(propsOf({ extraArgs: ['-c', '2', '-Q', 'a'] }), ['worker.extraArgs', 'worker.extraArgs']);
  });

  test('every problem at once', () => {
    assert.deepEqual(propsOf({ app: '1', concurrency: 0, maxMemoryPerChild: 'x', queues: [] }), [
      'worker.app',
      'worker.concurrency',
      'worker.maxMemoryPerChild',
      'worker.queues',
    ]);
  });
});

describe('Celery.worker options of the wrong shape', () => {
  test('are reported by name, and the worker renders with what can be read', () => {
    const wrongPool = resolve(celery({ pool: 'fast' as CeleryPool, concurrency: 3 }), 4);
    assert.deepEqual(
      wrongPool.reported.map((p) => p.prop),
      ['worker.pool'],
    );
    assert.deepEqual(wrongPool.resolved.argv(), [
      'celery',
      '-A',
      'proj',
      'worker',
      '--pool',
      'prefork',
      '--concurrency',
      '1',
    ]);
    assert.equal(wrongPool.resolved.known, false);
    assert.deepEqual(wrongPool.resolved.facts(), {
      pool: 'prefork',
      concurrency: 1,
      maxMemoryPerChildMiB: undefined,
      maxTasksPerChild: undefined,
    });
    const wrongApp = resolve(Celery.worker({ app: 42 as unknown as string }));
    assert.deepEqual(
      wrongApp.reported.map((p) => p.prop),
      ['worker.app'],
    );
    assert.equal(wrongApp.resolved.app, 'app');
  });

  test('a worker given nothing reports its app', () => {
    const { reported } = resolve(Celery.worker(undefined as unknown as CeleryWorkerOptions));
    assert.deepEqual(
      reported.map((p) => p.prop),
      ['worker.app'],
    );
  });
});

describe('Celery.worker values the rules cannot read', () => {
  test('a token concurrency leaves the worker unknown, without a problem', () => {
    const { resolved, reported } = resolve(celery({ concurrency: tokenNumber() }));
    assert.deepEqual(reported, []);
    assert.equal(resolved.known, false);
  });

  test('a reported problem leaves it unknown too', () => {
    assert.equal(resolve(celery({ queues: [] })).resolved.known, false);
    assert.equal(resolve(celery({ maxTasksPerChild: 1 })).resolved.known, true);
  });
});
