/**
 * The shape of a policy rule over synthesized Terraform, and the adapter that turns a platform `FactRule` (the single
 * source of truth shared with the constructs) into one.
 * @internal
 */
import type { FactRule, Issue } from '../../platform/rule';
import type { TerraformModel, TfResource } from '../model';
import { CheckLevel, Pack, type RuleInfo } from '../types';

/** One failure of a rule on one resource. */
export interface RuleFailure {
  readonly status: 'fail';
  /** What is wrong. */
  readonly problem: string;
  /** What to do about it. */
  readonly fix: string;
  /** The Terraform attribute concerned. */
  readonly attribute?: string;
  /** A lower level the context justifies (e.g. a public invoker behind an internal-only ingress). */
  readonly level?: CheckLevel;
  /** A resource other than the one judged that the finding belongs to (rare). */
  readonly address?: string;
}

/** A rule that could not be evaluated on one resource. */
export interface RuleUnknown {
  readonly status: 'unknown';
  /** The attributes whose values are not known at synth time. */
  readonly attributes: readonly string[];
}

export type RuleResult = RuleFailure | RuleUnknown;

/** What a rule returns: nothing (or an empty list) when the resource complies. */
export type CheckResult = RuleResult | readonly RuleResult[] | undefined;

/** A rule over synthesized Terraform JSON. */
export interface CheckRule extends RuleInfo {
  /**
   * What the rule reads from a resource before judging it, when other rules read the same (the platform facts of a
   * Cloud Run service, its containers). The engine calls it once per resource for consecutive rules that name the same
   * function, passes the value to `check` as `derived`, and drops it when it moves on to the next resource.
   */
  readonly derive?: (resource: TfResource, model: TerraformModel) => unknown;
  /** Judges one resource; `derived` is `derive(resource)` for rules with `derive`. */
  readonly check: (resource: TfResource, model: TerraformModel, derived?: unknown) => CheckResult;
}

/** A rule that judges what `derive` reads from a resource (see `CheckRule.derive`). */
export function derivedRule<D>(
  rule: RuleInfo & {
    readonly derive: (resource: TfResource, model: TerraformModel) => D;
    readonly check: (resource: TfResource, model: TerraformModel, derived: D) => CheckResult;
  },
): CheckRule {
  // The engine always passes `derive(resource)` as `derived`.
  return rule as CheckRule;
}

export const LEVELS: Readonly<Record<string, CheckLevel>> = {
  error: CheckLevel.ERROR,
  warning: CheckLevel.WARNING,
  info: CheckLevel.INFO,
};

/** Rank of a level: higher is more serious. */
export function levelRank(level: CheckLevel): number {
  return level === CheckLevel.ERROR ? 3 : level === CheckLevel.WARNING ? 2 : 1;
}

/** A failure result. */
export function fail(problem: string, fix: string, attribute?: string, level?: CheckLevel): RuleFailure {
  return { status: 'fail', problem, fix, attribute, level };
}

/** An unknown result. */
export function unknown(...attributes: string[]): RuleUnknown {
  return { status: 'unknown', attributes };
}

/** What a fact extractor returns. */
export interface Extract<F> {
  readonly facts: F;
  readonly unknown: ReadonlySet<string>;
  readonly attributes: Partial<Record<keyof F & string, string>>;
}

/** The "unknown" result of a fact rule that reads unknown facts, or `undefined` when it reads none. */
function unknownFacts<F>(reads: ReadonlyArray<keyof F & string>, extract: Extract<F>): RuleUnknown | undefined {
  const missing = reads.filter((fact) => extract.unknown.has(fact));
  if (missing.length === 0) return undefined;
  return unknown(...new Set(missing.map((fact) => extract.attributes[fact] ?? fact)));
}

/**
 * A platform fact rule as a check rule: facts are extracted once per resource (the rule's `derive`), the rule reports
 * "unknown" when a fact it reads is unknown, and each issue is attached to the Terraform attribute of its fact.
 */
export function fromFactRule<F>(
  rule: FactRule<F>,
  resourceTypes: string[],
  extract: (resource: TfResource, model: TerraformModel) => Extract<F>,
  options: { suppressible: boolean; prefix?: string } = { suppressible: true },
): CheckRule {
  const prefix = options.prefix ?? '';
  const failure = (issue: Issue<F>, attributes: Extract<F>['attributes']) =>
    fail(`${prefix}${issue.message}`, issue.fix, attributes[issue.fact] ?? issue.fact);
  return derivedRule({
    id: rule.id,
    level: LEVELS[rule.level],
    pack: rule.category === 'platform' ? Pack.PLATFORM : Pack.COST,
    title: rule.title,
    explanation: rule.explanation,
    resourceTypes,
    suppressible: options.suppressible,
    derive: extract,
    // Runs for every rule on every resource: no closure over its own values here, so a call allocates nothing.
    check: (_resource, _model, extracted) => {
      if (extracted.unknown.size > 0) {
        const result = unknownFacts(rule.reads, extracted);
        if (result !== undefined) return result;
      }
      const result = rule.check(extracted.facts);
      if (result === undefined) return undefined;
      if (!Array.isArray(result)) return failure(result as Issue<F>, extracted.attributes);
      if (result.length === 0) return undefined;
      const failures: RuleFailure[] = [];
      for (let i = 0; i < result.length; i++) failures.push(failure(result[i], extracted.attributes));
      return failures;
    },
  });
}
