/**
 * Synthesized App Engine resources → the facts of lib/platform/app-engine, so the constructs' rules judge raw
 * `google_app_engine_standard_app_version` (and, for who they run as, flexible versions) and
 * `google_app_engine_application` resources too.
 * @internal
 */
import {
  type AppEngineApplicationFacts,
  type AppEngineScalingType,
  type AppEngineVersionFacts,
  type HandlerFacts,
  SCALING_FACTS,
} from '../../platform/app-engine/facts';
import { GUNICORN_DEFAULTS, type ServerFacts } from '../../platform/python/server';
import type { FactSet } from '../../platform/rule';
import type { PlainEnv } from '../../platform/secrets';
import { DEFAULT_SERVICE_ACCOUNTS } from '../../platform/service-account';
import { parseGunicornCommand, serverFactsOf } from '../../python/gunicorn-command';
import {
  blocks,
  field,
  firstBlock,
  isObject,
  isUnknown,
  isUnknownString,
  type JsonObject,
  type TerraformModel,
  type TfResource,
  UNKNOWN,
  type Unknown,
} from '../model';
import { runtimeIdentity } from './identity';
import { FactBuilder, toBoolean, toNumber, toSeconds, toText, type Writable } from './values';
import { appEngineWebConcurrency, setServer } from './web-concurrency';

const FLEXIBLE_VERSION = 'google_app_engine_flexible_app_version';

const SCALING_KEYS: ReadonlyArray<[string, AppEngineScalingType]> = [
  ['automatic_scaling', 'automatic'],
  ['basic_scaling', 'basic'],
  ['manual_scaling', 'manual'],
];

function stringList(value: unknown): string[] | Unknown | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || isUnknown(v))) return UNKNOWN;
  return value as string[];
}

/** The keys of `env_variables`; `UNKNOWN` when the map, or any key in it, is an interpolation. */
function envNames(env: unknown): string[] | Unknown | undefined {
  if (env === undefined) return undefined;
  if (!isObject(env)) return UNKNOWN;
  const names = Object.keys(env);
  return names.some(isUnknownString) ? UNKNOWN : names;
}

const REDIRECT_CODE = /^REDIRECT_HTTP_RESPONSE_CODE_([0-9]+)$/;

/** The handlers: static or routed to the app, and their redirect status; `UNKNOWN` when one cannot be read. */
function handlers(list: readonly JsonObject[] | Unknown): HandlerFacts[] | Unknown | undefined {
  if (list === UNKNOWN) return UNKNOWN;
  if (list.length === 0) return undefined;
  const out: HandlerFacts[] = [];
  for (const h of list) {
    const code = field(h, 'redirect_http_response_code');
    const staticFiles = field(h, 'static_files');
    if (code === UNKNOWN || staticFiles === UNKNOWN) return UNKNOWN;
    const level = field(h, 'security_level');
    const url = field(h, 'url_regex');
    if (level === UNKNOWN) return UNKNOWN;
    const match = typeof code === 'string' ? REDIRECT_CODE.exec(code) : null;
    out.push({
      static: staticFiles !== undefined,
      redirectCode: code === undefined ? undefined : match ? Number(match[1]) : Number.NaN,
      url: typeof url === 'string' ? url : undefined,
      securityLevel: typeof level === 'string' ? level : undefined,
    });
  }
  return out;
}

/**
 * The env_variables with their values, each recorded at its own attribute (`env_variables.NAME`); `UNKNOWN` when the
 * map, or a key in it, is an interpolation.
 */
function environment(b: FactBuilder<AppEngineVersionFacts>, env: unknown): PlainEnv[] | Unknown | undefined {
  if (env === undefined) return undefined;
  if (!isObject(env)) return UNKNOWN;
  const out: PlainEnv[] = [];
  for (const name of Object.keys(env)) {
    if (isUnknownString(name)) return UNKNOWN;
    const raw = env[name];
    b.at(`env.${out.length}`, `env_variables.${name}`);
    b.at(`envNames.${out.length}`, `env_variables.${name}`);
    const fromReference = typeof raw === 'string' && isUnknownString(raw);
    out.push(
      fromReference ? { name, valueFromReference: true } : { name, value: raw === null ? undefined : String(raw) },
    );
  }
  return out;
}

/** How many sources the deployment names: 1 for a zip, else its files; `UNKNOWN` when it cannot be read. */
function deploymentSources(deployment: JsonObject | Unknown | undefined): number | Unknown {
  const zip = firstBlock(deployment, 'zip');
  const files = blocks(deployment, 'files');
  if (zip === UNKNOWN || files === UNKNOWN) return UNKNOWN;
  return zip !== undefined ? 1 : files.length;
}

/** The Terraform attribute of each fact of a standard version. */
const VERSION_ATTRIBUTES = {
  service: 'service',
  versionId: 'version_id',
  project: 'project',
  runtime: 'runtime',
  instanceClass: 'instance_class',
  scalingType: 'automatic_scaling',
  maxConcurrentRequests: 'automatic_scaling.max_concurrent_requests',
  minIdleInstances: 'automatic_scaling.min_idle_instances',
  maxIdleInstances: 'automatic_scaling.max_idle_instances',
  minPendingLatency: 'automatic_scaling.min_pending_latency',
  maxPendingLatency: 'automatic_scaling.max_pending_latency',
  minInstances: 'automatic_scaling.standard_scheduler_settings.min_instances',
  maxInstances: 'automatic_scaling.standard_scheduler_settings.max_instances',
  targetCpuUtilization: 'automatic_scaling.standard_scheduler_settings.target_cpu_utilization',
  targetThroughputUtilization: 'automatic_scaling.standard_scheduler_settings.target_throughput_utilization',
  basicMaxInstances: 'basic_scaling.max_instances',
  idleTimeout: 'basic_scaling.idle_timeout',
  manualInstances: 'manual_scaling.instances',
  inboundServices: 'inbound_services',
  envNames: 'env_variables',
  env: 'env_variables',
  handlers: 'handlers',
  deleteServiceOnDestroy: 'delete_service_on_destroy',
  deploymentSources: 'deployment',
  serviceAccount: 'service_account',
  entrypoint: 'entrypoint.shell',
  server: 'entrypoint.shell',
} as const;

/** The Terraform attribute of each fact of an application. */
const APPLICATION_ATTRIBUTES = {
  locationId: 'location_id',
  databaseType: 'database_type',
  sameProject: 'project',
} as const;

/** Every fact of a version, unset (see FactBuilder). */
function unsetVersionFacts(): Writable<AppEngineVersionFacts> {
  return {
    service: undefined,
    versionId: undefined,
    project: undefined,
    runtime: undefined,
    instanceClass: undefined,
    scalingType: undefined as unknown as AppEngineScalingType,
    maxConcurrentRequests: undefined,
    minIdleInstances: undefined,
    maxIdleInstances: undefined,
    minPendingLatency: undefined,
    maxPendingLatency: undefined,
    minInstances: undefined,
    maxInstances: undefined,
    targetCpuUtilization: undefined,
    targetThroughputUtilization: undefined,
    basicMaxInstances: undefined,
    idleTimeout: undefined,
    manualInstances: undefined,
    inboundServices: undefined,
    envNames: undefined,
    env: undefined,
    entrypoint: undefined,
    server: undefined,
    handlers: undefined,
    deleteServiceOnDestroy: undefined,
    deploymentSources: undefined,
    serviceAccount: undefined,
    requestTimeout: undefined,
    warmupRequested: undefined,
    serverProfile: undefined,
    ownEntrypoint: undefined,
  };
}

function standardVersion(r: TfResource, model?: TerraformModel): FactSet<AppEngineVersionFacts> {
  const b = new FactBuilder<AppEngineVersionFacts>(unsetVersionFacts(), VERSION_ATTRIBUTES);
  const f = b.facts;
  const c = r.config;
  f.service = b.known('service', toText(field(c, 'service')));
  f.versionId = b.known('versionId', toText(field(c, 'version_id')));
  const project = field(c, 'project');
  if (project === undefined && model) {
    b.at('project', 'provider.project');
    f.project = b.known('project', providerProject(model, r));
  } else f.project = b.known('project', toText(project));
  f.runtime = b.known('runtime', toText(field(c, 'runtime')));
  f.instanceClass = b.known('instanceClass', toText(field(c, 'instance_class')));

  let scalingType: AppEngineScalingType | Unknown = 'automatic';
  for (const [key, type] of SCALING_KEYS) {
    const block = firstBlock(c, key);
    if (block === UNKNOWN) scalingType = UNKNOWN;
    else if (block !== undefined && scalingType !== UNKNOWN) {
      scalingType = type;
      break;
    }
  }
  if (scalingType === UNKNOWN) {
    b.markUnknown('automatic_scaling', ...SCALING_FACTS);
  } else {
    f.scalingType = scalingType;
    const auto = firstBlock(c, 'automatic_scaling');
    f.maxConcurrentRequests = b.known('maxConcurrentRequests', toNumber(field(auto, 'max_concurrent_requests')));
    f.minIdleInstances = b.known('minIdleInstances', toNumber(field(auto, 'min_idle_instances')));
    f.maxIdleInstances = b.known('maxIdleInstances', toNumber(field(auto, 'max_idle_instances')));
    f.minPendingLatency = b.known('minPendingLatency', toSeconds(field(auto, 'min_pending_latency')));
    f.maxPendingLatency = b.known('maxPendingLatency', toSeconds(field(auto, 'max_pending_latency')));
    const scheduler = firstBlock(auto, 'standard_scheduler_settings');
    f.minInstances = b.known('minInstances', toNumber(field(scheduler, 'min_instances')));
    f.maxInstances = b.known('maxInstances', toNumber(field(scheduler, 'max_instances')));
    f.targetCpuUtilization = b.known('targetCpuUtilization', toNumber(field(scheduler, 'target_cpu_utilization')));
    f.targetThroughputUtilization = b.known(
      'targetThroughputUtilization',
      toNumber(field(scheduler, 'target_throughput_utilization')),
    );
    const basic = firstBlock(c, 'basic_scaling');
    f.basicMaxInstances = b.known('basicMaxInstances', toNumber(field(basic, 'max_instances')));
    f.idleTimeout = b.known('idleTimeout', toSeconds(field(basic, 'idle_timeout')));
    const manual = firstBlock(c, 'manual_scaling');
    f.manualInstances = b.known('manualInstances', toNumber(field(manual, 'instances')));
  }

  f.inboundServices = b.known('inboundServices', stringList(field(c, 'inbound_services')));
  const env = field(c, 'env_variables');
  f.envNames = b.known('envNames', envNames(env));
  f.env = b.known('env', environment(b, env));
  f.handlers = b.known('handlers', handlers(blocks(c, 'handlers')));
  f.deleteServiceOnDestroy = b.known(
    'deleteServiceOnDestroy',
    toBoolean(field(c, 'delete_service_on_destroy')) as boolean | Unknown | undefined,
  );
  f.deploymentSources = b.known('deploymentSources', deploymentSources(firstBlock(c, 'deployment')));
  f.serviceAccount = b.known(
    'serviceAccount',
    runtimeIdentity(c.service_account, model, DEFAULT_SERVICE_ACCOUNTS.appEngine),
  );

  const entrypoint = firstBlock(c, 'entrypoint');
  const shell = field(entrypoint, 'shell');
  if (shell === UNKNOWN) b.markUnknown('entrypoint.shell', 'entrypoint', 'server');
  else if (typeof shell === 'string') {
    f.entrypoint = b.known('entrypoint', shell);
    // Versions mostly share their entrypoint, so with the run's model each distinct one is read once.
    const read = model ? model.memo(readShell, shell, shell) : readShell(shell);
    // Without a worker count on the command line, gunicorn runs WEB_CONCURRENCY workers.
    setServer(b, read.server, read.writesWorkers ? undefined : appEngineWebConcurrency(env));
  }
  return b.build();
}

/** An entrypoint's gunicorn facts, and whether it writes the worker count (else WEB_CONCURRENCY applies). */
interface ShellReading {
  readonly server?: ServerFacts | Unknown;
  readonly writesWorkers?: boolean;
}

/**
 * The server an entrypoint runs. App Engine has no image environment, so a worker count the command line does not
 * give comes from env_variables' WEB_CONCURRENCY (see the caller) or gunicorn's default.
 */
function readShell(shell: string): ShellReading {
  const parsed = parseGunicornCommand(shell);
  if (!parsed) return {};
  // A config file (or `--workers $WEB_CONCURRENCY`) sets what the command line does not say.
  if (parsed.hasExternalConfig) return { server: UNKNOWN };
  return { server: serverFactsOf(parsed, GUNICORN_DEFAULTS.workers), writesWorkers: parsed.writesWorkers };
}

/**
 * The project of the provider a resource uses (its `provider` meta-argument, `google.alias` or `${google.alias}`,
 * else the default `google` provider); `UNKNOWN` when that project is an interpolation, undefined when none is set.
 */
function providerProject(model: TerraformModel, r: TfResource): string | Unknown | undefined {
  const meta = r.config.provider;
  // The input readers write `${google.alias}` as the reference `google.alias` it is.
  const ref = typeof meta === 'string' ? meta : 'google';
  const [name, alias] = ref.split('.');
  const config = model.providers.find((p) => p.name === name && (p.body.alias ?? undefined) === alias);
  return config === undefined ? undefined : toText(field(config.body, 'project'));
}

/**
 * A flexible version: who it runs as, its env_variables and its handlers (the rules that apply to flexible versions
 * read nothing else).
 */
function flexibleVersion(r: TfResource, model?: TerraformModel): FactSet<AppEngineVersionFacts> {
  const b = new FactBuilder<AppEngineVersionFacts>(unsetVersionFacts(), VERSION_ATTRIBUTES);
  const f = b.facts;
  f.env = b.known('env', environment(b, field(r.config, 'env_variables')));
  f.handlers = b.known('handlers', handlers(blocks(r.config, 'handlers')));
  f.serviceAccount = b.known(
    'serviceAccount',
    runtimeIdentity(r.config.service_account, model, DEFAULT_SERVICE_ACCOUNTS.appEngine),
  );
  return b.build();
}

/**
 * The facts of a version: the `derive` of the version fact rules, so the engine extracts them once per resource.
 * `model` (the run's) resolves service account references and shares the reading of repeated entrypoints.
 */
export function appEngineVersionFacts(r: TfResource, model?: TerraformModel): FactSet<AppEngineVersionFacts> {
  // The rules, the cost model and the summary all read a version's facts: extracted once per model.
  return model ? model.memo(readVersionFacts, r.address, [r, model]) : readVersionFacts([r, undefined]);
}

function readVersionFacts([r, model]: readonly [
  TfResource,
  TerraformModel | undefined,
]): FactSet<AppEngineVersionFacts> {
  return r.type === FLEXIBLE_VERSION ? flexibleVersion(r, model) : standardVersion(r, model);
}

/**
 * The project an application is created in, as a key: its own `project`, else the project of the provider it uses;
 * when that provider's project is not a literal (or not set: the provider then reads it from the environment), the
 * provider itself stands for it, so two applications on one provider still share a project. `UNKNOWN` when the
 * application's own project or provider is an interpolation.
 */
function applicationProject(model: TerraformModel, app: TfResource): string | Unknown {
  const project = field(app.config, 'project');
  const provider = field(app.config, 'provider');
  if (project === UNKNOWN || provider === UNKNOWN) return UNKNOWN;
  if (project !== undefined) return `project ${String(project)}`;
  const fromProvider = providerProject(model, app);
  return typeof fromProvider === 'string' ? `project ${fromProvider}` : `provider ${String(provider ?? 'google')}`;
}

/** The applications of a configuration by project, so each application sees the others of its project. */
function applicationsByProject(model: TerraformModel): Map<string, TfResource[]> | Unknown {
  const byProject = new Map<string, TfResource[]>();
  for (const app of model.byType.get('google_app_engine_application') ?? []) {
    const key = applicationProject(model, app);
    if (key === UNKNOWN) return UNKNOWN;
    byProject.set(key, [...(byProject.get(key) ?? []), app]);
  }
  return byProject;
}

/** The facts of an application (the `derive` of the application fact rules: extracted once per resource). */
export function appEngineApplicationFacts(r: TfResource, model?: TerraformModel): FactSet<AppEngineApplicationFacts> {
  const b = new FactBuilder<AppEngineApplicationFacts>(
    { locationId: undefined, databaseType: undefined, sameProject: undefined },
    APPLICATION_ATTRIBUTES,
  );
  const f = b.facts;
  f.locationId = b.known('locationId', toText(field(r.config, 'location_id')));
  f.databaseType = b.known('databaseType', toText(field(r.config, 'database_type')));
  if (model) {
    const byProject = model.memo(applicationsByProject, '', model);
    // Known for every application when the map is: an unknown project anywhere makes the whole map unknown.
    const key = applicationProject(model, r);
    if (byProject === UNKNOWN || key === UNKNOWN) b.markUnknown('project', 'sameProject');
    else {
      const others = (byProject.get(key) ?? []).filter((app) => app !== r).map((app) => app.address);
      f.sameProject = b.known('sameProject', others);
    }
  }
  return b.build();
}
