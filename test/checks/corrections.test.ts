/**
 * Rules corrected so that none refuses what Google accepts, judged on raw Terraform (the constructs' side of each
 * correction is tested with the constructs). Each case starts from a compliant fixture and changes what the rule reads.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkTerraform } from '../../lib/checks/engine';
import {
  type Json,
  mutated,
  NOW,
  standardVersion,
  status,
  tf,
  v1Service,
  v2Job,
  v2Service,
  workerPool,
} from './fixtures';

const service = (mutate: (b: Json) => void) => tf('google_cloud_run_v2_service', mutated(v2Service, mutate));
const version = (mutate: (b: Json) => void) =>
  tf('google_app_engine_standard_app_version', mutated(standardVersion, mutate));
const command =
  (...args: string[]) =>
  (b: Json) => {
    b.template.containers[0].command = ['gunicorn'];
    b.template.containers[0].args = args;
  };

describe('gunicorn timeouts: only sync workers are killed mid-request', () => {
  test('Cloud Run: a sync worker with the default 30 s timeout fails; gthread and async workers pass', () => {
    const long = (b: Json) => (b.template.timeout = '3600s');
    const run = (...args: string[]) =>
      service((b) => {
        command(...args, '--preload', 'main:app')(b);
        long(b);
      });
    assert.equal(status(run('--workers', '2'), 'GCR-SERVER-TIMEOUT'), 'fail');
    assert.equal(status(run('--workers', '2', '-k', 'sync'), 'GCR-SERVER-TIMEOUT'), 'fail');
    assert.equal(status(run('--workers', '2', '--threads', '8'), 'GCR-SERVER-TIMEOUT'), 'pass');
    assert.equal(status(run('--workers', '2', '-k', 'gthread'), 'GCR-SERVER-TIMEOUT'), 'pass');
    assert.equal(status(run('--workers', '2', '-k', 'uvicorn_worker.UvicornWorker'), 'GCR-SERVER-TIMEOUT'), 'pass');
  });

  test('App Engine: the deadline warning only for sync workers', () => {
    const shell = (s: string) => version((b) => (b.entrypoint.shell = s));
    assert.equal(status(shell('gunicorn -b :$PORT -w 2 main:app'), 'GAE-SERVER-TIMEOUT-DEADLINE'), 'fail');
    assert.equal(status(shell('gunicorn -b :$PORT -w 2 --threads 4 main:app'), 'GAE-SERVER-TIMEOUT-DEADLINE'), 'pass');
    assert.equal(status(shell('gunicorn -b :$PORT -w 2 -k gevent main:app'), 'GAE-SERVER-TIMEOUT-DEADLINE'), 'pass');
  });
});

describe("App Engine runtimes: one table with dates, judged against the run's now", () => {
  const runtime = (id: string) => version((b) => (b.runtime = id));
  test('bare python3 and python3.9 are not runtime ids; deprecated runtimes cannot be deployed at all', () => {
    for (const id of ['python3', 'python3.9', 'python27', 'python37', 'python39'])
      assert.equal(status(runtime(id), 'GAE-RUNTIME'), 'fail', id);
    assert.equal(status(runtime('python313'), 'GAE-RUNTIME'), 'pass');
  });

  test('past end of support before deprecation: refused unless an organization policy re-enables it', () => {
    assert.equal(status(runtime('python310'), 'GAE-RUNTIME-END-OF-SUPPORT'), 'fail');
    assert.equal(status(runtime('python310'), 'GAE-RUNTIME'), 'pass');
    // Judged at the checker's now: on 2026-09-01 python310 was still supported, ending within six months.
    const before = new Date('2026-09-01T00:00:00Z');
    assert.equal(status(runtime('python310'), 'GAE-RUNTIME-END-OF-SUPPORT', before), 'pass');
    assert.equal(status(runtime('python310'), 'GAE-RUNTIME-SUPPORT-ENDING', before), 'fail');
  });
});

describe('zero means "not set"', () => {
  test('App Engine utilization targets 0 or negative pass GAE-UTILIZATION-RANGE', () => {
    for (const value of [0, -1]) {
      const json = version((b) => (b.automatic_scaling.standard_scheduler_settings.target_cpu_utilization = value));
      assert.equal(status(json, 'GAE-UTILIZATION-RANGE'), 'pass', String(value));
    }
    const low = version((b) => (b.automatic_scaling.standard_scheduler_settings.target_throughput_utilization = 0.3));
    assert.equal(status(low, 'GAE-UTILIZATION-RANGE'), 'fail');
  });

  test('Cloud Run max_instance_count = 0 passes GCR-SCALING-RANGE and is reported as unset, not disabled', () => {
    const json = service((b) => (b.template.scaling = { min_instance_count: 1, max_instance_count: 0 }));
    assert.equal(status(json, 'GCR-SCALING-RANGE'), 'pass');
    assert.equal(status(json, 'GCR-MAX-INSTANCES-UNSET'), 'fail');
    const v1 = tf('google_cloud_run_service', {
      ...v1Service(),
      template: { ...v1Service().template, metadata: { annotations: { 'autoscaling.knative.dev/maxScale': '0' } } },
    });
    assert.equal(status(v1, 'GCR-SCALING-RANGE'), 'pass');
  });
});

describe('probes: a timeout longer than the period is a warning, the ranges stay errors', () => {
  test('the provider acceptance tests shape (timeout 6, period 2) is a warning, never an error', () => {
    const json = service(
      (b) =>
        (b.template.containers[0].startup_probe = {
          http_get: { path: '/' },
          period_seconds: 2,
          timeout_seconds: 6,
          failure_threshold: 3,
        }),
    );
    assert.equal(status(json, 'GCR-STARTUP-PROBE'), 'pass');
    assert.equal(status(json, 'GCR-PROBE-TIMEOUT'), 'fail');
    const levels = checkTerraform(json, { now: NOW })
      .filter((f) => f.ruleId === 'GCR-PROBE-TIMEOUT')
      .map((f) => f.level);
    assert.deepEqual(levels, ['warning']);
  });

  test('a job may give its startup probe 600 s (the jobs page), a service 240 s', () => {
    const probe = { tcp_socket: { port: 8080 }, period_seconds: 60, failure_threshold: 10 };
    const job = tf(
      'google_cloud_run_v2_job',
      mutated(v2Job, (b) => (b.template.template.containers[0].startup_probe = probe)),
    );
    assert.equal(status(job, 'GCR-STARTUP-BUDGET'), 'pass');
    assert.equal(
      status(
        service((b) => (b.template.containers[0].startup_probe = probe)),
        'GCR-STARTUP-BUDGET',
      ),
      'fail',
    );
  });
});

describe('GPUs: the CPU-only limits and billing warnings do not apply; the GPU needs its own', () => {
  /** A v2 service with an L4 GPU as Google's sample writes it: no cpu_idle, max instances at the service level. */
  const gpuService = (cpu: string, memory: string, mutate: (b: Json) => void = () => undefined) =>
    service((b) => {
      const c = b.template.containers[0];
      c.resources = { limits: { cpu, memory, 'nvidia.com/gpu': '1' }, startup_cpu_boost: true };
      b.template.node_selector = { accelerator: 'nvidia-l4' };
      b.template.gpu_zonal_redundancy_disabled = true;
      delete b.template.scaling;
      b.scaling = { max_instance_count: 1 };
      mutate(b);
    });

  test("Google's L4 sample: no error, no billing warning, no missing-maximum warning", () => {
    const json = gpuService('4', '16Gi');
    for (const id of [
      'GCR-GPU',
      'GCR-CPU-VALUE',
      'GCR-MEMORY-FOR-CPU',
      'GCR-CPU-IDLE-IMPLICIT',
      'GCR-INSTANCE-BILLING-NO-MIN',
      'GCR-MAX-INSTANCES-UNSET',
    ])
      assert.equal(status(json, id), 'pass', id);
  });

  test('an RTX PRO 6000 with 20 vCPU and 80 GiB passes the CPU and memory tables', () => {
    const json = gpuService('20', '80Gi', (b) => (b.template.node_selector.accelerator = 'nvidia-rtx-pro-6000'));
    for (const id of ['GCR-GPU', 'GCR-CPU-VALUE', 'GCR-MEMORY-RANGE', 'GCR-MEMORY-FOR-CPU'])
      assert.equal(status(json, id), 'pass', id);
  });

  test('too little CPU or memory for the GPU type, two GPUs, or request-based billing are errors', () => {
    assert.equal(status(gpuService('2', '8Gi'), 'GCR-GPU'), 'fail');
    assert.equal(
      status(
        gpuService('4', '16Gi', (b) => (b.template.containers[0].resources.limits['nvidia.com/gpu'] = '2')),
        'GCR-GPU',
      ),
      'fail',
    );
    assert.equal(
      status(
        gpuService('4', '16Gi', (b) => (b.template.containers[0].resources.cpu_idle = true)),
        'GCR-GPU',
      ),
      'fail',
    );
    // Without a GPU the 8 vCPU ceiling holds.
    assert.equal(
      status(
        service((b) => (b.template.containers[0].resources.limits.cpu = '20')),
        'GCR-CPU-VALUE',
      ),
      'fail',
    );
  });

  test('GPU jobs and worker pools are judged the same way', () => {
    const job = tf(
      'google_cloud_run_v2_job',
      mutated(v2Job, (b) => {
        b.template.template.containers[0].resources.limits = { cpu: '4', memory: '16Gi', 'nvidia.com/gpu': '1' };
        b.template.template.node_selector = { accelerator: 'nvidia-l4' };
      }),
    );
    assert.equal(status(job, 'GCR-GPU'), 'pass');
    const pool = tf(
      'google_cloud_run_v2_worker_pool',
      mutated(workerPool, (b) => {
        b.template.containers[0].resources.limits = { cpu: '1', memory: '4Gi', 'nvidia.com/gpu': '1' };
        b.template.node_selector = { accelerator: 'nvidia-l4' };
      }),
    );
    assert.equal(status(pool, 'GCR-GPU'), 'fail');
  });
});

describe('scaling: manual mode and a service-level maximum', () => {
  test('scaling_mode = MANUAL: no missing-maximum warning, a cost warning for the instances it runs', () => {
    const manual = service((b) => {
      delete b.template.scaling;
      b.scaling = { scaling_mode: 'MANUAL', manual_instance_count: 10 };
    });
    assert.equal(status(manual, 'GCR-MAX-INSTANCES-UNSET'), 'pass');
    assert.equal(status(manual, 'GCR-MANUAL-INSTANCES-COST'), 'fail');
    const message = checkTerraform(manual, { now: NOW }).find((f) => f.ruleId === 'GCR-MANUAL-INSTANCES-COST');
    assert.match(message?.problem ?? '', /10 instance\(s\) run around the clock/);
  });

  test('a maximum written at the service level (provider 7+) counts', () => {
    const json = service((b) => {
      delete b.template.scaling;
      b.scaling = { max_instance_count: 5 };
    });
    assert.equal(status(json, 'GCR-MAX-INSTANCES-UNSET'), 'pass');
    const none = service((b) => delete b.template.scaling);
    assert.equal(status(none, 'GCR-MAX-INSTANCES-UNSET'), 'fail');
  });
});

describe('worker pools get every rule that applies to them', () => {
  const pool = (mutate: (b: Json) => void) => tf('google_cloud_run_v2_worker_pool', mutated(workerPool, mutate));
  test('cpu "3", memory "64Gi" and a plain-text DB_PASSWORD are found', () => {
    const json = pool((b) => {
      b.template.containers[0].resources.limits = { cpu: '3', memory: '64Gi' };
      b.template.containers[0].env = [{ name: 'DB_PASSWORD', value: 'hunter2hunter2' }];
    });
    for (const id of ['GCR-CPU-VALUE', 'GCR-MEMORY-RANGE', 'GCR-PLAIN-SECRET-ENV'])
      assert.equal(status(json, id), 'fail', id);
  });

  test('the default manual pool (one instance, always allocated) draws the cost warning; image, account and env are judged', () => {
    const json = pool((b) => {
      delete b.scaling;
      delete b.template.service_account;
      b.template.containers[0].image = 'us-docker.pkg.dev/p/r/worker:latest';
      b.template.containers[0].env = [{ name: 'CLOUD_RUN_WORKER_POOL', value: 'x' }];
    });
    for (const id of ['GCR-MANUAL-INSTANCES-COST', 'GCR-DEFAULT-SA', 'GCR-IMAGE-DIGEST', 'GCR-ENV-RESERVED'])
      assert.equal(status(json, id), 'fail', id);
  });
});

describe('App Engine host names: VERSION-dot-SERVICE-dot-PROJECT within 63 characters', () => {
  const named = (versionId: string, service: string) =>
    version((b) => Object.assign(b, { version_id: versionId, service }));
  test('the project comes from the resource, else from the provider block (alias included)', () => {
    const long = named('release-2026-11-29-build-123', 'payments-backend');
    assert.equal(
      status({ ...long, provider: { google: [{ project: 'my-company-prod' }] } }, 'GAE-HOSTNAME-LENGTH'),
      'fail',
    );
    assert.equal(status({ ...long, provider: { google: [{ project: 'p1' }] } }, 'GAE-HOSTNAME-LENGTH'), 'pass');
    const aliased = mutated(standardVersion, (b) =>
      Object.assign(b, {
        version_id: 'release-2026-11-29-build-123',
        service: 'payments-backend',
        provider: '${google.prod}',
      }),
    );
    const providers = { google: [{ project: 'p1' }, { alias: 'prod', project: 'my-company-prod' }] };
    assert.equal(
      status({ ...tf('google_app_engine_standard_app_version', aliased), provider: providers }, 'GAE-HOSTNAME-LENGTH'),
      'fail',
    );
  });

  test('nothing is judged without a version id (App Engine generates one) or a project', () => {
    assert.equal(status(named('release-2026-11-29-build-123', 'payments-backend'), 'GAE-HOSTNAME-LENGTH'), 'pass');
    const generated = version((b) => {
      delete b.version_id;
      b.project = 'my-company-prod-project-x';
    });
    assert.equal(status(generated, 'GAE-HOSTNAME-LENGTH'), 'pass');
  });
});

describe('App Engine environment names', () => {
  test("GAE_USE_SOCKETS_HTTPLIB (deployed by chromestatus) is a warning; the runtime's own names are errors", () => {
    const env = (name: string) => version((b) => (b.env_variables = { [name]: 'true' }));
    assert.equal(status(env('GAE_USE_SOCKETS_HTTPLIB'), 'GAE-ENV-NAME'), 'pass');
    assert.equal(status(env('GAE_USE_SOCKETS_HTTPLIB'), 'GAE-ENV-RESERVED'), 'fail');
    assert.equal(status(env('GAE_SERVICE'), 'GAE-ENV-NAME'), 'fail');
  });
});
