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

/** A rule over synthesized Terraform JSON. */
export interface CheckRule extends RuleInfo {
  /** Returns nothing (or an empty list) when the resource complies. */
  readonly check: (resource: TfResource, model: TerraformModel) => RuleResult | readonly RuleResult[] | undefined;
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

/**
 * A platform fact rule as a check rule: facts are extracted once per resource (cached), the rule reports "unknown"
 * when a fact it reads is unknown, and each issue is attached to the Terraform attribute of its fact.
 */
export function fromFactRule<F>(
  rule: FactRule<F>,
  resourceTypes: string[],
  extract: (resource: TfResource) => Extract<F>,
  options: { suppressible: boolean; prefix?: string } = { suppressible: true },
): CheckRule {
  return {
    id: rule.id,
    level: LEVELS[rule.level],
    pack: rule.category === 'platform' ? Pack.PLATFORM : Pack.COST,
    title: rule.title,
    explanation: rule.explanation,
    resourceTypes,
    suppressible: options.suppressible,
    check: (resource) => {
      const { facts, unknown: unknownFacts, attributes } = extract(resource);
      if (unknownFacts.size > 0) {
        const missing = rule.reads.filter((fact) => unknownFacts.has(fact));
        if (missing.length > 0) return unknown(...new Set(missing.map((fact) => attributes[fact] ?? fact)));
      }
      const result = rule.check(facts);
      if (result === undefined) return undefined;
      const issues: ReadonlyArray<Issue<F>> = Array.isArray(result) ? result : [result as Issue<F>];
      return issues.map((issue) =>
        fail(`${options.prefix ?? ''}${issue.message}`, issue.fix, attributes[issue.fact] ?? issue.fact),
      );
    },
  };
}
