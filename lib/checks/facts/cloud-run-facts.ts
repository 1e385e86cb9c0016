/**
 * Synthesized Cloud Run resources → `CloudRunFacts`, so the constructs' platform rules judge raw resources too.
 *
 * - `google_cloud_run_v2_service`: `template.containers[]`, `template.scaling`, `template.timeout`, ...
 * - `google_cloud_run_v2_job`: `template.template.containers[]` (jobs are always instance-billed; only the rules that
 *   make sense for a job run on it, see the registry).
 * - `google_cloud_run_service` (v1): `template.spec.containers[]`, `container_concurrency`, `timeout_seconds` and the
 *   `template.metadata.annotations` for scaling, execution environment and CPU throttling.
 *
 * The ingress container is the one that declares `ports`, else the first.
 * @internal
 */
import { parseCpu, parseMemoryMiB } from '../../core/quantity';
import type { CloudRunFacts, ProbeFacts, ServerFacts } from '../../platform/cloud-run';
import { isAsyncWorkerClass, parseGunicornCommand } from '../../python/gunicorn-command';
import {
  blocks,
  field,
  firstBlock,
  isUnknownString,
  type JsonObject,
  type TerraformModel,
  type TfResource,
  UNKNOWN,
  type Unknown,
} from '../model';
import { FactBuilder, toBoolean, toMap, toNumber, toSeconds, toText } from './values';
import { cloudRunWebConcurrency, withWebConcurrency } from './web-concurrency';

export const CLOUD_RUN_V2_SERVICE = 'google_cloud_run_v2_service';
export const CLOUD_RUN_V2_JOB = 'google_cloud_run_v2_job';
export const CLOUD_RUN_V1_SERVICE = 'google_cloud_run_service';

/** Facts of one Cloud Run resource, with the Terraform attribute behind each fact (for messages). */
export interface CloudRunExtract {
  readonly facts: CloudRunFacts;
  readonly unknown: ReadonlySet<string>;
  readonly attributes: Partial<Record<keyof CloudRunFacts, string>>;
}

const CONTAINER_FACTS: Array<keyof CloudRunFacts & string> = [
  'cpu',
  'memoryMiB',
  'cpuIdle',
  'resourcesWritten',
  'startupProbe',
  'livenessProbe',
  'portName',
  'server',
];
const TEMPLATE_FACTS: Array<keyof CloudRunFacts & string> = [
  ...CONTAINER_FACTS,
  'executionEnvironment',
  'concurrency',
  'minInstances',
  'maxInstances',
  'timeoutSeconds',
];

/** The ingress container: the one that declares `ports`, else the first. Returns its index too. */
export function ingressContainer(
  containers: readonly JsonObject[],
): { container: JsonObject; index: number } | undefined {
  const index = containers.findIndex((c) => c.ports !== undefined && c.ports !== null);
  const i = Math.max(index, 0);
  return containers[i] ? { container: containers[i], index: i } : undefined;
}

function probe(block: JsonObject | Unknown | undefined): ProbeFacts | Unknown | undefined {
  if (block === undefined || block === UNKNOWN) return block;
  const initialDelaySeconds = toNumber(field(block, 'initial_delay_seconds'));
  const periodSeconds = toNumber(field(block, 'period_seconds'));
  const timeoutSeconds = toNumber(field(block, 'timeout_seconds'));
  const failureThreshold = toNumber(field(block, 'failure_threshold'));
  if (
    initialDelaySeconds === UNKNOWN ||
    periodSeconds === UNKNOWN ||
    timeoutSeconds === UNKNOWN ||
    failureThreshold === UNKNOWN
  ) {
    return UNKNOWN;
  }
  const http = field(block, 'http_get');
  const tcp = field(block, 'tcp_socket');
  const grpc = field(block, 'grpc');
  if (http === UNKNOWN || tcp === UNKNOWN || grpc === UNKNOWN) return UNKNOWN;
  const kind = http !== undefined ? 'http' : grpc !== undefined ? 'grpc' : 'tcp';
  return { kind, initialDelaySeconds, periodSeconds, timeoutSeconds, failureThreshold };
}

function words(value: unknown): string[] | Unknown | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return isUnknownString(value) ? UNKNOWN : [value];
  if (!Array.isArray(value)) return UNKNOWN;
  for (let i = 0; i < value.length; i++) if (typeof value[i] !== 'string' || isUnknownString(value[i])) return UNKNOWN;
  return value as string[];
}

/** A command line's gunicorn facts, and whether it writes the worker count (else WEB_CONCURRENCY applies). */
interface CommandReading {
  readonly server: ServerFacts | Unknown | undefined;
  readonly writesWorkers: boolean;
}

const NO_COMMAND: CommandReading = { server: undefined, writesWorkers: false };
const UNKNOWN_COMMAND: CommandReading = { server: UNKNOWN, writesWorkers: false };

/** Reads command + args; services mostly share their command line, so with the run's `model` each is read once. */
function commandReading(command: unknown, args: unknown, model: TerraformModel | undefined): CommandReading {
  const cmd = words(command);
  const arg = words(args);
  if (cmd === UNKNOWN || arg === UNKNOWN) return UNKNOWN_COMMAND;
  if (cmd === undefined && arg === undefined) return NO_COMMAND;
  const line = cmd === undefined ? arg! : arg === undefined ? cmd : cmd.concat(arg);
  return model ? model.memo(readCommand, JSON.stringify(line), line) : readCommand(line);
}

function readCommand(line: readonly string[]): CommandReading {
  const parsed = parseGunicornCommand(line);
  if (!parsed) return NO_COMMAND;
  // A config file (or `--workers $WEB_CONCURRENCY`) can set what the command line does not say.
  if (parsed.hasExternalConfig) return UNKNOWN_COMMAND;
  return {
    server: {
      model: isAsyncWorkerClass(parsed.workerClass) ? 'ASGI' : 'WSGI',
      workers: parsed.workers,
      threads: parsed.threads,
      timeout: parsed.timeout,
      preload: parsed.preload,
    },
    writesWorkers: parsed.writesWorkers,
  };
}

/** True when the command runs gunicorn without a worker count, so WEB_CONCURRENCY sets it. */
function readsWebConcurrency(read: CommandReading): read is CommandReading & { readonly server: ServerFacts } {
  return read.server !== undefined && read.server !== UNKNOWN && !read.writesWorkers;
}

interface ContainerAttributes {
  readonly resources: string;
  readonly cpuIdle: string;
  readonly cpu: string;
  readonly memory: string;
  readonly startupProbe: string;
  readonly livenessProbe: string;
  readonly portName: string;
  readonly command: string;
  readonly env: string;
}
const CONTAINER_ATTRIBUTES = new Map<string, ContainerAttributes>();

/** Attribute paths of a container, built once per (template path, index) rather than per resource. */
function containerAttributes(prefix: string, index: number): ContainerAttributes {
  const key = `${prefix}|${index}`;
  let attrs = CONTAINER_ATTRIBUTES.get(key);
  if (!attrs) {
    const at = `${prefix}.containers[${index}]`;
    attrs = {
      resources: `${at}.resources`,
      cpuIdle: `${at}.resources.cpu_idle`,
      cpu: `${at}.resources.limits.cpu`,
      memory: `${at}.resources.limits.memory`,
      startupProbe: `${at}.startup_probe`,
      livenessProbe: `${at}.liveness_probe`,
      portName: `${at}.ports.name`,
      command: `${at}.command`,
      env: `${at}.env`,
    };
    CONTAINER_ATTRIBUTES.set(key, attrs);
  }
  return attrs;
}

function containerFacts(
  model: TerraformModel | undefined,
  b: FactBuilder<CloudRunFacts>,
  containers: readonly JsonObject[] | Unknown,
  prefix: string,
  v1: boolean,
): void {
  if (containers === UNKNOWN) {
    b.markUnknown(`${prefix}.containers`, ...CONTAINER_FACTS);
    return;
  }
  const picked = ingressContainer(containers);
  if (!picked) return;
  const { container, index } = picked;
  const a = containerAttributes(prefix, index);
  const resources = firstBlock(container, 'resources');
  b.set('resourcesWritten', a.resources, v1 ? undefined : resources === UNKNOWN ? UNKNOWN : resources !== undefined);
  if (!v1) b.set('cpuIdle', a.cpuIdle, toBoolean(field(resources, 'cpu_idle')) as boolean | Unknown | undefined);
  const limits = toMap(field(resources, 'limits'));
  const cpu = toText(field(limits, 'cpu'));
  b.set('cpu', a.cpu, typeof cpu === 'string' ? (parseCpu(cpu) ?? Number.NaN) : cpu);
  const memory = toText(field(limits, 'memory'));
  b.set('memoryMiB', a.memory, typeof memory === 'string' ? (parseMemoryMiB(memory) ?? Number.NaN) : memory);
  b.set('startupProbe', a.startupProbe, probe(firstBlock(container, 'startup_probe')));
  b.set('livenessProbe', a.livenessProbe, probe(firstBlock(container, 'liveness_probe')));
  const ports = firstBlock(container, 'ports');
  b.set('portName', a.portName, toText(field(ports, 'name')));
  const read = commandReading(field(container, 'command'), field(container, 'args'), model);
  const webConcurrency = readsWebConcurrency(read)
    ? cloudRunWebConcurrency(blocks(container, 'env'), a.env)
    : undefined;
  if (webConcurrency === undefined) b.set('server', a.command, read.server);
  else {
    // An unreadable WEB_CONCURRENCY is reported where it is written.
    const attribute = webConcurrency.workers === UNKNOWN ? webConcurrency.attribute : a.command;
    b.set('server', attribute, withWebConcurrency(read.server as ServerFacts, webConcurrency));
  }
}

function executionEnvironment(value: unknown): 'GEN1' | 'GEN2' | Unknown | undefined {
  if (value === UNKNOWN) return UNKNOWN;
  if (typeof value !== 'string') return undefined;
  const v = value.toUpperCase();
  if (v.endsWith('GEN1')) return 'GEN1';
  if (v.endsWith('GEN2')) return 'GEN2';
  return undefined;
}

/** 0 (and unset) mean "platform default" for concurrency and max instances. */
function positiveOrUnset(value: number | Unknown | undefined): number | Unknown | undefined {
  return value === 0 ? undefined : value;
}

function v2Service(r: TfResource, model?: TerraformModel): CloudRunExtract {
  const b = new FactBuilder<CloudRunFacts>();
  b.set('name', 'name', toText(field(r.config, 'name')));
  const template = firstBlock(r.config, 'template');
  if (template === UNKNOWN) {
    b.markUnknown('template', ...TEMPLATE_FACTS);
    return b.build();
  }
  containerFacts(model, b, blocks(template, 'containers'), 'template', false);
  b.set(
    'executionEnvironment',
    'template.execution_environment',
    executionEnvironment(field(template, 'execution_environment')),
  );
  b.set(
    'concurrency',
    'template.max_instance_request_concurrency',
    positiveOrUnset(toNumber(field(template, 'max_instance_request_concurrency'))),
  );
  const scaling = firstBlock(template, 'scaling');
  const serviceScaling = firstBlock(r.config, 'scaling');
  const templateMin = toNumber(field(scaling, 'min_instance_count'));
  if (templateMin === undefined && field(serviceScaling, 'min_instance_count') !== undefined) {
    b.set('minInstances', 'scaling.min_instance_count', toNumber(field(serviceScaling, 'min_instance_count')));
  } else {
    b.set('minInstances', 'template.scaling.min_instance_count', templateMin);
  }
  b.set(
    'maxInstances',
    'template.scaling.max_instance_count',
    positiveOrUnset(toNumber(field(scaling, 'max_instance_count'))),
  );
  b.set('timeoutSeconds', 'template.timeout', toSeconds(field(template, 'timeout')));
  return b.build();
}

function v2Job(r: TfResource, model?: TerraformModel): CloudRunExtract {
  const b = new FactBuilder<CloudRunFacts>();
  b.set('name', 'name', toText(field(r.config, 'name')));
  const outer = firstBlock(r.config, 'template');
  const task = firstBlock(outer, 'template');
  if (task === UNKNOWN) {
    b.markUnknown('template.template', ...TEMPLATE_FACTS);
    return b.build();
  }
  containerFacts(model, b, blocks(task, 'containers'), 'template.template', false);
  b.set(
    'executionEnvironment',
    'template.template.execution_environment',
    executionEnvironment(field(task, 'execution_environment')),
  );
  return b.build();
}

function v1Service(r: TfResource, model?: TerraformModel): CloudRunExtract {
  const b = new FactBuilder<CloudRunFacts>();
  b.set('name', 'name', toText(field(r.config, 'name')));
  const template = firstBlock(r.config, 'template');
  const spec = firstBlock(template, 'spec');
  if (spec === UNKNOWN) {
    b.markUnknown('template.spec', ...TEMPLATE_FACTS);
    return b.build();
  }
  containerFacts(model, b, blocks(spec, 'containers'), 'template.spec', true);
  b.set(
    'concurrency',
    'template.spec.container_concurrency',
    positiveOrUnset(toNumber(field(spec, 'container_concurrency'))),
  );
  b.set('timeoutSeconds', 'template.spec.timeout_seconds', toNumber(field(spec, 'timeout_seconds')));
  const metadata = firstBlock(template, 'metadata');
  const annotations = toMap(field(metadata, 'annotations'));
  const at = (key: string) => `template.metadata.annotations["${key}"]`;
  const annotation = (key: string) => field(annotations, key);
  b.set(
    'minInstances',
    at('autoscaling.knative.dev/minScale'),
    toNumber(annotation('autoscaling.knative.dev/minScale')),
  );
  b.set(
    'maxInstances',
    at('autoscaling.knative.dev/maxScale'),
    positiveOrUnset(toNumber(annotation('autoscaling.knative.dev/maxScale'))),
  );
  b.set(
    'executionEnvironment',
    at('run.googleapis.com/execution-environment'),
    executionEnvironment(annotation('run.googleapis.com/execution-environment')),
  );
  b.set('cpuIdle', at('run.googleapis.com/cpu-throttling'), toBoolean(annotation('run.googleapis.com/cpu-throttling')));
  return b.build();
}

/**
 * The Cloud Run facts of a resource: the `derive` of the Cloud Run fact rules, so the engine extracts them once per
 * resource. `model` (the run's) shares the reading of command lines that services repeat.
 */
export function cloudRunFacts(r: TfResource, model?: TerraformModel): CloudRunExtract {
  return r.type === CLOUD_RUN_V2_JOB
    ? v2Job(r, model)
    : r.type === CLOUD_RUN_V1_SERVICE
      ? v1Service(r, model)
      : v2Service(r, model);
}
