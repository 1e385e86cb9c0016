/**
 * Props → the settings of an App Engine standard version: every default applied once (the scaling type, the class,
 * the gunicorn entrypoint with workers from the class, max_concurrent_requests from the server's capacity, warmup),
 * and every value only known at apply time, or set aside from an app.yaml, recorded as unknown by its fact path.
 * @internal
 */
import { CheckLevel } from '../core/levels';
import type { Problems } from '../core/problems';
import { APP_ENGINE_DEFAULT_ENTRYPOINT } from '../platform/app-engine/runtime';
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
import { type AppEngineStandardServiceProps, InboundService } from './standard-service-props';

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
  /**
   * The entrypoint shell command: the one given, rendered from the server profile, or (an app.yaml without one, read
   * as written) App Engine's default command.
   */
  readonly entrypoint: string;
  /** True when the server is read back from an entrypoint command (given, or App Engine's default) rather than a profile. */
  readonly serverFromEntrypoint: boolean;
  readonly server?: ServerFacts;
  readonly maxConcurrentRequests?: number;
  readonly inboundServices?: string[];
  /** An app.yaml without service_account, read as written: the version runs as the App Engine default account. */
  readonly appEngineDefaultAccount: boolean;
  /** What the library would choose differently from an app.yaml read as written (reported, not applied). */
  readonly recommendations: readonly Recommendation[];
  readonly handlers: readonly Handler[];
  /** Basic scaling's idle timeout, written explicitly. */
  readonly idleTimeout?: number;
  /** Fact paths whose value is a token or was set aside. */
  readonly unknown: ReadonlySet<string>;
}

/** A choice the library would make that an app.yaml read as written does not: reported, with the fix. */
export interface Recommendation {
  /** Information, or a warning where what the file leaves out may not work. */
  readonly level: CheckLevel;
  /** The prop it concerns (an app.yaml key is shown in its place). */
  readonly prop: string;
  readonly value: unknown;
  readonly message: string;
  readonly fix: string;
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

  // An app.yaml read as written: nothing derived where the file is silent (see ImportContext.faithful).
  const faithful = context?.faithful === true;
  const recommendations: Recommendation[] = [];
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
  const spec = classUnresolved ? undefined : instanceClassSpec(instanceClass);
  // An app.yaml without an entrypoint, read as written: the provider requires one, so App Engine's own default is
  // written, as the file would run (and judged like any gunicorn command).
  const given =
    props.entrypoint ?? (faithful && props.server === undefined ? APP_ENGINE_DEFAULT_ENTRYPOINT : undefined);
  if (given !== undefined && props.entrypoint === undefined) {
    const profile = Gunicorn.wsgi({ app: 'main:app' })._resolve(spec?.recommendedWorkers ?? 2, problems, 'server');
    recommendations.push({
      level: CheckLevel.WARNING,
      prop: 'entrypoint',
      value: undefined,
      message: `no entrypoint, and the Terraform resource needs one: App Engine's default '${APP_ENGINE_DEFAULT_ENTRYPOINT}' is written. App Engine installs gunicorn itself only for versions without an entrypoint`,
      fix: `add gunicorn to requirements.txt; better, write an entrypoint sized for the instance class such as '${profile.commandLine()}', or set applyRecommendations: true`,
    });
  }
  if (given !== undefined) {
    entrypoint = given;
    const command = isUnresolved(entrypoint) ? undefined : parseGunicornCommand(entrypoint);
    // Without --workers, gunicorn runs WEB_CONCURRENCY workers (App Engine has no image environment), else 1.
    const webConcurrency = props.env?.[GUNICORN_DEFAULTS.webConcurrency];
    server =
      command &&
      serverFactsOf(
        command,
        (command.writesWorkers ? undefined : webConcurrencyWorkers(webConcurrency)) ?? GUNICORN_DEFAULTS.workers,
      );
    // A worker count that only the environment gives, known at apply time, leaves the capacity unknown; a config file
    // (`-c gunicorn.conf.py`) may set workers, threads and timeout, so the whole server.
    const workersUnknown = command !== undefined && !command.writesWorkers && isUnresolved(webConcurrency);
    const serverKnown = !workersUnknown && !command?.hasExternalConfig;
    if (isUnresolved(entrypoint) || command?.hasExternalConfig) unknown.add('server');
    else if (workersUnknown) unknown.add('server.workers');
    if (server && serverKnown && server.workerType !== 'async' && server.workers !== undefined) {
      capacity = server.workers * (server.threads ?? GUNICORN_DEFAULTS.threads);
    }
  } else {
    const profile = props.server ?? Gunicorn.wsgi({ app: 'main:app' });
    const resolved = profile._resolve(spec?.recommendedWorkers ?? 2, problems, 'server');
    entrypoint = resolved.commandLine();
    server = resolved.facts();
    // A worker count only known at apply time (or invalid, already reported) gives no capacity; each such value of
    // the server is unknown, and the rules reading the others still judge them.
    if (resolved.capacityKnown) {
      capacity = Math.min(resolved.capacity, APP_ENGINE_AUTOMATIC.maxConcurrentRequests.max);
    }
    for (const value of resolved.unknownValues) unknown.add(`server.${value}`);
  }

  const isAutomatic = scaling.type === ScalingType.AUTOMATIC;
  const derivedConcurrency = isAutomatic && automatic.maxConcurrentRequests === undefined ? capacity : undefined;
  const maxConcurrentRequests = automatic.maxConcurrentRequests ?? (faithful ? undefined : derivedConcurrency);
  // Below App Engine's default, GAE-SERVER-CAPACITY warns about the same missing setting with the same fix: said once,
  // there (a warning, judged on the Terraform too); the recommendation is for a server that could take more.
  if (
    faithful &&
    derivedConcurrency !== undefined &&
    derivedConcurrency > APP_ENGINE_AUTOMATIC.maxConcurrentRequests.default
  ) {
    recommendations.push({
      level: CheckLevel.INFO,
      prop: 'scaling.maxConcurrentRequests',
      value: undefined,
      message: `max_concurrent_requests is not set, so App Engine sends up to its default of ${APP_ENGINE_AUTOMATIC.maxConcurrentRequests.default} requests to an instance; gunicorn serves ${derivedConcurrency} at once`,
      fix: `set automatic_scaling.max_concurrent_requests: ${derivedConcurrency}, or set applyRecommendations: true`,
    });
  }
  const needsWarmup = isAutomatic && ((automatic.minInstances ?? 0) > 0 || (automatic.minIdleInstances ?? 0) > 0);
  const warmup =
    props.warmup ??
    (props.inboundServices?.includes(InboundService.WARMUP) || (faithful ? undefined : needsWarmup)) ??
    false;
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
    serverFromEntrypoint: given !== undefined,
    server,
    maxConcurrentRequests,
    inboundServices: inboundServicesOf(warmup, props.inboundServices),
    appEngineDefaultAccount: faithful && props.serviceAccount === undefined,
    recommendations,
    handlers: props.handlers ?? [Handler.script('.*')],
    idleTimeout: scaling.basicOptions
      ? (scaling.basicOptions.idleTimeout ?? APP_ENGINE_BASIC.idleTimeoutSeconds.providerDefault)
      : undefined,
    unknown,
  };
}

/** The inbound services written: warmup when on, then the others as given, each once. */
function inboundServicesOf(warmup: boolean, others: readonly string[] | undefined): string[] | undefined {
  const all = [...(warmup ? [APP_ENGINE_WARMUP_SERVICE] : []), ...(others ?? [])];
  const unique = [...new Set(all)];
  return unique.length > 0 ? unique : undefined;
}
