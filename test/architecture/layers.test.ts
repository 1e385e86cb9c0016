/**
 * The shape of lib/: which folder may import which, no import cycle, and no logic that reads a rule id's spelling or
 * leans on sources outside the repository.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, test } from 'node:test';

const ROOT = resolve(__dirname, '..', '..');
const LIB = join(ROOT, 'lib');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });
}

interface Import {
  readonly target: string;
  /** False for `import type` / `export type` (and imports of types only): erased at run time. */
  readonly runtime: boolean;
}

/** The lib/ modules a module imports (paths relative to lib/, without `.ts`). */
function importsOf(file: string): Import[] {
  const text = readFileSync(file, 'utf8');
  const found: Import[] = [];
  const statement = /^(import|export)\s+(type\s+)?([^;]*?)\s+from\s+'(\.[^']+)';/gms;
  for (const m of text.matchAll(statement)) {
    const names = m[3];
    const typeOnly =
      m[2] !== undefined || (/^\{[^}]*\}$/s.test(names.trim()) && /^\{\s*(type\s+\w+\s*,?\s*)+\}$/s.test(names.trim()));
    const base = resolve(dirname(file), m[4]);
    const path = existsSync(`${base}.ts`) ? `${base}.ts` : join(base, 'index.ts');
    assert.ok(existsSync(path), `${relative(ROOT, file)} imports ${m[4]}, which does not exist`);
    found.push({ target: moduleOf(path), runtime: !typeOnly });
  }
  // Side-effect imports and require() calls of our own modules load them too.
  for (const m of text.matchAll(/^import\s+'(\.[^']+)';|\brequire\('(\.[^']+)'\)/gm)) {
    const base = resolve(dirname(file), m[1] ?? m[2]);
    found.push({ target: moduleOf(existsSync(`${base}.ts`) ? `${base}.ts` : join(base, 'index.ts')), runtime: true });
  }
  return found;
}

const moduleOf = (path: string) => relative(LIB, path).replace(/\.ts$/, '');
const folderOf = (module: string) => (module.includes('/') ? module.slice(0, module.indexOf('/')) : '.');

const MODULES = new Map(files(LIB).map((f) => [moduleOf(f), importsOf(f)]));

/** Every module `from` loads at run time, itself included. */
function runtimeClosure(from: string): Set<string> {
  const seen = new Set<string>();
  const visit = (m: string) => {
    if (seen.has(m)) return;
    seen.add(m);
    for (const i of MODULES.get(m) ?? []) if (i.runtime) visit(i.target);
  };
  visit(from);
  return seen;
}

describe('the layers of lib/', () => {
  test('no import cycle (type-only imports included)', () => {
    const state = new Map<string, 'visiting' | 'done'>();
    const cycles: string[] = [];
    const visit = (m: string, path: string[]) => {
      if (state.get(m) === 'done') return;
      if (state.get(m) === 'visiting') {
        cycles.push([...path.slice(path.indexOf(m)), m].join(' → '));
        return;
      }
      state.set(m, 'visiting');
      for (const i of MODULES.get(m) ?? []) visit(i.target, [...path, m]);
      state.set(m, 'done');
    };
    for (const m of MODULES.keys()) visit(m, []);
    assert.deepEqual(cycles, []);
  });

  test('platform/ imports only core/ and itself: facts and rules are pure', () => {
    const bad = [...MODULES]
      .filter(([m]) => folderOf(m) === 'platform')
      .flatMap(([m, imports]) =>
        imports.filter((i) => !['core', 'platform'].includes(folderOf(i.target))).map((i) => `${m} → ${i.target}`),
      );
    assert.deepEqual(bad, []);
    for (const m of MODULES.keys()) {
      if (folderOf(m) !== 'platform') continue;
      const loaded = [...runtimeClosure(m)].filter((l) => folderOf(l) === 'private');
      assert.deepEqual(loaded, [], `${m} loads cdktf or the provider`);
    }
  });

  test('constructs never import checks/', () => {
    const bad = [...MODULES]
      .filter(([m]) => ['cloud-run', 'app-engine'].includes(folderOf(m)))
      .flatMap(([m, imports]) =>
        imports.filter((i) => folderOf(i.target) === 'checks').map((i) => `${m} → ${i.target}`),
      );
    assert.deepEqual(bad, []);
  });

  test('the command-line checker loads neither cdktf, the provider nor a construct', () => {
    const loaded = [...runtimeClosure('cli/main')].filter((m) =>
      ['private', 'cloud-run', 'app-engine'].includes(folderOf(m)),
    );
    assert.deepEqual(loaded, []);
  });
});

describe('what lib/ says', () => {
  const sources = [...MODULES.keys()].map((m) => ({ m, text: readFileSync(join(LIB, `${m}.ts`), 'utf8') }));

  test('no logic reads the spelling of a rule id', () => {
    const parsing = [
      /\b(id|ruleId)\s*\.\s*(includes|startsWith|endsWith|split|match|slice|indexOf|replace|toLowerCase)\(/,
      /\.(includes|startsWith|endsWith)\(\s*['"`](GCR|GAE|CHECKS)/,
    ];
    const bad = sources.flatMap(({ m, text }) =>
      text
        .split('\n')
        .flatMap((line, i) => (parsing.some((p) => p.test(line)) ? [`${m}:${i + 1}: ${line.trim()}`] : [])),
    );
    assert.deepEqual(bad, []);
  });

  test('sources are public (page titles, URLs, project files), never the research notes or their ids', () => {
    const research = /\b[DX]-[0-9]+\b|shared\/reference|platform-constraints|\bGAE-(HIM|LOC|STD)\b|\bGCP-FREE\b/;
    const bad = sources.flatMap(({ m, text }) =>
      text.split('\n').flatMap((line, i) => (research.test(line) ? [`${m}:${i + 1}: ${line.trim()}`] : [])),
    );
    assert.deepEqual(bad, []);
  });

  test('no comment of another linter', () => {
    const all = ['lib', 'test', 'examples'].flatMap((d) => files(join(ROOT, d)));
    assert.deepEqual(
      all.filter((f) => readFileSync(f, 'utf8').includes(['biome', 'ignore'].join('-'))).map((f) => relative(ROOT, f)),
      [],
    );
  });
});
