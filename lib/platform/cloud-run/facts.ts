/**
 * The platform-relevant view of one Cloud Run service revision (or job task, or v1 service): what the Cloud Run rules
 * read. `CloudRunService` builds it from its resolved settings, the policy checks from synthesized Terraform JSON.
 */
import { ResourceKind } from '../kinds';
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
}

/** One environment variable of the container. */
export interface EnvFacts {
  readonly name: string;
  /** The length of a plain value; unset for a secret reference or a value not known at synth time. */
  readonly valueLength?: number;
  /** The Secret Manager secret a value comes from (its id or `projects/…/secrets/…`), when known. */
  readonly secret?: string;
  /** The secret version, when written and known. */
  readonly secretVersion?: string;
}

/** The platform-relevant view of one Cloud Run revision. Unset means "not written" (platform default). */
export interface CloudRunFacts {
  readonly name?: string;
  /** The region (`location`). */
  readonly region?: string;
  /** The ingress container's image. */
  readonly image?: string;
  /** vCPU; NaN when the quantity is malformed. */
  readonly cpu?: number;
  /** MiB; NaN when the quantity is malformed. */
  readonly memoryMiB?: number;
  readonly executionEnvironment?: 'GEN1' | 'GEN2';
  readonly concurrency?: number;
  /** `resources.cpu_idle`: true = request-based billing. */
  readonly cpuIdle?: boolean;
  /** Whether a `resources` block is written (it flips the `cpu_idle` default). */
  readonly resourcesWritten?: boolean;
  readonly minInstances?: number;
  readonly maxInstances?: number;
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
  /** Labels whose key and value are known. */
  readonly labels?: Readonly<Record<string, string>>;
  /** Who the revision runs as. */
  readonly serviceAccount?: RuntimeIdentity;
  /** Construct intent only: the app works outside requests. */
  readonly backgroundWork?: boolean;
  /** Construct intent only: a command or arguments given besides a server profile. */
  readonly ownCommand?: readonly string[];
}

/** A Cloud Run rule. */
export type CloudRunRule = FactRule<CloudRunFacts>;
/** A broken Cloud Run rule. */
export type CloudRunViolation = Violation<CloudRunFacts>;

/** v2 services only (the v2 name format, the v2 `cpu_idle` default). */
export const SERVICE: readonly ResourceKind[] = [ResourceKind.CLOUD_RUN_SERVICE];
/** Services that serve requests, v2 and v1. */
export const SERVICES: readonly ResourceKind[] = [ResourceKind.CLOUD_RUN_SERVICE, ResourceKind.CLOUD_RUN_SERVICE_V1];
/** Everything that runs a container: services and jobs. */
export const SERVICES_AND_JOBS: readonly ResourceKind[] = [...SERVICES, ResourceKind.CLOUD_RUN_JOB];
/** Construct intent, which no Terraform attribute records. */
export const CONSTRUCT_ONLY: readonly ResourceKind[] = [ResourceKind.CONSTRUCT];

/** Effective billing: request-based unless `cpu_idle` is false, or unset while `resources` is written. */
export function isRequestBilled(f: Pick<CloudRunFacts, 'cpuIdle' | 'resourcesWritten'>): boolean {
  if (f.cpuIdle !== undefined) return f.cpuIdle;
  return !f.resourcesWritten;
}

export const isWhole = (n: number) => Number.isInteger(n);
