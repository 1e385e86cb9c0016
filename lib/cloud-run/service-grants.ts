/**
 * The IAM grants a Cloud Run service needs for what it uses: the Secret Manager accessor role on each secret (env and
 * volumes), `roles/cloudsql.client` for Cloud SQL volumes, a storage role on each mounted bucket, and the key role of
 * the Cloud Run service agent on a CMEK key. Sources: "Connect from Cloud Run" (Cloud SQL Client role),
 * https://cloud.google.com/sql/docs/postgres/connect-run; "Mount a bucket with Cloud Storage FUSE" (Storage Object
 * User to read and write, Storage Object Viewer to read), https://cloud.google.com/storage/docs/cloud-storage-fuse/mount-bucket;
 * "Using customer managed encryption keys", https://cloud.google.com/run/docs/securing/using-cmek.
 * @internal
 */
import type { Construct } from 'constructs';
import { CMEK_ROLE, cloudRunServiceAgent } from '../platform/cloud-run/access';
import { isUnresolved } from '../private/cdktf';
import { dataGoogleProject, kmsCryptoKeyIamMember, projectIamMember, storageBucketIamMember } from '../private/google';
import { secretGranter } from './container-env';
import type { ServiceSettings } from './service-settings';
import { VolumeType } from './volume';

/** The role a Cloud Storage volume needs: read-only mounts read and list objects, others write them too. */
export const BUCKET_ROLES = { readOnly: 'roles/storage.objectViewer', readWrite: 'roles/storage.objectUser' } as const;
export const CLOUD_SQL_CLIENT_ROLE = 'roles/cloudsql.client';

/** The project of a Cloud SQL connection name (`project:region:instance`, the project may be `domain:project`). */
function projectOfInstance(connectionName: string): string | undefined {
  if (isUnresolved(connectionName)) return undefined;
  const parts = connectionName.split(':');
  return parts.length >= 3 ? parts.slice(0, -2).join(':') : undefined;
}

/** The project number of `project` (the provider's when undefined), read once per scope. */
export function projectNumber(scope: Construct, project: string | undefined): string {
  const existing = scope.node.tryFindChild('Project') as { number: string } | undefined;
  if (existing) return existing.number;
  return new (dataGoogleProject())(scope, 'Project', { projectId: project }).number;
}

/** Grants `member` what the service's secrets, volumes and sidecars need, once per secret, project and bucket. */
export function grantServiceAccess(scope: Construct, s: ServiceSettings, member: string): void {
  const grantSecret = secretGranter(scope, s.project, member);
  for (const env of [s.env, ...s.sidecars.map((sc) => sc.env)])
    for (const { secret } of env) if (secret) grantSecret(secret.secret);

  const projects = new Map<string, string | undefined>();
  const buckets = new Set<string>();
  for (const { volume } of s.volumes) {
    const source = volume._source;
    if (volume.type === VolumeType.SECRET) grantSecret(source.secret!);
    if (volume.type === VolumeType.CLOUD_SQL) {
      for (const instance of source.instances ?? []) {
        const project = projectOfInstance(instance) ?? s.project;
        projects.set(project ?? '', project);
      }
    }
    if (volume.type === VolumeType.CLOUD_STORAGE) {
      const role = volume.options.readOnly ? BUCKET_ROLES.readOnly : BUCKET_ROLES.readWrite;
      const key = `${source.bucket}\u0000${role}`;
      if (buckets.has(key)) continue;
      buckets.add(key);
      new (storageBucketIamMember())(scope, `BucketAccess${buckets.size}`, { bucket: source.bucket!, role, member });
    }
  }
  let n = 0;
  for (const project of projects.values()) {
    new (projectIamMember())(scope, `CloudSqlClient${++n}`, {
      project: project ?? dataProjectId(scope, s),
      role: CLOUD_SQL_CLIENT_ROLE,
      member,
    });
  }
}

/** The provider's project, when the service names none (a project IAM member needs one). */
function dataProjectId(scope: Construct, s: ServiceSettings): string {
  projectNumber(scope, s.project);
  return (scope.node.findChild('Project') as unknown as { projectId: string }).projectId;
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
