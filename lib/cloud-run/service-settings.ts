/**
 * Props → the settings of a Cloud Run service: every default applied once, every value resolved, and every value
 * only known at apply time (a cdktf token) recorded as unknown, by the path of the fact it becomes. What follows — the
 * facts the rules judge, the messages, the provider config — reads these settings, never the props again.
 * @internal
 */
import { parseMemoryMiB } from '../core/quantity';
import type { Problems } from '../core/problems';
import { defaultConcurrency, CLOUD_RUN_CONCURRENCY, CLOUD_RUN_REQUEST_TIMEOUT } from '../platform/cloud-run/requests';
import { CLOUD_RUN_MEMORY, CLOUD_RUN_RESOURCE_DEFAULTS, defaultWorkersForCpu } from '../platform/cloud-run/resources';
import { CLOUD_RUN_CONTAINER_PORT, suggestServiceName } from '../platform/cloud-run/service';
import { isUnresolved } from '../private/cdktf';
import type { ResolvedServer } from '../python/gunicorn';
import { Billing, ExecutionEnvironment, Ingress } from './enums';
import { Probe, type RenderedProbe } from './probe';
import type { SecretEnv } from './secret-env';
import type { CloudRunServiceProps } from './service-props';

/** One variable of the container: a plain value from `env`, or a secret reference from `secrets`. */
export interface EnvSetting {
  readonly name: string;
  readonly from: 'env' | 'secrets';
  readonly value?: string;
  readonly secret?: SecretEnv;
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
  /** Fact paths whose value is a token. */
  readonly unknown: ReadonlySet<string>;
}

/** Resolves the props of the service with construct id `id`; problems of the server profile go to `problems`. */
export function resolveService(id: string, props: CloudRunServiceProps, problems: Problems): ServiceSettings {
  const unknown = new Set<string>();
  const mark = (fact: string, value: unknown) => {
    if (isUnresolved(value)) unknown.add(fact);
  };
  const cpu = props.cpu ?? CLOUD_RUN_RESOURCE_DEFAULTS.cpu;
  const cpuKnown = !isUnresolved(cpu);
  const memory = props.memory ?? CLOUD_RUN_RESOURCE_DEFAULTS.memory;
  const memoryMiB = isUnresolved(memory) ? undefined : (parseMemoryMiB(memory) ?? Number.NaN);
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
    billing: props.billing ?? (props.backgroundWork ? Billing.INSTANCE : Billing.REQUEST),
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
    env: [
      ...Object.entries(props.env ?? {}).map(([name, value]): EnvSetting => ({ name, from: 'env', value })),
      ...Object.entries(props.secrets ?? {}).map(([name, secret]): EnvSetting => ({ name, from: 'secrets', secret })),
    ],
    labels: props.labels,
    vpcAccess: props.vpcAccess,
    unknown,
  };
}
