import { array, boolean, type Fields, instanceOf, number, object, record, string } from '../core/props';
import type { SecretEnv } from './secret-env';
import { type Volume, VOLUMES } from './volume';
import { VpcAccess } from './vpc-access';

/**
 * The props every Cloud Run workload that serves no requests has (worker pools and jobs): one container, its
 * resources, command, environment, identity, network and labels.
 */
export interface CloudRunContainerProps {
  /** The region, e.g. `us-central1`. */
  readonly region: string;
  /** The container image. Pin it by digest (`…@sha256:…`) for reproducible revisions and executions. */
  readonly image: string;
  /**
   * The project.
   * @default - the provider's project
   */
  readonly project?: string;
  /**
   * vCPU per instance (or task): 1, 2, 4, 6 or 8.
   * @default 1
   */
  readonly cpu?: number;
  /**
   * Memory per instance (or task), as a quantity (`'512Mi'`, `'2Gi'`).
   * @default '512Mi'
   */
  readonly memory?: string;
  /**
   * The container entrypoint, for containers not run through a profile.
   * @default - the image's ENTRYPOINT
   */
  readonly command?: string[];
  /**
   * Arguments to the entrypoint, for containers not run through a profile.
   * @default - the image's CMD
   */
  readonly args?: string[];
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
   * Outbound access to a VPC network (a broker or a database on a private IP). A worker pool takes Direct VPC egress
   * only: the pinned provider has no connector for worker pools.
   * @default - no VPC access
   */
  readonly vpcAccess?: VpcAccess;
  /**
   * Volumes mounted on the container: `Volume.cloudSql([...])` (the sockets at `/cloudsql`, for a Django migrate job
   * or a Celery worker reaching Cloud SQL), `Volume.bucket(name)`, `Volume.nfs(server, path)`,
   * `Volume.inMemory({ sizeLimit })`, `Volume.secret(secret)`. The runtime service account is granted what each needs
   * (`roles/cloudsql.client`, a storage role on the bucket, the Secret Manager accessor role). There is one container,
   * so a volume's `container` option is refused.
   * @default - none
   */
  readonly volumes?: Volume[];
  /**
   * Labels on the resource.
   * @default - none
   */
  readonly labels?: Record<string, string>;
  /**
   * Refuse `terraform destroy` (and replacements) of the resource.
   * @default true
   */
  readonly deletionProtection?: boolean;
}

const strings = record(string).optional();

/** The shape of the shared props, to spread into each construct's shape. @internal */
export const CONTAINER_PROPS: Fields<CloudRunContainerProps> = {
  region: string,
  image: string,
  project: string.optional(),
  cpu: number.optional(),
  memory: string.optional(),
  command: array(string).optional(),
  args: array(string).optional(),
  serviceAccount: string.optional(),
  env: strings,
  secrets: record(object<SecretEnv>({ secret: string, version: string.optional() })).optional(),
  vpcAccess: instanceOf(VpcAccess, 'VpcAccess.directVpc(...) or VpcAccess.connector(...)', (v) => v._input).optional(),
  volumes: VOLUMES,
  labels: strings,
  deletionProtection: boolean.optional(),
};
