/**
 * How serious a rule's finding, or a construct's problem, is: one level enum for the platform rules, the constructs
 * and the policy checks.
 */

/** How serious a finding is. */
export enum CheckLevel {
  /** The platform rejects it, it cannot work, or it is a clear security hole. Fails synth. */
  ERROR = 'error',
  /** A costly or risky trade-off. Shown as a warning annotation. */
  WARNING = 'warning',
  /** Advice. */
  INFO = 'info',
}

/**
 * Rank of a level: higher is more serious.
 * @internal
 */
export function levelRank(level: CheckLevel): number {
  return level === CheckLevel.ERROR ? 3 : level === CheckLevel.WARNING ? 2 : 1;
}
