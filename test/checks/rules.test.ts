import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ALL_RULES } from '../../lib/checks/registry';
import {
  application,
  flexibleVersion,
  type Json,
  mutated,
  standardVersion,
  status,
  tf,
  v1Service,
  v2Job,
  v2Service,
} from './fixtures';

const V2 = 'google_cloud_run_v2_service';
const JOB = 'google_cloud_run_v2_job';
const V1 = 'google_cloud_run_service';
const STD = 'google_app_engine_standard_app_version';
const FLEX = 'google_app_engine_flexible_app_version';
const APP = 'google_app_engine_application';
const FW = 'google_app_engine_firewall_rule';

type Mutation = (b: Json) => void;
/** A rule's three fixtures: the compliant base, a mutation that breaks it, a mutation that makes it unknowable. */
interface Case {
  readonly type: string;
  readonly base: () => Json;
  readonly fail: Mutation;
  readonly unknown: Mutation;
  /** Extra resources next to the one judged. */
  readonly extra?: (b: Json) => Record<string, Record<string, Json>>;
}

const c0 = (b: Json) => b.template.containers[0];
const v2 = (fail: Mutation, unknown: Mutation): Case => ({ type: V2, base: v2Service, fail, unknown });
const std = (fail: Mutation, unknown: Mutation): Case => ({ type: STD, base: standardVersion, fail, unknown });
const auto = (b: Json) => b.automatic_scaling;
const sched = (b: Json) => b.automatic_scaling.standard_scheduler_settings;

const CASES: Record<string, Case> = {
  'GCR-CPU-VALUE': v2(
    (b) => (c0(b).resources.limits.cpu = '3'),
    (b) => (c0(b).resources.limits.cpu = '${var.cpu}'),
  ),
  'GCR-MEMORY-RANGE': v2(
    (b) => (c0(b).resources.limits.memory = '40Gi'),
    (b) => (c0(b).resources.limits.memory = '${var.memory}'),
  ),
  'GCR-MEMORY-FOR-CPU': v2(
    (b) => (c0(b).resources.limits.memory = '8Gi'),
    (b) => (c0(b).resources.limits.cpu = '${var.cpu}'),
  ),
  'GCR-FRACTIONAL-CPU': v2(
    (b) => (c0(b).resources.limits.cpu = '0.5'),
    (b) => {
      c0(b).resources.limits.cpu = '0.5';
      b.template.max_instance_request_concurrency = '${var.concurrency}';
    },
  ),
  'GCR-CPU-IDLE-IMPLICIT': v2(
    (b) => delete c0(b).resources.cpu_idle,
    (b) => (c0(b).resources.cpu_idle = '${var.cpu_idle}'),
  ),
  'GCR-CONCURRENCY-RANGE': v2(
    (b) => (b.template.max_instance_request_concurrency = 2000),
    (b) => (b.template.max_instance_request_concurrency = '${var.c}'),
  ),
  'GCR-SCALING-RANGE': v2(
    (b) => (b.template.scaling = { min_instance_count: 10, max_instance_count: 5 }),
    (b) => (b.template.scaling = { min_instance_count: 1, max_instance_count: '${var.max}' }),
  ),
  'GCR-REQUEST-TIMEOUT': v2(
    (b) => (b.template.timeout = '4000s'),
    (b) => (b.template.timeout = '${var.timeout}'),
  ),
  'GCR-LONG-REQUEST-TIMEOUT': v2(
    (b) => (b.template.timeout = '1800s'),
    (b) => (b.template.timeout = '${format("%ds", var.t)}'),
  ),
  'GCR-STARTUP-PROBE': v2(
    (b) => Object.assign(c0(b).startup_probe, { period_seconds: 60, failure_threshold: 10 }),
    (b) => (c0(b).startup_probe.period_seconds = '${var.period}'),
  ),
  'GCR-LIVENESS-PROBE': v2(
    (b) => (c0(b).liveness_probe.period_seconds = 5000),
    (b) => (c0(b).liveness_probe.period_seconds = '${local.period}'),
  ),
  'GCR-LIVENESS-TCP': v2(
    (b) => (c0(b).liveness_probe = { tcp_socket: { port: 8080 } }),
    (b) => (c0(b).liveness_probe = '${var.probe}'),
  ),
  'GCR-HTTP-PROBE-H2C': v2(
    (b) => (c0(b).ports.name = 'h2c'),
    (b) => (c0(b).ports.name = '${var.port_name}'),
  ),
  'GCR-SERVICE-NAME': v2(
    (b) => (b.name = 'My_Service'),
    (b) => (b.name = '${var.name}'),
  ),
  'GCR-SERVER-STARTUP-PROBE': v2(
    (b) => {
      c0(b).args = c0(b).args.filter((a: string) => a !== '--preload');
      c0(b).startup_probe = { tcp_socket: { port: 8080 } };
    },
    (b) => (c0(b).args = ['${var.args}']),
  ),
  'GCR-SERVER-TIMEOUT': v2(
    (b) => (c0(b).args = ['--workers', '4', '--threads', '2', '--preload', 'main:app']),
    (b) => (b.template.timeout = '${var.timeout}'),
  ),
  'GCR-SERVER-CAPACITY': v2(
    (b) => (b.template.max_instance_request_concurrency = 80),
    (b) => (c0(b).command = '${var.command}'),
  ),
  'GCR-CONCURRENCY-ONE': v2(
    (b) => (b.template.max_instance_request_concurrency = 1),
    (b) => (b.template.max_instance_request_concurrency = '${var.c}'),
  ),
  'GCR-MIN-INSTANCES-COST': v2(
    (b) => (b.template.scaling.min_instance_count = 2),
    (b) => (b.template.scaling.min_instance_count = '${var.min}'),
  ),
  'GCR-INSTANCE-BILLING-NO-MIN': v2(
    (b) => (c0(b).resources.cpu_idle = false),
    (b) => (c0(b).resources = '${var.resources}'),
  ),
  'GCR-MAX-INSTANCES-UNSET': v2(
    (b) => delete b.template.scaling,
    (b) => (b.template.scaling = '${var.scaling}'),
  ),
  'GCR-GEN1': v2(
    (b) => (b.template.execution_environment = 'EXECUTION_ENVIRONMENT_GEN1'),
    (b) => (b.template.execution_environment = '${var.env}'),
  ),
  'GCR-PUBLIC-INVOKER': {
    type: 'google_cloud_run_v2_service_iam_member',
    base: () => ({
      name: '${google_cloud_run_v2_service.api.name}',
      role: 'roles/run.invoker',
      member: 'serviceAccount:x@p.iam.gserviceaccount.com',
    }),
    fail: (b) => (b.member = 'allUsers'),
    unknown: (b) => (b.member = '${var.member}'),
    extra: () => ({ [V2]: { api: mutated(v2Service, (s) => (s.ingress = 'INGRESS_TRAFFIC_ALL')) } }),
  },
  'GCR-INGRESS-ALL': v2(
    (b) => delete b.ingress,
    (b) => (b.ingress = '${var.ingress}'),
  ),
  'GCR-DEFAULT-SA': v2(
    (b) => delete b.template.service_account,
    (b) => (b.template.service_account = '${var.sa}'),
  ),
  'GCR-PLAIN-SECRET-ENV': v2(
    (b) => c0(b).env.push({ name: 'DB_PASSWORD', value: 'hunter2hunter2' }),
    (b) => c0(b).env.push({ name: '${var.env_name}', value: 'x' }),
  ),
  'GCR-IMAGE-DIGEST': v2(
    (b) => (c0(b).image = 'gcr.io/p/app:latest'),
    (b) => (c0(b).image = '${var.image}'),
  ),
  'GCR-DELETION-PROTECTION-OFF': v2(
    (b) => (b.deletion_protection = false),
    (b) => (b.deletion_protection = '${var.protect}'),
  ),
  'GAE-INSTANCE-CLASS': std(
    (b) => (b.instance_class = 'F3'),
    (b) => (b.instance_class = '${var.class}'),
  ),
  'GAE-CLASS-SCALING': std(
    (b) => (b.instance_class = 'B2'),
    (b) => (b.instance_class = '${var.class}'),
  ),
  'GAE-UTILIZATION-RANGE': std(
    (b) => (sched(b).target_cpu_utilization = 0.99),
    (b) => (sched(b).target_cpu_utilization = '${var.u}'),
  ),
  'GAE-MAX-CONCURRENT-REQUESTS': std(
    (b) => (auto(b).max_concurrent_requests = 2000),
    (b) => (auto(b).max_concurrent_requests = '${var.mcr}'),
  ),
  'GAE-AUTOMATIC-INSTANCES': std(
    (b) => Object.assign(sched(b), { min_instances: 10, max_instances: 5 }),
    (b) => (sched(b).max_instances = '${var.max}'),
  ),
  'GAE-PENDING-LATENCY': std(
    (b) => Object.assign(auto(b), { min_pending_latency: '5s', max_pending_latency: '1s' }),
    (b) => (auto(b).max_pending_latency = '${var.latency}'),
  ),
  'GAE-BASIC-SCALING': std(
    (b) => {
      delete b.automatic_scaling;
      b.instance_class = 'B2';
      b.inbound_services = [];
      b.basic_scaling = { max_instances: 500 };
    },
    (b) => (b.basic_scaling = '${var.basic}'),
  ),
  'GAE-MANUAL-INSTANCES': std(
    (b) => {
      delete b.automatic_scaling;
      b.instance_class = 'B2';
      b.inbound_services = [];
      b.manual_scaling = { instances: 0 };
    },
    (b) => {
      delete b.automatic_scaling;
      b.instance_class = 'B2';
      b.inbound_services = [];
      b.manual_scaling = { instances: '${var.n}' };
    },
  ),
  'GAE-WARMUP-MIN-INSTANCES': std(
    (b) => {
      sched(b).min_instances = 1;
      b.inbound_services = [];
    },
    (b) => (b.inbound_services = '${var.inbound}'),
  ),
  'GAE-WARMUP-SCALING': std(
    (b) => {
      delete b.automatic_scaling;
      b.instance_class = 'B2';
      b.basic_scaling = { max_instances: 2, idle_timeout: '900s' };
    },
    (b) => (b.inbound_services = ['${var.inbound}']),
  ),
  'GAE-ENV-NAME': std(
    (b) => (b.env_variables.GAE_MODE = 'x'),
    (b) => (b.env_variables = '${var.env}'),
  ),
  'GAE-VERSION-ID': std(
    (b) => (b.version_id = 'Release_1'),
    (b) => (b.version_id = '${var.version}'),
  ),
  'GAE-SERVICE-ID': std(
    (b) => (b.service = 'My_Service'),
    (b) => (b.service = '${google_app_engine_application.app.name}'),
  ),
  'GAE-RUNTIME': std(
    (b) => (b.runtime = 'python27'),
    (b) => (b.runtime = '${var.runtime}'),
  ),
  'GAE-SERVER-TIMEOUT-DEADLINE': std(
    (b) => (b.entrypoint.shell = 'gunicorn -b :$PORT -w 2 --threads 4 main:app'),
    (b) => (b.entrypoint.shell = '${var.shell}'),
  ),
  'GAE-SERVER-CAPACITY': std(
    (b) => (auto(b).max_concurrent_requests = 50),
    (b) => (b.entrypoint = '${var.entrypoint}'),
  ),
  'GAE-RESIDENT-COST': std(
    (b) => (sched(b).min_instances = 2),
    (b) => (sched(b).min_instances = '${var.min}'),
  ),
  'GAE-BILLING-TAIL': std(
    (b) => {
      delete b.automatic_scaling;
      b.instance_class = 'B2';
      b.inbound_services = [];
      b.basic_scaling = { max_instances: 2, idle_timeout: '300s' };
    },
    (b) => {
      delete b.automatic_scaling;
      b.instance_class = 'B2';
      b.inbound_services = [];
      b.basic_scaling = { max_instances: 2, idle_timeout: '${var.idle}' };
    },
  ),
  'GAE-MAX-INSTANCES-UNSET': std(
    (b) => delete sched(b).max_instances,
    (b) => (sched(b).max_instances = '${var.max}'),
  ),
  'GAE-APP-LOCATION': {
    type: APP,
    base: application,
    fail: (b) => (b.location_id = 'us-central1'),
    unknown: (b) => (b.location_id = '${var.region}'),
  },
  'GAE-APP-LOCATION-UNLISTED': {
    type: APP,
    base: application,
    fail: (b) => (b.location_id = 'mars-north1'),
    unknown: (b) => (b.location_id = '${var.region}'),
  },
  'GAE-APP-DATABASE-TYPE': {
    type: APP,
    base: application,
    fail: (b) => (b.database_type = 'CLOUD_DATASTORE'),
    unknown: (b) => (b.database_type = '${var.db}'),
  },
  'GAE-HTTPS': std(
    (b) => (b.handlers[0].security_level = 'SECURE_OPTIONAL'),
    (b) => (b.handlers = '${var.handlers}'),
  ),
  'GAE-DEFAULT-SA': std(
    (b) => (b.service_account = 'p@appspot.gserviceaccount.com'),
    (b) => (b.service_account = '${var.sa}'),
  ),
  'GAE-PLAIN-SECRET-ENV': std(
    (b) => (b.env_variables.SECRET_KEY = 'django-insecure-abc'),
    (b) => (b.env_variables = '${var.env}'),
  ),
  'GAE-FIREWALL-OPEN': {
    type: FW,
    base: () => ({ action: 'ALLOW', source_range: '10.0.0.0/8', priority: 1000 }),
    fail: (b) => (b.source_range = '*'),
    unknown: (b) => (b.source_range = '${var.range}'),
  },
  'GAE-SSL-POLICY': {
    type: APP,
    base: application,
    fail: (b) => delete b.ssl_policy,
    unknown: (b) => (b.ssl_policy = '${var.ssl}'),
  },
};

function build(c: Case, mutate?: Mutation): Json {
  const body = c.base();
  mutate?.(body);
  return tf(c.type, body, c.extra?.(body));
}

describe('every rule has a compliant, a non-compliant and an unknown fixture', () => {
  test('the table covers every resource rule of the registry', () => {
    assert.deepEqual(
      ALL_RULES.map((r) => r.id)
        .filter((id) => !(id in CASES))
        .sort(),
      [],
    );
  });
  for (const [ruleId, c] of Object.entries(CASES)) {
    describe(ruleId, () => {
      test('compliant → pass', () => assert.equal(status(build(c), ruleId), 'pass'));
      test('non-compliant → fail', () => assert.equal(status(build(c, c.fail), ruleId), 'fail'));
      test('unknown value → unknown', () => assert.equal(status(build(c, c.unknown), ruleId), 'unknown'));
    });
  }
});

describe('the compliant fixtures are clean for every rule', () => {
  for (const [name, json] of Object.entries({
    v2: tf(V2, v2Service()),
    job: tf(JOB, v2Job()),
    v1: tf(V1, v1Service()),
    standard: tf(STD, standardVersion()),
    flexible: tf(FLEX, flexibleVersion()),
    application: tf(APP, application()),
  })) {
    test(`${name}: no failure and no unknown`, () => {
      const bad = ALL_RULES.map((r) => [r.id, status(json, r.id)]).filter(([, s]) => s === 'fail' || s === 'unknown');
      assert.deepEqual(bad, []);
    });
  }
});
