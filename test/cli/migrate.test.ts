import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, test } from 'node:test';
import ts from 'typescript';
import { CloudRunService } from '../../lib';
import { run } from '../../lib/cli/main';
import { IMAGE } from '../support/cloud-run';
import { newStack, only, synth } from '../support/synth';

const ROOT = resolve(__dirname, '..', '..');
const BACKEND = join(ROOT, 'examples', 'app-engine-backend', 'app.yaml');
const dir = mkdtempSync(join(tmpdir(), 'migrate-cli-'));

async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

/** Type-checks TypeScript files as a user project would, with the package name mapped to lib/. */
function typeErrors(files: string[]): string[] {
  const program = ts.createProgram(files, {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    esModuleInterop: true,
    types: ['node'],
    typeRoots: [join(ROOT, 'node_modules', '@types')],
    baseUrl: ROOT,
    paths: { 'cdktf-gcp-serverless': ['lib/index.ts'], constructs: ['node_modules/constructs'] },
  });
  return ts
    .getPreEmitDiagnostics(program)
    .map((d) => `${d.file?.fileName ?? ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
}

const WEB = `runtime: python312
service: web
instance_class: F2
entrypoint: gunicorn -b :$PORT -w 4 --threads 8 main:app
automatic_scaling:
  min_instances: 1
  max_instances: 10
  max_concurrent_requests: 32
  target_cpu_utilization: 0.65
inbound_services:
- warmup
vpc_access_connector:
  name: projects/p/locations/europe-west1/connectors/c
  egress_setting: all-traffic
env_variables:
  QUOTE: "it's \\\\ here"
handlers:
- url: /static
  static_dir: static
- url: /.*
  script: auto
  secure: always
`;

describe('cdktf-gcp-serverless migrate', () => {
  test('prints the service as TypeScript and the report as comments: the whole output compiles', async () => {
    const { code, stdout } = await cli('migrate', BACKEND, '--image', IMAGE, '--region', 'europe-west1');
    assert.equal(code, 0);
    assert.match(
      stdout,
      /server: Gunicorn\.wsgi\(\{ app: 'reports\.main:app', workers: 2, threads: 4, timeout: 0 \}\), \/\/ app\.yaml entrypoint/,
    );
    assert.match(stdout, /billing: Billing\.INSTANCE, \/\/ app\.yaml basic_scaling/);
    assert.match(stdout, /^\/\/ warning MIGRATE-LOGIN: .*handlers = \/\.\* \(admin\)/m);
    assert.match(stdout, /^\/\/ warning GCR-INSTANCE-BILLING-NO-MIN: /m);
    const file = join(dir, 'backend.ts');
    writeFileSync(file, stdout);
    assert.deepEqual(typeErrors([file]), []);
  });

  test('the printed code builds the same Cloud Run service as fromAppYaml', async () => {
    const yaml = join(dir, 'app.yaml');
    writeFileSync(yaml, WEB);
    const { code, stdout } = await cli('migrate', yaml, '--image', IMAGE, '--region', 'europe-west1');
    assert.equal(code, 0, stdout);
    for (const factory of [
      /Probe\.http\(\{ path: '\/_ah\/warmup' \}\)/,
      /VpcAccess\.connector\('projects\/p\/locations\/europe-west1\/connectors\/c', VpcEgress\.ALL_TRAFFIC\)/,
    ]) {
      assert.match(stdout, factory);
    }
    const file = join(dir, 'web.ts');
    // Run as a user project would, with the package name pointing at lib/.
    writeFileSync(file, stdout.replace("from 'cdktf-gcp-serverless'", `from ${JSON.stringify(join(ROOT, 'lib'))}`));
    assert.deepEqual(typeErrors([file]), []);
    const printed = require(file) as { webService: (scope: unknown) => CloudRunService };
    const fromCode = newStack();
    printed.webService(fromCode);
    const fromFile = newStack();
    CloudRunService.fromAppYaml(fromFile, 'web', { file: yaml, image: IMAGE, region: 'europe-west1' });
    const resource = (json: any) => {
      const { '//': _records, ...rest } = only(json, 'google_cloud_run_v2_service');
      return rest;
    };
    assert.deepEqual(resource(synth(fromCode)), resource(synth(fromFile)));
  });

  test('a value App Engine defaults to is commented as its default, not as a key of the file', async () => {
    const yaml = join(dir, 'minimal.yaml');
    writeFileSync(yaml, 'runtime: python312\nentrypoint: gunicorn -b :$PORT -w 2 --threads 8 main:app\n');
    const { code, stdout } = await cli('migrate', yaml, '--image', IMAGE, '--region', 'europe-west1');
    assert.equal(code, 0, stdout);
    for (const [prop, key] of [
      ['concurrency', 'automatic_scaling.max_concurrent_requests'],
      ['cpu', 'instance_class'],
      ['memory', 'instance_class'],
      ['requestTimeout', 'automatic_scaling'],
      ['allowUnauthenticated', 'handlers'],
    ]) {
      assert.match(
        stdout,
        new RegExp(`^ {4}${prop}: .*, // App Engine's default: app\\.yaml sets no ${key.replace('.', '\\.')}$`, 'm'),
      );
    }
    assert.match(stdout, /^ {4}server: Gunicorn\.wsgi\(.*\), \/\/ app\.yaml entrypoint$/m);
    // Written in the file, they are the file's.
    const written = join(dir, 'written.yaml');
    writeFileSync(written, WEB);
    const { stdout: web } = await cli('migrate', written, '--image', IMAGE, '--region', 'europe-west1');
    assert.match(web, /^ {4}concurrency: 32, \/\/ app\.yaml automatic_scaling\.max_concurrent_requests$/m);
    assert.match(web, /^ {4}cpu: 1, \/\/ app\.yaml instance_class$/m);
    assert.doesNotMatch(web, /App Engine's default: app\.yaml sets no (automatic_scaling|instance_class|handlers)$/m);
  });

  test('the report never prints a secret value found in env_variables', async () => {
    const yaml = join(dir, 'secret.yaml');
    writeFileSync(yaml, 'runtime: python312\nenv_variables:\n  STRIPE_SECRET_KEY: sk_live_51Hxyz1234567890abcdef\n');
    const { stdout } = await cli('migrate', yaml, '--image', IMAGE, '--region', 'europe-west1');
    const report = stdout.split('\n').filter((l) => l.startsWith('//'));
    const finding = report.find((l) => l.includes('GCR-PLAIN-SECRET-ENV'));
    assert.ok(finding, stdout);
    assert.match(finding, /\(30 characters, not shown\)/);
    assert.deepEqual(
      report.filter((l) => l.includes('sk_live')),
      [],
    );
  });

  test('an app that cannot work on Cloud Run: the code and the errors, exit 1', async () => {
    const yaml = join(dir, 'bundled.yaml');
    writeFileSync(yaml, 'runtime: python312\napp_engine_apis: true\n');
    const { code, stdout } = await cli('migrate', yaml, '--image', IMAGE, '--region', 'europe-west1');
    assert.equal(code, 1);
    assert.match(stdout, /new CloudRunService\(scope, 'default'/);
    assert.match(stdout, /^\/\/ error MIGRATE-BUNDLED-SERVICES: .*app_engine_apis = true: .*Memcache → Memorystore/m);
    assert.match(stdout, /^\/\/ info MIGRATE-DEFAULT: /m);
  });

  test('usage errors and an unreadable file exit 2 and say why', async () => {
    const noImage = await cli('migrate', BACKEND, '--region', 'europe-west1');
    assert.equal(noImage.code, 2);
    assert.match(noImage.stderr, /missing --image/);
    const none = await cli('migrate', join(dir, 'missing.yaml'), '--image', IMAGE, '--region', 'europe-west1');
    assert.equal(none.code, 2);
    assert.match(none.stderr, /cannot read the app\.yaml file \(no such file\)/);
    const unknown = await cli('migrate', BACKEND, '--image', IMAGE, '--regoin', 'europe-west1');
    assert.equal(unknown.code, 2);
    const [reason, usage, ...rest] = unknown.stderr.trim().split('\n');
    assert.match(reason, /^cdktf-gcp-serverless migrate: Unknown option '--regoin'/);
    assert.match(usage, /^Usage: cdktf-gcp-serverless migrate <app\.yaml>/, 'the usage of migrate, not of check');
    assert.deepEqual(rest, []);
    const help = await cli('migrate', '--help');
    assert.equal(help.code, 0);
    assert.match(help.stdout, /--image/);
  });
});
