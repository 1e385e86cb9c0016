/**
 * Cloud Run volumes: Cloud SQL sockets, Cloud Storage buckets (Cloud Storage FUSE), NFS shares, in-memory volumes and
 * Secret Manager secrets, and where containers mount them. Sources: googleapis/googleapis
 * `google/cloud/run/v2/k8s.min.proto` (Volume: "oneof volume_type"; VolumeMount: "Must not contain ':'. For Cloud SQL
 * volumes, it can be left empty, or must otherwise be `/cloudsql`"); "Container runtime contract"
 * (https://cloud.google.com/run/docs/container-contract): "Cloud Run doesn't support nested volume mounts";
 * "Configure Cloud Storage volume mounts for services"
 * (https://cloud.google.com/run/docs/configuring/services/cloud-storage-volume-mounts) and "Configure NFS volume mounts
 * for services" (https://cloud.google.com/run/docs/configuring/services/nfs-volume-mounts): "Cloud Run does not allow
 * you to mount a volume at /dev, /proc and /sys, or on their subdirectories"; "Configure in-memory volume mounts for
 * services" (https://cloud.google.com/run/docs/configuring/services/in-memory-volume-mounts).
 */
import { CheckLevel } from '../../core/levels';
import { formatMiB } from '../../core/quantity';
import { Pack } from '../rule';
import {
  type CloudRunFacts,
  type CloudRunRule,
  type CloudRunViolation,
  CONSTRUCT_ONLY,
  type ContainerFacts,
  SERVICE,
  V2,
  type VolumeFacts,
  type VolumeKind,
  workloadOf,
  workloadName,
} from './facts';
import { CLOUD_RUN_RESOURCE_DEFAULTS } from './resources';

/** Where Cloud SQL sockets are mounted: the only path the API accepts for a Cloud SQL volume. */
export const CLOUD_SQL_MOUNT_PATH = '/cloudsql';
/** Paths no volume may be mounted at or under. */
export const CLOUD_RUN_FORBIDDEN_MOUNT_PATHS: readonly string[] = ['/dev', '/proc', '/sys'];
/**
 * Memory Cloud Storage FUSE keeps for one mounted bucket before any file is read: its stat cache (32 MB) and type cache
 * (4 MiB) ("Configure Cloud Storage volume mounts for services", memory requirements). Reads and writes take more.
 */
export const CLOUD_STORAGE_FUSE_CACHE_MIB = 32e6 / (1024 * 1024) + 4;
/** A Cloud SQL instance connection name: `project:region:instance` (the project may be `domain.com:project`). */
const CONNECTION_NAME = /^[a-z0-9.:-]+:[a-z]+-[a-z]+[0-9]+:[a-z0-9-]+$/;

/** How each source is written in Terraform and named in messages. */
export const VOLUME_KINDS: Readonly<Record<VolumeKind, { readonly block: string; readonly name: string }>> = {
  'cloud-sql': { block: 'cloud_sql_instance', name: 'Cloud SQL' },
  'cloud-storage': { block: 'gcs', name: 'Cloud Storage' },
  nfs: { block: 'nfs', name: 'NFS' },
  'in-memory': { block: 'empty_dir', name: 'in-memory' },
  disk: { block: 'empty_dir', name: 'disk' },
  secret: { block: 'secret', name: 'secret' },
};

/** A volume over the network: Cloud Storage or NFS. */
const isNetwork = (v: VolumeFacts) => v.kinds.some((k) => k === 'cloud-storage' || k === 'nfs');
/** A volume in memory. */
const isInMemory = (v: VolumeFacts) => v.kinds.includes('in-memory');

/** True when `path` is `dir` or inside it (both without a trailing slash: `/` is the empty string). */
const within = (path: string, dir: string) => path === dir || path.startsWith(`${dir}/`);

/** A mount path without its trailing slashes (`/data/` and `/data` are the same place; `/` is ``, inside which all is). */
const normal = (path: string) => path.replace(/\/+$/, '');

/** What is wrong with one mount path of a volume of `kind`, if anything. */
function mountPathProblem(path: string, kind: VolumeKind | undefined): { message: string; fix: string } | undefined {
  if (kind === 'cloud-sql' && normal(path) !== CLOUD_SQL_MOUNT_PATH) {
    return {
      message: `a Cloud SQL volume is mounted at ${CLOUD_SQL_MOUNT_PATH} (each instance's socket is /cloudsql/<connection name>); '${path}' is refused`,
      fix: `mount it at ${CLOUD_SQL_MOUNT_PATH}`,
    };
  }
  if (!path.startsWith('/')) return { message: `mount path '${path}' is not absolute`, fix: `use '/${path}'` };
  if (path.includes(':')) return { message: `mount path '${path}' contains ':'`, fix: 'remove the colon' };
  const forbidden = CLOUD_RUN_FORBIDDEN_MOUNT_PATHS.find((dir) => within(normal(path), dir));
  if (forbidden) {
    return {
      message: `Cloud Run does not mount volumes at ${forbidden} or under it ('${path}')`,
      fix: "mount it elsewhere, e.g. under '/mnt'",
    };
  }
  return undefined;
}

/** The kind of the volume named `name`, when exactly one volume has that name and one source. */
function kindOf(volumes: readonly VolumeFacts[] | undefined, name: string | undefined): VolumeKind | undefined {
  const found = volumes?.filter((v) => v.name === name) ?? [];
  return found.length === 1 && found[0].kinds.length === 1 ? found[0].kinds[0] : undefined;
}

/** The mounts of every container, each with the fact path it is reported at. */
function eachMount(
  containers: readonly ContainerFacts[] | undefined,
  visit: (mount: { volume?: string; path?: string }, at: `containers.${string}`, container: ContainerFacts) => void,
): void {
  for (let c = 0; c < (containers ?? []).length; c++) {
    const mounts = containers![c].mounts ?? [];
    for (let m = 0; m < mounts.length; m++) visit(mounts[m], `containers.${c}.mounts.${m}`, containers![c]);
  }
}

/** The total memory of an instance: every container's limit (the platform default where none is written). */
export function totalMemoryMiB(f: Pick<CloudRunFacts, 'containers' | 'memoryMiB'>): number {
  if (!f.containers || f.containers.length === 0) return f.memoryMiB ?? CLOUD_RUN_RESOURCE_DEFAULTS.memoryMiB;
  return f.containers.reduce((sum, c) => sum + (c.memoryMiB ?? CLOUD_RUN_RESOURCE_DEFAULTS.memoryMiB), 0);
}

/** Rules about volumes and mounts: they pass a one-container revision without either, whatever else is unknown. */
const VOLUMES: CloudRunRule['scope'] = {
  reads: ['volumes', 'containers.length', 'containers.0.mounts'],
  when: ({ volumes, containers }) =>
    (volumes ?? []).length > 0 || (containers?.length ?? 0) > 1 || containers?.[0]?.mounts !== undefined,
};

const PROTO = 'googleapis/googleapis google/cloud/run/v2/k8s.min.proto (Volume, VolumeMount)';

export const CLOUD_RUN_VOLUME_RULES: readonly CloudRunRule[] = [
  {
    id: 'GCR-VOLUME-SOURCE',
    pack: Pack.PLATFORM,
    level: CheckLevel.ERROR,
    suppressible: false,
    appliesTo: V2,
    title:
      'A volume has one source and a unique name, Cloud SQL instances are project:region:instance, secret file modes 0–0777, and every mount names a volume',
    explanation:
      'The API takes exactly one source per volume (cloud_sql_instance, gcs, nfs, empty_dir or secret), names a volume once, reads Cloud SQL instances as connection names and secret file modes from 0000 to 0777 (octal), and rejects a volume mount whose name matches no volume.',
    source: `${PROTO}; "Connect from Cloud Run" (instance connection names), https://cloud.google.com/sql/docs/postgres/connect-run`,
    scope: VOLUMES,
    reads: ['volumes', 'containers'],
    check: ({ volumes, containers }) => {
      let violations: CloudRunViolation[] | undefined;
      const add = (fact: CloudRunViolation['fact'], message: string, fix: string) =>
        (violations ??= []).push({ fact, message, fix });
      const names = new Set<string>();
      for (let i = 0; i < (volumes ?? []).length; i++) {
        const v = volumes![i];
        if (v.kinds.length !== 1) {
          add(
            `volumes.${i}`,
            v.kinds.length === 0
              ? `volume '${v.name}' has no source`
              : `volume '${v.name}' has ${v.kinds.length} sources (${v.kinds.map((k) => VOLUME_KINDS[k].block).join(', ')}); the API takes one`,
            'give each volume exactly one of cloud_sql_instance, gcs, nfs, empty_dir or secret',
          );
        }
        if (v.name !== undefined) {
          if (names.has(v.name))
            add(`volumes.${i}`, `volume name '${v.name}' is used twice`, 'give each volume its own name');
          names.add(v.name);
        }
        const bad = (v.instances ?? []).filter((name) => !CONNECTION_NAME.test(name));
        if (bad.length > 0) {
          add(
            `volumes.${i}`,
            `Cloud SQL instance ${bad.map((b) => `'${b}'`).join(', ')} is not a connection name (project:region:instance)`,
            "use the instance's connection name, e.g. 'my-project:europe-west1:main'",
          );
        }
        const mode = (v.modes ?? []).find((m) => !Number.isInteger(m) || m < 0 || m > 0o777);
        if (mode !== undefined) {
          add(
            `volumes.${i}`,
            `secret volume '${v.name}' has file mode ${mode}; modes are 0 to 0777 (octal; 511 in decimal)`,
            'write the mode in octal, e.g. 0o400',
          );
        }
        if (v.kinds.length === 1 && v.kinds[0] === 'cloud-sql' && (v.instances ?? []).length === 0)
          add(`volumes.${i}`, `Cloud SQL volume '${v.name}' names no instance`, 'name at least one instance');
      }
      eachMount(containers, (mount, at, container) => {
        if (mount.volume !== undefined && !names.has(mount.volume)) {
          add(
            at,
            `container ${container.name === undefined ? '' : `'${container.name}' `}mounts volume '${mount.volume}', which does not exist`,
            'name a volume of the revision, or add it',
          );
        }
      });
      return violations;
    },
  },
  {
    id: 'GCR-VOLUME-MOUNT-PATH',
    pack: Pack.PLATFORM,
    level: CheckLevel.ERROR,
    suppressible: false,
    appliesTo: V2,
    title:
      'Mount paths are absolute, without ":", not under /dev, /proc or /sys, not nested or repeated in a container; Cloud SQL at /cloudsql',
    explanation:
      'The API rejects a mount path with ":" or a Cloud SQL volume mounted anywhere but /cloudsql; Cloud Run refuses mounts at or under /dev, /proc and /sys, and does not support one volume mounted inside another.',
    source: `${PROTO}; "Container runtime contract" (volumes), https://cloud.google.com/run/docs/container-contract; "Configure NFS volume mounts for services", https://cloud.google.com/run/docs/configuring/services/nfs-volume-mounts`,
    scope: VOLUMES,
    reads: ['volumes', 'containers'],
    // A token elsewhere in a container (its name, its CPU) or one mount path only known at apply time skips only that
    // path: the mounts that are known are still judged against each other.
    perValue: true,
    check: ({ volumes, containers }) => {
      let violations: CloudRunViolation[] | undefined;
      for (let c = 0; c < (containers ?? []).length; c++) {
        const mounts = containers![c].mounts ?? [];
        for (let m = 0; m < mounts.length; m++) {
          const path = mounts[m].path;
          if (path === undefined) continue;
          const at = `containers.${c}.mounts.${m}` as const;
          const problem = mountPathProblem(path, kindOf(volumes, mounts[m].volume));
          if (problem) {
            (violations ??= []).push({ fact: at, ...problem });
            continue;
          }
          const clash = mounts.findIndex(
            (other, o) =>
              o < m &&
              other.path !== undefined &&
              (within(normal(path), normal(other.path)) || within(normal(other.path), normal(path))),
          );
          if (clash >= 0) {
            const other = mounts[clash].path!;
            (violations ??= []).push({
              fact: at,
              message:
                normal(other) === normal(path)
                  ? `two volumes are mounted at '${path}' in the same container`
                  : `'${path}' and '${other}' are nested mounts in the same container, which Cloud Run does not support`,
              fix: 'mount each volume at its own path, none inside another',
            });
          }
        }
      }
      return violations;
    },
  },
  {
    id: 'GCR-VOLUME-EXECUTION-ENVIRONMENT',
    pack: Pack.PLATFORM,
    level: CheckLevel.WARNING,
    suppressible: true,
    appliesTo: SERVICE,
    title: 'Cloud Storage and NFS volumes are documented for the gen2 execution environment',
    explanation:
      'The provider documents a Cloud Storage volume as "only supported in the gen2 execution environment" and Google lists network file systems among the second generation\'s features, while the current volume pages no longer state a requirement: a warning, not an error. Below 1 vCPU a service runs gen1.',
    source:
      'hashicorp/terraform-provider-google website/docs/r/cloud_run_v2_service.html.markdown (gcs); "Execution environments", https://cloud.google.com/run/docs/about-execution-environments',
    scope: { reads: ['volumes'], when: ({ volumes }) => (volumes ?? []).some(isNetwork) },
    reads: ['volumes', 'executionEnvironment', 'cpu'],
    check: ({ volumes, executionEnvironment, cpu }) => {
      const gen1 =
        executionEnvironment === 'GEN1' ||
        (executionEnvironment === undefined && (cpu ?? CLOUD_RUN_RESOURCE_DEFAULTS.cpu) < 1);
      if (!gen1) return undefined;
      let violations: CloudRunViolation[] | undefined;
      for (let i = 0; i < (volumes ?? []).length; i++) {
        const network = volumes![i].kinds.find((k) => k === 'cloud-storage' || k === 'nfs');
        if (!network) continue;
        (violations ??= []).push({
          fact: `volumes.${i}`,
          message: `${VOLUME_KINDS[network].name} volume '${volumes![i].name}' needs the gen2 execution environment, and the service runs gen1${executionEnvironment === 'GEN1' ? '' : ' (below 1 vCPU)'}`,
          fix: 'use the gen2 execution environment (and at least 1 vCPU and 512Mi)',
        });
      }
      return violations;
    },
  },
  {
    id: 'GCR-VOLUME-IN-MEMORY',
    pack: Pack.PLATFORM,
    level: CheckLevel.WARNING,
    suppressible: true,
    appliesTo: V2,
    title: 'An in-memory volume has a size limit below the instance memory it uses',
    explanation:
      "What is written to an in-memory volume takes the memory of the containers; without a size limit the volume may take half of all the containers' memory, and an instance that runs out of memory is shut down.",
    source:
      '"Configure in-memory volume mounts for services", https://cloud.google.com/run/docs/configuring/services/in-memory-volume-mounts; "Container runtime contract", https://cloud.google.com/run/docs/container-contract',
    scope: { reads: ['volumes'], when: ({ volumes }) => (volumes ?? []).some(isInMemory) },
    reads: ['volumes', 'containers', 'memoryMiB'],
    check: (f) => {
      let violations: CloudRunViolation[] | undefined;
      const total = totalMemoryMiB(f);
      for (let i = 0; i < (f.volumes ?? []).length; i++) {
        const v = f.volumes![i];
        if (v.kinds.length !== 1 || v.kinds[0] !== 'in-memory') continue;
        if (v.sizeLimitMiB === undefined) {
          (violations ??= []).push({
            fact: `volumes.${i}`,
            message: `in-memory volume '${v.name}' has no size limit, so it may fill up to half of the instance's ${formatMiB(total)} of memory`,
            fix: 'set a size limit the app can spare',
          });
        } else if (Number.isNaN(v.sizeLimitMiB)) {
          (violations ??= []).push({
            fact: `volumes.${i}`,
            message: `in-memory volume '${v.name}' has a size limit that is not a quantity`,
            fix: "write it like '256Mi' or '1Gi'",
            level: CheckLevel.ERROR,
          });
        } else if (v.sizeLimitMiB >= total) {
          (violations ??= []).push({
            fact: `volumes.${i}`,
            message: `in-memory volume '${v.name}' may take ${formatMiB(v.sizeLimitMiB)}, all of the instance's ${formatMiB(total)} of memory`,
            fix: 'lower the size limit or raise memory',
          });
        }
      }
      return violations;
    },
  },
  {
    id: 'GCR-VOLUME-CONTAINER',
    pack: Pack.PLATFORM,
    level: CheckLevel.ERROR,
    suppressible: false,
    appliesTo: CONSTRUCT_ONLY,
    title: "A volume's container names a container of the service (a job or worker pool has one, which is not named)",
    explanation:
      "A volume's `container` option names the sidecar of a service to mount it on; a name that is no container's leaves the volume mounted nowhere. A job or a worker pool built by the library has one container, which every volume is mounted on, so no container can be named.",
    source: `${PROTO} (VolumeMount.name: "This must match the Name of a Volume")`,
    reads: ['volumes', 'containers', 'workload'],
    check: (f) => {
      const { volumes, containers } = f;
      let violations: CloudRunViolation[] | undefined;
      const names = (containers ?? []).flatMap((c) => (c.name === undefined ? [] : [`'${c.name}'`]));
      const choices = names.length === 0 ? 'add a sidecar of that name' : `name one of ${names.join(', ')}`;
      // A job or a worker pool has one container, which every volume is mounted on: there is no sidecar to name.
      const single = workloadOf(f) === 'service' ? undefined : `a ${workloadName(f)}`;
      for (let i = 0; i < (volumes ?? []).length; i++) {
        const target = volumes![i].container;
        if (target === undefined || (single === undefined && names.includes(`'${target}'`))) continue;
        (violations ??= []).push(
          single === undefined
            ? {
                fact: `volumes.${i}.container`,
                message: `no container is named '${target}'`,
                fix: `${choices}, or leave container unset for the main container`,
              }
            : {
                fact: `volumes.${i}.container`,
                message: `${single} has one container, which every volume is mounted on: no container can be named`,
                fix: 'leave container unset: the one container gets every volume',
              },
        );
      }
      return violations;
    },
  },
];
