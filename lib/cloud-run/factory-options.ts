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

/** True for one of our factory objects (anything else is the shape check's to report). */
const isFactory = (item: unknown): item is ChecksOptions =>
  typeof (item as Partial<ChecksOptions> | null)?._checkOptions === 'function';

/** Checks the options of a factory object given as `prop`; false when one failed. */
export function checkOne(item: unknown, prop: string, problems: Problems): boolean {
  return isFactory(item) ? item._checkOptions(prop, problems) : true;
}

/** Checks the options of every factory object in `items` (a prop holding a list of them); false when one failed. */
export function checkEach(items: unknown, prop: string, problems: Problems): boolean {
  if (!Array.isArray(items)) return true;
  let ok = true;
  items.forEach((item, i) => {
    ok = checkOne(item, `${prop}.${i}`, problems) && ok;
  });
  return ok;
}
