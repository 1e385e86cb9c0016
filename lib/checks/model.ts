/**
 * A read-only model of one Terraform module as the policy checks see it: its resources and data sources by type and by
 * address, whatever form the configuration came in (a cdktf stack, Terraform JSON in any shape the syntax allows, HCL
 * converted to JSON, a plan; see ./input).
 *
 * - Blocks may be written as an object (cdktf writes MaxItems = 1 blocks that way) or as a list of objects (HCL
 *   converters, hand-written JSON, plans); `blocks()` and `firstBlock()` read both.
 * - Values the checker cannot know (`${var.x}`, `${google_x.y.id}`, `${upper(...)}`, cdktf token strings, dynamic
 *   blocks, values a plan knows only after apply) read as `UNKNOWN`, so rules report "unknown" instead of guessing.
 *
 * This module (and the whole checker core) never loads cdktf or the provider: the CLI must start fast.
 * @internal
 */

export {
  blocks,
  field,
  firstBlock,
  isObject,
  isUnknown,
  isUnknownString,
  type Json,
  type JsonObject,
  path,
  UNKNOWN,
  type Unknown,
} from './input/json';
export { notTerraformReason } from './input/terraform-json';

import { isObject, type JsonObject } from './input/json';
import { type ModuleContent, type ProviderConfig, type Repeat, readTerraformJson } from './input/terraform-json';

/** One resource (or data source) of the synthesized JSON. */
export interface TfResource {
  /** Terraform type, e.g. `google_cloud_run_v2_service`. */
  readonly type: string;
  /** Terraform name (the cdktf friendly unique id). */
  readonly name: string;
  /**
   * Terraform address: `type.name` or `data.type.name`, after the module path in a child module
   * (`module.app.type.name`), with the instance key in a plan (`type.name[0]`, `type.name["key"]`).
   */
  readonly address: string;
  /** Construct path from `"//".metadata.path`, when the JSON came from cdktf. */
  readonly constructPath?: string;
  /** The resource body as written (including the `"//"` metadata key). */
  readonly config: JsonObject;
  /** `count` or `for_each` when the declaration stands for any number of instances, all judged as one. */
  readonly repeat?: Repeat;
  /** The file that declares it, when known. */
  readonly file?: string;
}

/** The synthesized stack, indexed by type and address. */
export class TerraformModel {
  /** Resources by Terraform type, in file order. */
  public readonly byType = new Map<string, TfResource[]>();
  /** Data sources by Terraform type. */
  public readonly dataByType = new Map<string, TfResource[]>();
  private readonly byAddress = new Map<string, TfResource>();
  private byName?: Map<string, TfResource[]>;
  private readonly memos = new Map<(arg: never) => unknown, Map<string, unknown>>();

  /** Declarations that create no instance (`count = 0`, an empty literal `for_each`), which are not judged. */
  public readonly notCreated: string[] = [];

  /** The module's provider configurations (a plan's are not read: its resources carry their resolved values). */
  public readonly providers: readonly ProviderConfig[];

  /**
   * @param json a Terraform JSON configuration, read in any shape the syntax allows
   * @param content what the module declares, when already read (from several files, or from a plan)
   * @param modulePath the module's address prefix (`module.app`), `''` for the root module
   */
  constructor(json: JsonObject, content: ModuleContent = readTerraformJson(json), modulePath = '') {
    this.providers = content.providers ?? [];
    const declarations = content.declarations;
    for (let i = 0; i < declarations.length; i++) {
      const d = declarations[i];
      const local = d.mode === 'data' ? `data.${d.type}.${d.name}` : `${d.type}.${d.name}`;
      const address = d.address ?? (modulePath ? `${modulePath}.${local}` : local);
      if (!d.created) {
        this.notCreated.push(address);
        continue;
      }
      const meta = d.body['//'];
      const metaPath = isObject(meta) && isObject(meta.metadata) ? meta.metadata.path : undefined;
      const resource: TfResource = {
        type: d.type,
        name: d.name,
        address,
        constructPath: typeof metaPath === 'string' ? metaPath : undefined,
        config: d.body,
        repeat: d.repeat,
        file: d.file,
      };
      const into = d.mode === 'data' ? this.dataByType : this.byType;
      const list = into.get(d.type);
      if (list) list.push(resource);
      else into.set(d.type, [resource]);
      // References inside a module are relative to it; a plan gives full addresses and resolved values.
      this.byAddress.set(d.address ?? local, resource);
    }
  }

  /** Every resource (not data source). */
  public resources(): TfResource[] {
    const all: TfResource[] = [];
    for (const list of this.byType.values()) all.push(...list);
    return all;
  }

  /** A resource or data source by address (`type.name` or `data.type.name`). */
  public get(address: string): TfResource | undefined {
    return this.byAddress.get(address);
  }

  /**
   * The resource a value refers to, for a whole-value reference like `${google_cloud_run_v2_service.api.name}`
   * (or `${data.google_iam_policy.p.policy_data}`); `undefined` for anything else.
   */
  public referenced(value: unknown): TfResource | undefined {
    if (typeof value !== 'string' || !value.startsWith('${') || !value.endsWith('}')) return undefined;
    // The address is the first two dot-separated parts of the expression (three after `data`).
    const first = value.indexOf('.', 2);
    if (first < 0) return undefined;
    let cut = value.indexOf('.', first + 1);
    if (cut >= 0 && value.startsWith('${data.')) cut = value.indexOf('.', cut + 1);
    const address = value.slice(2, cut < 0 ? -1 : cut);
    // An instance of a resource with count or for_each (`google_x.y[0]`) refers to that resource.
    const bracket = address.indexOf('[');
    return this.byAddress.get(bracket < 0 ? address : address.slice(0, bracket));
  }

  /**
   * `read(arg)`, computed once per model for each distinct `key` (which must identify `arg`). For readings of
   * values that large stacks repeat across resources, such as a gunicorn command line or an environment variable name,
   * and for each resource's facts; `read` must be a pure function, and callers must not change what it returns.
   */
  public memo<A, T>(read: (arg: A) => T, key: string, arg: A): T {
    let table = this.memos.get(read);
    if (table === undefined) {
      table = new Map();
      this.memos.set(read, table);
    }
    if (table.has(key)) return table.get(key) as T;
    const value = read(arg);
    table.set(key, value);
    return value;
  }

  /** Resources of the given types whose literal `name` is `name` (to join IAM resources written with plain names). */
  public byLiteralName(types: readonly string[], name: string): TfResource[] {
    if (!this.byName) {
      const index = new Map<string, TfResource[]>();
      for (const list of this.byType.values()) {
        for (const r of list) {
          const n = r.config.name;
          if (typeof n !== 'string') continue;
          const key = `${r.type}\n${n}`;
          const same = index.get(key);
          if (same) same.push(r);
          else index.set(key, [r]);
        }
      }
      this.byName = index;
    }
    const found: TfResource[] = [];
    for (const type of types) found.push(...(this.byName.get(`${type}\n${name}`) ?? []));
    return found;
  }
}

const MODELS = new WeakMap<ModuleContent, Map<string, TerraformModel>>();

/**
 * The model of one module instance, built once for its content: the checks, the cost report and anything else that
 * reads the same configuration share its resources and the facts memoized on it.
 */
export function modelOf(instance: { readonly content: ModuleContent; readonly path: string }): TerraformModel {
  let byPath = MODELS.get(instance.content);
  if (byPath === undefined) {
    byPath = new Map();
    MODELS.set(instance.content, byPath);
  }
  let model = byPath.get(instance.path);
  if (model === undefined) {
    model = new TerraformModel({}, instance.content, instance.path);
    byPath.set(instance.path, model);
  }
  return model;
}
