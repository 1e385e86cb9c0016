/**
 * The fuzz harness: one generic set of properties for every target, seeded and reproducible.
 *
 * A target is one small file in `targets/` exporting `targets`: an arbitrary for its input and how to use it. The
 * properties, for every case:
 *
 * - constructs and calls: no exception but a `ValidationError` (never a TypeError, never a crash while printing); each
 *   problem names a prop (and a rule id where a rule found it) and prints on one line;
 * - constructs: whatever is accepted synthesizes with the policy checks applied (as an app runs them, with what the
 *   constructs recorded), passes the library's own error-level checks (`checkTerraform` on the
 *   synthesized JSON finds no open error, but the security errors a construct leaves to a suppression), and
 *   synthesizes byte-identically a second time;
 * - the command line: exit code 0, 1 or 2, an error as exactly one line, and no control character echoed.
 */
import assert from 'node:assert/strict';
import { App, TerraformStack, Testing } from 'cdktf';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import fc from 'fast-check';
import { Errors, PolicyChecks } from '../../lib';
import { isControl } from '../../lib/core/validation';

/** A construct (or factory, through a construct) built from fuzzed props in a stack. */
export interface ConstructTarget<I> {
  readonly name: string;
  /** Cases in `npm run fuzz` (default: 10,000; 2,000 for the command line). */
  readonly fullRuns?: number;
  readonly kind: 'construct';
  readonly input: fc.Arbitrary<I>;
  /** Creates the construct(s) in `stack` from `input` (materialize tokens and recipes there). */
  readonly build: (stack: TerraformStack, input: I) => void;
}

/** A public call with fuzzed arguments (PolicyChecks options, Suppressions). */
export interface CallTarget<I> {
  readonly name: string;
  /** Cases in `npm run fuzz` (default: 10,000; 2,000 for the command line). */
  readonly fullRuns?: number;
  readonly kind: 'call';
  readonly input: fc.Arbitrary<I>;
  /** Makes the call; may synthesize. Only a ValidationError may escape. */
  readonly call: (input: I) => void;
}

/** The command line on a corrupted file. */
export interface CliTarget<I> {
  readonly name: string;
  /** Cases in `npm run fuzz` (default: 10,000; 2,000 for the command line). */
  readonly fullRuns?: number;
  readonly kind: 'cli';
  readonly input: fc.Arbitrary<I>;
  /** Runs the command line on the input; resolves to its exit code and streams. */
  readonly run: (input: I) => Promise<{ code: number; stdout: string; stderr: string }>;
}

export type Target = ConstructTarget<never> | CallTarget<never> | CliTarget<never>;

/** What a run of a target saw. */
export interface Stats {
  readonly target: string;
  readonly seed: number;
  cases: number;
  /** Constructs built (or calls that returned, or exit codes 0 and 1). */
  accepted: number;
  /** ValidationErrors (or exit code 2). */
  refused: number;
  /** Problems reported, and how many carried a rule id. */
  problems: number;
  withRuleId: number;
}

/** Rules a construct leaves to the policy checks (security errors a suppression may accept). */
const LEFT_TO_SUPPRESSIONS = new Set(
  PolicyChecks.ruleInfos()
    .filter((r) => r.pack === 'security' && r.suppressible)
    .map((r) => r.id),
);

function newStack(): { app: App; stack: TerraformStack } {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'fuzz');
  new GoogleProvider(stack, 'google', { project: 'fuzz-project' });
  return { app, stack };
}

const hasControl = (text: string, allowNewline: boolean) =>
  [...text].some((c) => isControl(c.charCodeAt(0)) && !(allowNewline && c === '\n'));

/** Asserts `e` is a ValidationError whose every problem names a prop and prints on one line; counts it. */
function judgeError(e: unknown, stats: Stats): void {
  if (!Errors.isValidationError(e)) {
    const what = e instanceof Error ? `${e.name}: ${e.message}\n${e.stack}` : String(e);
    assert.fail(`not a ValidationError: ${what}`);
  }
  assert.ok(e.problems.length > 0, 'a ValidationError with no problem');
  for (const p of [...e.problems, ...e.warnings]) {
    assert.ok(typeof p.prop === 'string' && p.prop.length > 0, `a problem without a prop: ${JSON.stringify(p)}`);
    for (const part of [p.prop, p.value, p.rule, p.fix]) {
      assert.ok(!hasControl(part, false), `a control character in a problem: ${JSON.stringify(p)}`);
    }
    stats.problems++;
    if (p.ruleId !== undefined) stats.withRuleId++;
  }
  assert.ok(!hasControl(e.message, true), 'a control character in the message');
  stats.refused++;
}

/** Builds a construct case in a fresh stack: its synthesized JSON, or undefined when refused. */
function buildOnce<I>(target: ConstructTarget<I>, input: I, stats?: Stats): string | undefined {
  const { stack } = newStack();
  try {
    target.build(stack, input);
  } catch (e) {
    if (stats) judgeError(e, stats);
    else throw e;
    return undefined;
  }
  // As a user's app runs them: the policy checks judge the stack at synth, with what its constructs recorded.
  PolicyChecks.applyTo(stack, { reports: false });
  return Testing.synth(stack, true);
}

function constructProperty<I>(target: ConstructTarget<I>, stats: Stats) {
  return fc.property(target.input, (input) => {
    stats.cases++;
    const json = buildOnce(target, input, stats);
    if (json === undefined) return;
    stats.accepted++;
    const errors = PolicyChecks.checkTerraform(JSON.parse(json)).filter(
      (f) => f.level === 'error' && f.status === 'fail' && !f.suppressed && !LEFT_TO_SUPPRESSIONS.has(f.ruleId),
    );
    assert.deepEqual(
      errors.map((f) => f.message),
      [],
      'the construct accepted what its own checks refuse',
    );
    assert.equal(buildOnce(target, input), json, 'a second synth differs');
  });
}

function callProperty<I>(target: CallTarget<I>, stats: Stats) {
  return fc.property(target.input, (input) => {
    stats.cases++;
    try {
      target.call(input);
      stats.accepted++;
    } catch (e) {
      judgeError(e, stats);
    }
  });
}

function cliProperty<I>(target: CliTarget<I>, stats: Stats) {
  return fc.asyncProperty(target.input, async (input) => {
    stats.cases++;
    const r = await target.run(input);
    assert.ok([0, 1, 2].includes(r.code), `exit code ${r.code}`);
    assert.ok(!hasControl(r.stdout, true), `a control character on stdout: ${JSON.stringify(r.stdout.slice(0, 300))}`);
    assert.ok(!hasControl(r.stderr, true), `a control character on stderr: ${JSON.stringify(r.stderr)}`);
    if (r.code === 2) {
      assert.equal(r.stderr.split('\n').length, 2, `not one line: ${JSON.stringify(r.stderr)}`);
      stats.refused++;
    } else {
      assert.equal(r.stderr, '', `stderr on exit ${r.code}`);
      stats.accepted++;
    }
  });
}

/** Runs `numRuns` cases of a target from `seed`; throws (with the counterexample and the seed) on a failure. */
export async function runTarget(target: Target, numRuns: number, seed: number): Promise<Stats> {
  const stats: Stats = { target: target.name, seed, cases: 0, accepted: 0, refused: 0, problems: 0, withRuleId: 0 };
  const parameters = { numRuns, seed, endOnFailure: true };
  if (target.kind === 'cli') await fc.assert(cliProperty(target as unknown as CliTarget<unknown>, stats), parameters);
  else if (target.kind === 'call') fc.assert(callProperty(target as unknown as CallTarget<unknown>, stats), parameters);
  else fc.assert(constructProperty(target as unknown as ConstructTarget<unknown>, stats), parameters);
  return stats;
}

/** One line of counts for a run. */
export function describeStats(s: Stats): string {
  return `${s.target}: ${s.cases} cases (seed ${s.seed}): ${s.accepted} accepted, ${s.refused} refused with ${s.problems} problems (${s.withRuleId} with a rule id), 0 crashes`;
}
