import { array, boolean, enumOf, instanceOf, number, object, record, string } from '../core/props';
import { Gunicorn } from '../python/gunicorn';
import type { Problems } from '../core/problems';
import { BinaryAuthorization } from './binary-authorization';
import { checkEach, checkOne } from './factory-options';
import { Billing, ExecutionEnvironment, Ingress } from './enums';
import { Gpu } from './gpu';
import { ManualScaling } from './manual-scaling';
import { Probe } from './probe';
import { SECRET_ENV, type SecretEnv } from './secret-env';
import { SIDECAR, type Sidecar } from './sidecar';
import { Traffic } from './traffic';
import { type Volume, VOLUMES } from './volume';
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
  /**
   * Volumes mounted on the main container (or on a sidecar): `Volume.cloudSql([...])`, `Volume.bucket(name)`,
   * `Volume.nfs(server, path)`, `Volume.inMemory({ sizeLimit })`, `Volume.secret(secret)`. The runtime service account
   * is granted what each needs.
   * @default - none
   */
  readonly volumes?: Volume[];
  /**
   * Containers running beside the main one in every instance (at most 9). Only the main container receives requests;
   * the sidecars' CPU and memory count toward the instance's.
   * @default - none
   */
  readonly sidecars?: Sidecar[];
  /**
   * The main container's name, which sidecars name in `dependsOn`. Written when given, or when there are sidecars.
   * @default - 'app' with sidecars; without them, no name
   */
  readonly containerName?: string;
  /**
   * How requests are split among revisions (percents summing to 100), with tags for URLs of their own:
   * `[Traffic.revision('api-00041-xyz', 90), Traffic.latest(10, { tag: 'canary' })]`.
   * @default - 100% to the latest revision
   */
  readonly traffic?: Traffic[];
  /**
   * Instances kept running for the whole service, divided among the revisions by their traffic share (Google's
   * recommendation over per-revision `minInstances`; do not combine the two). Billed while idle. Provider 6.50 cannot
   * write a service-level maximum: `maxInstances` is the revision's.
   * @default - none
   */
  readonly serviceMinInstances?: number;
  /**
   * Run a fixed number of instances (`ManualScaling.instances(n)`) instead of scaling on traffic; revision min and max
   * instances are then ignored, and every instance is billed around the clock.
   * @default - automatic scaling
   */
  readonly manualScaling?: ManualScaling;
  /**
   * A GPU per instance: `Gpu.nvidiaL4({ zonalRedundancy })` or, in Preview, `Gpu.nvidiaRtxPro6000()`. It selects
   * instance-based billing and the CPU and memory the GPU type needs when cpu and memory are not given.
   * @default - no GPU
   */
  readonly gpu?: Gpu;
  /**
   * Turn off the IAM check on invocations: anyone who reaches the URL may call the service. The supported way to make
   * a service public without an `allUsers` binding (which Domain Restricted Sharing refuses); the policy checks treat
   * it as a public invoker, acknowledged here as intent.
   * @default false
   */
  readonly invokerIamDisabled?: boolean;
  /**
   * Extra audiences (full URLs) accepted in the ID tokens of callers, e.g. a custom domain in front of the service.
   * @default - the service URLs only
   */
  readonly customAudiences?: string[];
  /**
   * Send a client's requests to the same instance, best effort (cookie based).
   * @default false
   */
  readonly sessionAffinity?: boolean;
  /**
   * A customer-managed Cloud KMS key (`projects/…/locations/…/keyRings/…/cryptoKeys/…`) for the container image. The
   * Cloud Run service agent is granted `roles/cloudkms.cryptoKeyEncrypterDecrypter` on it, and the service waits for
   * the grant.
   * @default - Google-managed encryption
   */
  readonly encryptionKey?: string;
  /**
   * Run only images a Binary Authorization policy attests: `BinaryAuthorization.projectDefault()` or
   * `BinaryAuthorization.policy(name)`.
   * @default - no Binary Authorization
   */
  readonly binaryAuthorization?: BinaryAuthorization;
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
  secrets: record(SECRET_ENV).optional(),
  vpcAccess: instanceOf(VpcAccess, 'VpcAccess.directVpc(...) or VpcAccess.connector(...)', (v) => v._input).optional(),
  labels: strings,
  deletionProtection: boolean.optional(),
  volumes: VOLUMES,
  sidecars: array(SIDECAR).optional(),
  containerName: string.optional(),
  traffic: array(instanceOf(Traffic, 'Traffic.latest(...) or Traffic.revision(...)')).optional(),
  serviceMinInstances: number.optional(),
  manualScaling: instanceOf(ManualScaling, 'ManualScaling.instances(...)').optional(),
  gpu: instanceOf(Gpu, 'Gpu.nvidiaL4(...) or Gpu.nvidiaRtxPro6000(...)').optional(),
  invokerIamDisabled: boolean.optional(),
  customAudiences: array(string).optional(),
  sessionAffinity: boolean.optional(),
  encryptionKey: string.optional(),
  binaryAuthorization: instanceOf(
    BinaryAuthorization,
    'BinaryAuthorization.projectDefault(...) or BinaryAuthorization.policy(...)',
  ).optional(),
});

/**
 * Checks the options our factories keep (volumes, traffic, scaling, GPU, Binary Authorization), beside the shape check
 * of the props, so that a misspelt prop does not hide a misspelt option; returns the props with a problem (each
 * reported), which the construct sets aside like a prop of the wrong shape.
 */
export function factoryProblems(props: CloudRunServiceProps, problems: Problems): string[] {
  const wrong: string[] = [];
  if (!checkEach(props.volumes, 'volumes', problems)) wrong.push('volumes');
  if (!checkEach(props.traffic, 'traffic', problems)) wrong.push('traffic');
  for (const [prop, item] of [
    ['manualScaling', props.manualScaling],
    ['gpu', props.gpu],
    ['binaryAuthorization', props.binaryAuthorization],
  ] as const) {
    if (!checkOne(item, prop, problems)) wrong.push(prop);
  }
  return wrong;
}
