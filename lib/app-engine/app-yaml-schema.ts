/**
 * What the keys of an app.yaml (python3) are: the zod schema, the keys that do nothing or cannot be deployed, the prop
 * each key feeds, and the record of values set aside because they were wrong.
 * @internal
 */
import type { z } from 'zod';
import { memo, zod } from '../core/lazy';
import type { CheckLevel } from '../core/levels';
import { show, type ValidationProblem } from '../core/validation';
import type { AppYamlFinding } from '../platform/app-engine/app-yaml-findings';

export { AppYamlFinding } from '../platform/app-engine/app-yaml-findings';

/** A problem of the file, as a construct problem: the app.yaml key is its prop. */
export function problem(
  level: CheckLevel,
  prop: string,
  value: unknown,
  rule: string,
  fix: string,
  ruleId: AppYamlFinding,
): ValidationProblem {
  return { level, prop, value: show(value), rule, fix, ruleId };
}

/** Keys that have no effect on python3 (second-generation) runtimes, and what to do instead. */
export const NO_EFFECT = {
  threadsafe:
    'python3 apps are presumed threadsafe; set threads in the gunicorn entrypoint (--threads 1 if the app is not threadsafe)',
  libraries: 'list dependencies in requirements.txt',
  api_version: 'remove it; it only applied to python27',
  builtins: 'remove it; it only applied to python27',
  skip_files: 'list the files in .gcloudignore and leave them out of the deployment',
  application: 'set the project on the provider or the construct',
  version: 'pass versionId to fromAppYaml',
  runtime_config: 'remove it; it applies to the flexible environment',
  // gcloud still parses it (googlecloudsdk appinfo.py, ADMIN_CONSOLE); the Admin Console pages were first-generation.
  admin_console: 'remove it; the Admin Console pages it configures were a first-generation feature',
} as const satisfies Readonly<Record<string, string>>;

/** Keys App Engine knows that the Terraform resource cannot carry. */
export const NOT_SUPPORTED = {
  build_env_variables:
    'google_app_engine_standard_app_version has no build environment; remove it or build the app before deploying',
  error_handlers: 'google_app_engine_standard_app_version has no error handlers; serve error pages from the app',
  includes: 'inline the included files into this app.yaml',
  // "Direct VPC egress" (https://cloud.google.com/appengine/docs/standard/vpc-direct-vpc) is configured in app.yaml;
  // google_app_engine_standard_app_version of google provider 6.50 has only vpc_access_connector.
  vpc_access:
    'google_app_engine_standard_app_version has no Direct VPC egress; use vpc_access_connector with a Serverless VPC Access connector, or deploy this version with gcloud',
} as const satisfies Readonly<Record<string, string>>;

/** The keys App Engine reads that are set aside before the schema check: of no effect on python3, or not supported. */
export type PlatformKey = keyof typeof NO_EFFECT | keyof typeof NOT_SUPPORTED;

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
    default_expiration: duration.optional(),
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
export const schemas = memo(buildSchemas);
type Schemas = ReturnType<typeof buildSchemas>;

export type AppYaml = z.infer<Schemas['appYaml']>;
export type HandlerYaml = z.infer<Schemas['handler']>;

/** Every key the schema knows, per object path, for "did you mean" suggestions. */
export function knownKeys(path: readonly PropertyKey[]): string[] {
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

export const keyPath = (path: readonly PropertyKey[]) =>
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
export class SetAside {
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
