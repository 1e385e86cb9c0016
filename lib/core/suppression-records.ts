/**
 * Suppressions and construct findings as plain records: their shape, what a suppression must be on its own, which
 * findings a suppression covers, and the key under which both travel in the synthesized Terraform JSON (resource and
 * stack `"//"` comment objects), so that the command-line checker honours what the app decided.
 *
 * Pure: no cdktf, no constructs (the checker and the command line read these records).
 * @internal
 */
import type { CheckLevel } from './levels';

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
   * Applies to findings of this Terraform address (`google_cloud_run_v2_service.api`), and of each of its instances
   * (`google_cloud_run_v2_service.api[0]`).
   * @default any address
   */
  readonly address?: string;
}

/** The minimum length of a suppression reason. */
export const MIN_REASON_LENGTH = 10;

/** The key of this library's records in a `"//"` comment object of the synthesized JSON. @internal */
export const RECORDS_KEY = 'cdktf-gcp-serverless';

/**
 * A finding a construct made about its own props (a warning: errors stop the construct), recorded so that it is
 * reported once, together with the policy checks' findings, and travels to the command line.
 * @internal
 */
export interface RecordedFinding {
  readonly ruleId: string;
  readonly level: CheckLevel;
  /** The construct that found it. */
  readonly constructPath: string;
  /** What is wrong, with the prop and the value given (`maxInstances = undefined (not set): ...`). */
  readonly problem: string;
  readonly fix: string;
}

/** What travels under `RECORDS_KEY`. @internal */
export interface Records {
  readonly suppressions?: ScopedSuppression[];
  readonly findings?: RecordedFinding[];
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A Terraform address (`type.name`, `data.type.name`), in a module (`module.app.…`), of an instance (`…[0]`). @internal */
export const ADDRESS = /^(module\.[A-Za-z0-9_-]+(\[[^\]]+\])?\.)*(data\.)?[a-z0-9_]+\.[A-Za-z0-9_-]+(\[[^\]]+\])?$/;

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

/** The address a Terraform instance address belongs to (`google_x.y[0]` → `google_x.y`), or the address itself. */
export function resourceOfInstance(address: string): string {
  return address.endsWith(']') ? address.slice(0, address.lastIndexOf('[')) : address;
}

/**
 * True when `s` covers a finding of `ruleId` on `address` made at `constructPath`: the same rule (or `*`), the same
 * address or one of its instances (or no address), and the construct or one of its ancestors (or no construct path).
 */
export function covers(
  s: ScopedSuppression,
  finding: { readonly ruleId: string; readonly address?: string; readonly constructPath?: string },
): boolean {
  if (s.ruleId !== '*' && s.ruleId !== finding.ruleId) return false;
  if (s.address !== undefined) {
    if (finding.address === undefined) return false;
    if (s.address !== finding.address && s.address !== resourceOfInstance(finding.address)) return false;
  }
  if (s.constructPath !== undefined) {
    const p = finding.constructPath;
    if (p === undefined || (p !== s.constructPath && !p.startsWith(`${s.constructPath}/`))) return false;
  }
  return true;
}
