import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { CloudRunV2Service } from '@cdktf/provider-google/lib/cloud-run-v2-service';
import { CloudRunV2ServiceIamMember } from '@cdktf/provider-google/lib/cloud-run-v2-service-iam-member';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import { App, TerraformStack, Testing } from 'cdktf';
import { CheckLevel, checkStack, FailOn, FindingStatus, PolicyChecks, Suppressions } from '../../lib';

const DIGEST = 'europe-docker.pkg.dev/p/r/app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';

/** A compliant raw Cloud Run service; `mutate` breaks it. */
function rawStack(mutate: (svc: CloudRunV2Service, stack: TerraformStack) => void = () => {}) {
  const outdir = mkdtempSync(join(tmpdir(), 'checks-'));
  const app = new App({ outdir, stackTraces: false });
  const stack = new TerraformStack(app, 'raw');
  new GoogleProvider(stack, 'google', { project: 'my-project' });
  const sa = new ServiceAccount(stack, 'sa', { accountId: 'api-runtime' });
  const svc = new CloudRunV2Service(stack, 'api', {
    name: 'api',
    location: 'europe-west1',
    ingress: 'INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER',
    template: {
      serviceAccount: sa.email,
      maxInstanceRequestConcurrency: 10,
      scaling: { maxInstanceCount: 5 },
      executionEnvironment: 'EXECUTION_ENVIRONMENT_GEN2',
      containers: [{ image: DIGEST, resources: { limits: { cpu: '1', memory: '512Mi' }, cpuIdle: true } }],
    },
  });
  mutate(svc, stack);
  return { app, stack, svc, outdir };
}

const open = (findings: ReturnType<typeof checkStack>) =>
  findings.filter((f) => !f.suppressed && f.status === FindingStatus.FAIL);

describe('PolicyChecks in a cdktf app', () => {
  test('a compliant raw stack synthesizes and writes JSON and SARIF reports', () => {
    const { app, stack, outdir } = rawStack();
    PolicyChecks.applyTo(app);
    assert.deepEqual(
      open(checkStack(stack)).map((f) => f.ruleId),
      [],
    );
    app.synth();
    const json = JSON.parse(readFileSync(join(outdir, 'checks', 'raw.json'), 'utf8'));
    assert.equal(json.stack, 'raw');
    assert.equal(json.summary.errors, 0);
    const sarif = JSON.parse(readFileSync(join(outdir, 'checks', 'raw.sarif'), 'utf8'));
    assert.equal(sarif.version, '2.1.0');
    assert.ok(sarif.runs[0].tool.driver.rules.some((r: { id: string }) => r.id === 'GCR-CPU-VALUE'));
  });

  test('an error finding (seen through an escape-hatch override) fails app.synth()', () => {
    const { app, svc } = rawStack((s) => s.addOverride('template.containers.0.resources.limits.cpu', '3'));
    PolicyChecks.applyTo(app);
    assert.throws(() => app.synth(), /GCR-CPU-VALUE.*google_cloud_run_v2_service\.api \(raw\/api\)/s);
    assert.ok(svc.node.metadata.some((m) => m.type === '@cdktf/error' && String(m.data).includes('GCR-CPU-VALUE')));
  });

  test('a suppression with a reason lets a suppressible finding pass the gate, and is reported in SARIF', () => {
    const { app, stack, outdir } = rawStack((s, st) => {
      new CloudRunV2ServiceIamMember(st, 'public', {
        name: s.name,
        location: s.location,
        role: 'roles/run.invoker',
        member: 'allUsers',
      });
      s.ingress = 'INGRESS_TRAFFIC_ALL';
    });
    assert.deepEqual(
      open(checkStack(stack))
        .filter((f) => f.level !== CheckLevel.INFO)
        .map((f) => f.ruleId),
      ['GCR-PUBLIC-INVOKER'],
    );
    Suppressions.add(stack.node.findChild('public'), [
      { ruleId: 'GCR-PUBLIC-INVOKER', reason: 'public marketing website, no private data' },
    ]);
    PolicyChecks.applyTo(app, { failOn: FailOn.WARNING });
    app.synth();
    const sarif = JSON.parse(readFileSync(join(outdir, 'checks', 'raw.sarif'), 'utf8'));
    const result = sarif.runs[0].results.find((r: { ruleId: string }) => r.ruleId === 'GCR-PUBLIC-INVOKER');
    assert.equal(result.suppressions[0].justification, 'public marketing website, no private data');
  });

  test('failOn WARNING fails synth on a warning', () => {
    const make = () => rawStack((s) => s.addOverride('template.containers.0.image', 'gcr.io/p/app:v1'));
    const ok = make();
    PolicyChecks.applyTo(ok.app);
    ok.app.synth();
    const strict = make();
    PolicyChecks.applyTo(strict.app, { failOn: FailOn.WARNING });
    assert.throws(() => strict.app.synth(), /GCR-IMAGE-DIGEST/);
  });

  test('validate() running twice does not duplicate annotations', () => {
    const { stack, svc } = rawStack((s) => s.addOverride('template.containers.0.resources.limits.cpu', '3'));
    PolicyChecks.applyTo(stack, { reports: false });
    // Outside `cdktf synth`, a failing validation throws (each error once, no stack trace).
    assert.throws(() => Testing.synth(stack, true), /GCR-CPU-VALUE/);
    assert.throws(() => Testing.synth(stack, true), /GCR-CPU-VALUE/);
    assert.equal(svc.node.metadata.filter((m) => m.type === '@cdktf/error').length, 1);
  });

  test('unused and expired suppressions are warned about; platform errors cannot be suppressed', () => {
    const { stack, svc } = rawStack();
    Suppressions.add(svc, [{ ruleId: 'GCR-IMAGE-DIGEST', reason: 'the image is rebuilt nightly' }]);
    Suppressions.addByAddress(stack, 'google_cloud_run_v2_service.api', [
      { ruleId: 'GCR-INGRESS-ALL', reason: 'temporary until the load balancer exists', expires: '2020-01-01' },
    ]);
    const ids = checkStack(stack).map((f) => f.ruleId);
    assert.ok(ids.includes('CHECKS-SUPPRESSION-UNUSED'));
    assert.ok(ids.includes('CHECKS-SUPPRESSION-EXPIRED'));
    assert.throws(() => Suppressions.add(svc, [{ ruleId: 'GCR-IMAGE-DIGEST', reason: 'ok' }]), /reason of at least 10/);
  });

  test('a suppression of what the platform rejects is ignored and reported; the error still fails synth', () => {
    const { app, svc } = rawStack((s) => s.addOverride('template.containers.0.resources.limits.cpu', '3'));
    Suppressions.add(svc, [{ ruleId: 'GCR-CPU-VALUE', reason: 'we know better than the API' }]);
    const findings = checkStack(svc.node.scope as TerraformStack);
    assert.ok(
      findings.some((f) => f.ruleId === 'CHECKS-SUPPRESSION-NOT-ALLOWED' && /GCR-CPU-VALUE cannot be/.test(f.message)),
    );
    assert.ok(findings.some((f) => f.ruleId === 'GCR-CPU-VALUE' && !f.suppressed));
    PolicyChecks.applyTo(app);
    assert.throws(() => app.synth(), /GCR-CPU-VALUE/);
  });

  test('a suppression of a rule id that does not exist stops the check, naming the id', () => {
    const { stack, svc } = rawStack();
    Suppressions.add(svc, [{ ruleId: 'GCR-NOPE', reason: 'a long enough reason' }]);
    assert.throws(() => checkStack(stack), /unknown rule id 'GCR-NOPE'/);
  });

  test("applyTo(app) skips a stack that has its own checks (the stack's options win); twice on one stack throws", () => {
    const { app, stack } = rawStack((svc) => svc.addOverride('template.scaling.max_instance_count', null));
    PolicyChecks.applyTo(stack); // fails on errors only
    PolicyChecks.applyTo(app, { failOn: FailOn.WARNING });
    assert.ok(checkStack(stack).some((f) => f.ruleId === 'GCR-MAX-INSTANCES-UNSET' && f.level === 'warning'));
    app.synth(); // a warning, but the stack's own failOn (errors) applies, not the app's
    assert.throws(
      () => PolicyChecks.applyTo(stack),
      /'raw' has 1 problem:\n.*the checks are already applied to this stack/,
    );
  });

  test('a stack created after applyTo(app) fails app validation instead of going unchecked', () => {
    const { app } = rawStack();
    PolicyChecks.applyTo(app);
    const late = new TerraformStack(app, 'late');
    new GoogleProvider(late, 'google', { project: 'p' });
    assert.throws(() => app.synth(), /late.*not checked/);
  });
});
