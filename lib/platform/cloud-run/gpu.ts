/**
 * GPUs on Cloud Run: one per instance, on one container, with a minimum of CPU and memory per GPU type and
 * instance-based billing. Sources: "GPU support for services" (https://cloud.google.com/run/docs/configuring/services/gpu):
 * "For L4 GPUs, you must use a minimum of 4 CPU and 16 GiB of memory", "For NVIDIA RTX PRO 6000 Blackwell GPU, you
 * must use a minimum of 20 CPU and 80 GiB of memory", "You must use instance-based billing to use the GPU feature";
 * googleapis/googleapis `google/cloud/run/v2/k8s.min.proto` (ResourceRequirements: "The only supported
 * 'nvidia.com/gpu' value is '1'").
 *
 * With a GPU the 8 vCPU / 32 GiB table of CPU-only instances does not hold (the RTX PRO 6000 needs more), scaling to
 * zero is allowed, and the instance is billed for its whole lifetime anyway, so the billing warnings about CPU-only
 * services do not apply (see billing.ts, resources.ts).
 */
import { CheckLevel } from '../../core/levels';
import { formatCpu, formatMiB } from '../../core/quantity';
import { Pack } from '../rule';
import { type CloudRunRule, type CloudRunViolation, CONTAINERS, hasGpu, isRequestBilled } from './facts';
import { CLOUD_RUN_RESOURCE_DEFAULTS } from './resources';

/** The GPU types (`node_selector.accelerator`) and what each needs. */
export const CLOUD_RUN_GPUS: Readonly<
  Record<string, { readonly name: string; readonly minCpu: number; readonly minMemoryMiB: number }>
> = {
  'nvidia-l4': { name: 'NVIDIA L4', minCpu: 4, minMemoryMiB: 16 * 1024 },
  'nvidia-rtx-pro-6000': { name: 'NVIDIA RTX PRO 6000 Blackwell', minCpu: 20, minMemoryMiB: 80 * 1024 },
};

export const CLOUD_RUN_GPU_RULES: readonly CloudRunRule[] = [
  {
    id: 'GCR-GPU',
    pack: Pack.PLATFORM,
    level: CheckLevel.ERROR,
    suppressible: false,
    appliesTo: CONTAINERS,
    title:
      'A GPU: exactly one per instance, the CPU and memory its type needs (L4: 4 vCPU, 16 GiB; RTX PRO 6000: 20 vCPU, 80 GiB), instance-based billing',
    explanation:
      'Cloud Run attaches one GPU per instance, requires a minimum of CPU and memory for each GPU type, and runs GPU services with instance-based billing only.',
    source:
      '"GPU support for services", https://cloud.google.com/run/docs/configuring/services/gpu; googleapis/googleapis google/cloud/run/v2/k8s.min.proto (ResourceRequirements.limits)',
    reads: ['gpuCount', 'gpuType', 'cpu', 'memoryMiB', 'cpuIdle', 'resourcesWritten', 'workload'],
    check: (f) => {
      if (!hasGpu(f)) return undefined;
      let violations: CloudRunViolation[] | undefined;
      if (f.gpuCount !== 1) {
        (violations ??= []).push({
          fact: 'gpuCount',
          message: `nvidia.com/gpu = ${f.gpuCount}: Cloud Run attaches exactly one GPU per instance`,
          fix: "write '1'",
        });
      }
      const gpu = f.gpuType === undefined ? undefined : CLOUD_RUN_GPUS[f.gpuType];
      const cpu = f.cpu ?? CLOUD_RUN_RESOURCE_DEFAULTS.cpu;
      const memory = f.memoryMiB ?? CLOUD_RUN_RESOURCE_DEFAULTS.memoryMiB;
      if (gpu && Number.isFinite(cpu) && cpu < gpu.minCpu) {
        (violations ??= []).push({
          fact: 'cpu',
          message: `an ${gpu.name} GPU needs at least ${gpu.minCpu} vCPU; ${formatCpu(cpu)} is too little`,
          fix: `set cpu to at least ${gpu.minCpu}`,
        });
      }
      if (gpu && Number.isFinite(memory) && memory < gpu.minMemoryMiB) {
        (violations ??= []).push({
          fact: 'memoryMiB',
          message: `an ${gpu.name} GPU needs at least ${formatMiB(gpu.minMemoryMiB)} of memory; ${formatMiB(memory)} is too little`,
          fix: `set memory to at least ${formatMiB(gpu.minMemoryMiB)}`,
        });
      }
      if (isRequestBilled(f)) {
        (violations ??= []).push({
          fact: 'cpuIdle',
          message:
            'a GPU service must use instance-based billing; request-based billing (CPU throttled outside requests) is refused',
          fix: 'write cpu_idle = false (v1: run.googleapis.com/cpu-throttling: "false")',
        });
      }
      return violations;
    },
  },
];
