/**
 * Cloud Run worker pools: always-on instances for pull-based background work (queue consumers), with no endpoint, no
 * request-driven scaling and CPU always allocated. Sources: "Deploy worker pools"
 * (https://cloud.google.com/run/docs/deploy-worker-pools): "Worker pools are a Cloud Run resource specifically
 * designed for performing continuous background work"; "Container runtime contract"
 * (https://cloud.google.com/run/docs/container-contract): "If you set the minimum instances to 0, the worker instance
 * won't start, even if the deployment is successful"; "Configure CPU autoscaling for worker pools"
 * (https://cloud.google.com/run/docs/configuring/workerpools/cpu-autoscaling): "Cloud Run targets 60% CPU utilization
 * and scales your worker pool between 1 and 100 instances"; "Configure CPU limits for worker pools"
 * (https://cloud.google.com/run/docs/configuring/workerpools/cpu): "The minimum vCPU setting is 1 vCPU";
 * hashicorp/terraform-provider-google 6.50.0 `google_cloud_run_v2_worker_pool` (scaling_mode "defaults to MANUAL";
 * `vpc_access` has `network_interfaces` and `egress`, no `connector`).
 */
import { CheckLevel } from '../../core/levels';
import { formatCpu } from '../../core/quantity';
import { Pack } from '../rule';
import {
  type CloudRunRule,
  type CloudRunViolation,
  hasGpu,
  isRequestBilled,
  POOLS,
  SERVICE_CONSTRUCT,
  WORKER_POOL_CONSTRUCT,
} from './facts';

const SCALING_SOURCES =
  '"Container runtime contract", https://cloud.google.com/run/docs/container-contract; "Configure CPU autoscaling for worker pools", https://cloud.google.com/run/docs/configuring/workerpools/cpu-autoscaling; "Manual scaling for worker pools", https://cloud.google.com/run/docs/configuring/workerpools/manual-scaling';

export const CLOUD_RUN_WORKER_POOL_RULES: readonly CloudRunRule[] = [
  {
    id: 'GCR-WORKER-POOL-SCALING',
    pack: Pack.PLATFORM,
    level: CheckLevel.WARNING,
    suppressible: true,
    appliesTo: POOLS,
    title:
      'Worker pool scaling that runs nothing or is ignored: 0 manual instances, autoscaling from 0 or with a GPU, bounds of the other mode',
    explanation:
      'A worker pool with 0 manual instances starts no instance, even though the deployment succeeds. CPU autoscaling scales between 1 and 100 instances and, for GPU pools, is not offered. In manual mode min and max are ignored, and in automatic mode the manual count is.',
    source: `${SCALING_SOURCES}; "GPU support for worker pools", https://cloud.google.com/run/docs/configuring/workerpools/gpu`,
    reads: ['scalingMode', 'manualInstances', 'minInstances', 'maxInstances', 'gpuCount'],
    check: (f) => {
      let violations: CloudRunViolation[] | undefined;
      const add = (v: CloudRunViolation) => (violations ??= []).push(v);
      if (f.scalingMode === 'AUTOMATIC') {
        if (f.minInstances === 0) {
          add({
            fact: 'minInstances',
            message:
              'an autoscaled worker pool with 0 min instances can stop every instance, and nothing (no request) starts one again; CPU autoscaling is documented from 1 instance',
            fix: 'set min instances to at least 1',
          });
        }
        if (hasGpu(f)) {
          add({
            fact: 'scalingMode',
            message: 'GPU worker pools cannot be autoscaled',
            fix: 'use manual scaling with the instances the GPU work needs',
          });
        }
        if (f.manualInstances !== undefined) {
          add({
            fact: 'manualInstances',
            message: 'manual_instance_count is ignored when the scaling mode is AUTOMATIC',
            fix: 'remove manual_instance_count, or use MANUAL scaling',
          });
        }
        return violations;
      }
      if (f.manualInstances === 0) {
        add({
          fact: 'manualInstances',
          message: 'a worker pool with 0 manual instances runs nothing, though the deployment succeeds',
          fix: 'run at least 1 instance, or delete the worker pool',
        });
      }
      if (f.minInstances !== undefined || f.maxInstances !== undefined) {
        add({
          fact: f.minInstances !== undefined ? 'minInstances' : 'maxInstances',
          message: 'min and max instances are ignored in manual scaling mode (the default of a worker pool)',
          fix: "remove them, or set scaling_mode = 'AUTOMATIC'",
        });
      }
      return violations;
    },
  },
  {
    id: 'GCR-WORKER-POOL-CPU',
    pack: Pack.PLATFORM,
    level: CheckLevel.WARNING,
    suppressible: true,
    appliesTo: POOLS,
    title: 'A worker pool instance has at least 1 vCPU',
    explanation:
      'The current worker pool CPU page gives 1 vCPU as the minimum; older copies allowed less, so below 1 vCPU is a warning rather than an error.',
    source: '"Configure CPU limits for worker pools", https://cloud.google.com/run/docs/configuring/workerpools/cpu',
    reads: ['cpu'],
    // Unset: 1 vCPU, the default.
    check: ({ cpu = 1 }) =>
      cpu < 1
        ? {
            fact: 'cpu',
            message: `${formatCpu(cpu)} vCPU is below the 1 vCPU minimum the worker pool CPU page gives`,
            fix: 'use 1 vCPU',
          }
        : undefined,
  },
  {
    id: 'GCR-WORKER-POOL-VPC',
    pack: Pack.PLATFORM,
    level: CheckLevel.ERROR,
    suppressible: false,
    appliesTo: WORKER_POOL_CONSTRUCT,
    title: 'A worker pool reaches a VPC through Direct VPC egress (provider 6.50 has no connector for worker pools)',
    explanation:
      "The pinned provider writes a worker pool's vpc_access as network interfaces and egress only; a Serverless VPC Access connector cannot be written.",
    source:
      'hashicorp/terraform-provider-google 6.50.0 website/docs/r/cloud_run_v2_worker_pool.html.markdown (template.vpc_access)',
    reads: ['vpcConnector'],
    check: (f) =>
      f.vpcConnector === true
        ? {
            fact: 'vpcConnector',
            message: 'a worker pool cannot use a Serverless VPC Access connector with the pinned provider',
            fix: 'use VpcAccess.directVpc({ subnetwork })',
          }
        : undefined,
  },
  {
    id: 'GCR-BACKGROUND-WORKER-POOL',
    pack: Pack.COST,
    level: CheckLevel.WARNING,
    suppressible: true,
    appliesTo: SERVICE_CONSTRUCT,
    title: 'A service kept running for background work, with no web server declared, is what a worker pool is for',
    explanation:
      'backgroundWork with min instances and no server profile describes a queue consumer kept alive by a service: it pays for an endpoint and request-driven scaling it does not use, and idle service instances, min instances included, can be shut down at any time. A worker pool runs a fixed (or CPU-scaled) number of instances for continuous background work.',
    source:
      '"Billing settings for services" ("Idle instances, including those kept warm using minimum instances, can be shut down at any time"), https://cloud.google.com/run/docs/configuring/billing-settings; "Deploy worker pools", https://cloud.google.com/run/docs/deploy-worker-pools',
    reads: ['backgroundWork', 'server', 'minInstances', 'cpuIdle', 'resourcesWritten', 'workload'],
    check: (f) =>
      f.backgroundWork === true && f.server === undefined && (f.minInstances ?? 0) > 0 && !isRequestBilled(f)
        ? {
            fact: 'backgroundWork',
            message: `backgroundWork with ${f.minInstances} min instance(s) and no server profile looks like a queue consumer that serves no requests`,
            fix: 'if it serves no requests, use CloudRunWorkerPool (WorkerPoolScaling.manual(n)); if it does, declare its server profile',
          }
        : undefined,
  },
];
