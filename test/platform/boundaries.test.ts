/**
 * Every limit in lib/platform/ tested on both sides: a value at the limit (accepted) and one step past it (refused),
 * for each side of each comparison, so that a limit moved by one, or a `>` turned into `>=`, fails a test.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { APP_ENGINE_APPLICATION_RULES, APP_ENGINE_VERSION_RULES } from '../../lib/platform/app-engine';
import type { AppEngineVersionFacts } from '../../lib/platform/app-engine/facts';
import { CLOUD_RUN_RULES } from '../../lib/platform/cloud-run';
import type { CloudRunFacts, ProbeFacts } from '../../lib/platform/cloud-run/facts';
import { defaultConcurrency } from '../../lib/platform/cloud-run/requests';
import { CheckLevel } from '../../lib/core/levels';
import { evaluate, type FactRule, Pack } from '../../lib/platform/rule';

const NOW = new Date('2026-11-29T00:00:00Z');

/** The status of rule `id` on `facts` (`unknown` lists unknown fact paths). */
function statusOf<F>(rules: ReadonlyArray<FactRule<F>>, id: string, facts: F, unknown: string[] = []) {
  const rule = rules.find((r) => r.id === id);
  assert.ok(rule, `no rule ${id}`);
  const [outcome] = evaluate([rule], { facts, unknown: new Set(unknown) }, { now: NOW });
  return outcome;
}

/** Asserts rule `id` passes on every `ok` case and fails on every `bad` one (each merged into `base`). */
function edges<F>(
  rules: ReadonlyArray<FactRule<F>>,
  id: string,
  base: F,
  ok: ReadonlyArray<Partial<F>>,
  bad: ReadonlyArray<Partial<F>>,
): void {
  // The base alone (the value under test unset) passes too, unless a case says unset fails.
  const unsetFails = bad.some((c) => Object.keys(c).length === 0);
  for (const c of unsetFails ? ok : [{}, ...ok]) {
    const o = statusOf(rules, id, { ...base, ...c });
    assert.equal(
      o.status,
      'pass',
      `${id} should pass ${JSON.stringify(c)}: ${o.status === 'fail' ? o.violations.map((v) => v.message).join('; ') : o.status}`,
    );
  }
  for (const c of bad)
    assert.equal(statusOf(rules, id, { ...base, ...c }).status, 'fail', `${id} should fail ${JSON.stringify(c)}`);
}

const run: CloudRunFacts = { workload: 'service', cpu: 1, memoryMiB: 512, executionEnvironment: 'GEN2' };
const cr = (id: string, ok: Array<Partial<CloudRunFacts>>, bad: Array<Partial<CloudRunFacts>>, base = run) =>
  edges(CLOUD_RUN_RULES, id, base, ok, bad);
const probe = (p: Partial<ProbeFacts>): ProbeFacts => ({ kind: 'http', path: '/', ...p });

describe('Cloud Run limits, both sides', () => {
  test('GCR-CPU-VALUE: 0.08 and 0.999 and the whole counts; 0.079, 8.001 and 3, 5, 7 refused', () => {
    cr(
      'GCR-CPU-VALUE',
      [{ cpu: 0.08 }, { cpu: 0.999 }, { cpu: 1 }, { cpu: 8 }],
      [{ cpu: 0.079 }, { cpu: 3 }, { cpu: 8.001 }, { cpu: 9 }, { cpu: 1.5 }],
    );
    cr(
      'GCR-CPU-VALUE',
      [{ cpu: 10, gpuCount: 1 }],
      [
        { cpu: 10, gpuCount: 0 },
        { cpu: 10.5, gpuCount: 1 },
      ],
    );
  });

  test('GCR-MEMORY-RANGE: 128 MiB gen1, 512 MiB gen2, 32 GiB', () => {
    cr(
      'GCR-MEMORY-RANGE',
      [
        { memoryMiB: 512 },
        { memoryMiB: 32768 },
        { memoryMiB: 128, executionEnvironment: 'GEN1' },
        { memoryMiB: 40000, gpuCount: 1 },
      ],
      [
        { memoryMiB: 511 },
        { memoryMiB: 32769 },
        { memoryMiB: 127, executionEnvironment: 'GEN1' },
        { memoryMiB: Number.NaN },
      ],
    );
  });

  test('GCR-MEMORY-FOR-CPU: every row of the table at its maximum and one MiB above; the minimums of 4, 6 and 8 vCPU', () => {
    const rows: Array<[number, number, number]> = [
      [0.25, 512, 0],
      [0.5, 1024, 0],
      [1, 4096, 0],
      [2, 8192, 0],
      [4, 16384, 2048],
      [6, 24576, 4096],
      [8, 32768, 4096],
    ];
    for (const [cpu, max, min] of rows) {
      cr(
        'GCR-MEMORY-FOR-CPU',
        [{ cpu, memoryMiB: max }, ...(min > 0 ? [{ cpu, memoryMiB: min }] : [])],
        [{ cpu, memoryMiB: max + 1 }, ...(min > 0 ? [{ cpu, memoryMiB: min - 1 }] : [])],
      );
    }
    cr('GCR-MEMORY-FOR-CPU', [{ cpu: 0.49, memoryMiB: 512 }], [{ cpu: 0.49, memoryMiB: 513 }]);
  });

  test('GCR-FRACTIONAL-CPU: below 1 vCPU only', () => {
    cr(
      'GCR-FRACTIONAL-CPU',
      [
        { cpu: 1, concurrency: 80 },
        { cpu: 0.999, concurrency: 1, executionEnvironment: 'GEN1', cpuIdle: true },
      ],
      [
        { cpu: 0.999, concurrency: 2, executionEnvironment: 'GEN1', cpuIdle: true },
        { cpu: 0.5, concurrency: 1, executionEnvironment: 'GEN2', cpuIdle: true },
        { cpu: 0.5, concurrency: 1, executionEnvironment: 'GEN1', cpuIdle: false },
      ],
    );
  });

  test('the concurrency a revision gets unset: 1 below 1 vCPU, else 80', () => {
    assert.deepEqual([0.999, 1, 2].map(defaultConcurrency), [1, 80, 80]);
  });

  test('GCR-CONCURRENCY-RANGE: 1 to 1000', () => {
    cr(
      'GCR-CONCURRENCY-RANGE',
      [{ concurrency: 1 }, { concurrency: 1000 }],
      [{ concurrency: 0 }, { concurrency: 1001 }, { concurrency: 1.5 }],
    );
  });

  test('GCR-CONCURRENCY-ONE: concurrency 1 with a full vCPU', () => {
    cr('GCR-CONCURRENCY-ONE', [{ concurrency: 2 }, { concurrency: 1, cpu: 0.999 }], [{ concurrency: 1, cpu: 1 }]);
  });

  test('GCR-REQUEST-TIMEOUT: 1 to 3600 s; GCR-LONG-REQUEST-TIMEOUT above 900 s', () => {
    cr(
      'GCR-REQUEST-TIMEOUT',
      [{ timeoutSeconds: 1 }, { timeoutSeconds: 3600 }],
      [{ timeoutSeconds: 0.999 }, { timeoutSeconds: 3600.5 }, { timeoutSeconds: Number.NaN }],
    );
    cr(
      'GCR-LONG-REQUEST-TIMEOUT',
      [{ timeoutSeconds: 900 }, { timeoutSeconds: 3601 }],
      [{ timeoutSeconds: 901 }, { timeoutSeconds: 3600 }],
    );
  });

  test('GCR-SCALING-RANGE: whole counts from 0, min not above max, max 0 is no cap', () => {
    cr(
      'GCR-SCALING-RANGE',
      [
        { minInstances: 0, maxInstances: 0 },
        { minInstances: 5, maxInstances: 5 },
        { minInstances: 6, maxInstances: 0 },
        { manualInstances: 0 },
      ],
      [
        { minInstances: -1 },
        { maxInstances: -1 },
        { minInstances: 6, maxInstances: 5 },
        { minInstances: 0.5 },
        { manualInstances: -1 },
        { manualInstances: 1.5 },
      ],
    );
  });

  test('GCR-MIN-INSTANCES-COST and GCR-MAX-INSTANCES-UNSET', () => {
    cr(
      'GCR-MIN-INSTANCES-COST',
      [{ minInstances: 0 }, { minInstances: 1, scalingMode: 'MANUAL' }],
      [{ minInstances: 1 }],
    );
    cr('GCR-MAX-INSTANCES-UNSET', [{ maxInstances: 1 }, { scalingMode: 'MANUAL' }], [{ maxInstances: 0 }, {}]);
  });

  test('GCR-STARTUP-PROBE: period 1–240, initial delay 0–240, timeout 1–3600, threshold ≥ 1, port 1–65535', () => {
    const ok = [
      { periodSeconds: 1, failureThreshold: 1 },
      { periodSeconds: 240, failureThreshold: 1, timeoutSeconds: 240 },
      { initialDelaySeconds: 0 },
      { initialDelaySeconds: 240 },
      { timeoutSeconds: 1, periodSeconds: 1 },
      { timeoutSeconds: 3600, periodSeconds: 240 },
      { port: 1 },
      { port: 65535 },
    ];
    const bad = [
      { periodSeconds: 0 },
      { periodSeconds: 241 },
      { initialDelaySeconds: -1 },
      { initialDelaySeconds: 241 },
      { timeoutSeconds: 0 },
      { timeoutSeconds: 3601, periodSeconds: 240 },
      { failureThreshold: 0 },
      { failureThreshold: 1.5 },
      { port: 0 },
      { port: 65536 },
    ];
    cr(
      'GCR-STARTUP-PROBE',
      ok.map((p) => ({ startupProbe: probe(p) })),
      bad.map((p) => ({ startupProbe: probe(p) })),
    );
  });

  test('GCR-LIVENESS-PROBE: period and initial delay up to 3600', () => {
    cr(
      'GCR-LIVENESS-PROBE',
      [
        { livenessProbe: probe({ periodSeconds: 3600, timeoutSeconds: 3600 }) },
        { livenessProbe: probe({ initialDelaySeconds: 3600 }) },
      ],
      [{ livenessProbe: probe({ periodSeconds: 3601 }) }, { livenessProbe: probe({ initialDelaySeconds: 3601 }) }],
    );
  });

  test('a token in one probe value skips that value only', () => {
    const facts = { ...run, startupProbe: probe({ periodSeconds: 500, failureThreshold: -1 }) };
    const o = statusOf(CLOUD_RUN_RULES, 'GCR-STARTUP-PROBE', facts, ['startupProbe.failureThreshold']);
    assert.equal(o.status, 'fail');
    assert.deepEqual(o.status === 'fail' && o.violations.map((v) => v.fact), ['startupProbe.periodSeconds']);
    assert.equal(
      statusOf(CLOUD_RUN_RULES, 'GCR-STARTUP-PROBE', { ...run, startupProbe: probe({ periodSeconds: 500 }) }, [
        'startupProbe.periodSeconds',
      ]).status,
      'unknown',
    );
  });

  test('a token in one instance count leaves the others judged', () => {
    const o = statusOf(CLOUD_RUN_RULES, 'GCR-SCALING-RANGE', { ...run, minInstances: -1, maxInstances: 3 }, [
      'maxInstances',
    ]);
    assert.deepEqual(o.status === 'fail' && o.violations.map((v) => v.fact), ['minInstances']);
    const gaeOutcome = statusOf(
      APP_ENGINE_VERSION_RULES,
      'GAE-AUTOMATIC-INSTANCES',
      { ...version, minIdleInstances: -1, minInstances: 9, maxInstances: 3 },
      ['maxInstances'],
    );
    assert.deepEqual(gaeOutcome.status === 'fail' && gaeOutcome.violations.map((v) => v.fact), ['minIdleInstances']);
    for (const [id, facts, unknown] of [
      ['GAE-UTILIZATION-RANGE', { targetCpuUtilization: 2, targetThroughputUtilization: 2 }, ['targetCpuUtilization']],
      ['GAE-PENDING-LATENCY', { minPendingLatency: 20, maxPendingLatency: 20 }, ['minPendingLatency']],
    ] as const) {
      const g = statusOf(APP_ENGINE_VERSION_RULES, id, { ...version, ...facts }, [...unknown]);
      assert.equal(g.status === 'fail' && g.violations.length, 1, id);
    }
    const basic = statusOf(
      APP_ENGINE_VERSION_RULES,
      'GAE-BASIC-SCALING',
      { scalingType: 'basic', basicMaxInstances: 500, idleTimeout: -1 },
      ['basicMaxInstances'],
    );
    assert.deepEqual(basic.status === 'fail' && basic.violations.map((v) => v.fact), ['idleTimeout']);
  });

  test('GCR-IMAGE-DIGEST: @sha256: and exactly 64 hex digits', () => {
    const hex = (n: number) => '0123456789abcdef'.repeat(5).slice(0, n);
    cr(
      'GCR-IMAGE-DIGEST',
      [{ image: `gcr.io/p/app@sha256:${hex(64)}` }],
      [
        { image: `gcr.io/p/app@sha256:${hex(63)}` },
        { image: `gcr.io/p/app@sha256:${hex(65)}` },
        { image: 'gcr.io/p/app@sha256:4c1e…' },
        { image: `gcr.io/p/app@sha256:${hex(63)}G` },
        { image: 'gcr.io/p/app:v1' },
      ],
      { ...run, image: `gcr.io/p/app@sha256:${hex(64)}` },
    );
  });

  test('GCR-PROBE-TIMEOUT: timeout equal to the period is fine, one more is not', () => {
    cr(
      'GCR-PROBE-TIMEOUT',
      [{ startupProbe: probe({ periodSeconds: 5, timeoutSeconds: 5 }) }],
      [
        { startupProbe: probe({ periodSeconds: 5, timeoutSeconds: 6 }) },
        { livenessProbe: probe({ periodSeconds: 5, timeoutSeconds: 6 }) },
      ],
    );
  });

  test('GCR-STARTUP-BUDGET: 240 s for services and worker pools, 600 for jobs, 1800 for jobs with a GPU', () => {
    const budget = (period: number, threshold: number) => ({
      startupProbe: probe({ periodSeconds: period, failureThreshold: threshold }),
    });
    cr('GCR-STARTUP-BUDGET', [budget(10, 24), budget(240, 1)], [budget(10, 25), budget(121, 2)]);
    cr('GCR-STARTUP-BUDGET', [{ ...budget(10, 60), workload: 'job' }], [{ ...budget(10, 61), workload: 'job' }]);
    cr(
      'GCR-STARTUP-BUDGET',
      [{ ...budget(10, 180), workload: 'job', gpuCount: 1 }],
      [{ ...budget(10, 181), workload: 'job', gpuCount: 1 }],
    );
  });

  test('GCR-PORT: 1 to 65535', () => {
    cr(
      'GCR-PORT',
      [{ containerPort: 1 }, { containerPort: 65535 }],
      [{ containerPort: 0 }, { containerPort: 65536 }, { containerPort: 80.5 }],
    );
  });

  test('GCR-SERVICE-NAME: 49 characters', () => {
    cr(
      'GCR-SERVICE-NAME',
      [{ name: 'a'.repeat(49) }, { name: 'a' }],
      [{ name: 'a'.repeat(50) }, { name: 'a-' }, { name: '1a' }],
    );
  });

  test('GCR-ENV-VALUE-LENGTH: 32768 characters', () => {
    cr(
      'GCR-ENV-VALUE-LENGTH',
      [{ env: [{ name: 'A', valueLength: 32768 }] }],
      [{ env: [{ name: 'A', valueLength: 32769 }] }],
    );
  });

  test('GCR-LABELS: keys and values of 63 characters', () => {
    cr(
      'GCR-LABELS',
      [{ labels: { [`k${'a'.repeat(62)}`]: 'v'.repeat(63) } }],
      [{ labels: { [`k${'a'.repeat(63)}`]: 'v' } }, { labels: { k: 'v'.repeat(64) } }],
    );
  });
});

const version: AppEngineVersionFacts = { scalingType: 'automatic', maxInstances: 5 };
const gae = (
  id: string,
  ok: Array<Partial<AppEngineVersionFacts>>,
  bad: Array<Partial<AppEngineVersionFacts>>,
  base = version,
) => edges(APP_ENGINE_VERSION_RULES, id, base, ok, bad);

describe('App Engine limits, both sides', () => {
  test('GAE-UTILIZATION-RANGE: 0.5 to 0.95; 0 and below are "not set"', () => {
    for (const fact of ['targetCpuUtilization', 'targetThroughputUtilization'] as const) {
      gae(
        'GAE-UTILIZATION-RANGE',
        [{ [fact]: 0.5 }, { [fact]: 0.95 }, { [fact]: 0 }, { [fact]: -1 }],
        [{ [fact]: 0.49 }, { [fact]: 0.951 }, { [fact]: Number.NaN }],
      );
    }
  });

  test('GAE-MAX-CONCURRENT-REQUESTS: 1 to 1000', () => {
    gae(
      'GAE-MAX-CONCURRENT-REQUESTS',
      [{ maxConcurrentRequests: 1 }, { maxConcurrentRequests: 1000 }],
      [{ maxConcurrentRequests: 0 }, { maxConcurrentRequests: 1001 }, { maxConcurrentRequests: 2.5 }],
    );
  });

  test('GAE-AUTOMATIC-INSTANCES: each range and min not above max', () => {
    gae(
      'GAE-AUTOMATIC-INSTANCES',
      [
        { minInstances: 0 },
        { minInstances: 1000, maxInstances: 1000 },
        { maxInstances: 0 },
        { maxInstances: 2147483647 },
        { minIdleInstances: 0 },
        { minIdleInstances: 1000 },
        { maxIdleInstances: 1 },
        { maxIdleInstances: 1000 },
        { minInstances: 5, maxInstances: 5 },
        { minInstances: 6, maxInstances: 0 },
        { minIdleInstances: 3, maxIdleInstances: 3 },
      ],
      [
        { minInstances: -1 },
        { minInstances: 1001, maxInstances: 2000 },
        { maxInstances: -1 },
        { maxInstances: 2147483648 },
        { minIdleInstances: -1 },
        { minIdleInstances: 1001 },
        { maxIdleInstances: 0 },
        { maxIdleInstances: 1001 },
        { minInstances: 6, maxInstances: 5 },
        { minIdleInstances: 4, maxIdleInstances: 3 },
        { minInstances: 0.5 },
      ],
    );
  });

  test('GAE-PENDING-LATENCY: 0 to 10 s, min not above max', () => {
    gae(
      'GAE-PENDING-LATENCY',
      [{ minPendingLatency: 0 }, { maxPendingLatency: 10 }, { minPendingLatency: 2, maxPendingLatency: 2 }],
      [
        { minPendingLatency: -0.001 },
        { maxPendingLatency: 10.001 },
        { minPendingLatency: 3, maxPendingLatency: 2 },
        { maxPendingLatency: Number.NaN },
      ],
    );
  });

  test('GAE-BASIC-SCALING: 1 to 200 instances, a positive idle timeout', () => {
    const basic: AppEngineVersionFacts = { scalingType: 'basic', basicMaxInstances: 1 };
    gae(
      'GAE-BASIC-SCALING',
      [{ basicMaxInstances: 1 }, { basicMaxInstances: 200 }, { idleTimeout: 0.001 }],
      [
        { basicMaxInstances: 0 },
        { basicMaxInstances: 201 },
        { basicMaxInstances: 1.5 },
        { idleTimeout: 0 },
        { basicMaxInstances: undefined },
      ],
      basic,
    );
    gae('GAE-BASIC-SCALING', [{ basicMaxInstances: 0 }], []);
  });

  test('GAE-MANUAL-INSTANCES: at least 1', () => {
    const manual: AppEngineVersionFacts = { scalingType: 'manual', manualInstances: 1 };
    gae(
      'GAE-MANUAL-INSTANCES',
      [{ manualInstances: 1 }],
      [{ manualInstances: 0 }, { manualInstances: 1.5 }, { manualInstances: undefined }],
      manual,
    );
  });

  test('GAE-REQUEST-DEADLINE: 600 s automatic, 86400 s basic and manual', () => {
    gae(
      'GAE-REQUEST-DEADLINE',
      [{ requestTimeout: 600 }, { requestTimeout: 0.001 }],
      [{ requestTimeout: 601 }, { requestTimeout: 0 }],
    );
    gae('GAE-REQUEST-DEADLINE', [{ requestTimeout: 86400 }], [{ requestTimeout: 86401 }], {
      scalingType: 'basic',
      basicMaxInstances: 1,
    });
    gae('GAE-REQUEST-DEADLINE', [{ requestTimeout: 86400 }], [{ requestTimeout: 86401 }], {
      scalingType: 'manual',
      manualInstances: 1,
    });
  });

  test('GAE-BILLING-TAIL: an idle timeout under 900 s', () => {
    const basic: AppEngineVersionFacts = { scalingType: 'basic', basicMaxInstances: 1 };
    gae('GAE-BILLING-TAIL', [{ idleTimeout: 900 }, {}], [{ idleTimeout: 899 }, { idleTimeout: 1 }], basic);
    gae('GAE-BILLING-TAIL', [{ idleTimeout: 60 }], []);
  });

  test('GAE-VERSION-ID, GAE-SERVICE-ID and GAE-HOSTNAME-LENGTH: 63 characters', () => {
    gae('GAE-VERSION-ID', [{ versionId: 'v'.repeat(63) }], [{ versionId: 'v'.repeat(64) }]);
    gae('GAE-SERVICE-ID', [{ service: 's'.repeat(63) }], [{ service: 's'.repeat(64) }]);
    // VERSION-dot-SERVICE-dot-PROJECT: 63 characters in all, then one more.
    gae(
      'GAE-HOSTNAME-LENGTH',
      [{ versionId: 'v'.repeat(23), service: 's'.repeat(20), project: 'p'.repeat(10) }],
      [{ versionId: 'v'.repeat(24), service: 's'.repeat(20), project: 'p'.repeat(10) }],
    );
  });
});

describe('what a suppression may silence', () => {
  test('what the platform rejects cannot be suppressed; what it accepts but cannot work can, with a reason', () => {
    // Errors the platform accepts at deploy time: the app then fails or is refused later (a server that does not fit
    // the instance, an ended runtime an organization policy may re-enable), so a reasoned suppression may accept them.
    const deployable = new Set([
      'GCR-SERVER-STARTUP-PROBE',
      'GCR-SERVER-TIMEOUT',
      'GCR-SERVER-MEMORY',
      'GAE-SERVER-MEMORY',
      'GAE-SERVER-TIMEOUT',
      'GAE-RUNTIME-END-OF-SUPPORT',
    ]);
    const rules = [...CLOUD_RUN_RULES, ...APP_ENGINE_VERSION_RULES, ...APP_ENGINE_APPLICATION_RULES];
    for (const r of rules) {
      const rejected = r.pack === Pack.PLATFORM && r.level === CheckLevel.ERROR && !deployable.has(r.id);
      assert.equal(r.suppressible, !rejected, r.id);
    }
    for (const id of deployable)
      assert.ok(
        rules.some((r) => r.id === id),
        id,
      );
  });
});
