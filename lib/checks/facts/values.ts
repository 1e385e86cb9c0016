/**
 * Readers from Terraform JSON values to fact values, keeping "unknown" distinct from "not written".
 * @internal
 */
import { parseApiDuration } from '../../core/duration';
import type { FactPath, FactSet } from '../../platform/rule';
import { isObject, type Json, type JsonObject, UNKNOWN, type Unknown } from '../model';

/** The unknown facts of a fact set that has none (most resources). */
const NONE_UNKNOWN: ReadonlySet<string> = new Set();

/** A fact set being built: facts, the facts that are unknown, and the Terraform attribute behind each fact. */
export class FactBuilder<F> {
  public readonly facts: Partial<Record<keyof F & string, unknown>> = {};
  public readonly attributes: Record<string, string> = {};
  /** Created on the first unknown fact. */
  private unknown?: Set<string>;

  /** Records a fact read from `attribute`; `UNKNOWN` marks it unknown, `undefined` leaves it unset. */
  public set<K extends keyof F & string>(fact: K, attribute: string, value: F[K] | Unknown | undefined): void {
    this.attributes[fact] = attribute;
    if (value === UNKNOWN) {
      this.unknown ??= new Set();
      this.unknown.add(fact);
    } else if (value !== undefined) this.facts[fact] = value;
  }

  /** Marks fact paths unknown (a whole block, or one value inside a fact), read from `attribute`. */
  public markUnknown(attribute: string, ...paths: Array<FactPath<F>>): void {
    this.unknown ??= new Set();
    for (const path of paths) {
      this.unknown.add(path);
      this.attributes[path] ??= attribute;
    }
  }

  public build(): FactSet<F> {
    return { facts: this.facts as F, unknown: this.unknown ?? NONE_UNKNOWN, attributes: this.attributes };
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

/** A map attribute (labels, annotations, limits): an object, `UNKNOWN`, or undefined. */
export function toMap(value: Json | Unknown | undefined): JsonObject | Unknown | undefined {
  if (value === undefined || value === UNKNOWN) return value;
  return isObject(value) ? value : UNKNOWN;
}

/** An API duration (`"300s"`) in seconds; NaN when written but malformed. */
export function toSeconds(value: Json | Unknown | undefined): number | Unknown | undefined {
  if (value === undefined || value === UNKNOWN) return value;
  if (typeof value !== 'string') return Number.NaN;
  return parseApiDuration(value) ?? Number.NaN;
}
