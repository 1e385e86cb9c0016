/**
 * The platform-relevant view of one Cloud Run service revision (or job task, or v1 service): what the Cloud Run rules
 * read. `CloudRunService` builds it from its resolved settings, the policy checks from synthesized Terraform JSON.
 */
import { ResourceKind } from '../kinds';
import type { WorkerFacts } from '../python/celery';
import type { ServerFacts } from '../python/server';
import type { FactRule, Violation } from '../rule';
import type { RuntimeIdentity } from '../service-account';

/** How a probe checks the container. */
export type ProbeKind = 'http' | 'tcp' | 'grpc';

/** A probe as the platform sees it; unset timings take the provider defaults. */
export interface ProbeFacts {
  readonly kind: ProbeKind;
  readonly initialDelaySeconds?: number;
  readonly periodSeconds?: number;
  readonly timeoutSeconds?: number;
  readonly failureThreshold?: number;
  /** The HTTP path, for HTTP probes. */
  readonly path?: string;
  /** The port probed, when written (unset: the container port). */
  readonly port?: number;
}

/** One environment variable of the container. */
export interface EnvFacts {
  readonly name: string;
  /** The length of a plain value; unset for a secret reference or a value not known at synth time. */
  readonly valueLength?: number;
  /** A plain value written as a literal. */
  readonly value?: string;
  /** True for a plain value filled from a variable, reference or function (still stored in the revision). */
  readonly valueFromReference?: boolean;
  /** The Secret Manager secret a value comes from (its id or `projects/…/secrets/…`), when known. */
  readonly secret?: string;
  /** The secret version, when written and known. */
  readonly secretVersion?: string;
}

/** Where a container mounts a volume. */
export interface MountFacts {
  /** The volume's name (`volume_mounts.name`). */
  readonly volume?: string;
  /** `volume_mounts.mount_path`. */
  readonly path?: string;
}

/** One container of a revision: the ingress container or a sidecar. */
export interface ContainerFacts {
  readonly name?: string;
  /** True for the container that receives requests (the one that declares `ports`, else the first). */
  readonly ingress: boolean;
  /** Whether the container declares `ports`. */
  readonly hasPorts: boolean;
  /** vCPU; unset when not written (the platform default applies); NaN when malformed. */
  readonly cpu?: number;
  /** MiB; unset when not written; NaN when malformed. */
  readonly memoryMiB?: number;
  /** `resources.limits["nvidia.com/gpu"]`; NaN when malformed. */
  readonly gpuCount?: number;
  /** The containers this one waits for (`depends_on`). */
  readonly dependsOn?: readonly string[];
  /** Unset: no startup probe written. */
  readonly startupProbe?: ProbeFacts;
  /** The port the startup probe checks, when written. */
  readonly startupProbePort?: number;
  readonly mounts?: readonly MountFacts[];
}

/** A sidecar that runs gunicorn, with its startup probe. */
export interface SidecarServerFacts {
  readonly server: ServerFacts;
  /** Unset: no startup probe. */
  readonly startupProbe?: ProbeFacts;
}

/** The sources a volume can have (`disk`: an `empty_dir` on disk, which providers after 6.50 can write). */
export type VolumeKind = 'cloud-sql' | 'cloud-storage' | 'nfs' | 'in-memory' | 'disk' | 'secret';

/** One volume of a revision. */
export interface VolumeFacts {
  readonly name?: string;
  /** The sources written; the API takes exactly one. */
  readonly kinds: readonly VolumeKind[];
  /** Cloud SQL instance connection names. */
  readonly instances?: readonly string[];
  /** An in-memory volume's size limit in MiB (NaN when malformed; unset when not written). */
  readonly sizeLimitMiB?: number;
  /** A Cloud Storage bucket's name. */
  readonly bucket?: string;
  /** A secret volume's file modes: its default mode and each item's. */
  readonly modes?: readonly number[];
  /** Construct intent only: the container the volume is to be mounted on. */
  readonly container?: string;
}

/** One traffic target of a service. */
export interface TrafficFacts {
  /** `TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST` or `_REVISION` (unset: not written). */
  readonly type?: 'latest' | 'revision';
  readonly revision?: string;
  /** Unset: 0 (the API default). */
  readonly percent?: number;
  readonly tag?: string;
}

/** A revision's Binary Authorization settings. */
export interface BinaryAuthorizationFacts {
  readonly useDefault?: boolean;
  readonly policy?: string;
  readonly breakglassJustification?: string;
}

/** How a job's executions run its tasks (`template.task_count`, `parallelism`, `template.template.max_retries`, `timeout`). */
export interface JobFacts {
  /** Tasks per execution; unset: 1. */
  readonly taskCount?: number;
  /** Tasks run at once; unset or 0: as many as possible. */
  readonly parallelism?: number;
  /** Retries of a failed task; unset: 3. */
  readonly maxRetries?: number;
  /** Seconds one attempt of a task may run; unset: 600. NaN when malformed. */
  readonly timeoutSeconds?: number;
}

/** What a Cloud Run resource runs: a service (serves requests), a job (runs tasks), a worker pool (always on). */
export type CloudRunWorkload = 'service' | 'job' | 'worker-pool';

/** Where requests may come from: everywhere, inside the project only, or inside and through a load balancer. */
export type IngressFacts = 'all' | 'internal' | 'internal-and-load-balancer';

/** The platform-relevant view of one Cloud Run revision. Unset means "not written" (platform default). */
export interface CloudRunFacts {
  /** What the resource runs (unset: a service). */
  readonly workload?: CloudRunWorkload;
  readonly name?: string;
  /** The region (`location`). */
  readonly region?: string;
  /** The ingress container's image. */
  readonly image?: string;
  /** vCPU; NaN when the quantity is malformed. */
  readonly cpu?: number;
  /** MiB; NaN when the quantity is malformed. */
  readonly memoryMiB?: number;
  /** GPUs of the ingress container (`resources.limits["nvidia.com/gpu"]`); NaN when malformed. */
  readonly gpuCount?: number;
  /** The GPU type (`node_selector.accelerator`), e.g. `nvidia-l4`. */
  readonly gpuType?: string;
  readonly executionEnvironment?: 'GEN1' | 'GEN2';
  readonly concurrency?: number;
  /** `resources.cpu_idle`: true = request-based billing. */
  readonly cpuIdle?: boolean;
  /** Whether a `resources` block is written (it flips the `cpu_idle` default). */
  readonly resourcesWritten?: boolean;
  readonly minInstances?: number;
  /** The most instances: the revision's, else the service's (provider 7+) or the worker pool's; 0 is "not set". */
  readonly maxInstances?: number;
  /** `scaling.scaling_mode` of a service or worker pool (worker pools default to MANUAL). */
  readonly scalingMode?: 'AUTOMATIC' | 'MANUAL';
  /** `scaling.manual_instance_count`: the instances that run in manual mode. */
  readonly manualInstances?: number;
  readonly timeoutSeconds?: number;
  /** Unset: Cloud Run's default TCP startup probe. */
  readonly startupProbe?: ProbeFacts;
  readonly livenessProbe?: ProbeFacts;
  /** `ports.name`: `http1` or `h2c`. */
  readonly portName?: string;
  /** `ports.container_port`. */
  readonly containerPort?: number;
  readonly server?: ServerFacts;
  /** The ingress container's environment, in order. */
  readonly env?: readonly EnvFacts[];
  /** The images of the other containers (sidecars), in order. */
  readonly sidecarImages?: ReadonlyArray<string | undefined>;
  /** The environments of the other containers, in the same order. */
  readonly sidecarEnv?: ReadonlyArray<readonly EnvFacts[] | undefined>;
  /** The other containers that run gunicorn (undefined for those that do not), in the same order. */
  readonly sidecarServers?: ReadonlyArray<SidecarServerFacts | undefined>;
  /** Where requests may come from (services only; unset: all). */
  readonly ingress?: IngressFacts;
  /** Labels whose key and value are known. */
  readonly labels?: Readonly<Record<string, string>>;
  /** Who the revision runs as. */
  readonly serviceAccount?: RuntimeIdentity;
  /** Construct intent only: the app works outside requests. */
  readonly backgroundWork?: boolean;
  /** Construct intent only: a command or arguments given besides a server profile. */
  readonly ownCommand?: readonly string[];
  /** Every container of the revision, in order (v2 services, jobs and worker pools). */
  readonly containers?: readonly ContainerFacts[];
  /** The revision's volumes, in order. */
  readonly volumes?: readonly VolumeFacts[];
  /** A v2 service's traffic targets (unset: 100% to the latest revision). */
  readonly traffic?: readonly TrafficFacts[];
  /** A v2 service's service-level `scaling.min_instance_count`, divided among the revisions that get traffic. */
  readonly serviceMinInstances?: number;
  /** `gpu_zonal_redundancy_disabled`. */
  readonly gpuZonalRedundancyDisabled?: boolean;
  /** `launch_stage` (unset: GA). */
  readonly launchStage?: string;
  /** The customer-managed encryption key (`encryption_key`). */
  readonly encryptionKey?: string;
  readonly binaryAuthorization?: BinaryAuthorizationFacts;
  /** A job's execution settings (jobs only). */
  readonly job?: JobFacts;
  /** The Celery worker the container runs, read from its command line or a worker profile. */
  readonly worker?: WorkerFacts;
  /** The web server the container's command starts (`gunicorn`, `uvicorn`, `manage.py runserver`, …), if any. */
  readonly webServer?: string;
  /** Construct intent only: the worker or task profile that renders the container command (`Celery.worker(...)`). */
  readonly profile?: string;
  /** Construct intent only: a Serverless VPC Access connector is asked of a worker pool. */
  readonly vpcConnector?: boolean;
  /**
   * The region in the full name of the Serverless VPC Access connector (`projects/p/locations/REGION/connectors/c`);
   * unset without a connector, or for one given by its short name (looked up in the workload's region).
   */
  readonly vpcConnectorRegion?: string;
}

/** A Cloud Run rule. */
export type CloudRunRule = FactRule<CloudRunFacts>;
/** A broken Cloud Run rule. */
export type CloudRunViolation = Violation<CloudRunFacts>;

/** v2 services only (the v2 name format, the v2 `cpu_idle` default). */
export const SERVICE: readonly ResourceKind[] = [ResourceKind.CLOUD_RUN_SERVICE];
/** Services that serve requests, v2 and v1. */
export const SERVICES: readonly ResourceKind[] = [ResourceKind.CLOUD_RUN_SERVICE, ResourceKind.CLOUD_RUN_SERVICE_V1];
/** Services and jobs (what a worker pool of the pinned provider cannot write, such as probes). */
export const SERVICES_AND_JOBS: readonly ResourceKind[] = [...SERVICES, ResourceKind.CLOUD_RUN_JOB];
/** Services and worker pools: what scales on instances and keeps running. */
export const SERVICES_AND_POOLS: readonly ResourceKind[] = [...SERVICES, ResourceKind.CLOUD_RUN_WORKER_POOL];
/** Everything that runs a container: services, jobs and worker pools. */
export const CONTAINERS: readonly ResourceKind[] = [...SERVICES_AND_JOBS, ResourceKind.CLOUD_RUN_WORKER_POOL];
/** What the v2 API writes: services, jobs and worker pools (volumes, sidecars, CMEK, Binary Authorization). */
export const V2: readonly ResourceKind[] = [
  ResourceKind.CLOUD_RUN_SERVICE,
  ResourceKind.CLOUD_RUN_JOB,
  ResourceKind.CLOUD_RUN_WORKER_POOL,
];
/** Jobs only. */
export const JOBS: readonly ResourceKind[] = [ResourceKind.CLOUD_RUN_JOB];
/** Worker pools only. */
export const POOLS: readonly ResourceKind[] = [ResourceKind.CLOUD_RUN_WORKER_POOL];
/** What serves no request: jobs and worker pools. */
export const JOBS_AND_POOLS: readonly ResourceKind[] = [ResourceKind.CLOUD_RUN_JOB, ResourceKind.CLOUD_RUN_WORKER_POOL];
/** Construct intent, which no Terraform attribute records. */
export const CONSTRUCT_ONLY: readonly ResourceKind[] = [ResourceKind.CONSTRUCT];
/** Construct intent of a CloudRunService only (a prop only the service takes). */
export const SERVICE_CONSTRUCT: readonly ResourceKind[] = [ResourceKind.CONSTRUCT, ResourceKind.CLOUD_RUN_SERVICE];
/** Construct intent of a CloudRunWorkerPool only. */
export const WORKER_POOL_CONSTRUCT: readonly ResourceKind[] = [
  ResourceKind.CONSTRUCT,
  ResourceKind.CLOUD_RUN_WORKER_POOL,
];

/**
 * Effective billing: request-based unless `cpu_idle` is false, or unset while `resources` is written. Jobs and worker
 * pools are always billed by instance.
 */
export function isRequestBilled(f: Pick<CloudRunFacts, 'cpuIdle' | 'resourcesWritten' | 'workload'>): boolean {
  if (f.workload === 'job' || f.workload === 'worker-pool') return false;
  if (f.cpuIdle !== undefined) return f.cpuIdle;
  return !f.resourcesWritten;
}

/** True when the container has a GPU. */
export const hasGpu = (f: Pick<CloudRunFacts, 'gpuCount'>): boolean => f.gpuCount !== undefined && f.gpuCount !== 0;

/** Instances a worker pool runs in manual mode when no count is written ("manual scaling with 1 instance by default"). */
export const CLOUD_RUN_WORKER_POOL_DEFAULT_INSTANCES = 1;

/** True when the service runs a fixed number of instances (manual scaling), ignoring revision min and max. */
export const isManuallyScaled = (f: Pick<CloudRunFacts, 'scalingMode'>): boolean => f.scalingMode === 'MANUAL';

export const isWhole = (n: number) => Number.isInteger(n);

/** What a resource runs; constructs build services. */
export const workloadOf = (f: Pick<CloudRunFacts, 'workload'>): CloudRunWorkload => f.workload ?? 'service';

/** What a resource runs, as a message names it: `service`, `job`, `worker pool`. */
export const workloadName = (f: Pick<CloudRunFacts, 'workload'>): string =>
  workloadOf(f) === 'worker-pool' ? 'worker pool' : workloadOf(f);
