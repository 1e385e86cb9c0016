/**
 * App Engine standard (second-generation runtimes, python3) platform facts: every limit and cross-field rule, written
 * once.
 *
 * `AppEngineStandardService` and `AppEngineApplication` judge their resolved props with these rules, and the policy
 * checks judge synthesized `google_app_engine_standard_app_version` / `google_app_engine_application` resources with
 * the same rules.
 *
 * Sources (see ../shared/reference/platform-constraints.md §3, §5, §6, §7, §8 for the full citations):
 * - Instance classes: https://cloud.google.com/appengine/docs/standard (instance class table, second-generation)
 * - Scaling elements and ranges: app.yaml reference
 *   https://cloud.google.com/appengine/docs/standard/reference/app-yaml?tab=python (automatic/basic/manual scaling)
 *   and GoogleCloudPlatform/magic-modules `mmv1/products/appengine/StandardAppVersion.yaml`
 * - Lifecycle, request deadlines, warmup, `/_ah/start`: https://cloud.google.com/appengine/docs/standard/how-instances-are-managed
 * - Billing tail and free tier: https://cloud.google.com/appengine/pricing ; https://cloud.google.com/free/docs/free-cloud-features#app-engine
 * - Locations: https://cloud.google.com/appengine/docs/standard/locations ("Two locations, which are called
 *   `europe-west` and `us-central` in App Engine commands and in the Google Cloud console, are called `europe-west1`
 *   and `us-central1`, respectively, elsewhere in Google documentation.")
 * - Entrypoint and workers per class: https://cloud.google.com/appengine/docs/standard/python3/runtime#entrypoint_best_practices
 *   (F4 = 8 confirmed by the python3 migration guide; the other rows are the runtime page's table, see D-20)
 * - gunicorn: benoitc/gunicorn `config.py` (timeout default 30, workers default 1, threads default 1)
 * @internal
 */
import { closest } from '../core/text';
import {
  isAsyncWorkerClass,
  parseGunicornCommand,
  WEB_CONCURRENCY,
  webConcurrencyWorkers,
} from '../python/gunicorn-command';
import type { FactRule, Issue } from './rule';

/** The scaling types of a standard version. No scaling block in Terraform means automatic. */
export type AppEngineScalingType = 'automatic' | 'basic' | 'manual';

/** One row of the instance-class table. */
export interface InstanceClassSpec {
  /** F (frontend: automatic scaling) or B (backend: basic or manual scaling). */
  readonly family: 'F' | 'B';
  /** Memory limit in MB, runtime overhead included. */
  readonly memoryMB: number;
  /** Nominal CPU in GHz (not a fixed clock speed). */
  readonly cpuGHz: number;
  /** gunicorn workers the python3 runtime recommends for the class. */
  readonly recommendedWorkers: number;
  /** Hourly price relative to F1/B1; free-tier hours are counted in F1/B1 equivalents. */
  readonly billingWeight: number;
}

/** Second-generation instance classes (GAE-STD; prices relative to F1/B1 from the pricing page). */
export const APP_ENGINE_INSTANCE_CLASSES: Readonly<Record<string, InstanceClassSpec>> = {
  F1: { family: 'F', memoryMB: 384, cpuGHz: 0.6, recommendedWorkers: 2, billingWeight: 1 },
  F2: { family: 'F', memoryMB: 768, cpuGHz: 1.2, recommendedWorkers: 4, billingWeight: 2 },
  F4: { family: 'F', memoryMB: 1536, cpuGHz: 2.4, recommendedWorkers: 8, billingWeight: 4 },
  F4_1G: { family: 'F', memoryMB: 3072, cpuGHz: 2.4, recommendedWorkers: 8, billingWeight: 6 },
  B1: { family: 'B', memoryMB: 384, cpuGHz: 0.6, recommendedWorkers: 2, billingWeight: 1 },
  B2: { family: 'B', memoryMB: 768, cpuGHz: 1.2, recommendedWorkers: 4, billingWeight: 2 },
  B4: { family: 'B', memoryMB: 1536, cpuGHz: 2.4, recommendedWorkers: 8, billingWeight: 4 },
  B4_1G: { family: 'B', memoryMB: 3072, cpuGHz: 2.4, recommendedWorkers: 8, billingWeight: 6 },
  B8: { family: 'B', memoryMB: 3072, cpuGHz: 4.8, recommendedWorkers: 8, billingWeight: 8 },
};

/** The class App Engine uses when none is written: F1 with automatic scaling, B2 with basic or manual (D-14). */
export const APP_ENGINE_DEFAULT_CLASS: Readonly<Record<AppEngineScalingType, string>> = {
  automatic: 'F1',
  basic: 'B2',
  manual: 'B2',
};

/** Automatic-scaling ranges and defaults (app.yaml reference; StandardAppVersion.yaml). */
export const APP_ENGINE_AUTOMATIC = {
  utilization: { min: 0.5, max: 0.95, default: 0.6 },
  maxConcurrentRequests: { min: 1, max: 1000, default: 10 },
  minInstances: { min: 0, max: 1000 },
  /** 0 disables the cap; 2147483647 lifts the default cap of 20 of projects created after March 2025. */
  maxInstances: { min: 0, max: 2147483647, newProjectDefault: 20 },
  maxIdleInstances: { min: 1, max: 1000 },
  minIdleInstances: { min: 0, max: 1000 },
  /** Requests wait at most 10 s in the pending queue. */
  pendingLatencySeconds: { max: 10 },
} as const;

/** Basic-scaling ranges and defaults. The provider writes 900s when idle_timeout is unset; app.yaml's default is 5m (D-15). */
export const APP_ENGINE_BASIC = {
  maxInstances: { min: 1, max: 200 },
  idleTimeoutSeconds: { providerDefault: 900, appYamlDefault: 300 },
} as const;

/** Manual scaling: at least one resident instance. */
export const APP_ENGINE_MANUAL = { instances: { min: 1 } } as const;

/** Longest request each scaling type serves, in seconds (GAE-HIM; D-18: the 60 s limit is legacy python27). */
export const APP_ENGINE_REQUEST_DEADLINE: Readonly<Record<AppEngineScalingType, number>> = {
  automatic: 600,
  basic: 86400,
  manual: 86400,
};

/** Billing: accrual continues this long after the last request (basic/automatic) or after shutdown (manual). */
export const APP_ENGINE_BILLING_TAIL_SECONDS = 900;

/** Free instance hours per day, in F1 / B1 equivalents (GCP-FREE; D-19). */
export const APP_ENGINE_FREE_HOURS_PER_DAY: Readonly<Record<'F' | 'B', number>> = { F: 28, B: 9 };

/** Inbound service that makes App Engine send `/_ah/warmup` before routing traffic to a new instance. */
export const APP_ENGINE_WARMUP_SERVICE = 'INBOUND_SERVICE_WARMUP';

/** Version ids: lowercase letters, digits, hyphens; at most 63 characters; reserved `default`, `latest`, `ah-…`. */
export const APP_ENGINE_VERSION_ID = {
  maxLength: 63,
  pattern: /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/,
  reserved: ['default', 'latest'],
  reservedPrefix: 'ah-',
} as const;

/** Service ids: lowercase letters, digits, hyphens, at most 63 characters, no leading or trailing hyphen. */
export const APP_ENGINE_SERVICE_ID = { maxLength: 63, pattern: /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/ } as const;

/** `env_variables` names: a C identifier; the `GAE` prefix is reserved by the runtime. */
export const APP_ENGINE_ENV_NAME = { pattern: /^[A-Za-z_][A-Za-z0-9_]*$/, reservedPrefix: 'GAE' } as const;

/** Second-generation Python runtimes (`python3`, `python310` … `python314`). */
export const APP_ENGINE_PYTHON_RUNTIME = /^python3[0-9]{0,2}$/;

/**
 * App Engine location ids (GAE-LOC, confirmed for `us-central` / `europe-west`; the full list follows
 * cloud.google.com/about/locations as compiled in platform-constraints.md). `europe-west` is Belgium, `us-central`
 * is Iowa.
 */
export const APP_ENGINE_LOCATIONS: readonly string[] = [
  'northamerica-northeast1',
  'northamerica-northeast2',
  'us-central',
  'us-east1',
  'us-east4',
  'us-west1',
  'us-west2',
  'us-west3',
  'us-west4',
  'southamerica-east1',
  'southamerica-west1',
  'europe-west',
  'europe-west2',
  'europe-west3',
  'europe-west6',
  'europe-central2',
  'me-west1',
  'asia-east1',
  'asia-east2',
  'asia-northeast1',
  'asia-northeast2',
  'asia-northeast3',
  'asia-south1',
  'asia-southeast1',
  'asia-southeast2',
  'australia-southeast1',
];

/** Region names used elsewhere in Google Cloud for the two App Engine locations that are spelt differently. */
export const APP_ENGINE_LOCATION_ALIASES: Readonly<Record<string, string>> = {
  'us-central1': 'us-central',
  'europe-west1': 'europe-west',
};

/** Database types the API accepts for a new application (`CLOUD_DATASTORE` only exists on old apps). */
export const APP_ENGINE_DATABASE_TYPES = {
  accepted: ['CLOUD_FIRESTORE', 'CLOUD_DATASTORE_COMPATIBILITY'],
  legacy: 'CLOUD_DATASTORE',
} as const;

/** What the entrypoint says about gunicorn, with gunicorn's defaults applied. */
export interface AppEngineServerFacts {
  /** `--workers` (gunicorn default 1, or WEB_CONCURRENCY). */
  readonly workers: number;
  /** `--threads` (gunicorn default 1); requests one worker serves at once for thread-based workers. */
  readonly threads: number;
  /** `--timeout` (gunicorn default 30; 0 = none). */
  readonly timeout: number;
  /** True for async worker classes (uvicorn, gevent…), whose capacity is not workers × threads. */
  readonly async: boolean;
  /** Memory all workers need in MB, when declared (construct only: `workers × memoryPerWorker`). */
  readonly memoryMB?: number;
}

/**
 * The platform-relevant view of one `google_app_engine_standard_app_version`. Unset means "not written" (platform
 * default). Durations are seconds (NaN when malformed). Terraform attribute paths in brackets.
 */
export interface AppEngineVersionFacts {
  /** [service] */
  readonly service?: string;
  /** [version_id] */
  readonly versionId?: string;
  /** [runtime] */
  readonly runtime?: string;
  /** [instance_class] */
  readonly instanceClass?: string;
  /** Which of [automatic_scaling], [basic_scaling], [manual_scaling] is written; none = automatic. */
  readonly scalingType: AppEngineScalingType;
  /** [automatic_scaling.max_concurrent_requests] */
  readonly maxConcurrentRequests?: number;
  /** [automatic_scaling.min_idle_instances] */
  readonly minIdleInstances?: number;
  /** [automatic_scaling.max_idle_instances] */
  readonly maxIdleInstances?: number;
  /** [automatic_scaling.min_pending_latency] in seconds */
  readonly minPendingLatency?: number;
  /** [automatic_scaling.max_pending_latency] in seconds */
  readonly maxPendingLatency?: number;
  /** [automatic_scaling.standard_scheduler_settings.min_instances] */
  readonly minInstances?: number;
  /** [automatic_scaling.standard_scheduler_settings.max_instances] */
  readonly maxInstances?: number;
  /** [automatic_scaling.standard_scheduler_settings.target_cpu_utilization] */
  readonly targetCpuUtilization?: number;
  /** [automatic_scaling.standard_scheduler_settings.target_throughput_utilization] */
  readonly targetThroughputUtilization?: number;
  /** [basic_scaling.max_instances] */
  readonly basicMaxInstances?: number;
  /** [basic_scaling.idle_timeout] in seconds (unset: the provider writes 900s) */
  readonly idleTimeout?: number;
  /** [manual_scaling.instances] */
  readonly manualInstances?: number;
  /** [inbound_services] */
  readonly inboundServices?: readonly string[];
  /** Keys of [env_variables]. */
  readonly envNames?: readonly string[];
  /** [entrypoint.shell], parsed with {@link serverFactsFromShell}; unset when it does not run gunicorn. */
  readonly server?: AppEngineServerFacts;
  /** Construct intent only (unset for raw resources): the longest request the app must serve, in seconds. */
  readonly requestTimeout?: number;
  /** Construct intent only: the app runs background threads that outlive requests. */
  readonly backgroundThreads?: boolean;
}

/** The platform-relevant view of one `google_app_engine_application`. */
export interface AppEngineApplicationFacts {
  /** [location_id] */
  readonly locationId?: string;
  /** [database_type] */
  readonly databaseType?: string;
}

type VersionRule = FactRule<AppEngineVersionFacts>;
type VersionIssue = Issue<AppEngineVersionFacts>;

/** The spec of a class, or undefined for an unknown class. */
export function instanceClassSpec(instanceClass: string): InstanceClassSpec | undefined {
  return Object.hasOwn(APP_ENGINE_INSTANCE_CLASSES, instanceClass)
    ? APP_ENGINE_INSTANCE_CLASSES[instanceClass]
    : undefined;
}

/** The class a version runs on: the one written, or the default of its scaling type. */
export function effectiveInstanceClass(f: Pick<AppEngineVersionFacts, 'instanceClass' | 'scalingType'>): string {
  return f.instanceClass ?? APP_ENGINE_DEFAULT_CLASS[f.scalingType];
}

/** The scaling types a class family allows. */
export function scalingTypesForFamily(family: 'F' | 'B'): AppEngineScalingType[] {
  return family === 'F' ? ['automatic'] : ['basic', 'manual'];
}

/**
 * gunicorn facts from an `entrypoint.shell`; undefined when the command does not start gunicorn. Without a worker
 * count on the command line, gunicorn reads WEB_CONCURRENCY from `env`, else runs 1 worker.
 */
export function serverFactsFromShell(
  shell: string,
  memoryMB?: number,
  env?: Readonly<Record<string, string>>,
): AppEngineServerFacts | undefined {
  const cmd = parseGunicornCommand(shell);
  if (!cmd) return undefined;
  const fromEnv = cmd.writesWorkers ? undefined : webConcurrencyWorkers(env?.[WEB_CONCURRENCY]);
  return {
    workers: cmd.workers ?? fromEnv ?? 1,
    threads: cmd.threads ?? 1,
    timeout: cmd.timeout ?? 30,
    async: isAsyncWorkerClass(cmd.workerClass),
    memoryMB,
  };
}

/** The App Engine location meant by a region-like string: `us-central1` → `us-central`, a typo → the closest id. */
export function suggestLocation(raw: string): string {
  const lower = raw.trim().toLowerCase();
  if (Object.hasOwn(APP_ENGINE_LOCATION_ALIASES, lower)) return APP_ENGINE_LOCATION_ALIASES[lower];
  return closest(lower, APP_ENGINE_LOCATIONS) ?? APP_ENGINE_LOCATIONS[0];
}

const isWhole = (n: number) => Number.isInteger(n);
const inRange = (n: number, min: number, max: number) => Number.isFinite(n) && n >= min && n <= max;
const fmtSeconds = (s: number) =>
  s >= 3600 && s % 3600 === 0 ? `${s / 3600} h` : s >= 60 && s % 60 === 0 ? `${s / 60} min` : `${s} s`;

/** Every App Engine standard version rule. */
export const APP_ENGINE_RULES: readonly VersionRule[] = [
  {
    id: 'GAE-INSTANCE-CLASS',
    level: 'error',
    category: 'platform',
    title: 'The instance class must be a second-generation class: F1, F2, F4, F4_1G, B1, B2, B4, B4_1G or B8',
    explanation:
      'The provider accepts any string and the Admin API rejects unknown classes at deploy time. Source: cloud.google.com/appengine/docs/standard (instance classes).',
    reads: ['instanceClass'],
    check: ({ instanceClass }) =>
      instanceClass !== undefined && !instanceClassSpec(instanceClass)
        ? {
            fact: 'instanceClass',
            message: `'${instanceClass}' is not an App Engine standard instance class`,
            fix: `use one of ${Object.keys(APP_ENGINE_INSTANCE_CLASSES).join(', ')}`,
          }
        : undefined,
  },
  {
    id: 'GAE-CLASS-SCALING',
    level: 'error',
    category: 'platform',
    title: 'F classes need automatic scaling; B classes need basic or manual scaling',
    explanation:
      '"Basic and manual instance classes require you to specify either the basic_scaling element or the manual_scaling element"; automatic scaling is "applicable only for applications that use an instance class of F1 or higher". The API rejects other pairs. Source: app.yaml reference (scaling elements).',
    reads: ['instanceClass', 'scalingType'],
    check: ({ instanceClass, scalingType }) => {
      const spec = instanceClass === undefined ? undefined : instanceClassSpec(instanceClass);
      if (!spec || scalingTypesForFamily(spec.family).includes(scalingType)) return undefined;
      if (spec.family === 'F') {
        const b = `B${instanceClass?.slice(1)}`;
        return {
          fact: 'instanceClass',
          message: `${instanceClass} is an automatic-scaling (F) class and cannot run with ${scalingType} scaling`,
          fix: `use a B class such as ${instanceClassSpec(b) ? b : 'B2'} with ${scalingType} scaling, or switch to automatic scaling`,
        };
      }
      const f = `F${instanceClass?.slice(1)}`;
      return {
        fact: 'instanceClass',
        message: `${instanceClass} is a basic/manual (B) class and needs a basic_scaling or manual_scaling block; without one the version scales automatically`,
        fix: `add basic or manual scaling, or use an F class such as ${instanceClassSpec(f) ? f : 'F2'}`,
      };
    },
  },
  {
    id: 'GAE-UTILIZATION-RANGE',
    level: 'error',
    category: 'platform',
    title: 'Target CPU and throughput utilization must be 0.5 to 0.95',
    explanation:
      'The automatic scheduler accepts utilization targets from 0.5 to 0.95 (default 0.6). Source: app.yaml reference (target_cpu_utilization, target_throughput_utilization).',
    reads: ['targetCpuUtilization', 'targetThroughputUtilization'],
    check: (f) =>
      (['targetCpuUtilization', 'targetThroughputUtilization'] as const)
        .filter(
          (fact) =>
            f[fact] !== undefined &&
            !inRange(f[fact] as number, APP_ENGINE_AUTOMATIC.utilization.min, APP_ENGINE_AUTOMATIC.utilization.max),
        )
        .map((fact) => ({
          fact,
          message: `${f[fact]} is outside 0.5 to 0.95`,
          fix: 'use a value from 0.5 to 0.95 (the default is 0.6)',
        })),
  },
  {
    id: 'GAE-MAX-CONCURRENT-REQUESTS',
    level: 'error',
    category: 'platform',
    title: 'max_concurrent_requests must be a whole number from 1 to 1000',
    explanation:
      'Automatic scaling sends at most 1000 concurrent requests to an instance (default 10). Source: app.yaml reference (max_concurrent_requests).',
    reads: ['maxConcurrentRequests'],
    check: ({ maxConcurrentRequests: n }) =>
      n !== undefined &&
      (!isWhole(n) ||
        !inRange(n, APP_ENGINE_AUTOMATIC.maxConcurrentRequests.min, APP_ENGINE_AUTOMATIC.maxConcurrentRequests.max))
        ? {
            fact: 'maxConcurrentRequests',
            message: `${n} is outside 1 to 1000`,
            fix: 'use a whole number from 1 to 1000',
          }
        : undefined,
  },
  {
    id: 'GAE-AUTOMATIC-INSTANCES',
    level: 'error',
    category: 'platform',
    title:
      'Automatic scaling instance counts: min 0–1000, max 0–2147483647 (0 = no cap), idle 0–1000 / 1–1000, min not above max',
    explanation:
      'Ranges of standard_scheduler_settings.min_instances/max_instances and min/max_idle_instances; a minimum above the maximum cannot be honoured. Source: app.yaml reference; StandardAppVersion.yaml.',
    reads: ['minInstances', 'maxInstances', 'minIdleInstances', 'maxIdleInstances'],
    check: (f) => {
      const a = APP_ENGINE_AUTOMATIC;
      const issues: VersionIssue[] = [];
      const whole = (
        fact: 'minInstances' | 'maxInstances' | 'minIdleInstances' | 'maxIdleInstances',
        min: number,
        max: number,
      ) => {
        const v = f[fact];
        if (v !== undefined && (!isWhole(v) || !inRange(v, min, max))) {
          issues.push({
            fact,
            message: `${v} is outside ${min} to ${max}`,
            fix: `use a whole number from ${min} to ${max}`,
          });
        }
      };
      whole('minInstances', a.minInstances.min, a.minInstances.max);
      whole('maxInstances', a.maxInstances.min, a.maxInstances.max);
      whole('minIdleInstances', a.minIdleInstances.min, a.minIdleInstances.max);
      whole('maxIdleInstances', a.maxIdleInstances.min, a.maxIdleInstances.max);
      if (issues.length > 0) return issues;
      if (
        f.minInstances !== undefined &&
        f.maxInstances !== undefined &&
        f.maxInstances > 0 &&
        f.minInstances > f.maxInstances
      ) {
        issues.push({
          fact: 'minInstances',
          message: `min instances ${f.minInstances} is above max instances ${f.maxInstances}`,
          fix: `lower minInstances to at most ${f.maxInstances} or raise maxInstances`,
        });
      }
      if (
        f.minIdleInstances !== undefined &&
        f.maxIdleInstances !== undefined &&
        f.minIdleInstances > f.maxIdleInstances
      ) {
        issues.push({
          fact: 'minIdleInstances',
          message: `min idle instances ${f.minIdleInstances} is above max idle instances ${f.maxIdleInstances}`,
          fix: `lower minIdleInstances to at most ${f.maxIdleInstances} or raise maxIdleInstances`,
        });
      }
      return issues;
    },
  },
  {
    id: 'GAE-PENDING-LATENCY',
    level: 'error',
    category: 'platform',
    title: 'Pending latencies must be durations of at most 10 s, with min not above max',
    explanation:
      'A request waits in the pending queue at most 10 seconds ("the maximum pending request time limit"); the API takes durations as "<n>s" strings (app.yaml writes 30ms). Source: app.yaml reference (min_pending_latency, max_pending_latency); StandardAppVersion.yaml.',
    reads: ['minPendingLatency', 'maxPendingLatency'],
    check: (f) => {
      const issues: VersionIssue[] = [];
      const max = APP_ENGINE_AUTOMATIC.pendingLatencySeconds.max;
      for (const fact of ['minPendingLatency', 'maxPendingLatency'] as const) {
        const v = f[fact];
        if (v !== undefined && !inRange(v, 0, max)) {
          issues.push({
            fact,
            message: Number.isNaN(v) ? 'the duration is malformed' : `${v} s is outside 0 to ${max} seconds`,
            fix: "write a duration from 0 to 10 seconds, e.g. 0.030 (app.yaml: '30ms')",
          });
        }
      }
      if (
        issues.length === 0 &&
        f.minPendingLatency !== undefined &&
        f.maxPendingLatency !== undefined &&
        f.minPendingLatency > f.maxPendingLatency
      ) {
        issues.push({
          fact: 'minPendingLatency',
          message: `min pending latency ${f.minPendingLatency} s is above max pending latency ${f.maxPendingLatency} s`,
          fix: `lower minPendingLatency to at most ${f.maxPendingLatency} s`,
        });
      }
      return issues;
    },
  },
  {
    id: 'GAE-BASIC-SCALING',
    level: 'error',
    category: 'platform',
    title: 'Basic scaling: max_instances a whole number from 1 to 200, idle_timeout a positive duration',
    explanation:
      'The provider documents basic_scaling.max_instances as "in the range [1.0, 200.0]" (app.yaml gives no range, D-16). Source: StandardAppVersion.yaml; app.yaml reference (basic_scaling).',
    reads: ['scalingType', 'basicMaxInstances', 'idleTimeout'],
    check: ({ scalingType, basicMaxInstances: n, idleTimeout }) => {
      if (scalingType !== 'basic') return undefined;
      const issues: VersionIssue[] = [];
      const r = APP_ENGINE_BASIC.maxInstances;
      if (n === undefined || !isWhole(n) || !inRange(n, r.min, r.max)) {
        issues.push({
          fact: 'basicMaxInstances',
          message: `basic scaling max instances ${n ?? 'unset'} is outside 1 to 200`,
          fix: 'use a whole number from 1 to 200',
        });
      }
      if (idleTimeout !== undefined && !(Number.isFinite(idleTimeout) && idleTimeout > 0)) {
        issues.push({
          fact: 'idleTimeout',
          message: 'the idle timeout must be a positive duration',
          fix: "write it like 900 seconds (app.yaml: '15m')",
        });
      }
      return issues;
    },
  },
  {
    id: 'GAE-MANUAL-INSTANCES',
    level: 'error',
    category: 'platform',
    title: 'Manual scaling needs a whole number of at least 1 instance',
    explanation:
      'manual_scaling.instances is required and starts that many resident instances. Source: StandardAppVersion.yaml; app.yaml reference (manual_scaling).',
    reads: ['scalingType', 'manualInstances'],
    check: ({ scalingType, manualInstances: n }) =>
      scalingType === 'manual' && (n === undefined || !isWhole(n) || n < APP_ENGINE_MANUAL.instances.min)
        ? {
            fact: 'manualInstances',
            message: `manual scaling instances ${n ?? 'unset'} must be a whole number of at least 1`,
            fix: 'use 1 or more instances',
          }
        : undefined,
  },
  {
    id: 'GAE-REQUEST-DEADLINE',
    level: 'error',
    category: 'platform',
    title: 'Requests longer than 10 minutes need basic or manual scaling (24 hours)',
    explanation:
      'App Engine interrupts a request after 10 minutes with automatic scaling and after 24 hours with basic or manual scaling (the 60 s limit applies to legacy python27 only, D-18). Source: cloud.google.com/appengine/docs/standard/how-instances-are-managed.',
    reads: ['requestTimeout', 'scalingType'],
    check: ({ requestTimeout: t, scalingType }) => {
      if (t === undefined) return undefined;
      const deadline = APP_ENGINE_REQUEST_DEADLINE[scalingType];
      if (Number.isFinite(t) && t > 0 && t <= deadline) return undefined;
      if (!Number.isFinite(t) || t <= 0)
        return {
          fact: 'requestTimeout',
          message: 'the request timeout must be a positive number of seconds',
          fix: 'use seconds, e.g. 600',
        };
      return {
        fact: 'requestTimeout',
        message:
          scalingType === 'automatic' && t <= APP_ENGINE_REQUEST_DEADLINE.basic
            ? `${fmtSeconds(t)} is longer than the 10-minute request deadline of automatic scaling`
            : `${fmtSeconds(t)} is longer than the 24-hour request deadline of ${scalingType} scaling`,
        fix:
          t <= APP_ENGINE_REQUEST_DEADLINE.basic
            ? 'use basic or manual scaling (24-hour deadline) with a B instance class, or split the work into tasks shorter than 10 minutes'
            : 'split the work; no App Engine request can last longer than 24 hours',
      };
    },
  },
  {
    id: 'GAE-BACKGROUND-THREADS',
    level: 'error',
    category: 'platform',
    title: 'Background threads need basic or manual scaling',
    explanation:
      'Automatic-scaling instances may be shut down when idle and get no CPU outside requests; only basic and manual scaling instances run background work. Source: cloud.google.com/appengine/docs/standard/how-instances-are-managed.',
    reads: ['backgroundThreads', 'scalingType'],
    check: ({ backgroundThreads, scalingType }) =>
      backgroundThreads === true && scalingType === 'automatic'
        ? {
            fact: 'backgroundThreads',
            message: 'automatic scaling does not keep background threads running',
            fix: 'use basic or manual scaling with a B instance class',
          }
        : undefined,
  },
  {
    id: 'GAE-WARMUP-MIN-INSTANCES',
    level: 'warning',
    category: 'platform',
    title: 'Min instances and min idle instances need the warmup inbound service',
    explanation:
      'App Engine starts minimum and idle instances with a /_ah/warmup request; without INBOUND_SERVICE_WARMUP they start cold when traffic arrives. Source: app.yaml reference (min_instances, min_idle_instances); how-instances-are-managed (warmup requests).',
    reads: ['scalingType', 'minInstances', 'minIdleInstances', 'inboundServices'],
    check: ({ scalingType, minInstances, minIdleInstances, inboundServices }) => {
      if (scalingType !== 'automatic' || (inboundServices ?? []).includes(APP_ENGINE_WARMUP_SERVICE)) return undefined;
      const fact =
        (minInstances ?? 0) > 0 ? 'minInstances' : (minIdleInstances ?? 0) > 0 ? 'minIdleInstances' : undefined;
      return fact
        ? {
            fact: 'inboundServices',
            message: `${fact} is set but warmup requests are off`,
            fix: 'add INBOUND_SERVICE_WARMUP and handle /_ah/warmup',
          }
        : undefined;
    },
  },
  {
    id: 'GAE-WARMUP-SCALING',
    level: 'warning',
    category: 'platform',
    title: 'Warmup requests only reach automatic-scaling instances',
    explanation:
      'Basic and manual scaling instances receive /_ah/start, never /_ah/warmup, so the warmup inbound service has no effect there. Source: cloud.google.com/appengine/docs/standard/how-instances-are-managed.',
    reads: ['scalingType', 'inboundServices'],
    check: ({ scalingType, inboundServices }) =>
      scalingType !== 'automatic' && (inboundServices ?? []).includes(APP_ENGINE_WARMUP_SERVICE)
        ? {
            fact: 'inboundServices',
            message: `${scalingType} scaling instances never receive /_ah/warmup`,
            fix: 'initialise in a /_ah/start handler (it must answer 200–299 or 404) and drop warmup',
          }
        : undefined,
  },
  {
    id: 'GAE-ENV-NAME',
    level: 'error',
    category: 'platform',
    title: 'Environment variable names must match [A-Za-z_][A-Za-z0-9_]* and must not start with GAE',
    explanation:
      'Names prefixed GAE are reserved for the runtime and the API rejects them. Source: app.yaml reference (env_variables).',
    reads: ['envNames'],
    check: ({ envNames }) =>
      (envNames ?? []).flatMap((name): VersionIssue[] => {
        if (name.startsWith(APP_ENGINE_ENV_NAME.reservedPrefix)) {
          return [
            {
              fact: 'envNames',
              message: `'${name}' starts with GAE, which is reserved for App Engine`,
              fix: `rename it, e.g. 'APP_${name}'`,
            },
          ];
        }
        if (!APP_ENGINE_ENV_NAME.pattern.test(name)) {
          return [
            {
              fact: 'envNames',
              message: `'${name}' is not a valid variable name`,
              fix: 'use letters, digits and underscores, not starting with a digit',
            },
          ];
        }
        return [];
      }),
  },
  {
    id: 'GAE-VERSION-ID',
    level: 'error',
    category: 'platform',
    title: 'Version ids: lowercase letters, digits and hyphens, at most 63 characters, not default/latest or ah-…',
    explanation:
      'The API rejects other version ids; `default`, `latest` and the `ah-` prefix are reserved. Source: StandardAppVersion.yaml (version_id); app.yaml reference.',
    reads: ['versionId'],
    check: ({ versionId: v }) => {
      if (v === undefined) return undefined;
      const r = APP_ENGINE_VERSION_ID;
      const suggestion =
        v
          .toLowerCase()
          .replace(/[^a-z0-9-]+/g, '-')
          .replace(/^-+|-+$/g, '')
          .replace(/^ah-/, '')
          .slice(0, r.maxLength) || 'v1';
      if (v.length > r.maxLength)
        return {
          fact: 'versionId',
          message: `the version id has ${v.length} characters; the limit is 63`,
          fix: 'shorten it',
        };
      if (!r.pattern.test(v)) {
        return {
          fact: 'versionId',
          message: 'a version id may only use lowercase letters, digits and hyphens, not at either end',
          fix: `use something like '${suggestion}'`,
        };
      }
      if ((r.reserved as readonly string[]).includes(v) || v.startsWith(r.reservedPrefix)) {
        return { fact: 'versionId', message: `'${v}' is reserved`, fix: "use another id, e.g. 'v1' or a release tag" };
      }
      return undefined;
    },
  },
  {
    id: 'GAE-SERVICE-ID',
    level: 'error',
    category: 'platform',
    title: 'Service ids: lowercase letters, digits and hyphens, at most 63 characters, no hyphen at either end',
    explanation:
      'The service id becomes part of the version hostname VERSION-dot-SERVICE-dot-PROJECT. Source: app.yaml reference (service).',
    reads: ['service'],
    check: ({ service: s }) =>
      s !== undefined && (s.length > APP_ENGINE_SERVICE_ID.maxLength || !APP_ENGINE_SERVICE_ID.pattern.test(s))
        ? {
            fact: 'service',
            message: `'${s}' is not a valid service id`,
            fix: `use lowercase letters, digits and hyphens (at most 63), e.g. '${
              s
                .toLowerCase()
                .replace(/[^a-z0-9-]+/g, '-')
                .replace(/^-+|-+$/g, '')
                .slice(0, 63) || 'default'
            }'`,
          }
        : undefined,
  },
  {
    id: 'GAE-RUNTIME',
    level: 'error',
    category: 'platform',
    title: 'Python apps need a second-generation python3 runtime',
    explanation:
      'python27 is deprecated: deployments are blocked since 2026-01-31. Source: cloud.google.com/appengine/docs/legacy/standard/python (deprecation notice); python3 runtime page.',
    reads: ['runtime'],
    check: ({ runtime }) =>
      runtime?.startsWith('python') && !APP_ENGINE_PYTHON_RUNTIME.test(runtime)
        ? {
            fact: 'runtime',
            message: `'${runtime}' is not a supported python3 runtime`,
            fix: "use a python3 runtime such as 'python312'",
          }
        : undefined,
  },
  {
    id: 'GAE-SERVER-MEMORY',
    level: 'error',
    category: 'platform',
    title: "workers × memory per worker must fit the instance class's memory",
    explanation:
      'Each gunicorn worker is a process with its own copy of the app; an instance that exceeds the memory of its class is shut down. Source: cloud.google.com/appengine/docs/standard (instance classes); how-instances-are-managed.',
    reads: ['server', 'instanceClass', 'scalingType'],
    check: (f) => {
      const spec = instanceClassSpec(effectiveInstanceClass(f));
      if (!spec || f.server?.memoryMB === undefined || f.server.memoryMB <= spec.memoryMB) return undefined;
      const bigger = Object.entries(APP_ENGINE_INSTANCE_CLASSES).find(
        ([, s]) => s.family === spec.family && s.memoryMB >= (f.server?.memoryMB ?? 0),
      );
      return {
        fact: 'server',
        message: `${f.server.workers} workers need ${Math.ceil(f.server.memoryMB)} MB, more than the ${spec.memoryMB} MB of ${effectiveInstanceClass(f)}`,
        fix: bigger
          ? `use ${bigger[0]} (${bigger[1].memoryMB} MB) or run fewer workers`
          : 'run fewer workers or lower their memory',
      };
    },
  },
  {
    id: 'GAE-SERVER-TIMEOUT',
    level: 'error',
    category: 'platform',
    title: "gunicorn's worker timeout must be 0 or cover the declared request timeout",
    explanation:
      'gunicorn kills a worker silent for --timeout seconds (default 30), so longer requests die with WORKER TIMEOUT whatever App Engine allows. Source: benoitc/gunicorn config.py; platform-constraints X-6.',
    reads: ['server', 'requestTimeout'],
    check: ({ server, requestTimeout }) => {
      if (
        !server ||
        server.async ||
        requestTimeout === undefined ||
        server.timeout === 0 ||
        server.timeout >= requestTimeout
      )
        return undefined;
      return {
        fact: 'server',
        message: `gunicorn's timeout of ${server.timeout} s is shorter than the ${requestTimeout} s requests the app must serve`,
        fix: `set the gunicorn timeout to 0 (or at least ${requestTimeout})`,
      };
    },
  },
  {
    id: 'GAE-SERVER-TIMEOUT-DEADLINE',
    level: 'warning',
    category: 'platform',
    title: "gunicorn's worker timeout cuts requests short of App Engine's request deadline",
    explanation:
      "With gunicorn's default --timeout 30, requests longer than 30 s die although App Engine allows 10 minutes (automatic) or 24 hours (basic, manual). Source: benoitc/gunicorn config.py; how-instances-are-managed.",
    reads: ['server', 'requestTimeout', 'scalingType'],
    check: ({ server, requestTimeout, scalingType }) => {
      const deadline = APP_ENGINE_REQUEST_DEADLINE[scalingType];
      if (!server || server.async || requestTimeout !== undefined || server.timeout === 0 || server.timeout >= deadline)
        return undefined;
      return {
        fact: 'server',
        message: `gunicorn kills requests after ${server.timeout} s while ${scalingType} scaling allows ${fmtSeconds(deadline)}`,
        fix: 'pass --timeout 0 so the platform deadline governs',
      };
    },
  },
  {
    id: 'GAE-SERVER-CAPACITY',
    level: 'warning',
    category: 'platform',
    title: 'max_concurrent_requests above gunicorn capacity (workers × threads) queues requests inside the instance',
    explanation:
      'Automatic scaling sends up to max_concurrent_requests (default 10) to an instance; a server with fewer workers × threads queues the rest while the scheduler believes the instance has room. Source: app.yaml reference; platform-constraints X-4.',
    reads: ['server', 'scalingType', 'maxConcurrentRequests'],
    check: ({ server, scalingType, maxConcurrentRequests }) => {
      if (!server || server.async || scalingType !== 'automatic') return undefined;
      const capacity = server.workers * server.threads;
      const effective = maxConcurrentRequests ?? APP_ENGINE_AUTOMATIC.maxConcurrentRequests.default;
      if (effective <= capacity) return undefined;
      return {
        fact: 'maxConcurrentRequests',
        message: `${effective}${maxConcurrentRequests === undefined ? ' (the platform default)' : ''} concurrent requests exceed gunicorn's capacity of ${capacity} (${server.workers} workers × ${server.threads} threads)`,
        fix: `set max_concurrent_requests to ${capacity}, or raise workers or threads`,
      };
    },
  },
  {
    id: 'GAE-RESIDENT-COST',
    level: 'warning',
    category: 'cost',
    title: 'Resident instances (manual scaling, min instances, min idle instances) are billed around the clock',
    explanation:
      'They run whether or not they serve traffic; free instance hours are 28 per day for F classes and 9 per day for B classes, counted in F1/B1 equivalents. Source: cloud.google.com/appengine/pricing; cloud.google.com/free (App Engine).',
    reads: ['scalingType', 'manualInstances', 'minInstances', 'minIdleInstances', 'instanceClass'],
    check: (f) => {
      const resident =
        f.scalingType === 'manual'
          ? (f.manualInstances ?? 0)
          : f.scalingType === 'automatic'
            ? Math.max(f.minInstances ?? 0, f.minIdleInstances ?? 0)
            : 0;
      if (!(resident > 0)) return undefined;
      const cls = effectiveInstanceClass(f);
      const spec = instanceClassSpec(cls);
      if (!spec) return undefined;
      const hours = resident * 24 * spec.billingWeight;
      const free = APP_ENGINE_FREE_HOURS_PER_DAY[spec.family];
      const fact =
        f.scalingType === 'manual'
          ? 'manualInstances'
          : (f.minInstances ?? 0) >= (f.minIdleInstances ?? 0)
            ? 'minInstances'
            : 'minIdleInstances';
      return {
        fact,
        message: `${resident} resident ${cls} instance(s) use ${hours} ${spec.family}1 instance-hours a day (${free} are free) whether or not they serve traffic`,
        fix:
          f.scalingType === 'manual'
            ? 'use basic scaling if the work comes in bursts'
            : 'keep it if cold starts cost more than idle instances; otherwise use 0',
      };
    },
  },
  {
    id: 'GAE-BILLING-TAIL',
    level: 'warning',
    category: 'cost',
    title: 'A basic-scaling idle timeout under 15 minutes saves nothing',
    explanation:
      'Billing of basic and automatic instances ends fifteen minutes after an instance finishes its last request, so shutting it down earlier only adds cold starts. Source: cloud.google.com/appengine/pricing (D-25).',
    reads: ['scalingType', 'idleTimeout'],
    check: ({ scalingType, idleTimeout }) => {
      const t = idleTimeout ?? APP_ENGINE_BASIC.idleTimeoutSeconds.providerDefault;
      return scalingType === 'basic' && Number.isFinite(t) && t > 0 && t < APP_ENGINE_BILLING_TAIL_SECONDS
        ? {
            fact: 'idleTimeout',
            message: `instances stop after ${fmtSeconds(t)} idle but are billed for 15 minutes after their last request`,
            fix: 'use an idle timeout of 15 minutes (900 s): same bill, fewer cold starts',
          }
        : undefined;
    },
  },
  {
    id: 'GAE-MAX-INSTANCES-UNSET',
    level: 'warning',
    category: 'cost',
    title: 'Automatic scaling without max_instances: the cap depends on when the project was created',
    explanation:
      'Projects created after March 2025 get a default cap of 20 instances (a spike is throttled); older projects have no cap (a spike or a loop is billed). Source: app.yaml reference (max_instances); how-instances-are-managed.',
    reads: ['scalingType', 'maxInstances'],
    check: ({ scalingType, maxInstances }) =>
      scalingType === 'automatic' && maxInstances === undefined
        ? {
            fact: 'maxInstances',
            message: 'no maximum instance count is set',
            fix: 'set maxInstances to the most your budget and backends can take',
          }
        : undefined,
  },
];

type AppRule = FactRule<AppEngineApplicationFacts>;

/** Every App Engine application rule. */
export const APP_ENGINE_APPLICATION_RULES: readonly AppRule[] = [
  {
    id: 'GAE-APP-LOCATION',
    level: 'error',
    category: 'platform',
    title: 'location_id must be an App Engine location id (us-central, europe-west, …), not a Compute region name',
    explanation:
      '"Two locations, which are called europe-west and us-central in App Engine commands and in the Google Cloud console, are called europe-west1 and us-central1, respectively, elsewhere in Google documentation." The location cannot be changed later. Source: cloud.google.com/appengine/docs/standard/locations.',
    reads: ['locationId'],
    check: ({ locationId }) => {
      if (locationId === undefined || APP_ENGINE_LOCATIONS.includes(locationId)) return undefined;
      const alias = Object.hasOwn(APP_ENGINE_LOCATION_ALIASES, locationId)
        ? APP_ENGINE_LOCATION_ALIASES[locationId]
        : undefined;
      if (alias) {
        return {
          fact: 'locationId',
          message: `'${locationId}' is a Cloud Run/Compute region name; App Engine calls that location '${alias}'`,
          fix: `use '${alias}'`,
        };
      }
      if (/^[a-z]+-[a-z]+[0-9]+$/.test(locationId)) return undefined; // a well-formed region: GAE-APP-LOCATION-UNLISTED
      return {
        fact: 'locationId',
        message: `'${locationId}' is not an App Engine location id`,
        fix: `did you mean '${suggestLocation(locationId)}'?`,
      };
    },
  },
  {
    id: 'GAE-APP-LOCATION-UNLISTED',
    level: 'warning',
    category: 'platform',
    title: 'location_id is a region where App Engine is not known to run',
    explanation:
      'App Engine runs in a subset of Google Cloud regions. Source: cloud.google.com/appengine/docs/standard/locations; cloud.google.com/about/locations.',
    reads: ['locationId'],
    check: ({ locationId }) =>
      locationId !== undefined &&
      !APP_ENGINE_LOCATIONS.includes(locationId) &&
      !Object.hasOwn(APP_ENGINE_LOCATION_ALIASES, locationId) &&
      /^[a-z]+-[a-z]+[0-9]+$/.test(locationId)
        ? {
            fact: 'locationId',
            message: `'${locationId}' is not in the list of App Engine locations`,
            fix: `check the locations page; the nearest known id is '${suggestLocation(locationId)}'`,
          }
        : undefined,
  },
  {
    id: 'GAE-APP-DATABASE-TYPE',
    level: 'error',
    category: 'platform',
    title: 'database_type CLOUD_DATASTORE is rejected for new applications',
    explanation:
      'The provider accepts CLOUD_DATASTORE but the API only creates apps with CLOUD_FIRESTORE or CLOUD_DATASTORE_COMPATIBILITY. Source: terraform-provider-google app_engine_application docs.',
    reads: ['databaseType'],
    check: ({ databaseType }) =>
      databaseType === APP_ENGINE_DATABASE_TYPES.legacy
        ? {
            fact: 'databaseType',
            message: 'CLOUD_DATASTORE cannot be used for a new application',
            fix: 'use CLOUD_DATASTORE_COMPATIBILITY (Firestore in Datastore mode) or CLOUD_FIRESTORE',
          }
        : undefined,
  },
];
