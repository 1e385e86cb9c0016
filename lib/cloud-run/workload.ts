/**
 * What worker pools and jobs share: one container that serves no requests, with its resources, command, environment,
 * identity, labels, VPC access and volumes. Each construct resolves its own props (scaling, tasks) and calls these for
 * the rest, so a default, a fact or a message is written once.
 * @internal
 */
import type { Construct } from 'constructs';
import { checkShape, type Shape } from '../core/props';
import type { Problems } from '../core/problems';
import { formatCpu, memorySettingMiB } from '../core/quantity';
import { Derived } from '../core/validation';
import type { CloudRunFacts, CloudRunWorkload } from '../platform/cloud-run/facts';
import { CLOUD_RUN_RESOURCE_DEFAULTS } from '../platform/cloud-run/resources';
import { suggestServiceName } from '../platform/cloud-run/service';
import type { PropOfFact } from '../platform/judge';
import type { WorkerFacts } from '../platform/python/celery';
import { DEFAULT_SERVICE_ACCOUNTS, identityOf } from '../platform/service-account';
import { type ITerraformDependable, isUnresolved, knownValue } from '../private/cdktf';
import { celeryWorkerFacts, parseCeleryWorker, webServerOf } from '../python/commands';
import { type EnvSetting, envFacts, envProp, envSettings, renderEnv } from './container-env';
import type { CloudRunContainerProps } from './container-props';
import {
  checkVolumes,
  mountFacts,
  mountProp,
  renderMounts,
  resolveVolumes,
  volumeFacts,
  volumeProp,
  type VolumeSetting,
} from './volume-settings';
import type { VpcAccess } from './vpc-access';
import { connectorProp, vpcConnectorRegion } from './network';
import { dedicatedServiceAccount } from './runtime-account';
import { grantRuntimeAccess } from './service-grants';

/** What the shared settings read: the shared props, and a description where the resource has one. */
export interface WorkloadProps extends CloudRunContainerProps {
  readonly description?: string;
}

/** A profile resolved for the container: the argv it renders, how messages name it, the Celery worker it runs. */
export interface ResolvedProfile {
  readonly argv: string[];
  readonly describe: string;
  readonly worker?: WorkerFacts;
  /** False when a setting is a token or invalid: the rules reading the worker are then not judged. */
  readonly known: boolean;
}

/** A container workload with every shared setting resolved. */
export interface WorkloadSettings {
  readonly given: WorkloadProps;
  readonly workload: CloudRunWorkload;
  readonly name: string;
  /** The prop the name comes from (`workerPoolName`, `jobName`). */
  readonly nameProp: string;
  readonly region: string;
  readonly project?: string;
  readonly description?: string;
  readonly image: string;
  readonly cpu: number;
  readonly memory: string;
  /** MiB; undefined when the memory is a token, NaN when malformed. */
  readonly memoryMiB?: number;
  /** The profile's prop (`worker`, `task`) and what it resolved to. */
  readonly profile?: { readonly prop: string; readonly resolved: ResolvedProfile };
  /** The container's argv: the profile's, or command then args; undefined for the image's own. */
  readonly argv?: string[];
  /** The Celery worker the container runs: the profile's, or read from the command. */
  readonly worker?: WorkerFacts;
  readonly serviceAccount?: string;
  readonly env: readonly EnvSetting[];
  readonly labels?: Record<string, string>;
  readonly vpcAccess?: VpcAccess;
  /** The volumes, all mounted on the one container. */
  readonly volumes: readonly VolumeSetting[];
  readonly deletionProtection: boolean;
  /** Fact paths whose value is a token. */
  readonly unknown: Set<string>;
}

/**
 * Checks the props against `shape` and the options of the volumes given, and throws every problem found, at once:
 * a misspelt prop does not hide a misspelt volume option.
 */
export function checkWorkloadProps<T>(shape: Shape<T>, props: unknown, problems: Problems): void {
  const shaped = checkShape(shape, props, problems);
  const volumesChecked = checkVolumes(props, problems);
  if (!shaped || !volumesChecked) problems.report();
}

/**
 * Resolves what every workload shares. `name` is the name given (undefined: derived from `id`), under `nameProp`;
 * `profile` the profile already resolved, under its prop.
 */
export function resolveWorkload(
  workload: CloudRunWorkload,
  id: string,
  props: WorkloadProps,
  name: { readonly value?: string; readonly prop: string },
  profile?: { readonly prop: string; readonly resolved: ResolvedProfile },
): WorkloadSettings {
  const unknown = new Set<string>();
  const mark = (fact: string, value: unknown) => {
    if (isUnresolved(value)) unknown.add(fact);
  };
  const cpu = props.cpu ?? CLOUD_RUN_RESOURCE_DEFAULTS.cpu;
  const memory = props.memory ?? CLOUD_RUN_RESOURCE_DEFAULTS.memory;
  const resolvedName = name.value ?? suggestServiceName(id);
  const own = props.command || props.args ? [...(props.command ?? []), ...(props.args ?? [])] : undefined;
  const argv = profile?.resolved.argv ?? own;
  mark('name', resolvedName);
  mark('region', props.region);
  mark('image', props.image);
  mark('cpu', cpu);
  mark('memoryMiB', memory);
  mark('serviceAccount', props.serviceAccount);
  let worker = profile?.resolved.worker;
  if (argv !== undefined && isUnresolved(argv)) unknown.add('webServer').add('worker');
  else if (profile === undefined && argv !== undefined) {
    const celery = parseCeleryWorker(argv);
    const read = celery && celeryWorkerFacts(celery);
    worker = read?.worker;
    for (const key of read?.unknown ?? []) unknown.add(`worker.${key}`);
  }
  if (profile && !profile.resolved.known) unknown.add('worker');
  const volumes = resolveVolumes(props.volumes ?? [], undefined, mark);
  return {
    given: props,
    workload,
    name: resolvedName,
    nameProp: name.prop,
    region: props.region,
    project: props.project,
    description: props.description,
    image: props.image,
    cpu,
    memory,
    memoryMiB: memorySettingMiB(knownValue(memory)),
    profile,
    argv,
    worker,
    serviceAccount: props.serviceAccount,
    env: envSettings(props.env, props.secrets),
    labels: props.labels,
    vpcAccess: props.vpcAccess,
    volumes,
    deletionProtection: props.deletionProtection ?? true,
    unknown,
  };
}

const DEDICATED: CloudRunFacts['serviceAccount'] = { isDefault: false };

/** The indexes of the volumes the one container mounts: all of them. */
const allMounts = (s: WorkloadSettings) => s.volumes.map((_, i) => i);

/**
 * The facts every workload has; the construct adds its own (scaling, tasks). Mount paths given as tokens are added to
 * `s.unknown`.
 */
export function workloadFacts(s: WorkloadSettings): CloudRunFacts {
  const known = s.argv !== undefined && !isUnresolved(s.argv);
  return {
    workload: s.workload,
    name: s.name,
    region: s.region,
    image: s.image,
    cpu: s.cpu,
    memoryMiB: s.memoryMiB,
    env: envFacts(s.env),
    labels: s.labels && knownEntries(s.labels),
    serviceAccount:
      s.serviceAccount === undefined ? DEDICATED : identityOf(s.serviceAccount, DEFAULT_SERVICE_ACCOUNTS.cloudRun),
    worker: s.worker,
    webServer: known ? webServerOf(s.argv!) : undefined,
    profile: s.profile?.resolved.describe,
    ownCommand: s.profile ? (s.given.command ?? s.given.args) : undefined,
    vpcConnector: s.vpcAccess?.connectorId !== undefined,
    vpcConnectorRegion: vpcConnectorRegion(s.vpcAccess, s.unknown),
    // The one container, unnamed and serving no requests, as the policy checks read it from Terraform.
    containers: [
      {
        ingress: true,
        hasPorts: false,
        cpu: knownValue(s.cpu),
        memoryMiB: s.memoryMiB,
        mounts: mountFacts(s.volumes, allMounts(s), 0, s.unknown),
      },
    ],
    volumes: volumeFacts(s.volumes, true),
  };
}

/** The entries of a map whose key and value are known (tokens are judged at apply time). */
function knownEntries(map: Record<string, string>): Record<string, string> {
  const known: Record<string, string> = {};
  for (const [key, value] of Object.entries(map)) if (!isUnresolved(key) && !isUnresolved(value)) known[key] = value;
  return known;
}

/**
 * The prop of a fact every workload has, and the value to show; undefined for a fact the construct describes itself.
 */
export function workloadProp(s: WorkloadSettings, fact: string): PropOfFact | undefined {
  const [root, item, detail, j] = fact.split('.');
  const given = s.given;
  switch (root) {
    case 'volumes':
      return volumeProp(s.volumes, item, detail);
    case 'containers':
      if (detail === 'mounts' && j !== undefined) return mountProp(s.volumes, Number(j));
      return detail === 'cpu' ? { prop: 'cpu', value: s.cpu } : { prop: 'memory', value: s.memory };
    case 'env':
      return envProp(s.env, item, detail);
    case 'labels':
      return { prop: `labels.${item}`, value: item === undefined ? given.labels : given.labels?.[item] };
    case 'name':
      return { prop: s.nameProp, value: s.name };
    case 'region':
    case 'image':
    case 'serviceAccount':
      return { prop: root, value: given[root] };
    case 'cpu':
      return { prop: 'cpu', value: s.cpu };
    case 'memoryMiB':
      return { prop: 'memory', value: s.memory };
    case 'vpcConnector':
    case 'vpcConnectorRegion':
      return connectorProp(s.vpcAccess);
    case 'worker':
    case 'webServer':
      return s.profile
        ? { prop: s.profile.prop, value: new Derived(s.profile.resolved.describe) }
        : { prop: given.command ? 'command' : 'args', value: given.command ?? given.args };
    case 'ownCommand':
      return given.command ? { prop: 'command', value: given.command } : { prop: 'args', value: given.args };
    default:
      return undefined;
  }
}

/** The container every workload renders: image, command, environment, CPU and memory limits. */
export function renderContainer(s: WorkloadSettings) {
  const argv = s.profile?.resolved.argv;
  return {
    image: s.image,
    command: argv ? argv.slice(0, 1) : s.given.command,
    args: argv ? argv.slice(1) : s.given.args,
    env: renderEnv(s.env),
    resources: { limits: { cpu: isUnresolved(s.cpu) ? s.cpu.toString() : formatCpu(s.cpu), memory: s.memory } },
    volumeMounts: renderMounts(s.volumes, allMounts(s)),
  };
}

/**
 * The runtime account of a job or worker pool (the one given, else a dedicated `<name><suffix>` account) and the
 * bindings it needs, which the resource waits for (`dependsOn`): Cloud Run checks the secrets when it creates it.
 */
export function workloadIdentity(
  scope: Construct,
  s: WorkloadSettings,
  suffix: string,
  displayName: string,
): { readonly email: string; readonly dependsOn?: ITerraformDependable[] } {
  const email =
    s.serviceAccount ?? dedicatedServiceAccount(scope, { name: s.name, suffix, displayName, project: s.project }).email;
  const grants = grantRuntimeAccess(
    scope,
    { project: s.project, envs: [s.env], volumes: s.volumes },
    `serviceAccount:${email}`,
  );
  return { email, dependsOn: grants.length > 0 ? grants : undefined };
}
