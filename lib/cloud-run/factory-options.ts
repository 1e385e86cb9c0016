/**
 * The options our factories keep (`Volume.bucket(name, { readOnly })`, `Traffic.latest(10, { tag })`, …) are checked
 * when the construct receives them, with the construct's path in the error and the option named under the prop it was
 * given in (`volumes.1.readOnly`): a wrong type or a misspelt key is reported with every other problem of the props.
 * @internal
 */
import type { Problems } from '../core/problems';
import { type Shape, shapeProblems } from '../core/props';

/** Something that checks its own options, reporting them under `prop`. */
export interface ChecksOptions {
  /** @internal */
  _checkOptions(prop: string, problems: Problems): boolean;
}

/** Reports every shape problem of `value` under `prop` (`prop.key` for a key inside it); false when there was one. */
export function checkOptions<T>(shape: Shape<T>, value: unknown, prop: string, problems: Problems): boolean {
  const found = shapeProblems(shape, value);
  for (const p of found) problems.push({ ...p, prop: p.prop === 'props' ? prop : `${prop}.${p.prop}` });
  return found.length === 0;
}

/** Checks the options of every factory object in `items` (a prop holding a list of them); false when one failed. */
export function checkEach(items: ReadonlyArray<ChecksOptions> | undefined, prop: string, problems: Problems): boolean {
  let ok = true;
  (items ?? []).forEach((item, i) => {
    ok = item._checkOptions(`${prop}.${i}`, problems) && ok;
  });
  return ok;
}
