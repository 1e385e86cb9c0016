/**
 * The parts of a Cloud Run v2 resource that span its containers and the service: every container (for sidecar rules),
 * the volumes and where they are mounted, the traffic split, the service-level minimum, GPU zonal redundancy, the
 * launch stage, the CMEK key and Binary Authorization. Read into `CloudRunFacts` by `./cloud-run.ts`.
 * @internal
 */
import { parseCpu, parseMemoryMiB } from '../../core/quantity';
import type {
  BinaryAuthorizationFacts,
  CloudRunFacts,
  ContainerFacts,
  MountFacts,
  ProbeFacts,
  TrafficFacts,
  VolumeFacts,
  VolumeKind,
} from '../../platform/cloud-run/facts';
import { blocks, field, firstBlock, isUnknownString, type JsonObject, UNKNOWN, type Unknown } from '../model';
import { type FactBuilder, toBoolean, toMap, toNumber, toQuantity, toText } from './values';

const GPU_LIMIT = 'nvidia.com/gpu';

/**
 * A list of strings (`depends_on`, Cloud SQL instances) as `field` reads it; `UNKNOWN` when it or an item is not known.
 */
function strings(value: unknown): string[] | Unknown | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) return UNKNOWN;
  for (let i = 0; i < value.length; i++) if (typeof value[i] !== 'string' || isUnknownString(value[i])) return UNKNOWN;
  return value as string[];
}

/** The port a startup probe block names, if any (unknown when the block is). */
function probePort(block: JsonObject | Unknown | undefined): number | Unknown | undefined {
  for (const handler of ['tcp_socket', 'http_get', 'grpc']) {
    const port = toNumber(field(firstBlock(block, handler), 'port'));
    if (port !== undefined) return port;
  }
  return undefined;
}

/** The mounts of a container; `UNKNOWN` when a name or path is not known. */
function mounts(container: JsonObject): MountFacts[] | Unknown | undefined {
  const list = blocks(container, 'volume_mounts');
  if (list === UNKNOWN) return UNKNOWN;
  if (list.length === 0) return undefined;
  const out: MountFacts[] = [];
  for (const m of list) {
    const volume = toText(field(m, 'name'));
    const path = toText(field(m, 'mount_path'));
    if (volume === UNKNOWN || path === UNKNOWN) return UNKNOWN;
    out.push({ volume, path });
  }
  return out;
}

/**
 * One container's facts, each value not known left out and its path (`containers.<i>.<fact>`) marked unknown, so that a
 * rule about mounts is not unknown because of a CPU limit. `ingress` is the revision's facts when this is the ingress
 * container, whose limits and probe are read already; `probe` reads a sidecar's probe as the ingress one is read.
 */
function container(
  b: FactBuilder<CloudRunFacts>,
  c: JsonObject,
  i: number,
  at: string,
  ingress: Readonly<CloudRunFacts> | undefined,
  probe: (block: JsonObject | Unknown | undefined) => ProbeFacts | Unknown | undefined,
): ContainerFacts {
  const fact = `containers.${i}` as const;
  const known = <T>(key: keyof ContainerFacts, value: T | Unknown | undefined): T | undefined => {
    if (value !== UNKNOWN) return value;
    b.markUnknown(at, `${fact}.${key}`);
    return undefined;
  };
  const fromIngress = <K extends 'cpu' | 'memoryMiB' | 'gpuCount' | 'startupProbe'>(key: K) =>
    b.isUnknown(key) ? UNKNOWN : ingress![key];
  const limits = toMap(field(firstBlock(c, 'resources'), 'limits'));
  const probeBlock = firstBlock(c, 'startup_probe');
  const ports = field(c, 'ports');
  const mounted = known('mounts', mounts(c));
  if (mounted) b.at(`${fact}.mounts`, `${at}.volume_mounts`);
  return {
    name: known('name', toText(field(c, 'name'))),
    ingress: ingress !== undefined,
    hasPorts: known('hasPorts', ports === UNKNOWN ? UNKNOWN : ports !== undefined) ?? ingress !== undefined,
    cpu: known('cpu', ingress ? fromIngress('cpu') : toQuantity(field(limits, 'cpu'), parseCpu)),
    memoryMiB: known(
      'memoryMiB',
      ingress ? fromIngress('memoryMiB') : toQuantity(field(limits, 'memory'), parseMemoryMiB),
    ),
    gpuCount: known('gpuCount', ingress ? fromIngress('gpuCount') : toNumber(field(limits, GPU_LIMIT))),
    dependsOn: known('dependsOn', strings(field(c, 'depends_on'))),
    startupProbe: known('startupProbe', ingress ? fromIngress('startupProbe') : probe(probeBlock)),
    startupProbePort: known('startupProbePort', probePort(probeBlock)),
    mounts: mounted,
  };
}

/** Every container of a revision template (`containers` is its list), at `containers.<i>`. */
export function containersFacts(
  b: FactBuilder<CloudRunFacts>,
  containers: readonly JsonObject[],
  ingress: number,
  path: string,
  probe: (block: JsonObject | Unknown | undefined) => ProbeFacts | Unknown | undefined,
): void {
  const out: ContainerFacts[] = [];
  for (let i = 0; i < containers.length; i++) {
    out.push(container(b, containers[i], i, `${path}.containers[${i}]`, i === ingress ? b.facts : undefined, probe));
  }
  b.facts.containers = out;
}

/** The source blocks of a volume, in the order of `VolumeKind`. */
const SOURCES: ReadonlyArray<readonly [VolumeKind, string]> = [
  ['cloud-sql', 'cloud_sql_instance'],
  ['cloud-storage', 'gcs'],
  ['nfs', 'nfs'],
  ['in-memory', 'empty_dir'],
  ['secret', 'secret'],
];

/** A secret volume's default mode and item modes; `UNKNOWN` when one is not known. */
function secretModes(block: JsonObject): number[] | Unknown | undefined {
  const items = blocks(block, 'items');
  if (items === UNKNOWN) return UNKNOWN;
  const modes: number[] = [];
  for (const value of [field(block, 'default_mode'), ...items.map((i) => field(i, 'mode'))]) {
    const mode = toNumber(value);
    if (mode === UNKNOWN) return UNKNOWN;
    if (mode !== undefined) modes.push(mode);
  }
  return modes.length > 0 ? modes : undefined;
}

/** One volume's facts, or `UNKNOWN`. */
function volume(v: JsonObject): VolumeFacts | Unknown {
  const name = toText(field(v, 'name'));
  if (name === UNKNOWN) return UNKNOWN;
  const kinds: VolumeKind[] = [];
  let instances: string[] | undefined;
  let sizeLimitMiB: number | undefined;
  let bucket: string | undefined;
  let modes: number[] | undefined;
  for (const [kind, key] of SOURCES) {
    const block = firstBlock(v, key);
    if (block === UNKNOWN) return UNKNOWN;
    if (block === undefined) continue;
    kinds.push(kind);
    if (kind === 'cloud-sql') {
      const list = strings(field(block, 'instances'));
      if (list === UNKNOWN) return UNKNOWN;
      instances = list ?? [];
    } else if (kind === 'in-memory') {
      const medium = toText(field(block, 'medium'));
      const size = toQuantity(field(block, 'size_limit'), parseMemoryMiB);
      if (size === UNKNOWN || medium === UNKNOWN) return UNKNOWN;
      sizeLimitMiB = size;
      if (medium === 'DISK') kinds[kinds.length - 1] = 'disk';
    } else if (kind === 'secret') {
      const found = secretModes(block);
      if (found === UNKNOWN) return UNKNOWN;
      modes = found;
    } else if (kind === 'cloud-storage') {
      const b = toText(field(block, 'bucket'));
      if (b === UNKNOWN) return UNKNOWN;
      bucket = b;
    }
  }
  return { name, kinds, instances, sizeLimitMiB, bucket, modes };
}

/** The volumes of a revision template, at `volumes.<i>`. */
export function volumesFacts(b: FactBuilder<CloudRunFacts>, template: JsonObject | undefined, path: string): void {
  const list = blocks(template, 'volumes');
  if (list === UNKNOWN) {
    b.markUnknown(`${path}.volumes`, 'volumes');
    return;
  }
  if (list.length === 0) return;
  const out: VolumeFacts[] = [];
  for (let i = 0; i < list.length; i++) {
    const v = volume(list[i]);
    if (v === UNKNOWN) {
      b.markUnknown(`${path}.volumes[${i}]`, `volumes.${i}`);
      out.push({ kinds: [] });
    } else out.push(v);
  }
  b.facts.volumes = out;
}

/** The allocation type of a traffic target. */
function trafficType(value: unknown): TrafficFacts['type'] | Unknown {
  if (value === UNKNOWN) return UNKNOWN;
  if (value === 'TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST') return 'latest';
  if (value === 'TRAFFIC_TARGET_ALLOCATION_TYPE_REVISION') return 'revision';
  return undefined;
}

/** A v2 service's traffic targets, at `traffic.<i>`. */
function trafficFacts(b: FactBuilder<CloudRunFacts>, config: JsonObject): void {
  const list = blocks(config, 'traffic');
  if (list === UNKNOWN) {
    b.markUnknown('traffic', 'traffic');
    return;
  }
  if (list.length === 0) return;
  const out: TrafficFacts[] = [];
  for (let i = 0; i < list.length; i++) {
    const t = list[i];
    const type = trafficType(field(t, 'type'));
    const revision = toText(field(t, 'revision'));
    const percent = toNumber(field(t, 'percent'));
    const tag = toText(field(t, 'tag'));
    if (type === UNKNOWN || revision === UNKNOWN || percent === UNKNOWN || tag === UNKNOWN) {
      b.markUnknown(`traffic[${i}]`, `traffic.${i}`);
      out.push({});
    } else out.push({ type, revision, percent, tag });
  }
  b.facts.traffic = out;
}

/** `binary_authorization`; `UNKNOWN` when a value is not known. */
function binaryAuthorization(config: JsonObject): BinaryAuthorizationFacts | Unknown | undefined {
  const block = firstBlock(config, 'binary_authorization');
  // A block only known at apply reads its values as unknown.
  if (block === undefined) return undefined;
  const useDefault = toBoolean(field(block, 'use_default'));
  const policy = toText(field(block, 'policy'));
  const breakglassJustification = toText(field(block, 'breakglass_justification'));
  if (useDefault === UNKNOWN || policy === UNKNOWN || breakglassJustification === UNKNOWN) return UNKNOWN;
  return { useDefault, policy, breakglassJustification };
}

/**
 * What a v2 service, job or worker pool writes at its top level and in its revision template besides containers:
 * launch stage, Binary Authorization, CMEK key, GPU zonal redundancy; for a service also its traffic and its
 * service-level minimum (`service`).
 */
export function v2ResourceFacts(
  b: FactBuilder<CloudRunFacts>,
  config: JsonObject,
  template: JsonObject | Unknown | undefined,
  service: boolean,
): void {
  const f = b.facts;
  f.launchStage = b.known('launchStage', toText(field(config, 'launch_stage')));
  f.binaryAuthorization = b.known('binaryAuthorization', binaryAuthorization(config));
  f.encryptionKey = b.known('encryptionKey', toText(field(template, 'encryption_key')));
  f.gpuZonalRedundancyDisabled = b.known(
    'gpuZonalRedundancyDisabled',
    toBoolean(field(template, 'gpu_zonal_redundancy_disabled')),
  );
  if (!service) return;
  trafficFacts(b, config);
  f.serviceMinInstances = b.known(
    'serviceMinInstances',
    toNumber(field(firstBlock(config, 'scaling'), 'min_instance_count')),
  );
}
