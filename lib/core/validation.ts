/**
 * What a construct reports about its props: problems (with the rule that found them, when a rule did) and the error
 * that lists them all. Pure: it loads neither cdktf nor constructs, so the checker can share it.
 */
import type { CheckLevel } from './levels';

/** One problem found in a construct's props. */
export interface ValidationProblem {
  /** The prop at fault, e.g. `memory` or `server.workers`. */
  readonly prop: string;
  /** The value given, as written by the user. */
  readonly value: string;
  /** The rule that the value breaks. */
  readonly rule: string;
  /** How to fix it. */
  readonly fix: string;
  /** The stable identifier of the rule, when a rule (shared with the policy checks) found it. */
  readonly ruleId?: string;
  /** How serious it is: errors stop the construct, warnings are written as annotations. */
  readonly level: CheckLevel;
}

/**
 * Thrown by a construct whose props the platform would reject or that cannot work.
 * It lists every problem of the construct at once, and after them the warnings found in the same run (which would
 * otherwise only show as annotations once the errors are fixed).
 */
export class ValidationError extends Error {
  /** The construct path, e.g. `my-stack/api`. */
  public readonly constructPath: string;
  /** Every problem found. */
  public readonly problems: ValidationProblem[];
  /** The warnings found alongside the problems (costly or risky trade-offs that do not stop the construct). */
  public readonly warnings: ValidationProblem[];

  constructor(constructPath: string, kind: string, problems: ValidationProblem[], warnings: ValidationProblem[] = []) {
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    const also =
      warnings.length === 0
        ? ''
        : `\nand ${warnings.length === 1 ? '1 warning' : `${warnings.length} warnings`}:\n${warnings.map(formatProblem).join('\n')}`;
    super(`${kind} '${constructPath}' has ${count}:\n${problems.map(formatProblem).join('\n')}${also}`);
    this.name = 'ValidationError';
    this.constructPath = constructPath;
    this.problems = problems;
    this.warnings = warnings;
  }
}

/**
 * A value the construct derived (not one the user wrote), shown as given text.
 * @internal
 */
export class Derived {
  constructor(public readonly text: string) {}
}

/**
 * Renders a value the way the user would have written it in TypeScript.
 * @internal
 */
export function show(value: unknown): string {
  if (value instanceof Derived) return value.text;
  if (value === undefined) return 'undefined (not set)';
  if (typeof value === 'string') return `'${value}'`;
  if (Array.isArray(value) || (typeof value === 'object' && value !== null)) return JSON.stringify(value);
  return String(value);
}

function formatProblem(p: ValidationProblem): string {
  const id = p.ruleId ? ` [${p.ruleId}]` : '';
  return `  - ${p.prop} = ${p.value}: ${p.rule}${id}. Fix: ${p.fix}`;
}
