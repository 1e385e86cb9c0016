/**
 * A checked app.yaml → {@link AppEngineStandardServiceProps}: app.yaml spellings become the Admin API's (`30ms` →
 * `"0.030s"`, `all-traffic` → `ALL_TRAFFIC`, `secure: always` → `SECURE_ALWAYS`), with the problems only the conversion
 * sees (a second scaling element, a handler of two kinds, a malformed duration).
 *
 * Faithful: what the file says, and nothing it does not. A handler without `secure` keeps App Engine's default
 * (SECURE_DEFAULT), `default_expiration` becomes the expiration of each static handler that sets none (its meaning in
 * the Admin API: "Only applicable if the corresponding StaticFilesHandler does not specify its own expiration time"),
 * inbound services are kept (mail works on python3 with `app_engine_apis: true`: Google's
 * python-docs-samples appengine/standard_python3/bundled-services/mail), and a file without handlers gets none.
 * The library's own choices apply only with `applyRecommendations: true`.
 * @internal
 */
import { parseAppYamlDuration } from '../core/duration';
import { CheckLevel } from '../core/levels';
import type { ValidationProblem } from '../core/validation';
import { APP_ENGINE_BASIC } from '../platform/app-engine/scaling';
import type { AppYamlServiceOptions } from './app-yaml-options';
import { type AppYaml, AppYamlFinding, type HandlerYaml, problem, type SetAside } from './app-yaml-schema';
import { type AuthFailAction, Handler, type HandlerOptions, type Login, SecurityLevel } from './handler';
import type { ImportContext } from './import-context';
import type { InstanceClass } from './instance-class';
import { Scaling } from './scaling';
import { type AppEngineStandardServiceProps, InboundService, VpcConnectorEgress } from './standard-service-props';
import { ownEntry } from '../core/tables';

/** What the caller adds to what app.yaml says: the options of `fromAppYaml` other than the file itself. */
export type AppYamlOverrides = Omit<AppYamlServiceOptions, 'yaml' | 'file'>;

/** The result of reading an app.yaml: props (when usable), and what the constructor must know beyond them. */
export interface AppYamlImport extends ImportContext {
  readonly props?: AppEngineStandardServiceProps;
}

export function convert(
  y: AppYaml,
  source: string,
  o: AppYamlOverrides,
  problems: ValidationProblem[],
  setAside: SetAside,
): AppYamlImport {
  const faithful = o.applyRecommendations !== true;
  const err = (key: string, value: unknown, rule: string, fix: string, id = AppYamlFinding.VALUE) =>
    problems.push(problem(CheckLevel.ERROR, `${source} ${key}`, value, rule, fix, id));
  const warn = (key: string, value: unknown, rule: string, fix: string, id: AppYamlFinding) =>
    problems.push(problem(CheckLevel.WARNING, `${source} ${key}`, value, rule, fix, id));
  const labels: Record<string, string> = {};
  const label = (prop: string, key: string) => {
    labels[prop] = `${source} ${key}`;
  };

  if (y.env !== undefined && y.env !== 'standard') {
    err('env', y.env, 'only the standard environment is supported', "remove 'env' or write 'env: standard'");
  }
  const seconds = (key: string, value: string | number | undefined): number | undefined => {
    if (value === undefined || value === 'automatic') return undefined;
    const s = parseAppYamlDuration(value);
    if (s === undefined) {
      err(key, value, 'not a duration', "write it like '30ms', '1.5s', '10m' or '1h'");
      return undefined;
    }
    return s;
  };

  // Counted as written: a block set aside for a wrong value is still a second scaling element.
  const blocks = (['automatic_scaling', 'basic_scaling', 'manual_scaling'] as const).filter((k) =>
    setAside.written.has(k),
  );
  if (blocks.length > 1) err(blocks.join(', '), blocks, 'only one scaling element may be given', 'keep one of them');
  let scaling: Scaling | undefined;
  if (y.basic_scaling) {
    label('scaling', 'basic_scaling');
    label('scaling.maxInstances', 'basic_scaling.max_instances');
    label('scaling.idleTimeout', 'basic_scaling.idle_timeout');
    const idle = y.basic_scaling.idle_timeout;
    scaling = Scaling.basic({
      maxInstances: y.basic_scaling.max_instances,
      // app.yaml's own default is 5 minutes (the provider's is 900 s): keep the app.yaml meaning.
      idleTimeout:
        idle === undefined
          ? APP_ENGINE_BASIC.idleTimeoutSeconds.appYamlDefault
          : seconds('basic_scaling.idle_timeout', idle),
    });
  } else if (y.manual_scaling) {
    label('scaling', 'manual_scaling');
    label('scaling.instances', 'manual_scaling.instances');
    scaling = Scaling.manual({ instances: y.manual_scaling.instances });
  } else if (y.automatic_scaling) {
    const a = y.automatic_scaling;
    label('scaling', 'automatic_scaling');
    for (const [prop, key] of [
      ['targetCpuUtilization', 'target_cpu_utilization'],
      ['targetThroughputUtilization', 'target_throughput_utilization'],
      ['maxConcurrentRequests', 'max_concurrent_requests'],
      ['maxInstances', 'max_instances'],
      ['minInstances', 'min_instances'],
      ['maxIdleInstances', 'max_idle_instances'],
      ['minIdleInstances', 'min_idle_instances'],
      ['maxPendingLatency', 'max_pending_latency'],
      ['minPendingLatency', 'min_pending_latency'],
    ]) {
      label(`scaling.${prop}`, `automatic_scaling.${key}`);
    }
    scaling = Scaling.automatic({
      targetCpuUtilization: a.target_cpu_utilization,
      targetThroughputUtilization: a.target_throughput_utilization,
      maxConcurrentRequests: a.max_concurrent_requests,
      maxInstances: a.max_instances,
      minInstances: a.min_instances,
      maxIdleInstances: a.max_idle_instances === 'automatic' ? undefined : a.max_idle_instances,
      minIdleInstances: a.min_idle_instances === 'automatic' ? undefined : a.min_idle_instances,
      maxPendingLatency: seconds('automatic_scaling.max_pending_latency', a.max_pending_latency),
      minPendingLatency: seconds('automatic_scaling.min_pending_latency', a.min_pending_latency),
    });
  }

  const { warmup, inboundServices } = inbound(y, warn);
  if (warmup) label('warmup', 'inbound_services');
  if (inboundServices) label('inboundServices', 'inbound_services');

  const defaultExpiration = y.default_expiration === undefined ? undefined : parseExpiration(y.default_expiration);
  if (y.default_expiration !== undefined && defaultExpiration === undefined) {
    err('default_expiration', y.default_expiration, 'not an expiration', "write it like '4d 5h' or '10m'");
  }
  const handlers = y.handlers?.map((h, i) =>
    convertHandler(h, `handlers[${i}]`, { err, warn, setAside, faithful, defaultExpiration, entrypoint: y.entrypoint }),
  );
  label('handlers', 'handlers');

  const env: Record<string, string> | undefined = y.env_variables
    ? Object.fromEntries(Object.entries(y.env_variables).map(([k, v]) => [k, String(v)]))
    : undefined;
  if (env) label('env', 'env_variables');

  label('instanceClass', 'instance_class');
  label('service', 'service');
  label('runtime', 'runtime');
  // Labelled even when the file has none: a finding about the missing key names it.
  label('entrypoint', 'entrypoint');
  label('server', 'entrypoint');
  if (!y.basic_scaling && !y.manual_scaling) {
    label('scaling.maxConcurrentRequests', 'automatic_scaling.max_concurrent_requests');
  }
  label('serviceAccount', 'service_account');

  const props: AppEngineStandardServiceProps = {
    service: o.service ?? y.service,
    versionId: o.versionId,
    project: o.project,
    // A missing runtime is reported above and set aside (its rules are skipped).
    runtime: y.runtime as string,
    deployment: o.deployment,
    instanceClass: y.instance_class as InstanceClass | undefined,
    scaling,
    entrypoint: y.entrypoint,
    env,
    warmup,
    inboundServices,
    serviceAccount: y.service_account,
    appEngineApis: y.app_engine_apis,
    vpcAccessConnector: y.vpc_access_connector
      ? {
          name: y.vpc_access_connector.name,
          egress:
            y.vpc_access_connector.egress_setting === 'all-traffic'
              ? VpcConnectorEgress.ALL_TRAFFIC
              : VpcConnectorEgress.PRIVATE_IP_RANGES,
        }
      : undefined,
    // A file without handlers gets none (App Engine's default handler), unless the library's choices are asked for.
    handlers: handlers ?? (faithful ? [] : undefined),
    requestTimeout: o.requestTimeout,
    backgroundThreads: o.backgroundThreads,
    deleteServiceOnDestroy: o.deleteServiceOnDestroy,
    noopOnDestroy: o.noopOnDestroy,
  };
  return { props, problems, labels, unknownProps: [...setAside.props], faithful };
}

/** The inbound services app.yaml may list, as the Admin API spells them (gcloud appinfo.py `_ALLOWED_SERVICES`). */
const INBOUND_SERVICES: Readonly<Record<string, InboundService>> = {
  mail: InboundService.MAIL,
  mail_bounce: InboundService.MAIL_BOUNCE,
  xmpp_message: InboundService.XMPP_MESSAGE,
  xmpp_subscribe: InboundService.XMPP_SUBSCRIBE,
  xmpp_presence: InboundService.XMPP_PRESENCE,
  xmpp_error: InboundService.XMPP_ERROR,
  channel_presence: InboundService.CHANNEL_PRESENCE,
};
/** Services backed by a legacy bundled service that python3 runtimes still have (with app_engine_apis). */
const BUNDLED: ReadonlySet<string> = new Set(['mail', 'mail_bounce']);

/**
 * The inbound services as written: warmup, then the others in file order. Mail and mail_bounce work on python3 through
 * the bundled Mail service, so they need `app_engine_apis: true`; XMPP and Channel have no second-generation service
 * ("Available legacy bundled services", https://cloud.google.com/appengine/docs/standard/services/overview), so they
 * are kept but have no effect; `rest` has no Admin API value and cannot be written.
 */
function inbound(
  y: AppYaml,
  warn: (key: string, value: unknown, rule: string, fix: string, id: AppYamlFinding) => void,
): { warmup?: boolean; inboundServices?: InboundService[] } {
  let warmup: boolean | undefined;
  const others: InboundService[] = [];
  for (const s of y.inbound_services ?? []) {
    if (s === 'warmup') {
      warmup = true;
      continue;
    }
    const service = ownEntry(INBOUND_SERVICES, s);
    if (service === undefined) {
      warn(
        'inbound_services',
        s,
        `inbound service '${s}' has no Admin API value, so the Terraform resource cannot carry it`,
        'remove it',
        AppYamlFinding.NOT_SUPPORTED,
      );
      continue;
    }
    others.push(service);
    if (BUNDLED.has(s) && y.app_engine_apis !== true) {
      warn(
        'inbound_services',
        s,
        `inbound service '${s}' reaches a python3 app only through the legacy bundled Mail service, which needs app_engine_apis: true`,
        "add 'app_engine_apis: true' (and appengine-python-standard in requirements.txt), or remove it",
        AppYamlFinding.INBOUND_SERVICE,
      );
    } else if (!BUNDLED.has(s)) {
      warn(
        'inbound_services',
        s,
        `inbound service '${s}' has no second-generation bundled service, so it has no effect on python3`,
        'remove it',
        AppYamlFinding.NO_EFFECT,
      );
    }
  }
  return { warmup, inboundServices: others.length > 0 ? others : undefined };
}

/** What converting one handler needs to know about the rest of the file. */
interface HandlerContext {
  readonly err: (key: string, value: unknown, rule: string, fix: string, id?: AppYamlFinding) => void;
  readonly warn: (key: string, value: unknown, rule: string, fix: string, id: AppYamlFinding) => void;
  readonly setAside: SetAside;
  readonly faithful: boolean;
  /** `default_expiration` in seconds, for static handlers without their own. */
  readonly defaultExpiration?: number;
  readonly entrypoint?: string;
}

function convertHandler(h: HandlerYaml, at: string, c: HandlerContext): Handler {
  const { err, setAside } = c;
  const code = h.redirect_http_response_code === undefined ? undefined : Number(h.redirect_http_response_code);
  const options: HandlerOptions = {
    // Unset `secure` is App Engine's SECURE_DEFAULT (GAE-HTTPS warns about plain HTTP); HTTPS-only is the library's.
    securityLevel:
      h.secure === undefined
        ? c.faithful
          ? SecurityLevel.SECURE_DEFAULT
          : SecurityLevel.SECURE_ALWAYS
        : (`SECURE_${h.secure.toUpperCase()}` as SecurityLevel),
    login: h.login === undefined ? undefined : (`LOGIN_${h.login.toUpperCase()}` as Login),
    authFailAction:
      h.auth_fail_action === undefined
        ? undefined
        : (`AUTH_FAIL_ACTION_${h.auth_fail_action.toUpperCase()}` as AuthFailAction),
    redirectHttpResponseCode: code,
  };
  const kinds = [h.script, h.static_dir, h.static_files].filter((k) => k !== undefined).length;
  const kindSetAside = ['script', 'static_dir', 'static_files'].some((k) => setAside.has(`${at}.${k}`));
  if (kinds !== 1 && !(kinds === 0 && kindSetAside))
    err(at, h.url, 'a handler needs exactly one of script, static_dir or static_files', 'keep one of them');
  if (h.script !== undefined && h.script !== 'auto') scriptNotAuto(h.script, at, c);
  const expiration = h.expiration === undefined ? c.defaultExpiration : parseExpiration(h.expiration);
  if (h.expiration !== undefined && expiration === undefined) {
    err(`${at}.expiration`, h.expiration, 'not an expiration', "write it like '4d 5h' or '10m'");
  }
  const statics = {
    expiration,
    httpHeaders: h.http_headers
      ? Object.fromEntries(Object.entries(h.http_headers).map(([k, v]) => [k, String(v)]))
      : undefined,
    mimeType: h.mime_type,
    requireMatchingFile: h.require_matching_file,
    applicationReadable: h.application_readable,
  };
  if (h.static_dir !== undefined) {
    const dir = h.static_dir.replace(/\/+$/, '');
    const url = h.url.replace(/\/+$/, '');
    return Handler.staticFiles(`${url}/(.*)`, {
      ...options,
      ...statics,
      path: `${dir}/\\1`,
      uploadPathRegex: `${escapeRegex(dir)}/.*`,
    });
  }
  if (h.static_files !== undefined) {
    if (h.upload === undefined && !setAside.has(`${at}.upload`))
      err(`${at}.upload`, undefined, 'static_files needs an upload regex', 'add upload: matching the files');
    return Handler.staticFiles(h.url, {
      ...options,
      ...statics,
      path: h.static_files,
      uploadPathRegex: h.upload ?? '',
    });
  }
  return Handler.script(h.url, options);
}

/**
 * A `script:` other than `auto`. "The only accepted value for the script element is auto because all traffic is
 * served using the entrypoint command" ("app.yaml Configuration File", handlers), and the API refuses it without an
 * entrypoint ("script field for handler ... must be set to 'auto' for runtime python38",
 * GoogleCloudPlatform/python-docs-samples issue 5264). With an entrypoint, Google's own catapult dashboard deploys
 * `script: dashboard.dispatcher.APP` on python310: the value is ignored, so it is a warning and written as `auto`.
 */
function scriptNotAuto(script: string, at: string, c: HandlerContext): void {
  if (c.entrypoint === undefined) {
    c.err(
      `${at}.script`,
      script,
      "python3 only accepts 'script: auto' without an entrypoint (the API refuses other values)",
      "write 'script: auto' and route in the app",
      AppYamlFinding.SCRIPT,
    );
    return;
  }
  c.warn(
    `${at}.script`,
    script,
    "python3 ignores a script other than 'auto': the entrypoint serves every request; written as auto",
    "write 'script: auto'",
    AppYamlFinding.SCRIPT,
  );
}

/** app.yaml expiration: space-separated parts such as `4d 5h 30m`. */
function parseExpiration(value: string | number): number | undefined {
  if (typeof value === 'number') return parseAppYamlDuration(value);
  const parts = value.trim().split(/\s+/);
  let total = 0;
  for (const part of parts) {
    const s = parseAppYamlDuration(part);
    if (s === undefined) return undefined;
    total += s;
  }
  return total;
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
