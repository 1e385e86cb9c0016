/**
 * The settings of an App Engine standard version as the platform rules see them, and each fact traced back to the
 * prop (or app.yaml key) it comes from, with the value to show.
 * @internal
 */
import { apiSeconds } from '../core/duration';
import { Derived } from '../core/validation';
import type { AppEngineVersionFacts } from '../platform/app-engine/facts';
import type { PropOfFact } from '../platform/judge';
import type { FactPath, FactSet } from '../platform/rule';
import { DEFAULT_SERVICE_ACCOUNTS, identityOf } from '../platform/service-account';
import { isUnresolved, knownValue } from '../private/cdktf';
import { SecurityLevel } from './handler';
import type { VersionSettings } from './standard-service-settings';

/** The prop each fact comes from. */
export const PROP_OF_FACT: Readonly<Record<keyof AppEngineVersionFacts, string>> = {
  service: 'service',
  versionId: 'versionId',
  project: 'project',
  runtime: 'runtime',
  instanceClass: 'instanceClass',
  scalingType: 'scaling',
  maxConcurrentRequests: 'scaling.maxConcurrentRequests',
  minIdleInstances: 'scaling.minIdleInstances',
  maxIdleInstances: 'scaling.maxIdleInstances',
  minPendingLatency: 'scaling.minPendingLatency',
  maxPendingLatency: 'scaling.maxPendingLatency',
  minInstances: 'scaling.minInstances',
  maxInstances: 'scaling.maxInstances',
  targetCpuUtilization: 'scaling.targetCpuUtilization',
  targetThroughputUtilization: 'scaling.targetThroughputUtilization',
  basicMaxInstances: 'scaling.maxInstances',
  idleTimeout: 'scaling.idleTimeout',
  manualInstances: 'scaling.instances',
  inboundServices: 'warmup',
  envNames: 'env',
  env: 'env',
  entrypoint: 'entrypoint',
  server: 'server',
  handlers: 'handlers',
  deleteServiceOnDestroy: 'deleteServiceOnDestroy',
  deploymentSources: 'deployment',
  serviceAccount: 'serviceAccount',
  requestTimeout: 'requestTimeout',
  warmupRequested: 'handlers',
  serverProfile: 'server',
  ownEntrypoint: 'entrypoint',
  defaultVersionInStack: 'service',
};

const DEDICATED: AppEngineVersionFacts['serviceAccount'] = { isDefault: false };
const APP_ENGINE_DEFAULT: AppEngineVersionFacts['serviceAccount'] = { isDefault: true };

/** The facts of a version. */
export function versionFacts(s: VersionSettings): FactSet<AppEngineVersionFacts> {
  const p = s.given;
  const a = s.automatic;
  const d = p.deployment;
  const facts: AppEngineVersionFacts = {
    service: s.service,
    versionId: p.versionId,
    project: p.project,
    runtime: p.runtime,
    instanceClass: p.instanceClass ?? s.instanceClass,
    scalingType: s.scalingType,
    maxConcurrentRequests: s.maxConcurrentRequests,
    minIdleInstances: a.minIdleInstances,
    maxIdleInstances: a.maxIdleInstances,
    minPendingLatency: a.minPendingLatency,
    maxPendingLatency: a.maxPendingLatency,
    minInstances: a.minInstances,
    maxInstances: a.maxInstances,
    targetCpuUtilization: a.targetCpuUtilization,
    targetThroughputUtilization: a.targetThroughputUtilization,
    basicMaxInstances: s.scaling.basicOptions?.maxInstances,
    // Judged as written: rounded to the nanosecond of the API's durations.
    idleTimeout: s.idleTimeout === undefined || isUnresolved(s.idleTimeout) ? s.idleTimeout : apiSeconds(s.idleTimeout),
    manualInstances: s.scaling.manualOptions?.instances,
    inboundServices: s.inboundServices,
    envNames: p.env ? Object.keys(p.env) : undefined,
    env: p.env
      ? Object.entries(p.env).map(([name, value]) =>
          isUnresolved(value) ? { name, valueFromReference: true } : { name, value },
        )
      : undefined,
    entrypoint: s.entrypoint,
    server: s.server,
    handlers: s.handlers.map((h) => {
      const code = h.options.redirectHttpResponseCode;
      return {
        static: h.staticFilesOptions !== undefined,
        redirectCode: knownValue(code),
        url: h.urlRegex,
        securityLevel: h.options.securityLevel ?? SecurityLevel.SECURE_ALWAYS,
      };
    }),
    deleteServiceOnDestroy: p.deleteServiceOnDestroy,
    // An empty zip URL is no source at all (GAE-DEPLOYMENT); a deployment set aside (wrong shape) is not judged.
    deploymentSources: d === undefined ? undefined : d.zipSourceUrl ? 1 : (d.fileList?.length ?? 0),
    serviceAccount:
      p.serviceAccount !== undefined
        ? identityOf(p.serviceAccount, DEFAULT_SERVICE_ACCOUNTS.appEngine)
        : s.appEngineDefaultAccount
          ? APP_ENGINE_DEFAULT
          : DEDICATED,
    requestTimeout: p.requestTimeout,
    warmupRequested: p.warmup === true ? true : undefined,
    serverProfile: p.server !== undefined ? true : undefined,
    ownEntrypoint: p.entrypoint,
  };
  return { facts, unknown: s.unknown };
}

/** The prop (or app.yaml key) a fact of `s` comes from, and the value to show in a message. */
export function versionProp(s: VersionSettings, fact: FactPath<AppEngineVersionFacts>): PropOfFact {
  const [root, item, detail] = fact.split('.') as [keyof AppEngineVersionFacts, string?, string?];
  if (root === 'handlers' && item !== undefined) return handlerProp(s, Number(item), detail);
  if ((root === 'env' || root === 'envNames') && item !== undefined) return envProp(s, Number(item));
  // A gunicorn command written as the entrypoint is judged as the entrypoint.
  const prop = root === 'server' && s.serverFromEntrypoint ? 'entrypoint' : PROP_OF_FACT[root];
  return { prop: s.labels[prop] ?? prop, value: shown(s, root) };
}

/** Variable `i` of the env map: `env.NAME` of the props, or `env_variables.NAME` of the app.yaml, with its value. */
function envProp(s: VersionSettings, i: number): PropOfFact {
  const env = s.given.env ?? {};
  const name = Object.keys(env)[i];
  return { prop: `${s.labels.env ?? 'env'}.${name}`, value: env[name] };
}

/** The app.yaml keys of the handler options the rules judge. */
const HANDLER_KEYS: Readonly<Record<string, string>> = {
  securityLevel: 'secure',
  redirectCode: 'redirect_http_response_code',
};

/**
 * One option of handler `i` (`detail`: `securityLevel` or `redirectCode`): `handlers.1.securityLevel` of the props, or
 * `handlers[1].secure` of the app.yaml it was imported from, with the value written there (unset when it was not).
 */
function handlerProp(s: VersionSettings, i: number, detail: string | undefined): PropOfFact {
  const options = s.handlers[i].options;
  const option = detail === 'redirectCode' ? 'redirectHttpResponseCode' : 'securityLevel';
  const label = s.labels.handlers;
  return {
    prop: label === undefined ? `handlers.${i}.${option}` : `${label}[${i}].${HANDLER_KEYS[detail ?? 'securityLevel']}`,
    value: options[option],
  };
}

function shown(s: VersionSettings, root: keyof AppEngineVersionFacts): unknown {
  const p = s.given;
  switch (root) {
    case 'scalingType':
      return s.scaling.type;
    case 'instanceClass':
      return p.instanceClass ?? `${s.instanceClass} (the default for ${s.scaling.type} scaling)`;
    case 'inboundServices':
      return p.warmup;
    case 'envNames':
    case 'env':
      return p.env;
    case 'server':
      return p.entrypoint ?? s.entrypoint;
    case 'handlers':
    case 'warmupRequested':
      return new Derived(`${s.handlers.length} handler(s)`);
    case 'serviceAccount':
      return p.serviceAccount;
    case 'idleTimeout':
      return s.idleTimeout; // as given (the fact is rounded to what the API receives)
    case 'deploymentSources':
      return p.deployment.zipSourceUrl !== undefined
        ? p.deployment.zipSourceUrl
        : new Derived(JSON.stringify(p.deployment.fileList ?? []));
    default:
      return versionFacts(s).facts[root];
  }
}
