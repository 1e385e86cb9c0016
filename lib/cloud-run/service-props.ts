import { array, boolean, enumOf, instanceOf, number, object, record, string } from '../core/props';
import { Gunicorn } from '../python/gunicorn';
import { Billing, ExecutionEnvironment, Ingress } from './enums';
import { Probe } from './probe';
import type { SecretEnv } from './secret-env';
import { VpcAccess } from './vpc-access';

/** Props of a {@link CloudRunService}. */
export interface CloudRunServiceProps {
  /** The region, e.g. `us-central1` (a Cloud Run region, not an App Engine location such as `us-central`). */
  readonly region: string;
  /** The container image. Pin it by digest (`…@sha256:…`) for reproducible revisions. */
  readonly image: string;
  /**
   * The service name: fewer than 50 characters, lowercase letters, digits and hyphens.
   * @default - derived from the construct id (`Api` → `api`)
   */
  readonly serviceName?: string;
  /**
   * The project.
   * @default - the provider's project
   */
  readonly project?: string;
  /**
   * A description of the service.
   * @default - none
   */
  readonly description?: string;
  /**
   * vCPU per instance: 0.08 to below 1, or 1, 2, 4, 6 or 8.
   * @default 1
   */
  readonly cpu?: number;
  /**
   * Memory per instance, as a quantity (`'512Mi'`, `'2Gi'`).
   * @default '512Mi'
   */
  readonly memory?: string;
  /**
   * The Python server. It renders the container command and drives concurrency, the startup probe, the worker
   * count and timeout checks.
   * @default - the image's own entrypoint; no server-derived settings
   */
  readonly server?: Gunicorn;
  /**
   * The container entrypoint, for images not run through {@link server}.
   * @default - the image's ENTRYPOINT
   */
  readonly command?: string[];
  /**
   * Arguments to the entrypoint, for images not run through {@link server}.
   * @default - the image's CMD
   */
  readonly args?: string[];
  /**
   * The port the server listens on (Cloud Run sets `$PORT` to it).
   * @default 8080
   */
  readonly containerPort?: number;
  /**
   * Maximum concurrent requests per instance (1 to 1000).
   * @default - the server's capacity (workers × threads, at most 1000); 80 without a server; 1 below 1 vCPU
   */
  readonly concurrency?: number;
  /**
   * Instances kept running even without traffic (billed while idle).
   * @default 0
   */
  readonly minInstances?: number;
  /**
   * Most instances Cloud Run may start.
   * @default - the platform default (100, or less per quota); a warning says so
   */
  readonly maxInstances?: number;
  /**
   * Request-based or instance-based billing. Always written as `cpu_idle`, because a `resources` block without it
   * silently means instance-based billing.
   * @default - Billing.INSTANCE when backgroundWork is true, otherwise Billing.REQUEST
   */
  readonly billing?: Billing;
  /**
   * The app works outside requests (background threads, queues, telemetry flushes). Selects instance-based billing
   * so the CPU is not throttled between requests.
   * @default false
   */
  readonly backgroundWork?: boolean;
  /**
   * The startup probe.
   * @default - with a server not preloaded: an HTTP probe on `/` using the whole 240 s budget; otherwise a TCP probe
   * on the container port with Cloud Run's 240 s budget, written explicitly
   */
  readonly startupProbe?: Probe;
  /**
   * The liveness probe.
   * @default - none
   */
  readonly livenessProbe?: Probe;
  /**
   * Seconds a request may take (1 to 3600).
   * @default 300
   */
  readonly requestTimeout?: number;
  /**
   * Give the instance more CPU while it starts (shorter Python import times at cold start).
   * @default true
   */
  readonly startupCpuBoost?: boolean;
  /**
   * The execution environment.
   * @default - ExecutionEnvironment.GEN2, or GEN1 below 1 vCPU or 512 MiB (gen2 needs both)
   */
  readonly executionEnvironment?: ExecutionEnvironment;
  /**
   * Where requests may come from.
   * @default Ingress.ALL (callers still need the invoker role unless allowUnauthenticated is set)
   */
  readonly ingress?: Ingress;
  /**
   * Let anyone invoke the service (grants `roles/run.invoker` to `allUsers`).
   * @default false
   */
  readonly allowUnauthenticated?: boolean;
  /**
   * The email of an existing service account to run as.
   * @default - a dedicated service account is created (never the default compute account)
   */
  readonly serviceAccount?: string;
  /**
   * Plain environment variables. Put secrets in {@link secrets}.
   * @default - none
   */
  readonly env?: Record<string, string>;
  /**
   * Environment variables read from Secret Manager; the runtime service account is granted
   * `roles/secretmanager.secretAccessor` on each secret.
   * @default - none
   */
  readonly secrets?: Record<string, SecretEnv>;
  /**
   * Outbound access to a VPC network.
   * @default - no VPC access
   */
  readonly vpcAccess?: VpcAccess;
  /**
   * Labels on the service.
   * @default - none
   */
  readonly labels?: Record<string, string>;
  /**
   * Refuse `terraform destroy` (and replacements) of the service.
   * @default true
   */
  readonly deletionProtection?: boolean;
}

/** The shape of the props (types and known keys); ranges and combinations are the rules' job. */
const probe = instanceOf(Probe, 'Probe.http(...), Probe.tcp(...) or Probe.grpc(...)', (p) => p._input).optional();
const strings = record(string).optional();
export const SERVICE_PROPS = object<CloudRunServiceProps>({
  region: string,
  image: string,
  serviceName: string.optional(),
  project: string.optional(),
  description: string.optional(),
  cpu: number.optional(),
  memory: string.optional(),
  server: instanceOf(Gunicorn, 'Gunicorn.wsgi(...) or Gunicorn.asgi(...)', (g) => g._input).optional(),
  command: array(string).optional(),
  args: array(string).optional(),
  containerPort: number.optional(),
  concurrency: number.optional(),
  minInstances: number.optional(),
  maxInstances: number.optional(),
  billing: enumOf(Billing, 'Billing').optional(),
  backgroundWork: boolean.optional(),
  startupProbe: probe,
  livenessProbe: probe,
  requestTimeout: number.optional(),
  startupCpuBoost: boolean.optional(),
  executionEnvironment: enumOf(ExecutionEnvironment, 'ExecutionEnvironment').optional(),
  ingress: enumOf(Ingress, 'Ingress').optional(),
  allowUnauthenticated: boolean.optional(),
  serviceAccount: string.optional(),
  env: strings,
  secrets: record(object<SecretEnv>({ secret: string, version: string.optional() })).optional(),
  vpcAccess: instanceOf(VpcAccess, 'VpcAccess.directVpc(...) or VpcAccess.connector(...)', (v) => v._input).optional(),
  labels: strings,
  deletionProtection: boolean.optional(),
});
