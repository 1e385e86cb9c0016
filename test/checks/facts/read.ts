/**
 * Reading one raw resource the way the engine does: the configuration's model, and the resource declared in it.
 */
import { TerraformModel, type TfResource } from '../../../lib/checks/model';
import { type Json, tf } from '../fixtures';

/** The resource `r` of `type` in a configuration holding `body` (plus `extra` resources), with the model read from it. */
export function declared(
  type: string,
  body: Json,
  extra: Record<string, Record<string, Json>> = {},
): { r: TfResource; model: TerraformModel } {
  const model = new TerraformModel(tf(type, body, extra));
  const r = model.byType.get(type)?.[0];
  if (!r) throw new Error(`no ${type} declared`);
  return { r, model };
}

/** The sorted unknown fact paths of a fact set. */
export const unknownOf = (set: { readonly unknown: ReadonlySet<string> }): string[] => [...set.unknown].sort();

/** A fact value without its keys set to undefined (facts write every key they read, set or not). */
export function written<T>(value: T): T {
  if (Array.isArray(value)) return value.map(written) as T;
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, written(v)]),
  ) as T;
}
