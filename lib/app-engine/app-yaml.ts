/**
 * Reads an app.yaml (python3 runtimes) into {@link AppEngineStandardServiceProps}: app.yaml spellings become the Admin
 * API's (`30ms` → `"0.030s"`, `all-traffic` → `ALL_TRAFFIC`, `secure: always` → `SECURE_ALWAYS`), and every unknown,
 * misspelt or ineffective key is reported by name.
 * @internal
 */
import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { parseAppYamlDuration } from '../core/duration';
import { memo, yaml, zod } from '../core/lazy';
import { CheckLevel } from '../core/levels';
import { valueAt } from '../core/props';
import { closest, escapeTemplates } from '../core/text';
import { Derived, show, type ValidationProblem } from '../core/validation';
import { APP_ENGINE_BASIC } from '../platform/app-engine/scaling';
import type { AppYamlServiceOptions } from './app-yaml-options';
import { type AuthFailAction, Handler, type HandlerOptions, type Login, SecurityLevel } from './handler';
import type { ImportContext } from './import-context';
import type { InstanceClass } from './instance-class';
import { Scaling } from './scaling';
import { type AppEngineStandardServiceProps, VpcConnectorEgress } from './standard-service-props';

/** A problem of the file, as a construct problem: the app.yaml key is its prop. */
function problem(level: CheckLevel, prop: string, value: unknown, rule: string, fix: string): ValidationProblem {
  return { level, prop, value: show(value), rule, fix };
}

/** Keys that have no effect on python3 (second-generation) runtimes, and what to do instead. */
const NO_EFFECT: Readonly<Record<string, string>> = {
  threadsafe:
    'python3 apps are presumed threadsafe; set threads in the gunicorn entrypoint (--threads 1 if the app is not threadsafe)',
  libraries: 'list dependencies in requirements.txt',
  api_version: 'remove it; it only applied to python27',
  builtins: 'remove it; it only applied to python27',
  skip_files: 'list the files in .gcloudignore and leave them out of the deployment',
  application: 'set the project on the provider or the construct',
  version: 'pass versionId to fromAppYaml',
  runtime_config: 'remove it; it applies to the flexible environment',
};

/** Keys App Engine knows that the Terraform resource cannot carry. */
const NOT_SUPPORTED: Readonly<Record<string, string>> = {
  build_env_variables:
    'google_app_engine_standard_app_version has no build environment; remove it or build the app before deploying',
  error_handlers: 'google_app_engine_standard_app_version has no error handlers; serve error pages from the app',
  default_expiration: 'set expiration on each static handler',
  includes: 'inline the included files into this app.yaml',
};

/** The app.yaml schema (python3 keys), built on first use: zod loads lazily. */
const buildSchemas = () => {
  const z = zod();
  const duration = z.union([z.string(), z.number()]);
  const automaticOrNumber = z.union([z.literal('automatic'), z.number()]);
  const automaticOrDuration = z.union([z.literal('automatic'), duration]);

  const handlerSchema = z.strictObject({
    url: z.string(),
    script: z.string().optional(),
    static_dir: z.string().optional(),
    static_files: z.string().optional(),
    upload: z.string().optional(),
    secure: z.enum(['always', 'optional', 'never', 'default']).optional(),
    login: z.enum(['optional', 'required', 'admin']).optional(),
    auth_fail_action: z.enum(['redirect', 'unauthorized']).optional(),
    redirect_http_response_code: z.union([z.number(), z.string()]).optional(),
    expiration: duration.optional(),
    http_headers: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
    mime_type: z.string().optional(),
    require_matching_file: z.boolean().optional(),
    application_readable: z.boolean().optional(),
  });

  const appYamlSchema = z.strictObject({
    // Required, but checked by readAppYaml so that a missing runtime does not stop the rest of the file being checked.
    runtime: z.string().optional(),
    env: z.string().optional(),
    service: z.string().optional(),
    instance_class: z.string().optional(),
    entrypoint: z.string().optional(),
    service_account: z.string().optional(),
    app_engine_apis: z.boolean().optional(),
    env_variables: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
    inbound_services: z.array(z.string()).optional(),
    handlers: z.array(handlerSchema).optional(),
    vpc_access_connector: z
      .strictObject({ name: z.string(), egress_setting: z.enum(['all-traffic', 'private-ranges-only']).optional() })
      .optional(),
    automatic_scaling: z
      .strictObject({
        target_cpu_utilization: z.number().optional(),
        target_throughput_utilization: z.number().optional(),
        max_concurrent_requests: z.number().optional(),
        max_instances: z.number().optional(),
        min_instances: z.number().optional(),
        max_idle_instances: automaticOrNumber.optional(),
        min_idle_instances: automaticOrNumber.optional(),
        max_pending_latency: automaticOrDuration.optional(),
        min_pending_latency: automaticOrDuration.optional(),
      })
      .optional(),
    basic_scaling: z.strictObject({ max_instances: z.number(), idle_timeout: duration.optional() }).optional(),
    manual_scaling: z.strictObject({ instances: z.number() }).optional(),
  });
  return { handler: handlerSchema, appYaml: appYamlSchema };
};
const schemas = memo(buildSchemas);
type Schemas = ReturnType<typeof buildSchemas>;

type AppYaml = z.infer<Schemas['appYaml']>;
type HandlerYaml = z.infer<Schemas['handler']>;

/** Every key the schema knows, per object path, for "did you mean" suggestions. */
function knownKeys(path: readonly PropertyKey[]): string[] {
  const p = path.filter((k) => typeof k === 'string');
  const { appYaml: appYamlSchema, handler: handlerSchema } = schemas();
  const shapes: Record<string, z.ZodObject> = {
    '': appYamlSchema,
    handlers: handlerSchema,
    automatic_scaling: appYamlSchema.shape.automatic_scaling.unwrap(),
    basic_scaling: appYamlSchema.shape.basic_scaling.unwrap(),
    manual_scaling: appYamlSchema.shape.manual_scaling.unwrap(),
    vpc_access_connector: appYamlSchema.shape.vpc_access_connector.unwrap(),
  };
  const shape = shapes[p.join('.')];
  return shape ? Object.keys(shape.shape) : [];
}

const keyPath = (path: readonly PropertyKey[]) =>
  path.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? String(k) : `.${String(k)}`)).join('');

/** app.yaml keys → the prop whose facts the platform rules read (nested keys not listed fall back to their block). */
const KEY_PROPS: Readonly<Record<string, string>> = {
  runtime: 'runtime',
  service: 'service',
  instance_class: 'instanceClass',
  entrypoint: 'entrypoint',
  env_variables: 'env',
  inbound_services: 'warmup',
  handlers: 'handlers',
  automatic_scaling: 'scaling',
  basic_scaling: 'scaling',
  manual_scaling: 'scaling',
  'automatic_scaling.target_cpu_utilization': 'scaling.targetCpuUtilization',
  'automatic_scaling.target_throughput_utilization': 'scaling.targetThroughputUtilization',
  'automatic_scaling.max_concurrent_requests': 'scaling.maxConcurrentRequests',
  'automatic_scaling.max_instances': 'scaling.maxInstances',
  'automatic_scaling.min_instances': 'scaling.minInstances',
  'automatic_scaling.max_idle_instances': 'scaling.maxIdleInstances',
  'automatic_scaling.min_idle_instances': 'scaling.minIdleInstances',
  'automatic_scaling.max_pending_latency': 'scaling.maxPendingLatency',
  'automatic_scaling.min_pending_latency': 'scaling.minPendingLatency',
  'basic_scaling.idle_timeout': 'scaling.idleTimeout',
};

function propOf(path: readonly PropertyKey[]): string | undefined {
  const keys = path.filter((k) => typeof k === 'string');
  return KEY_PROPS[keys.slice(0, 2).join('.')] ?? KEY_PROPS[keys[0] ?? ''];
}

/**
 * The app.yaml values set aside because they were wrong or misspelt (already reported): their key paths for the
 * conversion's own checks, and their props for the construct's rules.
 */
class SetAside {
  readonly keys = new Set<string>();
  readonly props = new Set<string>();

  /** @param written the top-level keys of the file as written, for checks on what the user gave */
  constructor(readonly written: ReadonlySet<string>) {}

  add(path: readonly PropertyKey[]): void {
    this.keys.add(keyPath(path));
    const prop = propOf(path);
    if (prop) this.props.add(prop);
  }

  has(key: string): boolean {
    return this.keys.has(key);
  }
}

/**
 * Sets the value at `path` aside. An environment variable keeps its name (its value as JSON text) so that every name
 * is still checked; anything else is removed and its prop becomes unknown.
 */
function setValueAside(root: Record<string, unknown>, path: readonly PropertyKey[], setAside: SetAside): void {
  const parent = valueAt(root, path.slice(0, -1));
  const last = path[path.length - 1];
  if (path.length === 2 && path[0] === 'env_variables' && parent !== null && typeof parent === 'object') {
    (parent as Record<PropertyKey, unknown>)[last] = JSON.stringify((parent as Record<PropertyKey, unknown>)[last]);
    return;
  }
  setAside.add(path);
  remove(root, path);
}

function remove(root: Record<string, unknown>, path: readonly PropertyKey[]): void {
  if (path.length === 0) return;
  const parent = valueAt(root, path.slice(0, -1));
  if (parent === null || typeof parent !== 'object') return;
  delete (parent as Record<PropertyKey, unknown>)[path[path.length - 1]];
}

/** What the caller adds to what app.yaml says: the options of `fromAppYaml` other than the file itself. */
export type AppYamlOverrides = Omit<AppYamlServiceOptions, 'yaml' | 'file'>;

/** The result of reading an app.yaml: props (when usable), and what the constructor must know beyond them. */
export interface AppYamlImport extends ImportContext {
  readonly props?: AppEngineStandardServiceProps;
}

/** Reads app.yaml text or a file. `source` names it in messages. */
export function readAppYaml(input: { yaml?: string; file?: string }, overrides: AppYamlOverrides): AppYamlImport {
  const problems: ValidationProblem[] = [];
  const fail = (prop: string, value: unknown, rule: string, fix: string): AppYamlImport => {
    problems.push(problem(CheckLevel.ERROR, prop, value, rule, fix));
    return { problems, labels: {}, unknownProps: [] };
  };
  if ((input.yaml === undefined) === (input.file === undefined)) {
    return fail(
      'yaml, file',
      new Derived(input.yaml === undefined ? 'neither given' : 'both given'),
      'fromAppYaml needs exactly one of yaml (the text) or file (a path)',
      'pass one of them',
    );
  }
  const source = input.file ?? 'app.yaml';
  let text = input.yaml ?? '';
  if (input.file !== undefined) {
    try {
      text = readFileSync(input.file, 'utf8');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      return fail(
        'file',
        input.file,
        `cannot read the app.yaml file (${code === 'ENOENT' ? 'no such file' : (code ?? String(e))})`,
        'pass the path of an existing app.yaml',
      );
    }
  }
  const doc = yaml().parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    for (const err of doc.errors) {
      const line = err.linePos?.[0];
      problems.push(
        problem(
          CheckLevel.ERROR,
          source,
          new Derived(line ? `line ${line.line}, column ${line.col}` : 'the text'),
          `malformed YAML: ${err.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`,
          'fix the YAML syntax',
        ),
      );
    }
    return { problems, labels: {}, unknownProps: [] };
  }
  // Strings go into Terraform JSON, where `${` and `%{` start templates; in app.yaml they are plain text (`${PORT}` in
  // a shell entrypoint), so they are escaped as Terraform's literal forms. YAML cannot hold cdktf tokens.
  const data: unknown = escapeTemplates(doc.toJS());
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return fail(
      source,
      data,
      'an app.yaml must be a mapping of keys such as runtime and entrypoint',
      'write the keys at the top level',
    );
  }
  const record = { ...(data as Record<string, unknown>) };

  // Keys that do nothing on python3, or that the Terraform resource cannot carry: reported by name, then set aside.
  for (const [key, fix] of Object.entries(NO_EFFECT)) {
    if (key in record) {
      problems.push(
        problem(CheckLevel.WARNING, `${source} ${key}`, record[key], `'${key}' has no effect on python3 runtimes`, fix),
      );
      delete record[key];
    }
  }
  for (const [key, fix] of Object.entries(NOT_SUPPORTED)) {
    if (key in record) {
      problems.push(
        problem(
          CheckLevel.ERROR,
          `${source} ${key}`,
          record[key],
          `'${key}' cannot be deployed through Terraform`,
          fix,
        ),
      );
      delete record[key];
    }
  }

  // Check the whole file in one go: report every schema issue, set the offending values aside and go on with the
  // rest, so that unknown keys, wrong types and the platform rules of what remains are all reported at once.
  const setAside = new SetAside(new Set(Object.keys(record)));
  let parsed = schemas().appYaml.safeParse(record);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys) {
          const suggestion = closest(key, knownKeys(issue.path), Math.max(1, Math.floor(key.length / 3)));
          problems.push(
            problem(
              CheckLevel.ERROR,
              `${source} ${keyPath([...issue.path, key])}`,
              valueAt(record, [...issue.path, key]),
              `unknown key '${key}'`,
              suggestion ? `did you mean '${suggestion}'?` : 'remove it or fix its spelling',
            ),
          );
          remove(record, [...issue.path, key]);
          // A misspelling of a key that is not there: what the user meant for that key is not known.
          if (suggestion && valueAt(record, [...issue.path, suggestion]) === undefined) {
            setAside.add([...issue.path, suggestion]);
          }
        }
        continue;
      }
      const at = keyPath(issue.path) || 'the file';
      const value = valueAt(record, issue.path);
      problems.push(
        problem(
          CheckLevel.ERROR,
          `${source} ${at}`,
          value,
          value === undefined ? `'${at}' is required` : `wrong value: ${issue.message}`,
          'write it as the app.yaml reference documents',
        ),
      );
      setValueAside(record, issue.path, setAside);
    }
    // What is left may still fail because of what was taken out (a block without its required key, a list with a
    // hole): already reported, so set the whole top-level key aside without reporting it again.
    for (let pass = 0; pass < 3; pass++) {
      parsed = schemas().appYaml.safeParse(record);
      if (parsed.success) break;
      for (const issue of parsed.error.issues) {
        const top = issue.path.slice(0, 1);
        setAside.add(top);
        remove(record, top);
      }
    }
    if (!parsed.success) return { problems, labels: {}, unknownProps: [] };
  }
  if (parsed.data.runtime === undefined && !setAside.has('runtime')) {
    problems.push(
      problem(
        CheckLevel.ERROR,
        `${source} runtime`,
        undefined,
        "'runtime' is required",
        "add e.g. 'runtime: python312'",
      ),
    );
    setAside.add(['runtime']);
  }
  return convert(parsed.data, source, overrides, problems, setAside);
}

function convert(
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
