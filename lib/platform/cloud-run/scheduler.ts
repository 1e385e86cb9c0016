/**
 * Cloud Scheduler jobs, and the ones that run a Cloud Run job on a schedule: the schedule (unix-cron), the time zone,
 * the attempt deadline and retries, and how a job is run through the Cloud Run Admin API. Sources: "Configure cron job
 * schedules" (https://cloud.google.com/scheduler/docs/configuring/cron-job-schedules): five fields, "Minute 0-59, Hour
 * 0-23, Day of the month 1-31, Month 1-12 (or JAN to DEC), Day of the week 0-6 (or SUN to SAT; or 7 for Sunday)",
 * "Cloud Scheduler does not support L to mean the last day of the month", "the legacy App Engine cron syntax is still
 * supported for existing jobs"; googleapis/googleapis `google/cloud/scheduler/v1/job.proto` (time_zone: "a time zone
 * name from the tz database", retry_count: "Values greater than 5 and negative values are not allowed");
 * hashicorp/terraform-provider-google `website/docs/r/cloud_scheduler_job.html.markdown` (attempt_deadline: "For HTTP
 * targets, between 15 seconds and 30 minutes. For App Engine HTTP targets, between 15 seconds and 24 hours";
 * oauth_token "should be used when sending requests to a GCP endpoint"; only one of oauth_token and oidc_token);
 * "Execute jobs on a schedule" (https://cloud.google.com/run/docs/execute/jobs-on-schedule) and Google's sample
 * terraform-google-modules/terraform-docs-samples `run/jobs_execute_jobs_on_schedule/main.tf` (POST to
 * `https://run.googleapis.com/v2/projects/PROJECT/locations/REGION/jobs/JOB:run` with an OAuth token).
 */
import { CheckLevel } from '../../core/levels';
import { closest } from '../../core/text';
import { ResourceKind } from '../kinds';
import { type FactRule, Pack, type Violation } from '../rule';

/** The platform-relevant view of one Cloud Scheduler job. Unset means "not written". */
export interface SchedulerFacts {
  readonly name?: string;
  /** The schedule: unix-cron (`0 3 * * *`) or the legacy App Engine syntax (`every 24 hours`). */
  readonly schedule?: string;
  readonly timeZone?: string;
  /** Seconds; NaN when malformed. */
  readonly attemptDeadlineSeconds?: number;
  readonly retryCount?: number;
  /** What the job calls (exactly one is written). */
  readonly target?: 'http' | 'pubsub' | 'app-engine';
  /** The HTTP target's method (unset: POST). */
  readonly httpMethod?: string;
  /** The HTTP target's URI, each value known only at apply time (a reference, a variable) written `{}`. */
  readonly uri?: string;
  /** The HTTP target sends an OAuth access token (`oauth_token`). */
  readonly oauthToken?: boolean;
  /** The HTTP target sends an OIDC token (`oidc_token`). */
  readonly oidcToken?: boolean;
  /** The OAuth token's scope (unset: cloud-platform). */
  readonly oauthScope?: string;
}

export type SchedulerRule = FactRule<SchedulerFacts>;
type SchedulerViolation = Violation<SchedulerFacts>;

/** Where a value only known at apply time stands in a URI the facts hold. */
export const URI_UNKNOWN_PART = '{}';
/** What a Cloud Scheduler job's attempt may last, by target, and how often it may be retried. */
export const CLOUD_SCHEDULER_LIMITS = {
  attemptDeadline: { http: { min: 15, max: 1800 }, 'app-engine': { min: 15, max: 86400 } },
  maxRetryCount: 5,
  /** The time zone of a job that names none. */
  defaultTimeZone: 'Etc/UTC',
  /** The scope of an OAuth token that names none, and the one the Cloud Run Admin API takes. */
  cloudPlatformScope: 'https://www.googleapis.com/auth/cloud-platform',
} as const;

/** The URI that runs a Cloud Run job through the Admin API v2, as Google's sample writes it. */
export function runJobUri(project: string, region: string, job: string): string {
  return `https://run.googleapis.com/v2/projects/${project}/locations/${region}/jobs/${job}:run`;
}

const V2_RUN = /^https:\/\/run\.googleapis\.com\/v2\/projects\/[^/]+\/locations\/[^/]+\/jobs\/[^/:]+:run$/;
const V1_RUN =
  /^https:\/\/[^/]+-run\.googleapis\.com\/apis\/run\.googleapis\.com\/v1\/namespaces\/[^/]+\/jobs\/[^/:]+:run$/;
/** A URI on the Cloud Run Admin API that names a job. */
const NAMES_A_JOB = /^https?:\/\/[^/]*run\.googleapis\.com\/.*\/jobs\//;

/** True when the URI calls the Cloud Run Admin API about a job (a scheduled run of a Cloud Run job). */
export function targetsRunJob(uri: string | undefined): boolean {
  return NAMES_A_JOB.test(uri ?? '');
}

/** The job a run URI names, when written as a literal: `{ region?, job }`. */
export function runJobOf(uri: string | undefined): { readonly region?: string; readonly job: string } | undefined {
  const v2 = /\/locations\/([^/]+)\/jobs\/([^/:]+):run$/.exec(uri ?? '');
  const v1 = /^https:\/\/([^/]+)-run\.googleapis\.com\/.*\/jobs\/([^/:]+):run$/.exec(uri ?? '');
  const m = v2 ?? v1;
  if (!m || m[2].includes(URI_UNKNOWN_PART)) return undefined;
  return { region: m[1].includes(URI_UNKNOWN_PART) ? undefined : m[1], job: m[2] };
}

// --- unix-cron ---------------------------------------------------------------------------------------------------

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
/** The five fields, in order: name, range, and the names a field may use instead of numbers. */
const CRON_FIELDS: ReadonlyArray<{ name: string; min: number; max: number; names?: readonly string[]; base?: number }> =
  [
    { name: 'minute', min: 0, max: 59 },
    { name: 'hour', min: 0, max: 23 },
    { name: 'day of the month', min: 1, max: 31 },
    { name: 'month', min: 1, max: 12, names: MONTHS, base: 1 },
    { name: 'day of the week', min: 0, max: 7, names: DAYS, base: 0 },
  ];

/** What is wrong with a schedule, and whether the platform rejects it (`error`) or merely does not document it. */
export interface CronProblem {
  readonly message: string;
  readonly fix: string;
  readonly level: CheckLevel;
}

/** A value of a field as a number (a name such as MON read as its number); undefined when it is neither. */
function cronValue(text: string, field: (typeof CRON_FIELDS)[number]): number | undefined {
  if (/^[0-9]+$/.test(text)) return Number(text);
  const i = field.names?.indexOf(text.toUpperCase()) ?? -1;
  return i < 0 ? undefined : i + (field.base ?? 0);
}

/** The problem of one item of a field (`*`, `*\/n`, `a`, `a-b`, `a-b/n`), if any. */
function cronItemProblem(item: string, field: (typeof CRON_FIELDS)[number]): CronProblem | undefined {
  const documented = '*, a number, a range a-b, and a step */n or a-b/n, separated by commas';
  const m = /^(\*|([^-/]+)(?:-([^-/]+))?)(?:\/([^/]+))?$/.exec(item);
  if (!m) {
    return {
      message:
        item === ''
          ? `the ${field.name} field has an empty item`
          : `'${item}' in the ${field.name} field is not unix-cron (a field holds ${documented})`,
      fix: `write the ${field.name} field with ${documented}`,
      level: item === '' ? CheckLevel.ERROR : CheckLevel.WARNING,
    };
  }
  const [, , from, to, step] = m;
  if (step !== undefined && (!/^[0-9]+$/.test(step) || Number(step) < 1)) {
    return {
      message: `the step '/${step}' in the ${field.name} field must be a whole number of at least 1`,
      fix: 'write a step like */5',
      level: CheckLevel.ERROR,
    };
  }
  const named = field.names ? ` (or ${field.names[0]} to ${field.names[field.names.length - 1]})` : '';
  for (const part of [from, to]) {
    if (part === undefined) continue;
    const value = cronValue(part, field);
    if (value === undefined && part.toUpperCase() !== 'L') {
      return {
        message: `'${part}' in the ${field.name} field is neither a number nor a name the unix-cron format Cloud Scheduler documents`,
        fix: `use ${field.min} to ${field.max}${named}`,
        level: CheckLevel.WARNING,
      };
    }
    if (value === undefined || value < field.min || value > field.max) {
      return {
        message:
          value === undefined
            ? `Cloud Scheduler does not support L in the ${field.name} field`
            : `'${part}' is outside the ${field.name} field's ${field.min}-${field.max}${named}`,
        fix: `use ${field.min} to ${field.max}${named}`,
        level: CheckLevel.ERROR,
      };
    }
  }
  // The item pattern only reads a range's end after its start.
  if (to !== undefined && cronValue(from, field)! > cronValue(to, field)!) {
    return {
      message: `the range ${from}-${to} in the ${field.name} field runs backwards`,
      fix: `write it as ${to}-${from}, or as a list`,
      level: CheckLevel.ERROR,
    };
  }
  if (step !== undefined && from !== undefined && to === undefined) {
    return {
      message: `'${item}' in the ${field.name} field puts a step after a single value, which the unix-cron format Cloud Scheduler documents does not`,
      fix: `write the range it means, e.g. ${from}-${field.max}/${step}`,
      level: CheckLevel.WARNING,
    };
  }
  return undefined;
}

/**
 * What is wrong with a Cloud Scheduler schedule, if anything: five unix-cron fields within their ranges. A schedule
 * in the human-readable format (`every 24 hours`), which "Cron job format and time zone" documents as Cloud
 * Scheduler's alternative job format, is supported but not read by these checks: information, so that nobody takes it
 * for checked.
 */
export function cronProblem(schedule: string): CronProblem | undefined {
  const fields = schedule.trim().split(/\s+/);
  if (/^every\s/i.test(schedule.trim())) {
    return {
      message: `'${schedule}' is in Cloud Scheduler's alternative (human-readable) job format, which it supports but these checks do not read, so the schedule is not verified`,
      fix: "write it as unix-cron to have it checked, e.g. '0 3 * * *' for 03:00 every day",
      level: CheckLevel.INFO,
    };
  }
  if (fields.length !== 5) {
    return {
      message: `'${schedule}' has ${schedule.trim() === '' ? 0 : fields.length} field(s); a unix-cron schedule has five: minute, hour, day of the month, month, day of the week`,
      fix: "write five fields, e.g. '0 3 * * *' for 03:00 every day",
      level: CheckLevel.ERROR,
    };
  }
  for (let i = 0; i < 5; i++) {
    for (const item of fields[i].split(',')) {
      const problem = cronItemProblem(item, CRON_FIELDS[i]);
      if (problem) return problem;
    }
  }
  return undefined;
}

// --- time zones --------------------------------------------------------------------------------------------------

/**
 * True for a tz database name (canonical or alias, e.g. `Europe/Paris`, `Asia/Calcutta`, `UTC`, and the `utc` the API
 * documents): one the runtime's time zone data knows.
 */
export function isTimeZone(name: string): boolean {
  // Intl refuses blank and padded names itself; a UTC offset (`+01:00`), which newer Intl implementations may accept,
  // is no tz database name.
  if (/^[+-]/.test(name)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** The tz database name closest to `name`, for a fix. */
function suggestTimeZone(name: string): string | undefined {
  const names = [...Intl.supportedValuesOf('timeZone'), 'Etc/UTC'];
  return closest(name, names, Math.max(3, Math.floor(name.length / 3)));
}

// --- the rules ---------------------------------------------------------------------------------------------------

const SCHEDULER_JOBS: readonly ResourceKind[] = [ResourceKind.CLOUD_SCHEDULER_JOB];
const CRON_PAGE =
  '"Configure cron job schedules", https://cloud.google.com/scheduler/docs/configuring/cron-job-schedules';
const SCHEDULER_DOCS = 'hashicorp/terraform-provider-google website/docs/r/cloud_scheduler_job.html.markdown';
const SCHEDULE_JOBS_PAGE = '"Execute jobs on a schedule", https://cloud.google.com/run/docs/execute/jobs-on-schedule';

/** Cloud Scheduler job ids: letters, digits, hyphens and underscores, at most 500 characters. */
const JOB_ID = /^[A-Za-z0-9_-]{1,500}$/;

export const CLOUD_SCHEDULER_RULES: readonly SchedulerRule[] = [
  {
    id: 'SCH-NAME',
    pack: Pack.PLATFORM,
    level: CheckLevel.ERROR,
    suppressible: false,
    appliesTo: SCHEDULER_JOBS,
    title: 'A scheduler job name holds letters, digits, hyphens and underscores, at most 500 characters',
    explanation: 'Cloud Scheduler rejects other job ids.',
    source:
      'googleapis/googleapis google/cloud/scheduler/v1/job.proto (Job.name: "JOB_ID can contain letters ([A-Za-z]), numbers ([0-9]), hyphens (-), or underscores (_). The maximum length is 500 characters.")',
    reads: ['name'],
    check: ({ name }) =>
      name !== undefined && !JOB_ID.test(name)
        ? {
            fact: 'name',
            message: `'${name}' is not a scheduler job name: letters, digits, hyphens and underscores, at most 500`,
            fix: `use e.g. '${name.replace(/[^A-Za-z0-9_-]+/g, '-').slice(0, 500) || 'nightly-run'}'`,
          }
        : undefined,
  },
  {
    id: 'SCH-CRON',
    pack: Pack.PLATFORM,
    level: CheckLevel.ERROR,
    suppressible: false,
    appliesTo: SCHEDULER_JOBS,
    title: 'A schedule is five unix-cron fields within their ranges (minute, hour, day of month, month, day of week)',
    explanation:
      'Cloud Scheduler rejects a schedule with another number of fields or a value outside a field\'s range (and L for the last day). Forms the page does not document are warnings; its alternative, human-readable format ("every 24 hours") is supported and only noted (information), as these checks do not read it.',
    source: CRON_PAGE,
    reads: ['schedule'],
    check: ({ schedule }) => {
      if (schedule === undefined) return undefined;
      const problem = cronProblem(schedule);
      return problem && { fact: 'schedule', ...problem };
    },
  },
  {
    id: 'SCH-TIME-ZONE',
    pack: Pack.PLATFORM,
    level: CheckLevel.ERROR,
    suppressible: false,
    appliesTo: SCHEDULER_JOBS,
    title: 'The time zone is a tz database name (Europe/Paris, America/New_York, Etc/UTC)',
    explanation:
      'Cloud Scheduler reads the schedule in a time zone named as in the tz database and rejects other names; without one it uses UTC. Zones with daylight saving time skip or repeat runs scheduled in the changed hour.',
    source: `googleapis/googleapis google/cloud/scheduler/v1/job.proto (time_zone); ${CRON_PAGE}`,
    reads: ['timeZone'],
    check: ({ timeZone }) => {
      if (timeZone === undefined || isTimeZone(timeZone)) return undefined;
      const suggestion = suggestTimeZone(timeZone);
      return {
        fact: 'timeZone',
        message: `'${timeZone}' is not a tz database time zone name`,
        fix: suggestion ? `use '${suggestion}'` : "use a name such as 'Europe/Paris' or 'Etc/UTC'",
      };
    },
  },
  {
    id: 'SCH-ATTEMPT-DEADLINE',
    pack: Pack.PLATFORM,
    level: CheckLevel.ERROR,
    suppressible: false,
    appliesTo: SCHEDULER_JOBS,
    title: 'The attempt deadline is 15 s to 30 min for HTTP targets (to 24 h for App Engine targets)',
    explanation: 'Cloud Scheduler rejects an attempt deadline outside the range of its target.',
    source: SCHEDULER_DOCS,
    reads: ['attemptDeadlineSeconds', 'target'],
    check: ({ attemptDeadlineSeconds: t, target }) => {
      if (t === undefined || (target !== 'http' && target !== 'app-engine')) return undefined;
      const { min, max } = CLOUD_SCHEDULER_LIMITS.attemptDeadline[target];
      if (!Number.isNaN(t) && t >= min && t <= max) return undefined;
      return {
        fact: 'attemptDeadlineSeconds',
        message: Number.isNaN(t)
          ? 'the attempt deadline is not a duration'
          : `attempt deadline ${t} s is outside ${min} to ${max} seconds for ${target === 'http' ? 'an HTTP' : 'an App Engine'} target`,
        fix: `use ${min} to ${max} seconds, written like '180s'`,
      };
    },
  },
  {
    id: 'SCH-RETRY-COUNT',
    pack: Pack.PLATFORM,
    level: CheckLevel.ERROR,
    suppressible: false,
    appliesTo: SCHEDULER_JOBS,
    title: 'A failed attempt is retried 0 to 5 times',
    explanation: 'Cloud Scheduler rejects a retry count above 5 or below 0 (the default is 0).',
    source: 'googleapis/googleapis google/cloud/scheduler/v1/job.proto (RetryConfig.retry_count)',
    reads: ['retryCount'],
    check: ({ retryCount: n }) =>
      n !== undefined && (!Number.isInteger(n) || n < 0 || n > CLOUD_SCHEDULER_LIMITS.maxRetryCount)
        ? { fact: 'retryCount', message: `retry count ${n} is outside 0 to 5`, fix: 'use a whole number from 0 to 5' }
        : undefined,
  },
  {
    id: 'SCH-AUTH',
    pack: Pack.PLATFORM,
    level: CheckLevel.ERROR,
    suppressible: false,
    appliesTo: SCHEDULER_JOBS,
    title: 'An HTTP target sends an OAuth token or an OIDC token, not both',
    explanation: 'The provider refuses an http_target with both oauth_token and oidc_token at plan time.',
    source: `${SCHEDULER_DOCS}; hashicorp/terraform-provider-google google/services/cloudscheduler/resource_cloud_scheduler_job.go (validateAuthHeaders)`,
    reads: ['oauthToken', 'oidcToken'],
    check: ({ oauthToken, oidcToken }) =>
      oauthToken && oidcToken
        ? {
            fact: 'oidcToken',
            message: 'the HTTP target has both an oauth_token and an oidc_token',
            fix: 'keep oauth_token for Google APIs (such as running a Cloud Run job), oidc_token for other endpoints',
          }
        : undefined,
  },
  {
    id: 'SCH-RUN-JOB',
    pack: Pack.PLATFORM,
    level: CheckLevel.WARNING,
    suppressible: true,
    appliesTo: SCHEDULER_JOBS,
    title:
      'A schedule that runs a Cloud Run job POSTs to the Jobs API run URI with an OAuth token of the cloud-platform scope',
    explanation:
      "Running a job is a call to the Cloud Run Admin API (`…/jobs/JOB:run`, POST), a Google API that takes an OAuth access token, not an OIDC identity token; without either the call is refused. Google's sample uses the v2 URI; the v1 one (`REGION-run.googleapis.com/apis/run.googleapis.com/v1/namespaces/PROJECT/jobs/JOB:run`) works too.",
    source: `${SCHEDULE_JOBS_PAGE}; terraform-google-modules/terraform-docs-samples run/jobs_execute_jobs_on_schedule/main.tf; ${SCHEDULER_DOCS} (oauth_token)`,
    reads: ['uri', 'httpMethod', 'oauthToken', 'oidcToken', 'oauthScope', 'target'],
    check: (f) => {
      if (f.target !== 'http' || !targetsRunJob(f.uri)) return undefined;
      let violations: SchedulerViolation[] | undefined;
      const add = (v: SchedulerViolation) => (violations ??= []).push(v);
      const uri = f.uri!;
      if (!V2_RUN.test(uri) && !V1_RUN.test(uri)) {
        add({
          fact: 'uri',
          message: `${uri} is not the run URI of a Cloud Run job`,
          fix: `use ${runJobUri('PROJECT', 'REGION', 'JOB')}`,
        });
      }
      if (f.httpMethod !== undefined && f.httpMethod.toUpperCase() !== 'POST') {
        add({
          fact: 'httpMethod',
          message: `a job is run with POST, not ${f.httpMethod}`,
          fix: "write http_method = 'POST'",
        });
      }
      if (!f.oauthToken) {
        add({
          fact: f.oidcToken ? 'oidcToken' : 'oauthToken',
          message: f.oidcToken
            ? 'the Cloud Run Admin API takes an OAuth access token; an OIDC token is for calling a service, not for running a job'
            : 'the call to the Cloud Run Admin API sends no token, so it is refused',
          fix: 'send an oauth_token of a service account allowed to run the job (roles/run.invoker on it)',
        });
      } else if (f.oauthScope !== undefined && f.oauthScope !== CLOUD_SCHEDULER_LIMITS.cloudPlatformScope) {
        add({
          fact: 'oauthScope',
          message: `the OAuth scope ${f.oauthScope} does not cover the Cloud Run Admin API`,
          fix: `remove scope (it defaults to ${CLOUD_SCHEDULER_LIMITS.cloudPlatformScope})`,
        });
      }
      return violations;
    },
  },
];
