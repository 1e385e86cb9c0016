/**
 * From App Engine standard to Cloud Run: what each app.yaml setting becomes, Google's published mappings, and the
 * findings of a migration (`CloudRunService.fromAppYaml`, `cdktf-gcp-serverless migrate`), each a rule with an id so
 * that suppressions, the reports and the synth summary treat them like any other finding.
 *
 * Sources: "Compare App Engine and Cloud Run" (https://cloud.google.com/appengine/migration-center/run/compare-gae-with-run);
 * Google's migration tool, `gcloud beta app migrate-to-run` (googlecloudsdk/command_lib/app/gae_to_cr_migration_util/
 * translation_rules: cpu_memory.py, concurrent_requests.py, timeout.py, scaling.py) and its predecessor
 * GoogleCloudPlatform/app2run (app2run/config/features.yaml).
 */
import { CheckLevel } from '../core/levels';
import { formatMiB } from '../core/quantity';
import { instanceClassSpec } from './app-engine/instance-classes';
import { ResourceKind } from './kinds';
import { Pack, type RuleMeta } from './rule';

const CONSTRUCT = [ResourceKind.CONSTRUCT];
const COMPARE =
  '"Compare App Engine and Cloud Run", https://cloud.google.com/appengine/migration-center/run/compare-gae-with-run';

/** The findings of a migration from app.yaml to Cloud Run. */
export enum MigrationFinding {
  /** An app.yaml key written as its Cloud Run equivalent. */
  MAPPED = 'MIGRATE-MAPPED',
  /** What App Engine does where the file is silent, written explicitly (concurrency 10, F1, the 10-minute deadline). */
  DEFAULT = 'MIGRATE-DEFAULT',
  /** The entrypoint: through the Gunicorn model, or kept as a shell command. */
  ENTRYPOINT = 'MIGRATE-ENTRYPOINT',
  /** An app.yaml key that has no Cloud Run equivalent, with what to do instead. */
  NOT_APPLICABLE = 'MIGRATE-NOT-APPLICABLE',
  /** Something the file configures that the migration cannot write: a step left to the user. */
  MANUAL_STEP = 'MIGRATE-MANUAL-STEP',
  /** Static file handlers: Cloud Run serves no files itself. */
  STATIC_FILES = 'MIGRATE-STATIC-FILES',
  /** `login: required|admin`: Cloud Run has no per-URL sign-in. */
  LOGIN = 'MIGRATE-LOGIN',
  /** App Engine served anyone; the migrated service is public too. */
  PUBLIC = 'MIGRATE-PUBLIC',
  /** No service_account: App Engine's default account is replaced by a dedicated one without roles. */
  SERVICE_ACCOUNT = 'MIGRATE-SERVICE-ACCOUNT',
  /** Warmup requests become a startup probe on /_ah/warmup (an assumption). */
  WARMUP = 'MIGRATE-WARMUP',
  /** Basic and manual scaling allow 24-hour requests; Cloud Run at most 60 minutes. */
  REQUEST_TIMEOUT = 'MIGRATE-REQUEST-TIMEOUT',
  /** Legacy bundled services (app_engine_apis, mail) do not exist on Cloud Run. */
  BUNDLED_SERVICES = 'MIGRATE-BUNDLED-SERVICES',
}

const rule = (
  id: MigrationFinding,
  level: CheckLevel,
  title: string,
  explanation: string,
  source: string,
  pack = Pack.PLATFORM,
): RuleMeta => ({
  id,
  pack,
  level,
  suppressible: level !== CheckLevel.ERROR,
  appliesTo: CONSTRUCT,
  title,
  explanation,
  source,
});

/** Every migration finding, described (the registry lists them with the other rules). */
export const MIGRATION_RULES: readonly RuleMeta[] = [
  rule(
    MigrationFinding.MAPPED,
    CheckLevel.INFO,
    'An app.yaml setting is written as its Cloud Run equivalent',
    'instance_class becomes cpu and memory, scaling becomes min/max instances and concurrency, env_variables, service_account and vpc_access_connector carry over; the report says what each became.',
    `${COMPARE}; googlecloudsdk command_lib/app/gae_to_cr_migration_util/translation_rules (gcloud beta app migrate-to-run); "Invoke with an HTTPS request" (HTTP to HTTPS redirects), https://cloud.google.com/run/docs/triggering/https-request`,
  ),
  rule(
    MigrationFinding.DEFAULT,
    CheckLevel.INFO,
    "App Engine's default for a setting the app.yaml leaves out is written explicitly",
    'App Engine serves 10 concurrent requests per instance unless max_concurrent_requests says otherwise, runs F1 (automatic) or B2 (basic, manual) instances, and ends requests after 10 minutes (automatic) or 24 hours; Cloud Run defaults differ (80 requests, 300 s), so the App Engine value is written.',
    '"app.yaml Configuration File" (max_concurrent_requests "Default: 10"; instance_class), https://cloud.google.com/appengine/docs/standard/reference/app-yaml; "How instances are managed", https://cloud.google.com/appengine/docs/standard/how-instances-are-managed',
  ),
  rule(
    MigrationFinding.ENTRYPOINT,
    CheckLevel.INFO,
    'The entrypoint becomes the container command',
    'A gunicorn entrypoint is read into the Gunicorn model, so the startup probe, concurrency, timeout and memory checks follow; any other command is kept as a shell command. Without an entrypoint App Engine starts gunicorn on main:app.',
    '"Python 3 runtime environment" (application startup), https://cloud.google.com/appengine/docs/standard/python3/runtime; benoitc/gunicorn gunicorn/config.py',
  ),
  rule(
    MigrationFinding.NOT_APPLICABLE,
    CheckLevel.INFO,
    'An app.yaml setting has no Cloud Run equivalent',
    'Cloud Run scales on concurrency and CPU with targets of its own, has no pending queue, idle-instance pool, per-URL routing, static file serving or python27 settings; each such key is named with what to do instead.',
    COMPARE,
  ),
  rule(
    MigrationFinding.MANUAL_STEP,
    CheckLevel.WARNING,
    'An app.yaml setting needs a step the migration cannot write',
    'Included files, error pages and build-time variables configure things outside the Cloud Run service (the image build, the app itself); they must be carried over by hand.',
    `${COMPARE}; GoogleCloudPlatform/app2run app2run/config/features.yaml`,
  ),
  rule(
    MigrationFinding.STATIC_FILES,
    CheckLevel.WARNING,
    'Cloud Run serves no static files: static handlers must move',
    'App Engine serves static_dir and static_files handlers from its own file servers; Cloud Run sends every request to the container. Serve the files from the app, from Cloud Storage, or through a CDN in front of a load balancer.',
    `${COMPARE}; "Serve static assets with Cloud CDN and Cloud Run", https://cloud.google.com/run/docs/tutorials/static-assets`,
  ),
  rule(
    MigrationFinding.LOGIN,
    CheckLevel.WARNING,
    'login: required or admin has no Cloud Run equivalent: put IAP in front',
    'App Engine checked Google sign-in per handler (the Users service). Cloud Run authorizes whole services: the migrated service is not public, and people reach it through Identity-Aware Proxy (grantIapAccess) or the app authenticates them itself.',
    '"Configure IAP for Cloud Run", https://cloud.google.com/run/docs/securing/identity-aware-proxy-cloud-run; "Available legacy bundled services" (Users), https://cloud.google.com/appengine/docs/standard/services/overview',
    Pack.SECURITY,
  ),
  rule(
    MigrationFinding.PUBLIC,
    CheckLevel.INFO,
    'The App Engine app served anyone, so the migrated service is public',
    'App Engine versions answer every request that reaches them; a Cloud Run service answers only callers with the invoker role. The migration keeps the app public (allowUnauthenticated: true) and says so; pass allowUnauthenticated: false to make it private.',
    '"Allowing public (unauthenticated) access", https://cloud.google.com/run/docs/authenticating/public',
    Pack.SECURITY,
  ),
  rule(
    MigrationFinding.SERVICE_ACCOUNT,
    CheckLevel.WARNING,
    'Without service_account the app ran as the App Engine default account; it now runs as a dedicated one',
    "The App Engine default account (PROJECT_ID@appspot.gserviceaccount.com) often holds broad roles; the migrated service runs as a dedicated account with none, so the app's calls to other Google Cloud services fail until it is granted the roles they need.",
    '"Configure service accounts" (App Engine default service account), https://cloud.google.com/appengine/docs/standard/configure-service-accounts; "Service identity", https://cloud.google.com/run/docs/securing/service-identity',
    Pack.SECURITY,
  ),
  rule(
    MigrationFinding.WARMUP,
    CheckLevel.INFO,
    'Warmup requests become a startup probe on /_ah/warmup',
    'Cloud Run sends no warmup request; a startup probe on the warmup URL runs the same code before the instance receives traffic. This assumes the app serves /_ah/warmup, as App Engine required for warmup.',
    `${COMPARE}; "Configuring warmup requests", https://cloud.google.com/appengine/docs/standard/configuring-warmup-requests`,
  ),
  rule(
    MigrationFinding.REQUEST_TIMEOUT,
    CheckLevel.WARNING,
    "Basic and manual scaling allow 24-hour requests; Cloud Run's limit is 60 minutes",
    'A request longer than 60 minutes cannot be served by a Cloud Run service; such work belongs in a Cloud Run job or behind Cloud Tasks.',
    '"How instances are managed", https://cloud.google.com/appengine/docs/standard/how-instances-are-managed; "Set request timeout for services", https://cloud.google.com/run/docs/configuring/request-timeout',
  ),
  rule(
    MigrationFinding.BUNDLED_SERVICES,
    CheckLevel.ERROR,
    'Legacy bundled services do not exist on Cloud Run',
    'app_engine_apis: true (and the mail inbound services) give the app the App Engine bundled services (Datastore through NDB, Memcache, Task Queues, Mail, Users, ...), which only App Engine provides: the app cannot work on Cloud Run until each is replaced by its Google Cloud product.',
    '"Available legacy bundled services", https://cloud.google.com/appengine/docs/standard/services/overview',
  ),
];

/** The legacy bundled services python3 apps may use with app_engine_apis, and Google's replacement for each. */
export const BUNDLED_SERVICE_REPLACEMENTS: Readonly<Record<string, string>> = {
  'App Identity': 'OIDC ID tokens or Identity Platform',
  Blobstore: 'Cloud Storage',
  Datastore: 'the Datastore client libraries (Firestore in Datastore mode)',
  NDB: 'Cloud NDB',
  Images: 'Cloud Storage serving, a CDN or an image library',
  Mail: 'an SMTP email service (SendGrid, Mailgun, Mailjet)',
  Memcache: 'Memorystore',
  Modules: 'environment variables and the App Engine Admin API',
  Search: 'Elasticsearch',
  'Task Queues': 'Cloud Tasks (push queues) and Pub/Sub (pull queues)',
  'URL Fetch': 'standard HTTP libraries such as requests',
  Users: 'Identity Platform or IAP',
};

/** The bundled service behind an inbound service a python3 app can still receive. */
export const INBOUND_BUNDLED_SERVICE: Readonly<Record<string, string>> = { mail: 'Mail', mail_bounce: 'Mail' };

/** Cloud Run resources for an App Engine instance class. */
export interface CloudRunResources {
  readonly cpu: number;
  /** A memory quantity (`768Mi`). */
  readonly memory: string;
}

/** Cloud Run's smallest memory for the second-generation environment (and GPUs, volumes). */
const GEN2_MIN_MIB = 512;

/**
 * Cloud Run cpu and memory for an instance class. Google's `gcloud beta app migrate-to-run` (cpu_memory.py) maps F1
 * and B1 to 0.25 GiB (clamped to 0.5), F2/B2 to 0.5 GiB, F4/B4 to 1 GiB, F4_1G/B4_1G to 2 GiB and B8 to 2 vCPU and
 * 2 GiB: the first-generation sizes, below what today's classes give (384, 768, 1536 and 3072 MB, "The App Engine
 * standard environment", instance classes, https://cloud.google.com/appengine/docs/standard). An app that fits in an
 * F2 would be killed at 512 MiB, so memory is the class's own, rounded up to 256 MiB and to at least 512 MiB; CPU is
 * Google's (1 vCPU, 2 for B8: the classes' 0.6 to 2.4 GHz are fractions of a core that Cloud Run would only allow
 * with one request at a time).
 */
export function cloudRunResourcesFor(instanceClass: string): CloudRunResources | undefined {
  const spec = instanceClassSpec(instanceClass);
  if (!spec) return undefined;
  const mib = Math.max(GEN2_MIN_MIB, Math.ceil(spec.memoryMiB / 256) * 256);
  return { cpu: spec.cpuGHz > 2.4 ? 2 : 1, memory: formatMiB(mib) };
}

/** The startup probe path a warmup-enabled app serves. */
export const WARMUP_PATH = '/_ah/warmup';
