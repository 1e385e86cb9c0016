/**
 * Rules corrected so that none refuses what Google accepts, judged on raw Terraform (the constructs' side of each
 * correction is tested with the constructs). Each case starts from a compliant fixture and changes what the rule reads.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type Json, mutated, standardVersion, status, tf, v2Service } from './fixtures';

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
