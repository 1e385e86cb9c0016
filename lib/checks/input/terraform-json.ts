/**
 * Terraform's JSON configuration syntax, in every shape it allows, read into declarations: resources, data sources and
 * module calls, each with its body as one object.
 *
 * Source: HashiCorp, "JSON Configuration Syntax", https://developer.hashicorp.com/terraform/language/syntax/json, and
 * the HCL JSON syntax specification it defers to (hashicorp/hcl, json/spec.md): the value of a block type is an
 * object whose properties are the block's labels, or an array of such objects; a block body is an object, or an array
 * of objects each of which is one body; a property named `//` is a comment. cdktf writes objects; the HCL-to-JSON
 * converter (@cdktf/hcl2json) writes every body as an array (`"google_cloud_run_v2_service": {"api": [{...}]}`) and
 * every expression, meta-arguments included, as a `"${...}"` string (`"provider": "${google-beta}"`).
 *
 * Meta-arguments never hide a resource: a resource with `count` or `for_each` is judged once for every instance (values
 * that use `count.`/`each.` are interpolations, hence unknown), one with `count = 0` or an empty literal `for_each`
 * creates nothing, and `provider`/`depends_on` written as interpolations are read as the references they are.
 * @internal
 */
import { InputError } from './errors';
import { isObject, isUnknownString, type Json, type JsonObject } from './json';

/** How a declaration stands for several instances. */
export type Repeat = 'count' | 'for_each';

/** A resource or data source declaration. */
export interface Declaration {
  readonly mode: 'managed' | 'data';
  readonly type: string;
  readonly name: string;
  /** The body as one object (meta-arguments written as references are read as references). */
  readonly body: JsonObject;
  /** The full address when the input gives it (plan JSON: `module.app.google_x.y[0]`). */
  readonly address?: string;
  /** The file that declares it, for messages. */
  readonly file?: string;
  /** `count` or `for_each` when the declaration stands for any number of instances. */
  readonly repeat?: Repeat;
  /** False when it creates no instance (`count = 0`, an empty literal `for_each`). */
  readonly created: boolean;
}

/** A module call. */
export interface ModuleCall {
  readonly name: string;
  /** Its `source`, when written as a literal. */
  readonly source?: string;
  readonly file?: string;
  readonly repeat?: Repeat;
  readonly created: boolean;
}

/** What one configuration file (or a whole module) declares. */
export interface ModuleContent {
  readonly declarations: readonly Declaration[];
  readonly moduleCalls: readonly ModuleCall[];
  /** Provider configurations (`provider "google" { project = … }`), by provider name, aliases included. */
  readonly providers?: readonly ProviderConfig[];
  /** The top-level `//` comment object (cdktf writes stack metadata there). */
  readonly comment?: JsonObject;
}

/** One provider configuration: `provider "google" { alias = "eu", project = "p" }`. */
export interface ProviderConfig {
  readonly name: string;
  readonly body: JsonObject;
}

/**
 * The provider configurations of a `provider` section, in any shape the syntax allows: an object of names (or a list
 * of them), each a body or a list of bodies (one per alias). Anything else is left out: no rule needs more than a
 * provider's `project`, and a configuration Terraform would refuse is not this checker's to report.
 */
function readProviders(section: Json): ProviderConfig[] {
  const out: ProviderConfig[] = [];
  for (const byName of Array.isArray(section) ? section : [section]) {
    if (!isObject(byName)) continue;
    for (const name of Object.keys(byName)) {
      if (name === '//') continue;
      const bodies = byName[name];
      for (const body of Array.isArray(bodies) ? bodies : [bodies]) if (isObject(body)) out.push({ name, body });
    }
  }
  return out;
}

/** Top-level keys a Terraform JSON configuration may hold. */
const TERRAFORM_KEYS = new Set([
  'resource',
  'data',
  'ephemeral',
  'provider',
  'terraform',
  'variable',
  'output',
  'locals',
  'module',
  'moved',
  'import',
  'removed',
  'check',
]);

/** Why a JSON document is not a Terraform configuration, or `undefined` when it is one. */
export function notTerraformReason(json: unknown): string | undefined {
  if (!isObject(json))
    return `expected a JSON object, found ${Array.isArray(json) ? 'an array' : json === null ? 'null' : typeof json}`;
  const keys = Object.keys(json).filter((k) => k !== '//');
  if (keys.length === 0) return 'the JSON object is empty';
  if (!keys.some((k) => TERRAFORM_KEYS.has(k))) {
    return `none of its top-level keys (${keys.slice(0, 5).join(', ')}) is a Terraform block (resource, data, provider, terraform, ...)`;
  }
  return undefined;
}

/**
 * Calls `visit` with the labels and the body of each block under a block type's value, in every shape the syntax
 * allows: labels as object properties, any level written as an array of objects, and the body as an object or as an
 * array holding one object. Two bodies under the same labels would declare the block twice, which Terraform refuses.
 * (It runs once per resource of large stacks: the place named in messages is built only for a message.)
 */
function eachBlock(
  value: Json,
  labels: number,
  blockType: string,
  visit: (labels: readonly string[], body: JsonObject) => void,
  seen: readonly string[] = [],
): void {
  const where = () => (seen.length === 0 ? `"${blockType}"` : [blockType, ...seen].join('.'));
  if (Array.isArray(value)) {
    if (labels === 0 && value.length !== 1) {
      throw new InputError(
        value.length === 0
          ? `${where()} has an empty list where a block body belongs`
          : `${where()} is declared ${value.length} times (a list of ${value.length} bodies); declare it once`,
      );
    }
    for (let i = 0; i < value.length; i++) eachBlock(value[i], labels, blockType, visit, seen);
    return;
  }
  if (!isObject(value)) {
    const what =
      labels === 0
        ? 'a block body (an object)'
        : `an object of ${labels === 1 ? 'names' : 'types'} (or a list of them)`;
    throw new InputError(`${where()} must be ${what}, found ${value === null ? 'null' : `a ${typeof value}`}`);
  }
  if (labels === 0) {
    visit(seen, value);
    return;
  }
  const keys = Object.keys(value);
  for (let i = 0; i < keys.length; i++) {
    if (keys[i] !== '//') eachBlock(value[keys[i]], labels - 1, blockType, visit, seen.concat(keys[i]));
  }
}

/** `${name}` or `${a.b}`: a single reference, as the converter writes `provider = google-beta`. */
const REFERENCE = /^\$\{([A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)*)\}$/;

function bareReference(value: Json): Json {
  if (typeof value !== 'string') return value;
  const m = REFERENCE.exec(value);
  return m ? m[1] : value;
}

/** The body with `provider` and `depends_on` read as the references they are (copied only when that changes it). */
function normalizedBody(body: JsonObject): JsonObject {
  let out = body;
  const provider = bareReference(body.provider);
  if (provider !== body.provider) out = { ...out, provider };
  if (Array.isArray(body.depends_on)) {
    const dependsOn = body.depends_on.map(bareReference);
    if (dependsOn.some((d: Json, i: number) => d !== body.depends_on[i])) out = { ...out, depends_on: dependsOn };
  }
  return out;
}

const ONCE: { repeat?: Repeat; created: boolean } = { created: true };
const NONE: { repeat?: Repeat; created: boolean } = { created: false };
const BY_COUNT: { repeat?: Repeat; created: boolean } = { repeat: 'count', created: true };
const BY_FOR_EACH: { repeat?: Repeat; created: boolean } = { repeat: 'for_each', created: true };

/** Whether a body stands for several instances, and whether it creates any. */
export function repetition(body: JsonObject): { readonly repeat?: Repeat; readonly created: boolean } {
  const count = body.count;
  if (count !== undefined && count !== null) {
    const zero = count === 0 || (typeof count === 'string' && /^\s*0+\s*$/.test(count));
    return zero ? NONE : BY_COUNT;
  }
  const forEach = body.for_each;
  if (forEach !== undefined && forEach !== null) {
    const empty =
      (Array.isArray(forEach) && forEach.length === 0) || (isObject(forEach) && Object.keys(forEach).length === 0);
    return empty ? NONE : BY_FOR_EACH;
  }
  return ONCE;
}

/** A declaration of a body read from a file. */
export function declaration(
  mode: Declaration['mode'],
  type: string,
  name: string,
  raw: JsonObject,
  file?: string,
): Declaration {
  const body = normalizedBody(raw);
  const { repeat, created } = repetition(body);
  return { mode, type, name, body, file, repeat, created };
}

/** A module call of a body read from a file. */
export function moduleCall(name: string, body: JsonObject, file?: string): ModuleCall {
  const source = body.source;
  return {
    name,
    source: typeof source === 'string' && !isUnknownString(source) ? source : undefined,
    file,
    ...repetition(body),
  };
}

/**
 * The declarations of a `resource` or `data` section. Objects all the way down (what cdktf writes, and large stacks
 * are) take a direct path; any other shape goes through `eachBlock`.
 */
function readSection(
  section: Json,
  mode: Declaration['mode'],
  key: string,
  file: string | undefined,
  into: Declaration[],
): void {
  const visit = (labels: readonly string[], body: JsonObject) => {
    into.push(declaration(mode, labels[0], labels[1], body, file));
  };
  if (!isObject(section)) {
    eachBlock(section, 2, key, visit);
    return;
  }
  const types = Object.keys(section);
  for (let i = 0; i < types.length; i++) {
    const type = types[i];
    const byName = section[type];
    if (type === '//') continue;
    if (!isObject(byName)) {
      eachBlock(byName, 1, key, visit, [type]);
      continue;
    }
    const names = Object.keys(byName);
    for (let j = 0; j < names.length; j++) {
      const name = names[j];
      const body = byName[name];
      if (name === '//') continue;
      if (isObject(body)) into.push(declaration(mode, type, name, body, file));
      else eachBlock(body, 0, key, visit, [type, name]);
    }
  }
}

/**
 * Reads a Terraform JSON configuration (one `*.tf.json` file, a cdktf stack, or HCL converted to JSON) in any shape
 * the syntax allows. Throws `InputError` for what Terraform itself would refuse to read.
 */
export function readTerraformJson(json: unknown, file?: string): ModuleContent {
  const reason = notTerraformReason(json);
  if (reason) throw new InputError(`not a Terraform JSON configuration: ${reason}`);
  const root = json as JsonObject;
  const declarations: Declaration[] = [];
  const moduleCalls: ModuleCall[] = [];
  for (const mode of ['managed', 'data'] as const) {
    const key = mode === 'managed' ? 'resource' : 'data';
    if (root[key] !== undefined) readSection(root[key], mode, key, file, declarations);
  }
  if (root.module !== undefined) {
    eachBlock(root.module, 1, 'module', ([name], body) => {
      moduleCalls.push(moduleCall(name, body, file));
    });
  }
  const providers = readProviders(root.provider);
  const comment = root['//'];
  return { declarations, moduleCalls, providers, comment: isObject(comment) ? comment : undefined };
}
