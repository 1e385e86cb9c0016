/**
 * `check --cost`, `--budget`, `--compare`. Hand calculations use the unit prices of "Cloud Run pricing"
 * (https://cloud.google.com/run/pricing): instance-based $0.000018 per vCPU-second and $0.000002 per GiB-second; the
 * monthly free tier 240,000 vCPU-seconds and 450,000 GiB-seconds; a month of 730 hours.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { run } from '../../lib/cli/main';
import { type Json, mutated, tf, v2Service } from '../checks/fixtures';

const V2 = 'google_cloud_run_v2_service';
const MONTH = 730 * 3600;
const FREE = 240_000 * 0.000018 + 450_000 * 0.000002;

async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

const dir = mkdtempSync(join(tmpdir(), 'cost-cli-'));
const write = (name: string, content: Json) => {
  const file = join(dir, name);
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, JSON.stringify(content));
  return file;
};
/** An instance-based service in europe-west1 (Tier 1) with `min` min instances of `cpu` vCPU and 512 MiB. */
const service = (min: number, cpu: string) =>
  mutated(v2Service, (b) => {
    b.template.scaling.min_instance_count = min;
    b.template.containers[0].resources = { cpu_idle: false, limits: { cpu, memory: '512Mi' } };
  });
const base = write('base.tf.json', tf(V2, service(1, '1')));
const head = write(
  'head.tf.json',
  tf(
    V2,
    mutated(
      () => service(2, '2'),
      (b) => (b.ingress = 'INGRESS_TRAFFIC_ALL'),
    ),
  ),
);
const one = MONTH * (1 * 0.000018 + 0.5 * 0.000002);
const two = 2 * MONTH * (2 * 0.000018 + 0.5 * 0.000002);

describe('check --cost and --budget', () => {
  test('--cost adds a table: floor and a million requests per resource, the free tier, the stack floor', async () => {
    const r = await cli('check', head, '--cost');
    assert.equal(r.code, 0, r.stderr);
    assert.ok(r.stdout.includes(`$${two.toFixed(2)}`), r.stdout);
    assert.ok(r.stdout.includes('2 min instances × 2 vCPU × 0.5 GiB, instance-based'), r.stdout);
    assert.ok(r.stdout.includes(`floor: $${(two - FREE).toFixed(2)} a month`), r.stdout);
    // A million requests of 200 ms one at a time: 200,000 instance-seconds at the instance-based rates.
    assert.ok(r.stdout.includes(`$${(200_000 * (2 * 0.000018 + 0.5 * 0.000002)).toFixed(2)}`), r.stdout);
    assert.ok(!(await cli('check', head)).stdout.includes('floor:'));
  });

  test('--format json includes the cost report with --cost', async () => {
    const r = await cli('check', head, '--cost', '--format', 'json', '--no-free-tier');
    const report = JSON.parse(r.stdout);
    assert.equal(report.cost.stacks[0].floor, Math.round(two * 100) / 100);
    assert.equal(report.cost.stacks[0].freeTierSubtracted, 0);
    assert.equal(report.cost.stacks[0].resources[0].floorLines[0].price, 'cloud-run.instance.cpu');
    assert.equal(JSON.parse((await cli('check', head, '--format', 'json')).stdout).cost, undefined);
  });

  test('--budget fails when the floor exceeds it and names the resources; a bad amount is a usage error', async () => {
    const over = await cli('check', head, '--budget', '100');
    assert.equal(over.code, 1);
    assert.match(
      over.stdout,
      /BUDGET {2}the monthly floor of .* exceeds the budget of \$100\.00: google_cloud_run_v2_service\.r/,
    );
    const under = await cli('check', head, '--budget', String(Math.ceil(two)));
    assert.equal(under.code, 0);
    const json = JSON.parse((await cli('check', head, '--budget', '100', '--format', 'json')).stdout);
    assert.equal(json.cost.overBudget.length, 1);
    const bad = await cli('check', head, '--budget', 'lots');
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--budget 'lots' is not an amount/);
  });
});

describe('check --compare', () => {
  test('text: floor before -> after per resource, new and resolved findings', async () => {
    const r = await cli('check', head, '--compare', base);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(
      r.stdout.includes(`$${(one - FREE).toFixed(2)} -> $${(two - FREE).toFixed(2)} (+$${(two - one).toFixed(2)})`),
      r.stdout,
    );
    assert.match(r.stdout, /New findings \(1\):\n {2}INFO GCR-INGRESS-ALL google_cloud_run_v2_service\.r/);
    assert.match(r.stdout, /Resolved findings \(0\)/);
    // Compared the other way round, the finding is resolved and the floor goes down.
    const back = await cli('check', base, '--compare', head);
    assert.match(back.stdout, /Resolved findings \(1\):\n {2}INFO GCR-INGRESS-ALL/);
    assert.ok(back.stdout.includes(`(-$${(two - one).toFixed(2)})`), back.stdout);
  });

  test('markdown for a pull request and JSON', async () => {
    const md = await cli('check', head, '--compare', base, '--format', 'markdown');
    assert.match(md.stdout, /^### Cost and findings/);
    assert.match(
      md.stdout,
      /\| `google_cloud_run_v2_service\.r` \| \$[0-9.]+ \| \$[0-9.]+ \| \+\$[0-9.]+ \| 2 min instances/,
    );
    assert.match(md.stdout, /\| info \| GCR-INGRESS-ALL \|/);
    const json = JSON.parse((await cli('check', head, '--compare', base, '--format', 'json')).stdout);
    assert.equal(json.floorAfter, Math.round((two - FREE) * 100) / 100);
    assert.equal(json.changes.length, 1);
    assert.equal(json.newFindings[0].ruleId, 'GCR-INGRESS-ALL');
    assert.equal((await cli('check', head, '--format', 'markdown')).code, 2);
  });

  test('a new error fails the comparison; --budget applies to the new floor', async () => {
    const broken = write(
      'broken.tf.json',
      tf(
        V2,
        mutated(
          () => service(1, '1'),
          (b) => (b.template.containers[0].resources.limits.cpu = '3'),
        ),
      ),
    );
    assert.equal((await cli('check', broken, '--compare', base)).code, 1);
    assert.equal((await cli('check', head, '--compare', base, '--budget', '100')).code, 1);
  });
});
