/**
 * The settings of a Cloud Run service as the platform rules see them, and each fact traced back to the prop it comes
 * from, with the value to show (as given, or derived and marked so).
 * @internal
 */
import { Derived } from '../core/validation';
import type { CloudRunFacts, EnvFacts } from '../platform/cloud-run/facts';
import { ingressOfV2 } from '../platform/cloud-run/security';
import type { PropOfFact } from '../platform/judge';
import type { FactPath, FactSet } from '../platform/rule';
import { DEFAULT_SERVICE_ACCOUNTS, identityOf } from '../platform/service-account';
import { isUnresolved } from '../private/cdktf';
import { Billing, ExecutionEnvironment } from './enums';
import type { ServiceSettings } from './service-settings';

/** The prop each fact comes from (facts inside lists and maps add the item: `env.2` → `env.NAME`). */
export const PROP_OF_FACT: Readonly<Record<keyof CloudRunFacts, string>> = {
  workload: 'serviceName',
  gpuCount: 'cpu',
  gpuType: 'cpu',
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
  scalingMode: 'minInstances',
  manualInstances: 'minInstances',
  timeoutSeconds: 'requestTimeout',
  startupProbe: 'startupProbe',
  livenessProbe: 'livenessProbe',
  portName: 'containerPort',
  containerPort: 'containerPort',
  server: 'server',
  env: 'env',
  sidecarImages: 'image',
  sidecarEnv: 'env',
  ingress: 'ingress',
  labels: 'labels',
  serviceAccount: 'serviceAccount',
  backgroundWork: 'backgroundWork',
  ownCommand: 'command',
};

const DEDICATED: CloudRunFacts['serviceAccount'] = { isDefault: false };

/** The facts of a service. */
export function serviceFacts(s: ServiceSettings): FactSet<CloudRunFacts> {
  const env: EnvFacts[] = s.env.map((v) =>
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
  };
  return { facts, unknown: s.unknown };
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
    case 'env': {
      const v = s.env[Number(item)];
      if (detail === undefined) return { prop: `${v.from}.${v.name}`, value: v.from === 'env' ? v.value : v.secret };
      const key = detail === 'secretVersion' ? 'version' : 'secret';
      return { prop: `secrets.${v.name}.${key}`, value: v.secret?.[key] };
    }
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
      return { prop: root, value: new Derived(s.server ? s.server.commandLine() : 'undefined') };
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
