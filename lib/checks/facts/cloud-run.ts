/**
 * Synthesized Cloud Run resources → `CloudRunFacts`, so the constructs' platform rules judge raw resources too.
 *
 * - `google_cloud_run_v2_service`: `template.containers[]`, `template.scaling`, `template.timeout`, ...
 * - `google_cloud_run_v2_job`: `template.template.containers[]` (jobs are always instance-billed; only the rules that
 *   apply to jobs run on it).
 * - `google_cloud_run_service` (v1): `template.spec.containers[]`, `container_concurrency`, `timeout_seconds` and the
 *   `template.metadata.annotations` for scaling, execution environment and CPU throttling.
 *
 * The ingress container is the one that declares `ports`, else the first.
 * @internal
 */
import { parseCpu, parseMemoryMiB } from '../../core/quantity';
import type { CloudRunFacts, EnvFacts, ProbeFacts } from '../../platform/cloud-run/facts';
import type { ServerFacts } from '../../platform/python/server';
import type { FactSet } from '../../platform/rule';
import { DEFAULT_SERVICE_ACCOUNTS } from '../../platform/service-account';
import { parseGunicornCommand, serverFactsOf } from '../../python/gunicorn-command';
import {
  blocks,
  field,
  firstBlock,
  isObject,
  isUnknownString,
  type JsonObject,
  type TerraformModel,
  type TfResource,
  UNKNOWN,
  type Unknown,
} from '../model';
import { runtimeIdentity } from './identity';
import { FactBuilder, toBoolean, toMap, toNumber, toSeconds, toText } from './values';
import { cloudRunWebConcurrency, withWebConcurrency } from './web-concurrency';

const CLOUD_RUN_V2_JOB = 'google_cloud_run_v2_job';
const CLOUD_RUN_V1_SERVICE = 'google_cloud_run_service';

const CONTAINER_FACTS: Array<keyof CloudRunFacts & string> = [
  'image',
  'cpu',
  'memoryMiB',
  'cpuIdle',
  'resourcesWritten',
  'startupProbe',
  'livenessProbe',
  'portName',
  'containerPort',
  'server',
  'env',
];
const TEMPLATE_FACTS: Array<keyof CloudRunFacts & string> = [
  ...CONTAINER_FACTS,
  'executionEnvironment',
  'concurrency',
  'minInstances',
  'maxInstances',
  'timeoutSeconds',
  'serviceAccount',
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
  const http = firstBlock(block, 'http_get');
  const tcp = field(block, 'tcp_socket');
  const grpc = field(block, 'grpc');
  if (http === UNKNOWN || tcp === UNKNOWN || grpc === UNKNOWN) return UNKNOWN;
  const kind = http !== undefined ? 'http' : grpc !== undefined ? 'grpc' : 'tcp';
  const path = toText(field(http, 'path'));
  if (path === UNKNOWN) return UNKNOWN;
  return { kind, initialDelaySeconds, periodSeconds, timeoutSeconds, failureThreshold, path };
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

/**
 * The server a container's command runs. Without a worker count on the command line, the count comes from
 * WEB_CONCURRENCY in the container's env (see the caller), or from the image's own environment, which Terraform does
 * not show: it is then left unset, and not judged.
 */
function readCommand(line: readonly string[]): CommandReading {
  const parsed = parseGunicornCommand(line);
  if (!parsed) return NO_COMMAND;
  // A config file (or `--workers $WEB_CONCURRENCY`) can set what the command line does not say.
  if (parsed.hasExternalConfig) return UNKNOWN_COMMAND;
  return { server: serverFactsOf(parsed), writesWorkers: parsed.writesWorkers };
}

/** True when the command runs gunicorn without a worker count, so WEB_CONCURRENCY sets it. */
function readsWebConcurrency(read: CommandReading): read is CommandReading & { readonly server: ServerFacts } {
  return read.server !== undefined && read.server !== UNKNOWN && !read.writesWorkers;
}

interface ContainerAttributes {
  readonly image: string;
  readonly resources: string;
  readonly cpuIdle: string;
  readonly cpu: string;
  readonly memory: string;
  readonly startupProbe: string;
  readonly livenessProbe: string;
  readonly portName: string;
  readonly containerPort: string;
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
      image: `${at}.image`,
      resources: `${at}.resources`,
      cpuIdle: `${at}.resources.cpu_idle`,
      cpu: `${at}.resources.limits.cpu`,
      memory: `${at}.resources.limits.memory`,
      startupProbe: `${at}.startup_probe`,
      livenessProbe: `${at}.liveness_probe`,
      portName: `${at}.ports.name`,
      containerPort: `${at}.ports.container_port`,
      command: `${at}.command`,
      env: `${at}.env`,
    };
    CONTAINER_ATTRIBUTES.set(key, attrs);
  }
  return attrs;
}

/**
 * The environment of a container: names, value lengths and secret references. `UNKNOWN` when the list, or a name in
 * it, is not known; a value or secret that is not known is left out of the facts (only its name is judged).
 */
function environment(env: readonly JsonObject[] | Unknown, v1: boolean): EnvFacts[] | Unknown | undefined {
  if (env === UNKNOWN) return UNKNOWN;
  if (env.length === 0) return undefined;
  const out: EnvFacts[] = [];
  for (let i = 0; i < env.length; i++) {
    const name = field(env[i], 'name');
    if (name === UNKNOWN) return UNKNOWN;
    if (typeof name !== 'string') continue;
    const value = field(env[i], 'value');
    const ref = firstBlock(firstBlock(env[i], v1 ? 'value_from' : 'value_source'), 'secret_key_ref');
    if (ref === undefined || ref === UNKNOWN) {
      out.push({ name, valueLength: typeof value === 'string' ? value.length : undefined });
      continue;
    }
    const secret = toText(field(ref, v1 ? 'name' : 'secret'));
    const version = toText(field(ref, v1 ? 'key' : 'version'));
    out.push({
      name,
      secret: typeof secret === 'string' ? secret : undefined,
      secretVersion: typeof version === 'string' ? version : undefined,
    });
  }
  return out;
}

/** The labels whose key and value are known; `UNKNOWN` when the map itself is not known. */
function labels(value: unknown): Record<string, string> | Unknown | undefined {
  if (value === undefined || value === UNKNOWN) return value;
  if (!isObject(value)) return UNKNOWN;
  let known: Record<string, string> | undefined;
  for (const key of Object.keys(value)) {
    const v = value[key];
    if (typeof v !== 'string' || isUnknownString(key) || isUnknownString(v)) continue;
    (known ??= {})[key] = v;
  }
  return known;
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
  b.set('image', a.image, toText(field(container, 'image')));
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
  b.set('containerPort', a.containerPort, toNumber(field(ports, 'container_port')));
  const env = blocks(container, 'env');
  b.set('env', a.env, environment(env, v1));
  const read = commandReading(field(container, 'command'), field(container, 'args'), model);
  const webConcurrency = readsWebConcurrency(read) ? cloudRunWebConcurrency(env, a.env) : undefined;
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

/** The facts every Cloud Run resource has at its top level: name, region, labels. */
function resourceFacts(r: TfResource, b: FactBuilder<CloudRunFacts>, labelsAt: string, labelsValue: unknown): void {
  b.set('name', 'name', toText(field(r.config, 'name')));
  b.set('region', 'location', toText(field(r.config, 'location')));
  b.set('labels', labelsAt, labels(labelsValue));
}

const identity = (value: unknown, model: TerraformModel | undefined) =>
  runtimeIdentity(value, model, DEFAULT_SERVICE_ACCOUNTS.cloudRun);

function v2Service(r: TfResource, model?: TerraformModel): FactSet<CloudRunFacts> {
  const b = new FactBuilder<CloudRunFacts>();
  resourceFacts(r, b, 'labels', field(r.config, 'labels'));
  const template = firstBlock(r.config, 'template');
  if (template === UNKNOWN) {
    b.markUnknown('template', ...TEMPLATE_FACTS);
    return b.build();
  }
  containerFacts(model, b, blocks(template, 'containers'), 'template', false);
  b.set('serviceAccount', 'template.service_account', identity(template?.service_account, model));
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

function v2Job(r: TfResource, model?: TerraformModel): FactSet<CloudRunFacts> {
  const b = new FactBuilder<CloudRunFacts>();
  resourceFacts(r, b, 'labels', field(r.config, 'labels'));
  const outer = firstBlock(r.config, 'template');
  const task = outer === UNKNOWN ? UNKNOWN : firstBlock(outer, 'template');
  if (task === UNKNOWN) {
    b.markUnknown('template.template', ...TEMPLATE_FACTS);
    return b.build();
  }
  containerFacts(model, b, blocks(task, 'containers'), 'template.template', false);
  b.set('serviceAccount', 'template.template.service_account', identity(task?.service_account, model));
  b.set(
    'executionEnvironment',
    'template.template.execution_environment',
    executionEnvironment(field(task, 'execution_environment')),
  );
  return b.build();
}

function v1Service(r: TfResource, model?: TerraformModel): FactSet<CloudRunFacts> {
  const b = new FactBuilder<CloudRunFacts>();
  const metadata = firstBlock(r.config, 'metadata');
  resourceFacts(r, b, 'metadata.labels', metadata === UNKNOWN ? UNKNOWN : field(metadata, 'labels'));
  const template = firstBlock(r.config, 'template');
  const spec = template === UNKNOWN ? UNKNOWN : firstBlock(template, 'spec');
  if (spec === UNKNOWN) {
    b.markUnknown('template.spec', ...TEMPLATE_FACTS);
    return b.build();
  }
  containerFacts(model, b, blocks(spec, 'containers'), 'template.spec', true);
  b.set('serviceAccount', 'template.spec.service_account_name', identity(spec?.service_account_name, model));
  b.set(
    'concurrency',
    'template.spec.container_concurrency',
    positiveOrUnset(toNumber(field(spec, 'container_concurrency'))),
  );
  b.set('timeoutSeconds', 'template.spec.timeout_seconds', toNumber(field(spec, 'timeout_seconds')));
  const templateMetadata = firstBlock(template, 'metadata');
  const annotations = toMap(field(templateMetadata, 'annotations'));
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
 * resource. `model` (the run's) resolves service account references and shares the reading of repeated command lines.
 */
export function cloudRunFacts(r: TfResource, model?: TerraformModel): FactSet<CloudRunFacts> {
  return r.type === CLOUD_RUN_V2_JOB
    ? v2Job(r, model)
    : r.type === CLOUD_RUN_V1_SERVICE
      ? v1Service(r, model)
      : v2Service(r, model);
}
