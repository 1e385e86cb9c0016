/**
 * The package as users get it: built with jsii (which emits dist/ and the .jsii assembly, as `npm pack`'s prepack
 * does), packed once, checked by file list, by arethetypeswrong, and by three throwaway consumers that compile the
 * README's TypeScript verbatim with `skipLibCheck: false`, run it and synthesize.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { readApi } from '../docs/api-model';
import {
  CONSUMERS,
  installTarball,
  outputAfter,
  readmeSnippets,
  ROOT,
  run,
  type Run,
  writeConsumer,
} from './consumers';

const npm = (args: string[]) =>
  execFileSync('npm', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const bin = (name: string) => join(ROOT, 'node_modules', '.bin', name);

/** What the README's fragments need around them: the quick start's imports, an app, a stack and a provider. */
function fragmentsProgram(fragments: string[], exported: readonly string[], providerImport: string): string {
  const body = fragments.join('\n');
  const used = exported.filter((name) => new RegExp(`\\b${name}\\b`).test(body));
  return [
    "import { App, TerraformStack } from 'cdktf';",
    providerImport,
    `import { ${used.join(', ')} } from 'cdktf-gcp-serverless';`,
    '',
    'const app = new App();',
    "const stack = new TerraformStack(app, 'docs');",
    "new GoogleProvider(stack, 'google', { project: 'my-project' });",
    '',
    body,
    'app.synth();',
    '',
  ].join('\n');
}

/** An app.yaml for the README's `fromAppYaml` snippet (the README names the file, the test writes it). */
const REPORTS_APP_YAML = 'runtime: python312\ninstance_class: B2\nbasic_scaling:\n  max_instances: 2\n';

describe('the published package', () => {
  const work = mkdtempSync(join(tmpdir(), 'cdktf-gcp-serverless-pack-'));
  let files: string[] = [];
  let bundled: string[] = [];
  let tarball = '';
  let pkg: any;

  before(() => {
    npm(['run', 'jsii']);
    npm(['run', 'bundle']);
    const [packed] = JSON.parse(npm(['pack', '--ignore-scripts', '--json', '--pack-destination', work]));
    files = packed.files.map((f: { path: string }) => f.path);
    bundled = packed.bundled;
    tarball = join(work, packed.filename);
    pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  test('ships dist/, the jsii assembly, its bundled dependencies, README, LICENSE, CHANGELOG and package.json', () => {
    // jsii wants every dependency that is not a jsii module bundled; npm bundles their own dependencies with them.
    assert.deepEqual([...pkg.bundledDependencies].sort(), Object.keys(pkg.dependencies).sort());
    for (const b of pkg.bundledDependencies) assert.ok(bundled.includes(b), b);
    const stray = files.filter(
      (f) =>
        !f.startsWith('dist/') &&
        !bundled.some((b) => f.startsWith(`node_modules/${b}/`)) &&
        !['.jsii', 'README.md', 'LICENSE', 'CHANGELOG.md', 'package.json'].includes(f),
    );
    assert.deepEqual(stray, []);
    for (const f of ['.jsii', 'README.md', 'LICENSE', 'CHANGELOG.md', 'package.json']) assert.ok(files.includes(f), f);
  });

  test('ships JavaScript with a type declaration beside every module, and no tests or generated packages', () => {
    const ours = files.filter((f) => f.startsWith('dist/'));
    const js = ours.filter((f) => f.endsWith('.js'));
    assert.ok(js.includes('dist/index.js') && ours.includes('dist/index.d.ts'));
    for (const f of js) assert.ok(ours.includes(f.replace(/\.js$/, '.d.ts')), `${f} has no .d.ts`);
    assert.deepEqual(
      ours.filter((f) => /test|packages\/|\.ts$/.test(f) && !f.endsWith('.d.ts')),
      [],
    );
  });

  test('ships two self-contained bundles: the library and the command line each load no other file of the package', () => {
    assert.deepEqual(files.filter((f) => f.startsWith('dist/') && f.endsWith('.js')).sort(), [
      'dist/cli/main.js',
      'dist/index.js',
    ]);
    for (const entry of ['./dist/index.js', './dist/cli/main.js']) {
      const out = execFileSync(
        process.execPath,
        [
          '-e',
          `require(${JSON.stringify(entry)}); console.log(JSON.stringify(Object.keys(require.cache).filter((k) => k.startsWith(${JSON.stringify(ROOT)}) && !k.includes('node_modules'))))`,
        ],
        { cwd: ROOT, encoding: 'utf8' },
      );
      assert.deepEqual(JSON.parse(out), [join(ROOT, entry)], entry);
    }
  });

  test('the command-line checker is in the package', () => {
    for (const path of Object.values(pkg.bin) as string[]) assert.ok(files.includes(path.replace(/^\.\//, '')), path);
  });

  test('the exports map gives types first for require and import, and keeps package.json reachable', () => {
    assert.deepEqual(Object.keys(pkg.exports['.']), ['types', 'default']);
    assert.equal(pkg.exports['.'].types, `./${pkg.types}`);
    assert.equal(pkg.exports['.'].default, `./${pkg.main}`);
    assert.equal(pkg.exports['./package.json'], './package.json');
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

  test('the jsii assembly holds every class, interface and enum the package exports', () => {
    const assembly = JSON.parse(readFileSync(join(ROOT, '.jsii'), 'utf8'));
    const inAssembly = Object.keys(assembly.types)
      .map((fqn) => fqn.replace(`${pkg.name}.`, ''))
      .sort();
    // jsii drops functions (Python reaches them as the static methods of PolicyChecks).
    const types = readApi().filter((i) => i.kind !== 'function');
    assert.deepEqual(inAssembly, types.map((i) => i.name).sort());
    const statics = (name: string) =>
      (assembly.types[`${pkg.name}.${name}`].methods ?? []).filter((m: any) => m.static).map((m: any) => m.name);
    for (const m of ['applyTo', 'checkStack', 'checkTerraform', 'ruleInfos', 'sarifReport', 'summary'])
      assert.ok(statics('PolicyChecks').includes(m), m);
    assert.deepEqual(statics('Errors').sort(), ['isCheckInputError', 'isValidationError']);
  });

  test('arethetypeswrong finds no problem in the tarball, offline', () => {
    const out = execFileSync(bin('attw'), ['--format', 'json', tarball], { encoding: 'utf8' });
    const analysis = JSON.parse(out).analysis;
    assert.deepEqual(analysis.problems, []);
    assert.deepEqual(Object.keys(analysis.entrypoints).sort(), ['.', './package.json']);
  });

  describe('consumers compile and run the README from the tarball, with skipLibCheck off', () => {
    const snippets = readmeSnippets();
    const quickStart = snippets.find((s) => s.includes('app.synth()'));
    const fragments = snippets.filter((s) => s !== quickStart);
    let dir = '';
    let exported: string[] = [];
    const results = new Map<string, { compile: Run; quick?: Run; fragments?: Run; folder: string }>();

    before(async () => {
      dir = installTarball(tarball);
      exported = Object.keys(require(join(dir, 'node_modules', 'cdktf-gcp-serverless')));
      const tsc = bin('tsc');
      await Promise.all(
        CONSUMERS.map(async (kind) => {
          const providerImport = quickStart!.split('\n').find((l) => l.includes('GoogleProvider'))!;
          const folder = writeConsumer(dir, kind, {
            'quick-start.ts': quickStart!,
            'fragments.ts': fragmentsProgram(fragments, exported, providerImport),
            'reports/app.yaml': REPORTS_APP_YAML,
          });
          const compile = await run(tsc, ['-p', '.'], folder);
          results.set(kind.name, { compile, folder });
        }),
      );
      for (const kind of CONSUMERS) {
        const r = results.get(kind.name)!;
        if (r.compile.code !== 0) continue;
        const env = { ...process.env, CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS: undefined };
        r.quick = await run(process.execPath, ['out/quick-start.js'], r.folder, env);
        r.fragments = await run(process.execPath, ['out/fragments.js'], r.folder, env);
      }
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    test('the README has a complete quick start and fragments to compile', () => {
      assert.ok(quickStart && quickStart.includes('new App(') && quickStart.includes("from 'cdktf-gcp-serverless'"));
      assert.ok(fragments.length >= 4, `${fragments.length} fragments`);
    });

    for (const kind of CONSUMERS) {
      test(`${kind.name}: compiles with tsc (strict, skipLibCheck: false)`, () => {
        const { compile } = results.get(kind.name)!;
        assert.equal(compile.code, 0, compile.stdout + compile.stderr);
      });

      test(`${kind.name}: the quick start synthesizes and prints the summary the README shows`, () => {
        const r = results.get(kind.name)!;
        assert.ok(r.quick, 'not compiled');
        assert.equal(r.quick.code, 0, r.quick.stderr);
        assert.equal(r.quick.stdout, outputAfter(quickStart!));
        const json = JSON.parse(readFileSync(join(r.folder, 'cdktf.out', 'stacks', 'prod', 'cdk.tf.json'), 'utf8'));
        const services: any[] = Object.values(json.resource.google_cloud_run_v2_service);
        assert.deepEqual(
          services.map((r) => r.name),
          ['api'],
        );
        // The comment beside the server profile is the command it writes.
        const comment = /server: Gunicorn\.wsgi\(.*\/\/ (.*)$/m.exec(quickStart!)?.[1];
        const container = services[0].template.containers[0];
        assert.equal([...container.command, ...container.args].join(' '), comment);
      });

      test(`${kind.name}: the fragments run together, and FailOn.WARNING fails their synth: each problem once, no trace`, () => {
        const r = results.get(kind.name)!;
        assert.ok(r.fragments, 'not compiled');
        assert.notEqual(r.fragments.code, 0, 'the README sets failOn: FailOn.WARNING; its fragments have warnings');
        const err = r.fragments.stderr;
        const count = /Stack 'docs' has (\d+) problems?:/.exec(err);
        assert.ok(count, err);
        const lines = err.split('\n').filter((l) => l.startsWith('  - ['));
        assert.equal(lines.length, Number(count[1]), err);
        assert.equal(new Set(lines).size, lines.length, err);
        assert.deepEqual(
          err.split('\n').filter((l) => /^\s+at /.test(l)),
          [],
          'no stack frame',
        );
        assert.ok(!/problems: \[|constructPath:/.test(err), 'the problems are not printed a second time');
      });
    }

    test('every consumer synthesizes the same Terraform JSON', () => {
      const read = (kind: string, stack: string) =>
        readFileSync(join(results.get(kind)!.folder, 'cdktf.out', 'stacks', stack, 'cdk.tf.json'), 'utf8').replace(
          /"path": "[^"]*terraform\.[^"]*\.tfstate"/g,
          '"path": "<state>"',
        );
      for (const kind of CONSUMERS.slice(1)) assert.equal(read(kind.name, 'prod'), read(CONSUMERS[0].name, 'prod'));
    });
  });
});
