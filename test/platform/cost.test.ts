/**
 * The cost model over facts. Hand calculations are written as arithmetic from the published unit prices of "Cloud Run
 * pricing" (https://cloud.google.com/run/pricing) and "App Engine pricing" (https://cloud.google.com/appengine/pricing)
 * with "Quotas and limits" (App Engine) for the free instance-hours: never as the model's own output.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, test } from 'node:test';
import type { AppEngineVersionFacts } from '../../lib/platform/app-engine/facts';
import type { CloudRunFacts, ContainerFacts } from '../../lib/platform/cloud-run/facts';
import {
  appEngineCost,
  cloudRunCost,
  formatMoney,
  resolveCostOptions,
  stackCost,
  toCents,
} from '../../lib/platform/cost';
import { ResourceKind } from '../../lib/platform/kinds';
import { PRICE_TABLE, resolvePrices } from '../../lib/platform/pricing';

/** A month of 730 hours, in seconds. */
const MONTH = 730 * 3600;
const run = (facts: Partial<CloudRunFacts>, unknown: string[] = [], options = {}) =>
  cloudRunCost({ facts: { region: 'us-central1', ...facts }, unknown: new Set(unknown) }, resolveCostOptions(options));
const gae = (facts: Partial<AppEngineVersionFacts>, unknown: string[] = [], options = {}) =>
  appEngineCost(
    { facts: { scalingType: 'automatic', ...facts } as AppEngineVersionFacts, unknown: new Set(unknown) },
    resolveCostOptions(options),
  );
const container = (cpu: number | undefined, memoryMiB: number | undefined, ingress = true): ContainerFacts => ({
  ingress,
  hasPorts: ingress,
  cpu,
  memoryMiB,
});

describe('pricing table', () => {
  test('every entry has a source page, a read date and a confidence', () => {
    for (const [id, e] of Object.entries(PRICE_TABLE)) {
      assert.match(e.source, /"[^"]+".*https:\/\//, id);
      assert.match(e.read, /20\d\d/, id);
      assert.ok(['google', 'third-party', 'estimated'].includes(e.confidence), id);
    }
  });
  test('the Cloud Run free tier lines are one spending discount (each worth the same at Tier 1 prices)', () => {
    const v = (id: keyof typeof PRICE_TABLE) => PRICE_TABLE[id].value;
    const instance =
      v('cloud-run.free.instance.cpu') * v('cloud-run.instance.cpu') +
      v('cloud-run.free.instance.memory') * v('cloud-run.instance.memory');
    const request =
      v('cloud-run.free.request.cpu') * v('cloud-run.request.cpu') +
      v('cloud-run.free.request.memory') * v('cloud-run.request.memory');
    const pool =
      v('cloud-run.free.worker-pool.cpu') * v('cloud-run.worker-pool.cpu') +
      v('cloud-run.free.worker-pool.memory') * v('cloud-run.worker-pool.memory');
    assert.equal(toCents(instance), 5.22);
    assert.equal(toCents(request), 5.22);
    assert.equal(toCents(pool), 5.22);
  });
  test('a discount and an exchange rate apply to prices, not to free quantities; overrides win', () => {
    const p = resolvePrices({
      currency: 'EUR',
      exchangeRate: 0.9,
      discountPercent: 10,
      overrides: { 'cloud-run.instance.cpu': 0.00001 },
    });
    assert.equal(p.value('cloud-run.instance.memory'), 0.000002 * 0.9 * 0.9);
    assert.equal(p.value('cloud-run.free.instance.cpu'), 240_000);
    assert.equal(p.value('cloud-run.instance.cpu'), 0.00001);
    assert.throws(() => resolvePrices({ overrides: { 'cloud-run.cpu': 1 } }), /unknown price 'cloud-run.cpu'/);
    assert.throws(() => resolvePrices({ discountPercent: 100 }), /discountPercent/);
  });
  test('the README lists every entry of the table with its value and confidence', () => {
    const readme = readFileSync(resolve(__dirname, '..', '..', 'README.md'), 'utf8');
    for (const [id, e] of Object.entries(PRICE_TABLE)) {
      const row = readme.split('\n').find((l) => l.startsWith(`| \`${id}\` |`));
      assert.ok(row, id);
      const cells = row.split('|').map((c) => c.trim());
      assert.equal(Number(cells[2]), e.value, id);
      assert.equal(cells[4], e.confidence, id);
    }
  });
  test('money is printed to the cent, in the currency asked for', () => {
    assert.equal(formatMoney(49.932, 'USD'), '$49.93');
    assert.equal(formatMoney(1234.5, 'EUR'), '1,234.50 EUR');
    assert.equal(formatMoney(0.0004, 'USD'), '$0.0004');
  });
});

describe('Cloud Run cost', () => {
  test('worked example: 1 always-on instance, 1 vCPU, 512 MiB, instance-based, us-central1', () => {
    const c = run({ cpuIdle: false, minInstances: 1, cpu: 1, memoryMiB: 512 });
    // Cloud Run pricing, instance-based: $0.000018 per vCPU-second, $0.000002 per GiB-second; 730 h = 2,628,000 s.
    const hand = 2_628_000 * 1 * 0.000018 + 2_628_000 * 0.5 * 0.000002; // 47.304 + 2.628
    assert.equal(toCents(c.floor!), toCents(hand));
    assert.equal(toCents(c.floor!), 49.93);
    assert.equal(c.floorBasis, '1 min instance × 1 vCPU × 0.5 GiB, instance-based');
    // The free tier this floor could use: all of 240,000 vCPU-s and 450,000 GiB-s at Tier 1 prices.
    assert.equal(toCents(c.freeTier!.value), toCents(240_000 * 0.000018 + 450_000 * 0.000002));
    const stack = stackCost([{ address: 'a', cost: c }], resolveCostOptions());
    assert.equal(toCents(stack.floor), toCents(hand - (240_000 * 0.000018 + 450_000 * 0.000002))); // $44.71
    assert.equal(toCents(stack.floor), 44.71);
  });

  test('request-based billing: a min instance is billed at the idle rate, and the free tier does not cover it', () => {
    const c = run({ cpuIdle: true, minInstances: 1, cpu: 1, memoryMiB: 512 });
    // Idle min-instance rate: $0.0000025 per vCPU-second and per GiB-second.
    assert.equal(toCents(c.floor!), toCents(MONTH * (1 * 0.0000025 + 0.5 * 0.0000025))); // 9.86
    assert.equal(c.freeTier, undefined);
    assert.match(c.floorBasis, /request-based, idle/);
    // Resources written without cpu_idle: instance-based (the v2 default flips).
    assert.match(run({ resourcesWritten: true, minInstances: 1 }).floorBasis, /instance-based/);
    assert.match(run({ minInstances: 1 }).floorBasis, /request-based/);
  });

  test('a million requests, request-based: active rates, rounded up to 100 ms, plus $0.40 per million requests', () => {
    const c = run({ cpu: 1, memoryMiB: 512 }, [], { requestDurationMs: 350, requestConcurrency: 1 });
    // 1M × 0.4 s (350 ms billed as 400 ms) = 400,000 s × (0.000024 + 0.5 × 0.0000025) + 1M × $0.40/1M.
    assert.equal(toCents(c.perMillionRequests!), toCents(400_000 * (0.000024 + 0.5 * 0.0000025) + 0.4));
    assert.equal(c.floor, 0);
    // Concurrency divides the instance time; the service's own concurrency caps the assumption.
    const shared = run({ cpu: 1, memoryMiB: 512, concurrency: 4 }, [], {
      requestDurationMs: 400,
      requestConcurrency: 10,
    });
    assert.equal(toCents(shared.perMillionRequests!), toCents((400_000 / 4) * (0.000024 + 0.5 * 0.0000025) + 0.4));
  });

  test('fractional CPU is billed as the fraction', () => {
    const c = run({ cpuIdle: false, minInstances: 2, cpu: 0.5, memoryMiB: 512 });
    assert.equal(toCents(c.floor!), toCents(2 * MONTH * (0.5 * 0.000018 + 0.5 * 0.000002)));
    assert.match(c.floorBasis, /2 min instances × 0.5 vCPU × 0.5 GiB/);
  });

  test('sidecars: every container is billed, limits left unset take the defaults', () => {
    const c = run({
      cpuIdle: false,
      minInstances: 1,
      cpu: 2,
      memoryMiB: 2048,
      containers: [container(2, 2048), container(0.5, 256, false), container(undefined, undefined, false)],
    });
    // 2 + 0.5 + 1 (default) vCPU; 2048 + 256 + 512 (default) MiB = 2.75 GiB.
    assert.equal(toCents(c.floor!), toCents(MONTH * (3.5 * 0.000018 + 2.75 * 0.000002)));
    assert.match(c.floorBasis, /3\.5 vCPU × 2\.75 GiB \(3 containers\)/);
  });

  test('a resident GPU: L4 with zonal redundancy by default, without when disabled; unknown type is unknown', () => {
    const facts = { cpuIdle: false, minInstances: 1, cpu: 4, memoryMiB: 16 * 1024, gpuCount: 1, gpuType: 'nvidia-l4' };
    const noRedundancy = run({ ...facts, gpuZonalRedundancyDisabled: true });
    // L4 without zonal redundancy $0.0001867/s; 4 vCPU × $0.000018; 16 GiB × $0.000002 (research example: $763.97).
    assert.equal(
      toCents(noRedundancy.floor!),
      toCents(MONTH * 0.0001867 + MONTH * 4 * 0.000018 + MONTH * 16 * 0.000002),
    );
    // (The research note's $763.97 adds lines rounded to the cent: 490.65 + 189.22 + 84.10; unrounded it is 763.9596.)
    assert.equal(toCents(noRedundancy.floor!), 763.96);
    const redundant = run(facts);
    assert.equal(toCents(redundant.floor!), toCents(MONTH * 0.0002909 + MONTH * 4 * 0.000018 + MONTH * 16 * 0.000002));
    const other = run({ ...facts, gpuType: 'nvidia-rtx-pro-6000' });
    assert.equal(other.floor, undefined);
    assert.match(other.unknown.join(), /no price for GPU type 'nvidia-rtx-pro-6000'/);
  });

  test('worker pools run their instances around the clock at worker-pool rates (1 instance by default)', () => {
    const c = run({ workload: 'worker-pool', scalingMode: 'MANUAL', cpu: 1, memoryMiB: 512 });
    assert.equal(toCents(c.floor!), toCents(MONTH * (0.000011244 + 0.5 * 0.000001235))); // list price, $31.17
    assert.equal(c.kind, ResourceKind.CLOUD_RUN_WORKER_POOL);
    assert.match(c.perRequestNotApplicable!, /worker pool/);
    const three = run({ workload: 'worker-pool', scalingMode: 'MANUAL', manualInstances: 3, cpu: 1, memoryMiB: 512 });
    assert.equal(toCents(three.floor!), toCents(3 * MONTH * (0.000011244 + 0.5 * 0.000001235)));
  });

  test('jobs have no floor and cost by the task-hour at instance-based rates', () => {
    const c = run({ workload: 'job', cpu: 2, memoryMiB: 1024 });
    assert.equal(c.floor, 0);
    assert.equal(c.perInstanceHour, 3600 * (2 * 0.000018 + 1 * 0.000002));
    assert.equal(c.perMillionRequests, undefined);
    // At most per execution: 10 tasks × 600 s (the default timeout) at the same rates.
    const ten = run({ workload: 'job', cpu: 2, memoryMiB: 1024, job: { taskCount: 10 } });
    assert.equal(toCents(ten.perExecutionMax!), toCents(10 * 600 * (2 * 0.000018 + 1 * 0.000002)));
    assert.equal(run({ workload: 'job' }, ['job.taskCount']).perExecutionMax, undefined);
  });

  test('manual scaling of a service bills the manual instances; revision min is ignored', () => {
    const c = run({
      scalingMode: 'MANUAL',
      manualInstances: 2,
      minInstances: 5,
      cpuIdle: false,
      cpu: 1,
      memoryMiB: 1024,
    });
    assert.equal(toCents(c.floor!), toCents(2 * MONTH * (0.000018 + 0.000002)));
    // Request-based: billed as active (the worker-pool page's statement; the services page is silent).
    const request = run({ scalingMode: 'MANUAL', manualInstances: 1, cpuIdle: true, cpu: 1, memoryMiB: 1024 });
    assert.equal(toCents(request.floor!), toCents(MONTH * (0.000024 + 0.0000025)));
  });

  test('Tier 2 regions cost 1.4 × Tier 1 (estimated); a region the table lacks is unknown, never 0', () => {
    const tier1 = run({ cpuIdle: false, minInstances: 1 });
    const tier2 = run({ cpuIdle: false, minInstances: 1, region: 'europe-west2' });
    assert.equal(toCents(tier2.floor!), toCents(tier1.floor! * 1.4));
    assert.match(tier2.assumptions.join(), /Tier 2/);
    const mars = run({ cpuIdle: false, minInstances: 1, region: 'mars-north1' });
    assert.equal(mars.floor, undefined);
  });

  test('unknown facts give unknown figures; an instance count known to be 0 is a floor of 0', () => {
    assert.equal(run({ cpuIdle: false }, ['minInstances']).floor, undefined);
    assert.equal(run({ cpuIdle: false, minInstances: 1 }, ['cpu']).floor, undefined);
    assert.equal(run({ cpuIdle: false, minInstances: 1 }, ['containers.1.memoryMiB']).floor, undefined);
    assert.equal(run({ minInstances: 0 }, ['cpu', 'region']).floor, 0);
    assert.deepEqual(run({ cpuIdle: false, minInstances: 1 }, ['region']).unknown, [
      'region is not known at synth time',
    ]);
  });

  test('a discount lowers the floor by its percentage; currency and rate convert', () => {
    const list = run({ cpuIdle: false, minInstances: 1 }).floor!;
    const c = run({ cpuIdle: false, minInstances: 1 }, [], {
      pricing: { discountPercent: 20, currency: 'EUR', exchangeRate: 0.5 },
    });
    assert.equal(c.currency, 'EUR');
    assert.equal(toCents(c.floor!), toCents(list * 0.8 * 0.5));
  });
});

describe('App Engine cost', () => {
  test('worked example: F2 with min_instances 1 all month, US, 28 free F1-hours a day', () => {
    const c = gae({ instanceClass: 'F2', minInstances: 1 });
    // App Engine pricing: F1 $0.05/hour, F2 = 2 × F1 ($0.10/hour); 730 hours.
    assert.equal(toCents(c.floor!), toCents(730 * 2 * 0.05)); // $73.00
    // Free: 28 F1-hours a day × 730/24 days at $0.05; one F2 uses 48 F1-hours a day, so all 28 are used.
    const free = 28 * (730 / 24) * 0.05;
    const stack = stackCost([{ address: 'v', cost: c }], resolveCostOptions());
    assert.equal(toCents(stack.floor), toCents(730 * 2 * 0.05 - free)); // $30.42
    assert.equal(toCents(stack.floor), 30.42);
    assert.equal(toCents(stackCost([{ address: 'v', cost: c }], resolveCostOptions({ freeTier: false })).floor), 73);
  });

  test('class weights: B8 costs 8 B1-hours an hour; manual instances all month; B pool of 9 hours a day', () => {
    const c = gae({ scalingType: 'manual', instanceClass: 'B8', manualInstances: 2 });
    assert.equal(toCents(c.floor!), toCents(2 * 730 * 8 * 0.05));
    assert.equal(toCents(c.freeTier!.value), toCents(9 * (730 / 24) * 0.05));
    assert.match(c.floorBasis, /2 manual instances × B8 \(8 B1 instance-hours per hour\)/);
  });

  test('min idle instances count when above min instances; basic scaling has no floor', () => {
    assert.equal(toCents(gae({ minIdleInstances: 2, minInstances: 1 }).floor!), toCents(2 * 730 * 0.05));
    assert.equal(gae({ scalingType: 'basic', instanceClass: 'B1' }).floor, 0);
  });

  test('the 15-minute tail: one request to an idle version bills 15 minutes of its class', () => {
    const c = gae({ scalingType: 'basic', instanceClass: 'B2' }, [], { requestDurationMs: 1000 });
    // (900 s + 1 s) of a B2 ($0.10/hour).
    assert.equal(c.perIdleWakeUp, ((900 + 1) / 3600) * 0.1);
    // A million requests in sustained traffic: 1M × 1 s / 1 at a time = 277.8 hours of B2.
    assert.equal(toCents(c.perMillionRequests!), toCents(((1_000_000 * 1) / 3600) * 0.1));
  });

  test('the free hours of one application are shared by its versions, once', () => {
    const a = gae({ instanceClass: 'F1', minInstances: 1, project: 'p' });
    const b = gae({ instanceClass: 'F1', minInstances: 1, project: 'p' });
    const stack = stackCost(
      [
        { address: 'a', cost: a },
        { address: 'b', cost: b },
      ],
      resolveCostOptions(),
    );
    // Two F1 all day: 48 F1-hours a day, 28 free.
    assert.equal(toCents(stack.floor), toCents(2 * 730 * 0.05 - 28 * (730 / 24) * 0.05));
    assert.equal(toCents(stack.freeTierSubtracted), toCents(28 * (730 / 24) * 0.05));
  });

  test('an unknown class or instance count is unknown, never 0', () => {
    assert.equal(gae({ minInstances: 1 }, ['instanceClass']).floor, undefined);
    assert.equal(gae({ scalingType: 'manual', instanceClass: 'B1' }, ['manualInstances']).floor, undefined);
  });
});

describe('stack cost', () => {
  test('resources are listed most expensive first; unknown floors last and named', () => {
    const small = run({ cpuIdle: false, minInstances: 1 });
    const big = run({ cpuIdle: false, minInstances: 3 });
    const dunno = run({ cpuIdle: false }, ['minInstances']);
    const s = stackCost(
      [
        { address: 'small', cost: small },
        { address: 'unknown', cost: dunno },
        { address: 'big', cost: big },
      ],
      resolveCostOptions(),
    );
    assert.deepEqual(
      s.resources.map((r) => r.address),
      ['big', 'small', 'unknown'],
    );
    assert.deepEqual(s.unknown, ['unknown']);
    // The Cloud Run free tier is taken once, by the most expensive resource.
    assert.ok(s.resources[0].freeTierApplied > 5);
    assert.equal(s.resources[1].freeTierApplied, 0);
  });
});
