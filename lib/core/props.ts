/**
 * Shape checks of construct props with zod: wrong types and misspelt keys (from JavaScript callers, or `as any`) are
 * reported by prop name instead of failing later or being dropped. Ranges and cross-field rules are the platform
 * rules' job.
 * @internal
 */
import type { z } from 'zod';
import { zod } from './lazy';
import type { Problems } from './validation';

function valueAt(root: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let value: unknown = root;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** Reports every shape problem of `props` under its prop path; returns false when there was one. */
export function checkShape(schema: z.ZodType, props: unknown, problems: Problems): boolean {
  const result = schema.safeParse(props);
  if (result.success) return true;
  for (const issue of result.error.issues) {
    const path = issue.path.map(String);
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const prop = [...path, key].join('.');
        problems.error(
          prop,
          valueAt(props, [...issue.path, key]),
          `'${prop}' is not a known prop`,
          'remove it or fix its spelling',
        );
      }
      continue;
    }
    const prop = path.join('.') || 'props';
    problems.error(prop, valueAt(props, issue.path), issue.message, 'pass a value of the documented type');
  }
  return false;
}

/** A zod leaf accepting instances of one of our factory classes (whose constructors are private). */
export function instanceOf<T>(cls: { prototype: T }, message: string): z.ZodType<T> {
  const ctor = cls as unknown as abstract new (...args: never[]) => unknown;
  return zod().custom<T>((value) => value instanceof ctor, { message });
}
