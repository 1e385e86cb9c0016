/**
 * Props → the settings of a job: the shared container settings (see ./workload), the task profile, and how an
 * execution runs its tasks, every default applied once and every token recorded as unknown.
 * @internal
 */
import type { Problems } from '../core/problems';
import { CLOUD_RUN_JOB_LIMITS } from '../platform/cloud-run/jobs';
import { isUnresolved } from '../private/cdktf';
import type { CloudRunJobProps } from './job-props';
import { resolveWorkload, type WorkloadSettings } from './workload';

/** A job with every setting resolved. */
export interface JobSettings extends WorkloadSettings {
  readonly taskCount: number;
  readonly parallelism?: number;
  readonly maxRetries: number;
  readonly taskTimeout: number;
  /** The props as given (the job's own, besides the shared ones). */
  readonly job: CloudRunJobProps;
}

/** Resolves the props of the job with construct id `id`; problems of the task profile go to `problems`. */
export function resolveJob(id: string, props: CloudRunJobProps, problems: Problems): JobSettings {
  const argv = props.task?._resolve(problems, 'task');
  const s = resolveWorkload(
    'job',
    id,
    props,
    { value: props.jobName, prop: 'jobName' },
    argv && { prop: 'task', resolved: { argv, describe: String(props.task), known: !isUnresolved(argv) } },
  );
  const job = {
    taskCount: props.taskCount ?? CLOUD_RUN_JOB_LIMITS.defaultTaskCount,
    parallelism: props.parallelism,
    maxRetries: props.maxRetries ?? CLOUD_RUN_JOB_LIMITS.defaultRetries,
    taskTimeout: props.taskTimeout ?? CLOUD_RUN_JOB_LIMITS.defaultTimeoutSeconds,
  };
  for (const [fact, value] of [
    ['job.taskCount', job.taskCount],
    ['job.parallelism', job.parallelism],
    ['job.maxRetries', job.maxRetries],
    ['job.timeoutSeconds', job.taskTimeout],
  ] as const) {
    if (isUnresolved(value)) s.unknown.add(fact);
  }
  return { ...s, ...job, job: props };
}
