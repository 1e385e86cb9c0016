import { object, string } from '../core/props';

/** A Secret Manager secret exposed to the container as an environment variable. */
export interface SecretEnv {
  /**
   * The secret: its id in the service's project (`db-password`) or its full name (`projects/p/secrets/db-password`).
   */
  readonly secret: string;
  /**
   * The secret version. Pin a number for reproducible revisions.
   * @default 'latest'
   */
  readonly version?: string;
}

/** The shape of a secret reference. @internal */
export const SECRET_ENV = object<SecretEnv>({ secret: string, version: string.optional() });
