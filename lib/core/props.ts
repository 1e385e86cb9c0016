/**
 * Shape checks of construct props with zod: wrong types and misspelt keys (from JavaScript callers, or `as any`) are
 * reported by prop name instead of failing later or being dropped. Ranges and cross-field rules are the platform
 * rules' job.
 * @internal
 */
import type { z } from 'zod';
import { CheckLevel } from './levels';
import { memo, zod } from './lazy';
import type { Problems } from './problems';
import { show, type ValidationProblem } from './validation';

/**
 * The zod shape of a props interface: one schema per prop, every prop present, no other. Written as the type of a
 * schema's shape, it ties the schema to the interface at compile time: a prop added to one and forgotten in the other
 * does not compile.
 */
export type PropsShape<P> = { readonly [K in keyof P]-?: z.ZodType<P[K]> };

/** A strict object schema for `P`, built on first use (zod loads lazily). */
export function propsSchema<P>(shape: (z: typeof import('zod').z) => PropsShape<P>): () => z.ZodType<P> {
  return memo(
    () =>
      zod()
        .object(shape(zod()) as z.ZodRawShape)
        .strict() as unknown as z.ZodType<P>,
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
export function shapeProblems(schema: z.ZodType, props: unknown): ValidationProblem[] {
  const result = schema.safeParse(props);
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
export function checkShape(schema: z.ZodType, props: unknown, problems: Problems): boolean {
  const found = shapeProblems(schema, props);
  for (const p of found) problems.push(p);
  return found.length === 0;
}

/** A zod leaf accepting instances of one of our factory classes (whose constructors are private). */
export function instanceOf<T>(cls: { prototype: T }, message: string): z.ZodType<T> {
  const ctor = cls as unknown as abstract new (...args: never[]) => unknown;
  return zod().custom<T>((value) => value instanceof ctor, { message });
}

/**
 * A string-enum prop accepted as any string: the platform rules judge its value (an unknown instance class gets the
 * list of classes, not zod's enum message).
 */
export function anyOf<E extends string>(): z.ZodType<E> {
  return zod().string() as unknown as z.ZodType<E>;
}
