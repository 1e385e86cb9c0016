/**
 * The settings of a job as the provider's `google_cloud_run_v2_job` config.
 * @internal
 */
import { toApiDuration } from '../core/duration';
import { isUnresolved } from '../private/cdktf';
import type { CloudRunV2JobConfig } from '../private/google';
import type { JobSettings } from './job-settings';
import { renderVpcAccess } from './network';
import { renderVolumes } from './volume-settings';
import { renderContainer } from './workload';

/** The job resource's config; its tasks run as `serviceAccountEmail`. */
export function renderJob(s: JobSettings, serviceAccountEmail: string): CloudRunV2JobConfig {
  return {
    name: s.name,
    location: s.region,
    project: s.project,
    deletionProtection: s.deletionProtection,
    labels: s.labels,
    template: {
      taskCount: s.taskCount,
      parallelism: s.parallelism,
      template: {
        serviceAccount: serviceAccountEmail,
        maxRetries: s.maxRetries,
        timeout: isUnresolved(s.taskTimeout) ? `${s.taskTimeout}s` : toApiDuration(s.taskTimeout),
        vpcAccess: renderVpcAccess(s.vpcAccess),
        volumes: renderVolumes(s.volumes),
        containers: [renderContainer(s)],
      },
    },
  };
}
