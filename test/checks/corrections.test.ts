/**
 * Rules corrected so that none refuses what Google accepts, judged on raw Terraform (the constructs' side of each
 * correction is tested with the constructs). Each case starts from a compliant fixture and changes what the rule reads.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type Json, mutated, standardVersion, status, tf, v1Service, v2Service } from './fixtures';

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
