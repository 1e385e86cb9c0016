/**
 * The settings of a worker pool as the provider's `google_cloud_run_v2_worker_pool` config.
 * @internal
 */
import type { CloudRunV2WorkerPoolConfig } from '../private/google';
import { renderVpcAccess } from './network';
import type { WorkerPoolSettings } from './worker-pool-settings';
import { WorkerPoolScalingMode } from './worker-pool-scaling';
import { renderVolumes } from './volume-settings';
import { renderContainer } from './workload';

/** The worker pool resource's config; it runs as `serviceAccountEmail`. */
export function renderWorkerPool(s: WorkerPoolSettings, serviceAccountEmail: string): CloudRunV2WorkerPoolConfig {
  const manual = s.scaling.mode === WorkerPoolScalingMode.MANUAL;
  return {
    name: s.name,
    location: s.region,
    project: s.project,
    description: s.description,
    deletionProtection: s.deletionProtection,
    labels: s.labels,
    scaling: manual
      ? { scalingMode: s.scaling.mode, manualInstanceCount: s.scaling.instances }
      : {
          scalingMode: s.scaling.mode,
          minInstanceCount: s.scaling.minInstances,
          maxInstanceCount: s.scaling.maxInstances,
        },
    template: {
      serviceAccount: serviceAccountEmail,
      vpcAccess: renderVpcAccess(s.vpcAccess),
      volumes: renderVolumes(s.volumes),
      containers: [renderContainer(s)],
    },
  };
}
