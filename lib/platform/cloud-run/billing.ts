/**
 * Cloud Run billing: request-based (`cpu_idle = true`) or instance-based, and what each means for background work.
 * Source: "Billing settings for services" (https://cloud.google.com/run/docs/configuring/billing-settings).
 */
import { CheckLevel } from '../../core/levels';
import { Pack } from '../rule';
import {
  type CloudRunRule,
  hasGpu,
  isManuallyScaled,
  isRequestBilled,
  SERVICE,
  SERVICE_CONSTRUCT,
  SERVICES,
} from './facts';

export const CLOUD_RUN_BILLING_RULES: readonly CloudRunRule[] = [
  {
    id: 'GCR-CPU-IDLE-IMPLICIT',
    pack: Pack.COST,
    level: CheckLevel.WARNING,
    suppressible: true,
    appliesTo: SERVICE,
    title: 'A resources block without cpu_idle silently selects instance-based billing',
    explanation:
      'The API defaults cpu_idle to true only when no resources block is sent; once limits are written the caller must set cpu_idle = true to keep request-based billing. Not for a GPU service, which must be instance-billed anyway.',
    source:
      'googleapis/googleapis google/cloud/run/v2/k8s.min.proto (ResourceRequirements.cpu_idle); hashicorp/terraform-provider-google issue 17246; "GPU support for services", https://cloud.google.com/run/docs/configuring/services/gpu',
    reads: ['cpuIdle', 'resourcesWritten', 'gpuCount'],
    check: (f) =>
      f.resourcesWritten && f.cpuIdle === undefined && !hasGpu(f)
        ? {
            fact: 'cpuIdle',
            message: 'resources are written without cpu_idle, so the service is billed for whole instance lifetimes',
            fix: 'write cpu_idle = true for request-based billing, or cpu_idle = false to make instance billing explicit',
          }
        : undefined,
  },
  {
    id: 'GCR-INSTANCE-BILLING-NO-MIN',
    pack: Pack.COST,
    level: CheckLevel.WARNING,
    suppressible: true,
    appliesTo: SERVICES,
    title: 'Instance-based billing with zero min instances: background work stops when the service scales to zero',
    explanation:
      'With no request, Cloud Run scales to zero after at most 15 idle minutes, so background threads and queues stop until the next request. Not for a GPU service (instance billing is required and scaling to zero is fine) nor manual scaling (its instances keep running).',
    source:
      '"Billing settings for services", https://cloud.google.com/run/docs/configuring/billing-settings; "GPU support for services", https://cloud.google.com/run/docs/configuring/services/gpu',
    reads: ['minInstances', 'serviceMinInstances', 'cpuIdle', 'resourcesWritten', 'gpuCount', 'scalingMode'],
    check: (f) =>
      !isRequestBilled(f) &&
      (f.minInstances ?? 0) === 0 &&
      (f.serviceMinInstances ?? 0) === 0 &&
      !hasGpu(f) &&
      !isManuallyScaled(f)
        ? {
            fact: 'minInstances',
            message: 'instance-based billing with 0 min instances scales to zero when idle',
            fix: 'set minInstances to at least 1 for work that must keep running',
          }
        : undefined,
  },
  {
    id: 'GCR-BACKGROUND-BILLING',
    pack: Pack.PLATFORM,
    level: CheckLevel.ERROR,
    suppressible: false,
    appliesTo: SERVICE_CONSTRUCT,
    title: 'Background work needs instance-based billing',
    explanation:
      'With request-based billing the CPU is throttled outside requests, so threads and queues that work between requests stall.',
    source: '"Billing settings for services", https://cloud.google.com/run/docs/configuring/billing-settings',
    reads: ['backgroundWork', 'cpuIdle'],
    check: ({ backgroundWork, cpuIdle }) =>
      backgroundWork === true && cpuIdle === true
        ? {
            fact: 'cpuIdle',
            message:
              'backgroundWork needs instance-based billing: with request-based billing the CPU is throttled between requests, so background threads stall',
            fix: 'remove billing (backgroundWork selects Billing.INSTANCE) or set backgroundWork to false; if the service serves no requests, use CloudRunWorkerPool',
          }
        : undefined,
  },
];
