import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CLOUD_RUN_RULES } from '../../lib/platform/cloud-run';
import { type CloudRunFacts, isRequestBilled } from '../../lib/platform/cloud-run/facts';
import { startupBudgetSeconds } from '../../lib/platform/cloud-run/probes';
import {
  defaultWorkersForCpu,
  isAllowedCpu,
  memoryBoundsForCpu,
  minCpuForMemory,
} from '../../lib/platform/cloud-run/resources';
import { suggestServiceName } from '../../lib/platform/cloud-run/service';
import { CheckLevel } from '../../lib/core/levels';
import { evaluate } from '../../lib/platform/rule';

const RULES = new Map(CLOUD_RUN_RULES.map((r) => [r.id, r]));

/** The violations (fact, message, fix) of rule `id` on `facts`, in order (none unless it fails), and its status. */
function judge(id: string, facts: CloudRunFacts, unknown: string[] = []) {
  const rule = RULES.get(id);
  assert.ok(rule, `no rule ${id}`);
  const [outcome] = evaluate([rule], { facts, unknown: new Set(unknown) }, { now: new Date('2026-11-29T00:00:00Z') });
  const violations = outcome.status === 'fail' ? outcome.violations : [];
  return { status: outcome.status, violations: violations.map(({ fact, message, fix }) => ({ fact, message, fix })) };
}

/** Runs one rule and returns its status, and the fact and message of each violation. */
function run(id: string, facts: CloudRunFacts, unknown: string[] = []) {
  const { status, violations } = judge(id, facts, unknown);
  return { status, facts: violations.map((v) => v.fact), messages: violations.map((v) => v.message) };
}

/** The violations (fact, message, fix) rule `id` reports on `facts`, in order (none when it passes). */
const violationsOf = (id: string, facts: CloudRunFacts) => judge(id, facts).violations;

/** The facts rule `id` reports on `facts`, in order (none when it passes). */
const reported = (id: string, facts: CloudRunFacts, unknown: string[] = []) => run(id, facts, unknown).facts;

const passes = (id: string, facts: CloudRunFacts) =>
  assert.equal(run(id, facts).status, 'pass', `${id} should pass ${JSON.stringify(facts)}`);
const fails = (id: string, facts: CloudRunFacts, pattern?: RegExp) => {
  const r = run(id, facts);
  assert.equal(r.status, 'fail', `${id} should fail ${JSON.stringify(facts)}`);
  if (pattern) assert.match(r.messages.join('\n'), pattern);
};

describe('Cloud Run platform facts', () => {
  test('allowed CPU values: 0.08 to below 1 in steps of 0.001, then 1, 2, 4, 6, 8', () => {
    for (const ok of [0.08, 0.5, 0.125, 0.999, 1, 2, 4, 6, 8]) assert.ok(isAllowedCpu(ok), String(ok));
    for (const bad of [0, 0.07, 0.0805, 3, 5, 7, 9, 1.5, Number.NaN]) assert.ok(!isAllowedCpu(bad), String(bad));
  });

  test('memory bounds follow the CPU table in both directions', () => {
    assert.deepEqual(memoryBoundsForCpu(0.25), { minCpu: 0, maxMiB: 512, minMiB: 0 });
    assert.equal(memoryBoundsForCpu(0.5).maxMiB, 1024);
    assert.equal(memoryBoundsForCpu(1).maxMiB, 4096);
    assert.equal(memoryBoundsForCpu(2).maxMiB, 8192);
    assert.equal(memoryBoundsForCpu(4).minMiB, 2048);
    assert.equal(memoryBoundsForCpu(6).minMiB, 4096);
    assert.equal(memoryBoundsForCpu(8).maxMiB, 32768);
    assert.equal(minCpuForMemory(600), 0.5);
    assert.equal(minCpuForMemory(5 * 1024), 2);
    assert.equal(minCpuForMemory(20 * 1024), 6);
    assert.equal(minCpuForMemory(40 * 1024), undefined);
  });

  test('below the table: the 512 MiB row, and the least vCPU for 512 MiB or less is 0.08', () => {
    const lowest = { minCpu: 0, maxMiB: 512, minMiB: 0 };
    assert.deepEqual(memoryBoundsForCpu(-1), lowest);
    assert.deepEqual(memoryBoundsForCpu(Number.NaN), lowest);
    assert.equal(minCpuForMemory(512), 0.08);
    assert.equal(minCpuForMemory(128), 0.08);
    assert.equal(minCpuForMemory(513), 0.5);
  });

  test('workers default to whole vCPUs, at least one', () => {
    assert.deepEqual([0.5, 1, 2, 4, 8].map(defaultWorkersForCpu), [1, 1, 2, 4, 8]);
  });

  test('billing: cpu_idle unset means request-based only when no resources block is written', () => {
    assert.equal(isRequestBilled({}), true);
    assert.equal(isRequestBilled({ resourcesWritten: true }), false);
    assert.equal(isRequestBilled({ resourcesWritten: true, cpuIdle: true }), true);
  });

  test('startup budget: default TCP probe 240 s, provider defaults 30 s once a block is written', () => {
    assert.equal(startupBudgetSeconds(undefined), 240);
    assert.equal(startupBudgetSeconds({ kind: 'http' }), 30);
    assert.equal(startupBudgetSeconds({ kind: 'http', periodSeconds: 10, failureThreshold: 24 }), 240);
  });

  test('service names are derived from anything', () => {
    assert.equal(suggestServiceName('My_API service'), 'my-api-service');
    assert.equal(suggestServiceName('9lives-'), 'lives');
    assert.equal(suggestServiceName('x'.repeat(80)).length, 49);
  });
});

describe('Cloud Run platform rules', () => {
  test('GCR-CPU-VALUE', () => {
    passes('GCR-CPU-VALUE', { cpu: 2 });
    passes('GCR-CPU-VALUE', { cpu: 0.25 });
    fails('GCR-CPU-VALUE', { cpu: 3 }, /3 is not allowed/);
    fails('GCR-CPU-VALUE', { cpu: 16 }, /3 is not allowed|16 is not allowed/);
    fails('GCR-CPU-VALUE', { cpu: Number.NaN }, /not a valid quantity/);
  });

  test('GCR-MEMORY-RANGE', () => {
    passes('GCR-MEMORY-RANGE', { memoryMiB: 256, executionEnvironment: 'GEN1' });
    passes('GCR-MEMORY-RANGE', { memoryMiB: 512, executionEnvironment: 'GEN2' });
    fails('GCR-MEMORY-RANGE', { memoryMiB: 256, executionEnvironment: 'GEN2' }, /below the 512Mi minimum of the gen2/);
    fails('GCR-MEMORY-RANGE', { memoryMiB: 488.28, executionEnvironment: 'GEN2' }, /below/);
    fails('GCR-MEMORY-RANGE', { memoryMiB: 64 }, /below the 128Mi/);
    fails('GCR-MEMORY-RANGE', { memoryMiB: 40 * 1024 }, /32 GiB maximum/);
  });

  test('GCR-MEMORY-FOR-CPU: maxima and minima', () => {
    passes('GCR-MEMORY-FOR-CPU', { cpu: 1, memoryMiB: 4096 });
    passes('GCR-MEMORY-FOR-CPU', { cpu: 4, memoryMiB: 2048 });
    fails(
      'GCR-MEMORY-FOR-CPU',
      { cpu: 1, memoryMiB: 8192 },
      /at most 4Gi of memory with 1 vCPU; 8Gi needs at least 2 vCPU/,
    );
    fails('GCR-MEMORY-FOR-CPU', { cpu: 0.4, memoryMiB: 1024 }, /at most 512Mi/);
    fails('GCR-MEMORY-FOR-CPU', { cpu: 4, memoryMiB: 1024 }, /4 vCPU need at least 2Gi/);
    fails('GCR-MEMORY-FOR-CPU', { cpu: 6, memoryMiB: 3 * 1024 }, /at least 4Gi/);
    fails('GCR-MEMORY-FOR-CPU', { memoryMiB: 8192 }, /with 1 vCPU/); // unset CPU is 1
  });

  test('GCR-FRACTIONAL-CPU: concurrency 1, request billing, not gen2', () => {
    passes('GCR-FRACTIONAL-CPU', {
      cpu: 0.5,
      concurrency: 1,
      cpuIdle: true,
      resourcesWritten: true,
      executionEnvironment: 'GEN1',
    });
    passes('GCR-FRACTIONAL-CPU', {
      cpu: 1,
      concurrency: 80,
      cpuIdle: false,
      resourcesWritten: true,
      executionEnvironment: 'GEN2',
    });
    fails(
      'GCR-FRACTIONAL-CPU',
      { cpu: 0.5, concurrency: 4, cpuIdle: true, resourcesWritten: true },
      /concurrency must be 1, not 4/,
    );
    fails('GCR-FRACTIONAL-CPU', { cpu: 0.5, cpuIdle: false, resourcesWritten: true }, /request-based/);
    fails('GCR-FRACTIONAL-CPU', { cpu: 0.5, resourcesWritten: true }, /request-based/); // resources without cpu_idle
    fails('GCR-FRACTIONAL-CPU', { cpu: 0.5, cpuIdle: true, executionEnvironment: 'GEN2' }, /gen2/);
  });

  test('GCR-CPU-IDLE-IMPLICIT', () => {
    passes('GCR-CPU-IDLE-IMPLICIT', { resourcesWritten: true, cpuIdle: true });
    passes('GCR-CPU-IDLE-IMPLICIT', { resourcesWritten: false });
    fails('GCR-CPU-IDLE-IMPLICIT', { resourcesWritten: true }, /without cpu_idle/);
  });

  test('GCR-CONCURRENCY-RANGE', () => {
    passes('GCR-CONCURRENCY-RANGE', { concurrency: 1000 });
    fails('GCR-CONCURRENCY-RANGE', { concurrency: 1001 });
    fails('GCR-CONCURRENCY-RANGE', { concurrency: 0 });
    fails('GCR-CONCURRENCY-RANGE', { concurrency: 2.5 });
  });

  test('GCR-SCALING-RANGE', () => {
    passes('GCR-SCALING-RANGE', { minInstances: 2, maxInstances: 2 });
    fails('GCR-SCALING-RANGE', { minInstances: 3, maxInstances: 2 }, /min instances 3 is above max instances 2/);
    fails('GCR-SCALING-RANGE', { minInstances: -1 });
    fails('GCR-SCALING-RANGE', { maxInstances: -1 });
    fails('GCR-SCALING-RANGE', { maxInstances: 2.5 });
    // max 0 is not sent by the provider: "not set", not a limit below min.
    passes('GCR-SCALING-RANGE', { maxInstances: 0 });
    passes('GCR-SCALING-RANGE', { minInstances: 2, maxInstances: 0 });
    fails('GCR-MAX-INSTANCES-UNSET', { maxInstances: 0 }, /0 does not stop the service$/);
    fails('GCR-MAX-INSTANCES-UNSET', { workload: 'worker-pool', maxInstances: 0 }, /0 does not stop the worker pool$/);
  });

  test('GCR-REQUEST-TIMEOUT and GCR-LONG-REQUEST-TIMEOUT', () => {
    passes('GCR-REQUEST-TIMEOUT', { timeoutSeconds: 3600 });
    fails('GCR-REQUEST-TIMEOUT', { timeoutSeconds: 3601 });
    fails('GCR-REQUEST-TIMEOUT', { timeoutSeconds: 0 });
    passes('GCR-LONG-REQUEST-TIMEOUT', { timeoutSeconds: 900 });
    fails('GCR-LONG-REQUEST-TIMEOUT', { timeoutSeconds: 1800 });
  });

  test('GCR-STARTUP-PROBE: the ranges of period, delay, timeout and threshold are errors', () => {
    passes('GCR-STARTUP-PROBE', {
      startupProbe: { kind: 'http', periodSeconds: 10, failureThreshold: 24, timeoutSeconds: 5 },
    });
    passes('GCR-STARTUP-PROBE', {
      startupProbe: { kind: 'tcp', periodSeconds: 240, timeoutSeconds: 240, failureThreshold: 1 },
    });
    fails(
      'GCR-STARTUP-PROBE',
      { startupProbe: { kind: 'http', periodSeconds: 300, failureThreshold: 1 } },
      /periodSeconds 300/,
    );
    fails('GCR-STARTUP-PROBE', { startupProbe: { kind: 'http', initialDelaySeconds: 241 } }, /initialDelaySeconds 241/);
    fails('GCR-STARTUP-PROBE', { startupProbe: { kind: 'http', failureThreshold: 0 } }, /failureThreshold 0/);
    fails('GCR-STARTUP-PROBE', { startupProbe: { kind: 'http', timeoutSeconds: 3601 } }, /timeoutSeconds 3601/);
  });

  test('GCR-PROBE-TIMEOUT: a timeout longer than the period is a warning (the API accepts it), for either probe', () => {
    const rule = CLOUD_RUN_RULES.find((r) => r.id === 'GCR-PROBE-TIMEOUT')!;
    assert.equal(rule.level, 'warning');
    assert.equal(rule.suppressible, true);
    passes('GCR-PROBE-TIMEOUT', { startupProbe: { kind: 'tcp', periodSeconds: 240, timeoutSeconds: 240 } });
    fails('GCR-PROBE-TIMEOUT', { startupProbe: { kind: 'http', periodSeconds: 2, timeoutSeconds: 6 } }, /6 is longer/);
    fails('GCR-PROBE-TIMEOUT', { livenessProbe: { kind: 'http', periodSeconds: 1, timeoutSeconds: 5 } }, /5 is longer/);
    // The provider's acceptance tests apply these; the range rules pass them.
    passes('GCR-STARTUP-PROBE', { startupProbe: { kind: 'http', periodSeconds: 2, timeoutSeconds: 6 } });
    passes('GCR-LIVENESS-PROBE', { livenessProbe: { kind: 'http', periodSeconds: 1, timeoutSeconds: 5 } });
  });

  test('GCR-STARTUP-BUDGET: 240 s for services and worker pools, 600 s for jobs, 1800 s for jobs with a GPU', () => {
    const probe = (periodSeconds: number, failureThreshold: number) => ({
      kind: 'http' as const,
      periodSeconds,
      failureThreshold,
    });
    passes('GCR-STARTUP-BUDGET', { startupProbe: probe(10, 24) });
    fails('GCR-STARTUP-BUDGET', { startupProbe: probe(10, 25) }, /250 s exceeds the 240 s startup budget/);
    fails('GCR-STARTUP-BUDGET', { workload: 'worker-pool', startupProbe: probe(10, 25) }, /240 s/);
    passes('GCR-STARTUP-BUDGET', { workload: 'job', startupProbe: probe(60, 10) });
    fails('GCR-STARTUP-BUDGET', { workload: 'job', startupProbe: probe(60, 11) }, /660 s exceeds the 600 s/);
    passes('GCR-STARTUP-BUDGET', { workload: 'job', gpuCount: 1, startupProbe: probe(60, 30) });
    fails('GCR-STARTUP-BUDGET', { workload: 'job', gpuCount: 1, startupProbe: probe(60, 31) }, /1800 s/);
  });

  test('GCR-LIVENESS-PROBE and GCR-LIVENESS-TCP', () => {
    passes('GCR-LIVENESS-PROBE', { livenessProbe: { kind: 'http', periodSeconds: 3600, timeoutSeconds: 10 } });
    fails('GCR-LIVENESS-PROBE', { livenessProbe: { kind: 'http', periodSeconds: 3601 } }, /3601/);
    passes('GCR-LIVENESS-TCP', { livenessProbe: { kind: 'http' } });
    fails('GCR-LIVENESS-TCP', { livenessProbe: { kind: 'tcp' } });
  });

  test('GCR-HTTP-PROBE-H2C', () => {
    passes('GCR-HTTP-PROBE-H2C', { portName: 'h2c', startupProbe: { kind: 'tcp' } });
    passes('GCR-HTTP-PROBE-H2C', { portName: 'http1', startupProbe: { kind: 'http' } });
    fails('GCR-HTTP-PROBE-H2C', { portName: 'h2c', livenessProbe: { kind: 'http' } });
  });

  test('GCR-SERVICE-NAME', () => {
    passes('GCR-SERVICE-NAME', { name: 'my-api-2' });
    passes('GCR-SERVICE-NAME', { name: 'a'.repeat(49) });
    fails('GCR-SERVICE-NAME', { name: 'a'.repeat(50) }, /50 characters/);
    for (const bad of ['My-Api', '2api', 'api-', 'api_v2', '']) fails('GCR-SERVICE-NAME', { name: bad });
  });

  const wsgi = { workerType: 'gthread' as const, workers: 1, threads: 8, timeout: 0, preload: false };

  test('GCR-SERVER-STARTUP-PROBE: gunicorn without preload needs an HTTP startup probe', () => {
    passes('GCR-SERVER-STARTUP-PROBE', { server: wsgi, startupProbe: { kind: 'http' } });
    passes('GCR-SERVER-STARTUP-PROBE', { server: { ...wsgi, preload: true }, startupProbe: { kind: 'tcp' } });
    passes('GCR-SERVER-STARTUP-PROBE', { startupProbe: { kind: 'tcp' } }); // no gunicorn known
    fails(
      'GCR-SERVER-STARTUP-PROBE',
      { server: wsgi, startupProbe: { kind: 'tcp' } },
      /before any worker has imported/,
    );
    fails('GCR-SERVER-STARTUP-PROBE', { server: wsgi }, /default TCP/);
  });

  test('GCR-SERVER-TIMEOUT: a sync worker timeout shorter than the request timeout kills requests', () => {
    const sync = { ...wsgi, workerType: 'sync' as const, threads: 1 };
    passes('GCR-SERVER-TIMEOUT', { server: sync, timeoutSeconds: 3600 });
    passes('GCR-SERVER-TIMEOUT', { server: { ...sync, timeout: 300 }, timeoutSeconds: 300 });
    fails(
      'GCR-SERVER-TIMEOUT',
      { server: { ...sync, timeout: 30 }, timeoutSeconds: 60 },
      /sync gunicorn worker .*30 s is shorter than the 60 s/,
    );
    fails('GCR-SERVER-TIMEOUT', { server: { ...sync, timeout: undefined } }, /30 s is shorter than the 300 s/); // gunicorn default 30
  });

  test('GCR-SERVER-TIMEOUT: gthread and async workers keep notifying while requests run, so their timeout is not judged', () => {
    passes('GCR-SERVER-TIMEOUT', { server: { ...wsgi, timeout: 30 }, timeoutSeconds: 3600 });
    passes('GCR-SERVER-TIMEOUT', { server: { ...wsgi, timeout: undefined }, timeoutSeconds: 3600 });
    passes('GCR-SERVER-TIMEOUT', { server: { ...wsgi, workerType: 'async', threads: undefined, timeout: 30 } });
  });

  test('GCR-SERVER-CAPACITY: concurrency above workers × threads', () => {
    passes('GCR-SERVER-CAPACITY', { server: wsgi, concurrency: 8 });
    passes('GCR-SERVER-CAPACITY', { server: { ...wsgi, workerType: 'async', threads: undefined }, concurrency: 500 });
    fails('GCR-SERVER-CAPACITY', { server: wsgi, concurrency: 80 }, /exceeds gunicorn's capacity of 8/);
    fails('GCR-SERVER-CAPACITY', { server: wsgi }, /concurrency 80 \(the platform default, at least 80\)/);
    passes('GCR-SERVER-CAPACITY', { server: { ...wsgi, workers: undefined }, concurrency: 80 }); // the image may set WEB_CONCURRENCY
  });

  test('GCR-SERVER-MEMORY', () => {
    passes('GCR-SERVER-MEMORY', { server: { ...wsgi, workers: 2, memoryMiB: 400 }, memoryMiB: 512 });
    fails(
      'GCR-SERVER-MEMORY',
      { server: { ...wsgi, workers: 4, memoryMiB: 1024 }, memoryMiB: 512 },
      /4 workers need 1Gi/,
    );
  });

  test('cost rules: concurrency one, min instances, instance billing without min, max unset, gen1', () => {
    passes('GCR-CONCURRENCY-ONE', { concurrency: 1, cpu: 0.5 });
    fails('GCR-CONCURRENCY-ONE', { concurrency: 1, cpu: 1 });
    passes('GCR-MIN-INSTANCES-COST', { minInstances: 0 });
    fails('GCR-MIN-INSTANCES-COST', { minInstances: 2, cpuIdle: false, resourcesWritten: true }, /full rate/);
    passes('GCR-INSTANCE-BILLING-NO-MIN', { cpuIdle: false, resourcesWritten: true, minInstances: 1 });
    fails('GCR-INSTANCE-BILLING-NO-MIN', { cpuIdle: false, resourcesWritten: true, minInstances: 0 });
    passes('GCR-MAX-INSTANCES-UNSET', { maxInstances: 10 });
    fails('GCR-MAX-INSTANCES-UNSET', {});
    passes('GCR-GEN1', { executionEnvironment: 'GEN2' });
    fails('GCR-GEN1', { executionEnvironment: 'GEN1' });
  });

  test('a rule reading an unknown fact is unknown, never pass or fail', () => {
    assert.equal(run('GCR-MEMORY-FOR-CPU', { cpu: 1, memoryMiB: 99999 }, ['cpu']).status, 'unknown');
    assert.equal(run('GCR-CPU-VALUE', { cpu: 3 }, ['memoryMiB']).status, 'fail');
  });

  test('every rule has a unique id, a title, an explanation and declared reads', () => {
    const ids = CLOUD_RUN_RULES.map((r) => r.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const rule of CLOUD_RUN_RULES) {
      assert.match(rule.id, /^GCR-[A-Z0-9-]+$/);
      assert.ok(rule.title.length > 10 && rule.explanation.length > 20 && rule.reads.length > 0, rule.id);
    }
  });
  test('GCR-CPU-VALUE: unset CPU passes; with a GPU only whole counts above 8 are left to GCR-GPU', () => {
    passes('GCR-CPU-VALUE', {});
    passes('GCR-CPU-VALUE', { cpu: 12, gpuCount: 1 });
    fails('GCR-CPU-VALUE', { cpu: 3, gpuCount: 1 }, /3 is not allowed/);
    fails('GCR-CPU-VALUE', { cpu: 8.5, gpuCount: 1 }, /8\.5 is not allowed/);
  });

  test('GCR-MEMORY-RANGE and GCR-MEMORY-FOR-CPU: each problem reported by one rule', () => {
    assert.deepEqual(run('GCR-MEMORY-RANGE', { memoryMiB: Number.NaN }).messages, ['memory is not a valid quantity']);
    // An infinite or unparsable memory, or a CPU value GCR-CPU-VALUE refuses, is not judged again against the table.
    passes('GCR-MEMORY-FOR-CPU', { memoryMiB: Number.POSITIVE_INFINITY });
    fails('GCR-MEMORY-RANGE', { memoryMiB: Number.POSITIVE_INFINITY }, /32 GiB maximum/);
    passes('GCR-MEMORY-FOR-CPU', { cpu: 3, memoryMiB: 9 * 1024 });
    passes('GCR-MEMORY-FOR-CPU', { cpu: Number.NaN, memoryMiB: 600 });
    // With a GPU, memory above 32 GiB is GCR-GPU's; up to 32 GiB the CPU table still holds.
    passes('GCR-MEMORY-FOR-CPU', { cpu: 8, memoryMiB: 40 * 1024, gpuCount: 1 });
    fails('GCR-MEMORY-FOR-CPU', { cpu: 1, memoryMiB: 32 * 1024, gpuCount: 1 }, /at most 4Gi of memory with 1 vCPU/);
  });

  test('GCR-FRACTIONAL-CPU: concurrency unset passes; each problem reported once, all at once', () => {
    passes('GCR-FRACTIONAL-CPU', { cpu: 0.5, cpuIdle: true, resourcesWritten: true, executionEnvironment: 'GEN1' });
    const base = {
      cpu: 0.5,
      concurrency: 1,
      cpuIdle: true,
      resourcesWritten: true,
      executionEnvironment: 'GEN1' as const,
    };
    assert.deepEqual(reported('GCR-FRACTIONAL-CPU', { ...base, concurrency: 4 }), ['concurrency']);
    assert.deepEqual(reported('GCR-FRACTIONAL-CPU', { ...base, cpuIdle: false }), ['cpuIdle']);
    assert.deepEqual(reported('GCR-FRACTIONAL-CPU', { ...base, executionEnvironment: 'GEN2' }), [
      'executionEnvironment',
    ]);
    assert.deepEqual(
      reported('GCR-FRACTIONAL-CPU', { ...base, concurrency: 4, cpuIdle: false, executionEnvironment: 'GEN2' }),
      ['concurrency', 'cpuIdle', 'executionEnvironment'],
    );
  });

  test('GCR-PROBE-PATH: an HTTP probe path starts with /, on either probe, each reported', () => {
    passes('GCR-PROBE-PATH', {});
    passes('GCR-PROBE-PATH', { startupProbe: { kind: 'http' }, livenessProbe: { kind: 'http' } }); // default '/'
    passes('GCR-PROBE-PATH', {
      startupProbe: { kind: 'http', path: '/healthz' },
      livenessProbe: { kind: 'http', path: '/' },
    });
    passes('GCR-PROBE-PATH', { startupProbe: { kind: 'grpc', path: 'healthz' } }); // only HTTP probes request a path
    const startup = { kind: 'http' as const, path: 'healthz/' };
    const liveness = { kind: 'http' as const, path: 'live' };
    assert.deepEqual(run('GCR-PROBE-PATH', { startupProbe: startup }), {
      status: 'fail',
      facts: ['startupProbe.path'],
      messages: ['an HTTP probe path must start with /'],
    });
    assert.deepEqual(reported('GCR-PROBE-PATH', { livenessProbe: liveness }), ['livenessProbe.path']);
    assert.deepEqual(reported('GCR-PROBE-PATH', { startupProbe: startup, livenessProbe: liveness }), [
      'startupProbe.path',
      'livenessProbe.path',
    ]);
    // A path only known at apply time skips that path, and only that one.
    const both = { startupProbe: startup, livenessProbe: liveness };
    assert.deepEqual(reported('GCR-PROBE-PATH', both, ['startupProbe.path']), ['livenessProbe.path']);
    assert.equal(run('GCR-PROBE-PATH', { startupProbe: startup }, ['startupProbe.path']).status, 'unknown');
  });

  test('GCR-PROBE-TIMEOUT: both probes reported; an unknown value skips only its probe', () => {
    const slow = { kind: 'http' as const, periodSeconds: 2, timeoutSeconds: 6 };
    assert.deepEqual(reported('GCR-PROBE-TIMEOUT', { startupProbe: slow, livenessProbe: slow }), [
      'startupProbe',
      'livenessProbe',
    ]);
    assert.deepEqual(
      reported('GCR-PROBE-TIMEOUT', { startupProbe: slow, livenessProbe: slow }, ['livenessProbe.timeoutSeconds']),
      ['startupProbe'],
    );
  });

  test('GCR-STARTUP-BUDGET names the workload whose budget is exceeded', () => {
    const probe = { kind: 'http' as const, periodSeconds: 10, failureThreshold: 25 };
    fails('GCR-STARTUP-BUDGET', { startupProbe: probe }, /startup budget of a service,/);
    fails('GCR-STARTUP-BUDGET', { workload: 'job', startupProbe: { ...probe, failureThreshold: 61 } }, /of a job,/);
    fails(
      'GCR-STARTUP-BUDGET',
      { workload: 'worker-pool', startupProbe: probe },
      /240 s startup budget of a worker pool,/,
    );
  });

  test('GCR-LIVENESS-TCP: no liveness probe passes; a TCP one is reported on the probe', () => {
    passes('GCR-LIVENESS-TCP', {});
    assert.deepEqual(run('GCR-LIVENESS-TCP', { livenessProbe: { kind: 'tcp' } }), {
      status: 'fail',
      facts: ['livenessProbe'],
      messages: ['a TCP liveness probe only proves the port is open'],
    });
  });

  test('GCR-HTTP-PROBE-H2C: each HTTP probe reported; an unknown kind skips only its probe', () => {
    const facts: CloudRunFacts = { portName: 'h2c', startupProbe: { kind: 'http' }, livenessProbe: { kind: 'http' } };
    assert.deepEqual(run('GCR-HTTP-PROBE-H2C', facts), {
      status: 'fail',
      facts: ['startupProbe', 'livenessProbe'],
      messages: ['an HTTP probe cannot reach an h2c (HTTP/2) port', 'an HTTP probe cannot reach an h2c (HTTP/2) port'],
    });
    assert.deepEqual(reported('GCR-HTTP-PROBE-H2C', facts, ['startupProbe.kind']), ['livenessProbe']);
  });
  test('GCR-SCALING-RANGE: each count on its own, 0 accepted, min above max only once the counts are valid', () => {
    for (const fact of ['serviceMinInstances', 'manualInstances', 'minInstances', 'maxInstances'] as const) {
      passes('GCR-SCALING-RANGE', { [fact]: 0 });
      assert.deepEqual(reported('GCR-SCALING-RANGE', { [fact]: -1 }), [fact], `${fact} -1`);
      assert.deepEqual(reported('GCR-SCALING-RANGE', { [fact]: 1.5 }), [fact], `${fact} 1.5`);
    }
    assert.deepEqual(violationsOf('GCR-SCALING-RANGE', { serviceMinInstances: -1 }), [
      {
        fact: 'serviceMinInstances',
        message: 'service-level min instances -1 must be a whole number ≥ 0',
        fix: 'use 0 or more',
      },
    ]);
    const allBad = { serviceMinInstances: -1, manualInstances: -1, minInstances: -1, maxInstances: -1 };
    assert.deepEqual(reported('GCR-SCALING-RANGE', allBad), [
      'serviceMinInstances',
      'manualInstances',
      'minInstances',
      'maxInstances',
    ]);
    // A wrong count is reported alone: min above max is judged on valid counts only.
    assert.deepEqual(reported('GCR-SCALING-RANGE', { minInstances: 3, maxInstances: 2, serviceMinInstances: -1 }), [
      'serviceMinInstances',
    ]);
    assert.deepEqual(reported('GCR-SCALING-RANGE', { minInstances: 3, maxInstances: 2 }), ['minInstances']);
    passes('GCR-SCALING-RANGE', { minInstances: 1, maxInstances: 1 });
    // A count only known at apply time is skipped, and only that count.
    assert.equal(run('GCR-SCALING-RANGE', { minInstances: 3, maxInstances: 2 }, ['maxInstances']).status, 'unknown');
    assert.deepEqual(reported('GCR-SCALING-RANGE', { minInstances: 3, maxInstances: -1 }, ['minInstances']), [
      'maxInstances',
    ]);
    for (const fact of ['serviceMinInstances', 'manualInstances', 'minInstances'] as const) {
      assert.equal(run('GCR-SCALING-RANGE', { [fact]: -1 }, [fact]).status, 'unknown', fact);
    }
  });

  test('GCR-MIN-INSTANCES-COST: revision or service minimum, the billing named, ignored with manual scaling', () => {
    passes('GCR-MIN-INSTANCES-COST', { serviceMinInstances: 0, minInstances: 0 });
    passes('GCR-MIN-INSTANCES-COST', { scalingMode: 'MANUAL', minInstances: 2, serviceMinInstances: 2 });
    assert.deepEqual(violationsOf('GCR-MIN-INSTANCES-COST', { minInstances: 2 }), [
      {
        fact: 'minInstances',
        message: '2 instance(s) stay running around the clock',
        fix: 'keep it if cold starts cost more than idle instances; otherwise use 0',
      },
    ]);
    assert.deepEqual(run('GCR-MIN-INSTANCES-COST', { serviceMinInstances: 1 }), {
      status: 'fail',
      facts: ['serviceMinInstances'],
      messages: [
        '1 instance(s) (service level, divided among the revisions with traffic) stay running around the clock',
      ],
    });
    assert.deepEqual(reported('GCR-MIN-INSTANCES-COST', { minInstances: 1, serviceMinInstances: 3 }), ['minInstances']);
  });

  test('GCR-MAX-INSTANCES-UNSET: unset and 0 each explained; manual scaling has no maximum', () => {
    assert.deepEqual(run('GCR-MAX-INSTANCES-UNSET', {}).messages, ['no maximum instance count is set']);
    assert.deepEqual(reported('GCR-MAX-INSTANCES-UNSET', { maxInstances: 0 }), ['maxInstances']);
    passes('GCR-MAX-INSTANCES-UNSET', { scalingMode: 'MANUAL', maxInstances: 0 });
  });

  test('GCR-MANUAL-INSTANCES-COST: the instances counted, a worker pool one by default', () => {
    passes('GCR-MANUAL-INSTANCES-COST', { manualInstances: 2 }); // not manual: the count is ignored
    passes('GCR-MANUAL-INSTANCES-COST', { scalingMode: 'MANUAL' }); // a service: no instance
    passes('GCR-MANUAL-INSTANCES-COST', { workload: 'worker-pool', scalingMode: 'MANUAL', manualInstances: 0 });
    assert.deepEqual(violationsOf('GCR-MANUAL-INSTANCES-COST', { workload: 'worker-pool', scalingMode: 'MANUAL' }), [
      {
        fact: 'manualInstances',
        message:
          '1 instance(s) (the default of a worker pool) run around the clock and are billed as active whether they work or idle',
        fix: 'run as few instances as the work needs, or use CPU autoscaling for bursty work',
      },
    ]);
    assert.deepEqual(violationsOf('GCR-MANUAL-INSTANCES-COST', { scalingMode: 'MANUAL', manualInstances: 2 }), [
      {
        fact: 'manualInstances',
        message: '2 instance(s) run around the clock and are billed as active whether they work or idle',
        fix: 'keep it if the load is steady; otherwise use automatic scaling with max instances',
      },
    ]);
  });

  test('GCR-SCALING-MANUAL: a count without manual mode, manual mode without a count, revision bounds ignored', () => {
    passes('GCR-SCALING-MANUAL', { manualInstances: 0 });
    passes('GCR-SCALING-MANUAL', { scalingMode: 'MANUAL', manualInstances: 2, minInstances: 0, maxInstances: 0 });
    assert.deepEqual(violationsOf('GCR-SCALING-MANUAL', { manualInstances: 2 }), [
      {
        fact: 'manualInstances',
        message: 'manual_instance_count 2 is ignored unless scaling_mode is MANUAL',
        fix: 'set scaling_mode = MANUAL, or drop the count',
      },
    ]);
    for (const manualInstances of [undefined, 0]) {
      assert.deepEqual(run('GCR-SCALING-MANUAL', { scalingMode: 'MANUAL', manualInstances }), {
        status: 'fail',
        facts: ['manualInstances'],
        messages: ['manual scaling without a manual instance count runs no instance, so the service serves nothing'],
      });
    }
    assert.deepEqual(
      run('GCR-SCALING-MANUAL', { scalingMode: 'MANUAL', manualInstances: 2, minInstances: 1, maxInstances: 3 }),
      {
        status: 'fail',
        facts: ['minInstances', 'maxInstances'],
        messages: [
          'revision min instances 1 is ignored with manual scaling',
          'revision max instances 3 is ignored with manual scaling',
        ],
      },
    );
    assert.deepEqual(reported('GCR-SCALING-MANUAL', { scalingMode: 'MANUAL', manualInstances: 2, maxInstances: 3 }), [
      'maxInstances',
    ]);
    assert.deepEqual(reported('GCR-SCALING-MANUAL', { scalingMode: 'MANUAL', minInstances: 1 }), [
      'manualInstances',
      'minInstances',
    ]);
    // Automatic scaling and no manual count: an unknown revision bound cannot matter.
    assert.equal(run('GCR-SCALING-MANUAL', { minInstances: 1 }, ['minInstances']).status, 'pass');
    assert.equal(run('GCR-SCALING-MANUAL', { manualInstances: 2 }, ['minInstances']).status, 'unknown');
    assert.equal(run('GCR-SCALING-MANUAL', { scalingMode: 'MANUAL' }, ['minInstances']).status, 'unknown');
    // Whether it applies is itself unknown while the scaling mode is.
    assert.equal(run('GCR-SCALING-MANUAL', { minInstances: 1 }, ['scalingMode']).status, 'unknown');
  });

  test('GCR-SCALING-COMBINED-MIN: min instances on both the service and the revision', () => {
    assert.deepEqual(run('GCR-SCALING-COMBINED-MIN', { minInstances: 1, serviceMinInstances: 2 }), {
      status: 'fail',
      facts: ['minInstances'],
      messages: [
        'min instances are set on the revision (1) and on the service (2); Google recommends not combining them',
      ],
    });
    passes('GCR-SCALING-COMBINED-MIN', { minInstances: 1 });
    passes('GCR-SCALING-COMBINED-MIN', { serviceMinInstances: 2 });
    passes('GCR-SCALING-COMBINED-MIN', { minInstances: 0, serviceMinInstances: 2 });
    passes('GCR-SCALING-COMBINED-MIN', { minInstances: 1, serviceMinInstances: 0 });
    passes('GCR-SCALING-COMBINED-MIN', { scalingMode: 'MANUAL', minInstances: 1, serviceMinInstances: 2 });
    // No service-level minimum: an unknown revision minimum cannot matter.
    assert.equal(run('GCR-SCALING-COMBINED-MIN', { serviceMinInstances: 0 }, ['minInstances']).status, 'pass');
    assert.equal(run('GCR-SCALING-COMBINED-MIN', {}, ['minInstances']).status, 'pass');
    assert.equal(run('GCR-SCALING-COMBINED-MIN', { serviceMinInstances: 1 }, ['minInstances']).status, 'unknown');
    assert.equal(run('GCR-SCALING-COMBINED-MIN', { minInstances: 1 }, ['serviceMinInstances']).status, 'unknown');
  });
});

describe('Cloud Run job rules at their limits', () => {
  const job = (j: NonNullable<CloudRunFacts['job']>, more: CloudRunFacts = {}): CloudRunFacts => ({
    workload: 'job',
    job: j,
    ...more,
  });

  test('GCR-JOB-TASKS: 1 to 10,000 whole tasks; parallelism a whole number from 0 to the task count', () => {
    const id = 'GCR-JOB-TASKS';
    passes(id, { workload: 'job' });
    passes(id, job({}));
    for (const ok of [1, 10000]) passes(id, job({ taskCount: ok }));
    for (const bad of [0, 10001, 1.5]) {
      assert.deepEqual(violationsOf(id, job({ taskCount: bad })), [
        {
          fact: 'job.taskCount',
          message: `task count ${bad} is outside 1 to 10000`,
          fix: 'use a whole number from 1 to 10000; split larger work across executions',
        },
      ]);
    }
    for (const ok of [0, 5, 10]) passes(id, job({ taskCount: 10, parallelism: ok }));
    for (const bad of [-1, 1.5]) {
      assert.deepEqual(violationsOf(id, job({ taskCount: 10, parallelism: bad })), [
        {
          fact: 'job.parallelism',
          message: `parallelism ${bad} must be a whole number ≥ 0 (0: as many tasks at once as possible)`,
          fix: 'use 0 or more',
        },
      ]);
    }
    assert.deepEqual(violationsOf(id, job({ taskCount: 10, parallelism: 11 })), [
      {
        fact: 'job.parallelism',
        message: 'parallelism 11 is above the task count 10',
        fix: 'lower parallelism to at most 10, or raise the task count',
      },
    ]);
    // No task count: the default of 1 task bounds the parallelism.
    passes(id, job({ parallelism: 1 }));
    assert.deepEqual(violationsOf(id, job({ parallelism: 2 })), [
      {
        fact: 'job.parallelism',
        message: 'parallelism 2 is above the task count 1 (the default)',
        fix: 'lower parallelism to at most 1, or raise the task count',
      },
    ]);
    // Both wrong: both reported, the task count first.
    assert.deepEqual(reported(id, job({ taskCount: 0, parallelism: -1 })), ['job.taskCount', 'job.parallelism']);
  });

  test('GCR-JOB-RETRIES: 0 to 10 whole retries', () => {
    const id = 'GCR-JOB-RETRIES';
    passes(id, { workload: 'job' });
    for (const ok of [0, 3, 10]) passes(id, job({ maxRetries: ok }));
    for (const bad of [-1, 11, 2.5]) {
      assert.deepEqual(violationsOf(id, job({ maxRetries: bad })), [
        {
          fact: 'job.maxRetries',
          message: `max retries ${bad} is outside 0 to 10`,
          fix: 'use a whole number from 0 to 10; make tasks idempotent so a retry is safe',
        },
      ]);
    }
  });

  test('GCR-JOB-TIMEOUT: above 0 and at most 168 hours; with a GPU 1 hour, 12 hours in preview (a warning)', () => {
    const id = 'GCR-JOB-TIMEOUT';
    passes(id, { workload: 'job' });
    for (const ok of [1, 600, 604800]) passes(id, job({ timeoutSeconds: ok }));
    for (const bad of [0, -1, 604801]) {
      assert.deepEqual(violationsOf(id, job({ timeoutSeconds: bad })), [
        {
          fact: 'job.timeoutSeconds',
          message: `task timeout ${bad} s is outside what Cloud Run allows (above 0, at most 168 hours)`,
          fix: 'use at most 604800 seconds; split longer work into tasks',
        },
      ]);
    }
    assert.deepEqual(violationsOf(id, job({ timeoutSeconds: Number.NaN })), [
      { fact: 'job.timeoutSeconds', message: 'the task timeout is not a duration', fix: "write it like '600s'" },
    ]);
    const gpu = (t: number) => job({ timeoutSeconds: t }, { gpuCount: 1 });
    passes(id, job({}, { gpuCount: 1 })); // no timeout written: the default 10 minutes
    passes(id, gpu(3600));
    passes(id, job({ timeoutSeconds: 43201 }, { gpuCount: 0 }));
    const preview = (h: string) => ({
      fact: 'job.timeoutSeconds',
      message: `task timeout ${h} with a GPU relies on the 12-hour preview: the generally available limit is 1 hour`,
      fix: 'use at most 3600 seconds, or keep it knowing the preview terms apply',
    });
    assert.deepEqual(violationsOf(id, gpu(3601)), [preview('1 h')]);
    assert.deepEqual(violationsOf(id, gpu(43200)), [preview('12 h')]);
    const [warning] = evaluate([RULES.get(id)!], { facts: gpu(5400), unknown: new Set() }, { now: new Date() });
    assert.equal(warning.status === 'fail' && warning.violations[0].level, CheckLevel.WARNING);
    assert.equal(warning.status === 'fail' && warning.violations[0].message.startsWith('task timeout 1.5 h '), true);
    assert.deepEqual(violationsOf(id, gpu(43201)), [
      {
        fact: 'job.timeoutSeconds',
        message: 'task timeout 12 h is above the 12 hours a GPU task may run',
        fix: 'use at most 43200 seconds with a GPU',
      },
    ]);
    const [error] = evaluate([RULES.get(id)!], { facts: gpu(50000), unknown: new Set() }, { now: new Date() });
    assert.equal(error.status === 'fail' && error.violations[0].level, undefined);
  });

  test('job rules whose facts are unknown do not judge them', () => {
    const wrong = job({ taskCount: 0, parallelism: -1, maxRetries: 11, timeoutSeconds: 0 }, { cpu: 0.5 });
    const unknownFor = (id: string, facts: string[]) => run(id, wrong, facts).status;
    assert.equal(unknownFor('GCR-JOB-TASKS', ['job.taskCount']), 'unknown');
    assert.equal(unknownFor('GCR-JOB-TASKS', ['job.parallelism']), 'unknown');
    assert.equal(unknownFor('GCR-JOB-RETRIES', ['job.maxRetries']), 'unknown');
    assert.equal(unknownFor('GCR-JOB-TIMEOUT', ['job.timeoutSeconds']), 'unknown');
    assert.equal(unknownFor('GCR-JOB-TIMEOUT', ['gpuCount']), 'unknown');
    assert.equal(unknownFor('GCR-JOB-FRACTIONAL-CPU', ['sidecarImages']), 'unknown');
    assert.equal(
      run('GCR-JOB-GEN1', { workload: 'job', executionEnvironment: 'GEN1' }, ['executionEnvironment']).status,
      'unknown',
    );
    assert.equal(
      run('GCR-WEB-SERVER-NO-REQUESTS', { workload: 'job', webServer: 'gunicorn' }, ['webServer']).status,
      'unknown',
    );
  });

  test('GCR-JOB-FRACTIONAL-CPU: below 1 vCPU only with sidecars', () => {
    const id = 'GCR-JOB-FRACTIONAL-CPU';
    passes(id, { workload: 'job' });
    passes(id, { workload: 'job', cpu: 1 });
    passes(id, { workload: 'job', cpu: 0.5, sidecarImages: ['proxy'] });
    passes(id, { workload: 'job', cpu: 0.07 }); // not an allowed value at all: another rule's problem
    assert.deepEqual(violationsOf(id, { workload: 'job', cpu: 0.999 }), [
      { fact: 'cpu', message: '0.999 vCPU is allowed for a job only with sidecar containers', fix: 'use 1 vCPU' },
    ]);
    assert.deepEqual(reported(id, { workload: 'job', cpu: 0.5, sidecarImages: [] }), ['cpu']);
  });

  test('GCR-JOB-GEN1: only GEN1 is named', () => {
    const id = 'GCR-JOB-GEN1';
    passes(id, { workload: 'job' });
    passes(id, { workload: 'job', executionEnvironment: 'GEN2' });
    assert.deepEqual(violationsOf(id, { workload: 'job', executionEnvironment: 'GEN1' }), [
      {
        fact: 'executionEnvironment',
        message: 'a job runs in the second-generation execution environment whatever it asks for',
        fix: 'remove execution_environment (or write EXECUTION_ENVIRONMENT_GEN2)',
      },
    ]);
  });

  test('GCR-WEB-SERVER-NO-REQUESTS: a job and a worker pool each told what to run instead', () => {
    const id = 'GCR-WEB-SERVER-NO-REQUESTS';
    passes(id, { workload: 'job' });
    assert.deepEqual(violationsOf(id, { workload: 'job', webServer: 'gunicorn' }), [
      {
        fact: 'webServer',
        message: 'a job receives no requests, but its command starts a web server (gunicorn)',
        fix: 'run the task itself (python -m app.task, manage.py <command>); serve requests from a CloudRunService',
      },
    ]);
    assert.deepEqual(violationsOf(id, { workload: 'worker-pool', webServer: 'uvicorn' }), [
      {
        fact: 'webServer',
        message: 'a worker pool receives no requests, but its command starts a web server (uvicorn)',
        fix: 'run the queue consumer itself (celery worker, a Pub/Sub pull loop); serve requests from a CloudRunService',
      },
    ]);
  });
});
