/**
 * Shape checks of the input of every public entry point (construct props, factory options, policy-check options,
 * suppressions): wrong types, misspelt keys and misspelt enum values (from JavaScript callers, or `as any`) are
 * reported by prop path, with a suggestion where one is close, instead of failing later with a TypeError or being
 * dropped. Ranges and cross-field rules are the platform rules' job.
 *
 * A shape is declared once against the interface it checks: a prop added to the interface and forgotten in the shape,
 * or the other way round, does not compile. One function per shape both answers "does it fit?" (allocating nothing)
 * and, given a list, explains every way it does not, so the quick check and the explanation can never disagree.
 *
 * A value only known at apply time (a cdktf token) fits wherever a value of its type does, enums included: the rules
 * that read it skip it. Pure (no cdktf): the policy checks and the command line use it too.
 * @internal
 */
import { CheckLevel } from './levels';
import { closest, editDistance } from './text';
import { show, type ValidationProblem } from './validation';

/** Where problems are reported (a construct's `Problems`). */
export interface ProblemSink {
  push(problem: ValidationProblem): void;
}

/** One way a value does not fit its shape. */
interface Issue {
  readonly path: readonly string[];
  readonly value: unknown;
  readonly rule: string;
  readonly fix: string;
}

/**
 * Checks `value` at `path`; returns true when it fits. With `out`, every problem is pushed to it; without, it stops at
 * the first (and allocates nothing).
 */
type Check = (value: unknown, path: readonly string[], out: Issue[] | undefined) => boolean;

/**
 * The shape of a value of type T. An interface, so that the declarations shipped to consumers (which reach it through
 * the props files) name nothing of the implementation.
 */
export interface Shape<T> {
  /** True when the value has the shape. */
  readonly is: (value: unknown) => boolean;
  /** Never set: it ties the shape to T, so that a shape of another type does not compile in its place. */
  readonly valueType?: T;
  /** The same shape, or undefined. */
  optional(): Shape<T | undefined>;
}

class CheckedShape<T> implements Shape<T> {
  declare public readonly valueType?: T;
  public readonly is: (value: unknown) => boolean;

  constructor(
    public readonly check: Check,
    /** What a value of the shape is, for messages: `a number`, `a list of strings`. */
    public readonly what: string,
    /** True for an optional shape (a missing key is fine). */
    public readonly isOptional = false,
  ) {
    this.is = (value) => guarded(check, value, [], undefined);
  }

  public optional(): Shape<T | undefined> {
    const check = this.check;
    return new CheckedShape<T | undefined>((v, path, out) => v === undefined || check(v, path, out), this.what, true);
  }
}

/** Runs a check; a value that throws when read (a Proxy, a getter) does not fit, and is reported as unreadable. */
function guarded(check: Check, value: unknown, path: readonly string[], out: Issue[] | undefined): boolean {
  try {
    return check(value, path, out);
  } catch {
    out?.push({ path, value: UNREADABLE, rule: 'the value cannot be read (reading it threw)', fix: PLAIN_VALUE });
    return false;
  }
}

/** Checks `holder[key]` at `path`: reading it may throw too (a getter, a Proxy), which is reported at that path. */
function checkAt(
  check: Check,
  holder: Record<string, unknown>,
  key: string,
  path: readonly string[],
  out: Issue[] | undefined,
) {
  let value: unknown;
  try {
    value = holder[key];
  } catch {
    out?.push({ path, value: UNREADABLE, rule: 'the value cannot be read (reading it threw)', fix: PLAIN_VALUE });
    return false;
  }
  return guarded(check, value, path, out);
}

/** The path of a field: only built when problems are collected (a check without `out` reports none). */
function childPath(path: readonly string[], key: string, out: Issue[] | undefined): readonly string[] {
  return out ? [...path, key] : path;
}

const UNREADABLE = Symbol('unreadable');
const PLAIN_VALUE = 'pass a plain value of the documented type';

const impl = <T>(shape: Shape<T>) => shape as CheckedShape<T>;

/** How a value of the wrong type is described: `a string ('5')`, `a bigint (10n)`, `null`. */
function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  const t = typeof value;
  return t === 'object' ? 'an object' : `a ${t}`;
}

/** An issue for a value of the wrong type (a missing one is "required"). */
function wrongType(path: readonly string[], value: unknown, what: string, fix?: string): Issue {
  if (value === undefined) return { path, value, rule: `expected ${what} (it is required)`, fix: `give ${what}` };
  return { path, value, rule: `expected ${what}, got ${typeOf(value)}`, fix: fix ?? `pass ${what}` };
}

/** A shape of one primitive type. */
function primitive<T>(what: string, fits: (v: unknown) => boolean, fixFor?: (v: unknown) => string | undefined) {
  return new CheckedShape<T>((v, path, out) => {
    if (fits(v)) return true;
    out?.push(wrongType(path, v, what, fixFor?.(v)));
    return false;
  }, what);
}

export const string: Shape<string> = primitive<string>(
  'a string',
  (v) => typeof v === 'string',
  (v) => (typeof v === 'number' || typeof v === 'boolean' ? `write it as a string: '${String(v)}'` : undefined),
);

/** A finite number (a cdktf number token is one). NaN, Infinity and BigInts are refused. */
export const number: Shape<number> = primitive<number>(
  'a number',
  (v) => typeof v === 'number' && Number.isFinite(v),
  (v) =>
    typeof v === 'bigint'
      ? `pass a Number, not a BigInt: ${String(v)}`
      : typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))
        ? `write it as a number: ${Number(v)}`
        : typeof v === 'number'
          ? 'pass a finite number'
          : undefined,
);

export const boolean: Shape<boolean> = primitive<boolean>(
  'a boolean',
  (v) => typeof v === 'boolean',
  (v) => (v === 'true' || v === 'false' ? `write the boolean ${v}, not the string '${v}'` : undefined),
);

/**
 * An instance of one of our factory classes (whose constructors are private). `contents` names what the instance holds
 * that a factory took as given (its options) and their shape: they are checked at the same prop path
 * (`startupProbe.path`), so a factory never throws on bad options and the construct reports them with its path.
 */
export function instanceOf<T>(
  cls: { prototype: T },
  expected: string,
  contents?: (instance: T) => { readonly value: unknown; readonly shape: Shape<unknown> } | undefined,
): Shape<T> {
  const ctor = cls as unknown as abstract new (...args: never[]) => unknown;
  return new CheckedShape<T>((v, path, out) => {
    if (!(v instanceof ctor)) {
      if (out) {
        out.push(
          v === undefined
            ? { path, value: v, rule: `expected ${expected} (it is required)`, fix: `give ${expected}` }
            : { path, value: v, rule: `expected ${expected}, got ${typeOf(v)}`, fix: `create it with ${expected}` },
        );
      }
      return false;
    }
    const inner = contents?.(v as T);
    return inner === undefined || guarded(impl(inner.shape).check, inner.value, path, out);
  }, expected);
}

/**
 * A member of a string enum; `name` is the enum's name in messages (`VpcEgress`). A misspelt member gets the closest
 * member as a suggestion (`'always'` → `SecurityLevel.SECURE_ALWAYS`); a cdktf string token is accepted.
 */
export function enumOf<E extends Record<string, string>>(values: E, name: string): Shape<E[keyof E]> {
  const entries = Object.entries(values);
  const members: readonly unknown[] = entries.map(([, v]) => v);
  const what = `one of ${entries.map(([k]) => `${name}.${k}`).join(', ')}`;
  return new CheckedShape<E[keyof E]>((v, path, out) => {
    if (members.includes(v) || (typeof v === 'string' && isApplyTimeString(v))) return true;
    if (out) {
      if (typeof v !== 'string') out.push(wrongType(path, v, what, `use ${name}.${entries[0][0]}`));
      else {
        const key = suggestMember(v, entries);
        out.push({
          path,
          value: v,
          rule: `'${v}' is not ${what}`,
          fix: key ? `did you mean ${name}.${key} ('${values[key]}')?` : `use ${what}`,
        });
      }
    }
    return false;
  }, what);
}

/**
 * True for a string only known at apply time: a cdktf string token (`${TfToken[TOKEN.1]}`) or a Terraform template
 * (`${var.ingress}`). Pure, so that the checker and the command line can check their options without loading cdktf.
 */
export function isApplyTimeString(v: string): boolean {
  return v.includes('${');
}

/** The key of the enum member closest to a misspelt value, comparing it with both keys and values, ignoring case. */
function suggestMember(value: string, entries: ReadonlyArray<[string, string]>): string | undefined {
  const word = value.toLowerCase().replace(/[^a-z0-9]/g, '');
  let best: string | undefined;
  let bestScore = Number.POSITIVE_INFINITY;
  for (const [key, member] of entries) {
    for (const candidate of [key, member]) {
      const c = candidate.toLowerCase().replace(/[^a-z0-9]/g, '');
      // A value that is the end or start of a member (`always` of SECURE_ALWAYS, `gen2`) is as good as a near miss.
      const score = c.endsWith(word) || c.startsWith(word) ? 1 : editDistance(word, c);
      if (score < bestScore) {
        bestScore = score;
        best = key;
      }
    }
  }
  return word.length > 0 && bestScore <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

/**
 * A string-enum prop accepted as any string: the platform rules judge its value (an unknown instance class gets the
 * list of classes).
 */
export function anyOf<E extends string>(): Shape<E> {
  return string as unknown as Shape<E>;
}

/** `a string` → `strings`; a description without an article is kept (`Probe.http(...)`). */
const plural = (what: string) => (/^an? /.test(what) ? `${what.replace(/^an? /, '')}s` : what);

/** A list (a cdktf list token is one); `nonEmpty` refuses `[]` with `why`. */
export function array<T>(item: Shape<T>, nonEmpty?: { readonly why: string; readonly fix: string }): Shape<T[]> {
  const inner = impl(item);
  const what = `a list of ${plural(inner.what)}`;
  return new CheckedShape<T[]>((v, path, out) => {
    if (!Array.isArray(v)) {
      out?.push(wrongType(path, v, what, typeof v === 'string' ? `wrap it in a list: [${show(v)}]` : `pass ${what}`));
      return false;
    }
    if (nonEmpty && v.length === 0) {
      out?.push({ path, value: v, rule: nonEmpty.why, fix: nonEmpty.fix });
      return false;
    }
    let ok = true;
    for (let i = 0; i < v.length && (ok || out); i++) {
      ok =
        checkAt(
          inner.check,
          v as unknown as Record<string, unknown>,
          String(i),
          childPath(path, String(i), out),
          out,
        ) && ok;
    }
    return ok;
  }, what);
}

/** `holder[key]`, or the unreadable marker when reading it throws. */
function readSafely(holder: Record<string, unknown>, key: string): unknown {
  try {
    return holder[key];
  } catch {
    return UNREADABLE;
  }
}

/** A plain object: not null, not a list, not an instance of a class (a Map, a Date, a factory). */
function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** An object used as a map from strings. */
export function record<T>(value: Shape<T>): Shape<Record<string, T>> {
  const inner = impl(value);
  const what = `a map of ${plural(inner.what)}`;
  return new CheckedShape<Record<string, T>>((v, path, out) => {
    if (!isPlainObject(v)) {
      out?.push(wrongType(path, v, what));
      return false;
    }
    let ok = Object.getOwnPropertySymbols(v).length === 0;
    if (!ok) out?.push({ path, value: v, rule: 'a map has string keys only', fix: 'remove the symbol keys' });
    for (const key of Object.keys(v)) {
      if (!ok && !out) break;
      ok = checkAt(inner.check, v, key, childPath(path, key, out), out) && ok;
    }
    return ok;
  }, what);
}

/** The fields of an object shape: exactly the keys of T. */
export type Fields<T> = { readonly [K in keyof T]-?: Shape<T[K]> };

/**
 * An object with exactly these fields: a misspelt key is an error with the closest field as a suggestion
 * (`memroy` → `memory`), a missing required field is an error, and every field is checked.
 */
export function object<T>(fields: Fields<T>, what = 'an object'): Shape<T> {
  const entries = Object.entries(fields).map(([k, s]) => [k, impl(s as Shape<unknown>)] as const);
  const names = entries.map(([k]) => k);
  const shape = new CheckedShape<T>((v, path, out) => {
    if (!isPlainObject(v)) {
      out?.push(wrongType(path, v, what));
      return false;
    }
    let ok = true;
    for (const key of Object.keys(v)) {
      if (Object.hasOwn(fields, key)) continue;
      ok = false;
      if (!out) return false;
      const near = closest(key.toLowerCase(), names, Math.max(2, Math.floor(key.length / 3)));
      const suggestion = near ?? names.find((n) => n.toLowerCase() === key.toLowerCase());
      out.push({
        path: [...path, key],
        value: readSafely(v, key),
        rule: `'${key}' is not a known ${path.length === 0 ? 'prop' : 'option'}`,
        fix: suggestion ? `did you mean '${suggestion}'?` : `remove it (known: ${names.join(', ')})`,
      });
    }
    if (Object.getOwnPropertySymbols(v).some((s) => Object.prototype.propertyIsEnumerable.call(v, s))) {
      ok = false;
      out?.push({ path, value: v, rule: 'symbol keys are not props', fix: 'remove them' });
    }
    for (const [key, field] of entries) {
      if (!ok && !out) break;
      ok = checkAt(field.check, v as Record<string, unknown>, key, childPath(path, key, out), out) && ok;
    }
    return ok;
  }, what);
  FIELD_NAMES.set(shape, names);
  return shape;
}

/** The field names of each object shape. */
const FIELD_NAMES = new WeakMap<object, readonly string[]>();

/** The value at `path` inside `root`, or undefined where the path leaves objects. */
export function valueAt(root: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let value: unknown = root;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/**
 * Every shape problem of `value`, named by prop path under `prefix` (`options.path` of a factory call), with the
 * value shown safely (see `show`).
 */
export function shapeProblems<T>(shape: Shape<T>, value: unknown, prefix = ''): ValidationProblem[] {
  // Most values fit: a first pass without `out` allocates nothing and stops at the first problem.
  if (guarded(impl(shape).check, value, [], undefined)) return [];
  const issues: Issue[] = [];
  if (guarded(impl(shape).check, value, [], issues)) return [];
  return issues.map((i) => {
    const prop = [prefix, ...i.path].filter((p) => p !== '').join('.') || 'props';
    return {
      level: CheckLevel.ERROR,
      prop,
      value: i.value === UNREADABLE ? '(unreadable)' : show(i.value),
      rule: i.rule,
      fix: i.fix,
    };
  });
}

/** Reports every shape problem of `props` under its prop path; returns false when there was one. */
export function checkShape<T>(shape: Shape<T>, props: unknown, problems: ProblemSink): boolean {
  const found = shapeProblems(shape, props);
  for (const p of found) problems.push(p);
  return found.length === 0;
}

/** The props of a construct that fit their shapes, and the props set aside. */
export interface AcceptedProps<T> {
  /** The props without the keys that do not fit (misspelt keys, wrong types): what the construct goes on with. */
  readonly props: T;
  /** Top-level props set aside for a wrong value (their problems are reported): the facts they feed are unknown. */
  readonly setAside: readonly string[];
  /** False when the props are not even an object: nothing can be judged. */
  readonly usable: boolean;
}

/**
 * Reports every shape problem of `props` and returns what fits, so that the construct can go on and judge the rest:
 * a misspelt key or one wrong value does not hide the problems of the other props. The construct treats the facts of
 * the props set aside as unknown (the rules reading them are skipped: their problem is already reported).
 */
export function acceptProps<T>(shape: Shape<T>, props: unknown, problems: ProblemSink): AcceptedProps<T> {
  const found = shapeProblems(shape, props);
  for (const p of found) problems.push(p);
  if (found.length === 0) return { props: props as T, setAside: [], usable: true };
  if (!isPlainObject(props)) return { props: {} as T, setAside: [], usable: false };
  const known = FIELD_NAMES.get(shape) ?? [];
  const setAside: string[] = [];
  const kept: Record<string, unknown> = {};
  for (const key of Object.keys(props)) {
    if (!known.includes(key)) continue; // a misspelt key: reported, dropped
    if (found.some((p) => p.prop === key || p.prop.startsWith(`${key}.`))) setAside.push(key);
    else kept[key] = readSafely(props, key);
  }
  // A required prop that is missing.
  for (const p of found) if (known.includes(p.prop) && !(p.prop in props)) setAside.push(p.prop);
  return { props: kept as T, setAside, usable: true };
}

/** `props` without the keys `drop` (props set aside): the object itself when there is nothing to drop. */
export function withoutProps<T>(props: T, drop: readonly string[]): T {
  if (drop.length === 0) return props;
  const kept: Record<string, unknown> = { ...(props as Record<string, unknown>) };
  for (const key of drop) delete kept[key];
  return kept as T;
}

/**
 * What a factory call was given, kept so that the construct it is passed to checks it under its prop path: factories
 * never throw (they have no construct path to name), and a construct reports their problems with its own.
 */
export interface FactoryInput {
  /** The arguments as given, named as the factory's documentation names them. */
  readonly value: unknown;
  readonly shape: Shape<unknown>;
}

/** `value` when it is a plain object, else an empty one: what a factory reads options from, never throwing. */
export function optionsOf<T extends object>(value: T | undefined | null): T {
  return (isPlainObject(value) ? value : {}) as T;
}

/** A `Date` holding a real time (`new Date('x')` does not). */
export const date: Shape<Date> = new CheckedShape<Date>((v, path, out) => {
  if (v instanceof Date && Number.isFinite(v.getTime())) return true;
  out?.push(
    v instanceof Date
      ? {
          path,
          value: 'Invalid Date',
          rule: 'the date is invalid',
          fix: "pass a real date, e.g. new Date('2026-06-30')",
        }
      : wrongType(path, v, 'a Date', "pass a Date, e.g. new Date('2026-06-30')"),
  );
  return false;
}, 'a Date');

/**
 * The shape problems of a value found at `prefix` inside the props (a factory's options, `worker`, `scaling`), each
 * named by its full prop path: `worker.concurrency`.
 */
export function shapeProblemsAt<T>(shape: Shape<T>, value: unknown, prefix: string): ValidationProblem[] {
  return shapeProblems(shape, value).map((p) => {
    const prop = p.prop === 'props' ? prefix : `${prefix}.${p.prop}`;
    return { ...p, prop, rule: p.rule.replace(`'${p.prop}' is not a known prop`, `'${prop}' is not a known prop`) };
  });
}
