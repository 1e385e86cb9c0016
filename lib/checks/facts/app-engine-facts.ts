/**
 * Synthesized App Engine resources → the facts of lib/platform/app-engine.ts, so the constructs' rules judge raw
 * `google_app_engine_standard_app_version` and `google_app_engine_application` resources too.
 * @internal
 */
import {
  type AppEngineApplicationFacts,
  type AppEngineScalingType,
  type AppEngineServerFacts,
  type AppEngineVersionFacts,
  serverFactsFromShell,
} from '../../platform/app-engine';
import { parseGunicornCommand } from '../../python/gunicorn-command';
import {
  field,
  firstBlock,
  isObject,
  isUnknown,
  isUnknownString,
  type TerraformModel,
  type TfResource,
  UNKNOWN,
  type Unknown,
} from '../model';
import type { Extract } from '../rules/rule';
import { FactBuilder, toNumber, toSeconds, toText } from './values';
import { appEngineWebConcurrency, withWebConcurrency } from './web-concurrency';

export const APP_ENGINE_STANDARD_VERSION = 'google_app_engine_standard_app_version';
export const APP_ENGINE_FLEXIBLE_VERSION = 'google_app_engine_flexible_app_version';
export const APP_ENGINE_APPLICATION = 'google_app_engine_application';

const SCALING_KEYS: ReadonlyArray<[string, AppEngineScalingType]> = [
  ['automatic_scaling', 'automatic'],
  ['basic_scaling', 'basic'],
  ['manual_scaling', 'manual'],
];

const SCALING_FACTS: Array<keyof AppEngineVersionFacts & string> = [
  'scalingType',
  'maxConcurrentRequests',
  'minIdleInstances',
  'maxIdleInstances',
  'minPendingLatency',
  'maxPendingLatency',
  'minInstances',
  'maxInstances',
  'targetCpuUtilization',
  'targetThroughputUtilization',
  'basicMaxInstances',
  'idleTimeout',
  'manualInstances',
];

function stringList(value: unknown): string[] | Unknown | undefined {
  if (value === undefined || value === UNKNOWN) return value as Unknown | undefined;
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || isUnknown(v))) return UNKNOWN;
  return value as string[];
}

/** The keys of `env_variables`; `UNKNOWN` when the map, or any key in it, is an interpolation. */
function envNames(env: unknown): string[] | Unknown | undefined {
  if (env === undefined) return undefined;
  if (env === UNKNOWN || !isObject(env)) return UNKNOWN;
  const names = Object.keys(env);
  return names.some(isUnknownString) ? UNKNOWN : names;
}

function standardVersion(r: TfResource, model?: TerraformModel): Extract<AppEngineVersionFacts> {
  const b = new FactBuilder<AppEngineVersionFacts>();
  const c = r.config;
  b.set('service', 'service', toText(field(c, 'service')));
  b.set('versionId', 'version_id', toText(field(c, 'version_id')));
  b.set('runtime', 'runtime', toText(field(c, 'runtime')));
  b.set('instanceClass', 'instance_class', toText(field(c, 'instance_class')));

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
    b.set('scalingType', 'automatic_scaling', scalingType);
    const auto = firstBlock(c, 'automatic_scaling');
    b.set(
      'maxConcurrentRequests',
      'automatic_scaling.max_concurrent_requests',
      toNumber(field(auto, 'max_concurrent_requests')),
    );
    b.set('minIdleInstances', 'automatic_scaling.min_idle_instances', toNumber(field(auto, 'min_idle_instances')));
    b.set('maxIdleInstances', 'automatic_scaling.max_idle_instances', toNumber(field(auto, 'max_idle_instances')));
    b.set('minPendingLatency', 'automatic_scaling.min_pending_latency', toSeconds(field(auto, 'min_pending_latency')));
    b.set('maxPendingLatency', 'automatic_scaling.max_pending_latency', toSeconds(field(auto, 'max_pending_latency')));
    const scheduler = firstBlock(auto, 'standard_scheduler_settings');
    b.set(
      'minInstances',
      'automatic_scaling.standard_scheduler_settings.min_instances',
      toNumber(field(scheduler, 'min_instances')),
    );
    b.set(
      'maxInstances',
      'automatic_scaling.standard_scheduler_settings.max_instances',
      toNumber(field(scheduler, 'max_instances')),
    );
    b.set(
      'targetCpuUtilization',
      'automatic_scaling.standard_scheduler_settings.target_cpu_utilization',
      toNumber(field(scheduler, 'target_cpu_utilization')),
    );
    b.set(
      'targetThroughputUtilization',
      'automatic_scaling.standard_scheduler_settings.target_throughput_utilization',
      toNumber(field(scheduler, 'target_throughput_utilization')),
    );
    const basic = firstBlock(c, 'basic_scaling');
    b.set('basicMaxInstances', 'basic_scaling.max_instances', toNumber(field(basic, 'max_instances')));
    b.set('idleTimeout', 'basic_scaling.idle_timeout', toSeconds(field(basic, 'idle_timeout')));
    const manual = firstBlock(c, 'manual_scaling');
    b.set('manualInstances', 'manual_scaling.instances', toNumber(field(manual, 'instances')));
  }

  b.set('inboundServices', 'inbound_services', stringList(field(c, 'inbound_services')));
  const env = field(c, 'env_variables');
  b.set('envNames', 'env_variables', envNames(env));

  const entrypoint = firstBlock(c, 'entrypoint');
  const shell = entrypoint === UNKNOWN ? UNKNOWN : field(entrypoint, 'shell');
  if (shell === UNKNOWN) b.markUnknown('entrypoint.shell', 'server');
  else if (typeof shell === 'string') {
    // Versions mostly share their entrypoint, so with the run's model each distinct one is read once.
    const read = model ? model.memo(readShell, shell, shell) : readShell(shell);
    const webConcurrency =
      read.server === undefined || read.server === UNKNOWN || read.writesWorkers
        ? undefined
        : appEngineWebConcurrency(env);
    if (webConcurrency === undefined) b.set('server', 'entrypoint.shell', read.server);
    else {
      // gunicorn's default worker count comes from WEB_CONCURRENCY; an unreadable one is reported where it is written.
      const attribute = webConcurrency.workers === UNKNOWN ? webConcurrency.attribute : 'entrypoint.shell';
      b.set('server', attribute, withWebConcurrency(read.server as AppEngineServerFacts, webConcurrency));
    }
  }
  return b.build();
}

/** An entrypoint's gunicorn facts, and whether it writes the worker count (else WEB_CONCURRENCY applies). */
interface ShellReading {
  readonly server: AppEngineServerFacts | Unknown | undefined;
  readonly writesWorkers: boolean;
}

function readShell(shell: string): ShellReading {
  const parsed = parseGunicornCommand(shell);
  // A config file (or `--workers $WEB_CONCURRENCY`) sets what the command line does not say.
  if (parsed?.hasExternalConfig) return { server: UNKNOWN, writesWorkers: false };
  return {
    server: serverFactsFromShell(shell),
    writesWorkers: parsed !== undefined && parsed.writesWorkers,
  };
}

function application(r: TfResource): Extract<AppEngineApplicationFacts> {
  const b = new FactBuilder<AppEngineApplicationFacts>();
  b.set('locationId', 'location_id', toText(field(r.config, 'location_id')));
  b.set('databaseType', 'database_type', toText(field(r.config, 'database_type')));
  return b.build();
}

/**
 * The facts of a standard version: the `derive` of the version fact rules, so the engine extracts them once per
 * resource. `model` (the run's) shares the reading of entrypoints that versions repeat.
 */
export function appEngineVersionFacts(r: TfResource, model?: TerraformModel): Extract<AppEngineVersionFacts> {
  return standardVersion(r, model);
}

/** The facts of an application (the `derive` of the application fact rules: extracted once per resource). */
export function appEngineApplicationFacts(r: TfResource): Extract<AppEngineApplicationFacts> {
  return application(r);
}
