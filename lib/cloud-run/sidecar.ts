import { array, instanceOf, number, object, record, string } from '../core/props';
import { Probe } from './probe';
import { SECRET_ENV, type SecretEnv } from './secret-env';

/**
 * A sidecar: a container that runs next to the main container in every instance (a metrics agent, a proxy, a
 * renderer). Only the main container receives requests; sidecars reach it, and each other, on `localhost`.
 */
export interface Sidecar {
  /**
   * The container's name: a DNS label (lowercase letters, digits and hyphens) other containers refer to in
   * `dependsOn` and volumes in `container`.
   */
  readonly name: string;
  /** The container image. Pin it by digest (`…@sha256:…`). */
  readonly image: string;
  /**
   * vCPU of the sidecar: 0.08 to below 1, or 1, 2, 4, 6 or 8. Counts toward the instance's CPU (at most 8 vCPU in all
   * without a GPU).
   * @default 1
   */
  readonly cpu?: number;
  /**
   * Memory of the sidecar, as a quantity (`'256Mi'`). Counts toward the instance's memory, so it is not the app's.
   * @default '512Mi'
   */
  readonly memory?: string;
  /**
   * The container entrypoint.
   * @default - the image's ENTRYPOINT
   */
  readonly command?: string[];
  /**
   * Arguments to the entrypoint.
   * @default - the image's CMD
   */
  readonly args?: string[];
  /**
   * Plain environment variables.
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
   * The startup probe. A sidecar has no container port, so the probe names the port it checks
   * (`Probe.tcp({ port: 9000 })`, `Probe.http({ path: '/ready', port: 9000 })`).
   * @default - none: the sidecar counts as started at once
   */
  readonly startupProbe?: Probe;
  /**
   * The containers (by name; the main container is `containerName`) that must be healthy before this one starts.
   * Each should have a startup probe, or it counts as healthy at once.
   * @default - none
   */
  readonly dependsOn?: string[];
}

/** The shape of a sidecar's props. @internal */
export const SIDECAR = object<Sidecar>({
  name: string,
  image: string,
  cpu: number.optional(),
  memory: string.optional(),
  command: array(string).optional(),
  args: array(string).optional(),
  env: record(string).optional(),
  secrets: record(SECRET_ENV).optional(),
  startupProbe: instanceOf(Probe, 'Probe.http(...), Probe.tcp(...) or Probe.grpc(...)', (p) => p._input).optional(),
  dependsOn: array(string).optional(),
});
