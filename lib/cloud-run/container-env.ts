/**
 * A Cloud Run container's environment, shared by every construct that runs one (services, jobs, worker pools): plain
 * variables from `env`, Secret Manager references from `secrets`, as settings, as the facts the rules judge, as the
 * provider's `env` blocks, and the accessor role on each secret for the runtime account.
 * @internal
 */
import type { Construct } from 'constructs';
import type { EnvFacts } from '../platform/cloud-run/facts';
import type { PropOfFact } from '../platform/judge';
import { type ITerraformDependable, isUnresolved } from '../private/cdktf';
import { SecretManagerSecretIamMember } from '../private/google';
import { GrantIds } from './grant-ids';
import type { SecretEnv } from './secret-env';

/** One variable of the container: a plain value from `env`, or a secret reference from `secrets`. */
export interface EnvSetting {
  readonly name: string;
  readonly from: 'env' | 'secrets';
  readonly value?: string;
  readonly secret?: SecretEnv;
}

/** The variables of `env` then `secrets`, in order. */
export function envSettings(
  env: Record<string, string> | undefined,
  secrets: Record<string, SecretEnv> | undefined,
): EnvSetting[] {
  return [
    ...Object.entries(env ?? {}).map(([name, value]): EnvSetting => ({ name, from: 'env', value })),
    ...Object.entries(secrets ?? {}).map(([name, secret]): EnvSetting => ({ name, from: 'secrets', secret })),
  ];
}

/** The variables as the rules see them (a token value or secret is left out: judged at apply time; its name is judged). */
export function envFacts(env: readonly EnvSetting[]): EnvFacts[] {
  return env.map((v) =>
    v.from === 'env'
      ? isUnresolved(v.value)
        ? { name: v.name, valueFromReference: true }
        : { name: v.name, value: v.value, valueLength: v.value?.length }
      : {
          name: v.name,
          secret: isUnresolved(v.secret?.secret) ? undefined : v.secret?.secret,
          secretVersion: isUnresolved(v.secret?.version) ? undefined : v.secret?.version,
        },
  );
}

/** The prop of the fact `env.<item>[.<detail>]`, and the value to show. */
export function envProp(env: readonly EnvSetting[], item: string | undefined, detail: string | undefined): PropOfFact {
  const v = env[Number(item)];
  if (detail === undefined) return { prop: `${v.from}.${v.name}`, value: v.from === 'env' ? v.value : v.secret };
  const key = detail === 'secretVersion' ? 'version' : 'secret';
  return { prop: `secrets.${v.name}.${key}`, value: v.secret?.[key] };
}

/** A container's `env` blocks (the same shape for services, jobs and worker pools); undefined when none. */
export function renderEnv(env: readonly EnvSetting[]) {
  if (env.length === 0) return undefined;
  return env.map((v) =>
    v.from === 'env'
      ? { name: v.name, value: v.value }
      : {
          name: v.name,
          valueSource: { secretKeyRef: { secret: v.secret!.secret, version: v.secret!.version ?? 'latest' } },
        },
  );
}

/** The role that lets a runtime account read a secret's versions. */
export const SECRET_ACCESSOR_ROLE = 'roles/secretmanager.secretAccessor';

/**
 * A function that grants `member` the Secret Manager accessor role on a secret, once per secret (its id in `project`,
 * or its full name), adding each binding to `grants`. Each binding is named after its secret (`SecretAccess-api-key`,
 * see ./grant-ids), so removing one secret leaves the others' Terraform addresses as they were.
 */
export function secretGranter(
  scope: Construct,
  project: string | undefined,
  member: string,
  grants: ITerraformDependable[],
): (secret: string) => void {
  const ids = new GrantIds(scope, 'SecretAccess');
  return (secret) => {
    const id = ids.next(secret);
    if (id === undefined) return;
    grants.push(
      new SecretManagerSecretIamMember(scope, id, {
        secretId: secret,
        project: secret.startsWith('projects/') ? undefined : project,
        role: SECRET_ACCESSOR_ROLE,
        member,
      }),
    );
  };
}
