/**
 * Values of Terraform JSON as the checks read them: `UNKNOWN` for what cannot be known before apply, and readers of
 * fields and nested blocks that accept every shape the HCL JSON syntax allows for a block (an object, or an array of
 * objects) and treat `dynamic` blocks as unknown.
 *
 * Pure: loads neither cdktf nor the provider (the command line must start fast).
 * @internal
 */

/** Marker for a value that cannot be known before apply. */
export const UNKNOWN: unique symbol = Symbol('unknown');
export type Unknown = typeof UNKNOWN;

/** A value of Terraform JSON, which is untyped. */
export type Json = any;
export type JsonObject = Record<string, Json>;

/** True when a string holds a Terraform interpolation (`${...}`, `%{...}`) or a cdktf token, which stay unknown at synth. */
export function isUnknownString(value: string): boolean {
  let i = value.indexOf('{', 1);
  while (i > 0) {
    const c = value.charCodeAt(i - 1);
    // `${` or `%{`, unless escaped as `$${` / `%%{`
    if ((c === 36 || c === 37) && !(i > 1 && value.charCodeAt(i - 2) === c)) return true;
    i = value.indexOf('{', i + 1);
  }
  return false;
}

/** True when a value (or anything inside it) cannot be known at synth time. */
export function isUnknown(value: unknown): boolean {
  if (value === UNKNOWN) return true;
  if (typeof value === 'string') return isUnknownString(value);
  if (Array.isArray(value)) return value.some(isUnknown);
  if (value !== null && typeof value === 'object') return Object.values(value).some(isUnknown);
  return false;
}

/** True for a plain JSON object. */
export function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * True when `dynamic` (a block's `dynamic` key) generates blocks of type `key`. The HCL JSON syntax writes it as an
 * object of block types, or as an array of such objects; either way the blocks exist only after expansion.
 */
function isDynamic(dynamic: Json, key: string): boolean {
  if (isObject(dynamic)) return dynamic[key] !== undefined;
  return Array.isArray(dynamic) && dynamic.some((d) => isObject(d) && d[key] !== undefined);
}

/**
 * A field of a block: its value, `undefined` when not written, `UNKNOWN` when it is an interpolation or the block
 * itself is unknown. Nested objects and lists are returned as they are (use `blocks` for nested blocks).
 */
export function field(block: JsonObject | Unknown | undefined, key: string): Json | Unknown | undefined {
  if (block === undefined) return undefined;
  if (block === UNKNOWN) return UNKNOWN;
  const dynamic = block.dynamic;
  if (dynamic !== undefined && isDynamic(dynamic, key)) return UNKNOWN;
  const value = block[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string' && isUnknownString(value)) return UNKNOWN;
  return value;
}

/**
 * How a list of blocks reads: `UNKNOWN` when an element is written as an interpolation (or is garbage), `'gaps'` when
 * it has null elements, `'blocks'` when every element is a block.
 */
function listKind(list: readonly Json[]): 'blocks' | 'gaps' | Unknown {
  let kind: 'blocks' | 'gaps' = 'blocks';
  for (let i = 0; i < list.length; i++) {
    const item = list[i];
    if (isObject(item)) continue;
    if (item !== null && item !== undefined) return UNKNOWN;
    kind = 'gaps';
  }
  return kind;
}

/**
 * The nested blocks under `key`, written as an object or a list of objects; `UNKNOWN` when not knowable. A list of
 * blocks is returned as written (not copied), hence read-only.
 */
export function blocks(block: JsonObject | Unknown | undefined, key: string): readonly JsonObject[] | Unknown {
  const value = field(block, key);
  if (value === undefined) return [];
  if (value === UNKNOWN) return UNKNOWN;
  if (Array.isArray(value)) {
    const kind = listKind(value);
    return kind === 'blocks' ? value : kind === 'gaps' ? value.filter(isObject) : UNKNOWN;
  }
  if (isObject(value)) return [value];
  return UNKNOWN;
}

/**
 * The first nested block under `key` (MaxItems = 1 blocks), `undefined` when absent. Reads like `blocks(...)[0]`
 * without building the list (it runs for every block of every resource).
 */
export function firstBlock(block: JsonObject | Unknown | undefined, key: string): JsonObject | Unknown | undefined {
  const value = field(block, key);
  if (value === undefined || value === UNKNOWN) return value;
  if (Array.isArray(value)) return listKind(value) === UNKNOWN ? UNKNOWN : value.find(isObject);
  if (isObject(value)) return value;
  return UNKNOWN;
}

/** Follows a path of block keys; `undefined` when any block on the way is absent. */
export function path(block: JsonObject | Unknown | undefined, ...keys: string[]): Json | Unknown | undefined {
  let current: Json | Unknown | undefined = block;
  for (let i = 0; i < keys.length; i++) {
    if (current === undefined || current === UNKNOWN) return current;
    current = i === keys.length - 1 ? field(current, keys[i]) : firstBlock(current, keys[i]);
  }
  return current;
}
