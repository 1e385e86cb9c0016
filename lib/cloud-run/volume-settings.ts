/**
 * The volumes of a Cloud Run service, job or worker pool, from props to resources, written once for all three: each
 * volume named (its own name, or one derived and made unique) and given its mount path, its facts for the rules and
 * the prop each fact comes from, its provider blocks, and the IAM grants its kind needs: the Secret Manager accessor
 * role on a secret, `roles/cloudsql.client` for Cloud SQL, a storage role on a bucket. Sources: "Connect from Cloud
 * Run" (Cloud SQL Client role), https://cloud.google.com/sql/docs/postgres/connect-run; "Mount a bucket with Cloud
 * Storage FUSE" (Storage Object User to read and write, Storage Object Viewer to read),
 * https://cloud.google.com/storage/docs/cloud-storage-fuse/mount-bucket.
 * @internal
 */
import type { Construct } from 'constructs';
import type { Problems } from '../core/problems';
import { memorySettingMiB } from '../core/quantity';
import { Derived } from '../core/validation';
import type { MountFacts, VolumeFacts } from '../platform/cloud-run/facts';
import type { PropOfFact } from '../platform/judge';
import { type ITerraformDependable, isUnresolved, knownValue } from '../private/cdktf';
import { projectIamMember, storageBucketIamMember } from '../private/google';
import { checkEach } from './factory-options';
import { GrantIds } from './grant-ids';
import { projectIdOf } from './runtime-account';
import { type RenderedVolume, type Volume, VolumeType } from './volume';

/** The role a Cloud Storage volume needs: read-only mounts read and list objects, others write them too. */
export const BUCKET_ROLES = { readOnly: 'roles/storage.objectViewer', readWrite: 'roles/storage.objectUser' } as const;
export const CLOUD_SQL_CLIENT_ROLE = 'roles/cloudsql.client';

/** A volume with its name and where it is mounted. */
export interface VolumeSetting {
  readonly volume: Volume;
  readonly name: string;
  readonly mountPath: string;
  /**
   * The container it is mounted on, by name (the main container's name when not given); undefined for the one
   * unnamed container of a job or worker pool.
   */
  readonly container?: string;
}

/** Checks the options of each `Volume` factory given in `props.volumes`; false when one failed (each reported). */
export function checkVolumes(props: unknown, problems: Problems): boolean {
  const volumes = typeof props === 'object' && props !== null ? (props as { volumes?: unknown }).volumes : undefined;
  return checkEach(volumes, 'volumes', problems);
}

/**
 * Names each volume (its own, or one derived and made unique) and where it is mounted: on `main` (the main container's
 * name) unless it names a container; `main` is undefined for the one container of a job or worker pool. Tokens are
 * marked unknown at `volumes.<i>.*`.
 */
export function resolveVolumes(
  given: readonly Volume[],
  main: string | undefined,
  mark: (fact: string, value: unknown) => void,
): VolumeSetting[] {
  const taken = new Set(given.map((v) => v.options.name).filter((n): n is string => n !== undefined));
  return given.map((volume, i) => {
    let name = volume.options.name;
    if (name === undefined) {
      const base = volume._defaultName();
      name = base;
      for (let n = 2; taken.has(name); n++) name = `${base}-${n}`;
      taken.add(name);
    }
    mark(`volumes.${i}.name`, name);
    // With one container (no `main`), any container named is refused, a token too: there is no choice to make.
    if (main !== undefined) mark(`volumes.${i}.container`, volume.options.container);
    mark(`volumes.${i}.sizeLimitMiB`, volume.options.sizeLimit);
    for (const instance of volume._source.instances ?? []) mark(`volumes.${i}.instances`, instance);
    return {
      volume,
      name,
      mountPath: volume.options.mountPath ?? volume._defaultMountPath(name),
      container: volume.options.container ?? main,
    };
  });
}

/** For each container (by name, the main one first), the indexes of the volumes it mounts. */
export function mountsByContainer(names: readonly string[], volumes: readonly VolumeSetting[]): number[][] {
  const mounts: number[][] = names.map(() => []);
  volumes.forEach((v, i) => mounts[Math.max(0, names.indexOf(v.container!))].push(i));
  return mounts;
}

/** A secret volume's file modes given (tokens left out). */
function secretModes(volume: Volume): number[] | undefined {
  const modes = [volume.options.defaultMode, ...(volume._source.items ?? []).map((i) => i.mode)].filter(
    (m): m is number => m !== undefined && !isUnresolved(m),
  );
  return modes.length > 0 ? modes : undefined;
}

/**
 * The volumes as the rules see them. With `oneContainer` (a job or worker pool), a container named as a token is
 * still a container named: the rules refuse it rather than leave it to apply time.
 */
export function volumeFacts(volumes: readonly VolumeSetting[], oneContainer = false): VolumeFacts[] | undefined {
  if (volumes.length === 0) return undefined;
  return volumes.map((v) => {
    const source = v.volume._source;
    const size = v.volume.options.sizeLimit;
    return {
      name: v.name,
      kinds: [v.volume._kind],
      instances: source.instances?.filter((i) => !isUnresolved(i)),
      sizeLimitMiB: memorySettingMiB(knownValue(size)),
      bucket: knownValue(source.bucket),
      modes: secretModes(v.volume),
      container:
        v.volume.options.container === undefined
          ? undefined
          : oneContainer
            ? String(v.container)
            : knownValue(v.container),
    };
  });
}

/**
 * The mounts of the `c`th container, which mounts the volumes at `indexes`; mount paths given as tokens are added to
 * `unknown`.
 */
export function mountFacts(
  volumes: readonly VolumeSetting[],
  indexes: readonly number[],
  c: number,
  unknown: Set<string>,
): MountFacts[] | undefined {
  if (indexes.length === 0) return undefined;
  return indexes.map((i, j) => {
    const v = volumes[i];
    if (isUnresolved(v.mountPath)) unknown.add(`containers.${c}.mounts.${j}.path`);
    return { volume: v.name, path: knownValue(v.mountPath) };
  });
}

/** The prop of the fact `volumes[.<item>[.<detail>]]`, and the value to show. */
export function volumeProp(volumes: readonly VolumeSetting[], item?: string, detail?: string): PropOfFact {
  if (item === undefined)
    return { prop: 'volumes', value: new Derived(`[${volumes.map((v) => v.volume._describe()).join(', ')}]`) };
  const v = volumes[Number(item)];
  if (detail === 'container') return { prop: `volumes.${item}.container`, value: v.volume.options.container };
  return { prop: `volumes.${item}`, value: new Derived(v.volume._describe()) };
}

/** The prop of a mount of the `i`th volume: its mount path, or the volume when the path is derived. */
export function mountProp(volumes: readonly VolumeSetting[], i: number): PropOfFact {
  const v = volumes[i];
  return v.volume.options.mountPath === undefined
    ? { prop: `volumes.${i}`, value: new Derived(`${v.volume._describe()} at ${v.mountPath} (derived)`) }
    : { prop: `volumes.${i}.mountPath`, value: v.mountPath };
}

/** The provider's `volumes` blocks; undefined when there is none. */
export function renderVolumes(volumes: readonly VolumeSetting[]): RenderedVolume[] | undefined {
  return volumes.length > 0 ? volumes.map((v) => v.volume._render(v.name)) : undefined;
}

/** A container's `volume_mounts` blocks, for the volumes at `indexes`; undefined when there is none. */
export function renderMounts(
  volumes: readonly VolumeSetting[],
  indexes: readonly number[],
): Array<{ name: string; mountPath: string }> | undefined {
  return indexes.length === 0
    ? undefined
    : indexes.map((i) => ({ name: volumes[i].name, mountPath: volumes[i].mountPath }));
}

/** The project of a Cloud SQL connection name (`project:region:instance`, the project may be `domain:project`). */
function projectOfInstance(connectionName: string): string | undefined {
  if (isUnresolved(connectionName)) return undefined;
  const parts = connectionName.split(':');
  return parts.length >= 3 ? parts.slice(0, -2).join(':') : undefined;
}

/**
 * Grants `member` what the volumes need: `grantSecret` on each secret, `roles/cloudsql.client` on each Cloud SQL
 * instance's project (once per project; `project`, else the provider's, when the connection name tells none), a
 * storage role on each bucket (once per bucket and role), adding each binding to `grants`. Each binding is named after
 * what it grants (`BucketAccess-exports-objectViewer`, `CloudSqlClient-shop-prod`; see ./grant-ids), so removing a
 * volume leaves the others' Terraform addresses as they were.
 */
export function grantVolumeAccess(
  scope: Construct,
  volumes: readonly VolumeSetting[],
  project: string | undefined,
  member: string,
  grantSecret: (secret: string) => void,
  grants: ITerraformDependable[],
): void {
  const projects = new Map<string, string | undefined>();
  const bucketIds = new GrantIds(scope, 'BucketAccess');
  for (const { volume } of volumes) {
    const source = volume._source;
    if (volume.type === VolumeType.SECRET) grantSecret(source.secret!);
    if (volume.type === VolumeType.CLOUD_SQL) {
      for (const instance of source.instances ?? []) {
        const of = projectOfInstance(instance) ?? project;
        projects.set(of ?? '', of);
      }
    }
    if (volume.type === VolumeType.CLOUD_STORAGE) {
      const role = volume.options.readOnly ? BUCKET_ROLES.readOnly : BUCKET_ROLES.readWrite;
      const id = bucketIds.next(source.bucket!, role.replace(/^roles\/storage\./, ''));
      if (id === undefined) continue;
      grants.push(new (storageBucketIamMember())(scope, id, { bucket: source.bucket!, role, member }));
    }
  }
  const projectIds = new GrantIds(scope, 'CloudSqlClient');
  for (const of of projects.values()) {
    grants.push(
      // The provider's project has no name at synth: its binding is `CloudSqlClient`, the others are named after theirs.
      new (projectIamMember())(scope, of === undefined ? 'CloudSqlClient' : projectIds.next(of)!, {
        project: of ?? projectIdOf(scope, project),
        role: CLOUD_SQL_CLIENT_ROLE,
        member,
      }),
    );
  }
}
