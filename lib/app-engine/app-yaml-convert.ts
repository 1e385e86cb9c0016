/**
 * A checked app.yaml → {@link AppEngineStandardServiceProps}: app.yaml spellings become the Admin API's (`30ms` →
 * `"0.030s"`, `all-traffic` → `ALL_TRAFFIC`, `secure: always` → `SECURE_ALWAYS`), with the problems only the conversion
 * sees (a second scaling element, a handler of two kinds, a malformed duration).
 * @internal
 */
import { parseAppYamlDuration } from '../core/duration';
import { CheckLevel } from '../core/levels';
import type { ValidationProblem } from '../core/validation';
import { APP_ENGINE_BASIC } from '../platform/app-engine/scaling';
import type { AppYamlServiceOptions } from './app-yaml-options';
import { type AppYaml, type HandlerYaml, problem, type SetAside } from './app-yaml-schema';
import { type AuthFailAction, Handler, type HandlerOptions, type Login, SecurityLevel } from './handler';
import type { ImportContext } from './import-context';
import type { InstanceClass } from './instance-class';
import { Scaling } from './scaling';
import { type AppEngineStandardServiceProps, VpcConnectorEgress } from './standard-service-props';

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
  const err = (key: string, value: unknown, rule: string, fix: string) =>
    problems.push(problem(CheckLevel.ERROR, `${source} ${key}`, value, rule, fix));
  const warn = (key: string, value: unknown, rule: string, fix: string) =>
    problems.push(problem(CheckLevel.WARNING, `${source} ${key}`, value, rule, fix));
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

  let warmup: boolean | undefined;
  for (const s of y.inbound_services ?? []) {
    if (s === 'warmup') warmup = true;
    else
      warn(
        'inbound_services',
        s,
        `inbound service '${s}' is a legacy bundled service with no effect on python3`,
        'remove it',
      );
  }
  if (warmup) label('warmup', 'inbound_services');

  const handlers = y.handlers?.map((h, i) => convertHandler(h, `handlers[${i}]`, err, setAside));
  if (handlers) label('handlers', 'handlers');

  const env: Record<string, string> | undefined = y.env_variables
    ? Object.fromEntries(Object.entries(y.env_variables).map(([k, v]) => [k, String(v)]))
    : undefined;
  if (env) label('env', 'env_variables');

  label('instanceClass', 'instance_class');
  label('service', 'service');
  label('runtime', 'runtime');
  if (y.entrypoint !== undefined) label('entrypoint', 'entrypoint');
  if (y.service_account !== undefined) label('serviceAccount', 'service_account');

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
    handlers,
    requestTimeout: o.requestTimeout,
    backgroundThreads: o.backgroundThreads,
    deleteServiceOnDestroy: o.deleteServiceOnDestroy,
    noopOnDestroy: o.noopOnDestroy,
  };
  return { props, problems, labels, unknownProps: [...setAside.props] };
}

function convertHandler(
  h: HandlerYaml,
  at: string,
  err: (key: string, value: unknown, rule: string, fix: string) => void,
  setAside: SetAside,
): Handler {
  const code = h.redirect_http_response_code === undefined ? undefined : Number(h.redirect_http_response_code);
  const options: HandlerOptions = {
    securityLevel:
      h.secure === undefined ? SecurityLevel.SECURE_ALWAYS : (`SECURE_${h.secure.toUpperCase()}` as SecurityLevel),
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
  if (h.script !== undefined && h.script !== 'auto') {
    err(`${at}.script`, h.script, "python3 only accepts 'script: auto'", "write 'script: auto' and route in the app");
  }
  const expiration = h.expiration === undefined ? undefined : parseExpiration(h.expiration);
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
