import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { run } from '../../lib/cli/main';
import { type Json, mutated, tf, v2Service } from '../checks/fixtures';

const V2 = 'google_cloud_run_v2_service';

async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

const dir = mkdtempSync(join(tmpdir(), 'checks-cli-'));
const write = (name: string, content: Json) => {
  const file = join(dir, name);
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
};
const withMeta = (body: Json) => ({ ...body, '//': { metadata: { path: 'app/api/service', uniqueId: 'api' } } });
const clean = write('clean.tf.json', tf(V2, withMeta(v2Service())));
const broken = write(
  'broken.tf.json',
  tf(V2, withMeta(mutated(v2Service, (b) => (b.template.containers[0].resources.limits.cpu = '3')))),
);
const warnOnly = write(
  'warn.tf.json',
  tf(
    V2,
    mutated(v2Service, (b) => (b.template.containers[0].image = 'gcr.io/p/app:v1')),
  ),
);
write('cdktf.out/manifest.json', { version: 'stubbed', stacks: {} });
write('cdktf.out/stacks/one/cdk.tf.json', tf(V2, withMeta(v2Service())));
write(
  'cdktf.out/stacks/two/cdk.tf.json',
  tf(
    V2,
    mutated(v2Service, (b) => (b.template.containers[0].resources.limits.cpu = '3')),
  ),
);
const badJson = write('bad.json', '{ "resource": ');
const notTf = write('not-tf.json', { name: 'my-package', version: '1.0.0' });
const emptyDir = join(dir, 'empty');
mkdirSync(emptyDir);

describe('cdktf-gcp-serverless check', () => {
  test('exit 0 and a summary on a clean file', async () => {
    const r = await cli('check', clean);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /0 errors, 0 warnings, 0 info, 0 unknown, 0 suppressed/);
    assert.equal(r.stderr, '');
  });

  test('exit 1 on an error, text grouped by resource with the fix', async () => {
    const r = await cli('check', broken);
    assert.equal(r.code, 1);
    assert.match(
      r.stdout,
      /^google_cloud_run_v2_service\.r {2}\(app\/api\/service\)\n {2}ERROR {3}GCR-CPU-VALUE: .*\n {10}fix: use 4 vCPU/m,
    );
  });

  test('--format json prints a report: the tool, the counts, what was read, and the findings', async () => {
    const r = await cli('check', broken, '--format', 'json');
    const report = JSON.parse(r.stdout);
    assert.equal(report.tool.name, 'cdktf-gcp-serverless');
    assert.equal(report.summary.errors, 1);
    assert.deepEqual(report.input.types, [V2]);
    assert.equal(report.input.resources, 1);
    const [f] = report.findings;
    assert.deepEqual(
      { ruleId: f.ruleId, level: f.level, address: f.address, constructPath: f.constructPath },
      {
        ruleId: 'GCR-CPU-VALUE',
        level: 'error',
        address: 'google_cloud_run_v2_service.r',
        constructPath: 'app/api/service',
      },
    );
    assert.match(
      f.message,
      /^\[GCR-CPU-VALUE\] google_cloud_run_v2_service\.r \(app\/api\/service\): .*Fix: use 4 vCPU\.$/,
    );
  });

  test('--format json prints one finding per line, also past one chunk of output', async () => {
    const services: Json = {};
    for (let i = 0; i < 300; i++)
      services[`s${i}`] = withMeta(mutated(v2Service, (b) => (b.template.containers[0].resources.limits.cpu = '3')));
    const r = await cli('check', write('many.tf.json', { resource: { [V2]: services } }), '--format', 'json');
    assert.ok(r.stdout.length > 64 * 1024);
    const lines = r.stdout.split('\n');
    assert.deepEqual([lines[0].startsWith('{"tool":'), lines.at(-2), lines.at(-1)], [true, ']}', '']);
    const findings = lines
      .slice(1, -2)
      .map((line, i, all) => JSON.parse(i + 1 < all.length ? line.slice(2, -1) : line.slice(2)));
    assert.deepEqual(findings, JSON.parse(r.stdout).findings);
    assert.equal(findings.length, 300);
    assert.deepEqual(JSON.parse((await cli('check', clean, '--format', 'json')).stdout).findings, []);
  });

  test('--format sarif prints a SARIF 2.1.0 log', async () => {
    const r = await cli('check', broken, '--format', 'sarif');
    const sarif = JSON.parse(r.stdout);
    assert.equal(sarif.version, '2.1.0');
    assert.equal(sarif.runs[0].results[0].ruleId, 'GCR-CPU-VALUE');
    assert.equal(r.code, 1);
  });

  test('warnings pass unless --fail-on warning', async () => {
    assert.equal((await cli('check', warnOnly)).code, 0);
    assert.equal((await cli('check', warnOnly, '--fail-on', 'warning')).code, 1);
    assert.equal((await cli('check', broken, '--fail-on', 'none')).code, 0);
  });

  test('a cdktf.out directory checks every stack; a stack directory checks one', async () => {
    const all = await cli('check', join(dir, 'cdktf.out'), '--format', 'json');
    assert.equal(all.code, 1);
    assert.deepEqual([...new Set(JSON.parse(all.stdout).findings.map((f: Json) => f.stack))], ['two']);
    assert.equal((await cli('check', join(dir, 'cdktf.out', 'stacks', 'one'))).code, 0);
  });

  test('--packs selects packs', async () => {
    const r = await cli('check', warnOnly, '--packs', 'platform', '--format', 'json', '--fail-on', 'warning');
    assert.deepEqual(JSON.parse(r.stdout).findings, []);
    assert.equal(r.code, 0);
  });

  for (const [name, argv, message] of [
    ['a missing path', ['check', join(dir, 'nope.tf.json')], /no such file or directory: .*nope\.tf\.json/],
    ['invalid JSON', ['check', badJson], /bad\.json is not valid JSON: /],
    [
      'JSON that is not Terraform',
      ['check', notTf],
      /not-tf\.json: not a Terraform JSON configuration: none of its top-level keys \(name, version\)/,
    ],
    ['a directory without Terraform', ['check', emptyDir], /no Terraform configuration found in .*empty/],
    ['no command', [], /missing command: check/],
    ['no path', ['check'], /missing <path>/],
    ['an unknown format', ['check', clean, '--format', 'xml'], /unknown --format 'xml'/],
    ['an unknown option', ['check', clean, '--colour'], /Unknown option '--colour'/],
    ['an unknown pack', ['check', clean, '--packs', 'speed'], /unknown pack 'speed'/],
  ] as const) {
    test(`exit 2 with one line for ${name}`, async () => {
      const r = await cli(...argv);
      assert.equal(r.code, 2);
      assert.match(r.stderr, message);
      assert.equal(r.stdout, '');
      assert.ok(!r.stderr.includes('    at '), 'no stack trace');
    });
  }

  test('the bin entry runs as a process (exit codes and streams)', async () => {
    const bin = join(__dirname, '..', '..', 'lib', 'cli', 'main.ts');
    const tsx = join(__dirname, '..', '..', 'node_modules', '.bin', 'tsx');
    const ok = spawnSync(tsx, [bin, 'check', clean], { encoding: 'utf8' });
    assert.equal(ok.status, 0, ok.stderr);
    const bad = spawnSync(tsx, [bin, 'check', badJson], { encoding: 'utf8' });
    assert.equal(bad.status, 2);
    assert.equal(bad.stderr.trim().split('\n').length, 1);
    const failing = spawnSync(tsx, [bin, 'check', broken, '--format', 'json'], { encoding: 'utf8' });
    assert.equal(failing.status, 1);
    assert.equal(JSON.parse(failing.stdout).findings[0].ruleId, 'GCR-CPU-VALUE');
  });
});
