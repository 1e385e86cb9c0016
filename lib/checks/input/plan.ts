/**
 * A Terraform plan as `terraform show -json <planfile>` prints it, read into declarations of what the plan will
 * create, update or keep, with their planned values.
 *
 * Source: HashiCorp, "JSON Output Format", https://developer.hashicorp.com/terraform/internals/json-format:
 * `planned_values.root_module` holds `resources[]` (`address`, `mode`, `type`, `name`, `index`, `values`) and
 * `child_modules[]` nested the same way; `resource_changes[]` holds each resource instance's `change` with `actions`,
 * `after` (the planned values, where known) and `after_unknown` (a mirror of `after` marking with `true` every value
 * known only after apply). Values known only after apply read as unknown here; instances being deleted (`actions`
 * `["delete"]`, `["forget"]`, or a `deposed` object) are not judged. The output of `terraform show -json` on a state
 * (`values.root_module`) is read the same way, without unknowns.
 * @internal
 */
import { InputError } from './errors';
import { isObject, type Json, type JsonObject } from './json';
import type { Declaration, ModuleContent } from './terraform-json';

/** How a value known only after apply is written into the planned values, so every reader sees it as unknown. */
export const KNOWN_AFTER_APPLY = '${(known after apply)}';

/** True for the output of `terraform show -json` (a plan or a state). */
export function isPlanJson(json: unknown): boolean {
  return (
    isObject(json) &&
    typeof json.format_version === 'string' &&
    (json.planned_values !== undefined || json.resource_changes !== undefined || json.values !== undefined)
  );
}

/** `value` with every path that `unknown` marks `true` replaced by the unknown marker. */
function withUnknown(value: Json, unknown: Json): Json {
  if (unknown === true) return KNOWN_AFTER_APPLY;
  if (Array.isArray(unknown)) {
    const out: Json[] = Array.isArray(value) ? value.slice() : [];
    for (let i = 0; i < unknown.length; i++) {
      if (unknown[i] !== false && unknown[i] !== null && unknown[i] !== undefined)
        out[i] = withUnknown(out[i], unknown[i]);
    }
    return out;
  }
  if (isObject(unknown)) {
    const out: JsonObject = isObject(value) ? { ...value } : {};
    for (const key of Object.keys(unknown)) out[key] = withUnknown(out[key], unknown[key]);
    return out;
  }
  return value;
}

interface PlannedResource {
  readonly address: string;
  readonly mode: string;
  readonly type: string;
  readonly name: string;
  readonly values: JsonObject;
}

/** Every resource instance of a module in the values representation, child modules included. */
function plannedResources(module: Json, into: Map<string, PlannedResource>, where: string): void {
  if (module === undefined || module === null) return;
  if (!isObject(module)) throw new InputError(`${where} must be an object`);
  const resources = module.resources ?? [];
  if (!Array.isArray(resources)) throw new InputError(`${where}.resources must be a list`);
  for (const r of resources) {
    if (!isObject(r) || typeof r.address !== 'string' || typeof r.type !== 'string' || typeof r.name !== 'string') {
      throw new InputError(`${where}.resources has an entry without address, type and name`);
    }
    into.set(r.address, {
      address: r.address,
      mode: String(r.mode ?? 'managed'),
      type: r.type,
      name: r.name,
      values: isObject(r.values) ? r.values : {},
    });
  }
  const children = module.child_modules ?? [];
  if (!Array.isArray(children)) throw new InputError(`${where}.child_modules must be a list`);
  children.forEach((child: Json, i: number) => plannedResources(child, into, `${where}.child_modules[${i}]`));
}

const GONE = new Set(['delete', 'forget']);

/** What a plan (or state) JSON will deploy; `deleted` lists the instances it removes, which are not judged. */
export function readPlanJson(json: JsonObject): ModuleContent & { readonly deleted: readonly string[] } {
  const planned = new Map<string, PlannedResource>();
  plannedResources(json.planned_values?.root_module ?? json.values?.root_module, planned, 'planned_values.root_module');
  const changes = json.resource_changes ?? [];
  if (!Array.isArray(changes)) throw new InputError('resource_changes must be a list');
  const declarations = new Map<string, Declaration>();
  const deleted: string[] = [];
  const add = (r: PlannedResource, values: JsonObject) =>
    declarations.set(r.address, {
      mode: r.mode === 'data' ? 'data' : 'managed',
      type: r.type,
      name: r.name,
      address: r.address,
      body: values,
      created: true,
    });
  for (const c of changes) {
    if (!isObject(c) || typeof c.address !== 'string' || !isObject(c.change)) {
      throw new InputError('resource_changes has an entry without address and change');
    }
    const actions: Json[] = Array.isArray(c.change.actions) ? c.change.actions : [];
    if (c.deposed !== undefined || (actions.length > 0 && actions.every((a) => GONE.has(a)))) {
      if (c.deposed === undefined) deleted.push(c.address);
      continue;
    }
    const after = isObject(c.change.after) ? c.change.after : (planned.get(c.address)?.values ?? {});
    const values = c.change.after_unknown === undefined ? after : withUnknown(after, c.change.after_unknown);
    add(
      {
        address: c.address,
        mode: String(c.mode ?? 'managed'),
        type: String(c.type ?? planned.get(c.address)?.type ?? ''),
        name: String(c.name ?? planned.get(c.address)?.name ?? ''),
        values,
      },
      values,
    );
  }
  for (const r of planned.values()) if (!declarations.has(r.address)) add(r, r.values);
  return { declarations: [...declarations.values()], moduleCalls: [], deleted };
}
