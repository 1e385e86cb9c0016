/**
 * Platform rules as plain functions over "facts".
 *
 * A fact set is the platform-relevant view of one resource (a Cloud Run revision, an App Engine version, ...).
 * Constructs build facts from their resolved props; the policy engine builds them from synthesized Terraform JSON.
 * Both run the same rules, so every platform limit is written exactly once.
 *
 * A fact that cannot be known (an unresolved cdktf token, a `${var.x}` reference) is listed in `unknown`; a rule that
 * reads such a fact is not evaluated and reports "unknown" instead of passing or failing.
 * @internal
 */

/** How serious a finding is. */
export type RuleLevel = 'error' | 'warning' | 'info';

/** One broken rule, described in terms of facts (the caller maps facts to props or Terraform paths). */
export interface Issue<F> {
  /** The fact the problem is best attached to (the construct names the matching prop). */
  readonly fact: keyof F & string;
  /** What is wrong, stated as the rule: "Cloud Run allows at most 4 GiB of memory with 1 vCPU". */
  readonly message: string;
  /** What to do about it. */
  readonly fix: string;
}

/** A platform rule over facts of type F. */
export interface FactRule<F> {
  /** Stable identifier, e.g. `GCR-CPU-VALUE`. Used in messages, reports and suppressions. */
  readonly id: string;
  /** Default level. Errors are what the platform rejects or what cannot work; warnings are costly trade-offs. */
  readonly level: RuleLevel;
  /** `platform`: limits and cross-field rules of the platform; `cost`: cost and operations trade-offs. */
  readonly category: 'platform' | 'cost';
  /** One line: what the rule checks. */
  readonly title: string;
  /** Why it matters, with the source of the platform fact. */
  readonly explanation: string;
  /** Facts the rule reads; if any is unknown the rule is not evaluated. */
  readonly reads: ReadonlyArray<keyof F & string>;
  /** Returns nothing when compliant. Only called when every fact in `reads` is known (it may be unset). */
  readonly check: (facts: Readonly<F>) => Issue<F> | ReadonlyArray<Issue<F>> | undefined;
}

/** The platform-relevant view of one resource. */
export interface FactSet<F> {
  readonly facts: Readonly<F>;
  /** Facts whose value cannot be known at synth time. */
  readonly unknown: ReadonlySet<string>;
}

/** The result of one rule over one fact set. */
export type Outcome<F> =
  | { readonly rule: FactRule<F>; readonly status: 'pass' }
  | { readonly rule: FactRule<F>; readonly status: 'unknown'; readonly unknownFacts: readonly string[] }
  | { readonly rule: FactRule<F>; readonly status: 'fail'; readonly issues: ReadonlyArray<Issue<F>> };

/** Runs every rule over a fact set. */
export function evaluate<F>(rules: ReadonlyArray<FactRule<F>>, set: FactSet<F>): Array<Outcome<F>> {
  return rules.map((rule) => {
    const unknownFacts = rule.reads.filter((fact) => set.unknown.has(fact));
    if (unknownFacts.length > 0) return { rule, status: 'unknown', unknownFacts };
    const result = rule.check(set.facts);
    const issues = result === undefined ? [] : Array.isArray(result) ? result : [result as Issue<F>];
    return issues.length === 0 ? { rule, status: 'pass' } : { rule, status: 'fail', issues };
  });
}

/** Rules as a pack, looked up by id. */
export function indexRules<F>(rules: ReadonlyArray<FactRule<F>>): ReadonlyMap<string, FactRule<F>> {
  const byId = new Map<string, FactRule<F>>();
  for (const rule of rules) {
    if (byId.has(rule.id)) throw new Error(`duplicate rule id ${rule.id}`);
    byId.set(rule.id, rule);
  }
  return byId;
}
