/**
 * Props → the settings of an App Engine standard version: every default applied once (the scaling type, the class,
 * the gunicorn entrypoint with workers from the class, max_concurrent_requests from the server's capacity, warmup),
 * and every value only known at apply time, or set aside from an app.yaml, recorded as unknown by its fact path.
 * @internal
 */
import type { Problems } from '../core/problems';
import { type AppEngineScalingType, SCALING_FACTS } from '../platform/app-engine/facts';
import { effectiveInstanceClass, instanceClassSpec } from '../platform/app-engine/instance-classes';
import { APP_ENGINE_AUTOMATIC, APP_ENGINE_BASIC } from '../platform/app-engine/scaling';
import { APP_ENGINE_DEFAULT_SERVICE } from '../platform/app-engine/service';
import { APP_ENGINE_WARMUP_SERVICE } from '../platform/app-engine/warmup';
import { GUNICORN_DEFAULTS, type ServerFacts, webConcurrencyWorkers } from '../platform/python/server';
import { isUnresolved } from '../private/cdktf';
import { Gunicorn } from '../python/gunicorn';
import { parseGunicornCommand, serverFactsOf } from '../python/gunicorn-command';
import { Handler } from './handler';
import type { ImportContext } from './import-context';
import { type AutomaticScalingOptions, Scaling, ScalingType } from './scaling';
import type { AppEngineStandardServiceProps } from './standard-service-props';

/** An App Engine standard version with every setting resolved. */
export interface VersionSettings {
  /** The props as given, for showing values in messages. */
  readonly given: AppEngineStandardServiceProps;
  /** app.yaml key names for props, when the props were read from an app.yaml. */
  readonly labels: Readonly<Record<string, string>>;
  readonly service: string;
  readonly scaling: Scaling;
  readonly scalingType: AppEngineScalingType;
  readonly automatic: AutomaticScalingOptions;
  /** The class written, or the default of the scaling type (a token as given). */
  readonly instanceClass: string;
  /** The entrypoint shell command: the one given, or rendered from the server profile. */
  readonly entrypoint: string;
  readonly server?: ServerFacts;
  readonly maxConcurrentRequests?: number;
  readonly inboundServices?: string[];
  readonly handlers: readonly Handler[];
  /** Basic scaling's idle timeout, written explicitly. */
  readonly idleTimeout?: number;
  /** Fact paths whose value is a token or was set aside. */
  readonly unknown: ReadonlySet<string>;
}

/** The facts each prop feeds, for props an app.yaml set aside. */
const FACTS_OF_PROP: Readonly<Record<string, readonly string[]>> = {
  service: ['service'],
  versionId: ['versionId'],
  runtime: ['runtime'],
  instanceClass: ['instanceClass'],
  scaling: SCALING_FACTS,
  entrypoint: ['entrypoint', 'ownEntrypoint', 'server'],
  env: ['envNames'],
  warmup: ['inboundServices', 'warmupRequested'],
  handlers: ['handlers'],
  serviceAccount: ['serviceAccount'],
};

/** The fact names of scaling options (`scaling.maxInstances` feeds `maxInstances` or `basicMaxInstances`). */
const SCALING_OPTION_FACTS: Readonly<Record<string, readonly string[]>> = {
  maxInstances: ['maxInstances', 'basicMaxInstances'],
  instances: ['manualInstances'],
};

/** Resolves the props of a version; problems of the server profile go to `problems`. */
export function resolveVersion(
  props: AppEngineStandardServiceProps,
  context: ImportContext | undefined,
  problems: Problems,
): VersionSettings {
  const unknown = new Set<string>();
  const mark = (fact: string, value: unknown) => {
    if (isUnresolved(value)) unknown.add(fact);
  };
  // Props whose app.yaml value was wrong or misspelt (already reported): unknown, like tokens.
  for (const prop of context?.unknownProps ?? []) {
    const [root, option] = prop.split('.');
    for (const fact of option ? (SCALING_OPTION_FACTS[option] ?? [option]) : (FACTS_OF_PROP[root] ?? [])) {
      unknown.add(fact);
    }
  }

  const scaling = props.scaling ?? Scaling.automatic();
  const automatic = scaling.automaticOptions ?? {};
  const scalingType = scaling._platformType;
  const classUnresolved = isUnresolved(props.instanceClass);
  const instanceClass = classUnresolved
    ? (props.instanceClass as string)
    : effectiveInstanceClass({ instanceClass: props.instanceClass, scalingType });

  // The entrypoint: the command given (a gunicorn one is read back), or the profile with workers from the class.
  let entrypoint: string;
  let server: ServerFacts | undefined;
  let capacity: number | undefined;
  if (props.entrypoint !== undefined) {
    entrypoint = props.entrypoint;
    const command = isUnresolved(entrypoint) ? undefined : parseGunicornCommand(entrypoint);
    // Without --workers, gunicorn runs WEB_CONCURRENCY workers (App Engine has no image environment), else 1.
    const webConcurrency = props.env?.[GUNICORN_DEFAULTS.webConcurrency];
    server =
      command &&
      serverFactsOf(
        command,
        (command.writesWorkers ? undefined : webConcurrencyWorkers(webConcurrency)) ?? GUNICORN_DEFAULTS.workers,
      );
    // A worker count that only the environment gives, known at apply time, leaves nothing to derive or judge.
    const serverKnown = !(command && !command.writesWorkers && isUnresolved(webConcurrency));
    if (isUnresolved(entrypoint) || !serverKnown) unknown.add('server');
    if (server && serverKnown && server.workerType !== 'async' && server.workers !== undefined) {
      capacity = server.workers * (server.threads ?? GUNICORN_DEFAULTS.threads);
    }
  } else {
    const spec = classUnresolved ? undefined : instanceClassSpec(instanceClass);
    const profile = props.server ?? Gunicorn.wsgi({ app: 'main:app' });
    const resolved = profile._resolve(spec?.recommendedWorkers ?? 2, problems, 'server');
    entrypoint = resolved.commandLine();
    server = resolved.facts();
    // A worker count only known at apply time (or an invalid profile, already reported) gives no capacity.
    if (resolved.known) capacity = Math.min(resolved.capacity, APP_ENGINE_AUTOMATIC.maxConcurrentRequests.max);
    else unknown.add('server');
  }

  const isAutomatic = scaling.type === ScalingType.AUTOMATIC;
  const maxConcurrentRequests = automatic.maxConcurrentRequests ?? (isAutomatic ? capacity : undefined);
  const warmup =
    props.warmup ?? (isAutomatic && ((automatic.minInstances ?? 0) > 0 || (automatic.minIdleInstances ?? 0) > 0));
  const service = props.service ?? APP_ENGINE_DEFAULT_SERVICE;

  mark('service', service);
  mark('versionId', props.versionId);
  mark('project', props.project);
  mark('runtime', props.runtime);
  mark('instanceClass', props.instanceClass);
  mark('maxConcurrentRequests', maxConcurrentRequests);
  mark('minIdleInstances', automatic.minIdleInstances);
  mark('maxIdleInstances', automatic.maxIdleInstances);
  mark('minPendingLatency', automatic.minPendingLatency);
  mark('maxPendingLatency', automatic.maxPendingLatency);
  mark('minInstances', automatic.minInstances);
  mark('maxInstances', automatic.maxInstances);
  mark('targetCpuUtilization', automatic.targetCpuUtilization);
  mark('targetThroughputUtilization', automatic.targetThroughputUtilization);
  mark('basicMaxInstances', scaling.basicOptions?.maxInstances);
  mark('idleTimeout', scaling.basicOptions?.idleTimeout);
  mark('manualInstances', scaling.manualOptions?.instances);
  mark('envNames', props.env && Object.keys(props.env));
  mark('entrypoint', props.entrypoint);
  mark('requestTimeout', props.requestTimeout);
  mark('serviceAccount', props.serviceAccount);

  return {
    given: props,
    labels: context?.labels ?? {},
    service,
    scaling,
    scalingType,
    automatic,
    instanceClass,
    entrypoint,
    server,
    maxConcurrentRequests,
    inboundServices: warmup ? [APP_ENGINE_WARMUP_SERVICE] : undefined,
    handlers: props.handlers ?? [Handler.script('.*')],
    idleTimeout: scaling.basicOptions
      ? (scaling.basicOptions.idleTimeout ?? APP_ENGINE_BASIC.idleTimeoutSeconds.providerDefault)
      : undefined,
    unknown,
  };
}
