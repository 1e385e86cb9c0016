/**
 * Shape checks of construct props: wrong types and misspelt keys (from JavaScript callers, or `as any`) are reported
 * by prop name instead of failing later or being dropped. Ranges and cross-field rules are the platform rules' job.
 *
 * A shape is declared once and gives two things: a plain structural check that runs on every construct, and the zod
 * schema that explains a failure, built (and zod loaded) only when a value fails the check. Declared against the props
 * interface, a shape ties the two at compile time: a prop added to the interface and forgotten in the shape, or the
 * other way round, does not compile.
 * @internal
 */
import type { z } from 'zod';
import { CheckLevel } from './levels';
import { zod } from './lazy';
import type { Problems } from './problems';
import { show, type ValidationProblem } from './validation';

type Zod = typeof import('zod').z;

/**
 * The shape of a value of type T. An interface, so that the declarations shipped to consumers (which reach it through
 * the props files) never name zod: zod's own declarations need `esModuleInterop`, which a consumer may not set.
 */
export interface Shape<T> {
  /** True when the value has the shape; never laxer than the zod schema. */
  readonly is: (value: unknown) => boolean;
  /** Never set: it ties the shape to T, so that a shape of another type does not compile in its place. */
  readonly valueType?: T;
  /** The same shape, or undefined. */
  optional(): Shape<T | undefined>;
}

/** A shape and the zod schema that explains a value failing it. */
class ZodShape<T> implements Shape<T> {
  declare public readonly valueType?: T;

  constructor(
    public readonly is: (value: unknown) => boolean,
    private readonly schema: (z: Zod) => z.ZodType<T>,
  ) {}

  /** The zod schema, which names what is wrong with a value that fails `is`. */
  public zod(): z.ZodType<T> {
    return this.schema(zod());
  }

  public optional(): Shape<T | undefined> {
    return new ZodShape<T | undefined>(
      (v) => v === undefined || this.is(v),
      (z) => this.schema(z).optional(),
    );
  }
}

/** The zod schema of a shape (every shape is made here, so every shape is a `ZodShape`). */
function schemaOf<T>(shape: Shape<T>): z.ZodType<T> {
  return (shape as ZodShape<T>).zod();
}

/** True when the zod schema of `shape` accepts `value` (for tests: a shape is never laxer than its schema). */
export function schemaAccepts<T>(shape: Shape<T>, value: unknown): boolean {
  return schemaOf(shape).safeParse(value).success;
}

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The fields of an object shape: exactly the keys of T. */
export type Fields<T> = { readonly [K in keyof T]-?: Shape<T[K]> };

export const string: Shape<string> = new ZodShape<string>(
  (v) => typeof v === 'string',
  (z) => z.string(),
);
export const number: Shape<number> = new ZodShape<number>(
  (v) => typeof v === 'number' && Number.isFinite(v),
  (z) => z.number(),
);
export const boolean: Shape<boolean> = new ZodShape<boolean>(
  (v) => typeof v === 'boolean',
  (z) => z.boolean(),
);

/** An instance of one of our factory classes (whose constructors are private). */
export function instanceOf<T>(cls: { prototype: T }, message: string): Shape<T> {
  const ctor = cls as unknown as abstract new (...args: never[]) => unknown;
  return new ZodShape<T>(
    (v) => v instanceof ctor,
    (z) => z.custom<T>((v) => v instanceof ctor, { message }),
  );
}

/** A member of a string enum. */
export function enumOf<E extends Record<string, string>>(values: E): Shape<E[keyof E]> {
  const members: readonly unknown[] = Object.values(values);
  return new ZodShape<E[keyof E]>(
    (v) => members.includes(v),
    (z) => z.enum(values) as unknown as z.ZodType<E[keyof E]>,
  );
}

/**
 * A string-enum prop accepted as any string: the platform rules judge its value (an unknown instance class gets the
 * list of classes, not zod's enum message).
 */
export function anyOf<E extends string>(): Shape<E> {
  return string as unknown as Shape<E>;
}

export function array<T>(item: Shape<T>): Shape<T[]> {
  return new ZodShape<T[]>(
    (v) => Array.isArray(v) && v.every(item.is),
    (z) => z.array(schemaOf(item)),
  );
}

/** An object used as a map from strings. */
export function record<T>(value: Shape<T>): Shape<Record<string, T>> {
  return new ZodShape<Record<string, T>>(
    (v) => isRecord(v) && Object.values(v).every(value.is),
    (z) => z.record(z.string(), schemaOf(value)),
  );
}

/** An object with exactly these fields (a misspelt key is an error). */
export function object<T>(fields: Fields<T>): Shape<T> {
  const entries = Object.entries(fields) as Array<[string, Shape<unknown>]>;
  return new ZodShape<T>(
    (v) =>
      isRecord(v) && Object.keys(v).every((k) => Object.hasOwn(fields, k)) && entries.every(([k, s]) => s.is(v[k])),
    (z) =>
      z
        .object(Object.fromEntries(entries.map(([k, s]) => [k, schemaOf(s)])) as z.ZodRawShape)
        .strict() as unknown as z.ZodType<T>,
  );
}

/** The value at `path` inside `root`, or undefined where the path leaves objects. */
export function valueAt(root: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let value: unknown = root;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** Every shape problem of `props`, named by prop path. */
export function shapeProblems<T>(shape: Shape<T>, props: unknown): ValidationProblem[] {
  if (shape.is(props)) return [];
  const result = schemaOf(shape).safeParse(props);
  if (result.success) return [];
  const problems: ValidationProblem[] = [];
  const add = (prop: string, value: unknown, rule: string, fix: string) =>
    problems.push({ level: CheckLevel.ERROR, prop, value: show(value), rule, fix });
  for (const issue of result.error.issues) {
    const path = issue.path.map(String);
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const prop = [...path, key].join('.');
        add(
          prop,
          valueAt(props, [...issue.path, key]),
          `'${prop}' is not a known prop`,
          'remove it or fix its spelling',
        );
      }
      continue;
    }
    add(path.join('.') || 'props', valueAt(props, issue.path), issue.message, 'pass a value of the documented type');
  }
  return problems;
}

/** Reports every shape problem of `props` under its prop path; returns false when there was one. */
export function checkShape<T>(shape: Shape<T>, props: unknown, problems: Problems): boolean {
  const found = shapeProblems(shape, props);
  for (const p of found) problems.push(p);
  return found.length === 0;
}

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
