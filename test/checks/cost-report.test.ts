/**
 * The cost over Terraform JSON (raw resources and constructs alike), in the cost rules' messages, the JSON report,
 * the budget of PolicyChecks. Hand calculations use the unit prices of "Cloud Run pricing"
 * (https://cloud.google.com/run/pricing) and "App Engine pricing" (https://cloud.google.com/appengine/pricing).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { App, TerraformStack } from 'cdktf';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { CloudRunService, Errors, PolicyChecks } from '../../lib';
import { configurationCost, costOptions, costTable, costToJson } from '../../lib/checks/cost-report';
import { v2Job } from './fixtures';
import { configurationOf } from '../../lib/checks/input/configuration';

const MONTH = 730 * 3600;
const IMAGE = 'europe-docker.pkg.dev/p/r/app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';

/** A v2 service with min instances, instance-based billing, and the given container limits. */
function service(name: string, min: number | string, limits: Record<string, string>, extra: object = {}) {
  return {
    name,
    location: 'us-central1',
    template: {
      scaling: { min_instance_count: min, max_instance_count: 5 },
      containers: [{ image: IMAGE, resources: { cpu_idle: false, limits } }],
      ...extra,
    },
  };
}

const json = {
  resource: {
    google_cloud_run_v2_service: {
      big: service('big', 1, { cpu: '2', memory: '2Gi' }),
      small: service('small', 1, { cpu: '1000m', memory: '512Mi' }),
    },
    google_app_engine_standard_app_version: {
      v1: {
        service: 'default',
        version_id: 'v1',
        runtime: 'python312',
        instance_class: 'F2',
        entrypoint: { shell: 'gunicorn -b :$PORT main:app' },
        deployment: { zip: { source_url: 'https://storage.googleapis.com/b/app.zip' } },
        automatic_scaling: { standard_scheduler_settings: { min_instances: 1, max_instances: 3 } },
      },
    },
  },
};

describe('cost over Terraform JSON', () => {
  test('cost rule messages say the floor in money ("1000m" is 1 vCPU, not 0)', () => {
    const findings = PolicyChecks.checkTerraform(json);
    const min = findings.filter((f) => f.ruleId === 'GCR-MIN-INSTANCES-COST').map((f) => f.message);
    // 2 vCPU × $0.000018 + 2 GiB × $0.000002 per second, a 730-hour month.
    const big = MONTH * (2 * 0.000018 + 2 * 0.000002);
    assert.ok(
      min.some((m) => m.includes(`1 min instance × 2 vCPU × 2 GiB, instance-based: ≈ $${big.toFixed(2)}/month`)),
      min.join('\n'),
    );
    const small = MONTH * (1 * 0.000018 + 0.5 * 0.000002);
    assert.ok(min.some((m) => m.includes(`1 min instance × 1 vCPU × 0.5 GiB, instance-based: ≈ $${small.toFixed(2)}`)));
    const gae = findings.find((f) => f.ruleId === 'GAE-RESIDENT-COST')!.message;
    assert.ok(gae.includes(`≈ $${(730 * 2 * 0.05).toFixed(2)}/month`), gae);
  });

  test('a GPU service without max instances: the message prices each instance-hour, GPU included', () => {
    const gpu = {
      resource: {
        google_cloud_run_v2_service: {
          infer: {
            name: 'infer',
            location: 'us-central1',
            template: {
              node_selector: { accelerator: 'nvidia-l4' },
              containers: [
                {
                  image: IMAGE,
                  resources: { cpu_idle: false, limits: { cpu: '4', memory: '16Gi', 'nvidia.com/gpu': '1' } },
                },
              ],
            },
          },
        },
      },
    };
    const message = PolicyChecks.checkTerraform(gpu).find((f) => f.ruleId === 'GCR-GPU-MAX-INSTANCES')!.message;
    // L4 with zonal redundancy $0.0002909/s, 4 vCPU × $0.000018, 16 GiB × $0.000002, for 3,600 s.
    const hour = 3600 * (0.0002909 + 4 * 0.000018 + 16 * 0.000002);
    assert.ok(message.includes(`each instance ≈ $${hour.toFixed(2)} an hour`), message);
  });

  test('the cost report: resources most expensive first, each free tier taken once, every line with its source', () => {
    const options = costOptions();
    const report = costToJson(configurationCost(configurationOf(json), options), options) as any;
    assert.deepEqual(
      report.resources.map((r: any) => r.address),
      [
        'google_cloud_run_v2_service.big',
        'google_app_engine_standard_app_version.v1',
        'google_cloud_run_v2_service.small',
      ],
    );
    const cloudRunFree = 240_000 * 0.000018 + 450_000 * 0.000002;
    const appEngineFree = 28 * (730 / 24) * 0.05;
    assert.equal(report.freeTierSubtracted, Math.round((cloudRunFree + appEngineFree) * 100) / 100);
    const gross = MONTH * (2 * 0.000018 + 2 * 0.000002) + 730 * 2 * 0.05 + MONTH * (0.000018 + 0.5 * 0.000002);
    assert.equal(report.floor, Math.round((gross - cloudRunFree - appEngineFree) * 100) / 100);
    for (const r of report.resources)
      for (const l of r.floorLines) assert.match(l.source, /https:\/\/cloud\.google\.com\//);
    // Free tier off: the floor is the gross.
    const off = costOptions({ freeTier: false });
    assert.equal((costToJson(configurationCost(configurationOf(json), off), off) as any).freeTierSubtracted, 0);
  });

  test("the table gives a job's cost per task-hour and execution, which its floor of 0 and 'n/a' do not tell", () => {
    const options = costOptions();
    const jobs = { resource: { google_cloud_run_v2_job: { nightly: v2Job() } } };
    const table = costTable(configurationCost(configurationOf(jobs), options), options);
    const line = table.split('\n').find((l) => l.includes('google_cloud_run_v2_job.nightly'));
    assert.match(
      line ?? '',
      /n\/a {2}google_cloud_run_v2_job\.nightly: .* \(≈ \$\d+\.\d+ per task-hour, at most \$\d+\.\d+ an execution\)/,
    );
    // A service's line has no task-hour.
    const services = costTable(configurationCost(configurationOf(json), options), options);
    assert.doesNotMatch(services, /per task-hour/);
  });

  test('a token gives an unknown floor, named, never 0', () => {
    const tokens = {
      resource: {
        google_cloud_run_v2_service: { api: service('api', '${var.min}', { cpu: '1', memory: '512Mi' }) },
      },
    };
    const options = costOptions();
    const cost = configurationCost(configurationOf(tokens), options);
    assert.deepEqual(cost.unknown, ['google_cloud_run_v2_service.api']);
    assert.equal(cost.resources[0].cost.floor, undefined);
  });

  test('malformed cost options are an input error', () => {
    assert.throws(
      () => PolicyChecks.checkTerraform(json, { cost: { requestConcurrency: 0 } }),
      (e) => Errors.isCheckInputError(e) && /requestConcurrency/.test((e as Error).message),
    );
  });
});

describe('PolicyChecks: monthly budget and cost report', () => {
  const build = (budget: number) => {
    const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'budget-')) });
    const stack = new TerraformStack(app, 'prod');
    new GoogleProvider(stack, 'google', { project: 'my-project' });
    for (const [id, min] of [
      ['Api', 2],
      ['Admin', 1],
    ] as const)
      new CloudRunService(stack, id, {
        region: 'us-central1',
        image: IMAGE,
        backgroundWork: true,
        cpu: 2,
        memory: '4Gi',
        minInstances: min,
        maxInstances: 4,
      });
    PolicyChecks.applyTo(app, { monthlyBudget: budget });
    return app;
  };
  // Per instance: 2 vCPU × $0.000018 + 4 GiB × $0.000002 per second.
  const perInstance = MONTH * (2 * 0.000018 + 4 * 0.000002);
  const free = 240_000 * 0.000018 + 450_000 * 0.000002;

  test('a floor over the budget fails synth, naming the resources most expensive first', () => {
    const app = build(100);
    assert.throws(
      () => app.synth(),
      (e: Error) => {
        const m = e.message;
        assert.ok(m.includes(`the monthly floor of prod, $${(3 * perInstance - free).toFixed(2)}`), m);
        assert.ok(m.indexOf('(prod/Api/') > 0 && m.indexOf('(prod/Api/') < m.indexOf('(prod/Admin/'), m);
        return true;
      },
    );
  });

  test('a negative budget and misspelt cost options are refused with the prop named', () => {
    assert.throws(
      () => build(-5).synth(),
      (e: Error) => Errors.isValidationError(e) && /options\.monthlyBudget/.test(e.message),
    );
    const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'budget-')) });
    new TerraformStack(app, 'x');
    assert.throws(
      () => PolicyChecks.applyTo(app, { cost: { pricng: {} } as never }),
      (e: Error) => Errors.isValidationError(e) && /pricng/.test(e.message),
    );
  });

  test('within the budget it synthesizes and writes the cost beside the findings', () => {
    const app = build(1000);
    app.synth();
    const report = JSON.parse(readFileSync(join(app.outdir, 'checks', 'prod.json'), 'utf8'));
    assert.equal(report.cost.currency, 'USD');
    assert.equal(report.cost.floor, Math.round((3 * perInstance - free) * 100) / 100);
    assert.equal(report.cost.resources.length, 2);
  });
});
