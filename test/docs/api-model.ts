/**
 * Reads the public API (everything exported from lib/index.ts) with the TypeScript compiler, for the API reference
 * (`npm run docs`) and for the test that every public prop is documented with a default.
 */
import { resolve } from 'node:path';
import ts from 'typescript';

export interface ApiMember {
  name: string;
  kind: 'property' | 'method' | 'static method' | 'constructor' | 'enum member';
  signature: string;
  optional: boolean;
  doc: string;
  defaultTag?: string;
  /** Members that only exist as plumbing (`@internal`, private) are left out. */
}

export interface ApiItem {
  name: string;
  kind: 'class' | 'interface' | 'enum' | 'function';
  doc: string;
  /** For a function: its signature. */
  signature?: string;
  /** The text of its `@deprecated` tag, when it has one. */
  deprecated?: string;
  file: string;
  members: ApiMember[];
}

function docOf(checker: ts.TypeChecker, symbol: ts.Symbol): string {
  return ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim();
}

function tag(symbol: ts.Symbol, name: string): string | undefined {
  const found = symbol.getJsDocTags().find((t) => t.name === name);
  return found ? ts.displayPartsToString(found.text).trim() : undefined;
}

function isInternal(symbol: ts.Symbol): boolean {
  return symbol.getJsDocTags().some((t) => t.name === 'internal') || symbol.name.startsWith('_');
}

/** The program and the exports of lib/index.ts. */
function entryExports(root: string): { checker: ts.TypeChecker; exports: ts.Symbol[] } {
  const entry = resolve(root, 'lib', 'index.ts');
  const program = ts.createProgram([entry], {
    strict: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
  });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(entry);
  if (!source) throw new Error(`cannot read ${entry}`);
  const moduleSymbol = checker.getSymbolAtLocation(source);
  if (!moduleSymbol) throw new Error('lib/index.ts exports nothing');
  return { checker, exports: checker.getExportsOfModule(moduleSymbol) };
}

/** The name of everything lib/index.ts exports, values and types alike. */
export function exportedNames(root = resolve(__dirname, '..', '..')): string[] {
  return entryExports(root).exports.map((e) => e.name);
}

/** Every export of the library (classes, interfaces, enums and functions), with its documented members. */
export function readApi(root = resolve(__dirname, '..', '..')): ApiItem[] {
  const { checker, exports } = entryExports(root);
  const items: ApiItem[] = [];
  for (const exported of exports) {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    const decl = symbol.declarations?.[0];
    if (!decl) continue;
    const file = decl.getSourceFile().fileName.replace(`${root}/`, '');
    const members: ApiMember[] = [];
    const str = (node: ts.Node) => node.getText().replace(/\s+/g, ' ');
    if (ts.isClassDeclaration(decl)) {
      for (const m of decl.members) {
        const isPrivate = ts.getCombinedModifierFlags(m) & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected);
        const memberSymbol = m.name ? checker.getSymbolAtLocation(m.name) : undefined;
        if (isPrivate) continue;
        if (ts.isConstructorDeclaration(m)) {
          if (ts.getCombinedModifierFlags(m) & ts.ModifierFlags.Private) continue;
          members.push({
            name: 'constructor',
            kind: 'constructor',
            signature: `new ${symbol.name}(${m.parameters.map(str).join(', ')})`,
            optional: false,
            doc: '',
          });
          continue;
        }
        if (!memberSymbol || isInternal(memberSymbol)) continue;
        const isStatic = ts.getCombinedModifierFlags(m) & ts.ModifierFlags.Static;
        if (ts.isMethodDeclaration(m)) {
          const params = m.parameters.map(str).join(', ');
          members.push({
            name: memberSymbol.name,
            kind: isStatic ? 'static method' : 'method',
            signature: `${isStatic ? `${symbol.name}.` : ''}${memberSymbol.name}(${params})${m.type ? `: ${str(m.type)}` : ''}`,
            optional: false,
            doc: docOf(checker, memberSymbol),
          });
        } else if (ts.isPropertyDeclaration(m) || ts.isGetAccessorDeclaration(m)) {
          members.push({
            name: memberSymbol.name,
            kind: 'property',
            signature: `${memberSymbol.name}: ${checker.typeToString(checker.getTypeOfSymbolAtLocation(memberSymbol, m))}`,
            optional: !!(memberSymbol.flags & ts.SymbolFlags.Optional),
            doc: docOf(checker, memberSymbol),
          });
        }
      }
      items.push({ name: symbol.name, kind: 'class', doc: docOf(checker, symbol), file, members });
    } else if (ts.isInterfaceDeclaration(decl)) {
      const type = checker.getDeclaredTypeOfSymbol(symbol);
      for (const prop of checker.getPropertiesOfType(type)) {
        const pd = prop.declarations?.[0];
        members.push({
          name: prop.name,
          kind: 'property',
          signature: `${prop.name}${prop.flags & ts.SymbolFlags.Optional ? '?' : ''}: ${pd && ts.isPropertySignature(pd) && pd.type ? str(pd.type) : checker.typeToString(checker.getTypeOfSymbol(prop))}`,
          optional: !!(prop.flags & ts.SymbolFlags.Optional),
          doc: docOf(checker, prop),
          defaultTag: tag(prop, 'default'),
        });
      }
      items.push({ name: symbol.name, kind: 'interface', doc: docOf(checker, symbol), file, members });
    } else if (ts.isVariableDeclaration(decl) || ts.isFunctionDeclaration(decl)) {
      // Functions (and functions kept as constants, such as the deprecated aliases of 0.1.0).
      const type = checker.getTypeOfSymbolAtLocation(exported, decl);
      const [call] = type.getCallSignatures();
      items.push({
        name: exported.name,
        kind: 'function',
        doc: docOf(checker, exported) || docOf(checker, symbol),
        signature: call ? `${exported.name}${checker.signatureToString(call)}` : exported.name,
        deprecated: tag(exported, 'deprecated') ?? tag(symbol, 'deprecated'),
        file,
        members,
      });
    } else if (ts.isEnumDeclaration(decl)) {
      for (const m of decl.members) {
        const ms = checker.getSymbolAtLocation(m.name);
        if (!ms) continue;
        members.push({
          name: ms.name,
          kind: 'enum member',
          signature: `${symbol.name}.${ms.name}${m.initializer ? ` = ${str(m.initializer)}` : ''}`,
          optional: false,
          doc: docOf(checker, ms),
        });
      }
      items.push({ name: symbol.name, kind: 'enum', doc: docOf(checker, symbol), file, members });
    }
  }
  return items.sort((a, b) => a.file.localeCompare(b.file) || a.name.localeCompare(b.name));
}

/** The Markdown anchor GitHub gives the heading of an item. */
function anchor(item: Pick<ApiItem, 'kind' | 'name'>): string {
  return `#${item.kind}-${item.name.toLowerCase()}`;
}

/**
 * Resolves the `{@link Name}`, `{@link Name.member}` and `{@link Name | text}` tags of a doc comment: a link to the
 * item when the package exports it, else the name as code (a prop of the same interface, say).
 */
export function resolveLinks(text: string, items: readonly ApiItem[]): string {
  const byName = new Map(items.map((i) => [i.name, i]));
  return text.replace(/\{@link\s+([^}|\s]+)\s*(?:\|\s*([^}]*?)\s*)?\}/g, (_, target: string, label?: string) => {
    const item = byName.get(target.split('.')[0]);
    const shown = label || `\`${target}\``;
    return item ? `[${shown}](${anchor(item)})` : shown;
  });
}

/** The API reference as Markdown. */
export function renderApi(items: ApiItem[]): string {
  const out: string[] = [
    '# API reference',
    '',
    'Generated from the TSDoc of `lib/` by `npm run docs`; do not edit.',
    '',
  ];
  const doc = (text: string) => resolveLinks(text, items);
  for (const item of items) {
    out.push(`## ${item.kind} \`${item.name}\``, '', `Source: \`${item.file}\``, '');
    if (item.deprecated !== undefined) out.push(`**Deprecated**: ${doc(item.deprecated)}`, '');
    if (item.signature) out.push('```ts', item.signature, '```', '');
    if (item.doc) out.push(doc(item.doc), '');
    if (item.members.length === 0) continue;
    out.push('| member | description | default |', '| --- | --- | --- |');
    for (const m of item.members) {
      const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n+/g, ' ');
      out.push(
        `| \`${cell(m.signature)}\` | ${cell(doc(m.doc))} | ${m.defaultTag !== undefined ? cell(doc(m.defaultTag)) : m.optional ? '' : item.kind === 'interface' ? '*required*' : ''} |`,
      );
    }
    out.push('');
  }
  return out.join('\n');
}
