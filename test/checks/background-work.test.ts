/**
 * The checker on raw worker pools, jobs and Cloud Scheduler jobs, in the shapes real configurations write them, and
 * the summary lines it prints for them.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkTerraform } from '../../lib/checks/engine';
import { stackSummary } from '../../lib/checks/summary';
import { type Json, mutated, NOW, schedulerJob, status, tf, v2Job, workerPool } from './fixtures';

const failures = (json: Json) =>
  checkTerraform(json, { now: NOW })
    .filter((f) => f.status === 'fail')
    .map((f) => `${f.ruleId} ${f.level}`);

describe('raw worker pools', () => {
  test('a pool written as many modules write it: the default account, a variable count, a BETA launch stage', () => {
    const json = tf('google_cloud_run_v2_worker_pool', {
      name: 'email-worker',
      location: 'us-central1',
      launch_stage: 'BETA',
      scaling: { manual_instance_count: '${var.manual_instance_count}' },
      template: {
        containers: [{ image: '${var.image_url}', env: [{ name: 'PROJECT_ID', value: '${var.project_id}' }] }],
      },
    });
    const findings = checkTerraform(json, { now: NOW });
    const fail = findings.filter((f) => f.status === 'fail').map((f) => f.ruleId);
    const unknown = findings.filter((f) => f.status === 'unknown').map((f) => f.ruleId);
    assert.deepEqual(fail, ['GCR-DEFAULT-SA']);
    assert.ok(unknown.includes('GCR-MANUAL-INSTANCES-COST') && unknown.includes('GCR-IMAGE-DIGEST'), unknown.join());
  });

  test('a Celery worker whose children may outgrow the instance is warned about; one written with variables is unknown', () => {
    const celery = (args: string[]) =>
      tf(
        'google_cloud_run_v2_worker_pool',
        mutated(workerPool, (b) =>
          Object.assign(b.template.containers[0], { command: ['celery'], args: ['-A', 'proj', 'worker', ...args] }),
        ),
      );
    assert.equal(status(celery(['--max-memory-per-child', '300000']), 'GCR-CELERY-MEMORY'), 'pass');
    assert.equal(status(celery(['-c', '2', '--max-memory-per-child', '300000']), 'GCR-CELERY-MEMORY'), 'fail');
    assert.equal(
      status(celery(['-P', 'threads', '-c', '8', '--max-memory-per-child', '300000']), 'GCR-CELERY-MEMORY'),
      'pass',
    );
    assert.equal(status(celery(['-P', '$(POOL)', '--max-memory-per-child', '300000']), 'GCR-CELERY-MEMORY'), 'unknown');
    const [finding] = checkTerraform(celery(['-c', '2', '--max-memory-per-child', '300000'])).filter(
      (f) => f.ruleId === 'GCR-CELERY-MEMORY',
    );
    assert.match(
      finding.message,
      /2 Celery children, each replaced only past 292\.97Mi, need 585\.94Mi, more than the 512Mi memory limit/,
    );
    // The worker's flags are in args, where the finding points.
    assert.equal(finding.attribute, 'template.containers[0].args');
  });

  test('autoscaling a GPU pool, or from 0 instances, and bounds of the other mode are warned about', () => {
    const gpu = mutated(workerPool, (b) => {
      b.template.containers[0].resources.limits = { cpu: '4', memory: '16Gi', 'nvidia.com/gpu': '1' };
      b.template.node_selector = { accelerator: 'nvidia-l4' };
    });
    assert.deepEqual(failures(tf('google_cloud_run_v2_worker_pool', gpu)), ['GCR-WORKER-POOL-SCALING warning']);
    const ignored = mutated(workerPool, (b) => (b.scaling = { manual_instance_count: 2, max_instance_count: 5 }));
    const messages = checkTerraform(tf('google_cloud_run_v2_worker_pool', ignored))
      .filter((f) => f.ruleId === 'GCR-WORKER-POOL-SCALING')
      .map((f) => f.problem);
    assert.deepEqual(messages, [
      'min and max instances are ignored in manual scaling mode (the default of a worker pool)',
    ]);
  });
});

describe('raw jobs', () => {
  const job = (mutate: (b: Json) => void) => tf('google_cloud_run_v2_job', mutated(v2Job, mutate));

  test('a GPU task past 1 hour relies on the preview (a warning), past 12 hours is refused', () => {
    const gpu = (timeout: string) =>
      job((b) => {
        b.template.template.containers[0].resources.limits = { cpu: '4', memory: '16Gi', 'nvidia.com/gpu': '1' };
        b.template.template.node_selector = { accelerator: 'nvidia-l4' };
        b.template.template.timeout = timeout;
      });
    assert.deepEqual(failures(gpu('3600s')), []);
    assert.deepEqual(failures(gpu('7200s')), ['GCR-JOB-TIMEOUT warning']);
    assert.deepEqual(failures(gpu('50000s')), ['GCR-JOB-TIMEOUT error']);
    assert.deepEqual(failures(job((b) => (b.template.template.timeout = '50000s'))), []);
  });

  test("a job declaring a port is not warned about (the provider's job tests do, beside TCP probes); the task settings name their attributes", () => {
    const findings = checkTerraform(
      job((b) => {
        b.template.template.containers[0].ports = [{ container_port: 8080 }];
        b.template.task_count = 0;
      }),
    ).filter((f) => f.status === 'fail');
    assert.deepEqual(
      findings.map((f) => [f.ruleId, f.attribute]),
      [['GCR-JOB-TASKS', 'template.task_count']],
    );
  });
});

describe('raw Cloud Scheduler jobs', () => {
  const scheduler = (mutate: (b: Json) => void) => tf('google_cloud_scheduler_job', mutated(schedulerJob, mutate));

  test("the v1 run URI with an OAuth token passes, as in Google's and others' configurations", () => {
    const v1 = scheduler((b) => {
      b.http_target.uri =
        'https://${google_cloud_run_v2_job.default.location}-run.googleapis.com/apis/run.googleapis.com/v1/namespaces/${var.gcp_project_id}/jobs/${google_cloud_run_v2_job.default.name}:run';
    });
    assert.equal(status(v1, 'SCH-RUN-JOB'), 'pass');
    assert.deepEqual(failures(v1), []);
  });

  test('an OIDC token, no token, another method or another scope cannot run a job', () => {
    const problems = (mutate: (b: Json) => void) =>
      checkTerraform(scheduler(mutate))
        .filter((f) => f.ruleId === 'SCH-RUN-JOB')
        .map((f) => f.problem);
    assert.match(
      problems((b) => {
        delete b.http_target.oauth_token;
        b.http_target.oidc_token = { service_account_email: 'x@p.iam.gserviceaccount.com' };
      }).join(),
      /an OIDC token is for calling a service, not for running a job/,
    );
    assert.match(problems((b) => delete b.http_target.oauth_token).join(), /sends no token, so it is refused/);
    assert.match(problems((b) => (b.http_target.http_method = 'GET')).join(), /a job is run with POST, not GET/);
    assert.match(
      problems((b) => (b.http_target.oauth_token.scope = 'https://www.googleapis.com/auth/run.readonly')).join(),
      /does not cover the Cloud Run Admin API/,
    );
    assert.match(
      problems((b) => (b.http_target.uri = 'https://run.googleapis.com/v2/projects/p/locations/r/jobs/nightly')).join(),
      /is not the run URI of a Cloud Run job/,
    );
  });

  test('a cron outside the documented format is a warning, the human-readable format info, a value outside a range an error', () => {
    const level = (cron: string) =>
      checkTerraform(scheduler((b) => (b.schedule = cron)))
        .filter((f) => f.ruleId === 'SCH-CRON')
        .map((f) => f.level)
        .join();
    assert.equal(level('5/15 * * * *'), 'warning');
    assert.equal(level('0 0 ? * *'), 'warning');
    assert.equal(level('every monday 09:00'), 'info');
    assert.equal(level('0 0 32 * *'), 'error');
    assert.equal(level('0 0 * * 8'), 'error');
    assert.equal(level('0 0 0 0 0 0'), 'error');
    assert.equal(level('0 0 * * 7'), '');
  });

  test('other targets are judged on what applies to them only', () => {
    const pubsub = scheduler((b) => {
      delete b.http_target;
      b.pubsub_target = { topic_name: 'projects/p/topics/t', data: 'e30=' };
      b.attempt_deadline = '5s';
    });
    assert.deepEqual(failures(pubsub), []);
    assert.equal(status(pubsub, 'SCH-RUN-JOB'), 'pass');
    const other = scheduler((b) => {
      b.http_target = {
        uri: 'https://example.com/hook',
        oidc_token: { service_account_email: 'x@p.iam.gserviceaccount.com' },
      };
    });
    assert.deepEqual(failures(other), []);
  });
});

describe('the summary of background work', () => {
  test('a line per worker pool and per job, each job with the schedules that run it', () => {
    const json = {
      resource: {
        google_cloud_run_v2_worker_pool: {
          fixed: mutated(workerPool, (b) => (b.scaling = { manual_instance_count: 2 })),
          auto: mutated(workerPool, (b) => (b.name = 'auto')),
          one: mutated(workerPool, (b) => {
            b.name = 'one';
            b.scaling = { manual_instance_count: 1 };
          }),
        },
        google_cloud_run_v2_job: {
          nightly: mutated(v2Job, (b) => Object.assign(b.template, { task_count: 10, parallelism: '${var.p}' })),
        },
        google_cloud_scheduler_job: {
          run: schedulerJob(),
          other: mutated(schedulerJob, (b) => {
            b.name = 'ping';
            b.time_zone = undefined;
            b.http_target = { uri: 'https://example.com/' };
          }),
        },
      },
    };
    const lines = stackSummary('s', json, checkTerraform(json, { now: NOW }))
      .split('\n')
      .slice(1);
    // "Cloud Run pricing": worker pools $0.000011244 per vCPU-second and $0.000001235 per GiB-second, jobs $0.000018
    // and $0.000002 (instance-based); a month of 730 hours.
    const pool = 2 * 730 * 3600 * (1 * 0.000011244 + 0.5 * 0.000001235);
    const taskHour = 3600 * (1 * 0.000018 + 0.5 * 0.000002);
    assert.deepEqual(
      lines.map((l) => l.replace(/; \d+ errors?.*$/, '')),
      [
        `  Cloud Run worker pool pool: scaling manual 2 instances, billing instance-based (always on), floor ≈ $${pool.toFixed(2)}/month (2 worker instances × 1 vCPU × 0.5 GiB, worker pool)`,
        '  Cloud Run worker pool auto: scaling automatic -..3 instances on CPU, billing instance-based (always on), floor 0',
        // One instance, in the singular.
        `  Cloud Run worker pool one: scaling manual 1 instance, billing instance-based (always on), floor ≈ $${(pool / 2).toFixed(2)}/month (1 worker instance × 1 vCPU × 0.5 GiB, worker pool)`,
        `  Cloud Run job nightly: 10 tasks (? at once), 3 retries, task timeout 600 s, billing instance-based while tasks run (≈ $${taskHour.toFixed(2)} per task-hour, at most $${((10 * 600 * taskHour) / 3600).toFixed(2)} an execution), schedule '0 3 * * *' Europe/Paris`,
        "  Cloud Scheduler ping: schedule '0 3 * * *' Etc/UTC",
      ],
    );
  });
});
