/**
 * The rule registry, walked: every rule describes itself, and for every kind of resource it applies to it has a
 * compliant, a non-compliant and an unknown fixture — Terraform JSON for resource kinds, construct props for rules
 * about construct intent. A rule added without them fails here.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { TerraformVariable } from 'cdktf';
import { Construct } from 'constructs';
import { AppEngineApplication } from '../../lib/app-engine/app-engine-application';
import { AppEngineStandardService, stackFactsOf } from '../../lib/app-engine/app-engine-standard-service';
import { readAppYaml } from '../../lib/app-engine/app-yaml';
import { Deployment } from '../../lib/app-engine/deployment';
import { Handler } from '../../lib/app-engine/handler';
import { InstanceClass } from '../../lib/app-engine/instance-class';
import type { AppEngineStandardServiceProps } from '../../lib/app-engine/standard-service-props';
import { versionFacts } from '../../lib/app-engine/standard-service-facts';
import { resolveVersion } from '../../lib/app-engine/standard-service-settings';
import { checkTerraform } from '../../lib/checks/engine';
import { ALL_RULES, EVERY_RULE, SUPPRESSION_RULES } from '../../lib/checks/registry';
import { invokerFacts } from '../../lib/cloud-run/cloud-run-service';
import { Billing } from '../../lib/cloud-run/enums';
import { Volume } from '../../lib/cloud-run/volume';
import { serviceFacts } from '../../lib/cloud-run/service-facts';
import type { CloudRunServiceProps } from '../../lib/cloud-run/service-props';
import { resolveService } from '../../lib/cloud-run/service-settings';
import { VpcAccess } from '../../lib/cloud-run/vpc-access';
import { workerPoolFacts } from '../../lib/cloud-run/worker-pool-facts';
import type { CloudRunWorkerPoolProps } from '../../lib/cloud-run/worker-pool-props';
import { resolveWorkerPool } from '../../lib/cloud-run/worker-pool-settings';
import { CheckLevel } from '../../lib/core/levels';
import { Problems } from '../../lib/core/problems';
import { APP_ENGINE_APPLICATION_RULES, APP_ENGINE_VERSION_RULES } from '../../lib/platform/app-engine';
import { CLOUD_RUN_RULES } from '../../lib/platform/cloud-run';
import { CLOUD_RUN_INVOKER_RULES } from '../../lib/platform/cloud-run/invoker';
import { ResourceKind } from '../../lib/platform/kinds';
import { rulesFor } from '../../lib/platform/judge';
import { evaluateRule, type FactRule, type FactSet, Pack } from '../../lib/platform/rule';
import { Gunicorn } from '../../lib/python/gunicorn';
import { APP_YAML_CASES } from '../app-engine/app-yaml-cases';
import { MIGRATION_CASES } from '../cloud-run/migration-cases';
import { newStack } from '../support/synth';
import {
  application,
  DIGEST,
  flexibleVersion,
  type Json,
  mutated,
  NOW,
  schedulerJob,
  standardVersion,
  status,
  tf,
  v1Service,
  v2Job,
  v2Service,
  workerPool,
} from './fixtures';

const K = ResourceKind;
type Status = 'pass' | 'fail' | 'unknown' | 'n/a';
type Mutation = (b: Json, kind: ResourceKind) => void;

/** A rule's fixtures for one resource kind: how to break the compliant base, and how to make it unknowable. */
interface TerraformCase {
  readonly fail: Mutation;
  readonly unknown: Mutation;
  /** Resources next to the one judged (keyed by type, then name; `r` is the one judged). */
  readonly extra?: (b: Json) => Record<string, Record<string, Json>>;
  /** A compliant base other than the kind's usual one. */
  readonly base?: () => Json;
  /** The day to judge at, for rules about dates (default: the fixtures' NOW). */
  readonly now?: Date;
}

/** A construct-intent rule's fixtures: the outcome of each, computed through the construct's own pipeline. */
interface ConstructCase {
  readonly pass: () => Status;
  readonly fail: () => Status;
  /** Undefined only with a reason why no value the rule reads can be unknown. */
  readonly unknown?: () => Status;
  readonly neverUnknown?: string;
}

/** The compliant base and Terraform type of each resource kind. */
const BASES: Partial<Record<ResourceKind, { type: string; make: () => Json }>> = {
  [K.CLOUD_RUN_SERVICE]: { type: 'google_cloud_run_v2_service', make: v2Service },
  [K.CLOUD_RUN_SERVICE_V1]: { type: 'google_cloud_run_service', make: v1Service },
  [K.CLOUD_RUN_JOB]: { type: 'google_cloud_run_v2_job', make: v2Job },
  [K.CLOUD_RUN_WORKER_POOL]: { type: 'google_cloud_run_v2_worker_pool', make: workerPool },
  [K.CLOUD_SCHEDULER_JOB]: { type: 'google_cloud_scheduler_job', make: schedulerJob },
  [K.APP_ENGINE_STANDARD_VERSION]: { type: 'google_app_engine_standard_app_version', make: standardVersion },
  [K.APP_ENGINE_FLEXIBLE_VERSION]: { type: 'google_app_engine_flexible_app_version', make: flexibleVersion },
  [K.APP_ENGINE_APPLICATION]: { type: 'google_app_engine_application', make: application },
  [K.APP_ENGINE_FIREWALL_RULE]: {
    type: 'google_app_engine_firewall_rule',
    make: () => ({ action: 'ALLOW', source_range: '10.0.0.0/8', priority: 1000 }),
  },
  [K.CLOUD_RUN_IAM]: {
    type: 'google_cloud_run_v2_service_iam_member',
    make: () => ({
      name: '${google_cloud_run_v2_service.api.name}',
      role: 'roles/run.invoker',
      member: 'serviceAccount:x@p.iam.gserviceaccount.com',
    }),
  },
};

// --- Cloud Run: where each setting lives in a v2 service, a v1 service and a job -----------------------------------
const isV1 = (k: ResourceKind) => k === K.CLOUD_RUN_SERVICE_V1;
const isJob = (k: ResourceKind) => k === K.CLOUD_RUN_JOB;
const isPool = (k: ResourceKind) => k === K.CLOUD_RUN_WORKER_POOL;
/** A variable Cloud Run sets in the containers of each kind (container runtime contract). */
const reservedName = (k: ResourceKind) =>
  isJob(k) ? 'CLOUD_RUN_TASK_INDEX' : isPool(k) ? 'CLOUD_RUN_WORKER_POOL' : 'PORT';
const revision = (b: Json, k: ResourceKind) =>
  isJob(k) ? b.template.template : isV1(k) ? b.template.spec : b.template;
const c0 = (b: Json, k: ResourceKind) => revision(b, k).containers[0];
const annotations = (b: Json) => b.template.metadata.annotations;
const pushEnv = (b: Json, k: ResourceKind, ...env: Json[]) => (c0(b, k).env ??= []).push(...env);
const concurrency = (b: Json, k: ResourceKind, v: unknown) => {
  if (isV1(k)) b.template.spec.container_concurrency = v;
  else b.template.max_instance_request_concurrency = v;
};
const timeout = (b: Json, k: ResourceKind, seconds: number | string) => {
  if (isV1(k)) b.template.spec.timeout_seconds = seconds;
  else b.template.timeout = typeof seconds === 'number' ? `${seconds}s` : seconds;
};
const scaling = (b: Json, k: ResourceKind, min: unknown, max: unknown) => {
  if (isPool(k)) {
    b.scaling = { scaling_mode: 'AUTOMATIC', min_instance_count: min, max_instance_count: max };
    return;
  }
  if (!isV1(k)) {
    b.template.scaling = { min_instance_count: min, max_instance_count: max };
    return;
  }
  const a = annotations(b);
  for (const [key, v] of [
    ['autoscaling.knative.dev/minScale', min],
    ['autoscaling.knative.dev/maxScale', max],
  ] as const) {
    if (v === undefined) delete a[key];
    else a[key] = String(v);
  }
};
const executionEnvironment = (b: Json, k: ResourceKind, gen: string) => {
  if (isV1(k))
    annotations(b)['run.googleapis.com/execution-environment'] = gen.startsWith('$') ? gen : gen.toLowerCase();
  else b.template.execution_environment = gen.startsWith('$') ? gen : `EXECUTION_ENVIRONMENT_${gen}`;
};
const cpuIdle = (b: Json, k: ResourceKind, v: boolean | string) => {
  if (isV1(k)) annotations(b)['run.googleapis.com/cpu-throttling'] = String(v);
  else c0(b, k).resources.cpu_idle = v;
};
const serviceAccount = (b: Json, k: ResourceKind, v: string | undefined) => {
  const key = isV1(k) ? 'service_account_name' : 'service_account';
  if (v === undefined) delete revision(b, k)[key];
  else revision(b, k)[key] = v;
};
const gunicorn = (b: Json, k: ResourceKind, args: string[]) => Object.assign(c0(b, k), { command: ['gunicorn'], args });
const celery = (b: Json, k: ResourceKind, args: string[]) =>
  Object.assign(c0(b, k), { command: ['celery'], args: ['-A', 'proj', 'worker', ...args] });
const http = (b: Json) => b.http_target;
const limits = (b: Json, k: ResourceKind) => c0(b, k).resources.limits;
const cr = (fail: Mutation, unknown: Mutation): TerraformCase => ({ fail, unknown });
/** Names the Serverless VPC Access connector of the revision. */
const connector = (b: Json, k: ResourceKind, name: string) => {
  if (isV1(k)) annotations(b)['run.googleapis.com/vpc-access-connector'] = name;
  else revision(b, k).vpc_access = { connector: name, egress: 'PRIVATE_RANGES_ONLY' };
};
/** Adds volumes to the revision and mounts the first on the first container at `path`. */
const mountVolume = (b: Json, k: ResourceKind, volume: Json, path: unknown = '/mnt/data') => {
  (revision(b, k).volumes ??= []).push(volume);
  (c0(b, k).volume_mounts ??= []).push({ name: volume.name, mount_path: path });
};
/** Adds a sidecar (no port) to the revision. */
const sidecar = (b: Json, k: ResourceKind, extra: Json = {}) => {
  c0(b, k).name = 'app';
  revision(b, k).containers.push({ name: 'proxy', image: DIGEST, ...extra });
};
/** Gives the first container a GPU of `type` (the minimum CPU and memory of an L4, instance billing). */
const gpu = (b: Json, k: ResourceKind, type: string) => {
  Object.assign(limits(b, k), { cpu: '4', memory: '16Gi', 'nvidia.com/gpu': '1' });
  if (isV1(k)) b.template.spec.node_selector = { 'run.googleapis.com/accelerator': type };
  else revision(b, k).node_selector = { accelerator: type };
  if (!isJob(k) && !isPool(k)) cpuIdle(b, k, false);
};

// --- App Engine ------------------------------------------------------------------------------------------------------
const auto = (b: Json) => b.automatic_scaling;
const sched = (b: Json) => b.automatic_scaling.standard_scheduler_settings;
/** Basic (or manual) scaling on a B class instead of the base's automatic scaling. */
const scaled = (b: Json, key: 'basic_scaling' | 'manual_scaling', block: Json) => {
  delete b.automatic_scaling;
  b.instance_class = 'B2';
  b.inbound_services = [];
  b[key] = block;
};
const basic = (b: Json, block: Json) => scaled(b, 'basic_scaling', block);

/** Terraform fixtures by rule; one case serves every kind the rule applies to (mutations receive the kind). */
const TERRAFORM_CASES: Record<string, TerraformCase> = {
  'GCR-CPU-VALUE': cr(
    (b, k) => (limits(b, k).cpu = '3'),
    (b, k) => (limits(b, k).cpu = '${var.cpu}'),
  ),
  'GCR-MEMORY-RANGE': cr(
    (b, k) => (limits(b, k).memory = '40Gi'),
    (b, k) => (limits(b, k).memory = '${var.memory}'),
  ),
  'GCR-MEMORY-FOR-CPU': cr(
    (b, k) => (limits(b, k).memory = '8Gi'),
    (b, k) => (limits(b, k).cpu = '${var.cpu}'),
  ),
  'GCR-FRACTIONAL-CPU': cr(
    (b, k) => (limits(b, k).cpu = '0.5'),
    (b, k) => {
      limits(b, k).cpu = '0.5';
      concurrency(b, k, '${var.concurrency}');
    },
  ),
  'GCR-GPU': cr(
    (b, k) => (limits(b, k)['nvidia.com/gpu'] = '2'),
    (b, k) => (limits(b, k)['nvidia.com/gpu'] = '${var.gpus}'),
  ),
  'GCR-CPU-IDLE-IMPLICIT': cr(
    (b, k) => delete c0(b, k).resources.cpu_idle,
    (b, k) => cpuIdle(b, k, '${var.cpu_idle}'),
  ),
  'GCR-INSTANCE-BILLING-NO-MIN': cr(
    (b, k) => cpuIdle(b, k, false),
    (b, k) => (isV1(k) ? cpuIdle(b, k, '${var.throttling}') : (c0(b, k).resources = '${var.resources}')),
  ),
  'GCR-CONCURRENCY-RANGE': cr(
    (b, k) => concurrency(b, k, 2000),
    (b, k) => concurrency(b, k, '${var.c}'),
  ),
  'GCR-CONCURRENCY-ONE': cr(
    (b, k) => concurrency(b, k, 1),
    (b, k) => concurrency(b, k, '${var.c}'),
  ),
  'GCR-REQUEST-TIMEOUT': cr(
    (b, k) => timeout(b, k, 4000),
    (b, k) => timeout(b, k, '${var.timeout}'),
  ),
  'GCR-LONG-REQUEST-TIMEOUT': cr(
    (b, k) => timeout(b, k, 1800),
    (b, k) => timeout(b, k, '${format("%ds", var.t)}'),
  ),
  'GCR-SCALING-RANGE': cr(
    (b, k) => scaling(b, k, 10, 5),
    (b, k) => scaling(b, k, 1, '${var.max}'),
  ),
  'GCR-MIN-INSTANCES-COST': cr(
    (b, k) => scaling(b, k, 2, 5),
    (b, k) => scaling(b, k, '${var.min}', 5),
  ),
  'GCR-MAX-INSTANCES-UNSET': cr(
    (b, k) => scaling(b, k, undefined, undefined),
    (b, k) =>
      isV1(k)
        ? scaling(b, k, undefined, '${var.max}')
        : isPool(k)
          ? (b.scaling = '${var.scaling}')
          : (b.template.scaling = '${var.scaling}'),
  ),
  'GCR-STARTUP-PROBE': cr(
    (b, k) => (c0(b, k).startup_probe = { http_get: { path: '/' }, period_seconds: 300, failure_threshold: 1 }),
    (b, k) => (c0(b, k).startup_probe = { http_get: { path: '/' }, period_seconds: '${var.period}' }),
  ),
  'GCR-PROBE-TIMEOUT': cr(
    (b, k) => (c0(b, k).startup_probe = { tcp_socket: { port: 8080 }, period_seconds: 2, timeout_seconds: 6 }),
    (b, k) => (c0(b, k).startup_probe = { tcp_socket: { port: 8080 }, timeout_seconds: '${var.timeout}' }),
  ),
  'GCR-STARTUP-BUDGET': cr(
    (b, k) => (c0(b, k).startup_probe = { tcp_socket: { port: 8080 }, period_seconds: 60, failure_threshold: 11 }),
    (b, k) => (c0(b, k).startup_probe = { tcp_socket: { port: 8080 }, period_seconds: '${var.period}' }),
  ),
  'GCR-MANUAL-INSTANCES-COST': cr(
    (b) => (b.scaling = { scaling_mode: 'MANUAL', manual_instance_count: 2 }),
    (b) => (b.scaling = { scaling_mode: 'MANUAL', manual_instance_count: '${var.instances}' }),
  ),
  'GCR-LIVENESS-PROBE': cr(
    (b, k) => (c0(b, k).liveness_probe = { http_get: { path: '/' }, period_seconds: 5000 }),
    (b, k) => (c0(b, k).liveness_probe = { http_get: { path: '/' }, period_seconds: '${local.period}' }),
  ),
  'GCR-LIVENESS-TCP': cr(
    (b, k) => (c0(b, k).liveness_probe = { tcp_socket: { port: 8080 } }),
    (b, k) => (c0(b, k).liveness_probe = '${var.probe}'),
  ),
  'GCR-HTTP-PROBE-H2C': cr(
    (b, k) => Object.assign(c0(b, k), { ports: { name: 'h2c' }, liveness_probe: { http_get: { path: '/' } } }),
    (b, k) => (c0(b, k).ports = { name: '${var.port_name}' }),
  ),
  'GCR-PROBE-PATH': cr(
    (b, k) => (c0(b, k).startup_probe = { http_get: { path: 'healthz' }, period_seconds: 10, failure_threshold: 3 }),
    (b, k) => (c0(b, k).startup_probe = { http_get: { path: '${var.path}' }, period_seconds: 10 }),
  ),
  'GCR-SERVER-STARTUP-PROBE': cr(
    (b, k) => {
      gunicorn(b, k, ['--workers', '1', '--timeout', '0', 'main:app']);
      c0(b, k).startup_probe = { tcp_socket: { port: 8080 } };
    },
    (b, k) => gunicorn(b, k, ['${var.args}']),
  ),
  'GCR-SERVER-TIMEOUT': cr(
    (b, k) => gunicorn(b, k, ['--workers', '4', '--preload', 'main:app']),
    (b, k) => timeout(b, k, '${var.timeout}'),
  ),
  'GCR-SERVER-CAPACITY': cr(
    (b, k) => {
      gunicorn(b, k, ['--workers', '1', '--threads', '2', '--timeout', '0', '--preload', 'main:app']);
      concurrency(b, k, 8);
    },
    (b, k) => (c0(b, k).command = '${var.command}'),
  ),
  'GCR-ENV-NAME': cr(
    (b, k) => pushEnv(b, k, { name: 'my-var', value: 'x' }),
    (b, k) => pushEnv(b, k, { name: '${var.name}', value: 'x' }),
  ),
  'GCR-ENV-RESERVED': cr(
    (b, k) => pushEnv(b, k, { name: reservedName(k), value: '9000' }),
    (b, k) => pushEnv(b, k, { name: '${var.name}', value: '9000' }),
  ),
  'GCR-ENV-VALUE-LENGTH': cr(
    (b, k) => pushEnv(b, k, { name: 'BIG', value: 'x'.repeat(32769) }),
    (b, k) => (c0(b, k).env = '${var.env}'),
  ),
  'GCR-ENV-DUPLICATE': cr(
    (b, k) => pushEnv(b, k, { name: 'LEVEL', value: 'a' }, { name: 'LEVEL', value: 'b' }),
    (b, k) => pushEnv(b, k, { name: 'LEVEL', value: 'a' }, { name: '${var.name}', value: 'b' }),
  ),
  'GCR-SECRET-REF': cr(
    (b, k) =>
      pushEnv(
        b,
        k,
        isV1(k)
          ? { name: 'A', value_from: { secret_key_ref: { name: 'a/b', key: 'latest' } } }
          : { name: 'A', value_source: { secret_key_ref: { secret: 'a/b', version: 'latest' } } },
      ),
    (b, k) => (c0(b, k).env = '${var.env}'),
  ),
  'GCR-SERVICE-NAME': cr(
    (b) => (b.name = 'My_Service'),
    (b) => (b.name = '${var.name}'),
  ),
  'GCR-REGION': cr(
    (b) => (b.location = 'us-central'),
    (b) => (b.location = '${var.region}'),
  ),
  'GCR-IMAGE': cr(
    (b, k) => (c0(b, k).image = 'my image'),
    (b, k) => (c0(b, k).image = '${var.image}'),
  ),
  'GCR-PORT': cr(
    (b, k) => (c0(b, k).ports = { container_port: 70000 }),
    (b, k) => (c0(b, k).ports = { container_port: '${var.port}' }),
  ),
  'GCR-LABELS': cr(
    (b, k) => ((isV1(k) ? b.metadata : b).labels = { Team: 'payments' }),
    (b, k) => ((isV1(k) ? b.metadata : b).labels = '${var.labels}'),
  ),
  'GCR-GEN1': cr(
    (b, k) => executionEnvironment(b, k, 'GEN1'),
    (b, k) => executionEnvironment(b, k, '${var.env}'),
  ),
  'GCR-SERVICE-ACCOUNT': cr(
    (b, k) => serviceAccount(b, k, 'web'),
    (b, k) => serviceAccount(b, k, '${var.sa}'),
  ),
  'GCR-DEFAULT-SA': cr(
    (b, k) => serviceAccount(b, k, undefined),
    (b, k) => serviceAccount(b, k, '${var.sa}'),
  ),
  'GCR-PUBLIC-INVOKER': {
    fail: (b) => {
      if (b.member) b.member = 'allUsers';
      else Object.assign(b, { invoker_iam_disabled: true, ingress: 'INGRESS_TRAFFIC_ALL' });
    },
    unknown: (b) => {
      if (b.member) b.member = '${var.member}';
      else b.invoker_iam_disabled = '${var.disabled}';
    },
    extra: (b): Record<string, Record<string, Json>> =>
      b.member
        ? { google_cloud_run_v2_service: { api: mutated(v2Service, (s) => (s.ingress = 'INGRESS_TRAFFIC_ALL')) } }
        : {},
  },
  'GCR-INGRESS-ALL': cr(
    (b, k) => (isV1(k) ? delete b.metadata.annotations['run.googleapis.com/ingress'] : delete b.ingress),
    (b, k) =>
      isV1(k) ? (b.metadata.annotations['run.googleapis.com/ingress'] = '${var.i}') : (b.ingress = '${var.i}'),
  ),
  'GCR-PLAIN-SECRET-ENV': cr(
    (b, k) => pushEnv(b, k, { name: 'DB_PASSWORD', value: 'hunter2hunter2' }),
    (b, k) => pushEnv(b, k, { name: '${var.env_name}', value: 'x' }),
  ),
  'GCR-IMAGE-DIGEST': cr(
    (b, k) => (c0(b, k).image = 'gcr.io/p/app:latest'),
    (b, k) => (c0(b, k).image = '${var.image}'),
  ),
  'GCR-DELETION-PROTECTION-OFF': cr(
    (b) => (b.deletion_protection = false),
    (b) => (b.deletion_protection = '${var.protect}'),
  ),
  'GCR-VOLUME-SOURCE': cr(
    (b, k) => mountVolume(b, k, { name: 'data', empty_dir: { size_limit: '64Mi' }, gcs: { bucket: 'b' } }),
    (b, k) => (revision(b, k).volumes = '${var.volumes}'),
  ),
  'GCR-VOLUME-MOUNT-PATH': cr(
    (b, k) => mountVolume(b, k, { name: 'data', empty_dir: { size_limit: '64Mi' } }, '/proc/data'),
    (b, k) => mountVolume(b, k, { name: 'data', empty_dir: { size_limit: '64Mi' } }, '${var.path}'),
  ),
  'GCR-VOLUME-EXECUTION-ENVIRONMENT': cr(
    (b, k) => {
      mountVolume(b, k, { name: 'media', gcs: { bucket: 'media' } });
      executionEnvironment(b, k, 'GEN1');
    },
    (b, k) => {
      mountVolume(b, k, { name: 'media', gcs: { bucket: 'media' } });
      executionEnvironment(b, k, '${var.gen}');
    },
  ),
  'GCR-VOLUME-IN-MEMORY': cr(
    (b, k) => mountVolume(b, k, { name: 'scratch', empty_dir: { medium: 'MEMORY' } }),
    (b, k) => mountVolume(b, k, { name: 'scratch', empty_dir: { size_limit: '${var.size}' } }),
  ),
  'GCR-CONTAINERS': cr(
    (b, k) => {
      for (let i = 0; i < 10; i++) revision(b, k).containers.push({ name: `s${i}`, image: DIGEST });
    },
    (b, k) => (revision(b, k).containers = '${var.containers}'),
  ),
  'GCR-CONTAINER-DEPENDS': cr(
    (b, k) => (c0(b, k).depends_on = ['ghost']),
    (b, k) => (c0(b, k).depends_on = ['${var.dependency}']),
  ),
  'GCR-CONTAINER-DEPENDS-PROBE': cr(
    (b, k) => {
      sidecar(b, k);
      c0(b, k).depends_on = ['proxy'];
    },
    (b, k) => {
      sidecar(b, k, { startup_probe: '${var.probe}' });
      c0(b, k).depends_on = ['proxy'];
    },
  ),
  'GCR-CONTAINER-PROBE-PORT': cr(
    (b, k) => sidecar(b, k, { startup_probe: { tcp_socket: {} } }),
    (b, k) => sidecar(b, k, { startup_probe: { tcp_socket: { port: '${var.port}' } } }),
  ),
  'GCR-SIDECAR-STARTUP-PROBE': cr(
    (b, k) => sidecar(b, k, { startup_probe: { tcp_socket: { port: 9000 }, period_seconds: 500 } }),
    (b, k) => sidecar(b, k, { startup_probe: { tcp_socket: { port: 9000 }, period_seconds: '${var.period}' } }),
  ),
  'GCR-CONTAINER-RESOURCES': cr(
    (b, k) => sidecar(b, k, { resources: { limits: { cpu: '3', memory: '512Mi' } } }),
    (b, k) => sidecar(b, k, { resources: { limits: { cpu: '${var.cpu}', memory: '512Mi' } } }),
  ),
  'GCR-TRAFFIC-SPLIT': cr(
    (b) => (b.traffic = [{ type: 'TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST', percent: 90 }]),
    (b) => (b.traffic = [{ type: 'TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST', percent: '${var.percent}' }]),
  ),
  'GCR-TRAFFIC-TAG': cr(
    (b) => (b.traffic = [{ type: 'TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST', percent: 100, tag: 'Canary_1' }]),
    (b) => (b.traffic = [{ type: 'TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST', percent: 100, tag: '${var.tag}' }]),
  ),
  'GCR-TRAFFIC-MIN-INSTANCES': cr(
    (b, k) => {
      scaling(b, k, 1, 5);
      b.traffic = [
        { type: 'TRAFFIC_TARGET_ALLOCATION_TYPE_REVISION', revision: 'api-00001-abc', percent: 90 },
        { type: 'TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST', percent: 10, tag: 'canary' },
      ];
    },
    (b, k) => {
      scaling(b, k, 1, 5);
      b.traffic = '${var.traffic}';
    },
  ),
  'GCR-GPU-TYPE': cr(
    (b, k) => gpu(b, k, 'nvidia-a100'),
    (b, k) => gpu(b, k, '${var.gpu_type}'),
  ),
  'GCR-GPU-REGION': cr(
    (b, k) => {
      gpu(b, k, 'nvidia-l4');
      b.location = 'europe-west2';
    },
    (b, k) => {
      gpu(b, k, 'nvidia-l4');
      b.location = '${var.region}';
    },
  ),
  'GCR-GPU-MAX-INSTANCES': cr(
    (b, k) => {
      gpu(b, k, 'nvidia-l4');
      scaling(b, k, undefined, undefined);
    },
    (b, k) => {
      gpu(b, k, 'nvidia-l4');
      scaling(b, k, undefined, '${var.max}');
    },
  ),
  'GCR-VPC-CONNECTOR-REGION': cr(
    (b, k) => connector(b, k, 'projects/p/locations/us-east1/connectors/c'),
    (b, k) => connector(b, k, 'projects/p/locations/${var.region}/connectors/c'),
  ),
  'GCR-ENCRYPTION-KEY': cr(
    (b, k) => (revision(b, k).encryption_key = 'my-key'),
    (b, k) => (revision(b, k).encryption_key = '${var.key}'),
  ),
  'GCR-BINARY-AUTHORIZATION': cr(
    (b) => (b.binary_authorization = { use_default: true, policy: 'projects/p/platforms/cloudRun/strict' }),
    (b) => (b.binary_authorization = { use_default: '${var.default}', policy: 'projects/p/platforms/cloudRun/x' }),
  ),
  'GCR-SCALING-MANUAL': cr(
    (b) => (b.scaling = { scaling_mode: 'MANUAL', manual_instance_count: 2 }),
    (b) => (b.scaling = { scaling_mode: 'MANUAL', manual_instance_count: '${var.instances}' }),
  ),
  'GCR-SCALING-COMBINED-MIN': cr(
    (b, k) => {
      scaling(b, k, 1, 5);
      b.scaling = { min_instance_count: 1 };
    },
    (b, k) => {
      scaling(b, k, 1, 5);
      b.scaling = { min_instance_count: '${var.min}' };
    },
  ),
  'GCR-JOB-TASKS': cr(
    (b) => Object.assign(b.template, { task_count: 4, parallelism: 8 }),
    (b) => (b.template.task_count = '${var.tasks}'),
  ),
  'GCR-JOB-RETRIES': cr(
    (b) => (b.template.template.max_retries = 11),
    (b) => (b.template.template.max_retries = '${var.retries}'),
  ),
  'GCR-JOB-TIMEOUT': cr(
    (b) => (b.template.template.timeout = '700000s'),
    (b) => (b.template.template.timeout = '${var.timeout}'),
  ),
  'GCR-JOB-FRACTIONAL-CPU': cr(
    (b, k) => (limits(b, k).cpu = '0.5'),
    (b, k) => (limits(b, k).cpu = '${var.cpu}'),
  ),
  'GCR-JOB-GEN1': cr(
    (b) => (b.template.template.execution_environment = 'EXECUTION_ENVIRONMENT_GEN1'),
    (b) => (b.template.template.execution_environment = '${var.gen}'),
  ),
  'GCR-WEB-SERVER-NO-REQUESTS': cr(
    (b, k) => gunicorn(b, k, ['--workers', '1', 'main:app']),
    (b, k) => (c0(b, k).command = '${var.command}'),
  ),
  'GCR-WORKER-POOL-SCALING': cr(
    (b) => (b.scaling = { scaling_mode: 'MANUAL', manual_instance_count: 0 }),
    (b) => (b.scaling = { scaling_mode: 'MANUAL', manual_instance_count: '${var.instances}' }),
  ),
  'GCR-WORKER-POOL-CPU': cr(
    (b, k) => (limits(b, k).cpu = '0.5'),
    (b, k) => (limits(b, k).cpu = '${var.cpu}'),
  ),
  'GCR-CELERY-MEMORY': cr(
    (b, k) => celery(b, k, ['--concurrency', '4', '--max-memory-per-child', '600000']),
    (b, k) => celery(b, k, ['--concurrency', '$(CONCURRENCY)', '--max-memory-per-child', '600000']),
  ),
  'SCH-NAME': cr(
    (b) => (b.name = 'nightly run'),
    (b) => (b.name = '${var.name}'),
  ),
  'SCH-CRON': cr(
    (b) => (b.schedule = '0 25 * * *'),
    (b) => (b.schedule = '${var.cron}'),
  ),
  'SCH-TIME-ZONE': cr(
    (b) => (b.time_zone = 'Europe/Pari'),
    (b) => (b.time_zone = '${var.time_zone}'),
  ),
  'SCH-ATTEMPT-DEADLINE': cr(
    (b) => (b.attempt_deadline = '5s'),
    (b) => (b.attempt_deadline = '${var.deadline}'),
  ),
  'SCH-RETRY-COUNT': cr(
    (b) => (b.retry_config.retry_count = 9),
    (b) => (b.retry_config.retry_count = '${var.retries}'),
  ),
  'SCH-AUTH': cr(
    (b) => (http(b).oidc_token = { service_account_email: 'scheduler@p.iam.gserviceaccount.com' }),
    (b) => (http(b).oidc_token = '${var.oidc}'),
  ),
  'SCH-RUN-JOB': cr(
    (b) => {
      delete http(b).oauth_token;
      http(b).oidc_token = { service_account_email: 'scheduler@p.iam.gserviceaccount.com' };
    },
    (b) => (http(b).uri = '${var.uri}'),
  ),
  'GAE-INSTANCE-CLASS': cr(
    (b) => (b.instance_class = 'F3'),
    (b) => (b.instance_class = '${var.class}'),
  ),
  'GAE-CLASS-SCALING': cr(
    (b) => (b.instance_class = 'B2'),
    (b) => (b.instance_class = '${var.class}'),
  ),
  'GAE-UTILIZATION-RANGE': cr(
    (b) => (sched(b).target_cpu_utilization = 0.99),
    (b) => (sched(b).target_cpu_utilization = '${var.u}'),
  ),
  'GAE-MAX-CONCURRENT-REQUESTS': cr(
    (b) => (auto(b).max_concurrent_requests = 2000),
    (b) => (auto(b).max_concurrent_requests = '${var.mcr}'),
  ),
  'GAE-AUTOMATIC-INSTANCES': cr(
    (b) => Object.assign(sched(b), { min_instances: 10, max_instances: 5 }),
    (b) => (sched(b).max_instances = '${var.max}'),
  ),
  'GAE-PENDING-LATENCY': cr(
    (b) => Object.assign(auto(b), { min_pending_latency: '5s', max_pending_latency: '1s' }),
    (b) => (auto(b).max_pending_latency = '${var.latency}'),
  ),
  'GAE-BASIC-SCALING': cr(
    (b) => basic(b, { max_instances: 500 }),
    (b) => (b.basic_scaling = '${var.basic}'),
  ),
  'GAE-MANUAL-INSTANCES': cr(
    (b) => scaled(b, 'manual_scaling', { instances: 0 }),
    (b) => scaled(b, 'manual_scaling', { instances: '${var.n}' }),
  ),
  'GAE-WARMUP-MIN-INSTANCES': cr(
    (b) => {
      sched(b).min_instances = 1;
      b.inbound_services = [];
    },
    (b) => (b.inbound_services = '${var.inbound}'),
  ),
  'GAE-WARMUP-SCALING': cr(
    (b) => {
      basic(b, { max_instances: 2, idle_timeout: '900s' });
      b.inbound_services = ['INBOUND_SERVICE_WARMUP'];
    },
    (b) => (b.inbound_services = ['${var.inbound}']),
  ),
  'GAE-ENV-NAME': cr(
    (b) => (b.env_variables.GAE_SERVICE = 'x'),
    (b) => (b.env_variables = '${var.env}'),
  ),
  'GAE-ENV-RESERVED': cr(
    (b) => (b.env_variables.GAE_USE_SOCKETS_HTTPLIB = 'true'),
    (b) => (b.env_variables = '${var.env}'),
  ),
  'GAE-VERSION-ID': cr(
    (b) => (b.version_id = 'Release_1'),
    (b) => (b.version_id = '${var.version}'),
  ),
  'GAE-SERVICE-ID': cr(
    (b) => (b.service = 'My_Service'),
    (b) => (b.service = '${google_app_engine_application.app.name}'),
  ),
  'GAE-HOSTNAME-LENGTH': cr(
    (b) => Object.assign(b, { version_id: 'release-2026-11-29-build-123', project: 'my-company-prod-project' }),
    (b) => (b.project = '${var.project}'),
  ),
  'GAE-DEFAULT-SERVICE-DELETE': cr(
    (b) => (b.delete_service_on_destroy = true),
    (b) => (b.delete_service_on_destroy = '${var.delete}'),
  ),
  'GAE-DEPLOYMENT': cr(
    (b) => (b.deployment = { files: [] }),
    (b) => (b.deployment = '${var.deployment}'),
  ),
  'GAE-RUNTIME': cr(
    (b) => (b.runtime = 'python3'),
    (b) => (b.runtime = '${var.runtime}'),
  ),
  'GAE-RUNTIME-END-OF-SUPPORT': cr(
    (b) => (b.runtime = 'python310'),
    (b) => (b.runtime = '${var.runtime}'),
  ),
  'GAE-RUNTIME-SUPPORT-ENDING': {
    ...cr(
      (b) => (b.runtime = 'python311'),
      (b) => (b.runtime = '${var.runtime}'),
    ),
    now: new Date('2027-06-01T00:00:00Z'), // python311 reaches end of support on 2027-10-24
  },
  'GAE-ENTRYPOINT': cr(
    (b) => (b.entrypoint.shell = ' '),
    (b) => (b.entrypoint.shell = '${var.shell}'),
  ),
  'GAE-REDIRECT-CODE': cr(
    (b) => (b.handlers[0].redirect_http_response_code = 'REDIRECT_HTTP_RESPONSE_CODE_308'),
    (b) => (b.handlers[0].redirect_http_response_code = '${var.code}'),
  ),
  'GAE-SERVER-TIMEOUT-DEADLINE': cr(
    (b) => (b.entrypoint.shell = 'gunicorn -b :$PORT -w 2 main:app'),
    (b) => (b.entrypoint.shell = '${var.shell}'),
  ),
  'GAE-SERVER-CAPACITY': cr(
    (b) => (auto(b).max_concurrent_requests = 50),
    (b) => (b.entrypoint = '${var.entrypoint}'),
  ),
  'GAE-RESIDENT-COST': cr(
    (b) => (sched(b).min_instances = 2),
    (b) => (sched(b).min_instances = '${var.min}'),
  ),
  'GAE-BILLING-TAIL': cr(
    (b) => basic(b, { max_instances: 2, idle_timeout: '300s' }),
    (b) => basic(b, { max_instances: 2, idle_timeout: '${var.idle}' }),
  ),
  'GAE-MAX-INSTANCES-UNSET': cr(
    (b) => delete sched(b).max_instances,
    (b) => (sched(b).max_instances = '${var.max}'),
  ),
  'GAE-SERVICE-ACCOUNT': cr(
    (b) => (b.service_account = 'web'),
    (b) => (b.service_account = '${var.sa}'),
  ),
  'GAE-DEFAULT-SA': cr(
    (b) => (b.service_account = 'p@appspot.gserviceaccount.com'),
    (b) => (b.service_account = '${var.sa}'),
  ),
  'GAE-PLAIN-SECRET-ENV': cr(
    (b) => (b.env_variables = { ...b.env_variables, SECRET_KEY: 'django-insecure-abc' }),
    (b) => (b.env_variables = '${var.env}'),
  ),
  'GAE-HTTPS': cr(
    (b) => (b.handlers[0].security_level = 'SECURE_OPTIONAL'),
    (b) => (b.handlers = '${var.handlers}'),
  ),
  'GAE-APP-LOCATION': cr(
    (b) => (b.location_id = 'us-central1'),
    (b) => (b.location_id = '${var.region}'),
  ),
  'GAE-APP-LOCATION-UNLISTED': cr(
    (b) => (b.location_id = 'mars-north1'),
    (b) => (b.location_id = '${var.region}'),
  ),
  'GAE-APP-DATABASE-TYPE': cr(
    (b) => (b.database_type = 'CLOUD_DATASTORE'),
    (b) => (b.database_type = '${var.db}'),
  ),
  'GAE-APP-PER-PROJECT': {
    fail: (b) => (b.second = true),
    unknown: (b) => (b.project = '${var.project}'),
    extra: (b): Record<string, Record<string, Json>> => {
      const second = b.second;
      delete b.second;
      return second ? { google_app_engine_application: { r: b, other: application() } } : {};
    },
  },
  'GAE-SSL-POLICY': cr(
    (b) => delete b.ssl_policy,
    (b) => (b.ssl_policy = '${var.ssl}'),
  ),
  'GAE-FIREWALL-OPEN': cr(
    (b) => (b.source_range = '*'),
    (b) => (b.source_range = '${var.range}'),
  ),
};

// --- Construct intent: outcomes through the constructs' own pipeline (props → settings → facts → rule) --------------
const RULES = new Map<string, FactRule<never>>(
  [...CLOUD_RUN_RULES, ...CLOUD_RUN_INVOKER_RULES, ...APP_ENGINE_VERSION_RULES, ...APP_ENGINE_APPLICATION_RULES].map(
    (r) => [r.id, r as FactRule<never>],
  ),
);
const outcome = (ruleId: string, set: FactSet<unknown>): Status =>
  evaluateRule(RULES.get(ruleId) as FactRule<unknown>, set, { now: NOW }).status;
const problemsOf = () => new Problems(new Construct(newStack(), 'x'), 'test');
const tokenString = () => new TerraformVariable(newStack(), 'v', { type: 'string' }).stringValue;
const tokenNumber = () => new TerraformVariable(newStack(), 'v', { type: 'number' }).numberValue;

const RUN_BASE = {
  region: 'us-central1',
  image: 'us-docker.pkg.dev/p/r/app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
};
const cloudRun = (ruleId: string, props: Partial<CloudRunServiceProps>) => () =>
  outcome(ruleId, serviceFacts(resolveService('api', { ...RUN_BASE, maxInstances: 10, ...props }, problemsOf())));

const pool = (ruleId: string, props: Partial<CloudRunWorkerPoolProps>) => () =>
  outcome(ruleId, workerPoolFacts(resolveWorkerPool('pool', { ...RUN_BASE, ...props }, problemsOf())));

const deployment = Deployment.zip('https://storage.googleapis.com/b/app.zip');
const appEngine = (ruleId: string, props: Partial<AppEngineStandardServiceProps>) => () =>
  outcome(
    ruleId,
    versionFacts(resolveVersion({ runtime: 'python312', deployment, ...props }, undefined, problemsOf())),
  );
/** The outcome for a version read from an app.yaml (whose set-aside values are unknown). */
const appYaml =
  (ruleId: string, yaml: string, options: { requestTimeout?: number } = {}) =>
  () => {
    const { props, ...context } = readAppYaml({ yaml }, { deployment, ...options });
    assert.ok(props, 'the app.yaml fixture is readable');
    return outcome(ruleId, versionFacts(resolveVersion(props, context, problemsOf())));
  };
/**
 * The outcome at synth for version 'api' of a stack that creates the application, with a version of `default` or not;
 * `service` makes its service (from the stack).
 */
const appEngineInStack = (ruleId: string, service: (stack: Construct) => string, withDefault: boolean) => () => {
  const stack = newStack();
  new AppEngineApplication(stack, 'app', { locationId: 'europe-west' });
  if (withDefault) new AppEngineStandardService(stack, 'web', { runtime: 'python312', deployment });
  const api = new AppEngineStandardService(stack, 'api', { runtime: 'python312', deployment, service: service(stack) });
  return outcome(ruleId, stackFactsOf(api));
};
const wsgi = (options: Partial<Parameters<typeof Gunicorn.wsgi>[0]> = {}) =>
  Gunicorn.wsgi({ app: 'main:app', ...options });

const CONSTRUCT_CASES: Record<string, ConstructCase> = {
  'GCR-BACKGROUND-BILLING': {
    pass: cloudRun('GCR-BACKGROUND-BILLING', { backgroundWork: true }),
    fail: cloudRun('GCR-BACKGROUND-BILLING', { backgroundWork: true, billing: Billing.REQUEST }),
    neverUnknown: 'backgroundWork is a boolean and billing an enum: props cannot give either as a token',
  },
  'GCR-SERVER-MEMORY': {
    pass: cloudRun('GCR-SERVER-MEMORY', { memory: '1Gi', server: wsgi({ memoryPerWorker: '400Mi' }) }),
    fail: cloudRun('GCR-SERVER-MEMORY', { server: wsgi({ memoryPerWorker: '600Mi' }) }),
    unknown: cloudRun('GCR-SERVER-MEMORY', { memory: tokenString(), server: wsgi({ memoryPerWorker: '600Mi' }) }),
  },
  'GCR-SERVER-COMMAND': {
    pass: cloudRun('GCR-SERVER-COMMAND', { server: wsgi() }),
    fail: cloudRun('GCR-SERVER-COMMAND', { server: wsgi(), command: ['python'] }),
    unknown: cloudRun('GCR-SERVER-COMMAND', { server: wsgi({ workers: tokenNumber() }), command: [tokenString()] }),
  },
  'GCR-VOLUME-CONTAINER': {
    pass: cloudRun('GCR-VOLUME-CONTAINER', {
      sidecars: [{ name: 'otel', image: RUN_BASE.image }],
      volumes: [Volume.inMemory({ sizeLimit: '64Mi', container: 'otel' })],
    }),
    fail: cloudRun('GCR-VOLUME-CONTAINER', { volumes: [Volume.inMemory({ sizeLimit: '64Mi', container: 'ghost' })] }),
    unknown: cloudRun('GCR-VOLUME-CONTAINER', {
      volumes: [Volume.inMemory({ sizeLimit: '64Mi', container: tokenString() })],
    }),
  },
  'GCR-WORKER-POOL-VPC': {
    pass: pool('GCR-WORKER-POOL-VPC', { vpcAccess: VpcAccess.directVpc({ subnetwork: 'default' }) }),
    fail: pool('GCR-WORKER-POOL-VPC', { vpcAccess: VpcAccess.connector('projects/p/locations/r/connectors/c') }),
    neverUnknown:
      'a connector is asked for by calling VpcAccess.connector, whatever its arguments: no value makes it unknown',
  },
  'GCR-BACKGROUND-WORKER-POOL': {
    pass: cloudRun('GCR-BACKGROUND-WORKER-POOL', { backgroundWork: true, minInstances: 1, server: wsgi() }),
    fail: cloudRun('GCR-BACKGROUND-WORKER-POOL', { backgroundWork: true, minInstances: 1 }),
    unknown: cloudRun('GCR-BACKGROUND-WORKER-POOL', { backgroundWork: true, minInstances: tokenNumber() }),
  },
  'GCR-INVOKER-MEMBER': {
    pass: () => outcome('GCR-INVOKER-MEMBER', invokerFacts('serviceAccount:caller@p.iam.gserviceaccount.com')),
    fail: () => outcome('GCR-INVOKER-MEMBER', invokerFacts('caller@p.iam.gserviceaccount.com')),
    unknown: () => outcome('GCR-INVOKER-MEMBER', invokerFacts(tokenString())),
  },
  'GAE-REQUEST-DEADLINE': {
    pass: appEngine('GAE-REQUEST-DEADLINE', { requestTimeout: 600 }),
    fail: appEngine('GAE-REQUEST-DEADLINE', { requestTimeout: 1800 }),
    unknown: appEngine('GAE-REQUEST-DEADLINE', { requestTimeout: tokenNumber() }),
  },
  'GAE-WARMUP-HANDLER': {
    pass: appEngine('GAE-WARMUP-HANDLER', { warmup: true }),
    fail: appEngine('GAE-WARMUP-HANDLER', {
      warmup: true,
      handlers: [Handler.staticFiles('/s/(.*)', { path: 's/\\1', uploadPathRegex: 's/.*' })],
    }),
    unknown: appYaml(
      'GAE-WARMUP-HANDLER',
      'runtime: python312\ninbound_services:\n- warmup\nhandlers:\n- url: /.*\n  scrpit: auto\n',
    ),
  },
  'GAE-PYTHON-RUNTIME': {
    pass: appEngine('GAE-PYTHON-RUNTIME', { runtime: 'python312' }),
    fail: appEngine('GAE-PYTHON-RUNTIME', { runtime: 'nodejs20' }),
    unknown: appEngine('GAE-PYTHON-RUNTIME', { runtime: tokenString() }),
  },
  'GAE-SERVER-MEMORY': {
    pass: appEngine('GAE-SERVER-MEMORY', {
      instanceClass: InstanceClass.F2,
      server: wsgi({ memoryPerWorker: '150Mi' }),
    }),
    fail: appEngine('GAE-SERVER-MEMORY', { server: wsgi({ memoryPerWorker: '200Mi' }) }),
    unknown: appEngine('GAE-SERVER-MEMORY', {
      instanceClass: tokenString() as InstanceClass,
      server: wsgi({ workers: 2, memoryPerWorker: '200Mi' }),
    }),
  },
  'GAE-SERVER-TIMEOUT': {
    pass: appEngine('GAE-SERVER-TIMEOUT', { requestTimeout: 120, server: wsgi({ threads: 1, timeout: 120 }) }),
    fail: appEngine('GAE-SERVER-TIMEOUT', { requestTimeout: 120, server: wsgi({ threads: 1, timeout: 30 }) }),
    unknown: appEngine('GAE-SERVER-TIMEOUT', {
      requestTimeout: tokenNumber(),
      server: wsgi({ threads: 1, timeout: 30 }),
    }),
  },
  'GAE-SERVER-ENTRYPOINT': {
    pass: appEngine('GAE-SERVER-ENTRYPOINT', { entrypoint: 'gunicorn -b :$PORT main:app' }),
    fail: appEngine('GAE-SERVER-ENTRYPOINT', { entrypoint: 'gunicorn -b :$PORT main:app', server: wsgi() }),
    unknown: appYaml('GAE-SERVER-ENTRYPOINT', 'runtime: python312\nentrypoint: [gunicorn]\n'),
  },
  'GAE-DEFAULT-SERVICE-FIRST': {
    pass: appEngineInStack('GAE-DEFAULT-SERVICE-FIRST', () => 'api', true),
    fail: appEngineInStack('GAE-DEFAULT-SERVICE-FIRST', () => 'api', false),
    unknown: appEngineInStack(
      'GAE-DEFAULT-SERVICE-FIRST',
      (stack) => new TerraformVariable(stack, 'service', { type: 'string' }).stringValue,
      false,
    ),
  },
  ...APP_YAML_CASES,
  ...MIGRATION_CASES,
};

function terraform(kind: ResourceKind, c: TerraformCase, mutate?: Mutation): Json {
  const base = BASES[kind];
  assert.ok(base, `no compliant base for ${kind}`);
  const body = (c.base ?? base.make)();
  mutate?.(body, kind);
  return tf(base.type, body, c.extra?.(body));
}

const WALKED = EVERY_RULE.filter((r) => !SUPPRESSION_RULES.includes(r));

describe('the rule registry', () => {
  test('every rule describes itself: id, pack, level, whether it can be suppressed, kinds, title, explanation, source', () => {
    const ids = EVERY_RULE.map((r) => r.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const r of EVERY_RULE) {
      assert.ok(Object.values(Pack).includes(r.pack), `${r.id}: pack`);
      assert.ok(Object.values(CheckLevel).includes(r.level), `${r.id}: level`);
      assert.equal(typeof r.suppressible, 'boolean', `${r.id}: suppressible`);
      for (const kind of r.appliesTo) assert.ok(Object.values(ResourceKind).includes(kind), `${r.id}: ${kind}`);
      assert.ok(r.title.length > 10 && r.explanation.length > 20 && r.source.length > 10, `${r.id}: documented`);
    }
    for (const r of WALKED) assert.ok(r.appliesTo.length > 0, `${r.id} applies to nothing`);
  });

  test('what the platform rejects cannot be suppressed; what can be suppressed is not a platform error it rejects', () => {
    // Declared per rule; spot checks of the declarations the README table shows.
    const byId = new Map(EVERY_RULE.map((r) => [r.id, r]));
    assert.equal(byId.get('GCR-CPU-VALUE')?.suppressible, false);
    assert.equal(byId.get('GCR-SERVER-TIMEOUT')?.suppressible, true);
    assert.equal(byId.get('GAE-WARMUP-MIN-INSTANCES')?.suppressible, true);
    assert.equal(byId.get('GAE-APP-LOCATION-UNLISTED')?.suppressible, true);
    assert.equal(byId.get('GCR-PUBLIC-INVOKER')?.suppressible, true);
  });

  test('every rule has a case for what it applies to, and no case names a rule that does not exist', () => {
    const resourceRules = WALKED.filter((r) => !r.appliesTo.includes(K.CONSTRUCT)).map((r) => r.id);
    const constructRules = WALKED.filter((r) => r.appliesTo.includes(K.CONSTRUCT)).map((r) => r.id);
    assert.deepEqual(
      resourceRules.filter((id) => !(id in TERRAFORM_CASES)),
      [],
    );
    assert.deepEqual(
      constructRules.filter((id) => !(id in CONSTRUCT_CASES)),
      [],
    );
    assert.deepEqual(
      Object.keys(TERRAFORM_CASES).filter((id) => !resourceRules.includes(id)),
      [],
      'Terraform cases for rules that judge no resource',
    );
    assert.deepEqual(
      Object.keys(CONSTRUCT_CASES).filter((id) => !constructRules.includes(id)),
      [],
      'construct cases for rules that are not about construct intent',
    );
  });

  for (const rule of WALKED) {
    describe(rule.id, () => {
      // A construct-intent rule naming kinds (`[CONSTRUCT, CLOUD_RUN_WORKER_POOL]`) is walked through its construct
      // case once; the kinds only say which constructs run it (see 'construct-intent rules' below).
      for (const kind of rule.appliesTo.includes(K.CONSTRUCT) ? [K.CONSTRUCT] : rule.appliesTo) {
        if (kind === K.CONSTRUCT) {
          const c = CONSTRUCT_CASES[rule.id];
          test('construct props: compliant → pass', () => assert.equal(c.pass(), 'pass'));
          test('construct props: non-compliant → fail', () => assert.equal(c.fail(), 'fail'));
          test('construct props: unknown value → unknown', () => {
            if (c.unknown) assert.equal(c.unknown(), 'unknown');
            else assert.ok((c.neverUnknown ?? '').length > 20, 'a reason why nothing the rule reads can be unknown');
          });
          continue;
        }
        const c = TERRAFORM_CASES[rule.id];
        test(`${kind}: compliant → pass`, () => assert.equal(status(terraform(kind, c), rule.id, c.now), 'pass'));
        test(`${kind}: non-compliant → fail`, () =>
          assert.equal(status(terraform(kind, c, c.fail), rule.id, c.now), 'fail'));
        test(`${kind}: unknown value → unknown`, () =>
          assert.equal(status(terraform(kind, c, c.unknown), rule.id, c.now), 'unknown'));
      }
    });
  }
});

describe('construct-intent rules', () => {
  const intent = WALKED.filter((r) => r.appliesTo.includes(K.CONSTRUCT));
  const CONSTRUCT_KINDS = [K.CLOUD_RUN_SERVICE, K.CLOUD_RUN_JOB, K.CLOUD_RUN_WORKER_POOL];

  test('the policy checks never run them, whatever kinds they name', () => {
    const engine = new Map(ALL_RULES.map((r) => [r.id, r.resourceTypes]));
    assert.ok(intent.length > 0);
    for (const r of intent) assert.deepEqual(engine.get(r.id) ?? [], [], r.id);
  });

  test('one naming kinds is run by the constructs of those kinds only; one naming none by every construct', () => {
    const scoped = intent.filter((r) => r.appliesTo.length > 1);
    assert.ok(scoped.some((r) => r.id === 'GCR-WORKER-POOL-VPC'));
    for (const kind of CONSTRUCT_KINDS) {
      const run = new Set(rulesFor(CLOUD_RUN_RULES, kind).map((r) => r.id));
      for (const r of intent.filter((x) => CLOUD_RUN_RULES.some((c) => c.id === x.id))) {
        const expected = r.appliesTo.length === 1 || r.appliesTo.includes(kind);
        assert.equal(run.has(r.id), expected, `${r.id} on ${kind}`);
      }
    }
  });
});

describe('what a rule says of a job or a worker pool does not call it a service', () => {
  // "service" as the kind of resource; not a service account, the service agent, CloudRunService, or a service-level
  // setting, which only services have.
  const SERVICE = /\bservices?\b(?! account| agent|-level)/i;
  // Titles that speak of services alone on purpose: a clause that holds for services only.
  const SERVICE_CLAUSE: Readonly<Record<string, RegExp>> = {
    'GCR-CONTAINERS': /in a service exactly one declares the port/,
    'GCR-SERVICE-NAME': /^Service and worker pool names/,
  };
  const noServiceFor = (kinds: readonly ResourceKind[]) =>
    WALKED.filter((r) => kinds.some((k) => r.appliesTo.includes(k)));

  test('a title that names services names jobs and worker pools too when the rule applies to them', () => {
    const wrong = noServiceFor([K.CLOUD_RUN_JOB, K.CLOUD_RUN_WORKER_POOL]).filter((r) => {
      const title = r.title.replace(SERVICE_CLAUSE[r.id] ?? /$^/, '');
      if (!SERVICE.test(title)) return false;
      const job = r.appliesTo.includes(K.CLOUD_RUN_JOB) && !/\bjobs?\b/.test(title);
      const pool = r.appliesTo.includes(K.CLOUD_RUN_WORKER_POOL) && !/\bworker pools?\b/.test(title);
      return job || pool;
    });
    assert.deepEqual(
      wrong.map((r) => `${r.id}: ${r.title}`),
      [],
    );
  });

  test('the volume container rule, judged by every construct, says what holds for jobs and worker pools', () => {
    const rule = WALKED.find((r) => r.id === 'GCR-VOLUME-CONTAINER')!;
    assert.match(rule.title, /job or worker pool/);
  });

  for (const kind of [K.CLOUD_RUN_JOB, K.CLOUD_RUN_WORKER_POOL]) {
    test(`${kind}: no finding of a non-compliant case says service`, () => {
      const said: string[] = [];
      for (const rule of noServiceFor([kind])) {
        const c = TERRAFORM_CASES[rule.id];
        if (!c) continue;
        for (const f of checkTerraform(terraform(kind, c, c.fail), { now: c.now ?? NOW })) {
          // Quoted values are the input's or suggestions built from it, not the rule's words.
          const words = `${f.problem} ${f.fix}`.replace(/'[^']*'/g, "''");
          if (f.ruleId === rule.id && SERVICE.test(words)) said.push(`${f.ruleId}: ${f.problem}. ${f.fix}`);
        }
      }
      assert.deepEqual(said, []);
    });
  }
});

describe('the compliant fixtures are clean for every rule', () => {
  for (const [kind, base] of Object.entries(BASES)) {
    test(`${kind}: no failure and no unknown`, () => {
      const json = tf(base.type, base.make());
      const bad = WALKED.map((r) => [r.id, status(json, r.id)]).filter(([, s]) => s === 'fail' || s === 'unknown');
      assert.deepEqual(bad, []);
    });
  }
});

describe('construct rules are judged by the constructs', () => {
  test('a construct-intent rule fails the construct with its id', () => {
    assert.throws(
      () => new AppEngineStandardService(newStack(), 'svc', { runtime: 'python312', deployment, requestTimeout: 1800 }),
      /requestTimeout = 1800: .*\[GAE-REQUEST-DEADLINE\]/,
    );
  });
});
