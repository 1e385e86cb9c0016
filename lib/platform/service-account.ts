/**
 * Who a workload runs as, for both platforms: the platforms' default runtime identities and the two rules about a
 * given account, built for each platform.
 *
 * Without a service account, a Cloud Run revision runs as the Compute Engine default account and an App Engine
 * version as the App Engine default account; both usually hold the Editor role on the project. Sources: "Introduction
 * to service identity" (https://cloud.google.com/run/docs/securing/service-identity); "Configure service accounts"
 * for App Engine (https://cloud.google.com/appengine/docs/standard/configure-service-accounts).
 */
import { createHash } from 'node:crypto';
import { CheckLevel } from '../core/levels';
import { slugify } from '../core/text';
import type { ResourceKind } from './kinds';
import { type FactPath, type FactRule, Pack } from './rule';

/** Who a revision or version runs as. */
export interface RuntimeIdentity {
  /** The email as written; unset when none is written or it is a reference. */
  readonly email?: string;
  /** True for the platform's default account (also when no account is written). */
  readonly isDefault: boolean;
}

/** A platform's default account: how its email ends, and what to call it in messages. */
export interface DefaultServiceAccount {
  readonly suffix: string;
  readonly name: string;
}

export const DEFAULT_SERVICE_ACCOUNTS = {
  cloudRun: { suffix: '-compute@developer.gserviceaccount.com', name: 'the default compute service account' },
  appEngine: { suffix: '@appspot.gserviceaccount.com', name: 'the App Engine default service account' },
} as const satisfies Record<string, DefaultServiceAccount>;

/** Service account ids: 6 to 30 characters matching `^[a-z]([-a-z0-9]*[a-z0-9])$` ("Create service accounts"). */
export const SERVICE_ACCOUNT_ID = { minLength: 6, maxLength: 30, pattern: /^[a-z]([-a-z0-9]*[a-z0-9])$/ } as const;

/**
 * The id of a dedicated service account for the workload `name`: `api-gae`, `orders-wp`. A name too long for 30
 * characters is cut and given a short hash of the whole name, so names that differ only at the end still get
 * different accounts; `salt` (a construct path) adds its hash to the name's, for a second workload of the same name.
 * Source: "Create service accounts" (account ID: 6 to 30 characters, lowercase letters, digits and hyphens),
 * https://cloud.google.com/iam/docs/service-accounts-create.
 */
export function serviceAccountIdFor(name: string, suffix: string, salt?: string): string {
  const slug = slugify(name, { maxLength: Number.POSITIVE_INFINITY, start: 'letter', fallback: 'service' });
  let accountId = `${slug}${suffix}`;
  if (accountId.length > SERVICE_ACCOUNT_ID.maxLength || salt !== undefined) {
    const hash = createHash('sha256')
      .update(salt === undefined ? slug : `${slug}\n${salt}`)
      .digest('hex')
      .slice(0, 4);
    const room = SERVICE_ACCOUNT_ID.maxLength - suffix.length - hash.length - 1;
    // The slug has no two hyphens in a row: a cut ends on one at most.
    accountId = `${slug.slice(0, room).replace(/-$/, '')}-${hash}${suffix}`;
  }
  if (accountId.length < SERVICE_ACCOUNT_ID.minLength) accountId = `${accountId}-sa`;
  return accountId;
}

/** Service account emails: `name@project.iam.gserviceaccount.com` and the platforms' own domains. */
const EMAIL = /^[^@\s]+@[^@\s]+\.[a-z.]+$/;

/** Who runs as `email` (undefined: nothing written, so the platform default). */
export function identityOf(email: string | undefined, platform: DefaultServiceAccount): RuntimeIdentity {
  return email === undefined ? { isDefault: true } : { email, isDefault: email.endsWith(platform.suffix) };
}

/** The two service-account rules of a platform: the account must be an email; the default one is warned about. */
export function serviceAccountRules<F>(spec: {
  readonly prefix: string;
  readonly platform: DefaultServiceAccount;
  readonly appliesTo: readonly ResourceKind[];
  readonly fact: FactPath<F> & keyof F;
  readonly what: string;
  readonly source: string;
}): Array<FactRule<F>> {
  const identity = (f: Readonly<F>) => f[spec.fact as keyof F] as RuntimeIdentity | undefined;
  return [
    {
      id: `${spec.prefix}-SERVICE-ACCOUNT`,
      pack: Pack.PLATFORM,
      level: CheckLevel.ERROR,
      suppressible: false,
      appliesTo: spec.appliesTo,
      title: 'A service account is given by its email address',
      explanation: `The API takes the runtime service account of ${spec.what} as an email and rejects anything else.`,
      source: spec.source,
      reads: [spec.fact],
      check: (f) => {
        const email = identity(f)?.email;
        return email !== undefined && !EMAIL.test(email)
          ? {
              fact: spec.fact,
              message: 'the service account must be an email address',
              fix: "use e.g. 'app@my-project.iam.gserviceaccount.com', or a dedicated account created for the app",
            }
          : undefined;
      },
    },
    {
      id: `${spec.prefix}-DEFAULT-SA`,
      pack: Pack.SECURITY,
      level: CheckLevel.WARNING,
      suppressible: true,
      appliesTo: spec.appliesTo,
      title: `${spec.what[0].toUpperCase()}${spec.what.slice(1)} should run as a dedicated service account, not ${spec.platform.name}`,
      explanation: `Without a service account ${spec.what} run as ${spec.platform.name}, which holds the Editor role on the project by default: any code execution in the app can change the project. A warning, not an error: the platform accepts it and the app works, but the account is a risky trade-off.`,
      source: spec.source,
      reads: [spec.fact],
      check: (f) =>
        identity(f)?.isDefault
          ? {
              fact: spec.fact,
              message: `it runs as ${spec.platform.name}, which usually holds the Editor role, so a compromised app gets the whole project`,
              fix: 'run it as a dedicated service account that holds only the roles the app needs',
            }
          : undefined,
    },
  ];
}
