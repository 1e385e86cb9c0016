/**
 * Props → the settings of a Cloud Run service: every default applied once, every value resolved, and every value
 * only known at apply time (a cdktf token) recorded as unknown, by the path of the fact it becomes. What follows — the
 * facts the rules judge, the messages, the provider config — reads these settings, never the props again.
 * @internal
 */
import { formatMiB, memorySettingMiB } from '../core/quantity';
import type { Problems } from '../core/problems';
import { defaultConcurrency, CLOUD_RUN_CONCURRENCY, CLOUD_RUN_REQUEST_TIMEOUT } from '../platform/cloud-run/requests';
import { CLOUD_RUN_MEMORY, CLOUD_RUN_RESOURCE_DEFAULTS, defaultWorkersForCpu } from '../platform/cloud-run/resources';
import { CLOUD_RUN_CONTAINER_PORT, suggestServiceName } from '../platform/cloud-run/service';
import { isUnresolved, knownValue } from '../private/cdktf';
import type { ResolvedServer } from '../python/gunicorn';
import type { BinaryAuthorization } from './binary-authorization';
import { Billing, ExecutionEnvironment, Ingress } from './enums';
import type { Gpu } from './gpu';
import type { ManualScaling } from './manual-scaling';
import { Probe, type RenderedProbe } from './probe';
import { type EnvSetting, envSettings } from './container-env';
import type { CloudRunServiceProps } from './service-props';
import type { Sidecar } from './sidecar';
import type { Traffic } from './traffic';
import { mountsByContainer, resolveVolumes, type VolumeSetting } from './volume-settings';

export type { EnvSetting } from './container-env';

/** A sidecar with its limits and environment resolved. */
export interface SidecarSetting {
  readonly given: Sidecar;
  readonly cpu: number;
  readonly memory: string;
  /** MiB; undefined when the memory is a token, NaN when malformed. */
  readonly memoryMiB?: number;
  readonly env: readonly EnvSetting[];
  /** The startup probe's provider block, when there is a probe. */
  readonly startupRendered?: RenderedProbe;
}

/** A Cloud Run service with every setting resolved. */
export interface ServiceSettings {
  /** The props as given, for showing values in messages. */
  readonly given: CloudRunServiceProps;
  readonly serviceName: string;
  readonly region: string;
  readonly project?: string;
  readonly description?: string;
  readonly image: string;
  readonly cpu: number;
  readonly memory: string;
  /** MiB; undefined when the memory is a token, NaN when malformed. */
  readonly memoryMiB?: number;
  readonly billing: Billing;
  readonly executionEnvironment: ExecutionEnvironment;
  readonly port: number;
  readonly requestTimeout: number;
  readonly server?: ResolvedServer;
  readonly command?: string[];
  readonly args?: string[];
  readonly concurrency: number;
  readonly minInstances: number;
  readonly maxInstances?: number;
  readonly startupProbe: Probe;
  /** The startup probe's provider block, timings filled in. */
  readonly startupRendered: RenderedProbe;
  readonly livenessProbe?: Probe;
  readonly livenessRendered?: RenderedProbe;
  readonly startupCpuBoost: boolean;
  readonly ingress: Ingress;
  readonly deletionProtection: boolean;
  readonly serviceAccount?: string;
  readonly env: readonly EnvSetting[];
  readonly labels?: Record<string, string>;
  readonly vpcAccess?: CloudRunServiceProps['vpcAccess'];
  /** The main container's name (written only with sidecars). */
  readonly containerName: string;
  readonly volumes: readonly VolumeSetting[];
  readonly sidecars: readonly SidecarSetting[];
  /**
   * The volumes (their indexes) each container mounts, the main container first: a volume naming no container is the
   * main container's (GCR-VOLUME-CONTAINER reports it).
   */
  readonly mounts: ReadonlyArray<readonly number[]>;
  readonly traffic?: readonly Traffic[];
  readonly serviceMinInstances?: number;
  readonly manualScaling?: ManualScaling;
  readonly gpu?: Gpu;
  /** `BETA` for a Preview GPU; unset (GA) otherwise. */
  readonly launchStage?: string;
  readonly invokerIamDisabled?: boolean;
  readonly customAudiences?: string[];
  readonly sessionAffinity?: boolean;
  readonly encryptionKey?: string;
  readonly binaryAuthorization?: BinaryAuthorization;
  /** Fact paths whose value is a token. */
  readonly unknown: ReadonlySet<string>;
}

/** Resolves the props of the service with construct id `id`; problems of the server profile go to `problems`. */
export function resolveService(id: string, props: CloudRunServiceProps, problems: Problems): ServiceSettings {
  const unknown = new Set<string>();
  const mark = (fact: string, value: unknown) => {
    if (isUnresolved(value)) unknown.add(fact);
  };
  const gpu = props.gpu?._type;
  const cpu = props.cpu ?? gpu?.minCpu ?? CLOUD_RUN_RESOURCE_DEFAULTS.cpu;
  const cpuKnown = !isUnresolved(cpu);
  const memory = props.memory ?? (gpu ? formatMiB(gpu.minMemoryMiB) : CLOUD_RUN_RESOURCE_DEFAULTS.memory);
  const memoryMiB = memorySettingMiB(knownValue(memory));
  const fractional = cpuKnown && cpu < 1;
  const server = props.server?._resolve(cpuKnown ? defaultWorkersForCpu(cpu) : 1, problems, 'server');
  const concurrency =
    props.concurrency ??
    (server?.capacityKnown && !fractional
      ? Math.min(server.capacity, CLOUD_RUN_CONCURRENCY.max)
      : defaultConcurrency(cpuKnown ? cpu : CLOUD_RUN_RESOURCE_DEFAULTS.cpu));
  const startupProbe =
    props.startupProbe ?? (props.server && !props.server.preload ? Probe.http({ path: '/' }) : Probe.tcp());
  const port = props.containerPort ?? CLOUD_RUN_CONTAINER_PORT;
  const serviceName = props.serviceName ?? suggestServiceName(id);
  const requestTimeout = props.requestTimeout ?? CLOUD_RUN_REQUEST_TIMEOUT.defaultSeconds;

  mark('name', serviceName);
  mark('region', props.region);
  mark('image', props.image);
  mark('cpu', cpu);
  mark('memoryMiB', memory);
  mark('concurrency', concurrency);
  mark('minInstances', props.minInstances);
  mark('maxInstances', props.maxInstances);
  mark('timeoutSeconds', requestTimeout);
  mark('containerPort', props.containerPort);
  mark('serviceAccount', props.serviceAccount);
  mark('ownCommand', props.command ?? props.args);
  // A server value that is a token (or invalid, already reported) is not judged; the others are.
  for (const value of server?.unknownValues ?? []) unknown.add(`server.${value}`);
  // Enums only known at apply time: the facts derived from them.
  mark('cpuIdle', props.billing);
  mark('executionEnvironment', props.executionEnvironment);
  mark('ingress', props.ingress);
  for (const option of startupProbe._tokenOptions()) unknown.add(`startupProbe.${option}`);
  for (const option of props.livenessProbe?._tokenOptions() ?? []) unknown.add(`livenessProbe.${option}`);
  mark('serviceMinInstances', props.serviceMinInstances);
  mark('manualInstances', props.manualScaling?.instanceCount);
  mark('encryptionKey', props.encryptionKey);
  mark('binaryAuthorization', props.binaryAuthorization?.policyName);
  (props.traffic ?? []).forEach((t, i) => {
    mark(`traffic.${i}.percent`, t.percent);
    mark(`traffic.${i}.tag`, t.options.tag);
    mark(`traffic.${i}.revision`, t.revisionName);
  });
  const containerName = props.containerName ?? 'app';
  const sidecars = (props.sidecars ?? []).map((sc, i) => resolveSidecar(sc, i + 1, mark));
  mark('containers.0.name', props.containerName);
  const volumes = resolveVolumes(props.volumes ?? [], containerName, mark);

  return {
    given: props,
    serviceName,
    region: props.region,
    project: props.project,
    description: props.description,
    image: props.image,
    cpu,
    memory,
    memoryMiB,
    billing: props.billing ?? (props.backgroundWork || props.gpu ? Billing.INSTANCE : Billing.REQUEST),
    executionEnvironment:
      props.executionEnvironment ??
      (fractional || (memoryMiB !== undefined && memoryMiB < CLOUD_RUN_MEMORY.minGen2MiB)
        ? ExecutionEnvironment.GEN1
        : ExecutionEnvironment.GEN2),
    port,
    requestTimeout,
    server,
    command: props.command,
    args: props.args,
    concurrency,
    minInstances: props.minInstances ?? 0,
    maxInstances: props.maxInstances,
    startupProbe,
    startupRendered: startupProbe._render('startup', port),
    livenessProbe: props.livenessProbe,
    livenessRendered: props.livenessProbe?._render('liveness', port),
    startupCpuBoost: props.startupCpuBoost ?? true,
    ingress: props.ingress ?? Ingress.ALL,
    deletionProtection: props.deletionProtection ?? true,
    serviceAccount: props.serviceAccount,
    env: envSettings(props.env, props.secrets),
    labels: props.labels,
    vpcAccess: props.vpcAccess,
    containerName,
    volumes,
    sidecars,
    mounts: mountsByContainer([containerName, ...sidecars.map((sc) => sc.given.name)], volumes),
    traffic: props.traffic,
    serviceMinInstances: props.serviceMinInstances,
    manualScaling: props.manualScaling,
    gpu: props.gpu,
    launchStage: gpu?.preview ? 'BETA' : undefined,
    invokerIamDisabled: props.invokerIamDisabled,
    customAudiences: props.customAudiences,
    sessionAffinity: props.sessionAffinity,
    encryptionKey: props.encryptionKey,
    binaryAuthorization: props.binaryAuthorization,
    unknown,
  };
}

/** A sidecar, the `index`th container, with its tokens marked at `containers.<index>.*`. */
function resolveSidecar(sc: Sidecar, index: number, mark: (fact: string, value: unknown) => void): SidecarSetting {
  const cpu = sc.cpu ?? CLOUD_RUN_RESOURCE_DEFAULTS.cpu;
  const memory = sc.memory ?? CLOUD_RUN_RESOURCE_DEFAULTS.memory;
  const at = `containers.${index}`;
  mark(`${at}.name`, sc.name);
  mark(`${at}.cpu`, cpu);
  mark(`${at}.memoryMiB`, memory);
  (sc.dependsOn ?? []).forEach((d, i) => mark(`${at}.dependsOn.${i}`, d));
  const probeOptions = (sc.startupProbe?.options ?? {}) as Record<string, unknown>;
  for (const option of sc.startupProbe?._tokenOptions() ?? [])
    mark(`${at}.startupProbe.${option}`, probeOptions[option]);
  return {
    given: sc,
    cpu,
    memory,
    memoryMiB: memorySettingMiB(knownValue(memory)),
    env: envSettings(sc.env, sc.secrets),
    startupRendered: sc.startupProbe?._render('startup', sc.startupProbe.options.port ?? 0),
  };
}
