import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { TerraformOutput, TerraformVariable } from 'cdktf';
import { checkStack, CloudRunJob, type CloudRunJobProps, Django, type JobScheduleOptions, VpcAccess } from '../../lib';
import { ValidationError } from '../../lib/core/validation';
import { newStack, only, resources, synth, warnings } from '../support/synth';

const BASE = {
  region: 'europe-west1',
  image: 'europe-docker.pkg.dev/p/r/web@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
};

function build(props: Partial<CloudRunJobProps> = {}, id = 'Cleanup') {
  const stack = newStack();
  const job = new CloudRunJob(stack, id, { ...BASE, ...props });
  return { stack, job };
}

function rejects(props: Partial<CloudRunJobProps>, ...patterns: RegExp[]): ValidationError {
  let caught: unknown;
  try {
    new CloudRunJob(newStack(), 'Cleanup', { ...BASE, ...props } as CloudRunJobProps);
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof ValidationError, `expected a ValidationError, got ${caught}`);
  for (const p of patterns) assert.match(caught.message, p);
  return caught;
}

/** The error `job.schedule(cron, options)` throws. */
function refusedSchedule(cron: string, options: JobScheduleOptions, ...patterns: RegExp[]): ValidationError {
  const { job } = build();
  let caught: unknown;
  try {
    job.schedule(cron, options);
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof ValidationError, `expected a ValidationError, got ${caught}`);
  for (const p of patterns) assert.match(caught.message, p);
  return caught;
}

describe('CloudRunJob: tasks that run to completion', () => {
  test('jobName refers to the resource, so what names the job through it is created after it', () => {
    const { stack, job } = build({ jobName: 'cleanup' });
    new TerraformOutput(stack, 'name', { value: job.jobName });
    const json = synth(stack);
    const [id, resource] = Object.entries(resources(json, 'google_cloud_run_v2_job'))[0];
    assert.equal(resource.name, 'cleanup');
    assert.equal(job.region, resource.location);
    assert.equal(json.output.name.value, `\${google_cloud_run_v2_job.${id}.name}`);
  });

  test('writes the task count, retries and task timeout explicitly, and the Django command as argv', () => {
    const { stack, job } = build({ task: Django.manage('clearsessions', { settings: 'mysite.settings.prod' }) });
    const res = only(synth(stack), 'google_cloud_run_v2_job');
    assert.equal(res.template.task_count, 1);
    assert.equal(res.template.parallelism, undefined);
    assert.equal(res.template.template.max_retries, 3);
    assert.equal(res.template.template.timeout, '600s');
    assert.equal(res.template.template.execution_environment, undefined);
    const c = res.template.template.containers[0];
    assert.deepEqual(
      [...c.command, ...c.args],
      ['python', 'manage.py', 'clearsessions', '--settings', 'mysite.settings.prod'],
    );
    assert.equal(c.ports, undefined);
    assert.equal(c.startup_probe, undefined);
    assert.deepEqual([job.taskCount, job.maxRetries, job.taskTimeout], [1, 3, 600]);
    assert.equal(only(synth(stack), 'google_service_account').account_id, 'cleanup-job');
  });

  test('a parallel batch: task count, parallelism, retries and timeout as given', () => {
    const { stack } = build({
      taskCount: 50,
      parallelism: 5,
      maxRetries: 0,
      taskTimeout: 7200,
      command: ['python'],
      args: ['-m', 'export'],
    });
    const res = only(synth(stack), 'google_cloud_run_v2_job');
    assert.deepEqual([res.template.task_count, res.template.parallelism], [50, 5]);
    assert.deepEqual([res.template.template.max_retries, res.template.template.timeout], [0, '7200s']);
    assert.deepEqual(res.template.template.containers[0].args, ['-m', 'export']);
  });

  test('what Cloud Run rejects is refused, every problem at once, each with its rule id', () => {
    const e = rejects(
      { taskCount: 20000, parallelism: 30000, maxRetries: 11, taskTimeout: 169 * 3600, cpu: 0.5 },
      /taskCount = 20000: task count 20000 is outside 1 to 10000 \[GCR-JOB-TASKS\]/,
      /maxRetries = 11: .*\[GCR-JOB-RETRIES\]/,
      /taskTimeout = 608400: .*at most 168 hours\) \[GCR-JOB-TIMEOUT\]/,
      /cpu = 0\.5: 0\.5 vCPU is allowed for a job only with sidecar containers \[GCR-JOB-FRACTIONAL-CPU\]/,
      /parallelism = 30000: parallelism 30000 is above the task count 20000 \[GCR-JOB-TASKS\]/,
    );
    assert.equal(e.problems.length, 5);
    rejects(
      { parallelism: 2 },
      /parallelism = 2: parallelism 2 is above the task count 1 \[GCR-JOB-TASKS\]. Fix: lower parallelism to at most 1/,
    );
    rejects({ env: { CLOUD_RUN_TASK_INDEX: '0' } }, /env\.CLOUD_RUN_TASK_INDEX = '0': .*\[GCR-ENV-RESERVED\]/);
  });

  test('props that apply to services only are refused by name', () => {
    for (const prop of ['ingress', 'concurrency', 'startupProbe', 'requestTimeout', 'minInstances']) {
      rejects({ [prop]: 1 } as Partial<CloudRunJobProps>, new RegExp(`'${prop}' is not a known prop`));
    }
  });

  test('a job that starts a web server is warned about: it serves nothing and runs until its timeout', () => {
    const cases: Array<[Partial<CloudRunJobProps>, string]> = [
      [{ command: ['gunicorn', '-b', ':8080', 'main:app'] }, 'gunicorn'],
      [{ task: Django.manage('runserver') }, 'manage.py runserver'],
      [{ command: ['sh', '-c', 'python migrate.py && exec uvicorn main:app'] }, 'uvicorn'],
    ];
    for (const [props, server] of cases) {
      const { job } = build(props);
      assert.ok(
        warnings(job).some(
          (w) => w.includes(`starts a web server (${server})`) && w.includes('GCR-WEB-SERVER-NO-REQUESTS'),
        ),
        server,
      );
    }
    assert.deepEqual(warnings(build({ command: ['python', '-m', 'app.export'] }).job), []);
  });

  test('a bad Django command name or settings module is refused under task', () => {
    rejects(
      { task: Django.manage('clear sessions', { settings: 'my site' }) },
      /task\.command = 'clear sessions': a Django management command is named like a Python module/,
      /task\.settings = 'my site': the settings module is a dotted Python path/,
    );
    rejects(
      { task: Django.manage(null as never, { args: [1] } as never) },
      /task\.command = null/,
      /task\.options\.args\.0 = 1/,
    );
    rejects(
      { task: Django.manage('migrate', { setings: 'x' } as never) },
      /task\.options\.setings = 'x': 'task\.options\.setings' is not a known prop/,
    );
  });

  test('tokens skip exactly the rules that read them', () => {
    const stack = newStack();
    const tasks = new TerraformVariable(stack, 'tasks', { type: 'number' }).numberValue;
    assert.throws(
      () => new CloudRunJob(stack, 'Bad', { ...BASE, taskCount: tasks, parallelism: 5, maxRetries: 20 }),
      (e: ValidationError) => e.problems.map((p) => p.ruleId).join() === 'GCR-JOB-RETRIES',
    );
    const job = new CloudRunJob(stack, 'Ok', { ...BASE, taskCount: tasks, parallelism: 5 });
    assert.deepEqual(warnings(job), []);
  });

  test('its own output passes the checks, with no unknown', () => {
    const { stack, job } = build({ task: Django.manage('clearsessions') });
    job.schedule('0 3 * * *', { timeZone: 'Europe/Paris' });
    assert.deepEqual(
      checkStack(stack).map((f) => f.message),
      [],
    );
  });
});

describe('CloudRunJob: VPC access', () => {
  test("a connector in the job's region is written; one in another region is refused (GCR-VPC-CONNECTOR-REGION)", () => {
    const { job, stack } = build({ vpcAccess: VpcAccess.connector('projects/p/locations/europe-west1/connectors/c') });
    assert.equal(
      only(synth(stack), 'google_cloud_run_v2_job').template.template.vpc_access.connector,
      'projects/p/locations/europe-west1/connectors/c',
    );
    assert.ok(job);
    rejects(
      { vpcAccess: VpcAccess.connector('projects/p/locations/us-central1/connectors/c') },
      /vpcAccess = VpcAccess\.connector\('projects\/p\/locations\/us-central1\/connectors\/c'\): the connector is in us-central1, the workload in europe-west1.*\[GCR-VPC-CONNECTOR-REGION\]/,
    );
  });
});

describe('CloudRunJob.schedule: Cloud Scheduler runs the job', () => {
  test('POSTs to the v2 run URI with an OAuth token of an invoker that may run this job only', () => {
    const { stack, job } = build({ jobName: 'nightly-cleanup' });
    const schedule = job.schedule('0 3 * * *', { timeZone: 'Europe/Paris', retryCount: 1, attemptDeadline: 320 });
    const json = synth(stack);
    const scheduler = only(json, 'google_cloud_scheduler_job');
    assert.equal(scheduler.schedule, '0 3 * * *');
    assert.equal(scheduler.time_zone, 'Europe/Paris');
    assert.equal(scheduler.region, 'europe-west1');
    assert.equal(scheduler.name, 'nightly-cleanup-schedule');
    assert.equal(scheduler.attempt_deadline, '320s');
    assert.deepEqual(scheduler.retry_config, { retry_count: 1 });
    const target = scheduler.http_target;
    assert.equal(target.http_method, 'POST');
    assert.match(
      target.uri,
      /^https:\/\/run\.googleapis\.com\/v2\/projects\/\$\{google_cloud_run_v2_job\.\w+\.project\}\/locations\/europe-west1\/jobs\/nightly-cleanup:run$/,
    );
    assert.equal(target.oauth_token.scope, 'https://www.googleapis.com/auth/cloud-platform');
    assert.equal(target.oidc_token, undefined);
    const member = only(json, 'google_cloud_run_v2_job_iam_member');
    assert.equal(member.role, 'roles/run.invoker');
    assert.match(member.name, /^\$\{google_cloud_run_v2_job\.\w+\.name\}$/);
    assert.equal(member.member, `serviceAccount:${target.oauth_token.service_account_email}`);
    assert.deepEqual(scheduler.depends_on, [
      `google_cloud_run_v2_job_iam_member.${Object.keys(resources(json, 'google_cloud_run_v2_job_iam_member'))[0]}`,
    ]);
    const accounts = Object.values(resources(json, 'google_service_account')).map((a) => a.account_id);
    assert.deepEqual(accounts.sort(), ['nightly-cleanup-job', 'nightly-cleanup-sch']);
    assert.equal(schedule.timeZone, 'Europe/Paris');
    assert.equal(typeof schedule.invokerServiceAccountEmail, 'string');
    // No project-wide role: the invoker's only grant is on the job.
    assert.deepEqual(resources(json, 'google_project_iam_member'), {});
  });

  test('two schedules share one invoker and its one grant; the time zone defaults to Etc/UTC, written', () => {
    const { stack, job } = build({ project: 'my-project' });
    job.schedule('0 3 * * 1-5');
    job.schedule('30 6 * * SAT,SUN', { region: 'europe-west3' });
    const json = synth(stack);
    const schedulers = Object.values(resources(json, 'google_cloud_scheduler_job')).sort((a, b) =>
      a.name.localeCompare(b.name),
    );
    assert.deepEqual(
      schedulers.map((s) => [s.name, s.time_zone, s.region, s.project]),
      [
        ['cleanup-schedule', 'Etc/UTC', 'europe-west1', 'my-project'],
        ['cleanup-schedule-2', 'Etc/UTC', 'europe-west3', 'my-project'],
      ],
    );
    assert.equal(
      schedulers[0].http_target.uri,
      'https://run.googleapis.com/v2/projects/my-project/locations/europe-west1/jobs/cleanup:run',
    );
    assert.equal(Object.keys(resources(json, 'google_cloud_run_v2_job_iam_member')).length, 1);
    assert.equal(Object.keys(resources(json, 'google_service_account')).length, 2);
  });

  test('the cron is five unix-cron fields within their ranges, checked when schedule is called', () => {
    refusedSchedule('0 25 * * *', {}, /cron = '0 25 \* \* \*': '25' is outside the hour field's 0-23 \[SCH-CRON\]/);
    refusedSchedule('0 3 * *', {}, /has 4 field\(s\); a unix-cron schedule has five/);
    refusedSchedule('0 3 L * *', {}, /Cloud Scheduler does not support L in the day of the month field/);
    refusedSchedule('0 3 * 13 *', {}, /'13' is outside the month field's 1-12 \(or JAN to DEC\)/);
    refusedSchedule('*/0 * * * *', {}, /the step '\/0' in the minute field must be a whole number of at least 1/);
    refusedSchedule('0 9-5 * * *', {}, /the range 9-5 in the hour field runs backwards/);
    const { job } = build();
    for (const cron of ['* * * * *', '*/15 9-17 * * MON-FRI', '0 0 1,15 * *', '0 0 * JAN,JUL 7', '5 4 * * sun']) {
      job.schedule(cron);
    }
    const { job: legacy, stack: legacyStack } = build();
    legacy.schedule('every 24 hours');
    // Supported by Cloud Scheduler ("Alternative job format"): no warning; the checks note it is not verified.
    assert.ok(!warnings(legacy).some((w) => w.includes('SCH-CRON')));
    const noted = checkStack(legacyStack).filter((f) => f.ruleId === 'SCH-CRON');
    assert.deepEqual(
      noted.map((f) => [f.level, f.status]),
      [['info', 'fail']],
    );
    assert.match(noted[0].message, /alternative \(human-readable\) job format/);
  });

  test('the time zone is a tz database name: aliases and utc accepted, a typo refused with the closest name', () => {
    const { job } = build();
    for (const timeZone of ['UTC', 'utc', 'Etc/UTC', 'Asia/Calcutta', 'US/Eastern', 'America/Argentina/Buenos_Aires']) {
      job.schedule('0 3 * * *', { timeZone });
    }
    refusedSchedule(
      '0 3 * * *',
      { timeZone: 'Europe/Pari' },
      /timeZone = 'Europe\/Pari': .*\[SCH-TIME-ZONE\]\. Fix: use 'Europe\/Paris'/,
    );
    refusedSchedule(
      '0 3 * * *',
      { timeZone: '+02:00' },
      /timeZone = '\+02:00': '\+02:00' is not a tz database time zone name/,
    );
  });

  test('options are checked: ranges with rule ids, misspelt keys by name', () => {
    const e = refusedSchedule(
      '0 3 * * *',
      { retryCount: 6, attemptDeadline: 3600, schedulerJobName: 'nightly cleanup' },
      /retryCount = 6: retry count 6 is outside 0 to 5 \[SCH-RETRY-COUNT\]/,
      /attemptDeadline = 3600: attempt deadline 3600 s is outside 15 to 1800 seconds for an HTTP target \[SCH-ATTEMPT-DEADLINE\]/,
      /schedulerJobName = 'nightly cleanup': .*\[SCH-NAME\]/,
    );
    assert.equal(e.problems.length, 3);
    refusedSchedule(
      '0 3 * * *',
      { timezone: 'UTC' } as never,
      /options\.timezone = 'UTC': 'options\.timezone' is not a known prop/,
    );
    refusedSchedule(3 as never, {}, /cron = 3: /);
  });

  test('a token cron or time zone skips exactly its rule', () => {
    const { stack, job } = build();
    const zone = new TerraformVariable(stack, 'zone', { type: 'string' }).stringValue;
    assert.throws(() => job.schedule('0 99 * * *', { timeZone: zone }), /\[SCH-CRON\]/);
    job.schedule('0 3 * * *', { timeZone: zone });
    const cron = new TerraformVariable(stack, 'cron', { type: 'string' }).stringValue;
    assert.throws(() => job.schedule(cron, { timeZone: 'Mars/Olympus' }), /\[SCH-TIME-ZONE\]/);
  });
});
