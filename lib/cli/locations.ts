/**
 * Where a finding's resource is declared, as SARIF wants it: the file (relative to the working directory, with `/`)
 * and the line its declaration starts on, found in the file's text: `resource "TYPE" "NAME"` in HCL, the `"NAME"` key
 * after the `"TYPE"` key in Terraform JSON (cdktf's `cdk.tf.json` too), the resource's `"address"` in a plan. GitHub
 * code scanning rejects a whole SARIF log if one result has no physical location, and places a result on its line.
 */
import { relative } from 'node:path';
import type { Finding } from '../checks/types';
import type { SarifLocation } from '../checks/report';
import { readInputText } from './files';

/** A path relative to the working directory, with forward slashes, as SARIF URIs are written. */
export function relativeUri(file: string): string {
  return relative(process.cwd(), file).split('\\').join('/');
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The 1-based line of character `index` of `text`. */
function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < index; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/**
 * The line `address` (`module.app.google_x.y[0]`, `data.google_x.y`) is declared on in `text`, or undefined when it
 * cannot be found.
 */
export function declarationLine(text: string, address: string): number | undefined {
  // A plan names every resource instance by its full address.
  const planned = new RegExp(`"address"\\s*:\\s*"${escapeRegExp(address.replace(/"/g, '\\"'))}"`).exec(text);
  if (planned) return lineAt(text, planned.index);
  const parts = address.replace(/\[[^\]]*\]$/, '').split('.');
  const [type, name] = parts.slice(-2);
  if (type === undefined || name === undefined) return undefined;
  const data = parts.length >= 3 && parts[parts.length - 3] === 'data';
  const hcl = new RegExp(
    `^[ \\t]*${data ? 'data' : 'resource'}[ \\t]+"?${escapeRegExp(type)}"?[ \\t]+"?${escapeRegExp(name)}"?[ \\t]*\\{`,
    'm',
  ).exec(text);
  if (hcl) return lineAt(text, hcl.index);
  const typeKey = new RegExp(`"${escapeRegExp(type)}"\\s*:`).exec(text);
  if (!typeKey) return undefined;
  const nameKey = new RegExp(`"${escapeRegExp(name)}"\\s*:`, 'g');
  nameKey.lastIndex = typeKey.index + typeKey[0].length;
  const found = nameKey.exec(text);
  return found ? lineAt(text, found.index) : undefined;
}

/**
 * A locator for the findings of one input: the file that declares each resource (else `inputFile`), with the line
 * when it can be found; file texts are read once.
 */
export function locator(inputFile: string | undefined): (f: Finding) => SarifLocation | undefined {
  const texts = new Map<string, string | undefined>();
  const textOf = (file: string) => {
    if (!texts.has(file)) {
      let text: string | undefined;
      try {
        text = readInputText(file);
      } catch {
        text = undefined; // the line is a help, not a requirement: the file itself still locates the result
      }
      texts.set(file, text);
    }
    return texts.get(file);
  };
  return (f) => {
    const file = f.file ?? inputFile;
    if (file === undefined) return undefined;
    const text = textOf(file);
    const startLine = text === undefined ? undefined : declarationLine(text, f.address);
    return { uri: relativeUri(file), ...(startLine === undefined ? {} : { startLine }) };
  };
}
