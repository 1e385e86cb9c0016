import { Construct } from 'constructs';
import { toApiDuration } from '../core/duration';
import { boolean, number, object, type Shape, shapeProblemsAt, string } from '../core/props';
import { Problems } from '../core/problems';
import { Derived } from '../core/validation';
import {
  CLOUD_SCHEDULER_LIMITS,
  CLOUD_SCHEDULER_RULES,
  runJobUri,
  type SchedulerFacts,
  URI_UNKNOWN_PART,
} from '../platform/cloud-run/scheduler';
import { judge, rulesFor } from '../platform/judge';
import { ResourceKind } from '../platform/kinds';
import type { FactPath } from '../platform/rule';
import { isUnresolved } from '../private/cdktf';
import { type CloudRunV2JobIamMember, type CloudSchedulerJob, cloudSchedulerJob } from '../private/google';

/** Options of a schedule that runs a Cloud Run job. */
export interface JobScheduleOptions {
  /**
   * The tz database time zone the schedule is read in (`Europe/Paris`, `America/New_York`). Zones with daylight saving
   * time skip or repeat runs scheduled in the hour that changes.
   * @default 'Etc/UTC', written explicitly
   */
  readonly timeZone?: string;
  /**
   * A description of the schedule.
   * @default - none
   */
  readonly description?: string;
  /**
   * Retries of a run request Cloud Scheduler could not make (0 to 5). The job's own retries are its `maxRetries`.
   * @default 0
   */
  readonly retryCount?: number;
  /**
   * Seconds Cloud Scheduler waits for the run request (15 to 1800); the job starts asynchronously, so the default is
   * ample.
   * @default - Cloud Scheduler's default (180 seconds)
   */
  readonly attemptDeadline?: number;
  /**
   * Create the schedule paused.
   * @default false
   */
  readonly paused?: boolean;
  /**
   * The Cloud Scheduler region.
   * @default - the job's region
   */
  readonly region?: string;
  /**
   * The Cloud Scheduler job name.
   * @default - the Cloud Run job's name followed by `-schedule` (and a number from the second schedule on)
   */
  readonly schedulerJobName?: string;
}

const OPTIONS: Shape<JobScheduleOptions> = object<JobScheduleOptions>({
  timeZone: string.optional(),
  description: string.optional(),
  retryCount: number.optional(),
  attemptDeadline: number.optional(),
  paused: boolean.optional(),
  region: string.optional(),
  schedulerJobName: string.optional(),
});

/** The Cloud Run job a schedule runs, and who runs it. @internal */
export interface ScheduleTarget {
  readonly jobName: string;
  readonly region: string;
  /** The job's project: the prop, else a reference to the job's `project`. */
  readonly project: string;
  /** The project to create the scheduler job in (undefined: the provider's). */
  readonly schedulerProject?: string;
  readonly invokerEmail: string;
  /** The default scheduler job name. */
  readonly defaultName: string;
  /** What must exist before the first run (the invoker's role on the job). */
  readonly dependsOn: readonly CloudRunV2JobIamMember[];
}

/** The prop of each scheduler fact a construct can get wrong. */
const PROP_OF_FACT: Partial<Record<keyof SchedulerFacts, keyof JobScheduleOptions | 'cron'>> = {
  name: 'schedulerJobName',
  schedule: 'cron',
  timeZone: 'timeZone',
  retryCount: 'retryCount',
  attemptDeadlineSeconds: 'attemptDeadline',
};

/** A value as the facts hold it: each token part written `{}` (a URI's shape stays known). */
const uriPart = (value: string) => (isUnresolved(value) ? URI_UNKNOWN_PART : value);

/**
 * A Cloud Scheduler job that runs a Cloud Run job on a unix-cron schedule: a POST to the job's run URI
 * (`https://run.googleapis.com/v2/projects/P/locations/R/jobs/J:run`) with an OAuth token of the cloud-platform scope,
 * as an invoker service account that may run that job and nothing else. Made by `CloudRunJob.schedule(cron, options)`.
 */
export class JobSchedule extends Construct {
  /**
   * Creates the schedule under `scope` (a `CloudRunJob`), judging the cron, the time zone and the options first.
   * @internal
   */
  public static _create(
    scope: Construct,
    id: string,
    cron: string,
    options: JobScheduleOptions,
    target: ScheduleTarget,
  ): JobSchedule {
    return new JobSchedule(scope, id, cron, options, target);
  }

  /** The underlying `google_cloud_scheduler_job`, for escape hatches (`addOverride`). */
  public readonly resource: CloudSchedulerJob;
  /** The schedule, in unix-cron. */
  public readonly cron: string;
  /** The time zone the schedule is read in. */
  public readonly timeZone: string;
  /** The email of the service account whose OAuth token runs the job. */
  public readonly invokerServiceAccountEmail: string;

  private constructor(scope: Construct, id: string, cron: string, options: JobScheduleOptions, target: ScheduleTarget) {
    super(scope, id);
    const problems = new Problems(this, 'CloudRunJob.schedule');
    const o = options ?? {};
    for (const p of [...shapeProblemsAt(string, cron, 'cron'), ...shapeProblemsAt(OPTIONS, o, 'options')]) {
      problems.push(p);
    }
    problems.report();

    this.cron = cron;
    this.timeZone = o.timeZone ?? CLOUD_SCHEDULER_LIMITS.defaultTimeZone;
    this.invokerServiceAccountEmail = target.invokerEmail;
    const name = o.schedulerJobName ?? target.defaultName;
    const uri = runJobUri(target.project, target.region, target.jobName);
    const facts: SchedulerFacts = {
      name,
      schedule: cron,
      timeZone: this.timeZone,
      attemptDeadlineSeconds: o.attemptDeadline,
      retryCount: o.retryCount,
      target: 'http',
      httpMethod: 'POST',
      uri: runJobUri(uriPart(target.project), uriPart(target.region), uriPart(target.jobName)),
      oauthToken: true,
      oidcToken: false,
      oauthScope: CLOUD_SCHEDULER_LIMITS.cloudPlatformScope,
    };
    const unknown = new Set(
      (Object.keys(PROP_OF_FACT) as Array<keyof SchedulerFacts>).filter((fact) => isUnresolved(facts[fact])),
    );
    judge(
      rulesFor(CLOUD_SCHEDULER_RULES, ResourceKind.CLOUD_SCHEDULER_JOB),
      { facts, unknown },
      problems,
      (fact: FactPath<SchedulerFacts>) => {
        const prop = PROP_OF_FACT[fact as keyof SchedulerFacts] ?? 'cron';
        const value =
          prop === 'cron'
            ? cron
            : prop === 'timeZone' && o.timeZone === undefined
              ? new Derived(`'${this.timeZone}' (the default)`)
              : prop === 'schedulerJobName'
                ? name
                : o[prop];
        return { prop, value };
      },
      { now: new Date() },
    );
    problems.report();

    this.resource = new (cloudSchedulerJob())(this, 'Resource', {
      name,
      region: o.region ?? target.region,
      project: target.schedulerProject,
      description: o.description,
      schedule: cron,
      timeZone: this.timeZone,
      paused: o.paused,
      attemptDeadline: o.attemptDeadline === undefined ? undefined : toApiDuration(o.attemptDeadline),
      retryConfig: o.retryCount === undefined ? undefined : { retryCount: o.retryCount },
      httpTarget: {
        httpMethod: 'POST',
        uri,
        // As Google's sample sends it: an empty JSON run request.
        body: Buffer.from('{}').toString('base64'),
        headers: { 'Content-Type': 'application/json' },
        oauthToken: { serviceAccountEmail: target.invokerEmail, scope: CLOUD_SCHEDULER_LIMITS.cloudPlatformScope },
      },
      dependsOn: [...target.dependsOn],
    });
  }
}
