/**
 * What a Cloud Run service, job or worker pool costs, by hand from "Cloud Run pricing"
 * (https://cloud.google.com/run/pricing), Tier 1 list prices in USD: instance-based $0.000018 per vCPU-second and
 * $0.000002 per GiB-second; request-based $0.000024 and $0.0000025 while active, $0.0000025 and $0.0000025 for idle min
 * instances, $0.40 per million requests; worker pools $0.000011244 and $0.000001235; NVIDIA L4 $0.0002909 per second
 * ($0.0001867 without zonal redundancy); Tier 2 at 1.4 × (estimated); a month of 730 hours = 2,628,000 s.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { CloudRunFacts, ContainerFacts } from '../../../lib/platform/cloud-run/facts';
import { cloudRunCost } from '../../../lib/platform/cost/cloud-run';
import { type CostOptions, resolveCostOptions } from '../../../lib/platform/cost/model';
import { ResourceKind } from '../../../lib/platform/kinds';

const MONTH = 730 * 3600;
const run = (facts: Partial<CloudRunFacts>, unknown: string[] = [], options: CostOptions = {}, kind?: ResourceKind) =>
  cloudRunCost(
    { facts: { region: 'us-central1', ...facts }, unknown: new Set(unknown) },
    resolveCostOptions(options),
    kind,
  );
/** An always-on service of 1 vCPU and 512 MiB, instance-based. */
const ALWAYS_ON: Partial<CloudRunFacts> = { cpuIdle: false, minInstances: 1, cpu: 1, memoryMiB: 512 };
const container = (cpu: number | undefined, memoryMiB: number | undefined): ContainerFacts => ({
  ingress: false,
  hasPorts: false,
  cpu,
  memoryMiB,
});
/** Equal up to floating-point rounding. */
const near = (actual: number | undefined, expected: number, what = '') =>
  assert.ok(
    actual !== undefined && Math.abs(actual - expected) <= Math.abs(expected) * 1e-9,
    `${what} ${actual} ≠ ${expected}`,
  );
const assumed = (c: { assumptions: readonly string[] }) => c.assumptions.join('\n');

describe('Cloud Run floor', () => {
  test('the kind follows the workload unless given', () => {
    assert.equal(run({}).kind, ResourceKind.CLOUD_RUN_SERVICE);
    assert.equal(run({ workload: 'job' }).kind, ResourceKind.CLOUD_RUN_JOB);
    assert.equal(run({ workload: 'worker-pool' }).kind, ResourceKind.CLOUD_RUN_WORKER_POOL);
    assert.equal(run({}, [], {}, ResourceKind.CLOUD_RUN_SERVICE_V1).kind, ResourceKind.CLOUD_RUN_SERVICE_V1);
    assert.equal(run({}).currency, 'USD');
    assert.equal(run({}).assumptions[0], 'a month of 730 hours');
  });

  test('instance-based: CPU and memory lines of a month, at instance-based prices', () => {
    const c = run({ ...ALWAYS_ON, minInstances: 2, cpu: 2, memoryMiB: 1024 });
    assert.deepEqual(
      c.floorLines.map((l) => [l.what, l.quantity, l.unit, l.price, l.unitPrice]),
      [
        ['CPU', 2 * MONTH * 2, 'vCPU-seconds', 'cloud-run.instance.cpu', 0.000018],
        ['memory', 2 * MONTH * 1, 'GiB-seconds', 'cloud-run.instance.memory', 0.000002],
      ],
    );
    near(c.floor, 2 * MONTH * (2 * 0.000018 + 1 * 0.000002)); // $199.73
    assert.equal(c.floorBasis, '2 min instances × 2 vCPU × 1 GiB, instance-based');
    assert.deepEqual(c.unknown, []);
  });

  test('revision and service min instances add up', () => {
    const c = run({ ...ALWAYS_ON, minInstances: 1, serviceMinInstances: 2 });
    near(c.floor, 3 * MONTH * (0.000018 + 0.5 * 0.000002));
    assert.match(c.floorBasis, /^3 min instances × /);
    near(run({ ...ALWAYS_ON, minInstances: undefined, serviceMinInstances: 1 }).floor, MONTH * (0.000018 + 0.000001));
  });

  test('no min instance: a floor of 0, and no free tier to claim', () => {
    const c = run({ ...ALWAYS_ON, minInstances: 0 });
    assert.equal(c.floor, 0);
    assert.deepEqual(c.floorLines, []);
    assert.equal(c.freeTier, undefined);
    assert.equal(c.floorBasis, '0 min instances × 1 vCPU × 0.5 GiB, instance-based');
    assert.equal(run({ cpuIdle: false }).floor, 0);
  });

  test('request-based min instances: idle rates; manual instances: active rates; neither claims the free tier', () => {
    const idle = run({ ...ALWAYS_ON, cpuIdle: true });
    near(idle.floor, MONTH * (1 * 0.0000025 + 0.5 * 0.0000025));
    assert.deepEqual(
      idle.floorLines.map((l) => l.price),
      ['cloud-run.request.idle-cpu', 'cloud-run.request.idle-memory'],
    );
    assert.equal(idle.freeTier, undefined);
    assert.match(assumed(idle), /idle min instances are billed at the idle rate and not covered by the free tier/);
    assert.doesNotMatch(assumed(idle), /billed as active/);
    const manual = run({ scalingMode: 'MANUAL', manualInstances: 2, cpuIdle: true, cpu: 1, memoryMiB: 512 });
    near(manual.floor, 2 * MONTH * (0.000024 + 0.5 * 0.0000025));
    assert.equal(manual.floorBasis, '2 manual instances × 1 vCPU × 0.5 GiB, request-based, billed as active');
    assert.match(assumed(manual), /manual instances are billed as active/);
    assert.doesNotMatch(assumed(manual), /idle rate/);
    assert.equal(manual.freeTier, undefined);
    // Instance-based: no note on either.
    assert.doesNotMatch(assumed(run(ALWAYS_ON)), /idle rate|billed as active/);
  });

  test('manual scaling of a service without a count keeps nothing running', () => {
    const c = run({ scalingMode: 'MANUAL', cpuIdle: false, minInstances: 3 });
    assert.equal(c.floor, 0);
    assert.match(c.floorBasis, /^0 manual instances × /);
    assert.match(
      run({ scalingMode: 'MANUAL', manualInstances: 1, cpuIdle: false }).floorBasis,
      /^1 manual instance × /,
    );
  });

  test('the free tier an instance-based floor could use: 240,000 vCPU-s and 450,000 GiB-s, capped by its use', () => {
    const c = run(ALWAYS_ON);
    // The pool: 240,000 × $0.000018 + 450,000 × $0.000002 = $4.32 + $0.90 = $5.22; a month uses more than both.
    assert.equal(c.freeTier?.pool, 'cloud-run');
    near(c.freeTier?.poolValue, 240_000 * 0.000018 + 450_000 * 0.000002);
    near(c.freeTier?.value, 240_000 * 0.000018 + 450_000 * 0.000002);
    assert.equal(
      c.freeTier?.describe,
      '240,000 vCPU-seconds and 450,000 GiB-seconds a month ($5.22 per billing account)',
    );
    // 0.08 vCPU and 128 MiB (gen1) all month: 210,240 vCPU-s and 328,500 GiB-s, both below the free amounts.
    const tiny = run({ ...ALWAYS_ON, cpu: 0.08, memoryMiB: 128 });
    near(tiny.freeTier?.value, 0.08 * MONTH * 0.000018 + (128 / 1024) * MONTH * 0.000002);
    // Only the CPU below: 0.08 vCPU, 512 MiB.
    near(run({ ...ALWAYS_ON, cpu: 0.08 }).freeTier?.value, 0.08 * MONTH * 0.000018 + 450_000 * 0.000002);
  });

  test('worker pools: their own rates and free tier (384,204 vCPU-s, 728,744 GiB-s), 1 instance by default', () => {
    const pool = run({ workload: 'worker-pool', scalingMode: 'MANUAL', cpu: 1, memoryMiB: 512 });
    near(pool.floor, MONTH * (1 * 0.000011244 + 0.5 * 0.000001235));
    assert.equal(pool.floorBasis, '1 worker instance × 1 vCPU × 0.5 GiB, worker pool');
    assert.deepEqual(
      pool.floorLines.map((l) => l.price),
      ['cloud-run.worker-pool.cpu', 'cloud-run.worker-pool.memory'],
    );
    near(pool.freeTier?.poolValue, 384_204 * 0.000011244 + 728_744 * 0.000001235); // $5.22
    near(pool.freeTier?.value, 384_204 * 0.000011244 + 728_744 * 0.000001235);
    assert.equal(
      pool.freeTier?.describe,
      '384,204 vCPU-seconds and 728,744 GiB-seconds a month ($5.22 per billing account)',
    );
    // The worker pool's request-billing facts are not read.
    near(
      run({ workload: 'worker-pool', scalingMode: 'MANUAL' }, ['cpuIdle']).floor,
      MONTH * (0.000011244 + 0.5 * 0.000001235),
    );
    near(
      run({ workload: 'worker-pool', scalingMode: 'MANUAL', manualInstances: 2 }).floor,
      2 * MONTH * (0.000011244 + 0.5 * 0.000001235),
    );
    assert.equal(run({ workload: 'worker-pool', scalingMode: 'MANUAL', manualInstances: 0 }).floor, 0);
  });

  test('sidecars: the instance is the sum of every container, unset limits at 1 vCPU and 512 MiB', () => {
    const c = run({ ...ALWAYS_ON, containers: [container(2, 1024), container(undefined, 256)] });
    // 2 + 1 vCPU; 1024 + 256 MiB = 1.25 GiB.
    near(c.floor, MONTH * (3 * 0.000018 + 1.25 * 0.000002));
    assert.equal(c.floorBasis, '1 min instance × 3 vCPU × 1.25 GiB (2 containers), instance-based');
    assert.match(assumed(c), /every container is billed: the instance is the sum of their CPU and memory limits/);
    assert.match(assumed(c), /containers without limits get 1 vCPU and 512 MiB/);
    assert.doesNotMatch(assumed(run(ALWAYS_ON)), /without limits/);
    const limited = run({ ...ALWAYS_ON, containers: [container(2, 1024), container(0.5, 256)] });
    assert.doesNotMatch(assumed(limited), /without limits/);
    assert.match(run({ ...ALWAYS_ON, containers: [container(2, undefined)] }).assumptions.join(), /without limits/);
    // One container: no sidecar note; an empty list is the single container of the facts.
    const one = run({ ...ALWAYS_ON, containers: [container(2, 1024)] });
    assert.doesNotMatch(assumed(one), /every container/);
    assert.equal(one.floorBasis, '1 min instance × 2 vCPU × 1 GiB, instance-based');
    assert.equal(run({ ...ALWAYS_ON, containers: [] }).floorBasis, '1 min instance × 1 vCPU × 0.5 GiB, instance-based');
    // Unset limits on the facts themselves: the defaults.
    near(run({ cpuIdle: false, minInstances: 1 }).floor, MONTH * (1 * 0.000018 + 0.5 * 0.000002));
  });

  test('a GPU: L4 per second with zonal redundancy unless disabled, times the count', () => {
    const facts = { ...ALWAYS_ON, cpu: 4, memoryMiB: 16 * 1024, gpuCount: 1, gpuType: 'nvidia-l4' };
    const c = run(facts);
    near(c.floor, MONTH * (4 * 0.000018 + 16 * 0.000002 + 0.0002909));
    assert.deepEqual(
      c.floorLines.map((l) => [l.what, l.quantity, l.unit, l.price]),
      [
        ['CPU', MONTH * 4, 'vCPU-seconds', 'cloud-run.instance.cpu'],
        ['memory', MONTH * 16, 'GiB-seconds', 'cloud-run.instance.memory'],
        ['GPU', MONTH, 'GPU-seconds', 'cloud-run.gpu.nvidia-l4'],
      ],
    );
    assert.equal(c.floorBasis, '1 min instance × 4 vCPU × 16 GiB × 1 GPU nvidia-l4, instance-based');
    near(
      run({ ...facts, gpuZonalRedundancyDisabled: false }).floor,
      MONTH * (4 * 0.000018 + 16 * 0.000002 + 0.0002909),
    );
    near(run({ ...facts, gpuZonalRedundancyDisabled: true }).floor, MONTH * (4 * 0.000018 + 16 * 0.000002 + 0.0001867));
    near(run({ ...facts, gpuCount: 2 }).floor, MONTH * (4 * 0.000018 + 16 * 0.000002 + 2 * 0.0002909));
    // The GPU is not in the free tier: the claim is the CPU and memory part only.
    near(c.freeTier?.value, 240_000 * 0.000018 + 450_000 * 0.000002);
  });

  test('a GPU the table has no price for, or whose type is not known, makes the floor unknown', () => {
    const facts = { ...ALWAYS_ON, cpu: 4, memoryMiB: 16 * 1024, gpuCount: 1 };
    const unset = run(facts);
    assert.equal(unset.floor, undefined);
    assert.deepEqual(unset.unknown, ["the pricing table has no price for GPU type '(not set)'"]);
    assert.equal(unset.floorBasis, '1 min instance × 4 vCPU × 16 GiB × 1 GPU ?, instance-based');
    assert.equal(unset.perInstanceHour, undefined);
    const pool = run({ ...facts, workload: 'worker-pool', scalingMode: 'MANUAL', gpuType: 'nvidia-l4' });
    assert.equal(pool.floor, undefined);
    assert.deepEqual(pool.unknown, ['the pricing page lists no GPU price for worker pools']);
    const token = run({ ...facts, gpuType: 'nvidia-l4' }, ['gpuType']);
    assert.equal(token.floor, undefined);
    assert.deepEqual(token.unknown, ['gpuType is not known at synth time']);
    // No GPU: its type is not read.
    near(run(ALWAYS_ON, ['gpuType', 'gpuZonalRedundancyDisabled']).floor, MONTH * (0.000018 + 0.5 * 0.000002));
    near(run({ ...ALWAYS_ON, gpuCount: 0, gpuType: 'x' }).floor, MONTH * (0.000018 + 0.5 * 0.000002));
  });

  test('malformed sizes and counts are unknown, never 0', () => {
    for (const bad of [{ cpu: Number.NaN }, { memoryMiB: Number.POSITIVE_INFINITY }]) {
      const c = run({ ...ALWAYS_ON, ...bad });
      assert.equal(c.floor, undefined, JSON.stringify(bad));
      assert.deepEqual(c.unknown, ['a CPU or memory limit is malformed']);
      assert.equal(c.floorBasis, '1 min instance × ? vCPU × ? GiB, instance-based');
    }
    const sidecar = run({ ...ALWAYS_ON, containers: [container(1, 512), container(1, Number.NaN)] });
    assert.deepEqual(sidecar.unknown, ['a CPU or memory limit is malformed']);
    const gpu = run({ ...ALWAYS_ON, gpuCount: Number.NaN, gpuType: 'nvidia-l4' });
    assert.equal(gpu.floor, undefined);
    assert.deepEqual(gpu.unknown, ['the GPU count is malformed']);
    const count = run({ ...ALWAYS_ON, minInstances: Number.NaN });
    assert.equal(count.floor, undefined);
    assert.deepEqual(count.unknown, ['the instance count is malformed']);
  });

  test('facts not known at synth time make the figures that read them unknown, and say which', () => {
    const region = run(ALWAYS_ON, ['region']);
    assert.equal(region.floor, undefined);
    assert.equal(region.perInstanceHour, undefined);
    assert.deepEqual(region.unknown, ['region is not known at synth time']);
    const min = run(ALWAYS_ON, ['minInstances']);
    assert.equal(min.floor, undefined);
    assert.equal(min.floorBasis, '? instances × 1 vCPU × 0.5 GiB, instance-based');
    assert.deepEqual(min.unknown, ['minInstances is not known at synth time']);
    near(min.perInstanceHour, 3600 * (0.000018 + 0.5 * 0.000002));
    const size = run(ALWAYS_ON, ['memoryMiB']);
    assert.equal(size.floor, undefined);
    assert.equal(size.floorBasis, '1 min instance × ? vCPU × ? GiB, instance-based');
    assert.deepEqual(size.unknown, ['memoryMiB is not known at synth time']);
    const manual = run({ scalingMode: 'MANUAL', manualInstances: 2, cpuIdle: false }, ['manualInstances']);
    assert.equal(manual.floor, undefined);
    assert.deepEqual(manual.unknown, ['manualInstances is not known at synth time']);
    const billing = run(ALWAYS_ON, ['cpuIdle']);
    assert.equal(billing.floor, undefined);
    assert.equal(billing.perMillionRequests, undefined);
    assert.deepEqual(billing.unknown, ['cpuIdle is not known at synth time']);
    // A known empty floor is 0 whatever else is unknown.
    assert.equal(run({ minInstances: 0 }, ['cpu', 'region', 'cpuIdle']).floor, 0);
  });

  test('a region the table lacks is unknown; a Tier 2 region costs 1.4 × Tier 1 (estimated)', () => {
    const mars = run({ ...ALWAYS_ON, region: 'mars-north1' });
    assert.equal(mars.floor, undefined);
    assert.deepEqual(mars.unknown, ["the price tier of region 'mars-north1' is not in the table"]);
    assert.deepEqual(run({ ...ALWAYS_ON, region: undefined }).unknown, [
      "the price tier of region '(not set)' is not in the table",
    ]);
    const london = run({ ...ALWAYS_ON, region: 'europe-west2' });
    near(london.floor, MONTH * (0.000018 + 0.5 * 0.000002) * 1.4);
    near(london.floorLines[0].unitPrice, 0.000018 * 1.4);
    assert.match(assumed(london), /europe-west2 is a Tier 2 region: Tier 1 prices × 1\.4 \(estimated\)/);
    assert.doesNotMatch(assumed(run(ALWAYS_ON)), /Tier 2/);
    // The free tier is worth its Tier 1 value wherever the resource runs.
    near(london.freeTier?.poolValue, 240_000 * 0.000018 + 450_000 * 0.000002);
  });
});

describe('Cloud Run per request and per hour', () => {
  test('a million requests, request-based: active CPU and memory, plus $0.40 per million', () => {
    const c = run({ cpu: 1, memoryMiB: 512 });
    // 1M × 0.2 s = 200,000 s one at a time.
    near(c.perMillionRequests, 200_000 * (0.000024 + 0.5 * 0.0000025) + 1_000_000 * 0.0000004);
    assert.deepEqual(
      c.perMillionLines.map((l) => [l.what, l.quantity, l.price]),
      [
        ['CPU', 200_000, 'cloud-run.request.cpu'],
        ['memory', 100_000, 'cloud-run.request.memory'],
        ['requests', 1_000_000, 'cloud-run.requests'],
      ],
    );
    assert.match(assumed(c), /a million requests of 200 ms, 1 at a time per instance, before the free tier(\n|$)/);
    assert.equal(c.perRequestNotApplicable, undefined);
  });

  test('instance-based: no request fee, and the time between requests is extra', () => {
    const c = run({ cpuIdle: false, cpu: 2, memoryMiB: 1024 });
    near(c.perMillionRequests, 200_000 * (2 * 0.000018 + 1 * 0.000002));
    assert.deepEqual(
      c.perMillionLines.map((l) => l.what),
      ['CPU', 'memory'],
    );
    assert.match(assumed(c), /before the free tier; instance-based: time instances stay up between requests is extra/);
  });

  test('durations are billed in 100 ms steps, rounded up', () => {
    const at = (ms: number) => run({ cpu: 1, memoryMiB: 512 }, [], { requestDurationMs: ms });
    const perSecond = 0.000024 + 0.5 * 0.0000025;
    near(at(350).perMillionRequests, 400_000 * perSecond + 0.4);
    assert.match(assumed(at(350)), /a million requests of 350 ms \(billed as 400 ms\)/);
    near(at(400).perMillionRequests, 400_000 * perSecond + 0.4);
    assert.doesNotMatch(assumed(at(400)), /billed as/);
    near(at(401).perMillionRequests, 500_000 * perSecond + 0.4);
    near(at(1).perMillionRequests, 100_000 * perSecond + 0.4);
  });

  test('requests at a time: the assumption, capped by the concurrency (80 by default, 1 below 1 vCPU)', () => {
    const perSecond = (cpu: number, memoryGiB: number) => cpu * 0.000024 + memoryGiB * 0.0000025;
    const c = (facts: Partial<CloudRunFacts>, requestConcurrency: number) =>
      run(facts, [], { requestConcurrency }).perMillionRequests;
    near(c({ cpu: 1, memoryMiB: 512 }, 100), (200_000 / 80) * perSecond(1, 0.5) + 0.4);
    near(c({ memoryMiB: 512 }, 100), (200_000 / 80) * perSecond(1, 0.5) + 0.4);
    near(c({ cpu: 1, memoryMiB: 512 }, 10), (200_000 / 10) * perSecond(1, 0.5) + 0.4);
    near(c({ cpu: 0.5, memoryMiB: 512 }, 10), 200_000 * perSecond(0.5, 0.5) + 0.4);
    near(c({ cpu: 0.5, memoryMiB: 512, concurrency: 4 }, 10), (200_000 / 4) * perSecond(0.5, 0.5) + 0.4);
    assert.match(assumed(run({ cpu: 1 }, [], { requestConcurrency: 100 })), /, 80 at a time per instance/);
    assert.equal(run({ cpu: 1 }, ['concurrency']).perMillionRequests, undefined);
    assert.deepEqual(run({ cpu: 1 }, ['concurrency']).perMillionLines, []);
  });

  test('Tier 2 requests: every line at 1.4 ×', () => {
    const c = run({ cpu: 1, memoryMiB: 512, region: 'asia-southeast1' });
    near(c.perMillionRequests, (200_000 * (0.000024 + 0.5 * 0.0000025) + 0.4) * 1.4);
  });

  test('jobs, worker pools and manual scaling have no per-request figure, and say why', () => {
    assert.equal(run({ workload: 'job' }).perRequestNotApplicable, 'a job serves no request');
    assert.equal(run({ workload: 'worker-pool' }).perRequestNotApplicable, 'a worker pool serves no request');
    const manual = run({ scalingMode: 'MANUAL', manualInstances: 1 });
    assert.equal(manual.perRequestNotApplicable, 'manual scaling: the instances are the floor, whatever the traffic');
    for (const c of [run({ workload: 'job' }), run({ workload: 'worker-pool' }), manual])
      assert.equal(c.perMillionRequests, undefined);
  });

  test('an instance-hour: active rates for request-based services, the floor rates otherwise', () => {
    near(run({ cpu: 2, memoryMiB: 1024 }).perInstanceHour, 3600 * (2 * 0.000024 + 1 * 0.0000025));
    near(run({ cpuIdle: false, cpu: 2, memoryMiB: 1024 }).perInstanceHour, 3600 * (2 * 0.000018 + 1 * 0.000002));
    near(
      run({ workload: 'worker-pool', cpu: 2, memoryMiB: 1024 }).perInstanceHour,
      3600 * (2 * 0.000011244 + 1 * 0.000001235),
    );
    near(run({ workload: 'job', cpu: 2, memoryMiB: 1024 }).perInstanceHour, 3600 * (2 * 0.000018 + 1 * 0.000002));
    near(
      run({ scalingMode: 'MANUAL', manualInstances: 1, cpu: 2, memoryMiB: 1024 }).perInstanceHour,
      3600 * (2 * 0.000024 + 1 * 0.0000025),
    );
  });
});

describe('Cloud Run jobs', () => {
  test('no floor: a job runs only when executed', () => {
    const c = run({ workload: 'job', cpu: 2, memoryMiB: 1024, minInstances: 3 });
    assert.equal(c.floor, 0);
    assert.equal(c.floorBasis, 'no instance (a job runs only when executed)');
    assert.equal(c.freeTier, undefined);
  });

  test('jobs are priced with the job entries of the table (overridable apart from services)', () => {
    const c = run({ workload: 'job', cpu: 2, memoryMiB: 1024 }, [], {
      pricing: { overrides: { 'cloud-run.job.cpu': 0.00001, 'cloud-run.job.memory': 0.000001 } },
    });
    near(c.perInstanceHour, 3600 * (2 * 0.00001 + 1 * 0.000001));
  });

  test('an execution at most: tasks × timeout (at least a minute) at instance-based rates', () => {
    const hour = 2 * 0.000018 + 1 * 0.000002; // per second, 2 vCPU and 1 GiB
    const job = (j: CloudRunFacts['job'], unknown: string[] = []) =>
      run({ workload: 'job', cpu: 2, memoryMiB: 1024, job: j }, unknown);
    // Defaults: 1 task, 600 s.
    near(job(undefined).perExecutionMax, 1 * 600 * hour);
    assert.match(assumed(job(undefined)), /an execution at most: 1 task\(s\) each running to the 600 s timeout/);
    near(job({ taskCount: 3, timeoutSeconds: 120 }).perExecutionMax, 3 * 120 * hour);
    near(job({ taskCount: 2, timeoutSeconds: 60 }).perExecutionMax, 2 * 60 * hour);
    near(job({ taskCount: 2, timeoutSeconds: 30 }).perExecutionMax, 2 * 60 * hour);
    near(job({ taskCount: 2, timeoutSeconds: 61 }).perExecutionMax, 2 * 61 * hour);
    assert.equal(job({ taskCount: Number.NaN }).perExecutionMax, undefined);
    assert.equal(job({ timeoutSeconds: Number.NaN }).perExecutionMax, undefined);
    assert.equal(job({ taskCount: 2 }, ['job.timeoutSeconds']).perExecutionMax, undefined);
    assert.equal(job({ taskCount: 2 }, ['cpu']).perExecutionMax, undefined);
    assert.equal(run({ cpu: 2, memoryMiB: 1024, job: { taskCount: 2 } }).perExecutionMax, undefined);
  });
});
