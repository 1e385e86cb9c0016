/**
 * Cloud Run CPU and memory: the allowed vCPU values, the memory each vCPU count allows, and what fractional vCPU
 * requires. Source: "Configure CPU limits for services" (https://cloud.google.com/run/docs/configuring/services/cpu)
 * and "Configure memory limits for services" (https://cloud.google.com/run/docs/configuring/services/memory-limits).
 * The table is for instances without a GPU: a GPU type needs more ("For NVIDIA RTX PRO 6000 Blackwell GPU, you must
 * use a minimum of 20 CPU and 80 GiB of memory", "GPU support for services"), so with a GPU, whole vCPU counts above 8
 * and memory above 32 GiB are left to GCR-GPU (gpu.ts).
 */
import { CheckLevel } from '../../core/levels';
import { formatCpu, formatMiB } from '../../core/quantity';
import { Pack } from '../rule';
import { type CloudRunRule, type CloudRunViolation, CONTAINERS, hasGpu, isRequestBilled, SERVICES } from './facts';

/** Integer vCPU counts Cloud Run accepts (3, 5 and 7 are rejected). */
export const CLOUD_RUN_WHOLE_CPUS: readonly number[] = [1, 2, 4, 6, 8];
/** Smallest fractional vCPU. */
export const CLOUD_RUN_MIN_CPU = 0.08;
/** Memory limits per vCPU: [cpu at least, max MiB, min MiB]. Read top-down, first match wins. */
export const CLOUD_RUN_MEMORY_BY_CPU: ReadonlyArray<{
  readonly minCpu: number;
  readonly maxMiB: number;
  readonly minMiB: number;
}> = [
  { minCpu: 8, maxMiB: 32 * 1024, minMiB: 4 * 1024 },
  { minCpu: 6, maxMiB: 24 * 1024, minMiB: 4 * 1024 },
  { minCpu: 4, maxMiB: 16 * 1024, minMiB: 2 * 1024 },
  { minCpu: 2, maxMiB: 8 * 1024, minMiB: 0 },
  { minCpu: 1, maxMiB: 4 * 1024, minMiB: 0 },
  { minCpu: 0.5, maxMiB: 1024, minMiB: 0 },
  { minCpu: 0, maxMiB: 512, minMiB: 0 },
];
/** Absolute memory bounds. gen2 (and GPU, volumes) need 512 MiB; gen1 allows 128 MiB. */
export const CLOUD_RUN_MEMORY = { minGen1MiB: 128, minGen2MiB: 512, maxMiB: 32 * 1024 } as const;
/** What a revision gets when no limit is written: 1 vCPU and 512 MiB. */
export const CLOUD_RUN_RESOURCE_DEFAULTS = { cpu: 1, memory: '512Mi', memoryMiB: 512 } as const;

/** True for a vCPU count Cloud Run accepts. */
export function isAllowedCpu(cpu: number): boolean {
  if (!Number.isFinite(cpu)) return false;
  if (cpu >= 1) return CLOUD_RUN_WHOLE_CPUS.includes(cpu);
  return cpu >= CLOUD_RUN_MIN_CPU && Math.abs(cpu * 1000 - Math.round(cpu * 1000)) < 1e-9;
}

/**
 * The allowed vCPU values nearest to a refused one, below and above (each when there is one): 2 and 4 for 3, 0.123 and
 * 0.124 for 0.1234, 0.08 only above 0.05, 8 only below 9 (with a GPU, the whole counts around it above 8).
 */
export function nearestAllowedCpus(cpu: number, gpu = false): { below?: number; above?: number } {
  if (cpu < CLOUD_RUN_MIN_CPU) return { above: CLOUD_RUN_MIN_CPU };
  if (cpu < 1) return { below: Math.floor(cpu * 1000) / 1000, above: Math.ceil(cpu * 1000) / 1000 };
  const max = CLOUD_RUN_WHOLE_CPUS[CLOUD_RUN_WHOLE_CPUS.length - 1];
  if (cpu > max)
    return gpu && Number.isFinite(cpu) ? { below: Math.floor(cpu), above: Math.ceil(cpu) } : { below: max };
  return {
    below: [...CLOUD_RUN_WHOLE_CPUS].reverse().find((c) => c <= cpu),
    above: CLOUD_RUN_WHOLE_CPUS.find((c) => c >= cpu),
  };
}

/** The memory bounds for a vCPU count. */
export function memoryBoundsForCpu(cpu: number): { maxMiB: number; minMiB: number } {
  return (
    CLOUD_RUN_MEMORY_BY_CPU.find((row) => cpu >= row.minCpu) ??
    CLOUD_RUN_MEMORY_BY_CPU[CLOUD_RUN_MEMORY_BY_CPU.length - 1]
  );
}

/** The smallest allowed vCPU count whose memory ceiling admits `memoryMiB`. */
export function minCpuForMemory(memoryMiB: number): number | undefined {
  const fits = [...CLOUD_RUN_MEMORY_BY_CPU].reverse().find((row) => memoryMiB <= row.maxMiB);
  if (!fits) return undefined;
  return fits.minCpu === 0 ? CLOUD_RUN_MIN_CPU : fits.minCpu;
}

/** The default number of gunicorn workers for a vCPU count: one per whole vCPU, at least 1 (Google's guide). */
export function defaultWorkersForCpu(cpu: number): number {
  return Math.max(1, Math.floor(cpu));
}

export const CLOUD_RUN_RESOURCE_RULES: readonly CloudRunRule[] = [
  {
    id: 'GCR-CPU-VALUE',
    pack: Pack.PLATFORM,
    level: CheckLevel.ERROR,
    suppressible: false,
    appliesTo: CONTAINERS,
    title:
      'CPU must be 0.08 to below 1 vCPU (in steps of 0.001), or exactly 1, 2, 4, 6 or 8 (with a GPU, more whole vCPUs)',
    explanation:
      'Cloud Run rejects other CPU limits at deploy time. Integer values 3, 5 and 7 are not offered. With a GPU the 8 vCPU ceiling does not hold (an RTX PRO 6000 needs at least 20).',
    source:
      '"Configure CPU limits for services", https://cloud.google.com/run/docs/configuring/services/cpu; "GPU support for services", https://cloud.google.com/run/docs/configuring/services/gpu',
    reads: ['cpu', 'gpuCount'],
    check: (f) => {
      const { cpu } = f;
      if (cpu === undefined || isAllowedCpu(cpu)) return undefined;
      if (hasGpu(f) && Number.isInteger(cpu) && cpu > 8) return undefined;
      if (Number.isNaN(cpu))
        return { fact: 'cpu', message: 'CPU is not a valid quantity', fix: "write it like 1, 2, '0.5' or '1000m'" };
      // The nearest allowed values on both sides: which one the app needs is the author's call.
      const { below, above } = nearestAllowedCpus(cpu, hasGpu(f));
      const fix =
        below === undefined
          ? `use at least ${formatCpu(above!)} vCPU`
          : above === undefined
            ? `use at most ${formatCpu(below)} vCPU`
            : `use ${formatCpu(below)} or ${formatCpu(above)} vCPU${cpu < 1 ? ' (at most 3 decimals)' : ''}`;
      return {
        fact: 'cpu',
        message: `Cloud Run accepts 0.08 to below 1 vCPU (in steps of 0.001) or exactly ${CLOUD_RUN_WHOLE_CPUS.join(', ')}; ${cpu} is not allowed`,
        fix,
      };
    },
  },
  {
    id: 'GCR-MEMORY-RANGE',
    pack: Pack.PLATFORM,
    level: CheckLevel.ERROR,
    suppressible: false,
    appliesTo: CONTAINERS,
    title: 'Memory must be 128 MiB (gen1) or 512 MiB (gen2) up to 32 GiB (with a GPU, more)',
    explanation:
      'Cloud Run allows at most 32 GiB per CPU-only instance (a GPU type needs more: 80 GiB for an RTX PRO 6000); the second-generation execution environment, and so jobs and worker pools, need at least 512 MiB.',
    source:
      '"Configure memory limits for services", https://cloud.google.com/run/docs/configuring/services/memory-limits; "GPU support for services", https://cloud.google.com/run/docs/configuring/services/gpu',
    reads: ['memoryMiB', 'executionEnvironment', 'gpuCount'],
    check: (f) => {
      const { memoryMiB, executionEnvironment } = f;
      if (memoryMiB === undefined) return undefined;
      if (Number.isNaN(memoryMiB))
        return { fact: 'memoryMiB', message: 'memory is not a valid quantity', fix: "write it like '512Mi' or '2Gi'" };
      if (memoryMiB > CLOUD_RUN_MEMORY.maxMiB && !hasGpu(f)) {
        return {
          fact: 'memoryMiB',
          message: `memory ${formatMiB(memoryMiB)} is above Cloud Run's 32 GiB maximum`,
          fix: 'use at most 32Gi',
        };
      }
      const gen2 = executionEnvironment === 'GEN2';
      const min = gen2 ? CLOUD_RUN_MEMORY.minGen2MiB : CLOUD_RUN_MEMORY.minGen1MiB;
      if (memoryMiB < min) {
        return {
          fact: 'memoryMiB',
          message: `memory ${formatMiB(memoryMiB)} is below the ${formatMiB(min)} minimum${gen2 ? ' of the gen2 execution environment' : ''}`,
          fix: gen2 ? "use at least '512Mi' (note '512M' is only 488 MiB)" : "use at least '128Mi'",
        };
      }
      return undefined;
    },
  },
  {
    id: 'GCR-MEMORY-FOR-CPU',
    pack: Pack.PLATFORM,
    level: CheckLevel.ERROR,
    suppressible: false,
    appliesTo: CONTAINERS,
    title:
      'Memory must fit the CPU: ≤512 MiB below 0.5 vCPU, ≤1 GiB below 1, ≤4/8/16/24/32 GiB for 1/2/4/6/8 vCPU; 4 vCPU need ≥2 GiB, 6 and 8 need ≥4 GiB',
    explanation:
      'Cloud Run ties the memory limit to the CPU limit in both directions (for CPU-only instances: a GPU type sets its own minimum, GCR-GPU).',
    source:
      '"Configure CPU limits for services" (the vCPU and memory table; "A minimum of 0.5 vCPU is needed to set a memory limit greater than 512MiB"), https://cloud.google.com/run/docs/configuring/services/cpu',
    reads: ['cpu', 'memoryMiB', 'gpuCount'],
    check: (f) => {
      const { cpu = 1, memoryMiB = 512 } = f;
      if (!Number.isFinite(cpu) || !Number.isFinite(memoryMiB) || !isAllowedCpu(cpu)) return undefined;
      if (hasGpu(f) && memoryMiB > CLOUD_RUN_MEMORY.maxMiB) return undefined;
      const { maxMiB, minMiB } = memoryBoundsForCpu(cpu);
      if (memoryMiB > maxMiB) {
        const need = minCpuForMemory(memoryMiB);
        return {
          fact: 'memoryMiB',
          message: `Cloud Run allows at most ${formatMiB(maxMiB)} of memory with ${formatCpu(cpu)} vCPU; ${formatMiB(memoryMiB)} needs at least ${need === undefined ? 'more than 8' : formatCpu(need)} vCPU`,
          fix:
            need === undefined
              ? 'use at most 32Gi'
              : `raise cpu to ${formatCpu(need)} or lower memory to ${formatMiB(maxMiB)}`,
        };
      }
      if (memoryMiB < minMiB) {
        return {
          fact: 'memoryMiB',
          message: `${formatCpu(cpu)} vCPU need at least ${formatMiB(minMiB)} of memory; ${formatMiB(memoryMiB)} is too little`,
          fix: `raise memory to ${formatMiB(minMiB)} or lower cpu`,
        };
      }
      return undefined;
    },
  },
  {
    id: 'GCR-FRACTIONAL-CPU',
    pack: Pack.PLATFORM,
    level: CheckLevel.ERROR,
    suppressible: false,
    appliesTo: SERVICES,
    title: 'Below 1 vCPU: concurrency must be 1, billing request-based, and the execution environment not gen2',
    explanation: 'Cloud Run enforces these requirements for less than 1 vCPU.',
    source:
      '"Configure CPU limits for services" ("If you use less than 1 vCPU, the following requirements are enforced"), https://cloud.google.com/run/docs/configuring/services/cpu',
    reads: ['cpu', 'concurrency', 'cpuIdle', 'resourcesWritten', 'executionEnvironment'],
    check: (f) => {
      if (f.cpu === undefined || !(f.cpu < 1) || !isAllowedCpu(f.cpu)) return undefined;
      let violations: CloudRunViolation[] | undefined;
      const cpu = formatCpu(f.cpu);
      if (f.concurrency !== undefined && f.concurrency !== 1) {
        (violations ??= []).push({
          fact: 'concurrency',
          message: `with ${cpu} vCPU concurrency must be 1, not ${f.concurrency}`,
          fix: 'set concurrency to 1 or cpu to at least 1',
        });
      }
      if (!isRequestBilled(f)) {
        (violations ??= []).push({
          fact: 'cpuIdle',
          message: `with ${cpu} vCPU billing must be request-based (cpu_idle true); instance-based billing needs at least 1 vCPU`,
          fix: 'use request-based billing or set cpu to at least 1',
        });
      }
      if (f.executionEnvironment === 'GEN2') {
        (violations ??= []).push({
          fact: 'executionEnvironment',
          message: `with ${cpu} vCPU the gen2 execution environment is rejected`,
          fix: 'use the gen1 execution environment or set cpu to at least 1',
        });
      }
      return violations;
    },
  },
];
