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

/** The first place of each key in a map (later ones are not kept). */
function firstOf<V>(map: Map<string, V>, key: string, value: V): void {
  if (!map.has(key)) map.set(key, value);
}

/**
 * Where a file's declarations start, found in one pass over its text per form (a file read for SARIF has thousands of
 * findings: searching the whole text for each made a 10,000-resource check take 30 s instead of 0.6 s).
 */
class Declarations {
  /** Where each line starts, for a line number by binary search. */
  private readonly lineStarts: number[] = [0];
  /** A plan's `"address": "…"` values, unescaped. */
  private readonly planned = new Map<string, number>();
  /** HCL blocks, `resource TYPE NAME` or `data TYPE NAME`. */
  private readonly blocks = new Map<string, number>();
  /** JSON keys as written: where each `"KEY":` starts, in order, and where its first one ends. */
  private readonly keys = new Map<string, number[]>();
  private readonly firstKeyEnd = new Map<string, number>();

  constructor(text: string) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.lineStarts.push(i + 1);
    for (const m of text.matchAll(/"address"\s*:\s*"((?:[^"\\]|\\.)*)"/g)) {
      let address: string;
      try {
        address = JSON.parse(`"${m[1]}"`) as string;
      } catch {
        continue;
      }
      firstOf(this.planned, address, m.index);
    }
    for (const m of text.matchAll(/^[ \t]*(resource|data)[ \t]+"?([^"\s{]+)"?[ \t]+"?([^"\s{]+)"?[ \t]*\{/gm)) {
      firstOf(this.blocks, `${m[1]} ${m[2]} ${m[3]}`, m.index);
    }
    for (const m of text.matchAll(/"((?:[^"\\]|\\.)*)"\s*:/g)) {
      const list = this.keys.get(m[1]);
      if (list) list.push(m.index);
      else {
        this.keys.set(m[1], [m.index]);
        this.firstKeyEnd.set(m[1], m.index + m[0].length);
      }
    }
  }

  /** The 1-based line of character `index`. */
  private lineAt(index: number): number {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid] <= index) low = mid;
      else high = mid - 1;
    }
    return low + 1;
  }

  /** The line `address` is declared on: a plan's address, else the HCL block, else the name key after the type key. */
  public line(address: string): number | undefined {
    const planned = this.planned.get(address);
    if (planned !== undefined) return this.lineAt(planned);
    const parts = address.replace(/\[[^\]]*\]$/, '').split('.');
    const [type, name] = parts.slice(-2);
    if (type === undefined || name === undefined) return undefined;
    const data = parts.length >= 3 && parts[parts.length - 3] === 'data';
    const block = this.blocks.get(`${data ? 'data' : 'resource'} ${type} ${name}`);
    if (block !== undefined) return this.lineAt(block);
    const after = this.firstKeyEnd.get(type);
    const found = after === undefined ? undefined : this.keys.get(name)?.find((at) => at >= after);
    return found === undefined ? undefined : this.lineAt(found);
  }
}

/**
 * The line `address` (`module.app.google_x.y[0]`, `data.google_x.y`) is declared on in `text`, or undefined when it
 * cannot be found.
 */
export function declarationLine(text: string, address: string): number | undefined {
  return new Declarations(text).line(address);
}

/**
 * A locator for the findings of one input: the file that declares each resource (else `inputFile`), with the line
 * when it can be found; each file is read and indexed once.
 */
export function locator(inputFile: string | undefined): (f: Finding) => SarifLocation | undefined {
  const files = new Map<string, Declarations | undefined>();
  const declarationsOf = (file: string) => {
    if (!files.has(file)) {
      let found: Declarations | undefined;
      try {
        found = new Declarations(readInputText(file));
      } catch {
        found = undefined; // the line is a help, not a requirement: the file itself still locates the result
      }
      files.set(file, found);
    }
    return files.get(file);
  };
  return (f) => {
    const file = f.file ?? inputFile;
    if (file === undefined) return undefined;
    const startLine = declarationsOf(file)?.line(f.address);
    return { uri: relativeUri(file), ...(startLine === undefined ? {} : { startLine }) };
  };
}
