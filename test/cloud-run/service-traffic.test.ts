import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { TerraformVariable } from 'cdktf';
import { Billing, CloudRunService, ManualScaling, Traffic, checkStack } from '../../lib';
import { IMAGE, serviceTests } from '../support/cloud-run';
import { newStack, only, synth, warnings } from '../support/synth';

const BASE = { region: 'us-central1', image: IMAGE, maxInstances: 10 };
const { build, rejects } = serviceTests(BASE);

describe('CloudRunService traffic', () => {
  test('a canary: 90% to a named revision, 10% to the latest with a tag', () => {
    const { res, svc } = build({
      traffic: [Traffic.revision('api-00041-xyz', 90), Traffic.latest(10, { tag: 'canary' })],
    });
    assert.deepEqual(res.traffic, [
      { type: 'TRAFFIC_TARGET_ALLOCATION_TYPE_REVISION', revision: 'api-00041-xyz', percent: 90 },
      { type: 'TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST', percent: 10, tag: 'canary' },
    ]);
    assert.deepEqual(warnings(svc), []);
    assert.equal(build().res.traffic, undefined);
  });

  test('percents must sum to 100, each a whole number from 0 to 100', () => {
    rejects(
      { traffic: [Traffic.revision('api-00041-xyz', 90), Traffic.latest(20)] },
      /traffic = \[Traffic\.revision\('api-00041-xyz', 90\), Traffic\.latest\(20\)\]: the traffic targets sum to 110%, not 100% \[GCR-TRAFFIC-SPLIT\]/,
    );
    rejects(
      { traffic: [Traffic.latest(100.5)] },
      /traffic\.0 = Traffic\.latest\(100\.5\): the latest revision gets 100\.5%/,
    );
    rejects({ traffic: [Traffic.revision('', 100)] }, /a revision target names no revision/);
    build({ traffic: [Traffic.latest(100), Traffic.revision('api-00041-xyz', 0, { tag: 'previous' })] });
  });

  test('tags are DNS labels, unique, and fit in 46 characters with the service name', () => {
    rejects(
      { traffic: [Traffic.latest(100, { tag: 'Canary_1' })] },
      /traffic\.0\.tag = 'Canary_1': tag 'Canary_1' is not a DNS label.*\[GCR-TRAFFIC-TAG\]\. Fix: use e\.g\. 'canary-1'/,
    );
    rejects(
      { serviceName: 'orders-api-with-a-rather-long-name', traffic: [Traffic.latest(100, { tag: 'candidate-build' })] },
      /tag 'candidate-build' and service name 'orders-api-with-a-rather-long-name' together have 49 characters; Cloud Run allows 46.*Fix: shorten the tag to 12 characters/,
    );
    rejects(
      { traffic: [Traffic.latest(50, { tag: 'blue' }), Traffic.revision('api-1', 50, { tag: 'blue' })] },
      /traffic\.1\.tag = 'blue': tag 'blue' is used twice/,
    );
    const short = build({ traffic: [Traffic.latest(100, { tag: 'v2' })] });
    assert.ok(warnings(short.svc).some((w) => /tag 'v2' has fewer than 3 characters.*GCR-TRAFFIC-TAG/.test(w)));
  });

  test('every revision the traffic names keeps revision-level min instances: a cost warning', () => {
    const { svc } = build({
      minInstances: 1,
      traffic: [Traffic.revision('api-00041-xyz', 90), Traffic.latest(10, { tag: 'canary' })],
    });
    assert.ok(
      warnings(svc).some((w) =>
        /2 revisions are named or tagged in the traffic block .* up to 2 idle instances \[GCR-TRAFFIC-MIN-INSTANCES\]/.test(
          w,
        ),
      ),
    );
  });

  test('misspelt options and wrong types are reported under the target', () => {
    rejects(
      { traffic: [Traffic.latest('100' as never, { tags: 'x' } as never)] },
      /traffic\.0\.tags = 'x': 'tags' is not a known prop/,
      /traffic\.0\.percent = '100': expected a number, got a string/,
    );
  });

  test('a percent given as a token is written and the split is not judged', () => {
    const stack = newStack();
    const p = new TerraformVariable(stack, 'p', { type: 'number' }).numberValue;
    new CloudRunService(stack, 'Api', { ...BASE, traffic: [Traffic.latest(p)] });
    assert.equal(only(synth(stack), 'google_cloud_run_v2_service').traffic[0].percent, '${var.p}');
  });
});

describe('CloudRunService service-level scaling', () => {
  test('serviceMinInstances is written on the service (a cost warning), not combined with revision minimums', () => {
    const { res, svc } = build({ serviceMinInstances: 2 });
    assert.deepEqual(res.scaling, { min_instance_count: 2 });
    assert.ok(warnings(svc).some((w) => /serviceMinInstances = 2: 2 instance\(s\) \(service level/.test(w)));
    const both = build({ serviceMinInstances: 2, minInstances: 1 });
    assert.ok(
      warnings(both.svc).some((w) =>
        /minInstances = 1: min instances are set on the revision \(1\) and on the service \(2\).*GCR-SCALING-COMBINED-MIN/.test(
          w,
        ),
      ),
    );
  });

  test('a service minimum given as a token is written and skips only the rules that read it', () => {
    const stack = newStack();
    const min = new TerraformVariable(stack, 'min', { type: 'number' }).numberValue;
    const svc = new CloudRunService(stack, 'Api', {
      ...BASE,
      serviceMinInstances: min,
      minInstances: 2,
      concurrency: 1,
    });
    assert.deepEqual(only(synth(stack), 'google_cloud_run_v2_service').scaling, { min_instance_count: '${var.min}' });
    const w = warnings(svc);
    for (const id of ['GCR-MIN-INSTANCES-COST', 'GCR-SCALING-COMBINED-MIN'])
      assert.ok(!w.some((x) => x.includes(`[${id}]`)), id);
    assert.ok(w.some((x) => x.includes('[GCR-CONCURRENCY-ONE]')));
  });

  test('instance billing with a service-level minimum keeps an instance: no scale-to-zero warning', () => {
    const { svc } = build({ billing: Billing.INSTANCE, serviceMinInstances: 1 });
    assert.ok(!warnings(svc).some((w) => /GCR-INSTANCE-BILLING-NO-MIN/.test(w)));
  });

  test('ManualScaling writes MANUAL with the count; revision bounds are ignored (a warning); the instances cost', () => {
    const { res, svc } = build({ manualScaling: ManualScaling.instances(3), maxInstances: undefined });
    assert.deepEqual(res.scaling, { scaling_mode: 'MANUAL', manual_instance_count: 3 });
    const w = warnings(svc);
    assert.ok(
      w.some((x) =>
        /manualScaling = ManualScaling\.instances\(3\): 3 instance\(s\) run around the clock.*GCR-MANUAL-INSTANCES-COST/.test(
          x,
        ),
      ),
      w.join('\n'),
    );
    assert.ok(!w.some((x) => /GCR-MAX-INSTANCES-UNSET/.test(x)));
    const bounded = build({ manualScaling: ManualScaling.instances(3), maxInstances: 10 });
    assert.ok(
      warnings(bounded.svc).some((x) =>
        /maxInstances = 10: revision max instances 10 is ignored with manual scaling \[GCR-SCALING-MANUAL\]/.test(x),
      ),
    );
    rejects(
      { manualScaling: ManualScaling.instances(-1) },
      /manualScaling = ManualScaling\.instances\(-1\): manual instances -1 must be a whole number/,
    );
    rejects(
      { manualScaling: ManualScaling.instances('3' as never) },
      /manualScaling\.instanceCount = '3': expected a number, got a string\. Fix: write it as a number: 3/,
    );
  });

  test('the checker finds no error in a canary with service-level scaling', () => {
    const { stack } = build({
      serviceMinInstances: 1,
      traffic: [Traffic.revision('api-00041-xyz', 90), Traffic.latest(10, { tag: 'canary' })],
    });
    assert.deepEqual(
      checkStack(stack).filter((f) => f.status === 'fail' && f.level === 'error'),
      [],
    );
  });
});
