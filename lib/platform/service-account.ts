/**
 * The platforms' default runtime identities, written once for the constructs and the policy checks.
 *
 * Without a service account, a Cloud Run revision runs as the Compute Engine default account and an App Engine
 * version as the App Engine default account; both usually hold the Editor role on the project.
 * Sources: cloud.google.com/run/docs/securing/service-identity;
 * cloud.google.com/appengine/docs/standard/configure-service-accounts.
 * @internal
 */

/** A platform's default account: how its email ends, and what to call it in messages. */
export interface DefaultServiceAccount {
  readonly suffix: string;
  readonly name: string;
}

export const DEFAULT_SERVICE_ACCOUNTS = {
  cloudRun: { suffix: '-compute@developer.gserviceaccount.com', name: 'the default compute service account' },
  appEngine: { suffix: '@appspot.gserviceaccount.com', name: 'the App Engine default service account' },
} as const satisfies Record<string, DefaultServiceAccount>;
