import { instanceOf, number, object, string } from '../core/props';
import { Django } from '../python/django';
import { type CloudRunContainerProps, CONTAINER_PROPS } from './container-props';

/**
 * Props of a {@link CloudRunJob}. A job runs tasks to completion and serves no requests, so nothing about requests is
 * here: no probes, concurrency, ingress, request timeout, port or billing (a job's CPU is allocated while it runs).
 * A job with one container needs at least 1 vCPU.
 */
export interface CloudRunJobProps extends CloudRunContainerProps {
  /**
   * The job name: lowercase letters, digits and hyphens.
   * @default - derived from the construct id (`NightlyCleanup` → `nightlycleanup`)
   */
  readonly jobName?: string;
  /**
   * The Python task: it renders the container command (`Django.manage('clearsessions')` →
   * `python manage.py clearsessions`).
   * @default - the image's own entrypoint (or `command`/`args`)
   */
  readonly task?: Django;
  /**
   * Tasks per execution (1 to 10,000); each reads its index from CLOUD_RUN_TASK_INDEX.
   * @default 1
   */
  readonly taskCount?: number;
  /**
   * Tasks run at once (at most the task count; 0 runs as many as possible).
   * @default - as many as possible
   */
  readonly parallelism?: number;
  /**
   * Retries of a failed task (0 to 10). Make tasks idempotent: a retry runs the whole task again.
   * @default 3, written explicitly
   */
  readonly maxRetries?: number;
  /**
   * Seconds one attempt of a task may run (at most 168 hours).
   * @default 600, written explicitly
   */
  readonly taskTimeout?: number;
}

/** The shape of the props (types and known keys); ranges and combinations are the rules' job. @internal */
export const JOB_PROPS = object<CloudRunJobProps>({
  ...CONTAINER_PROPS,
  jobName: string.optional(),
  task: instanceOf(Django, "Django.manage('command')").optional(),
  taskCount: number.optional(),
  parallelism: number.optional(),
  maxRetries: number.optional(),
  taskTimeout: number.optional(),
});
