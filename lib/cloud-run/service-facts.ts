/**
 * The settings of a Cloud Run service as the platform rules see them, and each fact traced back to the prop it comes
 * from, with the value to show (as given, or derived and marked so).
 * @internal
 */
import { Derived } from '../core/validation';
import type { CloudRunFacts, ContainerFacts, SidecarServerFacts } from '../platform/cloud-run/facts';
import { ingressOfV2 } from '../platform/cloud-run/security';
import type { PropOfFact } from '../platform/judge';
import type { FactPath, FactSet } from '../platform/rule';
import { DEFAULT_SERVICE_ACCOUNTS, identityOf } from '../platform/service-account';
import { isUnresolved, knownValue } from '../private/cdktf';
import { envFacts, envProp } from './container-env';
import { Billing, ExecutionEnvironment } from './enums';
import { parseGunicornCommand, serverFactsOf } from '../python/gunicorn-command';
import type { ServiceSettings, SidecarSetting } from './service-settings';
import { connectorProp, vpcConnectorRegion } from './network';
import { mountFacts, mountProp, volumeFacts, volumeProp } from './volume-settings';

/** The prop each fact comes from (facts inside lists and maps add the item: `env.2` → `env.NAME`). */
export const PROP_OF_FACT: Readonly<Record<keyof CloudRunFacts, string>> = {
  workload: 'serviceName',
  gpuCount: 'gpu',
  gpuType: 'gpu',
  name: 'serviceName',
  region: 'region',
  image: 'image',
  cpu: 'cpu',
  memoryMiB: 'memory',
  executionEnvironment: 'executionEnvironment',
  concurrency: 'concurrency',
  cpuIdle: 'billing',
  resourcesWritten: 'billing',
  minInstances: 'minInstances',
  maxInstances: 'maxInstances',
  scalingMode: 'manualScaling',
  manualInstances: 'manualScaling',
  timeoutSeconds: 'requestTimeout',
  startupProbe: 'startupProbe',
  livenessProbe: 'livenessProbe',
  portName: 'containerPort',
  containerPort: 'containerPort',
  server: 'server',
  env: 'env',
  sidecarImages: 'image',
  sidecarEnv: 'env',
  sidecarServers: 'sidecars',
  ingress: 'ingress',
  labels: 'labels',
  serviceAccount: 'serviceAccount',
  backgroundWork: 'backgroundWork',
  ownCommand: 'command',
  containers: 'sidecars',
  volumes: 'volumes',
  traffic: 'traffic',
  serviceMinInstances: 'serviceMinInstances',
  gpuZonalRedundancyDisabled: 'gpu',
  launchStage: 'gpu',
  encryptionKey: 'encryptionKey',
  binaryAuthorization: 'binaryAuthorization',
  // Facts of jobs and worker pools, which a service never sets.
  job: 'serviceName',
  worker: 'command',
  webServer: 'command',
  profile: 'server',
  vpcConnector: 'vpcAccess',
  vpcConnectorRegion: 'vpcAccess',
};

const DEDICATED: CloudRunFacts['serviceAccount'] = { isDefault: false };

/**
 * Every container (the main one first, then the sidecars in order) with the volumes mounted on it; mount paths given
 * as tokens are added to `unknown`.
 */
function containerFacts(s: ServiceSettings, unknown: Set<string>): ContainerFacts[] {
  const main: ContainerFacts = {
    name: s.containerName,
    ingress: true,
    hasPorts: true,
    cpu: knownValue(s.cpu),
    memoryMiB: s.memoryMiB,
    gpuCount: s.gpu ? 1 : undefined,
    startupProbe: s.startupProbe._facts(s.startupRendered),
    startupProbePort: s.port,
    mounts: mountFacts(s.volumes, s.mounts[0], 0, unknown),
  };
  return [
    main,
    ...s.sidecars.map((sc, i): ContainerFacts => ({
      name: knownValue(sc.given.name),
      ingress: false,
      hasPorts: false,
      cpu: knownValue(sc.cpu),
      memoryMiB: sc.memoryMiB,
      dependsOn: sc.given.dependsOn?.filter((d) => !isUnresolved(d)),
      startupProbe: sc.startupRendered && sc.given.startupProbe?._facts(sc.startupRendered),
      startupProbePort: knownValue(sc.given.startupProbe?.options.port),
      mounts: mountFacts(s.volumes, s.mounts[i + 1], i + 1, unknown),
    })),
  ];
}

/** The gunicorn server a sidecar's command runs, if it runs one (a command given as tokens: not judged). */
function sidecarServer(sc: SidecarSetting): SidecarServerFacts | undefined {
  const line = [...(sc.given.command ?? []), ...(sc.given.args ?? [])];
  if (line.length === 0 || line.some(isUnresolved)) return undefined;
  const parsed = parseGunicornCommand(line);
  if (!parsed || parsed.hasExternalConfig) return undefined;
  return {
    server: serverFactsOf(parsed),
    startupProbe: sc.startupRendered && sc.given.startupProbe?._facts(sc.startupRendered),
  };
}

/** The facts of a service. */
export function serviceFacts(s: ServiceSettings): FactSet<CloudRunFacts> {
  const env = envFacts(s.env);
  const unknown = new Set(s.unknown);
  const facts: CloudRunFacts = {
    workload: 'service',
    name: s.serviceName,
    region: s.region,
    image: s.image,
    cpu: s.cpu,
    memoryMiB: s.memoryMiB,
    executionEnvironment: s.executionEnvironment === ExecutionEnvironment.GEN2 ? 'GEN2' : 'GEN1',
    concurrency: s.concurrency,
    cpuIdle: s.billing === Billing.REQUEST,
    resourcesWritten: true,
    minInstances: s.minInstances,
    maxInstances: s.maxInstances,
    timeoutSeconds: s.requestTimeout,
    startupProbe: s.startupProbe._facts(s.startupRendered),
    livenessProbe: s.livenessRendered && s.livenessProbe?._facts(s.livenessRendered),
    portName: 'http1',
    containerPort: s.port,
    server: s.server?.facts(),
    env: env.length > 0 ? env : undefined,
    ingress: ingressOfV2(s.ingress),
    labels: s.labels && knownEntries(s.labels),
    serviceAccount:
      s.serviceAccount === undefined ? DEDICATED : identityOf(s.serviceAccount, DEFAULT_SERVICE_ACCOUNTS.cloudRun),
    backgroundWork: s.given.backgroundWork,
    ownCommand: s.command ?? s.args,
    containers: containerFacts(s, unknown),
    volumes: volumeFacts(s.volumes),
    traffic: s.traffic?.map((t) => t._facts()),
    serviceMinInstances: s.serviceMinInstances,
    scalingMode: s.manualScaling ? 'MANUAL' : undefined,
    manualInstances: s.manualScaling?.instanceCount,
    gpuCount: s.gpu ? 1 : undefined,
    gpuType: s.gpu?.accelerator,
    gpuZonalRedundancyDisabled: s.gpu ? s.gpu.options.zonalRedundancy === false : undefined,
    launchStage: s.launchStage,
    encryptionKey: s.encryptionKey,
    binaryAuthorization: s.binaryAuthorization?._facts(),
    sidecarImages: s.sidecars.length > 0 ? s.sidecars.map((sc) => knownValue(sc.given.image)) : undefined,
    sidecarEnv: s.sidecars.length > 0 ? s.sidecars.map((sc) => envFacts(sc.env)) : undefined,
    sidecarServers: s.sidecars.length > 0 ? s.sidecars.map(sidecarServer) : undefined,
    vpcConnectorRegion: vpcConnectorRegion(s.vpcAccess, unknown),
  };
  return { facts, unknown };
}

/** The entries of a map whose key and value are known (tokens are judged at apply time). */
function knownEntries(map: Record<string, string>): Record<string, string> {
  const known: Record<string, string> = {};
  for (const [key, value] of Object.entries(map)) if (!isUnresolved(key) && !isUnresolved(value)) known[key] = value;
  return known;
}

/** The prop a fact of `s` comes from, and the value to show in a message. */
export function serviceProp(s: ServiceSettings, fact: FactPath<CloudRunFacts>): PropOfFact {
  const [root, item, detail] = fact.split('.') as [keyof CloudRunFacts, string?, string?];
  const given = s.given;
  const derived = (text: string, isGiven: boolean) => new Derived(`${text}${isGiven ? '' : ' (derived)'}`);
  switch (root) {
    case 'containers':
      return containerProp(s, fact);
    case 'sidecarServers':
      return containerProp(s, `containers.${Number(item) + 1}.startupProbe`);
    case 'vpcConnectorRegion':
      return connectorProp(s.vpcAccess);
    case 'volumes':
      return volumeProp(s.volumes, item, detail);
    case 'traffic': {
      if (item === undefined) return { prop: 'traffic', value: new Derived(describeAll(s.traffic ?? [])) };
      const t = s.traffic![Number(item)];
      if (detail === 'tag') return { prop: `traffic.${item}.tag`, value: t.options.tag };
      return { prop: `traffic.${item}`, value: new Derived(t._describe()) };
    }
    case 'gpuType':
    case 'gpuCount':
    case 'gpuZonalRedundancyDisabled':
    case 'launchStage':
      return { prop: 'gpu', value: s.gpu && new Derived(s.gpu._describe()) };
    case 'scalingMode':
    case 'manualInstances':
      return { prop: 'manualScaling', value: s.manualScaling && new Derived(s.manualScaling._describe()) };
    case 'binaryAuthorization':
      return {
        prop: 'binaryAuthorization',
        value: s.binaryAuthorization && (s.binaryAuthorization.policyName ?? s.binaryAuthorization.options),
      };
    case 'env':
      return envProp(s.env, item, detail);
    case 'labels':
      return { prop: `labels.${item}`, value: item === undefined ? given.labels : given.labels?.[item] };
    case 'startupProbe':
    case 'livenessProbe': {
      const probe = root === 'startupProbe' ? s.startupProbe : s.livenessProbe;
      if (item !== undefined)
        return { prop: `${root}.${item}`, value: (probe?.options as Record<string, unknown>)?.[item] };
      return {
        prop: root,
        value:
          probe &&
          derived(probe._describe(root === 'startupProbe' ? 'startup' : 'liveness'), given[root] !== undefined),
      };
    }
    case 'cpuIdle':
    case 'resourcesWritten':
      return { prop: 'billing', value: derived(`Billing.${s.billing}`, given.billing !== undefined) };
    case 'executionEnvironment': {
      const name = s.executionEnvironment === ExecutionEnvironment.GEN2 ? 'GEN2' : 'GEN1';
      return { prop: root, value: derived(`ExecutionEnvironment.${name}`, given.executionEnvironment !== undefined) };
    }
    case 'ownCommand':
      return given.command ? { prop: 'command', value: given.command } : { prop: 'args', value: given.args };
    case 'server':
      // The command as written: Cloud Run runs it without a shell, so with the container port, not $PORT.
      return { prop: root, value: new Derived(s.server ? s.server.argv(s.port).join(' ') : 'undefined') };
    case 'concurrency':
      return { prop: root, value: given.concurrency ?? derived(String(s.concurrency), false) };
    case 'name':
      return { prop: PROP_OF_FACT[root], value: s.serviceName };
    case 'cpu':
      return { prop: root, value: s.cpu };
    case 'memoryMiB':
      return { prop: PROP_OF_FACT[root], value: s.memory };
    default: {
      const prop = PROP_OF_FACT[root];
      return { prop, value: (given as unknown as Record<string, unknown>)[prop] };
    }
  }
}

/** Factory calls as written: `[Traffic.latest(90), Traffic.latest(10, {"tag":"canary"})]`. */
function describeAll(items: ReadonlyArray<{ _describe(): string }>): string {
  return `[${items.map((i) => i._describe()).join(', ')}]`;
}

/** The prop behind a fact of a container: the main container's props, or `sidecars.<i>.*`; a mount's volume. */
function containerProp(s: ServiceSettings, fact: string): PropOfFact {
  const [, index, detail, j] = fact.split('.');
  if (index === undefined) {
    const names = [s.containerName, ...s.sidecars.map((sc) => sc.given.name)];
    return {
      prop: 'sidecars',
      value: new Derived(
        `[${names
          .slice(1)
          .map((n) => `'${n}'`)
          .join(', ')}] beside '${names[0]}'`,
      ),
    };
  }
  const c = Number(index);
  if (detail === 'mounts') return mountProp(s.volumes, s.mounts[c][Number(j)]);
  if (c === 0) {
    const prop = detail === 'memoryMiB' ? 'memory' : detail === 'cpu' ? 'cpu' : 'containerName';
    return { prop, value: (s.given as unknown as Record<string, unknown>)[prop] ?? s.containerName };
  }
  const sc = s.sidecars[c - 1];
  const prop = detail === 'memoryMiB' ? 'memory' : detail;
  if (prop === undefined) return { prop: `sidecars.${c - 1}`, value: new Derived(`{ name: '${sc.given.name}', … }`) };
  const value =
    prop === 'startupProbe'
      ? sc.given.startupProbe && new Derived(sc.given.startupProbe._describe('startup'))
      : prop === 'cpu'
        ? sc.cpu
        : prop === 'memory'
          ? sc.memory
          : (sc.given as unknown as Record<string, unknown>)[prop];
  return { prop: `sidecars.${c - 1}.${prop}`, value };
}
