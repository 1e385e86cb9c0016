/**
 * What the engine runs on a resource: a rule over synthesized Terraform JSON. Two shapes share the metadata of
 * `RuleMeta`: platform `FactRule`s (the single source of truth shared with the constructs), adapted here to read the
 * facts extracted from a resource, and `TerraformRule`s for what needs the whole configuration (IAM joined to ingress,
 * firewall rules, TLS policy).
 * @internal
 */
import type { CheckLevel } from '../core/levels';
import { isConstructOnly, TERRAFORM_TYPES } from '../platform/kinds';
import {
  type FactRule,
  type FactSet,
  outOfScope,
  type RuleContext,
  type RuleMeta,
  unknownReads,
  type Violation,
} from '../platform/rule';
import type { TerraformModel, TfResource } from './model';

/** One violation of a rule on one resource, at a Terraform attribute. */
export interface TerraformViolation {
  readonly status: 'fail';
  /** What is wrong. */
  readonly message: string;
  /** What to do about it. */
  readonly fix: string;
  /** The Terraform attribute concerned. */
  readonly attribute?: string;
  /** A lower level the context justifies (e.g. a public invoker behind an internal-only ingress). */
  readonly level?: CheckLevel;
}

/** A rule that could not be evaluated on one resource. */
export interface UnknownResult {
  readonly status: 'unknown';
  /** The attributes whose values are not known at synth time. */
  readonly attributes: readonly string[];
}

export type RuleResult = TerraformViolation | UnknownResult;

/** What a rule returns: nothing (or an empty list) when the resource complies. */
export type CheckResult = RuleResult | readonly RuleResult[] | undefined;

/** A rule that reads the Terraform model directly. */
export interface TerraformRule<D = unknown> extends RuleMeta {
  /**
   * What the rule reads from a resource before judging it, when other rules read the same (a Cloud Run resource's
   * containers). The engine calls it once per resource for consecutive rules that name the same function, passes the
   * value to `check` as `derived`, and drops it when it moves on to the next resource.
   */
  readonly derive?: (resource: TfResource, model: TerraformModel) => D;
  /**
   * Judges one resource; `derived` is `derive(resource)` for rules with `derive`, `context` what the run judges with
   * (its `now`).
   */
  readonly check: (resource: TfResource, model: TerraformModel, derived: D, context: RuleContext) => CheckResult;
}

/** A rule as the engine runs it: its metadata, the Terraform types it judges, and how. */
export interface CheckRule extends TerraformRule {
  readonly resourceTypes: readonly string[];
}

/** The Terraform types of a rule's kinds: none for a rule about construct intent, which no attribute records. */
export function typesOf(rule: RuleMeta): string[] {
  return isConstructOnly(rule) ? [] : rule.appliesTo.flatMap((kind) => TERRAFORM_TYPES[kind]);
}

/** A failure result. */
export function fail(message: string, fix: string, attribute?: string, level?: CheckLevel): TerraformViolation {
  return { status: 'fail', message, fix, attribute, level };
}

/** An unknown result. */
export function unknown(...attributes: string[]): UnknownResult {
  return { status: 'unknown', attributes };
}

/** A Terraform rule as the engine runs it. */
export function fromTerraformRule<D>(rule: TerraformRule<D>): CheckRule {
  return { ...(rule as TerraformRule), resourceTypes: typesOf(rule) };
}

/**
 * The Terraform attribute of a fact path: the one recorded for it, else the one of the fact it is in (with the index of
 * a list item: `env.2` → `template.containers[0].env[2]`).
 */
function attributeOf(path: string, attributes: Readonly<Record<string, string>> | undefined): string {
  const recorded = attributes?.[path];
  if (recorded !== undefined) return recorded;
  // The longest prefix recorded (`sidecarEnv.0` of `sidecarEnv.0.3`), with the list index that follows it.
  let cut = path.lastIndexOf('.');
  while (cut > 0) {
    const prefix = path.slice(0, cut);
    const at = attributes?.[prefix];
    if (at !== undefined || prefix.indexOf('.') < 0) {
      const root = at ?? prefix;
      const next = path.slice(cut + 1).split('.')[0];
      return /^[0-9]+$/.test(next) ? `${root}[${next}]` : root;
    }
    cut = path.lastIndexOf('.', cut - 1);
  }
  return path;
}

/**
 * The attributes behind the unknown reads: those of the unknown paths inside or around each read (`server.workers`
 * read as `server`, written at `env_variables.WEB_CONCURRENCY`), so the finding names where the value is written.
 */
function unknownAttributes<F>(reads: readonly string[], set: FactSet<F>): string[] {
  const attributes = new Set<string>();
  for (const read of reads) {
    for (const path of set.unknown) {
      if (path === read || path.startsWith(`${read}.`) || read.startsWith(`${path}.`)) {
        attributes.add(attributeOf(path, set.attributes));
      }
    }
  }
  return [...attributes];
}

function violationResult<F>(v: Violation<F>, set: FactSet<F>): TerraformViolation {
  return fail(v.message, v.fix, attributeOf(v.fact, set.attributes), v.level);
}

/**
 * A platform fact rule as a check rule: facts are extracted once per resource (the rule's `derive`), the rule reports
 * "unknown" when a fact it reads is unknown, and each violation is attached to the Terraform attribute of its fact.
 */
export function fromFactRule<F>(
  rule: FactRule<F>,
  extract: (resource: TfResource, model: TerraformModel) => FactSet<F>,
): CheckRule {
  return fromTerraformRule<FactSet<F>>({
    id: rule.id,
    pack: rule.pack,
    level: rule.level,
    suppressible: rule.suppressible,
    appliesTo: rule.appliesTo,
    title: rule.title,
    explanation: rule.explanation,
    source: rule.source,
    derive: extract,
    // Runs for every rule on every resource: no closure over its own values here, so a call allocates nothing.
    check: (_resource, _model, set, context) => {
      if (set.unknown.size > 0) {
        const reads = unknownReads(rule.reads, set.unknown);
        if (reads.length > 0) {
          if (outOfScope(rule, set)) return undefined;
          if (!rule.perValue) return unknown(...unknownAttributes(reads, set));
          // Judge the values that are known; report the others as unknown.
          const judged = rule.check(set.facts, { ...context, unknown: set.unknown }, set.unknown);
          const list = judged === undefined ? [] : Array.isArray(judged) ? judged : [judged as Violation<F>];
          return [...list.map((v) => violationResult(v, set)), unknown(...unknownAttributes(reads, set))];
        }
      }
      const result = rule.check(set.facts, context, set.unknown);
      if (result === undefined) return undefined;
      if (!Array.isArray(result)) return violationResult(result as Violation<F>, set);
      if (result.length === 0) return undefined;
      const failures: TerraformViolation[] = [];
      for (let i = 0; i < result.length; i++) failures.push(violationResult(result[i], set));
      return failures;
    },
  });
}
