/**
 * The IAM grants a Cloud Run service, job or worker pool needs for what it uses: the Secret Manager accessor role on each secret (env and
 * volumes), what its volumes need (see ./volume-settings), and the key role of the Cloud Run service agent on a CMEK
 * key. Source: "Using customer managed encryption keys", https://cloud.google.com/run/docs/securing/using-cmek.
 * @internal
 */
import type { Construct } from 'constructs';
import { CMEK_ROLE, cloudRunServiceAgent } from '../platform/cloud-run/access';
import type { ITerraformDependable } from '../private/cdktf';
import { kmsCryptoKeyIamMember } from '../private/google';
import { type EnvSetting, secretGranter } from './container-env';
import { projectNumber } from './runtime-account';
import type { ServiceSettings } from './service-settings';
import { grantVolumeAccess, type VolumeSetting } from './volume-settings';

/**
 * Grants `member` what a service, job or worker pool reads: the accessor role on each secret of its containers'
 * `envs` and of its volumes (once per secret), and what each volume needs (once per project and bucket). Returns the
 * bindings, which the resource must wait for: "During service deployment, Cloud Run checks all the secrets you use
 * ... If any check fails, the service deployment fails" ("Configure secrets for services",
 * https://cloud.google.com/run/docs/configuring/services/secrets), and a volume the account cannot read fails the
 * instance's start. Without the dependency Terraform creates both at once and the first apply fails
 * (hashicorp/terraform-provider-google issues 13786 and 9441).
 */
export function grantRuntimeAccess(
  scope: Construct,
  reads: {
    readonly project?: string;
    readonly envs: ReadonlyArray<readonly EnvSetting[]>;
    readonly volumes: readonly VolumeSetting[];
  },
  member: string,
): ITerraformDependable[] {
  const grants: ITerraformDependable[] = [];
  const grantSecret = secretGranter(scope, reads.project, member, grants);
  for (const env of reads.envs) for (const { secret } of env) if (secret) grantSecret(secret.secret);
  grantVolumeAccess(scope, reads.volumes, reads.project, member, grantSecret, grants);
  return grants;
}

/**
 * The Cloud Run service agent's role on the CMEK key; the service must wait for it (its first revision is encrypted
 * with the key).
 */
export function grantKeyToServiceAgent(
  scope: Construct,
  s: ServiceSettings,
): InstanceType<ReturnType<typeof kmsCryptoKeyIamMember>> | undefined {
  if (s.encryptionKey === undefined) return undefined;
  return new (kmsCryptoKeyIamMember())(scope, 'ServiceAgentKeyAccess', {
    cryptoKeyId: s.encryptionKey,
    role: CMEK_ROLE,
    member: `serviceAccount:${cloudRunServiceAgent(projectNumber(scope, s.project))}`,
  });
}
