import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { CloudRunFacts } from '../../../lib/platform/cloud-run/facts';
import { judge, only, onlyErrorsUnsuppressible, reported } from './judge';
import { CLOUD_RUN_CELERY_RULES } from '../../../lib/platform/cloud-run/celery';

const ID = 'GCR-CELERY-MEMORY';
const prefork = (maxMemoryPerChildMiB?: number, concurrency?: number) => ({
  pool: 'prefork' as const,
  maxMemoryPerChildMiB,
  concurrency,
});

describe('GCR-CELERY-MEMORY', () => {
  test('one child per vCPU: children × max memory at the limit pass, one MiB past it fails', () => {
    assert.deepEqual(reported(ID, { cpu: 2, memoryMiB: 1024, worker: prefork(512) }), []);
    const v = only(ID, { cpu: 2, memoryMiB: 1024, worker: prefork(513) });
    assert.equal(v.fact, 'worker');
    assert.match(
      v.message,
      /^2 Celery children \(one per vCPU\), each replaced only past 513Mi, need 1026Mi, more than the 1Gi memory limit/,
    );
    assert.match(v.fix, /max memory per child to 512Mi or less/);
    assert.match(v.fix, /raise memory to at least 1026Mi/);
  });

  test("an in-memory volume, a sidecar or a bucket's FUSE caches take their share of the instance first", () => {
    const pool = (more: Partial<CloudRunFacts>): CloudRunFacts => ({
      workload: 'worker-pool',
      cpu: 1,
      memoryMiB: 1024,
      worker: prefork(400, 2),
      ...more,
    });
    // 2 × 400 MiB fit 1 GiB alone; not with a 512 MiB in-memory volume beside them (the worker pools' volumes).
    assert.deepEqual(reported(ID, pool({})), []);
    const scratch = { name: 'scratch', kinds: ['in-memory' as const], sizeLimitMiB: 512 };
    const v = only(ID, pool({ volumes: [scratch] }));
    assert.match(
      v.message,
      /need 800Mi, more than the 512Mi left of the instance's 1Gi after 512Mi for in-memory volume 'scratch'$/,
    );
    // 512 / 2 children = 256 MiB each; or 800 + 512 MiB of memory.
    assert.match(
      v.fix,
      /^lower the max memory per child to 256Mi or less, run fewer children, or raise memory to at least 1312Mi$/,
    );
    // A volume or container list only known at apply: not judged; without a memory cap per child, nothing to judge.
    assert.equal(judge(ID, pool({ volumes: [scratch] }), ['volumes']).status, 'unknown');
    assert.equal(judge(ID, pool({ worker: prefork(undefined, 2) }), ['volumes', 'containers']).status, 'pass');
    assert.equal(judge(ID, { workload: 'worker-pool' }, ['containers']).status, 'pass');
    // The worker itself only known at apply: unknown, whatever else is (not out of scope).
    assert.equal(judge(ID, { workload: 'worker-pool' }, ['worker', 'volumes']).status, 'unknown');
    assert.equal(
      judge(ID, pool({ worker: { pool: 'threads', maxMemoryPerChildMiB: 400 } }), ['volumes']).status,
      'pass',
    );
  });

  test('unset CPU and memory are the Cloud Run defaults (1 vCPU, 512 MiB)', () => {
    assert.deepEqual(reported(ID, { worker: prefork(512) }), []);
    assert.match(only(ID, { worker: prefork(513) }).message, /^1 Celery children .* than the 512Mi memory limit/);
    // 1.5 vCPU run one child.
    assert.deepEqual(reported(ID, { cpu: 1.5, memoryMiB: 1024, worker: prefork(513) }), []);
  });

  test('an explicit concurrency is the child count, without the per-vCPU note', () => {
    const v = only(ID, { cpu: 1, memoryMiB: 1000, worker: prefork(400, 3) });
    assert.match(v.message, /^3 Celery children, each/);
    // 1000 / 3 = 333.3: the fix rounds down.
    assert.match(v.fix, /to 333Mi or less/);
    assert.match(only(ID, { cpu: 1, memoryMiB: 512, worker: prefork(256.3, 2) }).fix, /at least 513Mi$/);
  });

  test('only process pools hold memory per child; solo runs one child', () => {
    assert.deepEqual(
      reported(ID, { memoryMiB: 512, worker: { pool: 'processes', maxMemoryPerChildMiB: 300, concurrency: 2 } }),
      ['worker'],
    );
    for (const pool of ['threads', 'gevent', 'eventlet', 'solo'] as const)
      assert.deepEqual(
        reported(ID, { memoryMiB: 512, worker: { pool, maxMemoryPerChildMiB: 300, concurrency: 4 } }),
        [],
        pool,
      );
  });

  test('nothing to judge without a worker, a max memory per child, or a known CPU or memory', () => {
    for (const facts of [
      {},
      { worker: prefork(undefined, 8) },
      { cpu: Number.NaN, worker: prefork(10_000) },
      { cpu: Number.POSITIVE_INFINITY, worker: prefork(10_000) },
      { memoryMiB: Number.NaN, worker: prefork(10_000) },
    ] as CloudRunFacts[])
      assert.deepEqual(reported(ID, facts), [], JSON.stringify(facts));
  });

  test('a malformed CPU skips the rule even with an explicit concurrency (GCR-CPU-VALUE reports the CPU)', () => {
    assert.deepEqual(reported(ID, { cpu: Number.NaN, worker: prefork(10_000, 2) }), []);
    assert.deepEqual(reported(ID, { cpu: 1, worker: prefork(10_000, 2) }), ['worker']);
  });

  test('each fact it reads, as a token, leaves it unknown', () => {
    for (const unknown of ['worker', 'cpu', 'memoryMiB'])
      assert.equal(judge(ID, { worker: prefork(10_000) }, [unknown]).status, 'unknown', unknown);
  });
});

test('errors of these rules cannot be suppressed, warnings and notes can', () =>
  onlyErrorsUnsuppressible(CLOUD_RUN_CELERY_RULES));
