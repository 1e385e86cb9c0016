/**
 * Throwaway consumer projects for the packed tarball: the package is unpacked into `node_modules/` as npm would
 * install it (its bundled dependencies come inside it), and its peer dependencies are symlinks to this repository's
 * `node_modules/` (offline, and about 360 MB and 6 s less per install than `npm install --offline`, which also needs
 * the registry's metadata in the npm cache, absent after a plain `npm ci`).
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '..', '..');

/** The TypeScript code blocks of README.md, in order, verbatim. */
export function readmeSnippets(readme = readFileSync(join(ROOT, 'README.md'), 'utf8')): string[] {
  return [...readme.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((m) => m[1]);
}

/** The text block that follows a code block in README.md (what the code prints). */
export function outputAfter(snippet: string, readme = readFileSync(join(ROOT, 'README.md'), 'utf8')): string {
  const at = readme.indexOf(snippet);
  const block = /^```text\n([\s\S]*?)^```$/m.exec(readme.slice(at + snippet.length));
  if (at < 0 || !block) throw new Error('README.md: no ```text block after the snippet');
  return block[1];
}

/** How a consumer compiles: its tsconfig options and whether its package is ESM. */
export interface ConsumerKind {
  readonly name: string;
  readonly esm: boolean;
  readonly compilerOptions: Record<string, unknown>;
}

/** The three consumers of the issue: strict CommonJS, node16 ESM and bundler resolution, none skipping lib checks. */
export const CONSUMERS: readonly ConsumerKind[] = [
  { name: 'commonjs', esm: false, compilerOptions: { module: 'commonjs' } },
  { name: 'node16-esm', esm: true, compilerOptions: { module: 'node16', moduleResolution: 'node16' } },
  { name: 'bundler', esm: true, compilerOptions: { module: 'esnext', moduleResolution: 'bundler' } },
];

/** A directory holding the unpacked package and links to its peers, shared by every consumer below it. */
export function installTarball(tarball: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'cdktf-gcp-serverless-consumers-'));
  const modules = join(dir, 'node_modules');
  const target = join(modules, 'cdktf-gcp-serverless');
  mkdirSync(target, { recursive: true });
  execFileSync('tar', ['-xzf', tarball, '-C', target, '--strip-components', '1']);
  const pkg = JSON.parse(readFileSync(join(target, 'package.json'), 'utf8'));
  for (const name of [...Object.keys(pkg.peerDependencies ?? {}), '@types/node']) {
    mkdirSync(dirname(join(modules, name)), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules', name), join(modules, name), 'dir');
  }
  writeFileSync(join(dir, 'package.json'), '{ "private": true }\n');
  return dir;
}

/** Writes one consumer project (its files by name) under `dir` and returns its folder. */
export function writeConsumer(dir: string, kind: ConsumerKind, files: Record<string, string>): string {
  const folder = join(dir, kind.name);
  mkdirSync(folder, { recursive: true });
  writeFileSync(
    join(folder, 'package.json'),
    `${JSON.stringify({ private: true, type: kind.esm ? 'module' : 'commonjs' })}\n`,
  );
  const tsconfig = {
    compilerOptions: {
      target: 'es2022',
      strict: true,
      skipLibCheck: false,
      types: ['node'],
      outDir: 'out',
      ...kind.compilerOptions,
    },
    files: Object.keys(files).filter((f) => f.endsWith('.ts')),
  };
  writeFileSync(join(folder, 'tsconfig.json'), `${JSON.stringify(tsconfig, null, 2)}\n`);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(folder, name)), { recursive: true });
    writeFileSync(join(folder, name), text);
  }
  return folder;
}

export interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a command without throwing on a non-zero exit (several at once: consumers compile in parallel). */
export function run(file: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<Run> {
  return new Promise((done) => {
    execFile(file, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      done({ code, stdout, stderr });
    });
  });
}
