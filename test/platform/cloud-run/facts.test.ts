import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  CONSTRUCT_ONLY,
  CONTAINERS,
  hasGpu,
  isManuallyScaled,
  isRequestBilled,
  isWhole,
  JOBS,
  JOBS_AND_POOLS,
  POOLS,
  SERVICE,
  SERVICES,
  SERVICES_AND_JOBS,
  SERVICES_AND_POOLS,
  V2,
  workloadOf,
} from '../../../lib/platform/cloud-run/facts';
import { ResourceKind } from '../../../lib/platform/kinds';

const {
  CLOUD_RUN_SERVICE: v2,
  CLOUD_RUN_SERVICE_V1: v1,
  CLOUD_RUN_JOB: job,
  CLOUD_RUN_WORKER_POOL: pool,
} = ResourceKind;

describe('Cloud Run facts', () => {
  test('billing: jobs and worker pools by instance; a service by cpu_idle, else by whether resources is written', () => {
    for (const workload of ['job', 'worker-pool'] as const) {
      assert.equal(isRequestBilled({ workload, cpuIdle: true }), false, workload);
      assert.equal(isRequestBilled({ workload }), false, workload);
    }
    for (const workload of ['service', undefined] as const) {
      assert.equal(isRequestBilled({ workload, cpuIdle: true, resourcesWritten: true }), true);
      assert.equal(isRequestBilled({ workload, cpuIdle: false }), false);
      assert.equal(isRequestBilled({ workload, resourcesWritten: true }), false);
      assert.equal(isRequestBilled({ workload, resourcesWritten: false }), true);
      assert.equal(isRequestBilled({ workload }), true);
    }
  });

  test('a GPU: a count written and not 0', () => {
    assert.equal(hasGpu({}), false);
    assert.equal(hasGpu({ gpuCount: 0 }), false);
    for (const gpuCount of [1, 2, Number.NaN]) assert.equal(hasGpu({ gpuCount }), true, String(gpuCount));
  });

  test('manual scaling, whole numbers, and the workload (a service unless written)', () => {
    assert.equal(isManuallyScaled({ scalingMode: 'MANUAL' }), true);
    assert.equal(isManuallyScaled({ scalingMode: 'AUTOMATIC' }), false);
    assert.equal(isManuallyScaled({}), false);
    assert.deepEqual([1, 0, -3, 1.5, Number.NaN].map(isWhole), [true, true, true, false, false]);
    assert.equal(workloadOf({}), 'service');
    assert.equal(workloadOf({ workload: 'job' }), 'job');
    assert.equal(workloadOf({ workload: 'worker-pool' }), 'worker-pool');
  });

  test('the kinds each group of rules applies to', () => {
    const same = (actual: readonly ResourceKind[], expected: ResourceKind[]) =>
      assert.deepEqual([...actual].sort(), [...expected].sort());
    same(SERVICE, [v2]);
    same(SERVICES, [v2, v1]);
    same(SERVICES_AND_JOBS, [v2, v1, job]);
    same(SERVICES_AND_POOLS, [v2, v1, pool]);
    same(CONTAINERS, [v2, v1, job, pool]);
    same(V2, [v2, job, pool]);
    same(JOBS, [job]);
    same(POOLS, [pool]);
    same(JOBS_AND_POOLS, [job, pool]);
    same(CONSTRUCT_ONLY, [ResourceKind.CONSTRUCT]);
  });
});
