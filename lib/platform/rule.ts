/**
 * Rules as plain functions over "facts", and what every rule declares about itself.
 *
 * A fact set is the platform-relevant view of one resource (a Cloud Run revision, an App Engine version, ...).
 * Constructs build facts from their resolved settings; the policy engine builds them from synthesized Terraform JSON.
 * Both run the same rules, so every platform limit is written exactly once.
 *
 * A fact that cannot be known (an unresolved cdktf token, a `${var.x}` reference) is listed in `unknown`; a rule that
 * reads such a fact is not evaluated and reports "unknown" instead of passing or failing.
 */
import type { CheckLevel } from '../core/levels';
import type { ResolvedCostOptions } from './cost/model';
import type { ResourceKind } from './kinds';

/** A group of rules that is turned on as a whole. */
export enum Pack {
  /** The limits the constructs enforce (CPU/memory table, probes, scaling, App Engine classes and locations). */
  PLATFORM = 'platform',
  /** Public access, service accounts, secrets, image pinning, HTTPS, firewall. */
  SECURITY = 'security',
  /** Cost and operations: unbounded scaling, idle instances, deletion protection, gen1. */
  COST = 'cost',
}

/**
 * What every rule declares about itself. The registry, the README table, the policy checks and the constructs read
 * these fields; nothing reads the spelling of an id.
 * @internal
 */
export interface RuleMeta {
  /** Stable identifier, e.g. `GCR-CPU-VALUE`, used in messages, reports and suppressions. Never parsed. */
  readonly id: string;
  readonly pack: Pack;
  /** Default level. Errors are what the platform rejects or what cannot work; warnings are costly trade-offs. */
  readonly level: CheckLevel;
  /** False for what the platform rejects at deploy time: a suppression could not make the deployment work. */
  readonly suppressible: boolean;
  /**
   * The resource kinds the rule judges. `ResourceKind.CONSTRUCT` for a rule about construct intent only, judged by
   * every construct, or by the constructs of the kinds named beside it (`[CONSTRUCT, CLOUD_RUN_WORKER_POOL]`).
   */
  readonly appliesTo: readonly ResourceKind[];
  /** One line: what the rule checks. */
  readonly title: string;
  /** Why it matters, in words. */
  readonly explanation: string;
  /** The public source of the fact: a Google page (title and address) or a project file. */
  readonly source: string;
}

/** A fact, or a value inside one (`startupProbe.periodSeconds`). @internal */
export type FactPath<F> = (keyof F & string) | `${keyof F & string}.${string}`;

/** One broken rule, described in terms of facts (the caller maps facts to props or Terraform attributes). @internal */
export interface Violation<F> {
  /** The fact the problem is best attached to (a construct names the matching prop). */
  readonly fact: FactPath<F>;
  /** What is wrong, stated as the rule: "Cloud Run allows at most 4 GiB of memory with 1 vCPU". */
  readonly message: string;
  /** What to do about it. */
  readonly fix: string;
  /** A lower level than the rule's that the context justifies. */
  readonly level?: CheckLevel;
  /**
   * The value of the fact is a secret: a construct's message shows its length, never the value (messages reach the
   * synthesized JSON, CI logs and the migration's comments).
   */
  readonly hidesValue?: boolean;
}

/**
 * What a rule is judged with besides the facts of a resource.
 * @internal
 */
export interface RuleContext {
  /**
   * The day the rule judges at, for facts that change with time (runtime support schedules): the checker's `now`
   * option, or the time a construct is created. Rules never read the clock themselves.
   */
  readonly now: Date;
  /**
   * For a rule that judges each value on its own (`perValue`), the fact paths not known at synth time: the rule skips
   * exactly the values under them (see `isKnown`). Unset when every value the rule reads is known.
   */
  readonly unknown?: ReadonlySet<string>;
  /** The prices and assumptions cost messages are written with (unset: list prices in USD, the defaults). */
  readonly cost?: ResolvedCostOptions;
}

/** True when `path` is known in the context a rule is judged in (see `FactRule.perValue`). @internal */
export function isKnown(context: RuleContext, path: string): boolean {
  return context.unknown === undefined || !isUnknownPath(path, context.unknown);
}

/**
 * What decides whether a rule concerns a resource at all (a GPU rule, a resource with a GPU): when the facts it reads
 * are known and `when` is false, the rule passes, however unknown the rest of what it reads. @internal
 */
export interface RuleScope<F> {
  readonly reads: ReadonlyArray<FactPath<F>>;
  readonly when: (facts: Readonly<F>) => boolean;
}

/** A rule over facts of type F. @internal */
export interface FactRule<F> extends RuleMeta {
  /** What the rule reads; if any of it is unknown the rule is not evaluated (unless `perValue`). */
  readonly reads: ReadonlyArray<FactPath<F>>;
  /**
   * True for a rule whose reads are independent values judged one by one (the timings of a probe): when some are
   * unknown it still runs, with them in `context.unknown`, judges the known ones (`isKnown`) and the others are reported
   * as unknown. A token in one value then skips only what reads that value.
   */
  readonly perValue?: boolean;
  /** What the rule is about, when not every resource (unset: every resource of the kinds it applies to). */
  readonly scope?: RuleScope<F>;
  /**
   * Returns nothing when compliant. Only called when everything in `reads` is known (it may be unset). `unknown` holds
   * the fact paths of the resource not known at synth time, for a rule that reads more than it needs (a cost rule
   * prices the instances it warns about when their size is known).
   */
  readonly check: (
    facts: Readonly<F>,
    context: RuleContext,
    unknown: ReadonlySet<string>,
  ) => Violation<F> | ReadonlyArray<Violation<F>> | undefined;
}

/** The platform-relevant view of one resource. @internal */
export interface FactSet<F> {
  readonly facts: Readonly<F>;
  /** Fact paths whose value cannot be known at synth time. */
  readonly unknown: ReadonlySet<string>;
  /** Where each fact was read from (Terraform attribute paths), for facts read from Terraform JSON. */
  readonly attributes?: Readonly<Record<string, string>>;
}

/**
 * The paths in `reads` that cannot be known: a read is unknown when it is listed in `unknown`, when a value inside it
 * is (`startupProbe` when `startupProbe.periodSeconds` is a token), or when a fact containing it is (`server.workers`
 * when the whole `server` is). Empty (and allocation-free) when the set has no unknown path.
 * @internal
 */
export function unknownReads(reads: readonly string[], unknown: ReadonlySet<string>): string[] {
  if (unknown.size === 0) return NOTHING;
  let found: string[] | undefined;
  for (let i = 0; i < reads.length; i++) {
    if (isUnknownPath(reads[i], unknown)) (found ??= []).push(reads[i]);
  }
  return found ?? NOTHING;
}

const NOTHING: string[] = [];

function isUnknownPath(read: string, unknown: ReadonlySet<string>): boolean {
  if (unknown.has(read)) return true;
  for (const path of unknown) {
    const longer = path.length > read.length;
    const [outer, inner] = longer ? [read, path] : [path, read];
    if (inner.charCodeAt(outer.length) === 46 /* . */ && inner.startsWith(outer)) return true;
  }
  return false;
}

/**
 * True when `rule` is known not to concern the facts of `set` (its scope is known and false): a rule reading an
 * unknown fact then passes instead of being unknown.
 * @internal
 */
export function outOfScope<F>(rule: FactRule<F>, set: FactSet<F>): boolean {
  const scope = rule.scope;
  return scope !== undefined && unknownReads(scope.reads, set.unknown).length === 0 && !scope.when(set.facts);
}

/** The result of one rule over one fact set. @internal */
export type Outcome<F> =
  | { readonly rule: FactRule<F>; readonly status: 'pass' }
  | { readonly rule: FactRule<F>; readonly status: 'unknown'; readonly unknownFacts: readonly string[] }
  | { readonly rule: FactRule<F>; readonly status: 'fail'; readonly violations: ReadonlyArray<Violation<F>> };

/** Runs one rule over a fact set. @internal */
export function evaluateRule<F>(rule: FactRule<F>, set: FactSet<F>, context: RuleContext): Outcome<F> {
  const unknownFacts = unknownReads(rule.reads, set.unknown);
  if (unknownFacts.length > 0) {
    if (outOfScope(rule, set)) return { rule, status: 'pass' };
    if (!rule.perValue) return { rule, status: 'unknown', unknownFacts };
  }
  const result = rule.check(
    set.facts,
    unknownFacts.length > 0 ? { ...context, unknown: set.unknown } : context,
    set.unknown,
  );
  const violations = result === undefined ? [] : Array.isArray(result) ? result : [result as Violation<F>];
  if (violations.length > 0) return { rule, status: 'fail', violations };
  return unknownFacts.length > 0 ? { rule, status: 'unknown', unknownFacts } : { rule, status: 'pass' };
}

/** Runs every rule over a fact set. @internal */
export function evaluate<F>(
  rules: ReadonlyArray<FactRule<F>>,
  set: FactSet<F>,
  context: RuleContext,
): Array<Outcome<F>> {
  return rules.map((rule) => evaluateRule(rule, set, context));
}

/**
 * `unknown` and the facts that come from any of `props` (through a construct's fact → prop table): the facts of props
 * a construct set aside (their wrong shape is already reported), which no rule should judge. @internal
 */
export function unknownFactsOf(
  unknown: ReadonlySet<string>,
  propOfFact: Readonly<Record<string, string>>,
  props: readonly string[],
): ReadonlySet<string> {
  const out = new Set(unknown);
  for (const [fact, prop] of Object.entries(propOfFact)) {
    if (props.some((p) => prop === p || prop.startsWith(`${p}.`))) out.add(fact);
  }
  return out;
}
