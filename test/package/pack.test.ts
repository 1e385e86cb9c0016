import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, test } from 'node:test';

const ROOT = resolve(__dirname, '..', '..');
const npm = (args: string[]) =>
  execFileSync('npm', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });

describe('the published package', () => {
  npm(['run', 'build']);
  const [pack] = JSON.parse(npm(['pack', '--dry-run', '--json']));
  const files: string[] = pack.files.map((f: { path: string }) => f.path);

  test('ships only dist/, README, LICENSE, CHANGELOG and package.json', () => {
    const stray = files.filter(
      (f) => !f.startsWith('dist/') && !['README.md', 'LICENSE', 'CHANGELOG.md', 'package.json'].includes(f),
    );
    assert.deepEqual(stray, []);
    for (const f of ['README.md', 'LICENSE', 'CHANGELOG.md', 'package.json']) assert.ok(files.includes(f), f);
  });

  test('ships JavaScript with a type declaration beside every module, and no tests', () => {
    const js = files.filter((f) => f.endsWith('.js'));
    assert.ok(js.includes('dist/index.js') && files.includes('dist/index.d.ts'));
    for (const f of js) assert.ok(files.includes(f.replace(/\.js$/, '.d.ts')), `${f} has no .d.ts`);
    assert.deepEqual(
      files.filter((f) => /test|\.ts$/.test(f) && !f.endsWith('.d.ts')),
      [],
    );
  });

  test('the command-line checker is in the package', () => {
    const bin = JSON.parse(npm(['pkg', 'get', 'bin']));
    for (const path of Object.values(bin) as string[]) assert.ok(files.includes(path.replace(/^\.\//, '')), path);
  });

  test('the compiled entry point loads without the provider package root', () => {
    const out = execFileSync(
      process.execPath,
      [
        '-e',
        "require('./dist/index.js'); console.log(Object.keys(require.cache).some((k) => /provider-google[\\\\/]lib[\\\\/]index\\.js$/.test(k)))",
      ],
      { cwd: ROOT, encoding: 'utf8' },
    );
    assert.equal(out.trim(), 'false');
  });
});
