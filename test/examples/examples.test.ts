import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { Testing } from 'cdktf';
import { buildExamples } from '../../examples/main';

/** Synthesizes every example app into a temporary cdktf.out, as `npm run synth` does. */
function synthAll() {
  const app = Testing.app({ stackTraces: false });
  buildExamples(app);
  app.synth();
  const manifest = JSON.parse(readFileSync(join(app.outdir, 'manifest.json'), 'utf8'));
  const stack = (id: string): any =>
    JSON.parse(readFileSync(join(app.outdir, manifest.stacks[id].synthesizedStackPath), 'utf8'));
  return { manifest, stack, outdir: app.outdir };
}

describe('examples', () => {
  const { manifest, stack, outdir } = synthAll();
  const cloudRun = (id: string) =>
    Object.values(stack(id).resource.google_cloud_run_v2_service)[0] as ReturnType<typeof stack>;

  test('every example synthesizes with validations and no error annotation', () => {
    const ids = Object.keys(manifest.stacks);
    assert.ok(ids.includes('cloud-run-python-api') && ids.includes('cloud-run-worker'), ids.join());
    for (const id of ids) {
      const errors = manifest.stacks[id].annotations.filter((a: { level: string }) => a.level === '@cdktf/error');
      assert.deepEqual(errors, [], id);
    }
  });

  test('the Cloud Run guide API: gunicorn 1 worker × 8 threads, timeout 0, request billing, HTTP startup probe', () => {
    const svc = cloudRun('cloud-run-python-api');
    const container = svc.template.containers[0];
    assert.deepEqual(
      [...container.command, ...container.args],
      ['gunicorn', '--bind', ':8080', '--workers', '1', '--threads', '8', '--timeout', '0', 'main:app'],
    );
    assert.equal(container.resources.cpu_idle, true);
    assert.equal(svc.template.max_instance_request_concurrency, 8);
    assert.ok(container.startup_probe.http_get);
  });

  test('the background worker: instance billing, a warm instance, preloaded app with a TCP probe', () => {
    const svc = cloudRun('cloud-run-worker');
    const container = svc.template.containers[0];
    assert.equal(container.resources.cpu_idle, false);
    assert.equal(svc.template.scaling.min_instance_count, 1);
    assert.ok(container.args.includes('--preload'));
    assert.deepEqual(container.startup_probe.tcp_socket, { port: 8080 });
  });

  test('the Django app reaches Cloud SQL through the /cloudsql socket, with no proxy, granted cloudsql.client', () => {
    const svc = cloudRun('cloud-run-django');
    assert.equal(svc.template.containers.length, 1);
    assert.deepEqual(svc.template.volumes, [
      { name: 'cloudsql', cloud_sql_instance: { instances: ['my-project:europe-west1:shop-db'] } },
    ]);
    const container = svc.template.containers[0];
    assert.deepEqual(container.volume_mounts, [{ name: 'cloudsql', mount_path: '/cloudsql' }]);
    assert.ok(
      container.env.some(
        (e: { name: string; value?: string }) => e.value === `/cloudsql/my-project:europe-west1:shop-db`,
      ),
    );
    const grant = Object.values(stack('cloud-run-django').resource.google_project_iam_member)[0] as { role: string };
    assert.equal(grant.role, 'roles/cloudsql.client');
  });

  test('the canary: 90% stays on the serving revision, the latest gets 10% and a tagged URL', () => {
    assert.deepEqual(cloudRun('cloud-run-canary').traffic, [
      { type: 'TRAFFIC_TARGET_ALLOCATION_TYPE_REVISION', revision: 'orders-00041-xyz', percent: 90 },
      { type: 'TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST', percent: 10, tag: 'canary' },
    ]);
  });

  test('the GPU inference service: one L4, instance billing, its CPU and memory, a read-only model bucket', () => {
    const svc = cloudRun('cloud-run-gpu-inference');
    const container = svc.template.containers[0];
    assert.deepEqual(container.resources.limits, { cpu: '4', memory: '16Gi', 'nvidia.com/gpu': '1' });
    assert.equal(container.resources.cpu_idle, false);
    assert.deepEqual(svc.template.node_selector, { accelerator: 'nvidia-l4' });
    assert.equal(svc.template.gpu_zonal_redundancy_disabled, true);
    assert.deepEqual(svc.template.volumes, [
      { name: 'my-project-models', gcs: { bucket: 'my-project-models', read_only: true } },
    ]);
    const grant = Object.values(stack('cloud-run-gpu-inference').resource.google_storage_bucket_iam_member)[0] as {
      role: string;
    };
    assert.equal(grant.role, 'roles/storage.objectViewer');
  });

  test('the Celery worker pool: the rendered worker, fixed instances, the broker URL from a secret, Direct VPC', () => {
    const pool = Object.values(stack('cloud-run-celery-worker').resource.google_cloud_run_v2_worker_pool)[0] as any;
    const c = pool.template.containers[0];
    assert.deepEqual(c.command.concat(c.args).slice(0, 8), [
      'celery',
      '-A',
      'orders',
      'worker',
      '--pool',
      'prefork',
      '--concurrency',
      '2',
    ]);
    assert.deepEqual(pool.scaling, { scaling_mode: 'MANUAL', manual_instance_count: 2 });
    assert.equal(c.env[0].value_source.secret_key_ref.secret, 'celery-broker-url');
    assert.equal(pool.template.vpc_access.network_interfaces[0].subnetwork, 'default');
  });

  test('the nightly job: the Django command, and a schedule that runs it at 03:00 Paris time as its invoker', () => {
    const json = stack('cloud-run-nightly-job');
    const job = Object.values(json.resource.google_cloud_run_v2_job)[0] as any;
    assert.deepEqual(job.template.template.containers[0].args.slice(0, 2), ['manage.py', 'clearsessions']);
    const schedule = Object.values(json.resource.google_cloud_scheduler_job)[0] as any;
    assert.deepEqual([schedule.schedule, schedule.time_zone], ['0 3 * * *', 'Europe/Paris']);
    assert.match(schedule.http_target.uri, /\/jobs\/nightly-cleanup:run$/);
    const grant = Object.values(json.resource.google_cloud_run_v2_job_iam_member)[0] as any;
    assert.equal(grant.member, `serviceAccount:${schedule.http_target.oauth_token.service_account_email}`);
  });

  test('the raw-resources stack is guarded by the checks alone: its accepted trade-offs are suppressed with reasons', () => {
    const report = JSON.parse(readFileSync(join(outdir, 'checks', 'raw-resources.json'), 'utf8'));
    const suppressed = report.findings.filter((f: { suppressed?: unknown }) => f.suppressed);
    assert.deepEqual(suppressed.map((f: { ruleId: string }) => f.ruleId).sort(), [
      'GCR-MIN-INSTANCES-COST',
      'GCR-PUBLIC-INVOKER',
    ]);
    for (const f of suppressed) assert.ok(f.suppressed.reason.length >= 10);
    const open = report.findings.filter(
      (f: { suppressed?: unknown; status: string; level: string }) =>
        !f.suppressed && f.status === 'fail' && f.level !== 'info',
    );
    assert.deepEqual(open, []);
  });
  test('the App Engine backend migrated to Cloud Run: B4 → 1 vCPU and 1536Mi, instance billing, at most 3, private with IAP', () => {
    const svc = cloudRun('cloud-run-from-app-engine');
    const container = svc.template.containers[0];
    assert.deepEqual(container.resources.limits, { cpu: '1', memory: '1536Mi' });
    assert.equal(container.resources.cpu_idle, false);
    assert.equal(svc.template.scaling.max_instance_count, 3);
    assert.equal(svc.template.timeout, '3600s');
    const members = Object.values(
      stack('cloud-run-from-app-engine').resource.google_cloud_run_v2_service_iam_member,
    ).map((m: any) => m.member);
    assert.ok(!members.includes('allUsers'), members.join());
  });
});
