/** PolicyChecks options and Suppressions from fuzzed input: only a ValidationError may escape, synth included. */
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import fc from 'fast-check';
import { CheckLevel, CloudRunService, FailOn, PolicyChecks, Suppressions } from '../../../lib';
import { Pack } from '../../../lib/platform/rule';
import { bothMoods, type Gen, materialize, wrong } from '../arbitraries';
import type { CallTarget } from '../harness';
import { IMAGE } from './cloud-run-service';

/** Suppressible rule ids (calm); a platform error, misspelt ids and nonsense (chaos). */
const RULE_IDS = ['GCR-MAX-INSTANCES-UNSET', 'GCR-PUBLIC-INVOKER', 'CHECKS-SUPPRESSION-UNUSED', 'GCR-DEFAULT-SA'];
const OTHER_IDS = ['GCR-CPU-VALUE', 'GCR-MAX-INSTANCE-UNSET', 'gcr-cpu-value', 'NOPE', ''];

function ruleId(g: Gen): fc.Arbitrary<unknown> {
  return g.text(RULE_IDS, OTHER_IDS);
}

/** The options every check run takes. */
function runOptions(g: Gen) {
  return {
    packs: g.mix(fc.subarray(g.chaos ? [...Object.values(Pack), 'platfrom'] : Object.values(Pack))),
    levels: g.mix(
      fc.dictionary(
        g.chaos ? fc.constantFrom(...RULE_IDS, ...OTHER_IDS) : fc.constantFrom(...RULE_IDS),
        g.chaos ? g.member(CheckLevel) : fc.constantFrom(CheckLevel.ERROR, CheckLevel.WARNING),
        { maxKeys: 3 },
      ),
    ),
    disabledRules: g.mix(fc.array(ruleId(g), { maxLength: 2 })),
    neverSuppress: g.mix(fc.array(ruleId(g), { maxLength: 2 })),
    reportUnknown: g.flag,
    now: g.chaos ? g.mix(fc.constantFrom(new Date('2026-06-01'), new Date('x'))) : fc.constant(new Date('2026-06-01')),
  };
}

/** PolicyChecks options. */
function options(g: Gen): fc.Arbitrary<unknown> {
  return g.mix(
    g.props({ ...runOptions(g), failOn: g.member(FailOn), reports: fc.constant(false), summary: fc.constant(false) }),
  );
}

/** A suppression list. */
function suppressions(g: Gen): fc.Arbitrary<unknown> {
  return g.mix(
    fc.array(
      g.mix(
        g.props(
          {
            ruleId: g.text([...RULE_IDS, '*'], OTHER_IDS),
            reason: g.text(['approved by the platform team in PLAT-42'], ['short', '']),
            expires: g.text(['2027-06-30'], ['2026-02-30', 'tomorrow']),
          },
          ['ruleId', 'reason'],
        ),
      ),
      { minLength: g.chaos ? 0 : 1, maxLength: 3 },
    ),
  );
}

/** An app with one stack holding a service that has warnings (and, in half the cases, suppressions). */
function app() {
  const a = Testing.app();
  const stack = new TerraformStack(a, 'stack');
  new GoogleProvider(stack, 'google', { project: 'p' });
  const api = new CloudRunService(stack, 'Api', { region: 'us-central1', image: IMAGE });
  return { app: a, stack, api };
}

export const targets: Array<CallTarget<never>> = [
  {
    name: 'PolicyChecks.applyTo options',
    kind: 'call',
    fullRuns: 2000,
    input: bothMoods(options) as fc.Arbitrary<never>,
    call: (input) => {
      const { app: a, stack } = app();
      PolicyChecks.applyTo(a, materialize(stack, input) as never);
      a.synth();
    },
  },
  {
    name: 'PolicyChecks.checkTerraform options',
    kind: 'call',
    fullRuns: 2000,
    input: bothMoods((g) =>
      g.mix(g.props({ ...runOptions(g), suppressions: fc.option(suppressions(g), { nil: undefined }) })),
    ) as fc.Arbitrary<never>,
    call: (input) => {
      const { stack } = app();
      PolicyChecks.checkTerraform(JSON.parse(Testing.synth(stack)), materialize(stack, input) as never);
    },
  },
  {
    name: 'Suppressions',
    kind: 'call',
    fullRuns: 2000,
    input: bothMoods((g) =>
      fc.record({
        scope: g.chaos
          ? fc.oneof(fc.constantFrom('stack', 'api', 'app'), wrong)
          : fc.constantFrom('stack', 'api', 'app'),
        address: fc.option(
          g.text(['google_cloud_run_v2_service.api', 'module.m.google_x.y[0]'], ['not an address', 'a.b.c d']),
          { nil: undefined },
        ),
        suppressions: suppressions(g),
      }),
    ) as fc.Arbitrary<never>,
    call: (input: { scope: unknown; address: unknown; suppressions: unknown }) => {
      const built = app();
      const scope =
        input.scope === 'stack'
          ? built.stack
          : input.scope === 'api'
            ? built.api
            : input.scope === 'app'
              ? built.app
              : input.scope;
      const list = materialize(built.stack, input.suppressions) as never;
      if (input.address === undefined) Suppressions.add(scope as never, list);
      else Suppressions.addByAddress(scope as never, materialize(built.stack, input.address) as never, list);
      PolicyChecks.applyTo(built.app, { reports: false });
      built.app.synth();
    },
  },
];
