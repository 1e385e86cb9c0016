/**
 * Cloud Run jobs: how many tasks an execution runs, how often a failed task is retried, how long an attempt may run,
 * and what a job's container is for. Sources: "Cloud Run quotas and limits" (https://cloud.google.com/run/quotas):
 * "Maximum number of tasks in a single job 10,000", "Maximum number of task retries in a job 10"; "Set task timeout
 * for jobs" (https://cloud.google.com/run/docs/configuring/task-timeout): "By default, each task runs for a maximum of
 * 10 minutes: you can change this to a shorter time or a longer time up to 168 hours (7 days). For tasks using GPUs,
 * the maximum available timeout is 12 hours (preview)." (older copies of the page: 1 hour with a GPU);
 * hashicorp/terraform-provider-google `website/docs/r/cloud_run_v2_job.html.markdown` (parallelism: "Must be <=
 * taskCount"; max_retries: "Defaults to 3"); "Configure CPU limits for jobs"
 * (https://cloud.google.com/run/docs/configuring/jobs/cpu): below 1 vCPU "You must deploy multiple containers
 * (sidecars)"; "Container runtime contract" (https://cloud.google.com/run/docs/container-contract): "Cloud Run jobs
 * always use the second generation execution environment", "Because jobs shouldn't serve requests, the container
 * shouldn't listen on a port or start a web server."
 */
import { CheckLevel } from '../../core/levels';
import { formatCpu } from '../../core/quantity';
import { Pack } from '../rule';
import {
  type CloudRunRule,
  type CloudRunViolation,
  hasGpu,
  isWhole,
  JOBS,
  JOBS_AND_POOLS,
  workloadOf,
  workloadName,
} from './facts';
import { isAllowedCpu } from './resources';

/** What a job's executions allow, and what they get when nothing is written. */
export const CLOUD_RUN_JOB_LIMITS = {
  maxTasks: 10000,
  maxRetries: 10,
  defaultTaskCount: 1,
  defaultRetries: 3,
  defaultTimeoutSeconds: 600,
  maxTimeoutSeconds: 168 * 3600,
  /** With a GPU: 1 hour generally available, 12 hours in preview (the pages disagree, so past 1 hour is a warning). */
  gpuTimeoutSeconds: 3600,
  gpuPreviewTimeoutSeconds: 12 * 3600,
} as const;

const QUOTAS = '"Cloud Run quotas and limits", https://cloud.google.com/run/quotas';
const TASK_TIMEOUT = '"Set task timeout for jobs", https://cloud.google.com/run/docs/configuring/task-timeout';
const CONTRACT = '"Container runtime contract", https://cloud.google.com/run/docs/container-contract';

/** Hours, for messages: 168 h, 1.5 h. */
const hours = (seconds: number) => `${Number((seconds / 3600).toFixed(2))} h`;

export const CLOUD_RUN_JOB_RULES: readonly CloudRunRule[] = [
  {
    id: 'GCR-JOB-TASKS',
    pack: Pack.PLATFORM,
    level: CheckLevel.ERROR,
    suppressible: false,
    appliesTo: JOBS,
    title:
      'A job runs 1 to 10,000 tasks per execution, with a parallelism from 0 (as many as possible) to its task count',
    explanation:
      'Cloud Run runs at most 10,000 tasks in one job execution, and the API requires the parallelism to be at most the task count.',
    source: `${QUOTAS}; hashicorp/terraform-provider-google website/docs/r/cloud_run_v2_job.html.markdown (parallelism)`,
    reads: ['job.taskCount', 'job.parallelism'],
    check: ({ job }) => {
      if (job === undefined) return undefined;
      const { taskCount, parallelism } = job;
      let violations: CloudRunViolation[] | undefined;
      if (
        taskCount !== undefined &&
        (!isWhole(taskCount) || taskCount < 1 || taskCount > CLOUD_RUN_JOB_LIMITS.maxTasks)
      ) {
        (violations ??= []).push({
          fact: 'job.taskCount',
          message: `task count ${taskCount} is outside 1 to ${CLOUD_RUN_JOB_LIMITS.maxTasks}`,
          fix: 'use a whole number from 1 to 10000; split larger work across executions',
        });
      }
      if (parallelism !== undefined && (!isWhole(parallelism) || parallelism < 0)) {
        (violations ??= []).push({
          fact: 'job.parallelism',
          message: `parallelism ${parallelism} must be a whole number ≥ 0 (0: as many tasks at once as possible)`,
          fix: 'use 0 or more',
        });
      } else if (parallelism !== undefined && parallelism > (taskCount ?? CLOUD_RUN_JOB_LIMITS.defaultTaskCount)) {
        (violations ??= []).push({
          fact: 'job.parallelism',
          message: `parallelism ${parallelism} is above the task count ${taskCount ?? `${CLOUD_RUN_JOB_LIMITS.defaultTaskCount} (the default)`}`,
          fix: `lower parallelism to at most ${taskCount ?? CLOUD_RUN_JOB_LIMITS.defaultTaskCount}, or raise the task count`,
        });
      }
      return violations;
    },
  },
  {
    id: 'GCR-JOB-RETRIES',
    pack: Pack.PLATFORM,
    level: CheckLevel.ERROR,
    suppressible: false,
    appliesTo: JOBS,
    title: 'A failed task is retried 0 to 10 times',
    explanation: 'Cloud Run retries a failed task at most 10 times (the default is 3).',
    source: QUOTAS,
    reads: ['job.maxRetries'],
    check: ({ job }) => {
      const retries = job?.maxRetries;
      return retries !== undefined && (!isWhole(retries) || retries < 0 || retries > CLOUD_RUN_JOB_LIMITS.maxRetries)
        ? {
            fact: 'job.maxRetries',
            message: `max retries ${retries} is outside 0 to ${CLOUD_RUN_JOB_LIMITS.maxRetries}`,
            fix: 'use a whole number from 0 to 10; make tasks idempotent so a retry is safe',
          }
        : undefined;
    },
  },
  {
    id: 'GCR-JOB-TIMEOUT',
    pack: Pack.PLATFORM,
    level: CheckLevel.ERROR,
    suppressible: false,
    appliesTo: JOBS,
    title: 'A task attempt runs at most 168 hours (with a GPU: 1 hour, 12 hours in preview)',
    explanation:
      'The task timeout applies to each attempt. Cloud Run allows up to 168 hours, and with a GPU 12 hours in preview; older copies of the page give 1 hour with a GPU, so between 1 and 12 hours with a GPU is a warning.',
    source: TASK_TIMEOUT,
    reads: ['job.timeoutSeconds', 'gpuCount'],
    check: (f) => {
      const t = f.job?.timeoutSeconds;
      if (t === undefined) return undefined;
      if (Number.isNaN(t))
        return {
          fact: 'job.timeoutSeconds',
          message: 'the task timeout is not a duration',
          fix: "write it like '600s'",
        };
      const limits = CLOUD_RUN_JOB_LIMITS;
      if (t <= 0 || t > limits.maxTimeoutSeconds) {
        return {
          fact: 'job.timeoutSeconds',
          message: `task timeout ${t} s is outside what Cloud Run allows (above 0, at most 168 hours)`,
          fix: 'use at most 604800 seconds; split longer work into tasks',
        };
      }
      if (!hasGpu(f) || t <= limits.gpuTimeoutSeconds) return undefined;
      return t > limits.gpuPreviewTimeoutSeconds
        ? {
            fact: 'job.timeoutSeconds',
            message: `task timeout ${hours(t)} is above the 12 hours a GPU task may run`,
            fix: 'use at most 43200 seconds with a GPU',
          }
        : {
            fact: 'job.timeoutSeconds',
            message: `task timeout ${hours(t)} with a GPU relies on the 12-hour preview: the generally available limit is 1 hour`,
            fix: 'use at most 3600 seconds, or keep it knowing the preview terms apply',
            level: CheckLevel.WARNING,
          };
    },
  },
  {
    id: 'GCR-JOB-FRACTIONAL-CPU',
    pack: Pack.PLATFORM,
    level: CheckLevel.ERROR,
    suppressible: false,
    appliesTo: JOBS,
    title: 'A job with one container needs at least 1 vCPU (below 1 vCPU only with sidecars)',
    explanation: 'Cloud Run accepts less than 1 vCPU for a job only when it deploys several containers.',
    source: '"Configure CPU limits for jobs", https://cloud.google.com/run/docs/configuring/jobs/cpu',
    reads: ['cpu', 'sidecarImages'],
    check: ({ cpu, sidecarImages }) =>
      cpu !== undefined && cpu < 1 && isAllowedCpu(cpu) && (sidecarImages?.length ?? 0) === 0
        ? {
            fact: 'cpu',
            message: `${formatCpu(cpu)} vCPU is allowed for a job only with sidecar containers`,
            fix: 'use 1 vCPU',
          }
        : undefined,
  },
  {
    id: 'GCR-JOB-GEN1',
    pack: Pack.PLATFORM,
    level: CheckLevel.WARNING,
    suppressible: true,
    appliesTo: JOBS,
    title: 'Jobs always run in the second-generation execution environment',
    explanation:
      'The container runtime contract says jobs always use gen2; the provider still accepts EXECUTION_ENVIRONMENT_GEN1, which does not give a job what gen1 gives a service (a warning: the sources disagree on whether the API refuses it).',
    source: `${CONTRACT}; "Execution environments", https://cloud.google.com/run/docs/about-execution-environments`,
    reads: ['executionEnvironment'],
    check: ({ executionEnvironment }) =>
      executionEnvironment === 'GEN1'
        ? {
            fact: 'executionEnvironment',
            message: 'a job runs in the second-generation execution environment whatever it asks for',
            fix: 'remove execution_environment (or write EXECUTION_ENVIRONMENT_GEN2)',
          }
        : undefined,
  },
  {
    id: 'GCR-WEB-SERVER-NO-REQUESTS',
    pack: Pack.PLATFORM,
    level: CheckLevel.WARNING,
    suppressible: true,
    appliesTo: JOBS_AND_POOLS,
    title:
      'Jobs and worker pools receive no requests: a web server (gunicorn, uvicorn, runserver) there serves nothing',
    explanation:
      'A job runs tasks to completion and a worker pool has no endpoint, so a web server there waits for requests that never come (a job then runs until its task timeout and fails). A container port alone is not judged: the provider’s own job tests declare one beside TCP startup probes and sidecar dependencies, and Google applies them.',
    source: `${CONTRACT}; "Deploy worker pools", https://cloud.google.com/run/docs/deploy-worker-pools`,
    reads: ['webServer', 'workload'],
    check: (f) => {
      if (f.webServer !== undefined) {
        return {
          fact: 'webServer',
          message: `a ${workloadName(f)} receives no requests, but its command starts a web server (${f.webServer})`,
          fix:
            workloadOf(f) === 'job'
              ? 'run the task itself (python -m app.task, manage.py <command>); serve requests from a CloudRunService'
              : 'run the queue consumer itself (celery worker, a Pub/Sub pull loop); serve requests from a CloudRunService',
        };
      }
      return undefined;
    },
  },
];
