import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { Testing } from 'cdktf';
import { buildExamples } from '../../examples/main';
import { PolicyChecks } from '../../lib';
import { run } from '../../lib/cli/main';
import { DIGEST, type Json, mutated, tf, v2Service } from '../checks/fixtures';
import { plan } from '../checks/shapes';
import { generateStack } from '../bench/generate';

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
      /^google_cloud_run_v2_service\.r {2}\(app\/api\/service\)\n {2}ERROR {3}GCR-CPU-VALUE: .*\n {10}fix: use 2 or 4 vCPU$/m,
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
      /^\[GCR-CPU-VALUE\] google_cloud_run_v2_service\.r \(app\/api\/service\): .*Fix: use 2 or 4 vCPU\.$/,
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

  test('every SARIF result has a physical location: the file declaring its resource, and its line', async () => {
    // GitHub code scanning rejects a whole log when one result has only logical locations (a folder input had none).
    const module = join(dir, 'sarif-module');
    write(
      'sarif-module/main.tf',
      [
        'provider "google" {',
        '  project = "p"',
        '}',
        '',
        'resource "google_cloud_run_v2_service" "api" {',
        '  name     = "api"',
        '  location = "europe-west1"',
        '  template {',
        '    containers {',
        '      image = "gcr.io/p/app:latest"',
        '      resources {',
        '        limits = { cpu = "3", memory = "512Mi" }',
        '      }',
        '    }',
        '  }',
        '}',
      ].join('\n'),
    );
    write(
      'sarif-module/jobs.tf',
      '\nresource "google_cloud_run_v2_job" "nightly" {\n  name = "nightly"\n  location = "europe-west1"\n  template {\n    template {\n      containers {\n        image = "gcr.io/p/job:latest"\n      }\n    }\n  }\n}\n',
    );
    const results = JSON.parse((await cli('check', module, '--format', 'sarif')).stdout).runs[0].results;
    assert.ok(results.length > 2);
    const where = (r: {
      locations: Array<{ physicalLocation?: { artifactLocation: { uri: string }; region?: { startLine: number } } }>;
    }) => r.locations[0].physicalLocation;
    for (const r of results) assert.ok(where(r), JSON.stringify(r));
    const cpu = results.find((r: { ruleId: string }) => r.ruleId === 'GCR-CPU-VALUE');
    assert.match(where(cpu)!.artifactLocation.uri, /(^|\/)sarif-module\/main\.tf$/);
    assert.equal(where(cpu)!.region?.startLine, 5);
    const job = results.find((r: { message: { text: string } }) =>
      r.message.text.includes('google_cloud_run_v2_job.nightly'),
    );
    assert.match(where(job)!.artifactLocation.uri, /sarif-module\/jobs\.tf$/);
    assert.equal(where(job)!.region?.startLine, 2);
    // The JSON report names the file too.
    const json = JSON.parse((await cli('check', module, '--format', 'json')).stdout);
    assert.ok(json.findings.every((f: { file?: string }) => /sarif-module\/(main|jobs)\.tf$/.test(f.file ?? '')));
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
  ] as const) {
    test(`exit 2 with one line for ${name}`, async () => {
      const r = await cli(...argv);
      assert.equal(r.code, 2);
      assert.match(r.stderr, message);
      assert.equal(r.stderr.trim().split('\n').length, 1, 'an input error is not a usage error');
      assert.equal(r.stdout, '');
      assert.ok(!r.stderr.includes('    at '), 'no stack trace');
    });
  }

  // Every argument the command does not take is said the same way: one line (with the accepted values), then the
  // usage line, exit code 2.
  for (const [name, argv, message] of [
    ['no command', [], /^cdktf-gcp-serverless: missing command: check or migrate$/],
    ['an unknown command', ['chek', clean], /^cdktf-gcp-serverless: unknown command 'chek' \(use check or migrate\)$/],
    ['no path', ['check'], /^cdktf-gcp-serverless: missing <path>/],
    ['a second path', ['check', clean, broken], /^cdktf-gcp-serverless: unexpected argument '.*broken\.tf\.json'$/],
    [
      'an unknown format',
      ['check', clean, '--format', 'xml'],
      /^cdktf-gcp-serverless: unknown --format 'xml' \(use text, json or sarif\)$/,
    ],
    [
      'a format only --compare takes',
      ['check', clean, '--format', 'markdown'],
      /^cdktf-gcp-serverless: --format markdown is the report of --compare <base>: add --compare, or use text, json or sarif$/,
    ],
    [
      'sarif with --compare',
      ['check', clean, '--compare', clean, '--format', 'sarif'],
      /^cdktf-gcp-serverless: --compare reports in text, json or markdown, not sarif$/,
    ],
    [
      'an unknown --fail-on',
      ['check', clean, '--fail-on', 'warnings'],
      /^cdktf-gcp-serverless: unknown --fail-on 'warnings' \(use error, warning or none\)$/,
    ],
    [
      'an unknown pack',
      ['check', clean, '--packs', 'platform,speed'],
      /^cdktf-gcp-serverless: unknown pack 'speed' \(use platform, security or cost\)$/,
    ],
    ['a budget that is not an amount', ['check', clean, '--budget', 'lots'], /^cdktf-gcp-serverless: --budget 'lots'/],
    ['an unknown option', ['check', clean, '--colour'], /^cdktf-gcp-serverless: Unknown option '--colour'/],
  ] as const) {
    test(`exit 2, the reason and the usage line for ${name}`, async () => {
      const r = await cli(...argv);
      assert.equal(r.code, 2);
      assert.equal(r.stdout, '');
      const lines = r.stderr.trim().split('\n');
      assert.equal(lines.length, 2, r.stderr);
      assert.match(lines[0], message);
      assert.match(lines[1], /^Usage: cdktf-gcp-serverless check <path> \[--format text\|json\|sarif\|markdown\]/);
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

  test('a reader that stops early (| head) ends the output quietly: no EPIPE stack trace, the exit code is the check', async () => {
    const bin = join(__dirname, '..', '..', 'lib', 'cli', 'main.ts');
    const tsx = join(__dirname, '..', '..', 'node_modules', '.bin', 'tsx');
    // Far more output than a pipe buffers (64 KiB): 2,000 resources give megabytes of findings.
    const big = write('big/cdk.tf.json', generateStack(2000) as Json);
    const child = spawn(tsx, [bin, 'check', big, '--format', 'json'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((done) => child.on('close', done));
    assert.equal(stderr, '');
    assert.equal(code, 1); // the generated stack has error-level findings
  });
});

describe('what the command line reads', () => {
  const hcl = (name: string, text: string) => write(name, text);
  const SERVICE_TF = `
resource "google_cloud_run_v2_service" "api" {
  name     = "api"
  location = "europe-west1"
  template {
    service_account = "api@p.iam.gserviceaccount.com"
    scaling {
      max_instance_count = 5
    }
    containers {
      image = "${DIGEST}"
      resources {
        limits   = { cpu = "1", memory = "512Mi" }
        cpu_idle = true
      }
    }
  }
}
`;
  const IAM_TF = `
resource "google_cloud_run_v2_service_iam_member" "public" {
  name   = google_cloud_run_v2_service.api.name
  role   = "roles/run.invoker"
  member = "allUsers"
}
`;

  test('a folder of .tf files is one module: a public invoker in iam.tf is judged against the service in main.tf', async () => {
    hcl('tf-folder/main.tf', SERVICE_TF);
    hcl('tf-folder/iam.tf', IAM_TF);
    const r = await cli('check', join(dir, 'tf-folder'), '--format', 'json', '--fail-on', 'warning');
    assert.equal(r.code, 1, r.stderr);
    const report = JSON.parse(r.stdout);
    const invoker = report.findings.find((f: Json) => f.ruleId === 'GCR-PUBLIC-INVOKER');
    // A warning (not information): the ingress, read from main.tf, is open to all.
    assert.deepEqual([invoker.status, invoker.level], ['fail', 'warning']);
    assert.equal(report.input.resources, 2);
  });

  test('the text report starts with what was checked', async () => {
    hcl('tf-summary/main.tf', SERVICE_TF);
    hcl('tf-summary/sa.tf', 'resource "google_service_account" "sa" {\n  account_id = "api"\n}\n');
    hcl('tf-summary/db.tf', 'module "db" {\n  source = "terraform-google-modules/sql-db/google"\n}\n');
    const r = await cli('check', join(dir, 'tf-summary'));
    assert.equal(
      r.stdout.split('\n')[0],
      '1 resource of 1 type checked; 1 resource of other types skipped (google_service_account); 1 module call not followed (module.db = terraform-google-modules/sql-db/google)',
    );
  });

  test('a local module is followed: its resources carry the module path', async () => {
    hcl('tf-root/main.tf', 'module "app" {\n  source = "./modules/app"\n  count  = var.enabled ? 1 : 0\n}\n');
    hcl(
      'tf-root/modules/app/main.tf',
      SERVICE_TF.replace('cpu = "1", memory = "512Mi"', 'cpu = "3", memory = "512Mi"'),
    );
    const r = await cli('check', join(dir, 'tf-root'), '--format', 'json');
    const report = JSON.parse(r.stdout);
    const cpu = report.findings.find((f: Json) => f.ruleId === 'GCR-CPU-VALUE');
    assert.equal(cpu.address, 'module.app.google_cloud_run_v2_service.api');
    assert.match(cpu.message, /every instance of its count/);
    assert.deepEqual(report.input.moduleCalls, [{ address: 'module.app', source: './modules/app', followed: true }]);
  });

  test('no resource the checks judge is exit 2 with the reason, never a clean pass', async () => {
    hcl('tf-none/main.tf', 'module "run" {\n  source = "GoogleCloudPlatform/cloud-run/google"\n}\n');
    const r = await cli('check', join(dir, 'tf-none'));
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.match(
      r.stderr,
      /^cdktf-gcp-serverless: no google_cloud_run_\* or google_app_engine_\* resource found in .*tf-none: 0 resources of 0 types checked; 1 module call not followed \(module\.run = GoogleCloudPlatform\/cloud-run\/google\)\n$/,
    );
  });

  test('an HCL syntax error is one line with file:line:col', async () => {
    const bad = hcl('bad-hcl/main.tf', 'resource "google_cloud_run_v2_service" "api" {\n  name = \n}\n');
    const r = await cli('check', bad);
    assert.equal(r.code, 2);
    assert.equal(r.stderr.trim().split('\n').length, 1);
    assert.match(r.stderr, /HCL syntax error: .*bad-hcl\/main\.tf:2:\d+: Invalid expression/);
  });

  test('the same resource in two files is exit 2 naming both files', async () => {
    hcl('tf-dup/a.tf', SERVICE_TF);
    write('tf-dup/b.tf.json', { resource: { google_cloud_run_v2_service: { api: v2Service() } } });
    const r = await cli('check', join(dir, 'tf-dup'));
    assert.equal(r.code, 2);
    assert.match(r.stderr, /google_cloud_run_v2_service\.api is declared twice: in .*a\.tf and in .*b\.tf\.json/);
  });

  test('a plan from terraform show -json: planned values, child modules with full addresses', async () => {
    const r = await cli('check', write('plan.json', plan()), '--format', 'json');
    assert.equal(r.code, 1);
    const report = JSON.parse(r.stdout);
    const cpu = report.findings.filter((f: Json) => f.ruleId === 'GCR-CPU-VALUE');
    assert.deepEqual(cpu.map((f: Json) => `${f.address} ${f.status}`).sort(), [
      `${V2}.api fail`,
      `module.run.${V2}.svc[0] unknown`,
    ]);
    assert.deepEqual(report.input.deleted, [`${V2}.old`]);
  });

  test('SARIF carries what was checked in the run properties', async () => {
    const sarif = JSON.parse((await cli('check', broken, '--format', 'sarif')).stdout);
    assert.equal(sarif.runs[0].properties.input.resources, 1);
    assert.match(sarif.runs[0].properties.input.description, /^1 resource of 1 type checked/);
  });
});

describe('--suppressions FILE', () => {
  const warnAddress = 'google_cloud_run_v2_service.r';

  test('a YAML file suppresses by address, and its entries are judged once over every stack', async () => {
    const file = write(
      'suppressions.yaml',
      `# accepted trade-offs
suppressions:
  - ruleId: GCR-IMAGE-DIGEST
    address: ${warnAddress}
    reason: The image is rebuilt nightly by the vendor pipeline
    expires: 2099-12-31
  - ruleId: GCR-INGRESS-ALL
    address: google_cloud_run_v2_service.nowhere
    reason: A public website, by design of the product
`,
    );
    const r = await cli('check', warnOnly, '--suppressions', file, '--format', 'json', '--fail-on', 'warning');
    const report = JSON.parse(r.stdout);
    const digest = report.findings.find((f: Json) => f.ruleId === 'GCR-IMAGE-DIGEST');
    assert.equal(digest.suppressed.reason, 'The image is rebuilt nightly by the vendor pipeline');
    const unused = report.findings.filter((f: Json) => f.ruleId === 'CHECKS-SUPPRESSION-UNUSED');
    assert.deepEqual(
      unused.map((f: Json) => f.address),
      ['google_cloud_run_v2_service.nowhere'],
    );
    assert.equal(r.code, 1); // the unused suppression is a warning
    const stacks = await cli('check', join(dir, 'cdktf.out'), '--suppressions', file, '--format', 'json');
    assert.equal(
      JSON.parse(stacks.stdout).findings.filter((f: Json) => f.ruleId === 'CHECKS-SUPPRESSION-UNUSED').length,
      2,
    );
  });

  test('findings about the file come under its own heading, not as a stack, and point at it in JSON', async () => {
    const file = write(
      'stale-suppressions.yaml',
      `- ruleId: GCR-INGRESS-ALL
  address: google_cloud_run_v2_service.nowhere
  reason: A public website, by design of the product
`,
    );
    const text = (await cli('check', warnOnly, '--suppressions', file)).stdout;
    assert.match(
      text,
      /\n\nSuppressions file .*stale-suppressions\.yaml\n\ngoogle_cloud_run_v2_service\.nowhere\n {2}WARNING CHECKS-SUPPRESSION-UNUSED: /,
    );
    assert.doesNotMatch(text, /^Stack /m);
    const several = (await cli('check', join(dir, 'cdktf.out'), '--suppressions', file)).stdout;
    assert.deepEqual(
      several.split('\n').filter((l) => /^(Stack|Suppressions file) /.test(l)),
      ['Stack one', 'Stack two', `Suppressions file ${file}`],
    );
    const json = JSON.parse((await cli('check', warnOnly, '--suppressions', file, '--format', 'json')).stdout);
    const unused = json.findings.find((f: Json) => f.ruleId === 'CHECKS-SUPPRESSION-UNUSED');
    assert.equal(unused.stack, undefined);
    assert.equal(unused.file, file);
  });

  for (const [name, content, message] of [
    [
      'an unknown field',
      '- ruleId: GCR-IMAGE-DIGEST\n  rule: x\n  reason: a long enough reason\n',
      /suppressions\[0\]: unknown field 'rule'/,
    ],
    [
      'a short reason',
      '[{"ruleId": "GCR-IMAGE-DIGEST", "reason": "ok"}]',
      /suppressions\[0\]: the suppression of GCR-IMAGE-DIGEST needs a reason/,
    ],
    ['an unknown rule', '- ruleId: GCR-NOPE\n  reason: a long enough reason\n', /unknown rule id 'GCR-NOPE'/],
    [
      'a bad date',
      '- ruleId: GCR-IMAGE-DIGEST\n  reason: a long enough reason\n  expires: 2026-02-30\n',
      /expires '2026-02-30'/,
    ],
    [
      'a bad address',
      '- ruleId: GCR-IMAGE-DIGEST\n  reason: a long enough reason\n  address: api\n',
      /address 'api' is not a Terraform address/,
    ],
    ['no list', 'ruleId: GCR-IMAGE-DIGEST\n', /expected a list of suppressions/],
    [
      'every problem of every entry',
      '- ruleId: GCR-NOPE\n  reason: a long enough reason\n  address: api\n- ruleId: GCR-IMAGE-DIGEST\n  reason: ok\n  rule: x\n',
      /suppressions\[0\]: unknown rule id 'GCR-NOPE'; suppressions\[0\]: address 'api' is not a Terraform address.*; suppressions\[1\]: unknown field 'rule'.*; suppressions\[1\]: the suppression of GCR-IMAGE-DIGEST needs a reason of at least 10 characters/,
    ],
  ] as const) {
    test(`${name} is exit 2 with one line`, async () => {
      const file = write(
        `bad-suppressions-${name.replace(/\W+/g, '-')}.${content.startsWith('[') ? 'json' : 'yaml'}`,
        content,
      );
      const r = await cli('check', clean, '--suppressions', file);
      assert.equal(r.code, 2);
      assert.match(r.stderr, message);
      assert.equal(r.stderr.trim().split('\n').length, 1);
    });
  }
});

describe('the CLI and the in-app checks agree on the examples', () => {
  test('the same findings and suppressions per stack, from cdktf.out alone', async () => {
    const app = Testing.app({ stackTraces: false });
    buildExamples(app);
    PolicyChecks.applyTo(app);
    app.synth();
    const r = await cli('check', app.outdir, '--format', 'json');
    assert.equal(r.code, 0, r.stderr);
    const fromCli = JSON.parse(r.stdout).findings;
    const manifest = JSON.parse(readFileSync(join(app.outdir, 'manifest.json'), 'utf8'));
    let suppressed = 0;
    for (const stack of Object.keys(manifest.stacks)) {
      const report = JSON.parse(readFileSync(join(app.outdir, 'checks', `${stack}.json`), 'utf8'));
      const key = (f: Json) => `${f.ruleId} ${f.address} ${f.status} ${f.level} ${f.suppressed?.reason ?? ''}`;
      const cliStack = fromCli.filter((f: Json) => f.stack === stack);
      assert.deepEqual(cliStack.map(key).sort(), report.findings.map(key).sort(), stack);
      assert.equal(cliStack.filter((f: Json) => f.suppressed).length, report.summary.suppressed, stack);
      suppressed += report.summary.suppressed;
    }
    assert.ok(suppressed >= 2, 'the examples suppress findings');
  });
});

describe('loading', () => {
  test('requiring the library does not load the HCL parser', () => {
    const index = join(__dirname, '..', '..', 'lib', 'index.ts');
    const r = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        '-e',
        `require(${JSON.stringify(index)}); console.log(Object.keys(require.cache).filter((k) => k.includes('hcl2json')).length)`,
      ],
      { encoding: 'utf8' },
    );
    assert.equal(r.stdout.trim(), '0', r.stderr);
  });
});
