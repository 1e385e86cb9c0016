import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { type App, type TerraformStack, Testing } from 'cdktf';
import {
  AppEngineStandardService,
  checkStack,
  checkTerraform,
  CloudRunService,
  Deployment,
  FindingStatus,
  Handler,
  PolicyChecks,
  Scaling,
  Suppressions,
} from '../../lib';
import { CheckInputError, ValidationError } from '../../lib/core/validation';
import { RECORDS_KEY } from '../../lib/core/suppression-records';
import { newAppStack } from '../support/synth';
import { tf, v2Service } from './fixtures';

const IMAGE = 'us-docker.pkg.dev/p/r/app@sha256:0123';
const RULE = 'GCR-MAX-INSTANCES-UNSET';

/** A service without maxInstances: the construct warns (GCR-MAX-INSTANCES-UNSET), and the checks fail it too. */
function unbounded(): { app: App; stack: TerraformStack; svc: CloudRunService } {
  const { app, stack } = newAppStack();
  const svc = new CloudRunService(stack, 'Api', { region: 'us-central1', image: IMAGE });
  return { app, stack, svc };
}

/** The annotations `app.synth()` wrote for a stack that mention `text`. */
function annotationsMentioning(app: App, text: string): string[] {
  app.synth();
  const manifest = JSON.parse(readFileSync(join(app.outdir, 'manifest.json'), 'utf8'));
  return Object.values<{ annotations: Array<{ message: string }> }>(manifest.stacks)
    .flatMap((s) => s.annotations)
    .map((a) => a.message)
    .filter((m) => m.includes(text));
}

const comparable = (findings: ReturnType<typeof checkStack>) =>
  findings.map((f) => `${f.ruleId} ${f.address} ${f.status} ${f.level} ${f.suppressed?.reason ?? ''}`).sort();

describe('one finding per problem', () => {
  test('without the policy checks the construct reports its warning once, at synth', () => {
    const { app } = unbounded();
    const found = annotationsMentioning(app, RULE);
    assert.equal(found.length, 1, found.join('\n'));
    assert.match(found[0], /^maxInstances = undefined \(not set\): /);
  });

  test('with the policy checks the warning is reported once, by the checks, and once in the findings', () => {
    const { app, stack } = unbounded();
    PolicyChecks.applyTo(app, { reports: false });
    const found = annotationsMentioning(app, RULE);
    assert.equal(found.length, 1, found.join('\n'));
    assert.match(found[0], /^\[GCR-MAX-INSTANCES-UNSET\] google_cloud_run_v2_service\.Api_/);
    assert.equal(checkStack(stack).filter((f) => f.ruleId === RULE).length, 1);
  });

  test('a suppression on the construct silences the warning wherever it is reported', () => {
    for (const checked of [false, true]) {
      const { app, stack, svc } = unbounded();
      Suppressions.add(svc, [{ ruleId: RULE, reason: 'a queue-driven service, capped by the queue' }]);
      if (checked) PolicyChecks.applyTo(app, { reports: false });
      assert.deepEqual(annotationsMentioning(app, RULE), [], `checked: ${checked}`);
      const findings = checkStack(stack);
      assert.deepEqual(
        findings.filter((f) => f.ruleId === RULE).map((f) => f.suppressed?.reason),
        ['a queue-driven service, capped by the queue'],
      );
      assert.ok(!findings.some((f) => f.ruleId === 'CHECKS-SUPPRESSION-UNUSED'));
    }
  });

  test("a construct-only rule's finding (no Terraform attribute records it) reaches the checks through the JSON", () => {
    const { stack } = newAppStack();
    new AppEngineStandardService(stack, 'Web', {
      runtime: 'python312',
      deployment: Deployment.zip('https://storage.googleapis.com/b/app.zip'),
      scaling: Scaling.automatic({ maxInstances: 3, minIdleInstances: 1 }),
      warmup: true,
      handlers: [Handler.staticFiles('/(.*)', { path: 'static/\\1', uploadPathRegex: 'static/.*' })],
    });
    const json = stack.toTerraform();
    const fromJson = checkTerraform(json).filter((f) => f.ruleId === 'GAE-WARMUP-HANDLER');
    assert.equal(fromJson.length, 1);
    assert.equal(fromJson[0].status, FindingStatus.FAIL);
    assert.match(fromJson[0].address, /^google_app_engine_standard_app_version\./);
    assert.equal(fromJson[0].constructPath, 'test/Web');
  });
});

describe('suppressions travel in the synthesized JSON', () => {
  test('the suppression allowUnauthenticated makes is on its binding, and the JSON alone gives the same findings', () => {
    const { stack } = newAppStack();
    new CloudRunService(stack, 'Site', {
      region: 'us-central1',
      image: IMAGE,
      maxInstances: 3,
      allowUnauthenticated: true,
    });
    const json = stack.toTerraform() as Record<string, any>;
    const bindings = Object.values<any>(json.resource.google_cloud_run_v2_service_iam_member);
    const records = bindings.map((b) => b['//'][RECORDS_KEY]?.suppressions ?? []).flat();
    assert.deepEqual(
      records.map((s: { ruleId: string }) => s.ruleId),
      ['GCR-PUBLIC-INVOKER'],
    );
    const fromJson = checkTerraform(json);
    assert.deepEqual(comparable(fromJson), comparable(checkStack(stack)));
    const invoker = fromJson.filter((f) => f.ruleId === 'GCR-PUBLIC-INVOKER');
    assert.ok(invoker.length === 1 && invoker[0].suppressed !== undefined);
  });

  test('a stack-wide suppression and one for an address outside the stack travel at stack level', () => {
    const { stack, svc } = unbounded();
    Suppressions.add(stack, [{ ruleId: RULE, reason: 'capped by the project quota for now' }]);
    Suppressions.addByAddress(stack, 'google_cloud_run_v2_service.elsewhere', [
      { ruleId: 'GCR-IMAGE-DIGEST', reason: 'rebuilt nightly by the vendor' },
    ]);
    const json = stack.toTerraform() as Record<string, any>;
    assert.equal(json['//'][RECORDS_KEY].suppressions.length, 2);
    const findings = checkTerraform(json);
    assert.ok(findings.some((f) => f.ruleId === RULE && f.suppressed));
    const unused = findings.filter((f) => f.ruleId === 'CHECKS-SUPPRESSION-UNUSED');
    assert.deepEqual(
      unused.map((f) => f.address),
      ['google_cloud_run_v2_service.elsewhere'],
    );
    assert.ok(svc.node.path.length > 0);
  });

  test('records a person writes into a resource comment apply to that resource', () => {
    const body = {
      ...v2Service(),
      '//': { [RECORDS_KEY]: { suppressions: [{ ruleId: 'GCR-INGRESS-ALL', reason: 'a public website, by design' }] } },
    };
    body.ingress = 'INGRESS_TRAFFIC_ALL';
    const f = checkTerraform(tf('google_cloud_run_v2_service', body)).find((x) => x.ruleId === 'GCR-INGRESS-ALL')!;
    assert.equal(f.suppressed?.reason, 'a public website, by design');
  });

  test('malformed records are an input error', () => {
    const bad = (records: unknown) =>
      checkTerraform(tf('google_cloud_run_v2_service', { ...v2Service(), '//': { [RECORDS_KEY]: records } }));
    assert.throws(() => bad({ suppressions: 'x' }), CheckInputError);
    assert.throws(
      () => bad({ findings: [{ ruleId: 'NOPE', level: 'warning', problem: 'p', fix: 'f' }] }),
      /recorded finding needs a known ruleId/,
    );
    assert.throws(
      () => bad({ suppressions: [{ ruleId: 'GCR-INGRESS-ALL', reason: 'short' }] }),
      /reason of at least 10/,
    );
  });

  test('addByAddress takes addresses in modules and of instances; anything else is a ValidationError', () => {
    const { stack } = newAppStack();
    const reason = [{ ruleId: 'GCR-IMAGE-DIGEST', reason: 'rebuilt nightly by the vendor' }];
    for (const address of ['module.app.google_cloud_run_v2_service.api', 'google_cloud_run_v2_service.api["eu"]']) {
      assert.doesNotThrow(() => Suppressions.addByAddress(stack, address, reason), address);
    }
    assert.throws(() => Suppressions.addByAddress(stack, 'api', reason), ValidationError);
  });

  test('Testing.synth output (which strips comments) is unchanged', () => {
    const { stack } = unbounded();
    assert.ok(!Testing.synth(stack).includes(RECORDS_KEY));
  });
});
