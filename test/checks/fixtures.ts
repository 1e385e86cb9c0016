/**
 * Terraform JSON fixtures for the policy-check tests: compliant resources that each test breaks in one place.
 */
import { ruleOutcomes } from '../../lib/checks/engine';

/** Terraform JSON fixtures are untyped. */
export type Json = any;

export const DIGEST =
  'europe-docker.pkg.dev/p/r/app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';

/** A compliant v2 service (every rule passes). */
export function v2Service(): Json {
  return {
    name: 'api',
    location: 'europe-west1',
    ingress: 'INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER',
    template: {
      service_account: 'api@p.iam.gserviceaccount.com',
      max_instance_request_concurrency: 8,
      execution_environment: 'EXECUTION_ENVIRONMENT_GEN2',
      timeout: '300s',
      scaling: { max_instance_count: 5 },
      containers: [
        {
          image: DIGEST,
          command: ['gunicorn'],
          args: ['--workers', '4', '--threads', '2', '--timeout', '0', '--preload', 'main:app'],
          ports: { container_port: 8080 },
          resources: { limits: { cpu: '1', memory: '512Mi' }, cpu_idle: true },
          startup_probe: { http_get: { path: '/healthz' }, period_seconds: 10, failure_threshold: 3 },
          liveness_probe: { http_get: { path: '/healthz' } },
          env: [{ name: 'MODE', value: 'prod' }],
        },
      ],
    },
  };
}

/** A compliant v2 job. */
export function v2Job(): Json {
  return {
    name: 'nightly',
    location: 'europe-west1',
    template: {
      template: {
        service_account: 'job@p.iam.gserviceaccount.com',
        containers: [{ image: DIGEST, resources: { limits: { cpu: '1', memory: '512Mi' } } }],
      },
    },
  };
}

/** A compliant worker pool (autoscaled with a maximum, so no instance runs around the clock). */
export function workerPool(): Json {
  return {
    name: 'pool',
    location: 'europe-west1',
    scaling: { scaling_mode: 'AUTOMATIC', max_instance_count: 3 },
    template: {
      service_account: 'pool@p.iam.gserviceaccount.com',
      containers: [{ image: DIGEST, resources: { limits: { cpu: '1', memory: '512Mi' } } }],
    },
  };
}

/** A compliant Cloud Scheduler job that runs the Cloud Run job `nightly` (as Google's sample does, with a time zone). */
export function schedulerJob(): Json {
  return {
    name: 'nightly-run',
    region: 'europe-west1',
    schedule: '0 3 * * *',
    time_zone: 'Europe/Paris',
    attempt_deadline: '320s',
    retry_config: { retry_count: 1 },
    http_target: {
      http_method: 'POST',
      uri: 'https://run.googleapis.com/v2/projects/${data.google_project.project.project_id}/locations/europe-west1/jobs/nightly:run',
      oauth_token: { service_account_email: 'scheduler@p.iam.gserviceaccount.com' },
    },
  };
}

/** A compliant v1 service. */
export function v1Service(): Json {
  return {
    name: 'legacy',
    location: 'europe-west1',
    metadata: { annotations: { 'run.googleapis.com/ingress': 'internal-and-cloud-load-balancing' } },
    template: {
      metadata: { annotations: { 'autoscaling.knative.dev/maxScale': '5' } },
      spec: {
        service_account_name: 'legacy@p.iam.gserviceaccount.com',
        container_concurrency: 8,
        timeout_seconds: 300,
        containers: [{ image: DIGEST, resources: { limits: { cpu: '1', memory: '512Mi' } } }],
      },
    },
  };
}

/** A compliant App Engine standard version. */
export function standardVersion(): Json {
  return {
    service: 'default',
    version_id: 'v1',
    runtime: 'python312',
    instance_class: 'F2',
    service_account: 'app@p.iam.gserviceaccount.com',
    entrypoint: { shell: 'gunicorn -b :$PORT -w 2 --threads 4 --timeout 0 main:app' },
    deployment: { zip: { source_url: 'https://storage.googleapis.com/b/app.zip' } },
    automatic_scaling: {
      max_concurrent_requests: 8,
      standard_scheduler_settings: { max_instances: 5, target_cpu_utilization: 0.6 },
    },
    inbound_services: ['INBOUND_SERVICE_WARMUP'],
    env_variables: { MODE: 'prod' },
    handlers: [{ url_regex: '/.*', security_level: 'SECURE_ALWAYS', script: { script_path: 'auto' } }],
  };
}

/** A compliant App Engine flexible version. */
export function flexibleVersion(): Json {
  return {
    service: 'flex',
    runtime: 'python',
    service_account: 'flex@p.iam.gserviceaccount.com',
    liveness_check: { path: '/' },
    readiness_check: { path: '/' },
    manual_scaling: { instances: 1 },
    handlers: [{ url_regex: '/.*', security_level: 'SECURE_ALWAYS', script: { script_path: 'auto' } }],
  };
}

/** A compliant App Engine application. */
export function application(): Json {
  return { project: 'p', location_id: 'europe-west', database_type: 'CLOUD_FIRESTORE', ssl_policy: 'MODERN' };
}

/** A configuration with one resource of a type (named `r`), plus extra resources. */
export function tf(type: string, body: Json, extra: Record<string, Record<string, Json>> = {}): Json {
  return { resource: { [type]: { r: body }, ...extra } };
}

/** Builds a fixture from a compliant body and a mutation. */
export function mutated(make: () => Json, mutate: (body: Json) => void): Json {
  const body = make();
  mutate(body);
  return body;
}

/** The day the checker tests judge at (the App Engine runtime schedule depends on it). */
export const NOW = new Date('2026-11-29T00:00:00Z');

/** The aggregated status of one rule over a configuration, judged at `now`: fail > unknown > pass > n/a. */
export function status(json: Json, ruleId: string, now: Date = NOW): 'pass' | 'fail' | 'unknown' | 'n/a' {
  const outcomes = ruleOutcomes(json, { now }).filter((o) => o.ruleId === ruleId);
  if (outcomes.some((o) => o.status === 'fail')) return 'fail';
  if (outcomes.some((o) => o.status === 'unknown')) return 'unknown';
  return outcomes.length > 0 ? 'pass' : 'n/a';
}
