/**
 * Suppressions as construct metadata, the way aws-cdk records acknowledgements and cdk-nag its rule suppressions:
 * `Suppressions.add` writes them on a construct, the policy checks read them from the stack's tree. The records are
 * plain serialisable objects, so the same shape can travel in synthesized JSON to the command-line checker.
 *
 * Whether a rule id exists and may be suppressed is for the policy checks to say, which know every rule; this module
 * checks what a suppression must be on its own (a rule id, a reason, a calendar date).
 */
import type { IConstruct } from 'constructs';
import { CheckLevel } from './levels';
import { ValidationError } from './validation';

/** A suppression: accept the findings of one rule, with a reason. */
export interface Suppression {
  /** The rule id to suppress (`GCR-MAX-INSTANCES-UNSET`), or `*` for every suppressible rule. */
  readonly ruleId: string;
  /** Why the finding is acceptable (at least 10 characters). */
  readonly reason: string;
  /**
   * ISO date (YYYY-MM-DD); from the next day on the suppression stops applying and is reported.
   * @default never expires
   */
  readonly expires?: string;
}

/** A suppression with its target, as the policy checks receive it. */
export interface ScopedSuppression extends Suppression {
  /**
   * Applies to findings of this construct and its children (construct path prefix).
   * @default any construct
   */
  readonly constructPath?: string;
  /**
   * Applies to findings of this Terraform address (`google_cloud_run_v2_service.api`).
   * @default any address
   */
  readonly address?: string;
}

/** The minimum length of a suppression reason. */
export const MIN_REASON_LENGTH = 10;

/** The construct metadata type suppressions are written under. @internal */
export const SUPPRESSION_METADATA = 'cdktf-gcp-serverless/suppressions';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ADDRESS = /^(data\.)?[a-z0-9_]+\.[^.\s]+$/;

/** One metadata entry: suppressions of the construct it is written on, or of one Terraform address. */
interface SuppressionEntry {
  readonly address?: string;
  readonly suppressions: Suppression[];
}

/**
 * The end of the expiry day (UTC), in ms; undefined when malformed or not a calendar date (2026-02-30).
 * @internal
 */
export function expiryTime(expires: string): number | undefined {
  const m = DATE.exec(expires);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]) - 1;
  const day = Number(m[3]);
  // Date.UTC rolls an impossible day or month over (2026-02-30 → March 2): only a date that reads back is one.
  const start = new Date(Date.UTC(year, month, day));
  if (start.getUTCFullYear() !== year || start.getUTCMonth() !== month || start.getUTCDate() !== day) return undefined;
  return Date.UTC(year, month, day + 1);
}

/**
 * What is wrong with a suppression on its own, or `undefined`.
 * @internal
 */
export function suppressionProblem(s: { ruleId?: unknown; reason?: unknown; expires?: unknown }): string | undefined {
  if (s === null || typeof s !== 'object') return 'a suppression is an object with a ruleId and a reason';
  if (typeof s.ruleId !== 'string' || s.ruleId.trim() === '') return 'a suppression needs a ruleId';
  if (typeof s.reason !== 'string' || s.reason.trim().length < MIN_REASON_LENGTH) {
    return `the suppression of ${s.ruleId} needs a reason of at least ${MIN_REASON_LENGTH} characters that says why the finding is acceptable`;
  }
  if (s.expires !== undefined && (typeof s.expires !== 'string' || expiryTime(s.expires) === undefined)) {
    return `the suppression of ${s.ruleId} has expires '${String(s.expires)}'; use an ISO date like 2026-12-31`;
  }
  return undefined;
}

function validated(scope: IConstruct, prop: string, suppressions: Suppression[]): Suppression[] {
  const fail = (value: unknown, rule: string, fix: string) =>
    new ValidationError(scope.node.path || '(app)', 'Suppressions', [
      { level: CheckLevel.ERROR, prop, value: JSON.stringify(value) ?? 'undefined', rule, fix },
    ]);
  if (!Array.isArray(suppressions) || suppressions.length === 0) {
    throw fail(suppressions, 'give at least one suppression', 'pass [{ ruleId, reason }]');
  }
  return suppressions.map((s) => {
    const problem = suppressionProblem(s);
    if (problem) throw fail(s, problem, 'give a rule id and a reason that says why the finding is acceptable');
    return { ruleId: s.ruleId, reason: s.reason.trim(), ...(s.expires !== undefined ? { expires: s.expires } : {}) };
  });
}

/** Accepting findings, with a reason: on a construct and its children, or on a Terraform address. */
export class Suppressions {
  /**
   * Suppresses findings of `scope` and every construct under it (a stack: the whole stack). Each suppression needs a
   * reason (≥ 10 characters) and may expire; the policy checks ignore, and report, a suppression of a rule that
   * cannot be suppressed (what the platform rejects).
   */
  public static add(scope: IConstruct, suppressions: Suppression[]): void {
    const entry: SuppressionEntry = { suppressions: validated(scope, 'suppressions', suppressions) };
    scope.node.addMetadata(SUPPRESSION_METADATA, entry);
  }

  /**
   * Suppresses findings of one Terraform address (`google_cloud_run_v2_service.api`) in the stacks `scope` belongs
   * to (or contains); for resources whose construct you do not hold (raw JSON, generated names).
   */
  public static addByAddress(scope: IConstruct, address: string, suppressions: Suppression[]): void {
    if (typeof address !== 'string' || !ADDRESS.test(address)) {
      throw new ValidationError(scope.node.path || '(app)', 'Suppressions', [
        {
          level: CheckLevel.ERROR,
          prop: 'address',
          value: JSON.stringify(address) ?? 'undefined',
          rule: `'${address}' is not a Terraform address like google_cloud_run_v2_service.api`,
          fix: 'give the resource type and name, as in the synthesized JSON',
        },
      ]);
    }
    const entry: SuppressionEntry = { address, suppressions: validated(scope, address, suppressions) };
    scope.node.addMetadata(SUPPRESSION_METADATA, entry);
  }
}

/**
 * Every suppression recorded in a stack's tree: on the stack, its constructs, and its ancestors (the app), whose
 * suppressions apply to the whole stack.
 * @internal
 */
export function suppressionsOf(stack: IConstruct): ScopedSuppression[] {
  const out: ScopedSuppression[] = [];
  const visit = (c: IConstruct, path: string) => {
    for (const m of c.node.metadata) {
      if (m.type !== SUPPRESSION_METADATA) continue;
      const entry = m.data as SuppressionEntry;
      for (const s of entry.suppressions) {
        out.push(entry.address !== undefined ? { ...s, address: entry.address } : { ...s, constructPath: path });
      }
    }
  };
  for (const c of stack.node.scopes) visit(c, stack.node.path);
  for (const c of stack.node.findAll()) if (c !== stack) visit(c, c.node.path);
  return out;
}
