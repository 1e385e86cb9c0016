/**
 * A folder of configuration files is one module, as Terraform loads it: every `*.tf` and `*.tf.json` file together,
 * with override files (`override.tf`, `*_override.tf` and their `.tf.json` twins) merged last into what they override.
 *
 * Source: HashiCorp, "Files and Directories" (a module is all the `.tf` and `.tf.json` files of a directory),
 * https://developer.hashicorp.com/terraform/language/files, and "Override Files"
 * (https://developer.hashicorp.com/terraform/language/files/override): an override block's arguments replace the
 * base's, a nested block in it replaces every block of that type, and an override without a base is an error.
 * @internal
 */
import { InputError } from './errors';
import { type Declaration, declaration, type ModuleCall, type ModuleContent } from './terraform-json';

/** One file of a module, read. */
export interface ModuleFile {
  readonly file: string;
  readonly content: ModuleContent;
}

/** True for Terraform's override files. */
export function isOverrideFile(file: string): boolean {
  return /(^|[\\/])(override|[^\\/]*_override)\.tf(\.json)?$/.test(file);
}

const keyOf = (d: Declaration) => `${d.mode === 'data' ? 'data.' : ''}${d.type}.${d.name}`;
const where = (file: string | undefined) => file ?? '(input)';

/** The module the files make together: declarations in file order, override files merged into their bases. */
export function mergeModule(files: readonly ModuleFile[]): ModuleContent {
  const declarations = new Map<string, Declaration>();
  const calls = new Map<string, ModuleCall>();
  const primary = files.filter((f) => !isOverrideFile(f.file));
  const overrides = files.filter((f) => isOverrideFile(f.file));
  for (const { content } of primary) {
    for (const d of content.declarations) {
      const key = keyOf(d);
      const other = declarations.get(key);
      if (other) throw new InputError(`${key} is declared twice: in ${where(other.file)} and in ${where(d.file)}`);
      declarations.set(key, d);
    }
    for (const c of content.moduleCalls) {
      const other = calls.get(c.name);
      if (other)
        throw new InputError(`module.${c.name} is declared twice: in ${where(other.file)} and in ${where(c.file)}`);
      calls.set(c.name, c);
    }
  }
  for (const { file, content } of overrides) {
    for (const d of content.declarations) {
      const key = keyOf(d);
      const base = declarations.get(key);
      if (!base) throw new InputError(`${file} overrides ${key}, which no other file of the module declares`);
      declarations.set(key, declaration(base.mode, base.type, base.name, { ...base.body, ...d.body }, base.file));
    }
    for (const c of content.moduleCalls) {
      if (!calls.has(c.name)) throw new InputError(`${file} overrides module.${c.name}, which no other file declares`);
      const base = calls.get(c.name)!;
      calls.set(c.name, { ...base, ...c, source: c.source ?? base.source, repeat: c.repeat ?? base.repeat });
    }
  }
  const comment = files.find((f) => f.content.comment !== undefined)?.content.comment;
  const providers = files.flatMap((f) => f.content.providers ?? []);
  return { declarations: [...declarations.values()], moduleCalls: [...calls.values()], providers, comment };
}
