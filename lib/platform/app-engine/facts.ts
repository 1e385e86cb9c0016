/**
 * The platform-relevant views of App Engine resources: a standard version and the application. What the App Engine
 * rules read; `AppEngineStandardService` and `AppEngineApplication` build them from their resolved settings, the
 * policy checks from synthesized Terraform JSON.
 */
import { ResourceKind } from '../kinds';
import type { ServerFacts } from '../python/server';
import type { FactRule, Violation } from '../rule';
import type { PlainEnv } from '../secrets';
import type { RuntimeIdentity } from '../service-account';

/** The scaling types of a standard version. No scaling block in Terraform means automatic. */
export type AppEngineScalingType = 'automatic' | 'basic' | 'manual';

/** One URL handler of a version. */
export interface HandlerFacts {
  /** True for a static-files handler, false for one that routes to the app. */
  readonly static: boolean;
  /** The HTTP status of the HTTPS redirect (NaN when it is not a status code), when written. */
  readonly redirectCode?: number;
  /** The URL pattern. */
  readonly url?: string;
  /** `security_level` (app.yaml `secure`); unset: SECURE_DEFAULT. */
  readonly securityLevel?: string;
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
  /** [project], else the provider's project. */
  readonly project?: string;
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
  /** [env_variables] with their values, for the rules about what they hold. */
  readonly env?: readonly PlainEnv[];
  /** [entrypoint.shell] */
  readonly entrypoint?: string;
  /** The gunicorn server the entrypoint runs; unset when it does not run gunicorn. */
  readonly server?: ServerFacts;
  /** [handlers] */
  readonly handlers?: readonly HandlerFacts[];
  /** [delete_service_on_destroy] */
  readonly deleteServiceOnDestroy?: boolean;
  /** How many sources [deployment] names: 1 for a zip, else the number of files. */
  readonly deploymentSources?: number;
  /** [service_account] */
  readonly serviceAccount?: RuntimeIdentity;
  /** Construct intent only (unset for raw resources): the longest request the app must serve, in seconds. */
  readonly requestTimeout?: number;
  /** Construct intent only: warmup requests were asked for by name. */
  readonly warmupRequested?: boolean;
  /** Construct intent only: a gunicorn profile was given. */
  readonly serverProfile?: boolean;
  /** Construct intent only: an entrypoint was given. */
  readonly ownEntrypoint?: string;
  /**
   * Construct intent only, known at synth: for a version whose project's application is created in the same stack,
   * whether the stack also has a version of that project's `default` service. Unset when the application is not in the
   * stack (an existing application, whose default service may exist already).
   */
  readonly defaultVersionInStack?: boolean;
}

/** The platform-relevant view of one `google_app_engine_application`. */
export interface AppEngineApplicationFacts {
  /** [location_id] */
  readonly locationId?: string;
  /** [database_type] */
  readonly databaseType?: string;
  /** The other applications of the same project in the configuration (their paths or addresses). */
  readonly sameProject?: readonly string[];
}

/** The facts the scaling elements give: unknown together when the scaling block is. */
export const SCALING_FACTS: ReadonlyArray<keyof AppEngineVersionFacts> = [
  'scalingType',
  'maxConcurrentRequests',
  'minIdleInstances',
  'maxIdleInstances',
  'minPendingLatency',
  'maxPendingLatency',
  'minInstances',
  'maxInstances',
  'targetCpuUtilization',
  'targetThroughputUtilization',
  'basicMaxInstances',
  'idleTimeout',
  'manualInstances',
];

/** An App Engine version rule. */
export type VersionRule = FactRule<AppEngineVersionFacts>;
/** A broken App Engine version rule. */
export type VersionViolation = Violation<AppEngineVersionFacts>;
/** An App Engine application rule. */
export type ApplicationRule = FactRule<AppEngineApplicationFacts>;

/** Standard versions. */
export const VERSION: readonly ResourceKind[] = [ResourceKind.APP_ENGINE_STANDARD_VERSION];
/** Standard and flexible versions. */
export const VERSIONS: readonly ResourceKind[] = [
  ResourceKind.APP_ENGINE_STANDARD_VERSION,
  ResourceKind.APP_ENGINE_FLEXIBLE_VERSION,
];
/** The application. */
export const APPLICATION: readonly ResourceKind[] = [ResourceKind.APP_ENGINE_APPLICATION];
/** Construct intent, which no Terraform attribute records. */
export const CONSTRUCT_ONLY: readonly ResourceKind[] = [ResourceKind.CONSTRUCT];

/** A whole number (not unset, NaN or infinite). */
export const isWhole = (n: number | undefined): n is number => Number.isInteger(n);
export const inRange = (n: number, min: number, max: number) => Number.isFinite(n) && n >= min && n <= max;
/** Seconds as a person reads them: 600 → `10 min`, 86400 → `24 h`. */
export const formatSeconds = (s: number) =>
  s >= 3600 && s % 3600 === 0 ? `${s / 3600} h` : s >= 60 && s % 60 === 0 ? `${s / 60} min` : `${s} s`;
