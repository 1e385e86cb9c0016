import type { Problems } from '../core/problems';
import { array, boolean, instanceOf, number, object, type Shape, string } from '../core/props';
import { slugify } from '../core/text';
import { show } from '../core/validation';
import type { VolumeKind } from '../platform/cloud-run/facts';
import { CLOUD_SQL_MOUNT_PATH } from '../platform/cloud-run/volumes';
import { isUnresolved } from '../private/cdktf';
import { checkOptions } from './factory-options';

/** What a volume gives the container. */
export enum VolumeType {
  /** The Unix sockets of Cloud SQL instances, under `/cloudsql`. */
  CLOUD_SQL = 'cloud-sql',
  /** A Cloud Storage bucket, through Cloud Storage FUSE. */
  CLOUD_STORAGE = 'cloud-storage',
  /** An NFS share (Filestore or your own server). */
  NFS = 'nfs',
  /** A directory in memory, shared by the containers that mount it. */
  IN_MEMORY = 'in-memory',
  /** The versions of a Secret Manager secret, as files. */
  SECRET = 'secret',
}

/** Where a volume is mounted; the last argument of every `Volume` factory. */
export interface VolumeMountOptions {
  /**
   * The absolute path the volume is mounted at (not under `/dev`, `/proc` or `/sys`, without `:`, not inside
   * another mount of the same container).
   * @default - `/cloudsql` for Cloud SQL; `/mnt/<volume name>` for buckets, NFS and in-memory volumes;
   * `/secrets/<volume name>` for secrets
   */
  readonly mountPath?: string;
  /**
   * The sidecar (by its `name`) to mount the volume on instead of the main container: services only (a job or a
   * worker pool has one container, and a name given there is refused).
   * @default - the main container
   */
  readonly container?: string;
  /**
   * The volume's name in the revision.
   * @default - derived from what it mounts: `cloudsql`, the bucket's or the secret's name, `nfs`, `in-memory`
   */
  readonly name?: string;
}

/** Options of a Cloud Storage volume. */
export interface BucketVolumeOptions extends VolumeMountOptions {
  /**
   * Mount the bucket read-only: the runtime service account is then granted `roles/storage.objectViewer` on it instead
   * of `roles/storage.objectUser`.
   * @default false
   */
  readonly readOnly?: boolean;
}

/** Options of an NFS volume. */
export interface NfsVolumeOptions extends VolumeMountOptions {
  /**
   * Mount the share read-only.
   * @default false
   */
  readonly readOnly?: boolean;
}

/** Options of an in-memory volume. */
export interface InMemoryVolumeOptions extends VolumeMountOptions {
  /**
   * The most the volume may hold, as a quantity (`'256Mi'`). It is taken from the instance's memory.
   * @default - no limit written: the volume may grow to half of all the containers' memory (a warning)
   */
  readonly sizeLimit?: string;
}

/** Options of a secret volume. */
export interface SecretVolumeOptions extends VolumeMountOptions {
  /**
   * The permission bits of the files, as a number (`0o400`).
   * @default - Cloud Run's default, 0444
   */
  readonly defaultMode?: number;
}

/** A file of a secret volume: one version of the secret at a path under the mount path. */
export interface SecretVolumeItem {
  /** The file's path, relative to the mount path. */
  readonly path: string;
  /**
   * The secret version: `latest` or a version number.
   * @default 'latest'
   */
  readonly version?: string;
  /**
   * The file's permission bits.
   * @default - the volume's default mode
   */
  readonly mode?: number;
}

/** The options of any volume kind (an interface rather than an intersection, which jsii does not accept). */
export interface AnyVolumeOptions extends BucketVolumeOptions, InMemoryVolumeOptions, SecretVolumeOptions {}

const MOUNT = { mountPath: string.optional(), container: string.optional(), name: string.optional() };
const OPTIONS: Readonly<Record<VolumeType, Shape<unknown>>> = {
  [VolumeType.CLOUD_SQL]: object<VolumeMountOptions>(MOUNT),
  [VolumeType.CLOUD_STORAGE]: object<BucketVolumeOptions>({ ...MOUNT, readOnly: boolean.optional() }),
  [VolumeType.NFS]: object<NfsVolumeOptions>({ ...MOUNT, readOnly: boolean.optional() }),
  [VolumeType.IN_MEMORY]: object<InMemoryVolumeOptions>({ ...MOUNT, sizeLimit: string.optional() }),
  [VolumeType.SECRET]: object<SecretVolumeOptions>({ ...MOUNT, defaultMode: number.optional() }),
};
const ITEMS = array(object<SecretVolumeItem>({ path: string, version: string.optional(), mode: number.optional() }));

/** The source of a volume, as given to its factory. */
interface Source {
  readonly instances?: string[];
  readonly bucket?: string;
  readonly server?: string;
  readonly path?: string;
  readonly secret?: string;
  readonly items?: SecretVolumeItem[];
}

/** The provider's `template.volumes` block of a volume (camelCase). @internal */
export interface RenderedVolume {
  name: string;
  cloudSqlInstance?: { instances: string[] };
  gcs?: { bucket: string; readOnly?: boolean };
  nfs?: { server: string; path: string; readOnly?: boolean };
  emptyDir?: { medium: string; sizeLimit?: string };
  secret?: { secret: string; defaultMode?: number; items?: Array<{ path: string; version: string; mode?: number }> };
}

/**
 * A volume of a Cloud Run service, job or worker pool, mounted on the main container (or on a service's sidecar with
 * `container`). The runtime service account is granted what the volume needs: `roles/cloudsql.client` for Cloud SQL,
 * a storage role on a bucket, the Secret Manager accessor role on a secret.
 */
export class Volume {
  /**
   * The Unix sockets of Cloud SQL instances, at `/cloudsql/<connection name>` (no Cloud SQL Auth Proxy to run). The
   * runtime service account is granted `roles/cloudsql.client` on each instance's project.
   * @param instances the instances' connection names, `project:region:instance`
   */
  public static cloudSql(instances: string[], options: VolumeMountOptions = {}): Volume {
    return new Volume(VolumeType.CLOUD_SQL, { instances }, options);
  }

  /**
   * A Cloud Storage bucket, through Cloud Storage FUSE (its caches take instance memory). The runtime service account
   * is granted `roles/storage.objectUser` on the bucket, or `roles/storage.objectViewer` with `readOnly`.
   * @param bucket the bucket's name
   */
  public static bucket(bucket: string, options: BucketVolumeOptions = {}): Volume {
    return new Volume(VolumeType.CLOUD_STORAGE, { bucket }, options);
  }

  /**
   * An NFS share, e.g. a Filestore instance reached over the VPC (give the service, job or worker pool `vpcAccess`).
   * @param server the server's host name or IP address
   * @param path the exported path, e.g. `/share`
   */
  public static nfs(server: string, path: string, options: NfsVolumeOptions = {}): Volume {
    return new Volume(VolumeType.NFS, { server, path }, options);
  }

  /** A directory in memory: what is written to it takes the instance's memory. */
  public static inMemory(options: InMemoryVolumeOptions = {}): Volume {
    return new Volume(VolumeType.IN_MEMORY, {}, options);
  }

  /**
   * A Secret Manager secret as files. The runtime service account is granted `roles/secretmanager.secretAccessor` on
   * the secret.
   * @param secret the secret's id in the service's project, or `projects/<project>/secrets/<id>`
   * @param items the versions to mount and their file names (default: the latest version, in a file named after the
   * secret)
   */
  public static secret(secret: string, items?: SecretVolumeItem[], options: SecretVolumeOptions = {}): Volume {
    return new Volume(VolumeType.SECRET, { secret, items }, options);
  }

  /** What the volume gives the container. */
  public readonly type: VolumeType;
  /** The options given. */
  public readonly options: AnyVolumeOptions;
  private readonly source: Source;

  private constructor(type: VolumeType, source: Source, options: VolumeMountOptions) {
    this.type = type;
    this.source = source;
    this.options = (options ?? {}) as AnyVolumeOptions;
  }

  /** The kind, as the platform rules name it. @internal */
  public get _kind(): VolumeKind {
    return this.type as unknown as VolumeKind;
  }

  /** Checks the factory's arguments and options, reported under `prop`. @internal */
  public _checkOptions(prop: string, problems: Problems): boolean {
    const s = this.source;
    let ok = checkOptions(OPTIONS[this.type], this.options, prop, problems);
    const arg = <T>(shape: Shape<T>, value: unknown, name: string) => {
      ok = checkOptions(shape, value, `${prop}.${name}`, problems) && ok;
    };
    if (this.type === VolumeType.CLOUD_SQL) arg(array(string), s.instances, 'instances');
    if (this.type === VolumeType.CLOUD_STORAGE) arg(string, s.bucket, 'bucket');
    if (this.type === VolumeType.NFS) {
      arg(string, s.server, 'server');
      arg(string, s.path, 'path');
    }
    if (this.type === VolumeType.SECRET) {
      arg(string, s.secret, 'secret');
      arg(ITEMS.optional(), s.items, 'items');
    }
    return ok;
  }

  /** The name the volume gets unless `options.name` gives one. @internal */
  public _defaultName(): string {
    const slug = (raw: string | undefined, fallback: string) =>
      raw === undefined || isUnresolved(raw)
        ? fallback
        : slugify(raw.slice(raw.lastIndexOf('/') + 1), { maxLength: 63, start: 'letter', fallback });
    switch (this.type) {
      case VolumeType.CLOUD_SQL:
        return 'cloudsql';
      case VolumeType.CLOUD_STORAGE:
        return slug(this.source.bucket, 'bucket');
      case VolumeType.SECRET:
        return slug(this.source.secret, 'secret');
      default:
        return this._kind;
    }
  }

  /** Where the volume is mounted when `options.mountPath` is not given. @internal */
  public _defaultMountPath(name: string): string {
    if (this.type === VolumeType.CLOUD_SQL) return CLOUD_SQL_MOUNT_PATH;
    return this.type === VolumeType.SECRET ? `/secrets/${name}` : `/mnt/${name}`;
  }

  /** The Cloud SQL instances, the bucket or the secret, as given. @internal */
  public get _source(): Readonly<Source> {
    return this.source;
  }

  /** The provider block of the volume named `name`. @internal */
  public _render(name: string): RenderedVolume {
    const s = this.source;
    const o = this.options;
    switch (this.type) {
      case VolumeType.CLOUD_SQL:
        return { name, cloudSqlInstance: { instances: s.instances! } };
      case VolumeType.CLOUD_STORAGE:
        return { name, gcs: { bucket: s.bucket!, readOnly: o.readOnly } };
      case VolumeType.NFS:
        return { name, nfs: { server: s.server!, path: s.path!, readOnly: o.readOnly } };
      case VolumeType.IN_MEMORY:
        return { name, emptyDir: { medium: 'MEMORY', sizeLimit: o.sizeLimit } };
      default: {
        const items = s.items?.map((i) => ({ path: i.path, version: i.version ?? 'latest', mode: i.mode }));
        return { name, secret: { secret: s.secret!, defaultMode: o.defaultMode, items } };
      }
    }
  }

  /** The factory call as it would be written, for messages. @internal */
  public _describe(): string {
    const s = this.source;
    const opts = Object.keys(this.options).length > 0 ? `, ${show(this.options)}` : '';
    switch (this.type) {
      case VolumeType.CLOUD_SQL:
        return `Volume.cloudSql(${show(s.instances)}${opts})`;
      case VolumeType.CLOUD_STORAGE:
        return `Volume.bucket(${show(s.bucket)}${opts})`;
      case VolumeType.NFS:
        return `Volume.nfs(${show(s.server)}, ${show(s.path)}${opts})`;
      case VolumeType.IN_MEMORY:
        return `Volume.inMemory(${opts.slice(2)})`;
      default:
        return `Volume.secret(${show(s.secret)}${s.items ? `, ${show(s.items)}` : ''}${opts})`;
    }
  }
}

/** The shape of a `volumes` prop (a list of `Volume` factory calls). @internal */
export const VOLUMES = array(
  instanceOf(
    Volume,
    'Volume.cloudSql(...), Volume.bucket(...), Volume.nfs(...), Volume.inMemory(...) or Volume.secret(...)',
  ),
).optional();
