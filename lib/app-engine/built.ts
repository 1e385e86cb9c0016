/**
 * The App Engine constructs whose constructor finished. One that threw (a ValidationError the app caught, to retry with
 * other props) stays in the construct tree, without its resources: scans of the stack (the application of a project,
 * the version that owns a service's account, the versions of the default service) must not count it. The mark is a
 * non-enumerable, symbol-keyed property of the construct itself, so no state lives in this module.
 * @internal
 */
import type { IConstruct } from 'constructs';

const BUILT = Symbol('cdktf-gcp-serverless/built');

/** Records that `c` was built: the last statement of its constructor. */
export function markBuilt(c: IConstruct): void {
  Object.defineProperty(c, BUILT, { value: true });
}

/** True when `c` was built (its constructor did not throw). */
export function isBuilt(c: IConstruct): boolean {
  return (c as unknown as Record<symbol, unknown>)[BUILT] === true;
}
