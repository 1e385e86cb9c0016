import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { TerraformStack, Testing } from 'cdktf';
import { CheckLevel, FailOn, Packs, PolicyChecks, Suppressions } from '../../lib';
import type { ValidationError } from '../../lib/core/validation';
import { refused } from '../support/errors';
import { mutated, tf, v2Service } from './fixtures';

const V2 = 'google_cloud_run_v2_service';

const props = (e: ValidationError) => e.problems.map((p) => p.prop);

/** A v2 service with 3 vCPU (GCR-CPU-VALUE, a platform error) and a public invoker behind an internal ingress. */
function cpuThree(): { resource: Record<string, unknown> } {
  return {
    resource: {
      [V2]: {
        api: mutated(v2Service, (b) => {
          b.template.containers[0].resources.limits.cpu = '3';
          b.ingress = 'INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER';
        }),
      },
      google_cloud_run_v2_service_iam_member: {
        pub: { name: '${google_cloud_run_v2_service.api.name}', role: 'roles/run.invoker', member: 'allUsers' },
      },
    },
  };
}

describe('policy-check options are checked like props', () => {
  test('misspelt levels, packs, keys and rule ids are refused, every one at once, with a suggestion', () => {
    const e = refused(() =>
      PolicyChecks.checkTerraform(tf(V2, v2Service()), {
        levels: { 'GCR-PUBLIC-INVOKER': 'ERROR' as CheckLevel, 'GCR-CPU-VALU': CheckLevel.ERROR },
        packs: ['platfrom' as never],
        disabledRules: ['GCR-MAX-INSTANCE-UNSET'],
        neverSuppress: ['GCR-NOPE-NOPE'],
        reportUnkown: false,
      } as never),
    );
    assert.deepEqual(
      props(e).sort(),
      [
        'options.levels.GCR-CPU-VALU',
        'options.levels.GCR-PUBLIC-INVOKER',
        'options.packs.0',
        'options.reportUnkown',
        'options.disabledRules.0',
        'options.neverSuppress.0',
      ].sort(),
    );
    assert.match(e.message, /'ERROR' is not one of CheckLevel\.ERROR.*did you mean CheckLevel\.ERROR \('error'\)\?/);
    assert.match(e.message, /'platfrom'.*did you mean Packs\.PLATFORM \('platform'\)\?/);
    assert.match(
      e.message,
      /options\.reportUnkown = false: 'reportUnkown' is not a known prop\. Fix: did you mean 'reportUnknown'\?/,
    );
    assert.match(
      e.message,
      /GCR-MAX-INSTANCE-UNSET.*no rule has this id\. Fix: did you mean GCR-MAX-INSTANCES-UNSET\?/,
    );
    assert.match(e.message, /GCR-CPU-VALU.*did you mean GCR-CPU-VALUE\?/);
  });

  test('null options, a non-construct scope and an invalid date are ValidationErrors, never TypeErrors', () => {
    const { app } = appWithStack();
    assert.match(
      refused(() => PolicyChecks.applyTo(app, null as never)).message,
      /options = null: expected the options/,
    );
    assert.match(refused(() => PolicyChecks.checkTerraform(tf(V2, v2Service()), null as never)).message, /null/);
    assert.deepEqual(props(refused(() => PolicyChecks.applyTo(null as never))), ['scope']);
    assert.deepEqual(props(refused(() => PolicyChecks.summary({} as never))), ['scope']);
    const bad = refused(() => PolicyChecks.checkTerraform(tf(V2, v2Service()), { now: new Date('x') }));
    assert.match(bad.message, /options\.now = 'Invalid Date': the date is invalid/);
    assert.deepEqual(props(refused(() => PolicyChecks.checkTerraform({}, { suppressions: {} as never }))), [
      'options.suppressions',
    ]);
  });

  test('an unsuppressible rule cannot be lowered or disabled; it may be raised', () => {
    const e = refused(() =>
      PolicyChecks.checkTerraform(cpuThree(), {
        levels: { 'GCR-CPU-VALUE': CheckLevel.INFO },
        disabledRules: ['GCR-CPU-VALUE'],
      }),
    );
    assert.deepEqual(props(e), ['options.levels.GCR-CPU-VALUE', 'options.disabledRules.0']);
    const raised = PolicyChecks.checkTerraform(cpuThree(), { levels: { 'GCR-MIN-INSTANCES-COST': CheckLevel.ERROR } });
    assert.ok(raised.some((f) => f.ruleId === 'GCR-CPU-VALUE' && f.level === CheckLevel.ERROR));
  });

  test('a level asked for is the level reported, whatever the context would lower it to', () => {
    const level = (levels?: Record<string, CheckLevel>) =>
      PolicyChecks.checkTerraform(cpuThree(), { levels }).find((f) => f.ruleId === 'GCR-PUBLIC-INVOKER')?.level;
    assert.equal(level(), CheckLevel.INFO); // behind a load balancer: the context lowers it
    assert.equal(level({ 'GCR-PUBLIC-INVOKER': CheckLevel.ERROR }), CheckLevel.ERROR);
    assert.equal(level({ 'GCR-PUBLIC-INVOKER': CheckLevel.WARNING }), CheckLevel.WARNING);
  });

  test('levels apply to the findings about suppressions too', () => {
    const suppressions = [{ ruleId: 'GCR-DEFAULT-SA', reason: 'nothing runs as the default account here' }];
    const unused = (levels?: Record<string, CheckLevel>) =>
      PolicyChecks.checkTerraform(tf(V2, v2Service()), { suppressions, levels }).find(
        (f) => f.ruleId === 'CHECKS-SUPPRESSION-UNUSED',
      )?.level;
    assert.equal(unused(), CheckLevel.WARNING);
    assert.equal(unused({ 'CHECKS-SUPPRESSION-UNUSED': CheckLevel.ERROR }), CheckLevel.ERROR);
  });

  test('failOn NONE fails nothing, yet a platform error stays an error in the report and an annotation says so', () => {
    const { app, stack } = appWithStack();
    stack.addOverride('resource', cpuThree().resource);
    PolicyChecks.applyTo(app, { failOn: FailOn.NONE, packs: Packs.ALL });
    app.synth();
    const report = JSON.parse(readFileSync(join(app.outdir, 'checks', 'stack.json'), 'utf8'));
    assert.ok(
      report.findings.some(
        (f: { ruleId: string; level: string }) => f.ruleId === 'GCR-CPU-VALUE' && f.level === 'error',
      ),
    );
    const warnings = stack.node.metadata.filter((m) => m.type === 'warning' || m.type === '@cdktf/warn');
    assert.ok(warnings.some((m) => /GCR-CPU-VALUE.*\(error; not failing: failOn is NONE\)/.test(String(m.data))));
  });
});

describe('Suppressions are checked before they are recorded', () => {
  test('a null entry, a missing reason and a bad address come in one ValidationError', () => {
    const { stack } = appWithStack();
    assert.deepEqual(props(refused(() => Suppressions.add(stack, [null as never]))), ['suppressions.0']);
    assert.deepEqual(props(refused(() => Suppressions.add(stack, 'GCR-X' as never))), ['suppressions']);
    const both = refused(() =>
      Suppressions.addByAddress(stack, 'not an address\n', [{ ruleId: 'GCR-DEFAULT-SA', reason: 'short' }]),
    );
    assert.deepEqual(props(both), ['address', 'suppressions.0']);
    assert.ok(!both.message.slice(both.message.indexOf('\n') + 1).includes('address\n'), 'newlines are escaped');
    assert.deepEqual(props(refused(() => Suppressions.add(undefined as never, []))), ['scope', 'suppressions']);
    assert.deepEqual(props(refused(() => Suppressions.add(stack, [{ ruleId: 5n, reason: {} } as never]))), [
      'suppressions.0.ruleId',
      'suppressions.0.reason',
    ]);
  });
});

function appWithStack() {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'stack');
  return { app, stack };
}
