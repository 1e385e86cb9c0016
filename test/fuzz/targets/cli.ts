/**
 * The command line on corrupted input: a real configuration truncated, with random bytes, huge numbers, deep nesting,
 * duplicate keys, a byte order mark or control characters, as a file of each kind it reads.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import fc from 'fast-check';
import { AppEngineStandardService, CloudRunService, Deployment, Gunicorn, Suppressions } from '../../../lib';
import { run } from '../../../lib/cli/main';
import type { CliTarget } from '../harness';
import { IMAGE } from './cloud-run-service';

/** A synthesized stack with a Cloud Run service, an App Engine version and recorded suppressions and findings. */
function synthesized(): string {
  const stack = new TerraformStack(Testing.app(), 'stack');
  new GoogleProvider(stack, 'google', { project: 'p' });
  const api = new CloudRunService(stack, 'Api', {
    region: 'us-central1',
    image: IMAGE,
    server: Gunicorn.wsgi({ app: 'main:app' }),
  });
  new AppEngineStandardService(stack, 'Web', {
    runtime: 'python312',
    deployment: Deployment.zip('https://storage.googleapis.com/b/a.zip'),
  });
  Suppressions.add(api, [{ ruleId: 'GCR-MAX-INSTANCES-UNSET', reason: 'bounded by the quota of this project' }]);
  return Testing.synth(stack);
}

const HCL = `resource "google_cloud_run_v2_service" "api" {
  name     = "api"
  location = "us-central1"
  template {
    containers {
      image = "gcr.io/p/app:v1"
      resources { limits = { cpu = "3", memory = "512Mi" } }
    }
  }
}
`;

const BASES = [
  synthesized(),
  HCL,
  JSON.stringify({ format_version: '1.2', planned_values: { root_module: { resources: [] } } }),
];

/** One way to corrupt a text. */
const corruption: fc.Arbitrary<(text: string) => string> = fc.oneof(
  fc.nat().map((n) => (t: string) => t.slice(0, n % (t.length + 1))),
  fc.tuple(fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 16 })).map(([n, bytes]) => (t: string) => {
    const at = n % (t.length + 1);
    return t.slice(0, at) + Buffer.from(bytes).toString('latin1') + t.slice(at);
  }),
  fc
    .constantFrom('1e400', '-1e400', '99999999999999999999999999', '0.0000000000000000000000001', 'NaN', '-0')
    .map((big) => (t: string) => t.replace(/(?<=: ?)[0-9]+(?=[,}\n])/, big)),
  fc
    .integer({ min: 10, max: 20000 })
    .map((depth) => (t: string) => t.replace(/"resource": ?/, `"resource": ${'['.repeat(depth)}`)),
  fc.constant((t: string) => t.replace(/\{/, '{"resource": {}, "resource": 1, ')),
  fc.constant((t: string) => `\ufeff${t}`),
  fc
    .constantFrom('\u001b[2J', '\n', '\u0007', '\u009b31m', '\u2028')
    .map((c) => (t: string) => t.replace(/"(google_[a-z_]+)"/, `"$1${c}x"`).replace(/"api"/, `"api${c}"`)),
  fc.jsonValue({ maxDepth: 3 }).map((v) => () => JSON.stringify(v)),
  fc.constant(() => ''),
);

const dir = mkdtempSync(join(tmpdir(), 'fuzz-cli-'));
let files = 0;

export const targets: Array<CliTarget<never>> = [
  {
    name: 'CLI on corrupted input',
    kind: 'cli',
    input: fc.record({
      base: fc.constantFrom(...BASES.keys()),
      corruptions: fc.array(corruption, { minLength: 1, maxLength: 3 }),
      name: fc.constantFrom('cdk.tf.json', 'main.tf.json', 'plan.json', 'main.tf', 'x\n\u001b[1mname.tf.json'),
      format: fc.constantFrom('text', 'json', 'sarif'),
    }) as fc.Arbitrary<never>,
    run: async (input: { base: number; corruptions: Array<(t: string) => string>; name: string; format: string }) => {
      const text = input.corruptions.reduce((t, c) => c(t), BASES[input.base]);
      const file = join(dir, `${files++}-${input.name}`);
      writeFileSync(file, text);
      let stdout = '';
      let stderr = '';
      const code = await run(['check', file, '--format', input.format], {
        stdout: (t) => (stdout += t),
        stderr: (t) => (stderr += t),
      });
      return { code, stdout, stderr };
    },
  },
];
