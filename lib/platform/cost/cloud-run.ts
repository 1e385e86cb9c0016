/**
 * What a Cloud Run service, job or worker pool costs: its monthly floor (min instances, manual instances, always-on
 * worker pools, a resident GPU) and the cost of a million requests. Every container of the instance is billed (sidecars
 * included); fractional vCPU is billed as the fraction; prices come from platform/pricing.ts. Sources: "Cloud Run
 * pricing" (https://cloud.google.com/run/pricing); "Set minimum instances for services"
 * (https://cloud.google.com/run/docs/configuring/min-instances); "Manual scaling for worker pools"
 * (https://cloud.google.com/run/docs/configuring/workerpools/manual-scaling): "all the instances that you requested
 * are billed as active instances, even if they happen to be idle".
 */
import { ResourceKind } from '../kinds';
import {
  CLOUD_RUN_WORKER_POOL_DEFAULT_INSTANCES,
  type CloudRunFacts,
  hasGpu,
  isManuallyScaled,
  isRequestBilled,
  workloadOf,
} from '../cloud-run/facts';
import { CLOUD_RUN_RESOURCE_DEFAULTS } from '../cloud-run/resources';
import { CLOUD_RUN_JOB_LIMITS } from '../cloud-run/jobs';
import { CLOUD_RUN_CONCURRENCY } from '../cloud-run/requests';
import { cloudRunTier, type PriceId } from '../pricing';
import type { FactSet } from '../rule';
import {
  type CostLine,
  count,
  defaultCostOptions,
  formatMoney,
  grouped,
  type FreeTierClaim,
  line,
  quantity,
  type ResolvedCostOptions,
  type ResourceCost,
  SECONDS_PER_HOUR,
  sum,
} from './model';
import { unknownRecorder } from './unknown';

const KIND_OF_WORKLOAD = {
  service: ResourceKind.CLOUD_RUN_SERVICE,
  job: ResourceKind.CLOUD_RUN_JOB,
  'worker-pool': ResourceKind.CLOUD_RUN_WORKER_POOL,
} as const;

/** The instance's size: every container's CPU and memory (unset limits: the defaults), its GPU. */
interface InstanceSize {
  readonly cpu: number;
  readonly memoryGiB: number;
  readonly containers: number;
  readonly gpu: number;
}

function sizeOf(f: Readonly<CloudRunFacts>): InstanceSize | string {
  const containers =
    f.containers && f.containers.length > 0 ? f.containers : [{ cpu: f.cpu, memoryMiB: f.memoryMiB, gpuCount: 0 }];
  let cpu = 0;
  let memoryMiB = 0;
  for (const c of containers) {
    const cCpu = c.cpu ?? CLOUD_RUN_RESOURCE_DEFAULTS.cpu;
    const cMemory = c.memoryMiB ?? CLOUD_RUN_RESOURCE_DEFAULTS.memoryMiB;
    if (!Number.isFinite(cCpu) || !Number.isFinite(cMemory)) return 'a CPU or memory limit is malformed';
    cpu += cCpu;
    memoryMiB += cMemory;
  }
  const gpu = hasGpu(f) ? (f.gpuCount ?? 0) : 0;
  if (!Number.isFinite(gpu)) return 'the GPU count is malformed';
  return { cpu, memoryGiB: memoryMiB / 1024, containers: containers.length, gpu };
}

/** What the floor and per-request figures read; an unknown one makes them unknown. */
const SIZE_READS = ['containers', 'cpu', 'memoryMiB', 'gpuCount'];
const GPU_READS = ['gpuType', 'gpuZonalRedundancyDisabled'];
const BILLING_READS = ['cpuIdle', 'resourcesWritten'];

/** The instances that run with no traffic, and how they are counted (`1 min instance`), or unknown facts. */
function residentInstances(f: Readonly<CloudRunFacts>): { n: number; what: string; reads: string[] } {
  const workload = workloadOf(f);
  if (workload === 'job') return { n: 0, what: 'no instance (a job runs only when executed)', reads: [] };
  if (isManuallyScaled(f)) {
    const pool = workload === 'worker-pool';
    const n = f.manualInstances ?? (pool ? CLOUD_RUN_WORKER_POOL_DEFAULT_INSTANCES : 0);
    return {
      n,
      what: count(n, pool ? 'worker instance' : 'manual instance'),
      reads: ['scalingMode', 'manualInstances'],
    };
  }
  const n = (f.minInstances ?? 0) + (f.serviceMinInstances ?? 0);
  return { n, what: count(n, 'min instance'), reads: ['scalingMode', 'minInstances', 'serviceMinInstances'] };
}

/** The size in words: `2 vCPU × 2 GiB`, with sidecars and GPU. */
function describeSize(s: InstanceSize, f: Readonly<CloudRunFacts>): string {
  const parts = [`${quantity(s.cpu)} vCPU`, `${quantity(s.memoryGiB)} GiB`];
  if (s.gpu > 0) parts.push(`${s.gpu} GPU ${f.gpuType ?? '?'}`);
  const size = parts.join(' × ');
  return s.containers > 1 ? `${size} (${s.containers} containers)` : size;
}

interface Rates {
  readonly cpu: PriceId;
  readonly memory: PriceId;
  readonly mode: string;
}

function gpuPrice(f: Readonly<CloudRunFacts>): PriceId | string {
  if (workloadOf(f) === 'worker-pool') return 'the pricing page lists no GPU price for worker pools';
  if (f.gpuType !== 'nvidia-l4') return `the pricing table has no price for GPU type '${f.gpuType ?? '(not set)'}'`;
  return f.gpuZonalRedundancyDisabled === true
    ? 'cloud-run.gpu.nvidia-l4.no-zonal-redundancy'
    : 'cloud-run.gpu.nvidia-l4';
}

/**
 * The cost figures of a Cloud Run resource from its facts. Unknown facts make the figures that read them unknown,
 * never zero.
 */
export function cloudRunCost(
  set: FactSet<CloudRunFacts>,
  options: ResolvedCostOptions = defaultCostOptions(),
  kind?: ResourceKind,
): ResourceCost {
  const f = set.facts;
  const workload = workloadOf(f);
  const { prices } = options;
  const currency = prices.currency;
  const unknown: string[] = [];
  const assumptions: string[] = [`a month of ${prices.value('month.hours')} hours`];
  const missing = unknownRecorder(set.unknown, unknown);
  const base = { kind: kind ?? KIND_OF_WORKLOAD[workload], currency, assumptions, unknown };

  // The region's price tier.
  let tier: number | undefined;
  if (!missing(['region'])) {
    tier = cloudRunTier(f.region ?? '');
    if (tier === undefined) unknown.push(`the price tier of region '${f.region ?? '(not set)'}' is not in the table`);
    else if (tier === 2)
      assumptions.push(
        `${f.region} is a Tier 2 region: Tier 1 prices × ${prices.value('cloud-run.tier-2.multiplier')} (estimated)`,
      );
  }
  const multiplier = tier === 2 ? prices.value('cloud-run.tier-2.multiplier') : 1;
  const unit = (id: PriceId) => prices.value(id) * multiplier;

  const sizeUnknown = missing(SIZE_READS);
  const size = sizeUnknown ? undefined : sizeOf(f);
  if (typeof size === 'string') unknown.push(size);
  const instance = typeof size === 'object' ? size : undefined;
  let gpu: PriceId | undefined;
  if (instance && instance.gpu > 0 && !missing(GPU_READS)) {
    const p = gpuPrice(f);
    if (p.startsWith('cloud-run.')) gpu = p as PriceId;
    else unknown.push(p);
  }
  const gpuKnown = gpu !== undefined || instance?.gpu === 0;
  const billingKnown = workload !== 'service' || !missing(BILLING_READS);
  const requestBilled = billingKnown && isRequestBilled(f);
  const rates: Rates =
    workload === 'job'
      ? { cpu: 'cloud-run.job.cpu', memory: 'cloud-run.job.memory', mode: 'job (instance-based)' }
      : workload === 'worker-pool'
        ? { cpu: 'cloud-run.worker-pool.cpu', memory: 'cloud-run.worker-pool.memory', mode: 'worker pool' }
        : requestBilled && isManuallyScaled(f)
          ? {
              cpu: 'cloud-run.request.cpu',
              memory: 'cloud-run.request.memory',
              mode: 'request-based, billed as active',
            }
          : requestBilled
            ? {
                cpu: 'cloud-run.request.idle-cpu',
                memory: 'cloud-run.request.idle-memory',
                mode: 'request-based, idle',
              }
            : { cpu: 'cloud-run.instance.cpu', memory: 'cloud-run.instance.memory', mode: 'instance-based' };
  if (instance && instance.containers > 1)
    assumptions.push('every container is billed: the instance is the sum of their CPU and memory limits');
  if (instance && (f.containers ?? []).some((c) => c.cpu === undefined || c.memoryMiB === undefined))
    assumptions.push(
      `containers without limits get ${CLOUD_RUN_RESOURCE_DEFAULTS.cpu} vCPU and ${CLOUD_RUN_RESOURCE_DEFAULTS.memoryMiB} MiB`,
    );

  // Per hour of one instance, at the floor's rates.
  const hourLines = (size: InstanceSize, seconds: number, r: Rates): CostLine[] => {
    const lines = [
      line('CPU', seconds * size.cpu, 'vCPU-seconds', r.cpu, unit(r.cpu)),
      line('memory', seconds * size.memoryGiB, 'GiB-seconds', r.memory, unit(r.memory)),
    ];
    if (gpu) lines.push(line('GPU', seconds * size.gpu, 'GPU-seconds', gpu, unit(gpu)));
    return lines;
  };
  // The instance, when every price it needs is known.
  const priced = tier !== undefined && gpuKnown && billingKnown ? instance : undefined;

  // The floor.
  const resident = residentInstances(f);
  const residentUnknown = missing(resident.reads);
  const monthSeconds = prices.value('month.hours') * SECONDS_PER_HOUR;
  let floor: number | undefined;
  let floorLines: CostLine[] = [];
  let freeTier: FreeTierClaim | undefined;
  const sizeText = instance ? describeSize(instance, f) : '? vCPU × ? GiB';
  const floorBasis =
    workload === 'job'
      ? resident.what
      : `${residentUnknown ? '? instances' : resident.what} × ${sizeText}, ${rates.mode}`;
  if (!residentUnknown && Number.isFinite(resident.n)) {
    if (resident.n <= 0) floor = 0;
    else if (priced) {
      floorLines = hourLines(priced, monthSeconds * resident.n, rates);
      floor = sum(floorLines);
      freeTier = cloudRunFreeTier(workload, requestBilled, floorLines, options);
      if (requestBilled && isManuallyScaled(f))
        assumptions.push(
          'manual instances are billed as active, as "Manual scaling for worker pools" says (the page for services does not say), and not covered by the free tier',
        );
      else if (requestBilled)
        assumptions.push('idle min instances are billed at the idle rate and not covered by the free tier');
    }
  } else if (!residentUnknown) unknown.push('the instance count is malformed');

  // A million requests (services).
  let perMillionRequests: number | undefined;
  let perMillionLines: CostLine[] = [];
  let perRequestNotApplicable: string | undefined;
  if (workload !== 'service')
    perRequestNotApplicable = workload === 'job' ? 'a job serves no request' : 'a worker pool serves no request';
  else if (isManuallyScaled(f))
    perRequestNotApplicable = 'manual scaling: the instances are the floor, whatever the traffic';
  else if (priced && !missing(['concurrency'])) {
    const own =
      f.concurrency ??
      ((f.cpu ?? CLOUD_RUN_RESOURCE_DEFAULTS.cpu) < 1
        ? CLOUD_RUN_CONCURRENCY.belowOneCpu
        : CLOUD_RUN_CONCURRENCY.default);
    const c = Math.min(options.requestConcurrency, own);
    const duration = Math.ceil(options.requestDurationMs / 100) * 100;
    const activeSeconds = (1_000_000 * duration) / 1000 / c;
    const active: Rates = requestBilled
      ? { cpu: 'cloud-run.request.cpu', memory: 'cloud-run.request.memory', mode: 'request-based' }
      : { cpu: 'cloud-run.instance.cpu', memory: 'cloud-run.instance.memory', mode: 'instance-based' };
    perMillionLines = hourLines(priced, activeSeconds, active);
    if (requestBilled) {
      const r: PriceId = 'cloud-run.requests';
      perMillionLines.push(line('requests', 1_000_000, 'requests', r, unit(r)));
    }
    perMillionRequests = sum(perMillionLines);
    assumptions.push(
      `a million requests of ${options.requestDurationMs} ms${duration !== options.requestDurationMs ? ` (billed as ${duration} ms)` : ''}, ${c} at a time per instance, before the free tier${requestBilled ? '' : '; instance-based: time instances stay up between requests is extra'}`,
    );
  }
  const perInstanceHour = priced
    ? sum(
        hourLines(
          priced,
          SECONDS_PER_HOUR,
          requestBilled // only services are request-billed
            ? { cpu: 'cloud-run.request.cpu', memory: 'cloud-run.request.memory', mode: '' }
            : rates,
        ),
      )
    : undefined;

  // A job: an execution whose tasks all run to the timeout, each billed at least a minute.
  let perExecutionMax: number | undefined;
  if (workload === 'job' && perInstanceHour !== undefined && !missing(['job.taskCount', 'job.timeoutSeconds'])) {
    const tasks = f.job?.taskCount ?? CLOUD_RUN_JOB_LIMITS.defaultTaskCount;
    const timeout = f.job?.timeoutSeconds ?? CLOUD_RUN_JOB_LIMITS.defaultTimeoutSeconds;
    if (Number.isFinite(tasks) && Number.isFinite(timeout)) {
      perExecutionMax = (tasks * Math.max(timeout, 60) * perInstanceHour) / SECONDS_PER_HOUR;
      assumptions.push(
        `an execution at most: ${tasks} task(s) each running to the ${timeout} s timeout, retries not counted`,
      );
    }
  }

  return {
    ...base,
    perExecutionMax,
    floor,
    floorBasis,
    floorLines,
    perMillionRequests,
    perMillionLines,
    perInstanceHour,
    perRequestNotApplicable,
    freeTier,
  };
}

/**
 * The part of the monthly free tier a floor could use: the free vCPU- and GiB-seconds of its billing mode at Tier 1
 * prices ("applied as a spending based discount using Tier 1 pricing"). Idle min instances of request-based services
 * are not known to be covered, so they claim nothing; neither does a GPU.
 */
function cloudRunFreeTier(
  workload: string,
  requestBilled: boolean,
  lines: readonly CostLine[],
  options: ResolvedCostOptions,
): FreeTierClaim | undefined {
  if (requestBilled) return undefined;
  const p = options.prices;
  const pool = workload === 'worker-pool' ? 'worker-pool' : 'instance';
  const freeCpu = p.value(`cloud-run.free.${pool}.cpu`);
  const freeMemory = p.value(`cloud-run.free.${pool}.memory`);
  const cpuPrice = p.value(pool === 'instance' ? 'cloud-run.instance.cpu' : 'cloud-run.worker-pool.cpu');
  const memoryPrice = p.value(pool === 'instance' ? 'cloud-run.instance.memory' : 'cloud-run.worker-pool.memory');
  // The floor's lines: CPU, memory, then a GPU (which the free tier does not cover).
  const [cpu, memory] = lines.map((l) => l.quantity);
  const poolValue = freeCpu * cpuPrice + freeMemory * memoryPrice;
  const value = Math.min(cpu, freeCpu) * cpuPrice + Math.min(memory, freeMemory) * memoryPrice;
  return {
    pool: 'cloud-run',
    poolValue,
    value,
    describe: `${grouped(freeCpu)} vCPU-seconds and ${grouped(freeMemory)} GiB-seconds a month (${formatMoney(poolValue, p.currency)} per billing account)`,
  };
}
