/**
 * How a construct judges itself: run the rules that apply to it over its facts and report each violation under the
 * prop it comes from. One helper for every construct, so they all report alike.
 */
import { CheckLevel } from '../core/levels';
import type { Problems } from '../core/problems';
import { hiddenValue } from '../core/validation';
import { judgedByConstructOf, type ResourceKind } from './kinds';
import {
  type FactPath,
  type FactRule,
  type FactSet,
  Pack,
  type RuleContext,
  unknownReads,
  type Violation,
} from './rule';

/** A prop and the value to show for a fact. */
export interface PropOfFact {
  readonly prop: string;
  readonly value: unknown;
}

/**
 * The rules a construct of `kind` runs: those that apply to its resource kind, and those about construct intent (all of
 * them, or those naming that kind; see RuleMeta.appliesTo). A
 * security error that a suppression may accept (a plain-text secret, a public invoker) is left to the policy checks,
 * where suppressions apply: a construct throws before any suppression could reach it.
 */
export function rulesFor<F>(rules: ReadonlyArray<FactRule<F>>, kind: ResourceKind): ReadonlyArray<FactRule<F>> {
  return rules.filter(
    (r) =>
      judgedByConstructOf(r, kind) && !(r.pack === Pack.SECURITY && r.level === CheckLevel.ERROR && r.suppressible),
  );
}

/**
 * Runs `rules` over `set` and reports every violation (infos excepted) to `problems`, under the prop `describe` names.
 * Rules that read an unknown fact are skipped (a `perValue` rule skips the unknown values only): a token is judged at
 * apply time, never guessed. `context.now` is the
 * day the construct is judged at (its creation).
 */
export function judge<F>(
  rules: ReadonlyArray<FactRule<F>>,
  set: FactSet<F>,
  problems: Problems,
  describe: (fact: FactPath<F>) => PropOfFact,
  context: RuleContext,
): void {
  const found: Array<{ rule: FactRule<F>; v: Violation<F> }> = [];
  for (const rule of rules) {
    const unknown = unknownReads(rule.reads, set.unknown).length > 0;
    if (unknown && !rule.perValue) continue;
    const result = rule.check(set.facts, unknown ? { ...context, unknown: set.unknown } : context, set.unknown);
    if (result === undefined) continue;
    const violations: ReadonlyArray<Violation<F>> = Array.isArray(result) ? result : [result as Violation<F>];
    for (const v of violations) found.push({ rule, v });
  }
  // A value one rule calls a secret is hidden in every message about it, whichever rule reports it.
  const secret = new Set(found.filter(({ v }) => v.hidesValue).map(({ v }) => v.fact));
  for (const { rule, v } of found) {
    const level = v.level ?? rule.level;
    if (level === CheckLevel.INFO) continue;
    const { prop, value } = describe(v.fact);
    const shown = secret.has(v.fact) ? hiddenValue(value) : value;
    problems.add(level, prop, shown, v.message, v.fix, rule.id, rule.suppressible);
  }
}
