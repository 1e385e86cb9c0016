/**
 * Lookups in the library's tables (flags, GPU types, instance classes, aliases) by a key that comes from input.
 * @internal
 */

/**
 * `table[key]` when `key` is one of the table's own keys, else undefined: a plain object also answers `constructor`,
 * `toString` or `__proto__` through its prototype, which no input should reach.
 */
export function ownEntry<T>(table: Readonly<Record<string, T>>, key: string | undefined): T | undefined {
  return key !== undefined && Object.hasOwn(table, key) ? table[key] : undefined;
}
