import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { App, TerraformStack } from 'cdktf';
import { CloudRunService, FailOn, Gunicorn, PolicyChecks, Probe } from '../../lib';
import { stackSummary } from '../../lib/checks/summary';
import { newAppStack } from '../support/synth';

const IMAGE = 'europe-docker.pkg.dev/p/r/app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';

/** Terraform JSON with one v2 service `api` in europe-west1 whose template is `template`. */
const oneService = (template: object) => ({
  resource: { google_cloud_run_v2_service: { api: { name: 'api', location: 'europe-west1', template } } },
});

/** Runs `body` with console.log captured; returns what it printed. */
function printed(body: () => void): string[] {
  const lines: string[] = [];
  const log = console.log;
  console.log = (...args: unknown[]) => lines.push(args.join(' '));
  try {
    body();
  } finally {
    console.log = log;
  }
  return lines;
}

describe('the per-service summary', () => {
  test('says what a Cloud Run service will be, from its Terraform, with its findings counted in correct plurals', () => {
    const { stack } = newAppStack('prod');
    new CloudRunService(stack, 'Worker', {
      region: 'europe-west1',
      image: IMAGE,
      backgroundWork: true,
      minInstances: 1,
      maxInstances: 3,
      server: Gunicorn.wsgi({ app: 'worker:app', threads: 4, preload: true }),
      startupProbe: Probe.tcp(),
    });
    const text = PolicyChecks.summary(stack);
    const [head, service] = text.split('\n');
    assert.match(head, /^prod: 0 errors, 1 warning, \d+ info, 0 unknown, 0 suppressed$/);
    assert.match(
      service,
      /^ {2}Cloud Run worker: billing instance-based, concurrency 4, instances 1\.\.3, startup probe TCP 240 s, floor ≈ \$[0-9.]+\/month \(1 min instance × 1 vCPU × 0\.5 GiB, instance-based\); 0 errors, 1 warning, .*\(GCR-MIN-INSTANCES-COST/,
    );
    // "Cloud Run pricing", instance-based, Tier 1 (europe-west1): 730 h × 3600 s × (1 vCPU × $0.000018 + 0.5 GiB ×
    // $0.000002) = $49.93.
    const hand = 730 * 3600 * (1 * 0.000018 + 0.5 * 0.000002);
    assert.ok(service.includes(`floor ≈ $${hand.toFixed(2)}/month`), service);
  });

  test('counts unknown and suppressed findings of a service only when there are some, and shows unknown values as ?', () => {
    const json = oneService({ max_instance_request_concurrency: '${var.concurrency}', containers: [{ image: IMAGE }] });
    const findings = PolicyChecks.checkTerraform(json);
    const [head, service] = stackSummary('s', json, findings).split('\n');
    const unknown = findings.filter((f) => f.status === 'unknown').length;
    assert.ok(unknown > 0);
    assert.ok(head.includes(`, ${unknown} unknown, 0 suppressed`), head);
    assert.match(service, /concurrency \?/);
    assert.ok(service.includes(`${unknown} unknown`) && !service.includes('suppressed'), service);
  });

  test('names each volume and its source; one only known at apply as such (it printed "undefined ()")', () => {
    const service = (volumes: unknown[]) => {
      const json = oneService({ containers: [{ image: IMAGE }], volumes });
      return stackSummary('s', json, PolicyChecks.checkTerraform(json)).split('\n')[1];
    };
    const sql = { name: 'cloudsql', cloud_sql_instance: { instances: ['p:europe-west1:db'] } };
    const tokenSql = {
      name: 'db',
      cloud_sql_instance: { instances: ['${google_sql_database_instance.db.connection_name}'] },
    };
    assert.match(service([sql]), /, volumes cloudsql \(Cloud SQL\)[,;]/);
    const mixed = service([sql, tokenSql, { name: 'empty' }]);
    assert.match(mixed, /, volumes cloudsql \(Cloud SQL\), \? \(known at apply\), empty \(no source\)[,;]/, mixed);
    assert.doesNotMatch(mixed, /undefined/);
  });

  test('summary: true prints it once per stack at synth, also for stacks with checks of their own', () => {
    const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'summary-')) });
    for (const id of ['one', 'two']) {
      const stack = new TerraformStack(app, id);
      new GoogleProvider(stack, 'google', { project: 'my-project' });
      new CloudRunService(stack, 'Api', { region: 'europe-west1', image: IMAGE, maxInstances: 2 });
      if (id === 'two') PolicyChecks.applyTo(stack, { failOn: FailOn.NONE });
    }
    PolicyChecks.applyTo(app, { summary: true, reports: false });
    const lines = printed(() => app.synth());
    assert.deepEqual(
      lines.map((l) => l.split('\n')[0].split(':')[0]),
      ['one', 'two'],
    );
  });

  test('is not printed without summary: true', () => {
    const { app, stack } = newAppStack('quiet');
    new CloudRunService(stack, 'Api', { region: 'europe-west1', image: IMAGE, maxInstances: 2 });
    PolicyChecks.applyTo(app, { reports: false });
    assert.deepEqual(
      printed(() => app.synth()),
      [],
    );
  });
});
