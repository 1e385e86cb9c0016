import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CheckLevel } from '../../../lib/core/levels';
import { ResourceKind } from '../../../lib/platform/kinds';
import type { CloudRunFacts } from '../../../lib/platform/cloud-run/facts';
import { CLOUD_RUN_RULES } from '../../../lib/platform/cloud-run';
import { CLOUD_RUN_WORKER_POOL_RULES } from '../../../lib/platform/cloud-run/worker-pools';
import { rulesFor } from '../../../lib/platform/judge';
import { judge, only, onlyErrorsUnsuppressible, reported } from './judge';

const rule = (id: string) => CLOUD_RUN_WORKER_POOL_RULES.find((r) => r.id === id)!;
const pool = (f: CloudRunFacts): CloudRunFacts => ({ workload: 'worker-pool', ...f });

describe('GCR-WORKER-POOL-SCALING: automatic', () => {
  const auto = (f: CloudRunFacts) => pool({ scalingMode: 'AUTOMATIC', ...f });

  test('autoscaling from 1 instance passes; from 0 it can stop for good', () => {
    assert.deepEqual(reported('GCR-WORKER-POOL-SCALING', auto({ minInstances: 1, maxInstances: 5 })), []);
    assert.deepEqual(reported('GCR-WORKER-POOL-SCALING', auto({})), []);
    const v = only('GCR-WORKER-POOL-SCALING', auto({ minInstances: 0 }));
    assert.equal(v.fact, 'minInstances');
    assert.match(v.message, /0 min instances can stop every instance/);
    assert.match(v.fix, /at least 1/);
  });

  test('a GPU pool cannot be autoscaled', () => {
    const v = only('GCR-WORKER-POOL-SCALING', auto({ minInstances: 1, gpuCount: 1 }));
    assert.equal(v.fact, 'scalingMode');
    assert.match(v.message, /GPU worker pools cannot be autoscaled/);
    assert.match(v.fix, /manual scaling/);
    assert.deepEqual(reported('GCR-WORKER-POOL-SCALING', auto({ minInstances: 1, gpuCount: 0 })), []);
  });

  test('a manual count is ignored, including 0; everything at once', () => {
    const v = only('GCR-WORKER-POOL-SCALING', auto({ manualInstances: 0 }));
    assert.equal(v.fact, 'manualInstances');
    assert.match(v.message, /ignored when the scaling mode is AUTOMATIC/);
    assert.deepEqual(reported('GCR-WORKER-POOL-SCALING', auto({ minInstances: 0, gpuCount: 1, manualInstances: 2 })), [
      'minInstances',
      'scalingMode',
      'manualInstances',
    ]);
  });
});

describe('GCR-WORKER-POOL-SCALING: manual (also when unset)', () => {
  test('0 manual instances run nothing; 1 runs', () => {
    for (const scalingMode of ['MANUAL', undefined] as const) {
      const v = only('GCR-WORKER-POOL-SCALING', pool({ scalingMode, manualInstances: 0 }));
      assert.equal(v.fact, 'manualInstances');
      assert.match(v.message, /0 manual instances runs nothing/);
      assert.match(v.fix, /at least 1 instance/);
      assert.deepEqual(reported('GCR-WORKER-POOL-SCALING', pool({ scalingMode, manualInstances: 1 })), []);
      assert.deepEqual(reported('GCR-WORKER-POOL-SCALING', pool({ scalingMode })), []);
    }
  });

  test('min or max instances are ignored, reported at the one written (min first)', () => {
    for (const [facts, fact] of [
      [{ minInstances: 1 }, 'minInstances'],
      [{ maxInstances: 3 }, 'maxInstances'],
      [{ minInstances: 0, maxInstances: 3 }, 'minInstances'],
    ] as const) {
      const v = only('GCR-WORKER-POOL-SCALING', pool({ scalingMode: 'MANUAL', ...facts }));
      assert.equal(v.fact, fact);
      assert.match(v.message, /ignored in manual scaling mode/);
      assert.match(v.fix, /AUTOMATIC/);
    }
    assert.deepEqual(reported('GCR-WORKER-POOL-SCALING', pool({ manualInstances: 0, maxInstances: 2, gpuCount: 1 })), [
      'manualInstances',
      'maxInstances',
    ]);
  });

  test('each fact it reads, as a token, leaves it unknown', () => {
    for (const unknown of ['scalingMode', 'manualInstances', 'minInstances', 'maxInstances', 'gpuCount'])
      assert.equal(judge('GCR-WORKER-POOL-SCALING', pool({}), [unknown]).status, 'unknown', unknown);
  });
});

describe('GCR-WORKER-POOL-CPU', () => {
  test('1 vCPU passes; less is a warning with the value', () => {
    assert.deepEqual(reported('GCR-WORKER-POOL-CPU', pool({ cpu: 1 })), []);
    assert.deepEqual(reported('GCR-WORKER-POOL-CPU', pool({})), []);
    const v = only('GCR-WORKER-POOL-CPU', pool({ cpu: 0.999 }));
    assert.equal(v.fact, 'cpu');
    assert.match(v.message, /^0\.999 vCPU is below the 1 vCPU minimum/);
    assert.equal(v.fix, 'use 1 vCPU');
    assert.equal(judge('GCR-WORKER-POOL-CPU', pool({ cpu: 0.5 }), ['cpu']).status, 'unknown');
  });
});

describe('GCR-WORKER-POOL-VPC', () => {
  test('a connector is refused; Direct VPC or none passes', () => {
    const v = only('GCR-WORKER-POOL-VPC', pool({ vpcConnector: true }));
    assert.equal(v.fact, 'vpcConnector');
    assert.match(v.fix, /VpcAccess\.directVpc/);
    assert.deepEqual(reported('GCR-WORKER-POOL-VPC', pool({ vpcConnector: false })), []);
    assert.deepEqual(reported('GCR-WORKER-POOL-VPC', pool({})), []);
    assert.equal(judge('GCR-WORKER-POOL-VPC', pool({ vpcConnector: true }), ['vpcConnector']).status, 'unknown');
  });

  test('jobs and services take connectors: only the worker pool construct runs the rule', () => {
    // CloudRunJob with VpcAccess.connector(...) was refused as "a worker pool cannot use a connector".
    const runs = (kind: ResourceKind) => rulesFor(CLOUD_RUN_RULES, kind).some((r) => r.id === 'GCR-WORKER-POOL-VPC');
    assert.equal(runs(ResourceKind.CLOUD_RUN_WORKER_POOL), true);
    assert.equal(runs(ResourceKind.CLOUD_RUN_JOB), false);
    assert.equal(runs(ResourceKind.CLOUD_RUN_SERVICE), false);
  });
});

describe('GCR-BACKGROUND-WORKER-POOL', () => {
  const consumer: CloudRunFacts = { workload: 'service', backgroundWork: true, minInstances: 2, cpuIdle: false };

  test('background work kept alive by min instances, with no server and instance billing, suggests a worker pool', () => {
    const v = only('GCR-BACKGROUND-WORKER-POOL', consumer);
    assert.equal(v.fact, 'backgroundWork');
    assert.match(v.message, /^backgroundWork with 2 min instance\(s\) and no server profile/);
    assert.match(v.fix, /CloudRunWorkerPool/);
  });

  test('each condition on its own turns it off', () => {
    for (const change of [
      { backgroundWork: false },
      { backgroundWork: undefined },
      { server: { kind: 'gunicorn' } },
      { minInstances: 0 },
      { minInstances: undefined },
      { cpuIdle: true },
    ] as Array<Partial<CloudRunFacts>>)
      assert.deepEqual(reported('GCR-BACKGROUND-WORKER-POOL', { ...consumer, ...change }), [], JSON.stringify(change));
    // Instance billing because resources are written without cpu_idle counts too.
    assert.deepEqual(
      reported('GCR-BACKGROUND-WORKER-POOL', { ...consumer, cpuIdle: undefined, resourcesWritten: true }),
      ['backgroundWork'],
    );
    assert.deepEqual(
      reported('GCR-BACKGROUND-WORKER-POOL', { ...consumer, cpuIdle: undefined, resourcesWritten: false }),
      [],
    );
  });

  test('each fact it reads, as a token, leaves it unknown', () => {
    for (const unknown of ['backgroundWork', 'server', 'minInstances', 'cpuIdle', 'resourcesWritten', 'workload'])
      assert.equal(judge('GCR-BACKGROUND-WORKER-POOL', consumer, [unknown]).status, 'unknown', unknown);
  });
});

describe('worker pool rule metadata', () => {
  test('levels, suppression and the resources each rule judges', () => {
    for (const id of ['GCR-WORKER-POOL-SCALING', 'GCR-WORKER-POOL-CPU']) {
      assert.equal(rule(id).level, CheckLevel.WARNING, id);
      assert.deepEqual(rule(id).appliesTo, [ResourceKind.CLOUD_RUN_WORKER_POOL], id);
    }
    assert.equal(rule('GCR-WORKER-POOL-VPC').level, CheckLevel.ERROR);
    assert.equal(rule('GCR-WORKER-POOL-VPC').suppressible, false);
    assert.deepEqual(rule('GCR-WORKER-POOL-VPC').appliesTo, [
      ResourceKind.CONSTRUCT,
      ResourceKind.CLOUD_RUN_WORKER_POOL,
    ]);
    assert.deepEqual(rule('GCR-BACKGROUND-WORKER-POOL').appliesTo, [
      ResourceKind.CONSTRUCT,
      ResourceKind.CLOUD_RUN_SERVICE,
    ]);
    assert.equal(rule('GCR-BACKGROUND-WORKER-POOL').suppressible, true);
  });
});

test('errors of these rules cannot be suppressed, warnings and notes can', () =>
  onlyErrorsUnsuppressible(CLOUD_RUN_WORKER_POOL_RULES));
