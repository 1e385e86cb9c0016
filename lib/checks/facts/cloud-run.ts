/**
 * Synthesized Cloud Run resources → `CloudRunFacts`, so the constructs' platform rules judge raw resources too.
 *
 * - `google_cloud_run_v2_service`: `template.containers[]`, `template.scaling`, `template.timeout`, ...
 * - `google_cloud_run_v2_job`: `template.template.containers[]` (jobs are always instance-billed; only the rules that
 *   apply to jobs run on it).
 * - `google_cloud_run_service` (v1): `template.spec.containers[]`, `container_concurrency`, `timeout_seconds` and the
 *   `template.metadata.annotations` for scaling, execution environment and CPU throttling.
 * - `google_cloud_run_v2_worker_pool`: `template.containers[]`, the pool's `scaling` (manual by default), always the
 *   second-generation environment and always-allocated CPU (only the rules that apply to worker pools run on it).
 *
 * A GPU is `resources.limits["nvidia.com/gpu"]` on a container and its type the template's `node_selector`
 * (`accelerator`; v1: `run.googleapis.com/accelerator`). The service-level `scaling` block of a v2 service
 * (`scaling_mode`, `manual_instance_count`, `min_instance_count`, and `max_instance_count` from provider 7.0) is read
 * besides the revision's.
 *
 * The ingress container is the one that declares `ports`, else the first.
 * @internal
 */
import { parseCpu, parseMemoryMiB } from '../../core/quantity';
import type {
  CloudRunFacts,
  CloudRunWorkload,
  EnvFacts,
  JobFacts,
  ProbeFacts,
  SidecarServerFacts,
} from '../../platform/cloud-run/facts';
import type { WorkerFacts } from '../../platform/python/celery';
import type { ServerFacts } from '../../platform/python/server';
import type { FactSet } from '../../platform/rule';
import { DEFAULT_SERVICE_ACCOUNTS } from '../../platform/service-account';
import { type CeleryCommand, celeryWorkerFacts, parseCeleryWorker, webServerOf } from '../../python/commands';
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
import { ingressOfV1, ingressOfV2 } from '../../platform/cloud-run/security';
import { connectorRegion } from '../../platform/cloud-run/network';
import { containersFacts, v2ResourceFacts, volumesFacts } from './cloud-run-revision';
import { runtimeIdentity } from './identity';
import { FactBuilder, toBoolean, toMap, toNumber, toQuantity, toSeconds, toText, type Writable } from './values';
import { cloudRunWebConcurrency, setServer } from './web-concurrency';

const CLOUD_RUN_V2_SERVICE = 'google_cloud_run_v2_service';
const CLOUD_RUN_V2_JOB = 'google_cloud_run_v2_job';
const CLOUD_RUN_V1_SERVICE = 'google_cloud_run_service';
const CLOUD_RUN_V2_WORKER_POOL = 'google_cloud_run_v2_worker_pool';
const GPU_LIMIT = 'nvidia.com/gpu';

const CONTAINER_FACTS: Array<keyof CloudRunFacts & string> = [
  'image',
  'cpu',
  'memoryMiB',
  'gpuCount',
  'cpuIdle',
  'resourcesWritten',
  'startupProbe',
  'livenessProbe',
  'portName',
  'containerPort',
  'server',
  'env',
  'worker',
  'webServer',
];
const TEMPLATE_FACTS: Array<keyof CloudRunFacts & string> = [
  ...CONTAINER_FACTS,
  'gpuType',
  'executionEnvironment',
  'concurrency',
  'minInstances',
  'maxInstances',
  'timeoutSeconds',
  'serviceAccount',
  'containers',
  'volumes',
  'encryptionKey',
  'gpuZonalRedundancyDisabled',
  'vpcConnectorRegion',
];

/** The ingress container: the one that declares `ports`, else the first. Returns its index too. */
export function ingressContainer(
  containers: readonly JsonObject[],
): { container: JsonObject; index: number } | undefined {
  const index = containers.findIndex((c) => c.ports !== undefined && c.ports !== null);
  const i = Math.max(index, 0);
  return containers[i] ? { container: containers[i], index: i } : undefined;
}

/** The timings of a probe block, and the Terraform fields they are read from. */
const PROBE_TIMINGS = [
  ['initialDelaySeconds', 'initial_delay_seconds'],
  ['periodSeconds', 'period_seconds'],
  ['timeoutSeconds', 'timeout_seconds'],
  ['failureThreshold', 'failure_threshold'],
] as const;

/**
 * A probe block as facts. With the builder `b`, a value only known at apply time is marked unknown on its own
 * (`startupProbe.periodSeconds`), so that the rules reading the other values still judge them; without it (a sidecar's
 * probe), or when the kind (or the whole block) is unknown, the probe is unknown.
 */
function probe(
  block: JsonObject | Unknown | undefined,
  fact: 'startupProbe' | 'livenessProbe',
  b?: FactBuilder<CloudRunFacts>,
): ProbeFacts | Unknown | undefined {
  if (block === undefined) return undefined;
  // A block only known at apply reads its kind as unknown.
  const http = firstBlock(block, 'http_get');
  const tcp = field(block, 'tcp_socket');
  const grpc = field(block, 'grpc');
  if (http === UNKNOWN || tcp === UNKNOWN || grpc === UNKNOWN) return UNKNOWN;
  const kind = http !== undefined ? 'http' : grpc !== undefined ? 'grpc' : 'tcp';
  const facts: { -readonly [K in keyof ProbeFacts]: ProbeFacts[K] } = { kind };
  for (const [name, attribute] of PROBE_TIMINGS) {
    const value = toNumber(field(block, attribute));
    if (value !== UNKNOWN) facts[name] = value;
    else if (b) b.markUnknown(`${b.attributeOf(fact)}.${attribute}`, `${fact}.${name}`);
    else return UNKNOWN;
  }
  const path = toText(field(http, 'path'));
  if (path !== UNKNOWN) facts.path = path;
  else if (b) b.markUnknown(`${b.attributeOf(fact)}.http_get.path`, `${fact}.path`);
  else return UNKNOWN;
  return facts;
}

/** A command or its args as `field` reads them (a whole-string interpolation is `UNKNOWN` already). */
function words(value: unknown): string[] | Unknown | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return [value];
  if (!Array.isArray(value)) return UNKNOWN;
  for (let i = 0; i < value.length; i++) if (typeof value[i] !== 'string' || isUnknownString(value[i])) return UNKNOWN;
  return value as string[];
}

/**
 * A command line's gunicorn facts, and whether it writes the worker count (else WEB_CONCURRENCY applies); the web
 * server it starts and the Celery worker it runs.
 */
interface CommandReading {
  readonly server?: ServerFacts | Unknown;
  readonly writesWorkers?: boolean;
  readonly webServer?: string | Unknown;
  readonly celery?: CeleryCommand | Unknown;
}

const NO_COMMAND: CommandReading = {};
const UNKNOWN_COMMAND: CommandReading = { server: UNKNOWN, webServer: UNKNOWN, celery: UNKNOWN };

/** Reads command + args; services mostly share their command line, so with the run's `model` each is read once. */
function commandReading(command: unknown, args: unknown, model: TerraformModel | undefined): CommandReading {
  const cmd = words(command);
  const arg = words(args);
  if (cmd === UNKNOWN || arg === UNKNOWN) return UNKNOWN_COMMAND;
  if (cmd === undefined && arg === undefined) return NO_COMMAND;
  const line = cmd === undefined ? arg! : arg === undefined ? cmd : cmd.concat(arg);
  return model ? model.memo(readCommand, line.join('\u0000'), line) : readCommand(line);
}

/**
 * The server a container's command runs. Without a worker count on the command line, the count comes from
 * WEB_CONCURRENCY in the container's env (see the caller), or from the image's own environment, which Terraform does
 * not show: it is then left unset, and not judged.
 */
function readCommand(line: readonly string[]): CommandReading {
  const parsed = parseGunicornCommand(line);
  const webServer = webServerOf(line);
  const celery = parseCeleryWorker(line);
  if (!parsed) return { webServer, celery };
  // A config file (or `--workers $WEB_CONCURRENCY`) can set what the command line does not say.
  if (parsed.hasExternalConfig) return { server: UNKNOWN, webServer, celery };
  return { server: serverFactsOf(parsed), writesWorkers: parsed.writesWorkers, webServer, celery };
}

/** The Celery worker of a command (see `celeryWorkerFacts`); a setting written as a variable is unknown where it is. */
function setWorker(b: FactBuilder<CloudRunFacts>, celery: CeleryCommand | Unknown | undefined, at: string): void {
  if (celery === undefined || celery === UNKNOWN) {
    b.facts.worker = celery === UNKNOWN ? b.known<WorkerFacts>('worker', UNKNOWN) : undefined;
    return;
  }
  const { worker, unknown } = celeryWorkerFacts(celery);
  for (const key of unknown) b.markUnknown(at, `worker.${key}`);
  b.facts.worker = worker;
}

/** Where each resource type keeps its revision template (the block holding `containers`). */
const TEMPLATE_PATH: Readonly<Record<string, string>> = {
  [CLOUD_RUN_V2_SERVICE]: 'template',
  [CLOUD_RUN_V2_JOB]: 'template.template',
  [CLOUD_RUN_V1_SERVICE]: 'template.spec',
  [CLOUD_RUN_V2_WORKER_POOL]: 'template',
};

/** What each resource type runs. */
const WORKLOAD: Readonly<Record<string, CloudRunWorkload>> = {
  [CLOUD_RUN_V2_SERVICE]: 'service',
  [CLOUD_RUN_V1_SERVICE]: 'service',
  [CLOUD_RUN_V2_JOB]: 'job',
  [CLOUD_RUN_V2_WORKER_POOL]: 'worker-pool',
};

const annotation = (key: string) => `template.metadata.annotations["${key}"]`;
/** The revision annotation a v1 service names its Serverless VPC Access connector in. */
const VPC_CONNECTOR_ANNOTATION = 'run.googleapis.com/vpc-access-connector';

/** The region in a connector's full name, as read: `UNKNOWN` when the name is only known at apply. */
function connectorRegionOf(connector: unknown): string | Unknown | undefined {
  const name = toText(connector);
  return typeof name === 'string' ? connectorRegion(name) : name;
}

/** Attribute tables by resource type, then ingress container index. */
const ATTRIBUTE_TABLES = new Map<string, Array<Readonly<Record<string, string>>>>();

/**
 * The Terraform attribute of each fact for a resource of `type` whose ingress container is the `index`th (and writes
 * `args` or not): built once per shape, shared by every resource of that shape.
 */
function attributeTable(type: string, index: number, args: boolean): Readonly<Record<string, string>> {
  let byIndex = ATTRIBUTE_TABLES.get(type);
  if (!byIndex) ATTRIBUTE_TABLES.set(type, (byIndex = []));
  const slot = index * 2 + (args ? 1 : 0);
  let table = byIndex[slot];
  if (table) return table;
  const v1 = type === CLOUD_RUN_V1_SERVICE;
  const template = TEMPLATE_PATH[type] ?? 'template';
  const at = `${template}.containers[${index}]`;
  table = {
    workload: 'name',
    name: 'name',
    region: 'location',
    labels: v1 ? 'metadata.labels' : 'labels',
    image: `${at}.image`,
    resourcesWritten: `${at}.resources`,
    cpuIdle: v1 ? annotation('run.googleapis.com/cpu-throttling') : `${at}.resources.cpu_idle`,
    cpu: `${at}.resources.limits.cpu`,
    memoryMiB: `${at}.resources.limits.memory`,
    gpuCount: `${at}.resources.limits["${GPU_LIMIT}"]`,
    gpuType: v1
      ? `${template}.node_selector["run.googleapis.com/accelerator"]`
      : `${template}.node_selector.accelerator`,
    startupProbe: `${at}.startup_probe`,
    livenessProbe: `${at}.liveness_probe`,
    portName: `${at}.ports.name`,
    containerPort: `${at}.ports.container_port`,
    env: `${at}.env`,
    sidecarImages: `${template}.containers`,
    sidecarEnv: `${template}.containers`,
    sidecarServers: `${template}.containers`,
    ingress: v1 ? 'metadata.annotations["run.googleapis.com/ingress"]' : 'ingress',
    // gunicorn's and Celery's flags are read from command and args together; with args written, that is where they are.
    server: args ? `${at}.args` : `${at}.command`,
    serviceAccount: `${template}.${v1 ? 'service_account_name' : 'service_account'}`,
    executionEnvironment: v1
      ? annotation('run.googleapis.com/execution-environment')
      : `${template}.execution_environment`,
    concurrency: v1 ? 'template.spec.container_concurrency' : 'template.max_instance_request_concurrency',
    minInstances: v1
      ? annotation('autoscaling.knative.dev/minScale')
      : type === CLOUD_RUN_V2_WORKER_POOL
        ? 'scaling.min_instance_count'
        : 'template.scaling.min_instance_count',
    maxInstances: v1
      ? annotation('autoscaling.knative.dev/maxScale')
      : type === CLOUD_RUN_V2_WORKER_POOL
        ? 'scaling.max_instance_count'
        : 'template.scaling.max_instance_count',
    scalingMode: 'scaling.scaling_mode',
    manualInstances: 'scaling.manual_instance_count',
    timeoutSeconds: v1 ? 'template.spec.timeout_seconds' : 'template.timeout',
    containers: `${template}.containers`,
    volumes: `${template}.volumes`,
    traffic: 'traffic',
    serviceMinInstances: 'scaling.min_instance_count',
    gpuZonalRedundancyDisabled: `${template}.gpu_zonal_redundancy_disabled`,
    launchStage: 'launch_stage',
    encryptionKey: `${template}.encryption_key`,
    binaryAuthorization: 'binary_authorization',
    worker: args ? `${at}.args` : `${at}.command`,
    webServer: `${at}.command`,
    job: 'template',
    vpcConnectorRegion: v1 ? annotation(VPC_CONNECTOR_ANNOTATION) : `${template}.vpc_access.connector`,
  } satisfies Record<
    Exclude<keyof CloudRunFacts, 'backgroundWork' | 'ownCommand' | 'profile' | 'vpcConnector'>,
    string
  > as Record<string, string>;
  if (type === CLOUD_RUN_V2_JOB) {
    Object.assign(table, {
      'job.taskCount': 'template.task_count',
      'job.parallelism': 'template.parallelism',
      'job.maxRetries': 'template.template.max_retries',
      'job.timeoutSeconds': 'template.template.timeout',
    });
  }
  byIndex[slot] = table;
  return table;
}

/**
 * The environment of a container: names, value lengths and secret references. `UNKNOWN` when the list, or a name in
 * it, is not known; a value or secret that is not known is left out of the facts (only its name is judged).
 */
function environment(env: readonly JsonObject[] | Unknown, v1: boolean): EnvFacts[] | Unknown | undefined {
  if (env === UNKNOWN) return UNKNOWN;
  if (env.length === 0) return undefined;
  const out: EnvFacts[] = [];
  for (const entry of env) {
    const name = field(entry, 'name');
    if (name === UNKNOWN) return UNKNOWN;
    if (typeof name !== 'string') continue;
    const raw = entry.value;
    const ref = firstBlock(firstBlock(entry, v1 ? 'value_from' : 'value_source'), 'secret_key_ref');
    if (ref === undefined || ref === UNKNOWN) {
      const fromReference = typeof raw === 'string' ? isUnknownString(raw) : raw !== undefined && raw !== null;
      const literal = typeof raw === 'string' && !fromReference ? raw : undefined;
      out.push(
        fromReference
          ? { name, valueFromReference: true }
          : { name, value: literal, valueLength: literal === undefined ? undefined : literal.length },
      );
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
  if (value === undefined) return undefined;
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
  container: JsonObject,
  v1: boolean,
  envAt: string,
  commandAt: string,
): void {
  const f = b.facts;
  f.image = b.known('image', toText(field(container, 'image')));
  const resources = firstBlock(container, 'resources');
  if (!v1) {
    f.resourcesWritten = b.known('resourcesWritten', resources === UNKNOWN ? UNKNOWN : resources !== undefined);
    f.cpuIdle = b.known('cpuIdle', toBoolean(field(resources, 'cpu_idle')));
  }
  const limits = toMap(field(resources, 'limits'));
  f.cpu = b.known('cpu', toQuantity(field(limits, 'cpu'), parseCpu));
  f.memoryMiB = b.known('memoryMiB', toQuantity(field(limits, 'memory'), parseMemoryMiB));
  f.gpuCount = b.known('gpuCount', toNumber(field(limits, GPU_LIMIT)));
  f.startupProbe = b.known('startupProbe', probe(firstBlock(container, 'startup_probe'), 'startupProbe', b));
  f.livenessProbe = b.known('livenessProbe', probe(firstBlock(container, 'liveness_probe'), 'livenessProbe', b));
  const ports = firstBlock(container, 'ports');
  f.portName = b.known('portName', toText(field(ports, 'name')));
  f.containerPort = b.known('containerPort', toNumber(field(ports, 'container_port')));
  const env = blocks(container, 'env');
  f.env = b.known('env', environment(env, v1));
  const read = commandReading(field(container, 'command'), field(container, 'args'), model);
  // Without a worker count on the command line, gunicorn runs WEB_CONCURRENCY workers.
  setServer(b, read.server, read.writesWorkers ? undefined : cloudRunWebConcurrency(env, envAt));
  f.webServer = b.known('webServer', read.webServer);
  setWorker(b, read.celery, commandAt);
}

/** The images and environments of the containers besides the ingress one, at their own attributes. */
function sidecarFacts(
  model: TerraformModel | undefined,
  b: FactBuilder<CloudRunFacts>,
  containers: readonly JsonObject[],
  ingress: number,
  path: string,
  v1: boolean,
): void {
  const images: Array<string | undefined> = [];
  const envs: Array<readonly EnvFacts[] | undefined> = [];
  const servers: Array<SidecarServerFacts | undefined> = [];
  for (let i = 0; i < containers.length; i++) {
    if (i === ingress) continue;
    const n = images.length;
    const at = `${path}.containers[${i}]`;
    b.at(`sidecarImages.${n}`, `${at}.image`);
    b.at(`sidecarEnv.${n}`, `${at}.env`);
    const image = toText(field(containers[i], 'image'));
    if (image === UNKNOWN) b.markUnknown(`${at}.image`, `sidecarImages.${n}`);
    images.push(image === UNKNOWN ? undefined : image);
    const env = environment(blocks(containers[i], 'env'), v1);
    if (env === UNKNOWN) b.markUnknown(`${at}.env`, `sidecarEnv.${n}`);
    envs.push(env === UNKNOWN ? undefined : env);
    servers.push(sidecarServer(b, containers[i], model, at, n));
  }
  b.facts.sidecarImages = images;
  b.facts.sidecarEnv = envs;
  b.facts.sidecarServers = servers;
}

/** True when a command or its arguments name gunicorn in a literal word. */
function namesGunicorn(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('gunicorn');
  return Array.isArray(value) && value.some(namesGunicorn);
}

/** The gunicorn server a sidecar runs, with its startup probe; `sidecarServers.<n>` is unknown when either is. */
function sidecarServer(
  b: FactBuilder<CloudRunFacts>,
  container: JsonObject,
  model: TerraformModel | undefined,
  at: string,
  n: number,
): SidecarServerFacts | undefined {
  b.at(`sidecarServers.${n}`, `${at}.command`);
  // Only a command line that names gunicorn is read: a sidecar whose arguments hold a variable (a collector's
  // --config=${…}) is not taken for a server of unknown kind.
  const command = field(container, 'command');
  const args = field(container, 'args');
  if (!namesGunicorn(command) && !namesGunicorn(args)) return undefined;
  const read = commandReading(command, args, model);
  if (read.server === undefined) return undefined;
  const startupProbe = probe(firstBlock(container, 'startup_probe'), 'startupProbe');
  if (read.server === UNKNOWN || startupProbe === UNKNOWN) {
    b.markUnknown(`${at}.command`, `sidecarServers.${n}`);
    return undefined;
  }
  return { server: read.server, startupProbe };
}

function executionEnvironment(value: unknown): 'GEN1' | 'GEN2' | Unknown | undefined {
  if (value === UNKNOWN) return UNKNOWN;
  if (typeof value !== 'string') return undefined;
  const v = value.toUpperCase();
  if (v.endsWith('GEN1')) return 'GEN1';
  if (v.endsWith('GEN2')) return 'GEN2';
  return undefined;
}
/** 0 (and unset) mean "platform default" for concurrency (max instances keeps its 0: the rules say what it means). */
function positiveOrUnset(value: number | Unknown | undefined): number | Unknown | undefined {
  return value === 0 ? undefined : value;
}

/** Every fact, unset (see FactBuilder). */
function unsetFacts(workload: CloudRunWorkload): Writable<CloudRunFacts> {
  return {
    workload,
    name: undefined,
    region: undefined,
    image: undefined,
    cpu: undefined,
    memoryMiB: undefined,
    gpuCount: undefined,
    gpuType: undefined,
    executionEnvironment: undefined,
    concurrency: undefined,
    cpuIdle: undefined,
    resourcesWritten: undefined,
    minInstances: undefined,
    maxInstances: undefined,
    scalingMode: undefined,
    manualInstances: undefined,
    timeoutSeconds: undefined,
    startupProbe: undefined,
    livenessProbe: undefined,
    portName: undefined,
    containerPort: undefined,
    server: undefined,
    env: undefined,
    sidecarImages: undefined,
    sidecarEnv: undefined,
    sidecarServers: undefined,
    ingress: undefined,
    labels: undefined,
    serviceAccount: undefined,
    backgroundWork: undefined,
    ownCommand: undefined,
    containers: undefined,
    volumes: undefined,
    traffic: undefined,
    serviceMinInstances: undefined,
    gpuZonalRedundancyDisabled: undefined,
    launchStage: undefined,
    encryptionKey: undefined,
    binaryAuthorization: undefined,
    job: undefined,
    worker: undefined,
    webServer: undefined,
    profile: undefined,
    vpcConnector: undefined,
    vpcConnectorRegion: undefined,
  };
}

/** The facts every Cloud Run resource has at its top level: name, region, labels. */
function resourceFacts(r: TfResource, b: FactBuilder<CloudRunFacts>, labelsValue: unknown): void {
  const f = b.facts;
  f.name = b.known('name', toText(field(r.config, 'name')));
  f.region = b.known('region', toText(field(r.config, 'location')));
  f.labels = b.known('labels', labels(labelsValue));
}

const identity = (value: unknown, model: TerraformModel | undefined) =>
  runtimeIdentity(value, model, DEFAULT_SERVICE_ACCOUNTS.cloudRun);

/** The facts of a revision template (`template` of a v2 service, `template.template` of a job, `template.spec` of v1). */
function revision(
  r: TfResource,
  labelsValue: unknown,
  template: JsonObject | Unknown | undefined,
  model: TerraformModel | undefined,
): FactBuilder<CloudRunFacts> {
  const path = TEMPLATE_PATH[r.type];
  const v1 = r.type === CLOUD_RUN_V1_SERVICE;
  const containers = blocks(template, 'containers');
  const picked = containers === UNKNOWN ? undefined : ingressContainer(containers);
  const args = picked?.container.args;
  const table = attributeTable(r.type, picked?.index ?? 0, args !== undefined && args !== null);
  const b = new FactBuilder<CloudRunFacts>(unsetFacts(WORKLOAD[r.type] ?? 'service'), table);
  resourceFacts(r, b, labelsValue);
  if (template === UNKNOWN) {
    b.markUnknown(path, ...TEMPLATE_FACTS);
    return b;
  }
  if (containers === UNKNOWN)
    b.markUnknown(
      `${path}.containers`,
      ...CONTAINER_FACTS,
      'sidecarImages',
      'sidecarEnv',
      'sidecarServers',
      'containers',
    );
  else if (picked) {
    containerFacts(model, b, picked.container, v1, table.env, table.worker);
    if (containers.length > 1) sidecarFacts(model, b, containers, picked.index, path, v1);
    if (!v1) containersFacts(b, containers, picked.index, path, (block) => probe(block, 'startupProbe'));
  }
  if (!v1) volumesFacts(b, template, path);
  const f = b.facts;
  const selector = v1 ? toMap(field(template, 'node_selector')) : firstBlock(template, 'node_selector');
  f.gpuType = b.known('gpuType', toText(field(selector, v1 ? 'run.googleapis.com/accelerator' : 'accelerator')));
  const account = v1 ? template?.service_account_name : template?.service_account;
  f.serviceAccount = b.known('serviceAccount', identity(account, model));
  // A v1 service names its connector in a revision annotation instead, read (over this) with the other annotations.
  f.vpcConnectorRegion = b.known(
    'vpcConnectorRegion',
    connectorRegionOf(field(firstBlock(template, 'vpc_access'), 'connector')),
  );
  return b;
}

const BOUNDS = [
  ['minInstances', 'min_instance_count'],
  ['maxInstances', 'max_instance_count'],
] as const;
const BOUNDS_OF_SERVICE = [BOUNDS[1]] as const;

function scalingMode(value: unknown): 'AUTOMATIC' | 'MANUAL' | Unknown | undefined {
  if (value === UNKNOWN) return UNKNOWN;
  return value === 'AUTOMATIC' || value === 'MANUAL' ? value : undefined;
}

/**
 * A `scaling` block at the top of a v2 service or worker pool: its mode and manual count, and the bounds the revision
 * does not give (a service's min is divided among its revisions; its max comes with provider 7.0).
 */
function topScaling(r: TfResource, b: FactBuilder<CloudRunFacts>, defaultMode?: 'MANUAL'): void {
  const f = b.facts;
  const scaling = firstBlock(r.config, 'scaling');
  f.scalingMode = b.known('scalingMode', scalingMode(field(scaling, 'scaling_mode')) ?? defaultMode);
  f.manualInstances = b.known('manualInstances', toNumber(field(scaling, 'manual_instance_count')));
  // A service's own minimum is a fact of its own (serviceMinInstances): it is divided among revisions, not theirs.
  const bounds = r.type === CLOUD_RUN_V2_SERVICE ? BOUNDS_OF_SERVICE : BOUNDS;
  for (const [fact, key] of bounds) {
    const value = field(scaling, key);
    if (f[fact] !== undefined || b.isUnknown(fact) || value === undefined) continue;
    b.at(fact, `scaling.${key}`);
    f[fact] = b.known(fact, toNumber(value));
  }
}

function v2Service(r: TfResource, model?: TerraformModel): FactSet<CloudRunFacts> {
  const template = firstBlock(r.config, 'template');
  const b = revision(r, field(r.config, 'labels'), template, model);
  const ingress = toText(field(r.config, 'ingress'));
  b.facts.ingress = b.known('ingress', ingress === UNKNOWN ? UNKNOWN : ingressOfV2(ingress));
  // A template only known at apply reads each of these as unknown, as `revision` marked them.
  const f = b.facts;
  f.executionEnvironment = b.known(
    'executionEnvironment',
    executionEnvironment(field(template, 'execution_environment')),
  );
  f.concurrency = b.known(
    'concurrency',
    positiveOrUnset(toNumber(field(template, 'max_instance_request_concurrency'))),
  );
  const scaling = firstBlock(template, 'scaling');
  f.minInstances = b.known('minInstances', toNumber(field(scaling, 'min_instance_count')));
  f.maxInstances = b.known('maxInstances', toNumber(field(scaling, 'max_instance_count')));
  f.timeoutSeconds = b.known('timeoutSeconds', toSeconds(field(template, 'timeout')));
  topScaling(r, b);
  v2ResourceFacts(b, r.config, template, true);
  return b.build();
}

function v2Job(r: TfResource, model?: TerraformModel): FactSet<CloudRunFacts> {
  const outer = firstBlock(r.config, 'template');
  const task = firstBlock(outer, 'template');
  const b = revision(r, field(r.config, 'labels'), task, model);
  v2ResourceFacts(b, r.config, task, false);
  const job: JobFacts = {
    taskCount: b.known('job.taskCount', toNumber(field(outer, 'task_count'))),
    parallelism: b.known('job.parallelism', toNumber(field(outer, 'parallelism'))),
    maxRetries: b.known('job.maxRetries', toNumber(field(task, 'max_retries'))),
    timeoutSeconds: b.known('job.timeoutSeconds', toSeconds(field(task, 'timeout'))),
  };
  b.facts.job = job;
  b.facts.executionEnvironment = b.known(
    'executionEnvironment',
    executionEnvironment(field(task, 'execution_environment')),
  );
  return b.build();
}

/** A worker pool: always the second generation, CPU always allocated, manual scaling unless it says otherwise. */
function v2WorkerPool(r: TfResource, model?: TerraformModel): FactSet<CloudRunFacts> {
  const template = firstBlock(r.config, 'template');
  const b = revision(r, field(r.config, 'labels'), template, model);
  b.facts.executionEnvironment = 'GEN2';
  topScaling(r, b, 'MANUAL');
  v2ResourceFacts(b, r.config, template, false);
  return b.build();
}

function v1Service(r: TfResource, model?: TerraformModel): FactSet<CloudRunFacts> {
  const metadata = firstBlock(r.config, 'metadata');
  const template = firstBlock(r.config, 'template');
  // A block only known at apply reads every block and value under it as unknown.
  const spec = firstBlock(template, 'spec');
  const b = revision(r, field(metadata, 'labels'), spec, model);
  const ingress = toText(field(toMap(field(metadata, 'annotations')), 'run.googleapis.com/ingress'));
  b.facts.ingress = b.known('ingress', ingress === UNKNOWN ? UNKNOWN : ingressOfV1(ingress));
  if (spec === UNKNOWN) return b.build();
  const f = b.facts;
  f.concurrency = b.known('concurrency', positiveOrUnset(toNumber(field(spec, 'container_concurrency'))));
  f.timeoutSeconds = b.known('timeoutSeconds', toNumber(field(spec, 'timeout_seconds')));
  const annotations = toMap(field(firstBlock(template, 'metadata'), 'annotations'));
  const value = (key: string) => field(annotations, key);
  f.minInstances = b.known('minInstances', toNumber(value('autoscaling.knative.dev/minScale')));
  f.maxInstances = b.known('maxInstances', toNumber(value('autoscaling.knative.dev/maxScale')));
  f.executionEnvironment = b.known(
    'executionEnvironment',
    executionEnvironment(value('run.googleapis.com/execution-environment')),
  );
  f.cpuIdle = b.known('cpuIdle', toBoolean(value('run.googleapis.com/cpu-throttling')));
  f.vpcConnectorRegion = b.known('vpcConnectorRegion', connectorRegionOf(value(VPC_CONNECTOR_ANNOTATION)));
  return b.build();
}

/**
 * The Cloud Run facts of a resource: the `derive` of the Cloud Run fact rules, so the engine extracts them once per
 * resource. `model` (the run's) resolves service account references and shares the reading of repeated command lines.
 */
export function cloudRunFacts(r: TfResource, model?: TerraformModel): FactSet<CloudRunFacts> {
  // The rules, the cost model and the summary all read a resource's facts: extracted once per model.
  return model ? model.memo(readFacts, r.address, [r, model]) : readFacts([r, undefined]);
}

function readFacts([r, model]: readonly [TfResource, TerraformModel | undefined]): FactSet<CloudRunFacts> {
  switch (r.type) {
    case CLOUD_RUN_V2_JOB:
      return v2Job(r, model);
    case CLOUD_RUN_V1_SERVICE:
      return v1Service(r, model);
    case CLOUD_RUN_V2_WORKER_POOL:
      return v2WorkerPool(r, model);
    default:
      return v2Service(r, model);
  }
}
