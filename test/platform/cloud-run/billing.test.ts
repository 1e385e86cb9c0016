import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { CloudRunFacts } from '../../../lib/platform/cloud-run/facts';
import { judge, only, onlyErrorsUnsuppressible, reported } from './judge';
import { CLOUD_RUN_BILLING_RULES } from '../../../lib/platform/cloud-run/billing';

describe('GCR-CPU-IDLE-IMPLICIT', () => {
  test('resources written without cpu_idle select instance billing silently', () => {
    const v = only('GCR-CPU-IDLE-IMPLICIT', { resourcesWritten: true });
    assert.equal(v.fact, 'cpuIdle');
    assert.match(v.message, /without cpu_idle/);
    assert.match(v.fix, /cpu_idle = true/);
  });

  test('cpu_idle written either way, no resources block, or a GPU: nothing to say', () => {
    for (const facts of [
      { resourcesWritten: true, cpuIdle: true },
      { resourcesWritten: true, cpuIdle: false },
      { resourcesWritten: false },
      {},
      { resourcesWritten: true, gpuCount: 1 },
    ])
      assert.deepEqual(reported('GCR-CPU-IDLE-IMPLICIT', facts), [], JSON.stringify(facts));
    assert.deepEqual(reported('GCR-CPU-IDLE-IMPLICIT', { resourcesWritten: true, gpuCount: 0 }), ['cpuIdle']);
  });

  test('each fact it reads, as a token, leaves it unknown', () => {
    for (const unknown of ['cpuIdle', 'resourcesWritten', 'gpuCount'])
      assert.equal(judge('GCR-CPU-IDLE-IMPLICIT', { resourcesWritten: true }, [unknown]).status, 'unknown', unknown);
  });
});

describe('GCR-INSTANCE-BILLING-NO-MIN', () => {
  const idle: CloudRunFacts = { cpuIdle: false };

  test('instance billing with no minimum anywhere scales to zero', () => {
    for (const facts of [idle, { ...idle, minInstances: 0, serviceMinInstances: 0 }, { resourcesWritten: true }]) {
      const v = only('GCR-INSTANCE-BILLING-NO-MIN', facts);
      assert.equal(v.fact, 'minInstances');
      assert.match(v.message, /0 min instances scales to zero/);
      assert.match(v.fix, /at least 1/);
    }
  });

  test('a revision or service minimum of 1, request billing, a GPU or manual scaling each turn it off', () => {
    for (const change of [
      { minInstances: 1 },
      { serviceMinInstances: 1 },
      { cpuIdle: true },
      { gpuCount: 1 },
      { scalingMode: 'MANUAL' },
    ] as Array<Partial<CloudRunFacts>>)
      assert.deepEqual(reported('GCR-INSTANCE-BILLING-NO-MIN', { ...idle, ...change }), [], JSON.stringify(change));
    assert.deepEqual(reported('GCR-INSTANCE-BILLING-NO-MIN', { ...idle, scalingMode: 'AUTOMATIC' }), ['minInstances']);
  });

  test('each fact it reads, as a token, leaves it unknown', () => {
    for (const unknown of [
      'minInstances',
      'serviceMinInstances',
      'cpuIdle',
      'resourcesWritten',
      'gpuCount',
      'scalingMode',
    ])
      assert.equal(judge('GCR-INSTANCE-BILLING-NO-MIN', idle, [unknown]).status, 'unknown', unknown);
  });
});

describe('GCR-BACKGROUND-BILLING', () => {
  test('background work with request billing stalls', () => {
    const v = only('GCR-BACKGROUND-BILLING', { backgroundWork: true, cpuIdle: true });
    assert.equal(v.fact, 'cpuIdle');
    assert.match(v.message, /backgroundWork needs instance-based billing/);
    assert.match(v.fix, /Billing\.INSTANCE/);
  });

  test('either side alone passes', () => {
    for (const facts of [
      { backgroundWork: true, cpuIdle: false },
      { backgroundWork: true },
      { backgroundWork: false, cpuIdle: true },
      { cpuIdle: true },
    ])
      assert.deepEqual(reported('GCR-BACKGROUND-BILLING', facts), [], JSON.stringify(facts));
    for (const unknown of ['backgroundWork', 'cpuIdle'])
      assert.equal(judge('GCR-BACKGROUND-BILLING', { backgroundWork: true }, [unknown]).status, 'unknown', unknown);
  });
});

test('errors of these rules cannot be suppressed, warnings and notes can', () =>
  onlyErrorsUnsuppressible(CLOUD_RUN_BILLING_RULES));
