/**
 * What a construct reports about its props: problems (with the rule that found them, when a rule did) and the error
 * that lists them all. Pure: it loads neither cdktf nor constructs, so the checker can share it.
 */
import type { CheckLevel } from './levels';
import { plural } from './text';

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

const VALIDATION_ERROR = Symbol.for('cdktf-gcp-serverless.ValidationError');
const CHECK_INPUT_ERROR = Symbol.for('cdktf-gcp-serverless.CheckInputError');

/**
 * Stops V8 capturing stack frames until the returned function is called: our errors say where the problem is (the
 * construct path, the prop, the file) in their message, and `cdktf synth` or Node would otherwise print a trace of
 * library internals under it. (Called around `super()`, which a function cannot wrap.)
 */
function framesOff(): () => void {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  return () => {
    Error.stackTraceLimit = limit;
  };
}

/**
 * Thrown by a construct whose props the platform would reject or that cannot work.
 * It lists every problem of the construct at once, and after them the warnings found in the same run (which would
 * otherwise only show as annotations once the errors are fixed). It carries no stack trace: the message names the
 * construct path, and a trace of library internals would only bury it.
 *
 * Not exported from the package root (jsii accepts no class extending `Error`): recognise it with
 * `Errors.isValidationError(e)`, which also gives TypeScript the type, so `e.problems` can be read.
 */
export class ValidationError extends Error {
  // Not enumerable (set in the constructor): Node prints an uncaught error's enumerable properties under its
  // message, which would list every problem a second time.
  /** The construct path, e.g. `my-stack/api`. */
  declare public readonly constructPath: string;
  /** Every problem found. */
  declare public readonly problems: ValidationProblem[];
  /** The warnings found alongside the problems (costly or risky trade-offs that do not stop the construct). */
  declare public readonly warnings: ValidationProblem[];

  /**
   * @param lines the problems as they are already written elsewhere (a policy-check finding's message), in place of
   * the `prop = value: rule` form
   */
  constructor(
    constructPath: string,
    kind: string,
    problems: ValidationProblem[],
    warnings: ValidationProblem[] = [],
    lines: string[] = problems.map(formatProblem),
  ) {
    const also =
      warnings.length === 0
        ? ''
        : `\nand ${plural(warnings.length, 'warning')}:\n${warnings.map(formatProblem).join('\n')}`;
    const message = `${kind} '${constructPath}' has ${plural(problems.length, 'problem')}:\n${lines.join('\n')}${also}`;
    const restore = framesOff();
    super(message);
    restore();
    Object.defineProperties(this, {
      name: { value: 'ValidationError' },
      constructPath: { value: constructPath },
      problems: { value: problems },
      warnings: { value: warnings },
      [VALIDATION_ERROR]: { value: true },
    });
  }
}

/**
 * Thrown by the policy checks for input that is not a Terraform JSON configuration, or for a malformed suppression
 * (the command line turns it into one line and exit code 2). Like `ValidationError`, it carries no stack trace and is
 * recognised with `Errors.isCheckInputError(e)`.
 */
export class CheckInputError extends Error {
  constructor(message: string) {
    const restore = framesOff();
    super(message);
    restore();
    Object.defineProperties(this, { name: { value: 'CheckInputError' }, [CHECK_INPUT_ERROR]: { value: true } });
  }
}

/**
 * Recognises the errors the library throws. They are not exported as classes (jsii, which generates the Python
 * package, accepts no class extending `Error`); these checks work across copies of the library too, as they test a
 * brand rather than the class.
 *
 * @example
 * try {
 *   new CloudRunService(stack, 'Api', props);
 * } catch (e) {
 *   if (Errors.isValidationError(e)) console.log(e.problems.map((p) => p.ruleId));
 *   else throw e;
 * }
 */
export class Errors {
  /**
   * True when `x` is the error a construct throws for props the platform would reject or that cannot work. In
   * TypeScript it narrows `x`, so `x.constructPath`, `x.problems` and `x.warnings` can be read.
   */
  public static isValidationError(x: any): x is ValidationError {
    return x !== null && typeof x === 'object' && VALIDATION_ERROR in x;
  }

  /**
   * True when `x` is the error `PolicyChecks.checkTerraform` throws for input that is not a Terraform JSON
   * configuration, or for a malformed suppression.
   */
  public static isCheckInputError(x: any): x is CheckInputError {
    return x !== null && typeof x === 'object' && CHECK_INPUT_ERROR in x;
  }

  private constructor() {}
}

/**
 * A value the construct derived (not one the user wrote), shown as given text.
 * @internal
 */
export class Derived {
  constructor(public readonly text: string) {}
}

/**
 * A secret value as messages show it: its length only.
 * @internal
 */
export function hiddenValue(value: unknown): Derived {
  return new Derived(typeof value === 'string' ? `(${value.length} characters, not shown)` : '(not shown)');
}

/** The longest text `show` returns; longer values are cut with `…`. */
export const SHOWN_LENGTH = 200;

/**
 * Renders a value the way the user would have written it in TypeScript, on one line and at most `SHOWN_LENGTH`
 * characters. It never throws: BigInts, symbols, functions, circular objects and Proxies that throw are shown too.
 * @internal
 */
export function show(value: unknown): string {
  let text: string;
  try {
    text = render(value);
  } catch {
    text = '(a value that cannot be printed)';
  }
  return text.length > SHOWN_LENGTH ? `${text.slice(0, SHOWN_LENGTH - 1)}…` : text;
}

/** True for a control character (C0, DEL, C1) or a line or paragraph separator, which would break a one-line text. */
export function isControl(code: number): boolean {
  return CONTROL.test(String.fromCharCode(code));
}

/** The characters `isControl` accepts: C0, DEL, C1, and the line and paragraph separators. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
const EVERY_CONTROL = new RegExp(CONTROL.source, 'g');

const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** True when `text` holds a character `escapeControl` would escape. */
export function hasControl(text: string): boolean {
  return CONTROL.test(text);
}

/** A string with its control characters escaped (`\n`, `\u001b`), so that it prints on one line and safely. */
export function escapeControl(text: string): string {
  if (!CONTROL.test(text)) return text; // the common case, without a copy
  return text.replace(EVERY_CONTROL, (c) => NAMED[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function render(value: unknown): string {
  if (value instanceof Derived) return escapeControl(value.text);
  if (value === undefined) return 'undefined (not set)';
  switch (typeof value) {
    case 'string':
      return `'${escapeControl(value)}'`;
    case 'bigint':
      return `${value}n`;
    case 'symbol':
      return escapeControl(value.toString());
    case 'function':
      return `[function ${escapeControl(value.name || '(anonymous)')}]`;
    case 'object':
      return value === null ? 'null' : escapeControl(json(value));
    default:
      return String(value);
  }
}

/** JSON of an object, cut short once long enough, with BigInts, symbols, functions and cycles shown, never thrown. */
function json(value: object): string {
  const seen = new WeakSet<object>();
  let length = 0;
  const text = JSON.stringify(value, function (this: unknown, _key, v: unknown) {
    if (length > SHOWN_LENGTH * 2) return undefined; // enough to show
    if (typeof v === 'bigint') return `${v}n`;
    if (typeof v === 'symbol' || typeof v === 'function') return render(v);
    if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
    if (v !== null && typeof v === 'object') {
      if (seen.has(v)) return '[circular]';
      seen.add(v);
    }
    length += typeof v === 'string' ? v.length : 8;
    return v;
  });
  return text ?? String(value);
}

function formatProblem(p: ValidationProblem): string {
  const id = p.ruleId ? ` [${p.ruleId}]` : '';
  return escapeControl(`  - ${p.prop} = ${p.value}: ${p.rule}${id}. Fix: ${p.fix}`);
}
