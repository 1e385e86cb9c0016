/**
 * A read-only model of synthesized Terraform JSON (`cdk.tf.json`), as the policy checks see it.
 *
 * - Blocks may be written as an object (cdktf writes MaxItems = 1 blocks that way) or as a list of objects (HCL
 *   converters, hand-written JSON); `blocks()` and `firstBlock()` read both.
 * - Values the checker cannot know (`${var.x}`, `${google_x.y.id}`, `${upper(...)}`, cdktf token strings, dynamic
 *   blocks) read as `UNKNOWN`, so rules report "unknown" instead of guessing.
 *
 * This module (and the whole checker core) never loads cdktf or the provider: the CLI must start fast.
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
 * A field of a block: its value, `undefined` when not written, `UNKNOWN` when it is an interpolation or the block
 * itself is unknown. Nested objects and lists are returned as they are (use `blocks` for nested blocks).
 */
export function field(block: JsonObject | Unknown | undefined, key: string): Json | Unknown | undefined {
  if (block === undefined) return undefined;
  if (block === UNKNOWN) return UNKNOWN;
  const dynamic = block.dynamic;
  if (dynamic !== undefined && isObject(dynamic) && dynamic[key] !== undefined) return UNKNOWN;
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

/** One resource (or data source) of the synthesized JSON. */
export interface TfResource {
  /** Terraform type, e.g. `google_cloud_run_v2_service`. */
  readonly type: string;
  /** Terraform name (the cdktf friendly unique id). */
  readonly name: string;
  /** Terraform address: `type.name`, or `data.type.name`. */
  readonly address: string;
  /** Construct path from `"//".metadata.path`, when the JSON came from cdktf. */
  readonly constructPath?: string;
  /** The resource body as written (including the `"//"` metadata key). */
  readonly config: JsonObject;
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

  constructor(public readonly json: JsonObject) {
    this.load(json.resource, false, this.byType);
    this.load(json.data, true, this.dataByType);
  }

  private load(section: Json, data: boolean, into: Map<string, TfResource[]>): void {
    if (!isObject(section)) return;
    for (const type of Object.keys(section)) {
      const byName = section[type];
      if (!isObject(byName)) continue;
      const list: TfResource[] = [];
      const names = Object.keys(byName);
      for (let i = 0; i < names.length; i++) {
        const name = names[i];
        const config = byName[name];
        if (!isObject(config)) continue;
        const meta = config['//'];
        const metaPath = isObject(meta) && isObject(meta.metadata) ? meta.metadata.path : undefined;
        const address = data ? `data.${type}.${name}` : `${type}.${name}`;
        const resource: TfResource = {
          type,
          name,
          address,
          constructPath: typeof metaPath === 'string' ? metaPath : undefined,
          config,
        };
        list.push(resource);
        this.byAddress.set(address, resource);
      }
      into.set(type, list);
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
    return this.byAddress.get(value.slice(2, cut < 0 ? -1 : cut));
  }

  /**
   * `read(arg)`, computed once per check run for each distinct `key` (which must identify `arg`). For readings of
   * values that large stacks repeat across resources, such as a gunicorn command line or an environment variable name;
   * `read` must be a pure function, and callers must not change what it returns.
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

/** Top-level keys a Terraform JSON configuration may hold. */
const TERRAFORM_KEYS = [
  'resource',
  'data',
  'provider',
  'terraform',
  'variable',
  'output',
  'locals',
  'module',
  'moved',
  'import',
  'check',
];

/** Why a JSON document is not a Terraform configuration, or `undefined` when it is one. */
export function notTerraformReason(json: unknown): string | undefined {
  if (!isObject(json))
    return `expected a JSON object, found ${Array.isArray(json) ? 'an array' : json === null ? 'null' : typeof json}`;
  const keys = Object.keys(json).filter((k) => k !== '//');
  if (keys.length === 0) return 'the JSON object is empty';
  const known = keys.filter((k) => TERRAFORM_KEYS.includes(k));
  if (known.length === 0) {
    return `none of its top-level keys (${keys.slice(0, 5).join(', ')}) is a Terraform block (resource, data, provider, terraform, ...)`;
  }
  if (json.resource !== undefined && !isObject(json.resource)) return '"resource" must be an object of resource types';
  if (json.data !== undefined && !isObject(json.data)) return '"data" must be an object of data source types';
  return undefined;
}
