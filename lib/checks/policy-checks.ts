/**
 * The policy checks in a cdktf app: one call adds a per-stack validation that judges the stack's synthesized
 * Terraform JSON (overrides included), annotates the owning constructs, writes JSON and SARIF reports into the synth
 * output directory, and fails `app.synth()` / `cdktf synth` on errors (or warnings, with `failOn: FailOn.WARNING`).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IConstruct } from 'constructs';
import { CheckLevel } from '../core/levels';
import { isChecked, markChecked, travel } from '../core/suppressions';
import type { CostOptions } from '../platform/cost/model';
import type { Pack } from '../platform/rule';
import { boolean, enumOf, number, object } from '../core/props';
import { show, ValidationError, type ValidationProblem } from '../core/validation';
import {
  Annotations,
  appOutdir,
  continuesOnErrorAnnotations,
  isStack,
  stackOf,
  stackTerraform,
} from '../private/cdktf';
import { budgetProblem, configurationCost, costOptions, costToJson } from './cost-report';
import { checkTerraform, failsAt, type InputSummary, runChecks } from './engine';
import { type Configuration, configurationOf } from './input/configuration';
import { InputError } from './input/errors';
import { RUN_OPTION_FIELDS, validateOptions } from './options';
import { ruleInfos } from './registry';
import { jsonReport, sarifReport } from './report';
import { stackSummary } from './summary';
import { type CheckOptions, FailOn, type Finding, FindingStatus, type RuleInfo, type SarifRun } from './types';

/** Options of `PolicyChecks.applyTo`. */
export interface PolicyCheckOptions {
  /**
   * Packs to run.
   * @default Packs.ALL
   */
  readonly packs?: Pack[];
  /**
   * Per-rule level overrides, by rule id.
   * @default each rule's own level
   */
  readonly levels?: { [ruleId: string]: CheckLevel };
  /**
   * Rule ids not to run.
   * @default none
   */
  readonly disabledRules?: string[];
  /**
   * Extra rule ids that cannot be suppressed.
   * @default only the built-in set (platform errors)
   */
  readonly neverSuppress?: string[];
  /** The lowest level that fails synth. @default FailOn.ERROR */
  readonly failOn?: FailOn;
  /** Write `<outdir>/checks/<stack>.json` and `<stack>.sarif`. @default true */
  readonly reports?: boolean;
  /** Report (as info) rules that could not be evaluated. @default true */
  readonly reportUnknown?: boolean;
  /** "Today" for suppression expiry (tests). @default now */
  readonly now?: Date;
  /**
   * Print at synth, on standard output, a line per stack with its counts and a line per Cloud Run service, worker
   * pool, job and App Engine version with what it will really be (billing, concurrency, instances, startup probe;
   * worker pool scaling; tasks, retries, timeout and schedules; scaling, instance class, warmup) and its open findings
   * (`PolicyChecks.summary` returns the same text).
   * @default false
   */
  readonly summary?: boolean;
  /**
   * A monthly budget, in the currency of `cost.pricing`: synth fails when a stack's floor (what it costs with no
   * traffic: min instances, manual instances, worker pools, resident App Engine instances, after the free tiers)
   * exceeds it, naming the resources that make up the total, most expensive first.
   * @default no budget
   */
  readonly monthlyBudget?: number;
  /**
   * Prices (currency, discount, committed use) and assumptions (free tier, request duration and concurrency) of the
   * cost messages, the cost report in `<outdir>/checks/<stack>.json`, the summary and the budget.
   * @default list prices in USD, free tiers subtracted, requests of 200 ms one at a time
   */
  readonly cost?: CostOptions;
}

/** The shape of the options (ranges and rule ids are checked in ./options). */
const POLICY_CHECK_OPTIONS = object<PolicyCheckOptions>(
  {
    ...RUN_OPTION_FIELDS,
    failOn: enumOf(FailOn, 'FailOn').optional(),
    reports: boolean.optional(),
    summary: boolean.optional(),
    monthlyBudget: number.optional(),
  },
  'the options of PolicyChecks',
);

/** Throws a `ValidationError` for a scope that is no construct, or options with problems (every one listed). */
function validateCall(method: string, scope: IConstruct, options: PolicyCheckOptions | undefined): void {
  let path: string | undefined;
  try {
    path = typeof scope.node.path === 'string' ? scope.node.path || '(app)' : undefined;
  } catch {
    path = undefined;
  }
  if (path === undefined) {
    throw new ValidationError('(none)', `PolicyChecks.${method}`, [
      {
        level: CheckLevel.ERROR,
        prop: 'scope',
        value: show(scope),
        rule: 'expected a construct (an app, a stack or a construct in one)',
        fix: 'pass the app or the stack to check',
      },
    ]);
  }
  validateOptions(POLICY_CHECK_OPTIONS, options, path, `PolicyChecks.${method}`);
}

/** Set on a stack whose summary is printed, by its own checks or by checks applied to its app with `summary: true`. */
const SUMMARY = Symbol.for('cdktf-gcp-serverless/policy-checks-summary');

function stacksOf(scope: IConstruct): IConstruct[] {
  if (isStack(scope)) return [scope];
  const stacks = scope.node.findAll().filter((c) => isStack(c));
  if (stacks.length > 0) return stacks;
  return [stackOf(scope)];
}

function toOptions(options: PolicyCheckOptions) {
  return {
    packs: options.packs,
    levels: options.levels,
    disabledRules: options.disabledRules,
    neverSuppress: options.neverSuppress,
    reportUnknown: options.reportUnknown,
    now: options.now,
    cost: options.cost,
  };
}

/**
 * The checks over one stack's synthesized JSON, which holds the suppressions and construct findings the app recorded
 * (see core/suppressions): the same input, hence the same findings, as `cdktf-gcp-serverless check cdktf.out`.
 */
function runOnStack(
  stack: IConstruct,
  options: PolicyCheckOptions,
): { findings: Finding[]; summary: InputSummary; config: Configuration } {
  const target = isStack(stack) ? stack : stackOf(stack);
  travel(target);
  try {
    const config = configurationOf(stackTerraform(target));
    return { ...runChecks(config, toOptions(options)), config };
  } catch (e) {
    // What the app recorded (a suppression of a rule that does not exist) or overrode cannot be judged: the app's
    // input, reported like any other.
    if (e instanceof InputError) {
      throw new ValidationError(target.node.path, 'PolicyChecks', [
        {
          level: CheckLevel.ERROR,
          prop: 'suppressions and overrides',
          value: '(the synthesized stack)',
          rule: e.message,
          fix: 'fix the suppression (Suppressions.add, addByAddress) or the override it names',
        },
      ]);
    }
    throw e;
  }
}

/** The stack's cost, and what is wrong when its floor exceeds the budget. */
function stackCostOf(stack: IConstruct, config: Configuration, options: PolicyCheckOptions) {
  const problems: ValidationProblem[] = [];
  let resolved: ReturnType<typeof costOptions> | undefined;
  try {
    resolved = costOptions(options.cost);
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    problems.push({
      level: CheckLevel.ERROR,
      prop: 'options.cost',
      value: show(options.cost),
      rule: e.message,
      fix: 'see CostOptions',
    });
  }
  const budget = options.monthlyBudget;
  if (budget !== undefined && !(Number.isFinite(budget) && budget >= 0))
    problems.push({
      level: CheckLevel.ERROR,
      prop: 'options.monthlyBudget',
      value: show(budget),
      rule: 'a budget is an amount ≥ 0',
      fix: 'give the most the stack may cost a month with no traffic',
    });
  if (problems.length > 0 || !resolved) throw new ValidationError(stack.node.path, 'PolicyChecks', problems);
  const cost = configurationCost(config, resolved);
  return {
    json: costToJson(cost, resolved),
    overBudget: budget === undefined ? undefined : budgetProblem(cost, budget, stack.node.id),
  };
}

/** Runs the checks over one stack and returns the findings: pure, no annotation, no file (for tests). */
export function checkStack(stack: IConstruct, options: PolicyCheckOptions = {}): Finding[] {
  return runOnStack(stack, options).findings;
}

function annotate(stack: IConstruct, findings: readonly Finding[], failOn: FailOn, seen: Set<string>): void {
  let byPath: Map<string, IConstruct> | undefined;
  const owner = (path: string | undefined): IConstruct => {
    if (path === undefined) return stack;
    byPath ??= new Map(stack.node.findAll().map((c) => [c.node.path, c]));
    return byPath.get(path) ?? stack;
  };
  const emit = (target: IConstruct, level: CheckLevel, message: string) => {
    const key = `${target.node.path}\n${level}\n${message}`;
    if (seen.has(key)) return; // validate() may run more than once (Testing.synth, fullSynth)
    seen.add(key);
    if (level === CheckLevel.ERROR) {
      if (failOn === FailOn.NONE) Annotations.of(target).addWarning(`${message} (error; not failing: failOn is NONE)`);
      else Annotations.of(target).addError(message);
    } else if (level === CheckLevel.WARNING) {
      if (failOn === FailOn.WARNING)
        Annotations.of(target).addError(`${message} (warning; failing: failOn is WARNING)`);
      else Annotations.of(target).addWarning(message);
    } else {
      Annotations.of(target).addInfo(message);
    }
  };
  const unknownByResource = new Map<string, Finding[]>();
  for (const f of findings) {
    if (f.suppressed) continue;
    if (f.status === FindingStatus.UNKNOWN) {
      const list = unknownByResource.get(f.address) ?? [];
      list.push(f);
      unknownByResource.set(f.address, list);
      continue;
    }
    emit(owner(f.constructPath), f.level, f.message);
  }
  for (const [address, list] of unknownByResource) {
    const attrs = [...new Set(list.map((f) => f.attribute ?? '?'))].join(', ');
    emit(
      owner(list[0].constructPath),
      CheckLevel.INFO,
      `[${list.map((f) => f.ruleId).join(', ')}] ${address}: could not be evaluated because ${attrs} ${attrs.includes(',') ? 'are' : 'is'} not known at synth time; check these rules by hand`,
    );
  }
}

/**
 * The error a plain `app.synth()` throws for the failing findings of a stack: each once, as the annotations and the
 * reports write it, with no stack trace.
 */
function findingsError(stack: IConstruct, failing: readonly Finding[]): ValidationError {
  // The checks read attributes, not props: the place is the address (and attribute), the value is not kept.
  const problems = failing.map((f) => ({
    prop: f.attribute ? `${f.address}.${f.attribute}` : f.address,
    value: '',
    rule: f.problem,
    fix: f.fix,
    ruleId: f.ruleId,
    level: CheckLevel.ERROR,
  }));
  return new ValidationError(
    stack.node.path,
    'Stack',
    problems,
    [],
    failing.map((f) => `  - ${f.message}`),
  );
}

/** The error a plain `app.synth()` throws when a stack's floor exceeds the budget. */
function budgetError(stack: IConstruct, problem: string, budget: number): ValidationError {
  return new ValidationError(stack.node.path, 'Stack', [
    {
      prop: 'monthlyBudget',
      value: String(budget),
      rule: problem,
      fix: 'lower min instances, manual instances or instance sizes, or raise the budget',
      level: CheckLevel.ERROR,
    },
  ]);
}

function writeReports(stack: IConstruct, findings: readonly Finding[], summary: InputSummary, cost: object): void {
  const outdir = appOutdir(stack);
  if (!outdir) return;
  const dir = join(outdir, 'checks');
  const name = stack.node.id;
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${name}.json`), `${JSON.stringify(jsonReport(findings, name, summary, cost), null, 2)}\n`);
  const sarif = sarifReport([{ findings, stack: name, artifactUri: `stacks/${name}/cdk.tf.json` }], summary);
  writeFileSync(join(dir, `${name}.sarif`), `${JSON.stringify(sarif, null, 2)}\n`);
}

/** Applies the policy checks to cdktf stacks. */
export class PolicyChecks {
  /**
   * Checks `scope` — a stack, an app (every stack in it; create the stacks first), or a construct (its stack) — at
   * synth time. Errors fail `app.synth()` and `cdktf synth`; warnings and infos show as annotations; reports are
   * written to `<outdir>/checks/<stack>.json` and `.sarif`. Applied to an app, it skips stacks that already have
   * their own checks (the stack's options win, except that `summary: true` prints their summary too); applied twice to
   * the same stack, it throws. Under `cdktf synth` each finding is an annotation, printed once without a stack trace;
   * a plain `app.synth()` throws one error listing the failing findings of the first failing stack.
   */
  public static applyTo(scope: IConstruct, options: PolicyCheckOptions = {}): void {
    validateCall('applyTo', scope, options);
    const failOn = options.failOn ?? FailOn.ERROR;
    const toApp = !isStack(scope) && scope.node.scope === undefined;
    for (const stack of stacksOf(scope)) {
      const marked = stack as unknown as Record<symbol, boolean>;
      if (options.summary) marked[SUMMARY] = true;
      if (isChecked(stack) && toApp) continue;
      if (isChecked(stack)) {
        throw new ValidationError(stack.node.path, 'PolicyChecks.applyTo', [
          {
            level: CheckLevel.ERROR,
            prop: 'scope',
            value: show(stack.node.path),
            rule: 'the checks are already applied to this stack',
            fix: 'apply them once per stack (or once to the app)',
          },
        ]);
      }
      markChecked(stack);
      travel(stack);
      const seen = new Set<string>();
      let printed = false;
      stack.node.addValidation({
        validate: () => {
          const { findings, summary, config } = runOnStack(stack, options);
          const cost = stackCostOf(stack, config, options);
          annotate(stack, findings, failOn, seen);
          if (options.reports !== false) writeReports(stack, findings, summary, cost.json);
          if (marked[SUMMARY] && !printed) {
            printed = true;
            console.log(stackSummary(stack.node.id, stackTerraform(stack), findings, costOptions(options.cost)));
          }
          if (cost.overBudget !== undefined) {
            const key = `${stack.node.path}\nbudget`;
            if (!seen.has(key)) {
              seen.add(key);
              Annotations.of(stack).addError(cost.overBudget);
            }
            if (!continuesOnErrorAnnotations()) throw budgetError(stack, cost.overBudget, options.monthlyBudget!);
          }
          // Failures are error annotations, which `cdktf synth` prints once each, without a stack trace (it sets
          // CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS and fails after every stack). A plain `app.synth()` would
          // throw cdktf's own error with a trace of cdktf internals under the list: throw ours, which has none.
          if (!continuesOnErrorAnnotations()) {
            const failing = findings.filter((f) => failsAt([f], failOn));
            if (failing.length > 0) throw findingsError(stack, failing);
          }
          return [];
        },
      });
    }
    if (toApp) {
      // An app: a stack created after this call would go unchecked (a false green), so say so.
      scope.node.addValidation({
        validate: () =>
          scope.node
            .findAll()
            .filter((c) => isStack(c) && !isChecked(c))
            .map(
              (c) =>
                `PolicyChecks.applyTo(app) was called before stack '${c.node.path}' was created, so it is not checked; call it after creating every stack`,
            ),
      });
    }
  }

  /** Runs the checks over one stack and returns the findings: pure, no annotation, no file (for tests). */
  public static checkStack(stack: IConstruct, options: PolicyCheckOptions = {}): Finding[] {
    validateCall('checkStack', stack, options);
    return checkStack(stack, options);
  }

  /**
   * What `summary: true` prints for a stack (or the stack of a construct): a line with the stack's counts, then a line
   * per Cloud Run service and App Engine version with what it will really be and its open findings. Pure.
   */
  public static summary(stack: IConstruct, options: PolicyCheckOptions = {}): string {
    validateCall('summary', stack, options);
    const target = isStack(stack) ? stack : stackOf(stack);
    return stackSummary(
      target.node.id,
      stackTerraform(target),
      runOnStack(target, options).findings,
      costOptions(options.cost),
    );
  }

  /**
   * Checks a synthesized Terraform JSON configuration (the content of `cdk.tf.json`) and returns every finding:
   * failures and, unless `reportUnknown: false`, rules that could not be evaluated. Pure: nothing is written. Throws
   * an error that `Errors.isCheckInputError` recognises when the JSON is not a Terraform configuration.
   */
  public static checkTerraform(json: any, options: CheckOptions = {}): Finding[] {
    return checkTerraform(json, options);
  }

  /** Every rule: id, pack, default level, whether it can be suppressed, what it applies to, and its public source. */
  public static ruleInfos(): RuleInfo[] {
    return ruleInfos();
  }

  /**
   * A SARIF 2.1.0 log (as a JSON object) of one or more runs. Each result has logical locations for the construct
   * path and the Terraform address, and a physical location when the run names its file. Suppressed findings carry
   * `suppressions[]` with the justification; unknown results are `kind: review`.
   */
  public static sarifReport(runs: SarifRun[]): any {
    return sarifReport(runs);
  }
}
