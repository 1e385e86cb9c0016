/**
 * Every Cloud Run rule, by topic: a rule id leads to its file (GCR-CPU-* and GCR-MEMORY-* to resources.ts,
 * GCR-SERVER-* to server.ts, GCR-ENV-* to environment.ts, GCR-CONTAINER* to containers.ts, GCR-VOLUME-* to
 * volumes.ts, GCR-TRAFFIC-* to traffic.ts, GCR-JOB-* to jobs.ts, GCR-WORKER-POOL-* to worker-pools.ts, GCR-CELERY-* to
 * celery.ts, GCR-VPC-* to network.ts, ...). The Cloud Scheduler rules (SCH-*, scheduler.ts) judge scheduler jobs.
 */
import { CLOUD_RUN_ACCESS_RULES } from './access';
import { CLOUD_RUN_BILLING_RULES } from './billing';
import { CLOUD_RUN_CELERY_RULES } from './celery';
import { CLOUD_RUN_CONTAINER_RULES } from './containers';
import { CLOUD_RUN_ENVIRONMENT_RULES } from './environment';
import type { CloudRunRule } from './facts';
import { CLOUD_RUN_GPU_RULES } from './gpu';
import { CLOUD_RUN_JOB_RULES } from './jobs';
import { CLOUD_RUN_NETWORK_RULES } from './network';
import { CLOUD_RUN_PROBE_RULES } from './probes';
import { CLOUD_RUN_REQUEST_RULES } from './requests';
import { CLOUD_RUN_RESOURCE_RULES } from './resources';
import { CLOUD_RUN_SCALING_RULES } from './scaling';
import { CLOUD_RUN_SECURITY_RULES } from './security';
import { CLOUD_RUN_SERVER_RULES } from './server';
import { CLOUD_RUN_SERVICE_RULES } from './service';
import { CLOUD_RUN_TRAFFIC_RULES } from './traffic';
import { CLOUD_RUN_VOLUME_RULES } from './volumes';
import { CLOUD_RUN_WORKER_POOL_RULES } from './worker-pools';

/** Every Cloud Run rule over `CloudRunFacts`, in a stable order. */
export const CLOUD_RUN_RULES: readonly CloudRunRule[] = [
  ...CLOUD_RUN_RESOURCE_RULES,
  ...CLOUD_RUN_GPU_RULES,
  ...CLOUD_RUN_BILLING_RULES,
  ...CLOUD_RUN_REQUEST_RULES,
  ...CLOUD_RUN_SCALING_RULES,
  ...CLOUD_RUN_PROBE_RULES,
  ...CLOUD_RUN_SERVER_RULES,
  ...CLOUD_RUN_ENVIRONMENT_RULES,
  ...CLOUD_RUN_SERVICE_RULES,
  ...CLOUD_RUN_SECURITY_RULES,
  ...CLOUD_RUN_CONTAINER_RULES,
  ...CLOUD_RUN_VOLUME_RULES,
  ...CLOUD_RUN_TRAFFIC_RULES,
  ...CLOUD_RUN_ACCESS_RULES,
  ...CLOUD_RUN_NETWORK_RULES,
  ...CLOUD_RUN_JOB_RULES,
  ...CLOUD_RUN_WORKER_POOL_RULES,
  ...CLOUD_RUN_CELERY_RULES,
];
