/**
 * `npm run bench`: measures the library side by side with what it replaces, in one run, and reports ratios with the
 * absolute times beside them. Every measurement runs in a fresh Node process against the compiled `dist/`, and the
 * median of several runs is kept.
 *
 * Goals (from the project's issue 8): load ≤ 1.3× the deep-path provider classes the library wraps; synth ≤ 1.2× the
 * same resources written with raw provider classes; the command-line checker ≤ 2.5× `node` parsing the same file, both
 * as whole processes (start-up included, as a CI job sees them).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { generateStack } from './generate';

const ROOT = resolve(__dirname, '..', '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const WRAPPED = [
  'cloud-run-v2-service',
  'cloud-run-v2-service-iam-member',
  'service-account',
  'secret-manager-secret-iam-member',
  'app-engine-application',
  'app-engine-standard-app-version',
];

interface Sample {
  ms: number;
  rssMB: number;
}

/** Runs a script in a fresh node process; the script prints `{"ms":…}` for the part it times itself. */
function node(script: string, args: string[] = []): Sample {
  const out = execFileSync(process.execPath, ['-e', script, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  const last = out.trim().split('\n').pop() ?? '{}';
  return JSON.parse(last);
}

function median(samples: Sample[]): Sample {
  const sorted = [...samples].sort((a, b) => a.ms - b.ms);
  return sorted[Math.floor(sorted.length / 2)];
}

function measure(script: string, args: string[] = [], runs = RUNS): Sample {
  return median(Array.from({ length: runs }, () => node(script, args)));
}

/** Prints the time since `__t` and the resident memory, as the last line `node()` reads. */
const PRINT_SAMPLE =
  'console.log(JSON.stringify({ms:Number(process.hrtime.bigint()-__t)/1e6,rssMB:process.memoryUsage().rss/1048576}))';
const TIMED = (body: string) => `const __t=process.hrtime.bigint();${body};${PRINT_SAMPLE}`;
/** The same for a body that is a promise: the time runs until it settles. */
const TIMED_ASYNC = (promise: string) =>
  `const __t=process.hrtime.bigint();Promise.resolve(${promise}).then(()=>${PRINT_SAMPLE})`;

interface Row {
  what: string;
  ours: Sample;
  baseline: Sample;
  baselineName: string;
  goal?: number;
}
const rows: Row[] = [];

function report(row: Row): void {
  rows.push(row);
  const ratio = row.ours.ms / row.baseline.ms;
  const verdict =
    row.goal === undefined
      ? ''
      : ratio <= row.goal
        ? `  (goal ≤ ${row.goal}×: met)`
        : `  (goal ≤ ${row.goal}×: MISSED)`;
  console.log(
    `${row.what.padEnd(44)} ${ratio.toFixed(2).padStart(6)}×   ours ${row.ours.ms.toFixed(1).padStart(8)} ms ${row.ours.rssMB.toFixed(0).padStart(5)} MB   ${row.baselineName} ${row.baseline.ms.toFixed(1).padStart(8)} ms ${row.baseline.rssMB.toFixed(0).padStart(5)} MB${verdict}`,
  );
}

// --- load ------------------------------------------------------------------------------------------------------
function benchLoad(): void {
  console.log('\n# load: require() in a fresh process');
  const ours = measure(TIMED(`require('./dist/index.js')`));
  const deep = measure(
    TIMED(
      `require('cdktf');require('constructs');for (const m of ${JSON.stringify(WRAPPED)}) require('@cdktf/provider-google/lib/'+m)`,
    ),
  );
  const root = measure(TIMED(`require('cdktf');require('@cdktf/provider-google')`), [], 3);
  report({
    what: 'library vs the provider classes it wraps (deep)',
    ours,
    baseline: deep,
    baselineName: 'deep',
    goal: 1.3,
  });
  report({ what: 'library vs the provider package root', ours, baseline: root, baselineName: 'root' });
}

// --- synth -----------------------------------------------------------------------------------------------------
const SYNTH_PRELUDE = `
const { App, TerraformStack } = require('cdktf');
const { GoogleProvider } = require('@cdktf/provider-google/lib/provider');
const fs = require('fs'); const os = require('os'); const path = require('path');
const N = Number(process.argv[1]);
const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-synth-'));
`;

/** N services through CloudRunService (the guide recipe). */
const SYNTH_OURS = `${SYNTH_PRELUDE}
const { CloudRunService, Gunicorn } = require('./dist/index.js');
${TIMED(`
const app = new App({ outdir, stackTraces: false });
const stack = new TerraformStack(app, 's');
new GoogleProvider(stack, 'google', { project: 'p' });
for (let i = 0; i < N; i++) {
  new CloudRunService(stack, 'svc' + i, { region: 'us-central1', image: 'gcr.io/p/app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef', maxInstances: 10,
    server: Gunicorn.wsgi({ app: 'main:app' }) });
}
app.synth()`)}
fs.rmSync(outdir, { recursive: true, force: true });
`;

/** The same resources written with raw provider classes. */
const SYNTH_RAW = `${SYNTH_PRELUDE}
const { CloudRunV2Service } = require('@cdktf/provider-google/lib/cloud-run-v2-service');
const { ServiceAccount } = require('@cdktf/provider-google/lib/service-account');
${TIMED(`
const app = new App({ outdir, stackTraces: false });
const stack = new TerraformStack(app, 's');
new GoogleProvider(stack, 'google', { project: 'p' });
for (let i = 0; i < N; i++) {
  const sa = new ServiceAccount(stack, 'sa' + i, { accountId: 'svc' + i + '-run', displayName: 'Cloud Run service svc' + i });
  new CloudRunV2Service(stack, 'svc' + i, {
    name: 'svc' + i, location: 'us-central1', ingress: 'INGRESS_TRAFFIC_ALL', deletionProtection: true,
    template: {
      serviceAccount: sa.email, executionEnvironment: 'EXECUTION_ENVIRONMENT_GEN2', maxInstanceRequestConcurrency: 8,
      timeout: '300s', scaling: { minInstanceCount: 0, maxInstanceCount: 10 },
      containers: [{
        image: 'gcr.io/p/app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef', command: ['gunicorn'],
        args: ['--bind', ':8080', '--workers', '1', '--threads', '8', '--timeout', '0', 'main:app'],
        ports: { containerPort: 8080, name: 'http1' },
        resources: { limits: { cpu: '1', memory: '512Mi' }, cpuIdle: true, startupCpuBoost: true },
        startupProbe: { initialDelaySeconds: 0, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 24, httpGet: { path: '/' } },
      }],
    },
  });
}
app.synth()`)}
fs.rmSync(outdir, { recursive: true, force: true });
`;

function benchSynth(): void {
  console.log('\n# synth: construct N Cloud Run services and app.synth() (validations on)');
  const perService: Array<[number, number]> = [];
  for (const n of [500, 2000]) {
    const ours = measure(SYNTH_OURS, [String(n)], 3);
    const raw = measure(SYNTH_RAW, [String(n)], 3);
    report({
      what: `N = ${n}: CloudRunService vs raw provider classes`,
      ours,
      baseline: raw,
      baselineName: 'raw',
      goal: 1.2,
    });
    perService.push([n, ours.ms / n]);
  }
  const [[n1, a], [n2, b]] = perService;
  console.log(
    `growth: ${a.toFixed(3)} ms/service at N=${n1}, ${b.toFixed(3)} ms/service at N=${n2} (×${(b / a).toFixed(2)} per service for ×${n2 / n1} services)`,
  );
}

// --- check -----------------------------------------------------------------------------------------------------
function benchCheck(): void {
  const cli = join(ROOT, 'dist', 'cli', 'main.js');
  if (!existsSync(cli)) {
    console.log('\n# check: skipped (no dist/cli/main.js)');
    return;
  }
  console.log('\n# check: the command-line checker on a generated 10,000-resource stack');
  const dir = mkdtempSync(join(tmpdir(), 'bench-check-'));
  try {
    const file = join(dir, 'cdk.tf.json');
    writeFileSync(file, JSON.stringify(generateStack(10_000)));
    const parse = measure(TIMED(`JSON.parse(require('fs').readFileSync(process.argv[1], 'utf8'))`), [file]);
    const run = (args: string[]) =>
      measure(
        `const r = require(${JSON.stringify(join(ROOT, 'dist', 'cli', 'main.js'))});` +
          TIMED_ASYNC(`r.run(${JSON.stringify(args)}, { stdout: () => {}, stderr: () => {} })`),
        [],
      );
    const check = run(['check', file, '--format', 'json']);
    report({ what: 'in process: check (json) vs JSON.parse', ours: check, baseline: parse, baselineName: 'parse' });
    const wall = (cmd: string[]): Sample => {
      const t = process.hrtime.bigint();
      try {
        execFileSync(process.execPath, cmd, { cwd: ROOT, stdio: 'ignore' });
      } catch {
        // exit code 1 means error-level findings, expected on generated input
      }
      return { ms: Number(process.hrtime.bigint() - t) / 1e6, rssMB: 0 };
    };
    const cliWall = median(Array.from({ length: RUNS }, () => wall([cli, 'check', file, '--format', 'json'])));
    const parseWall = median(
      Array.from({ length: RUNS }, () =>
        wall(['-e', `JSON.parse(require('fs').readFileSync(${JSON.stringify(file)}, 'utf8'))`]),
      ),
    );
    report({
      what: 'whole process: CLI vs node JSON.parse',
      ours: cliWall,
      baseline: parseWall,
      baselineName: 'parse',
      goal: 2.5,
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function main(): void {
  mkdirSync(join(ROOT, '.bench'), { recursive: true });
  console.log(`node ${process.version}, ${RUNS} runs per measurement (median)`);
  benchLoad();
  benchSynth();
  benchCheck();
  writeFileSync(join(ROOT, '.bench', 'results.json'), JSON.stringify(rows, null, 2));
  const missed = rows.filter((r) => r.goal !== undefined && r.ours.ms / r.baseline.ms > r.goal);
  console.log(missed.length === 0 ? '\nall goals met' : `\n${missed.length} goal(s) missed`);
  process.exitCode = missed.length === 0 ? 0 : 1;
}

main();
