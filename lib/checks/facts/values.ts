/**
 * Readers from Terraform JSON values to fact values, keeping "unknown" distinct from "not written".
 * @internal
 */
import { parseApiDuration } from '../../core/duration';
import type { FactPath, FactSet } from '../../platform/rule';
import { isObject, type Json, type JsonObject, UNKNOWN, type Unknown } from '../model';

/** The unknown facts of a fact set that has none (most resources). */
const NONE_UNKNOWN: ReadonlySet<string> = new Set();

/** Facts under construction: every fact writable. */
export type Writable<F> = { -readonly [K in keyof F]: F[K] };

/**
 * A fact set being built from one resource. Extractors store each fact with a property of its own
 * (`b.facts.cpu = b.known('cpu', value)`), so every store is monomorphic, and the Terraform attribute behind each fact
 * comes from a table shared by every resource of the same shape; a resource records only where it differs.
 */
export class FactBuilder<F> {
  private attributes: Record<string, string>;
  private ownAttributes = false;
  /** Created on the first unknown fact. */
  private unknown?: Set<string>;

  /**
   * @param facts every fact, unset: an object literal with all of them, so storing one never reshapes the object
   * @param attributes the attribute of each fact for resources of this shape (shared, never changed)
   */
  constructor(
    public readonly facts: Writable<F>,
    attributes: Readonly<Record<string, string>>,
  ) {
    this.attributes = attributes as Record<string, string>;
  }

  /** `value`, or undefined with `path` marked unknown when it is `UNKNOWN`. */
  public known<T>(path: FactPath<F>, value: T | Unknown | undefined): T | undefined {
    if (value !== UNKNOWN) return value;
    (this.unknown ??= new Set()).add(path);
    return undefined;
  }

  /** True when `path` was marked unknown. */
  public isUnknown(path: FactPath<F>): boolean {
    return this.unknown?.has(path) ?? false;
  }

  /** The attribute `path` is read from. */
  public attributeOf(path: FactPath<F>): string {
    return this.attributes[path] ?? path;
  }

  /** Records that `path` was read from `attribute`, where that differs from the shared table. */
  public at(path: FactPath<F>, attribute: string): void {
    if (this.attributes[path] === attribute) return;
    if (!this.ownAttributes) {
      this.attributes = Object.create(this.attributes) as Record<string, string>;
      this.ownAttributes = true;
    }
    this.attributes[path] = attribute;
  }

  /** Marks fact paths unknown (a whole block, or one value inside a fact), read from `attribute`. */
  public markUnknown(attribute: string, ...paths: Array<FactPath<F>>): void {
    for (const path of paths) {
      (this.unknown ??= new Set()).add(path);
      this.at(path, attribute);
    }
  }

  public build(): FactSet<F> {
    return { facts: this.facts, unknown: this.unknown ?? NONE_UNKNOWN, attributes: this.attributes };
  }
}

/** A number written as a number or a numeric string; NaN when it is something else. */
export function toNumber(value: Json | Unknown | undefined): number | Unknown | undefined {
  if (value === undefined || value === UNKNOWN) return value;
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return Number.NaN;
}

/** A boolean written as a boolean or `"true"`/`"false"`; undefined when neither. */
export function toBoolean(value: Json | Unknown | undefined): boolean | Unknown | undefined {
  if (value === undefined || value === UNKNOWN) return value;
  if (typeof value === 'boolean') return value;
  if (value === 'true') return true;
  if (value === 'false') return false;
  return undefined;
}

/** A string value; numbers are turned into strings, objects read as undefined. */
export function toText(value: Json | Unknown | undefined): string | Unknown | undefined {
  if (value === undefined || value === UNKNOWN) return value;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** A quantity (`cpu`, `memory`, `size_limit`) read with `parse`: NaN when malformed, `UNKNOWN` when not known. */
export function toQuantity(value: unknown, parse: (q: string) => number | undefined): number | Unknown | undefined {
  const text = toText(value as Json | Unknown | undefined);
  return typeof text === 'string' ? (parse(text) ?? Number.NaN) : text;
}

/** A map attribute (labels, annotations, limits): an object, `UNKNOWN`, or undefined. */
export function toMap(value: Json | Unknown | undefined): JsonObject | Unknown | undefined {
  if (value === undefined) return undefined;
  return isObject(value) ? value : UNKNOWN;
}

/** An API duration (`"300s"`) in seconds; NaN when written but malformed. */
export function toSeconds(value: Json | Unknown | undefined): number | Unknown | undefined {
  if (value === undefined || value === UNKNOWN) return value;
  if (typeof value !== 'string') return Number.NaN;
  return parseApiDuration(value) ?? Number.NaN;
}
