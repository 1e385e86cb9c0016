/**
 * What the rules compute and say: formulas (hours billed, budgets, the vCPU a memory needs) and the fixes they give,
 * asserted on the message, so that an operator or a number changed in a formula fails a test.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { APP_ENGINE_VERSION_RULES } from '../../lib/platform/app-engine';
import { type AppEngineVersionFacts, formatSeconds } from '../../lib/platform/app-engine/facts';
import { instanceClassSpec } from '../../lib/platform/app-engine/instance-classes';
import { CLOUD_RUN_RULES } from '../../lib/platform/cloud-run';
import type { CloudRunFacts } from '../../lib/platform/cloud-run/facts';
import { evaluate, type FactRule } from '../../lib/platform/rule';

const NOW = new Date('2026-11-29T00:00:00Z');

/** The message and fix of each violation of rule `id`. */
function said<F>(rules: ReadonlyArray<FactRule<F>>, id: string, facts: F): string[] {
  const [o] = evaluate(
    rules.filter((r) => r.id === id),
    { facts, unknown: new Set() },
    { now: NOW },
  );
  assert.equal(o?.status, 'fail', `${id} should fail on ${JSON.stringify(facts)}`);
  return o.status === 'fail' ? o.violations.map((v) => `${v.message}. Fix: ${v.fix}`) : [];
}
const cr = (id: string, facts: CloudRunFacts) => said(CLOUD_RUN_RULES, id, { workload: 'service', ...facts });
const gae = (id: string, facts: AppEngineVersionFacts) => said(APP_ENGINE_VERSION_RULES, id, facts);

describe('formulas and what the rules say', () => {
  test('durations are shown in the largest whole unit', () => {
    assert.deepEqual([59, 60, 61, 3600, 3660, 7200, 5400].map(formatSeconds), [
      '59 s',
      '1 min',
      '61 s',
      '1 h',
      '61 min',
      '2 h',
      '90 min',
    ]);
  });

  test('resident instance-hours: instances × 24 × the class weight, in F1 or B1 equivalents', () => {
    assert.equal(instanceClassSpec('F4_1G')?.billingWeight, 6);
    assert.match(
      gae('GAE-RESIDENT-COST', { scalingType: 'automatic', minInstances: 2, instanceClass: 'F4' })[0],
      /2 resident F4 instance\(s\) use 192 F1 instance-hours a day \(28 are free\)/,
    );
    assert.match(
      gae('GAE-RESIDENT-COST', { scalingType: 'manual', manualInstances: 3, instanceClass: 'B2' })[0],
      /3 resident B2 instance\(s\) use 144 B1 instance-hours a day \(9 are free\)/,
    );
    assert.match(
      gae('GAE-RESIDENT-COST', { scalingType: 'automatic', minInstances: 1, minIdleInstances: 3 })[0],
      /3 resident F1 instance\(s\) use 72 F1/,
    );
  });

  test('the vCPU a memory needs, and the fix', () => {
    assert.deepEqual(cr('GCR-MEMORY-FOR-CPU', { cpu: 1, memoryMiB: 8192 }), [
      'Cloud Run allows at most 4Gi of memory with 1 vCPU; 8Gi needs at least 2 vCPU. Fix: raise cpu to 2 or lower memory to 4Gi',
    ]);
    assert.deepEqual(cr('GCR-MEMORY-FOR-CPU', { cpu: 4, memoryMiB: 1024 }), [
      '4 vCPU need at least 2Gi of memory; 1Gi is too little. Fix: raise memory to 2Gi or lower cpu',
    ]);
    assert.match(cr('GCR-MEMORY-FOR-CPU', { cpu: 0.25, memoryMiB: 1024 })[0], /needs at least 0\.5 vCPU/);
    assert.match(cr('GCR-MEMORY-FOR-CPU', { cpu: 0.25, memoryMiB: 600 })[0], /needs at least 0\.5 vCPU/);
  });

  test('the CPU fix names the nearest allowed values below and above, or the one bound there is', () => {
    // 3 lies between 2 and 4: which one the app needs is not the rule's to guess.
    assert.match(cr('GCR-CPU-VALUE', { cpu: 3 })[0], /Fix: use 2 or 4 vCPU$/);
    assert.match(cr('GCR-CPU-VALUE', { cpu: 5 })[0], /Fix: use 4 or 6 vCPU$/);
    assert.match(cr('GCR-CPU-VALUE', { cpu: 7 })[0], /Fix: use 6 or 8 vCPU$/);
    assert.match(cr('GCR-CPU-VALUE', { cpu: 1.5 })[0], /Fix: use 1 or 2 vCPU$/);
    assert.match(cr('GCR-CPU-VALUE', { cpu: 9 })[0], /Fix: use at most 8 vCPU$/);
    assert.match(cr('GCR-CPU-VALUE', { cpu: 8.5, gpuCount: 1 })[0], /Fix: use 8 or 9 vCPU$/);
    assert.match(cr('GCR-CPU-VALUE', { cpu: 0.05 })[0], /Fix: use at least 0\.08 vCPU$/);
    assert.match(cr('GCR-CPU-VALUE', { cpu: 0.1234 })[0], /Fix: use 0\.123 or 0\.124 vCPU \(at most 3 decimals\)$/);
    assert.match(cr('GCR-CPU-VALUE', { cpu: 0.9995 })[0], /Fix: use 0\.999 or 1 vCPU \(at most 3 decimals\)$/);
  });

  test('the startup budget fix lowers the threshold to what fits', () => {
    assert.match(
      cr('GCR-STARTUP-BUDGET', { startupProbe: { kind: 'tcp', periodSeconds: 7, failureThreshold: 40 } })[0],
      /7 × failureThreshold 40 = 280 s exceeds the 240 s startup budget.*Fix: lower failureThreshold to 34 /,
    );
    assert.match(
      cr('GCR-STARTUP-BUDGET', {
        workload: 'job',
        startupProbe: { kind: 'tcp', periodSeconds: 10, failureThreshold: 61 },
      })[0],
      /610 s exceeds the 600 s startup budget of a job/,
    );
  });

  test('the hostname fix says how long the version id may be', () => {
    const [message] = gae('GAE-HOSTNAME-LENGTH', {
      scalingType: 'automatic',
      versionId: 'v'.repeat(30),
      service: 's'.repeat(20),
      project: 'p'.repeat(10),
    });
    assert.match(message, /70 characters; App Engine allows at most 63.*at most 23 characters/);
  });

  test('a request deadline message names the deadline of the scaling type', () => {
    assert.match(
      gae('GAE-REQUEST-DEADLINE', { scalingType: 'automatic', requestTimeout: 3600 })[0],
      /1 h is longer than the 10-minute request deadline of automatic scaling/,
    );
    assert.match(
      gae('GAE-REQUEST-DEADLINE', { scalingType: 'automatic', requestTimeout: 90000 })[0],
      /longer than the 24-hour request deadline.*no App Engine request can last longer than 24 hours/,
    );
    assert.match(
      gae('GAE-REQUEST-DEADLINE', { scalingType: 'basic', requestTimeout: 90000 })[0],
      /24-hour request deadline of basic scaling/,
    );
  });
});
