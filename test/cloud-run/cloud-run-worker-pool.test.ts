import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { TerraformOutput, TerraformVariable } from 'cdktf';
import {
  Celery,
  CeleryPool,
  checkStack,
  CloudRunService,
  Gunicorn,
  CloudRunWorkerPool,
  type CloudRunWorkerPoolProps,
  VpcAccess,
  WorkerPoolScaling,
  WorkerPoolScalingMode,
} from '../../lib';
import { ValidationError } from '../../lib/core/validation';
import { newStack, only, resources, synth, warnings } from '../support/synth';

const BASE = {
  region: 'europe-west1',
  image: 'europe-docker.pkg.dev/p/r/worker@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
};

/** Synthesizes one worker pool and returns the stack JSON, the pool resource, its container and the construct. */
function build(props: Partial<CloudRunWorkerPoolProps> = {}, id = 'Orders') {
  const stack = newStack();
  const pool = new CloudRunWorkerPool(stack, id, { ...BASE, ...props });
  const json = synth(stack);
  const res = only(json, 'google_cloud_run_v2_worker_pool');
  return { json, pool, res, container: res.template.containers[0], stack };
}

/** Asserts construction fails with a ValidationError whose message matches every pattern. */
function rejects(props: Partial<CloudRunWorkerPoolProps>, ...patterns: RegExp[]): ValidationError {
  let caught: unknown;
  try {
    new CloudRunWorkerPool(newStack(), 'Orders', { ...BASE, ...props } as CloudRunWorkerPoolProps);
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof ValidationError, `expected a ValidationError, got ${caught}`);
  for (const p of patterns) assert.match(caught.message, p);
  return caught;
}

describe('CloudRunWorkerPool: a queue consumer that serves no requests', () => {
  test('workerPoolName refers to the resource, so what names the pool through it is created after it', () => {
    const stack = newStack();
    const pool = new CloudRunWorkerPool(stack, 'Orders', BASE);
    new TerraformOutput(stack, 'name', { value: pool.workerPoolName });
    const json = synth(stack);
    const [id, resource] = Object.entries(resources(json, 'google_cloud_run_v2_worker_pool'))[0];
    assert.equal(resource.name, 'orders');
    assert.equal(pool.region, resource.location);
    assert.equal(json.output.name.value, `\${google_cloud_run_v2_worker_pool.${id}.name}`);
  });

  test('renders the Celery worker with one prefork child per vCPU and recycling in KiB', () => {
    const { container, pool } = build({
      cpu: 2,
      memory: '2Gi',
      worker: Celery.worker({ app: 'orders', maxMemoryPerChild: '600Mi', maxTasksPerChild: 100, queues: ['a', 'b'] }),
    });
    assert.deepEqual(
      [...container.command, ...container.args],
      [
        'celery',
        '-A',
        'orders',
        'worker',
        '--pool',
        'prefork',
        '--concurrency',
        '2',
        '--max-tasks-per-child',
        '100',
        '--max-memory-per-child',
        '614400',
        '--queues',
        'a,b',
      ],
    );
    assert.equal(pool.commandLine, container.command.concat(container.args).join(' '));
    assert.deepEqual(container.resources, { limits: { cpu: '2', memory: '2Gi' } });
  });

  test('writes manual scaling with 1 instance when none is given, and warns that it runs around the clock', () => {
    const { res, pool } = build();
    assert.deepEqual(res.scaling, { scaling_mode: 'MANUAL', manual_instance_count: 1 });
    assert.equal(pool.scaling.mode, WorkerPoolScalingMode.MANUAL);
    assert.ok(warnings(pool).some((w) => /WorkerPoolScaling\.manual\(1\) \(the default\): 1 instance/.test(w)));
  });

  test('automatic scaling writes its bounds (minimum 1 unless told otherwise)', () => {
    const { res } = build({ scaling: WorkerPoolScaling.automatic({ maxInstances: 4 }) });
    assert.deepEqual(res.scaling, { scaling_mode: 'AUTOMATIC', min_instance_count: 1, max_instance_count: 4 });
  });

  test('has no request settings: no probes, ports, concurrency, timeout, billing or ingress in the resource', () => {
    const { res, container } = build();
    for (const key of ['startup_probe', 'liveness_probe', 'ports']) assert.equal(container[key], undefined, key);
    for (const key of ['max_instance_request_concurrency', 'timeout', 'execution_environment']) {
      assert.equal(res.template[key], undefined, key);
    }
    assert.equal(container.resources.cpu_idle, undefined);
    assert.equal(res.ingress, undefined);
  });

  test('props that apply to services only are refused by name, not ignored', () => {
    for (const prop of ['startupProbe', 'concurrency', 'ingress', 'requestTimeout', 'billing', 'containerPort']) {
      rejects(
        { [prop]: 1 } as Partial<CloudRunWorkerPoolProps>,
        new RegExp(`${prop} = 1: '${prop}' is not a known prop`),
      );
    }
  });

  test('runs as a dedicated account, reads secrets with the accessor role, and reaches the VPC directly', () => {
    const { json, res } = build({
      secrets: { CELERY_BROKER_URL: { secret: 'broker-url' } },
      vpcAccess: VpcAccess.directVpc({ subnetwork: 'default', tags: ['celery'] }),
    });
    assert.equal(only(json, 'google_service_account').account_id, 'orders-wp');
    assert.match(res.template.service_account, /^\$\{google_service_account\.\w+\.email\}$/);
    assert.deepEqual(res.template.containers[0].env, [
      { name: 'CELERY_BROKER_URL', value_source: { secret_key_ref: { secret: 'broker-url', version: 'latest' } } },
    ]);
    const grant = only(json, 'google_secret_manager_secret_iam_member');
    assert.equal(grant.role, 'roles/secretmanager.secretAccessor');
    assert.equal(grant.member, `serviceAccount:${res.template.service_account}`);
    assert.deepEqual(res.template.vpc_access, {
      egress: 'PRIVATE_RANGES_ONLY',
      network_interfaces: [{ subnetwork: 'default', tags: ['celery'] }],
    });
    assert.equal(res.deletion_protection, true);
  });

  test('a connector is refused: the pinned provider writes a worker pool VPC access as Direct VPC only', () => {
    rejects(
      { vpcAccess: VpcAccess.connector('projects/p/locations/europe-west1/connectors/c') },
      /vpcAccess = VpcAccess\.connector\('projects\/p\/locations\/europe-west1\/connectors\/c'\): .*\[GCR-WORKER-POOL-VPC\]. Fix: use VpcAccess\.directVpc/,
    );
  });

  test('dedicated accounts never collide: long names sharing a prefix, the same name in two regions', () => {
    const stack = newStack();
    const long = 'customer-notifications-email-worker';
    new CloudRunWorkerPool(stack, 'A', { ...BASE, workerPoolName: `${long}-eu` });
    new CloudRunWorkerPool(stack, 'B', { ...BASE, workerPoolName: `${long}-us` });
    new CloudRunWorkerPool(stack, 'C', { ...BASE, workerPoolName: 'orders' });
    new CloudRunWorkerPool(stack, 'D', { ...BASE, region: 'us-central1', workerPoolName: 'orders' });
    const ids = Object.values(resources(synth(stack), 'google_service_account')).map((a) => a.account_id as string);
    assert.equal(new Set(ids).size, 4, ids.join());
    for (const id of ids) assert.match(id, /^[a-z][-a-z0-9]{4,28}[a-z0-9]$/);
    assert.ok(ids.includes('orders-wp'));
  });
});

describe('CloudRunWorkerPool: refuses what Cloud Run rejects, warns about what cannot work well', () => {
  test('every problem at once, each with prop, value, rule id and fix', () => {
    const e = rejects(
      { region: 'europe-west', memory: '8Gi', env: { CLOUD_RUN_WORKER_POOL: 'x' }, workerPoolName: 'Orders_Worker' },
      /memory = '8Gi': .*\[GCR-MEMORY-FOR-CPU\]/,
      /env\.CLOUD_RUN_WORKER_POOL = 'x': .*\[GCR-ENV-RESERVED\]/,
      /workerPoolName = 'Orders_Worker': .*\[GCR-SERVICE-NAME\]/,
      /region = 'europe-west': .*\[GCR-REGION\]. Fix: use 'europe-west1'/,
    );
    assert.equal(e.problems.length, 4);
  });

  test('0 manual instances and min 0 with autoscaling are warned about: nothing runs, nothing starts one', () => {
    const idle = build({ scaling: WorkerPoolScaling.manual(0) }).pool;
    assert.ok(warnings(idle).some((w) => /manual\(0\): a worker pool with 0 manual instances runs nothing/.test(w)));
    const zero = build({ scaling: WorkerPoolScaling.automatic({ minInstances: 0, maxInstances: 3 }) }).pool;
    assert.ok(
      warnings(zero).some((w) => /\[GCR-WORKER-POOL-SCALING\]|0 min instances can stop every instance/.test(w)),
    );
  });

  test('below 1 vCPU is warned about: the worker pool CPU page gives 1 as the minimum, older copies less', () => {
    const { pool } = build({ cpu: 0.5 });
    assert.ok(
      warnings(pool).some((w) => /cpu = 0\.5: 0\.5 vCPU is below the 1 vCPU minimum .*\[GCR-WORKER-POOL-CPU\]/.test(w)),
    );
    assert.ok(!warnings(build({ cpu: 1 }).pool).some((w) => w.includes('GCR-WORKER-POOL-CPU')));
  });

  test('scaling bounds are whole numbers, min not above max', () => {
    rejects(
      { scaling: WorkerPoolScaling.automatic({ minInstances: 5, maxInstances: 2 }) },
      /scaling = WorkerPoolScaling\.automatic\(\{ minInstances: 5, maxInstances: 2 \}\): min instances 5 is above max instances 2 \[GCR-SCALING-RANGE\]/,
    );
    rejects({ scaling: WorkerPoolScaling.manual(1.5) }, /manual instances 1\.5 must be a whole number/);
    rejects(
      { scaling: WorkerPoolScaling.automatic({ maxInstance: 3 } as never) },
      /scaling\.maxInstance = 3: 'scaling\.maxInstance' is not a known prop/,
    );
  });

  test('Celery children × max memory per child above the memory limit is warned about, with the numbers', () => {
    const { pool } = build({
      memory: '1Gi',
      worker: Celery.worker({ app: 'orders', concurrency: 4, maxMemoryPerChild: '400Mi' }),
    });
    assert.ok(
      warnings(pool).some((w) =>
        /4 Celery children, each replaced only past 400Mi, need 1600Mi, more than the 1Gi memory limit \[GCR-CELERY-MEMORY\]\. lower the max memory per child to 256Mi/.test(
          w,
        ),
      ),
    );
    const fits = build({
      memory: '2Gi',
      worker: Celery.worker({ app: 'orders', concurrency: 4, maxMemoryPerChild: '400Mi' }),
    });
    assert.ok(!warnings(fits.pool).some((w) => w.includes('GCR-CELERY-MEMORY')));
  });

  test('a profile and a command of its own cannot both set the container command', () => {
    rejects(
      { worker: Celery.worker({ app: 'orders' }), command: ['python', 'consume.py'] },
      /command = \["python","consume\.py"\]: the Celery\.worker\(.*\) profile renders the container command .*\[GCR-SERVER-COMMAND\]/,
    );
  });

  test('a web server in a worker pool serves nothing, and is warned about', () => {
    const { pool } = build({ command: ['gunicorn', '--bind', ':8080', 'main:app'] });
    assert.ok(warnings(pool).some((w) => /starts a web server \(gunicorn\).*GCR-WEB-SERVER-NO-REQUESTS/.test(w)));
  });

  test('Celery options are checked where they would be ignored or contradicted', () => {
    rejects(
      {
        worker: Celery.worker({
          app: 'orders',
          pool: CeleryPool.THREADS,
          maxMemoryPerChild: '200Mi',
          extraArgs: ['-c', '8'],
        }),
      },
      /worker\.maxMemoryPerChild = '200Mi': maxMemoryPerChild replaces prefork child processes; the threads pool has none/,
      /worker\.extraArgs = \["-c","8"\]: -c repeats a setting the profile renders/,
    );
    rejects(
      { worker: Celery.worker({ app: 'my orders', concurency: 2 } as never) },
      /worker\.concurency = 2: 'worker\.concurency' is not a known prop/,
    );
    rejects(
      { worker: Celery.worker({ app: 'orders app' }) },
      /worker\.app = 'orders app': the app must be what `celery -A` takes/,
    );
  });

  test('scaling values of the wrong type are refused by name, and the other props are still judged (found by the fuzz suite)', () => {
    rejects(
      {
        scaling: WorkerPoolScaling.automatic({ maxInstances: Symbol('s') as never }),
        env: { CLOUD_RUN_WORKER_POOL_REVISION: 'x' },
      },
      /scaling\.maxInstances = Symbol\(s\): expected a number, got a symbol/,
      /env\.CLOUD_RUN_WORKER_POOL_REVISION = 'x'.*\[GCR-ENV-RESERVED\]/,
    );
    rejects(
      { scaling: WorkerPoolScaling.manual('2' as never) },
      /scaling\.instances = '2': expected a number, got a string/,
    );
  });

  test('tokens skip exactly the rules that read them', () => {
    const stack = newStack();
    const memory = new TerraformVariable(stack, 'memory', { type: 'string' }).stringValue;
    const instances = new TerraformVariable(stack, 'instances', { type: 'number' }).numberValue;
    const props = {
      ...BASE,
      memory,
      scaling: WorkerPoolScaling.manual(instances),
      worker: Celery.worker({ app: 'orders', concurrency: 8, maxMemoryPerChild: '600Mi' }),
    };
    // The memory and the instance count are judged at apply time; the reserved variable is still refused.
    assert.throws(
      () => new CloudRunWorkerPool(stack, 'Bad', { ...props, env: { CLOUD_RUN_WORKER_POOL_REVISION: 'x' } }),
      (e: ValidationError) => e.problems.map((p) => p.ruleId).join() === 'GCR-ENV-RESERVED' && e.warnings.length === 0,
    );
    const pool = new CloudRunWorkerPool(stack, 'Orders', props);
    assert.deepEqual(warnings(pool), []);
  });
});

describe('CloudRunWorkerPool: the checker sees what the construct wrote', () => {
  test('its own output passes the checks, with the always-on cost reported once', () => {
    const { stack } = build({
      cpu: 2,
      memory: '2Gi',
      worker: Celery.worker({ app: 'orders', maxMemoryPerChild: '600Mi' }),
      scaling: WorkerPoolScaling.manual(2),
    });
    const open = checkStack(stack).filter((f) => !f.suppressed);
    assert.deepEqual(
      open.map((f) => `${f.ruleId} ${f.status} ${f.level}`),
      ['GCR-MANUAL-INSTANCES-COST fail warning'],
    );
  });
});

describe('CloudRunService: background work that is what a worker pool is for', () => {
  test('backgroundWork, min instances and no server profile: a warning with the worker pool as the fix', () => {
    const props = { ...BASE, maxInstances: 3, minInstances: 1, backgroundWork: true };
    const consumer = new CloudRunService(newStack(), 'Consumer', props);
    assert.ok(
      warnings(consumer).some((w) =>
        /backgroundWork = true: backgroundWork with 1 min instance\(s\) and no server profile .*\[GCR-BACKGROUND-WORKER-POOL\]\. if it serves no requests, use CloudRunWorkerPool/.test(
          w,
        ),
      ),
    );
    const web = new CloudRunService(newStack(), 'Web', {
      ...props,
      server: Gunicorn.wsgi({ app: 'main:app', preload: true }),
    });
    assert.ok(!warnings(web).some((w) => w.includes('GCR-BACKGROUND-WORKER-POOL')));
  });
});
