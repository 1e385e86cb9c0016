import { Construct } from 'constructs';
import { Problems } from '../core/problems';
import { CLOUD_RUN_RULES } from '../platform/cloud-run';
import { suggestServiceName } from '../platform/cloud-run/service';
import { judge, rulesFor } from '../platform/judge';
import { ResourceKind } from '../platform/kinds';
import { isUnresolved } from '../private/cdktf';
import {
  type CloudRunV2Job,
  type CloudRunV2JobIamMember,
  cloudRunV2Job,
  cloudRunV2JobIamMember,
} from '../private/google';
import { jobFacts, jobProp } from './job-facts';
import { type CloudRunJobProps, JOB_PROPS } from './job-props';
import { renderJob } from './job-render';
import { JobSchedule, type JobScheduleOptions } from './job-schedule';
import { type JobSettings, resolveJob } from './job-settings';
import { dedicatedServiceAccount } from './runtime-account';
import { checkWorkloadProps, workloadIdentity } from './workload';

export type { CloudRunJobProps } from './job-props';

/** The rules a job construct judges itself with. */
const JOB_RULES = rulesFor(CLOUD_RUN_RULES, ResourceKind.CLOUD_RUN_JOB);

/**
 * The role that lets a schedule's invoker run the job, granted on the job only. "Execute jobs on a schedule" names the
 * Cloud Run Invoker role for running jobs, and "Access control with IAM" describes it as "Can invoke services and
 * jobs, can cancel job executions": on one job, that is running that job and cancelling its executions, and nothing
 * on any other resource (Google's sample grants Cloud Run Developer on the whole project instead).
 */
const RUN_JOB_ROLE = 'roles/run.invoker';

/**
 * A Cloud Run job for Python work that runs to completion (a nightly Django command, a batch export), over
 * `google_cloud_run_v2_job`, with `schedule(cron, options)` to run it from Cloud Scheduler.
 *
 * Nothing about requests can be given (probes, concurrency, ingress, request timeout, port, billing): a job serves
 * none, and a command that starts a web server in it is warned about. Task count, parallelism, retries and the task
 * timeout are checked against Cloud Run's limits, and everything Cloud Run would reject is refused when the construct
 * is created, with every problem listed at once.
 *
 * Secure by default: a dedicated service account (its id unique in the stack), the Secret Manager accessor role on
 * each secret it reads, and a schedule runs it as an invoker account allowed to run this job only.
 */
export class CloudRunJob extends Construct {
  /** The underlying `google_cloud_run_v2_job`, for escape hatches (`addOverride`). */
  public readonly resource: CloudRunV2Job;
  /** The email of the service account the job's tasks run as. */
  public readonly serviceAccountEmail: string;
  /** The region the job runs in (its `location`), as given. */
  public readonly region: string;
  /** vCPU per task. */
  public readonly cpu: number;
  /** Memory per task. */
  public readonly memory: string;
  /** Tasks per execution. */
  public readonly taskCount: number;
  /** Retries of a failed task. */
  public readonly maxRetries: number;
  /** Seconds one attempt of a task may run. */
  public readonly taskTimeout: number;

  private readonly settings: JobSettings;
  private invoker?: { readonly email: string; readonly member: CloudRunV2JobIamMember };
  private schedules = 0;

  constructor(scope: Construct, id: string, props: CloudRunJobProps) {
    super(scope, id);
    // props → shape check (volume options included) → settings (defaults applied once, tokens marked unknown) → facts → rules → resources.
    const problems = new Problems(this, 'CloudRunJob');
    checkWorkloadProps(JOB_PROPS, props, problems);
    const s = resolveJob(id, props, problems);
    judge(JOB_RULES, jobFacts(s), problems, (fact) => jobProp(s, fact), { now: new Date() });
    problems.report();

    this.settings = s;
    this.cpu = s.cpu;
    this.region = s.region;
    this.memory = s.memory;
    this.taskCount = s.taskCount;
    this.maxRetries = s.maxRetries;
    this.taskTimeout = s.taskTimeout;
    const identity = workloadIdentity(this, s, '-job', `Cloud Run job ${s.name}`);
    this.serviceAccountEmail = identity.email;
    this.resource = new (cloudRunV2Job())(this, 'Resource', {
      ...renderJob(s, identity.email),
      dependsOn: identity.dependsOn,
    });
  }

  /**
   * The job name, as a reference to the `google_cloud_run_v2_job`'s `name`: a resource that names the job through it
   * (an IAM member, a scheduler job, an output) is created after it, where a plain string would let Terraform create
   * both at once and fail with "not found".
   */
  public get jobName(): string {
    // A getter: the reference (a token, which cdktf builds with a stack trace) is made only when it is read.
    return this.resource.name;
  }

  /**
   * Runs the job on a schedule: a Cloud Scheduler job POSTs to the job's run URI with an OAuth token of a dedicated
   * invoker service account (one per job, shared by its schedules), granted `roles/run.invoker` on this job only. The
   * cron and the time zone are checked now.
   * @param cron five unix-cron fields (minute hour day-of-month month day-of-week), e.g. `'0 3 * * *'` for 03:00 daily
   * @param options the time zone (default `Etc/UTC`), retries, deadline, region and name of the schedule
   */
  public schedule(cron: string, options: JobScheduleOptions = {}): JobSchedule {
    const s = this.settings;
    const invoker = this.invoker ?? (this.invoker = this.addInvoker());
    this.schedules += 1;
    const suffix = this.schedules === 1 ? '' : `-${this.schedules}`;
    return JobSchedule._create(this, `Schedule${suffix}`, cron, options, {
      jobName: s.name,
      region: s.region,
      project: s.project ?? this.resource.project,
      schedulerProject: s.project,
      invokerEmail: invoker.email,
      defaultName: `${isUnresolved(s.name) ? suggestServiceName(this.node.id) : s.name}-schedule${suffix}`,
      dependsOn: [invoker.member],
    });
  }

  /** The schedules' invoker: a dedicated account allowed to run this job (and to cancel its executions) only. */
  private addInvoker(): { email: string; member: CloudRunV2JobIamMember } {
    const s = this.settings;
    const email = dedicatedServiceAccount(this, {
      id: 'SchedulerInvoker',
      name: s.name,
      suffix: '-sch',
      displayName: `Runs Cloud Run job ${s.name} on schedule`,
      project: s.project,
    }).email;
    const member = new (cloudRunV2JobIamMember())(this, 'SchedulerInvokerRole', {
      name: this.resource.name,
      location: s.region,
      project: s.project,
      role: RUN_JOB_ROLE,
      member: `serviceAccount:${email}`,
    });
    return { email, member };
  }
}
