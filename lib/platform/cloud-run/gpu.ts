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
import { cloudRunCost } from '../cost/cloud-run';
import { hourNote } from '../cost/model';
import { Pack } from '../rule';
import {
  type CloudRunRule,
  type CloudRunViolation,
  CONTAINERS,
  hasGpu,
  isManuallyScaled,
  isRequestBilled,
  SERVICES,
} from './facts';
import { CLOUD_RUN_RESOURCE_DEFAULTS } from './resources';
import { ownEntry } from '../../core/tables';

/** A GPU type Cloud Run documents. */
export interface CloudRunGpuType {
  readonly name: string;
  readonly minCpu: number;
  readonly minMemoryMiB: number;
  /** True for a type in Preview, which the API offers only to resources with a preview `launch_stage`. */
  readonly preview: boolean;
}

/** The GPU types (`node_selector.accelerator`) and what each needs. */
export const CLOUD_RUN_GPUS: Readonly<Record<string, CloudRunGpuType>> = {
  'nvidia-l4': { name: 'NVIDIA L4', minCpu: 4, minMemoryMiB: 16 * 1024, preview: false },
  'nvidia-rtx-pro-6000': { name: 'NVIDIA RTX PRO 6000 Blackwell', minCpu: 20, minMemoryMiB: 80 * 1024, preview: true },
};

/** The GPU type named `name`, if Cloud Run documents it (own keys only: `constructor` is no GPU). */
export function gpuTypeOf(name: string | undefined): CloudRunGpuType | undefined {
  return ownEntry(CLOUD_RUN_GPUS, name);
}

/**
 * The regions where Cloud Run documents GPUs ("GPU support for services", supported regions; asia-south1 by invitation
 * only). The list grows: a region outside it is a warning.
 */
export const CLOUD_RUN_GPU_REGIONS: readonly string[] = [
  'us-central1',
  'us-east4',
  'europe-west1',
  'europe-west4',
  'asia-southeast1',
  'asia-south1',
];

/** The launch stages that let a resource use preview features. */
export const CLOUD_RUN_PREVIEW_LAUNCH_STAGES: readonly string[] = ['ALPHA', 'BETA'];

const GPU_PAGE = '"GPU support for services", https://cloud.google.com/run/docs/configuring/services/gpu';

export const CLOUD_RUN_GPU_RULES: readonly CloudRunRule[] = [
  {
    id: 'GCR-GPU',
    pack: Pack.PLATFORM,
    level: CheckLevel.ERROR,
    suppressible: false,
    appliesTo: CONTAINERS,
    title:
      'A GPU: exactly one per instance, its type named, the CPU and memory its type needs (L4: 4 vCPU, 16 GiB; RTX PRO 6000: 20 vCPU, 80 GiB), instance-based billing',
    explanation:
      'Cloud Run attaches one GPU per instance, of the type node_selector.accelerator names (required with a GPU; an accelerator without nvidia.com/gpu is a warning: the GPU pages set both, one Google job sample only the accelerator), requires a minimum of CPU and memory for each GPU type, and runs GPU services with instance-based billing only.',
    source: `${GPU_PAGE}; googleapis/googleapis google/cloud/run/v2/k8s.min.proto (ResourceRequirements.limits, NodeSelector.accelerator: "Required")`,
    scope: { reads: ['gpuCount', 'gpuType'], when: (f) => hasGpu(f) || (f.gpuType ?? '') !== '' },
    reads: ['gpuCount', 'gpuType', 'cpu', 'memoryMiB', 'cpuIdle', 'resourcesWritten', 'workload'],
    check: (f) => {
      if (!hasGpu(f)) {
        return f.gpuType === undefined || f.gpuType === ''
          ? undefined
          : {
              fact: 'gpuType',
              message: `node_selector.accelerator is ${f.gpuType}, but the container does not ask for nvidia.com/gpu; the GPU pages set both, and the CPU and memory a GPU needs are not checked without it`,
              fix: "add nvidia.com/gpu = '1' (and the CPU and memory the GPU needs) to the container's limits",
              level: CheckLevel.WARNING,
            };
      }
      let violations: CloudRunViolation[] | undefined;
      if (f.gpuType === undefined || f.gpuType === '') {
        (violations ??= []).push({
          fact: 'gpuType',
          message: 'a GPU needs its type in node_selector.accelerator',
          fix: "write node_selector { accelerator = 'nvidia-l4' }",
        });
      }
      if (f.gpuCount !== 1) {
        (violations ??= []).push({
          fact: 'gpuCount',
          message: `nvidia.com/gpu = ${f.gpuCount}: Cloud Run attaches exactly one GPU per instance`,
          fix: "write '1'",
        });
      }
      const gpu = gpuTypeOf(f.gpuType);
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
  {
    id: 'GCR-GPU-TYPE',
    pack: Pack.PLATFORM,
    level: CheckLevel.WARNING,
    suppressible: true,
    appliesTo: CONTAINERS,
    title: 'The GPU type is one Cloud Run documents; a Preview type comes with a preview launch stage',
    explanation:
      'Cloud Run documents the NVIDIA L4 (nvidia-l4) and, in Preview, the NVIDIA RTX PRO 6000 Blackwell (nvidia-rtx-pro-6000). The provider takes any string. Preview features are offered to resources whose launch_stage is BETA (or ALPHA); GA is assumed when it is not written.',
    source: `${GPU_PAGE}; hashicorp/terraform-provider-google website/docs/r/cloud_run_v2_service.html.markdown (launch_stage: "Set the launch stage to a preview stage on input to allow use of preview features in that stage")`,
    scope: { reads: ['gpuCount'], when: hasGpu },
    reads: ['gpuType', 'gpuCount', 'launchStage'],
    check: (f) => {
      if (!hasGpu(f) || f.gpuType === undefined || f.gpuType === '') return undefined;
      const gpu = gpuTypeOf(f.gpuType);
      if (!gpu) {
        return {
          fact: 'gpuType',
          message: `'${f.gpuType}' is not a GPU type Cloud Run documents (${Object.keys(CLOUD_RUN_GPUS).join(', ')})`,
          fix: "use 'nvidia-l4'",
        };
      }
      if (gpu.preview && !CLOUD_RUN_PREVIEW_LAUNCH_STAGES.includes(f.launchStage ?? 'GA')) {
        return {
          fact: 'gpuType',
          message: `the ${gpu.name} is in Preview, and the launch stage is ${f.launchStage ?? 'GA (not written)'}`,
          fix: "write launch_stage = 'BETA' (Preview: no SLA), or use 'nvidia-l4'",
        };
      }
      return undefined;
    },
  },
  {
    id: 'GCR-GPU-REGION',
    pack: Pack.PLATFORM,
    level: CheckLevel.WARNING,
    suppressible: true,
    appliesTo: CONTAINERS,
    title: `A GPU runs in a region where Cloud Run documents GPUs (${CLOUD_RUN_GPU_REGIONS.join(', ')})`,
    explanation:
      'Cloud Run offers GPUs in a few regions (asia-south1 by invitation). The list grows, so a region outside it is a warning: check the current page before deploying.',
    source: `${GPU_PAGE} (supported regions); "GPU zonal redundancy for services", https://cloud.google.com/run/docs/configuring/services/gpu-zonal-redundancy`,
    scope: { reads: ['gpuCount'], when: hasGpu },
    reads: ['gpuCount', 'region'],
    check: (f) =>
      hasGpu(f) && f.region !== undefined && !CLOUD_RUN_GPU_REGIONS.includes(f.region)
        ? {
            fact: 'region',
            message: `Cloud Run does not document GPUs in ${f.region}`,
            fix: `deploy to one of ${CLOUD_RUN_GPU_REGIONS.join(', ')}, or check that the current GPU page lists ${f.region}`,
          }
        : undefined,
  },
  {
    id: 'GCR-GPU-MAX-INSTANCES',
    pack: Pack.COST,
    level: CheckLevel.WARNING,
    suppressible: true,
    appliesTo: SERVICES,
    title: 'A GPU service sets max instances within its GPU quota',
    explanation:
      "Each instance holds one GPU of the project's regional GPU quota, a separate quota for GPUs with and without zonal redundancy that projects must request. Without max instances the service may scale past it (deployments then fail for lack of quota) and every instance is billed for a whole GPU.",
    source: `${GPU_PAGE}; "GPU zonal redundancy for services" (request quota), https://cloud.google.com/run/docs/configuring/services/gpu-zonal-redundancy`,
    scope: { reads: ['gpuCount'], when: hasGpu },
    reads: ['gpuCount', 'maxInstances', 'scalingMode', 'gpuZonalRedundancyDisabled'],
    check: (f, context, unknown) =>
      hasGpu(f) && !isManuallyScaled(f) && (f.maxInstances === undefined || f.maxInstances === 0)
        ? {
            fact: 'maxInstances',
            message: `the GPU service sets no max instances, so it can scale to as many GPUs as the ${f.gpuZonalRedundancyDisabled ? 'non-zonal-redundancy' : 'zonal-redundancy'} GPU quota of the region allows, each billed for its whole lifetime${hourNote(cloudRunCost({ facts: f, unknown }, context.cost), context.cost)}`,
            fix: 'set maxInstances to the GPUs you have quota and budget for',
          }
        : undefined,
  },
];
