/**
 * What a path given to the command line designates, read into configurations the engine judges:
 *
 * - a `cdktf.out` directory (every `stacks/<name>/cdk.tf.json`) or one stack directory (`cdk.tf.json`);
 * - a Terraform module directory: every `*.tf` and `*.tf.json` file in it, merged into one module as Terraform does,
 *   and the modules it calls with a local source (`./…`, `../…`) followed, their resources addressed
 *   `module.<name>.<type>.<name>`; calls of registry, git or other remote modules are listed as not followed;
 * - one file: `*.tf` (HCL), `*.tf.json` or any JSON file, Terraform JSON in any shape or a plan from
 *   `terraform show -json`.
 *
 * HCL is read by HashiCorp's own parser compiled to WebAssembly (@cdktf/hcl2json), loaded only when an `.tf` file is
 * met: it costs some 250 ms and 75 MB, which JSON input and the library never pay.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import {
  callAddress,
  type Configuration,
  configurationOf,
  type ModuleInstance,
  singleModule,
} from '../checks/input/configuration';
import { InputError } from '../checks/input/errors';
import type { JsonObject } from '../checks/input/json';
import { type ModuleFile, mergeModule } from '../checks/input/module';
import { type ModuleContent, readTerraformJson } from '../checks/input/terraform-json';

import { readInputText, UsageError } from './files';

export { UsageError } from './files';

/** One configuration to check, named for reports (a stack, a module directory, a file). */
export interface Input {
  readonly name: string;
  /** The file reports point at (the stack's JSON, the file given). */
  readonly file?: string;
  readonly configuration: Configuration;
}

const HCL = /\.tf$/;
const TF_JSON = /\.tf\.json$/;
/** How deep local module calls are followed. */
const MAX_MODULE_DEPTH = 10;

const readText = readInputText;

function parseJson(file: string): unknown {
  const text = readText(file);
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${file} is not valid JSON: ${(e as Error).message}`);
  }
}

/**
 * The first diagnostic of an HCL parse failure as `file:line:col: summary; detail`, with the number of others. The
 * parser reports `parse config: [main.tf:14,12-13: Invalid expression; Expected …. main.tf:15,3-9: …]`.
 */
export function hclSyntaxError(message: string): string {
  const inner = message.replace(/^parse config: \[/, '').replace(/\]\s*$/, '');
  const diagnostics = inner.split(/ (?=\S+\.tf:\d+,\d+)/);
  const first = diagnostics[0].replace(/^(\S+\.tf):(\d+),(\d+)(-\d+(,\d+)?)?:\s*/, '$1:$2:$3: ').replace(/\s+/g, ' ');
  const more = diagnostics.length - 1;
  return `${first.trim()}${more > 0 ? ` (and ${more} more HCL error${more === 1 ? '' : 's'})` : ''}`;
}

/** An HCL file as Terraform JSON, through HashiCorp's HCL parser (loaded on first use). */
async function parseHcl(file: string): Promise<unknown> {
  const text = readText(file);
  const { parse } = await import('@cdktf/hcl2json');
  try {
    return await parse(file, text);
  } catch (e) {
    throw new UsageError(`HCL syntax error: ${hclSyntaxError((e as Error).message ?? String(e))}`);
  }
}

function read<T>(file: string, what: () => T): T {
  try {
    return what();
  } catch (e) {
    if (e instanceof InputError) throw new UsageError(`${file}: ${e.message}`);
    throw e;
  }
}

/** One configuration file, read. */
async function readModuleFile(file: string): Promise<ModuleFile> {
  const json = HCL.test(file) ? await parseHcl(file) : parseJson(file);
  // A file of comments only (an empty object once converted) is part of a module like any other.
  const empty = json !== null && typeof json === 'object' && !Array.isArray(json) && Object.keys(json).length === 0;
  return {
    file,
    content: empty ? { declarations: [], moduleCalls: [] } : read(file, () => readTerraformJson(json, file)),
  };
}

/** The configuration files of a directory, sorted (Terraform reads them all; the order only names files in messages). */
function moduleFiles(dir: string): string[] {
  // Anything so named but a folder is read, so that a pipe or a device among them is refused rather than skipped.
  return readdirSync(dir)
    .filter((name) => (HCL.test(name) || TF_JSON.test(name)) && !isFolder(join(dir, name)))
    .sort()
    .map((name) => join(dir, name));
}

/** True for a folder (a broken link is not one: reading it says why). */
function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** A local module source (`./x`, `../x`), which Terraform reads from the file system. */
function isLocalSource(source: string | undefined): source is string {
  return source !== undefined && (source.startsWith('./') || source.startsWith('../'));
}

/**
 * A module directory and the local modules it calls: one instance per call (`module.app`, `module.app.module.db`),
 * the declarations of a call with count or for_each standing for every instance of it.
 */
async function readModuleTree(dir: string): Promise<Configuration> {
  const modules: ModuleInstance[] = [];
  const moduleCalls: Array<Configuration['moduleCalls'][number]> = [];
  let rootComment: JsonObject | undefined;
  const visit = async (at: string, path: string, repeat: string | undefined, open: string[]) => {
    const files = moduleFiles(at);
    const read: ModuleFile[] = [];
    for (const file of files) read.push(await readModuleFile(file));
    let content: ModuleContent = read.length === 0 ? { declarations: [], moduleCalls: [] } : merged(at, read);
    if (repeat) {
      const r = repeat as 'count' | 'for_each';
      content = { ...content, declarations: content.declarations.map((d) => ({ ...d, repeat: d.repeat ?? r })) };
    }
    if (path === '') rootComment = content.comment;
    modules.push({ path, content });
    for (const call of content.moduleCalls) {
      const address = callAddress(path, call);
      const target = isLocalSource(call.source) ? resolve(at, call.source) : undefined;
      const follow =
        target !== undefined &&
        call.created &&
        open.length < MAX_MODULE_DEPTH &&
        !open.includes(target) &&
        existsSync(target) &&
        statSync(target).isDirectory();
      moduleCalls.push({ address, source: call.source, followed: follow });
      if (follow) await visit(target, address, call.repeat ?? repeat, [...open, target]);
    }
  };
  await visit(dir, '', undefined, [resolve(dir)]);
  return { modules, moduleCalls, deleted: [], comment: rootComment };
}

function merged(dir: string, files: readonly ModuleFile[]): ModuleContent {
  return read(dir, () => mergeModule(files));
}

/** A single file: HCL, Terraform JSON or a plan. */
async function readFile(file: string): Promise<Configuration> {
  if (HCL.test(file)) return singleModule((await readModuleFile(file)).content);
  const json = parseJson(file);
  return read(file, () => configurationOf(json, file));
}

/** The configurations a path designates. */
export async function inputsOf(path: string): Promise<Input[]> {
  if (!existsSync(path)) throw new UsageError(`no such file or directory: ${path}`);
  const stat = statSync(path);
  if (stat.isFile()) {
    return [{ name: basename(path).replace(/(\.tf)?(\.json)?$/, ''), file: path, configuration: await readFile(path) }];
  }
  if (!stat.isDirectory()) throw new UsageError(`not a file or directory: ${path}`);
  const stackFile = join(path, 'cdk.tf.json');
  if (existsSync(stackFile)) {
    return [{ name: basename(resolve(path)), file: stackFile, configuration: await readFile(stackFile) }];
  }
  const stacksDir = join(path, 'stacks');
  if (existsSync(stacksDir) && statSync(stacksDir).isDirectory()) {
    const stacks = readdirSync(stacksDir)
      .sort()
      .filter((name) => existsSync(join(stacksDir, name, 'cdk.tf.json')));
    if (stacks.length > 0) {
      const out: Input[] = [];
      for (const name of stacks) {
        const file = join(stacksDir, name, 'cdk.tf.json');
        out.push({ name, file, configuration: await readFile(file) });
      }
      return out;
    }
  }
  if (moduleFiles(path).length > 0) {
    return [{ name: basename(resolve(path)), configuration: await readModuleTree(path) }];
  }
  throw new UsageError(
    `no Terraform configuration found in ${path} (expected cdk.tf.json, stacks/*/cdk.tf.json, *.tf or *.tf.json files)`,
  );
}
