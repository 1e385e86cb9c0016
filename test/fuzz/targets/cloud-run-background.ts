/** CloudRunWorkerPool and CloudRunJob (with its schedules) from fuzzed props: issue 12's constructs and profiles. */
import fc from 'fast-check';
import { CeleryPool, CloudRunJob, CloudRunWorkerPool } from '../../../lib';
import { bothMoods, call, type Gen, materialize } from '../arbitraries';
import type { ConstructTarget } from '../harness';
import { IMAGE, volumeRecipe, vpcAccess } from './cloud-run-service';

/** What every container workload has: region, image, resources, environment, identity. */
function containerProps(g: Gen): Record<string, fc.Arbitrary<unknown>> {
  return {
    region: g.text(['us-central1', 'europe-west1'], ['us-central', 'global']),
    image: g.text([IMAGE], ['gcr.io/p/app:v1', 'has space']),
    project: g.text(['my-project']),
    cpu: g.num([1, 2], [0.08, 0.5, 1, 2, 3, 4, 8, 9]),
    memory: g.text(['512Mi', '1Gi', '2Gi'], ['128Mi', '4Gi', '33Gi', '512M', '1 Gi']),
    serviceAccount: g.text(['worker@p.iam.gserviceaccount.com'], ['123-compute@developer.gserviceaccount.com', 'x']),
    env: g.map(['APP_MODE'], ['PORT', '1BAD', 'DB_PASSWORD'], g.text(['on', ''], ['x'.repeat(40)])),
    secrets: g.map(
      ['BROKER_URL'],
      ['PORT', 'bad name'],
      g.mix(
        g.props({ secret: g.text(['broker-url'], ['bad/secret']), version: g.text(['latest'], ['0']) }, ['secret']),
      ),
    ),
    vpcAccess: vpcAccess(g),
    volumes: volumes(g),
    labels: g.map(['team'], ['Team'], g.text(['jobs'], ['Jobs'])),
    deletionProtection: g.flag,
  };
}

/**
 * Volumes for the one container: calm cases draw a Cloud SQL socket (the Django migrate job, the Celery worker) and
 * one other volume at its default path; chaos draws any volume, a container named included (always refused).
 */
function volumes(g: Gen): fc.Arbitrary<unknown> {
  if (g.chaos) return g.many(volumeRecipe(g), 3);
  return fc
    .tuple(
      g.many(
        call(
          'Volume.cloudSql',
          fc.array(g.text(['p:us-central1:db', 'p:us-central1:replica']), { minLength: 1, maxLength: 2 }),
        ),
        1,
      ),
      g.many(
        fc.oneof(
          call('Volume.inMemory', g.options({ sizeLimit: g.text(['64Mi']) })),
          call('Volume.bucket', g.text(['exports']), g.options({ readOnly: g.flag })),
          call('Volume.secret', g.text(['django-settings']), fc.constant(undefined), fc.constant(undefined)),
        ),
        1,
      ),
    )
    .map(([sql, other]) => (Array.isArray(sql) && Array.isArray(other) ? [...sql, ...other] : sql));
}

/** A Celery worker recipe. */
function celery(g: Gen): fc.Arbitrary<unknown> {
  return g.mix(
    call(
      'Celery.worker',
      g.options(
        {
          app: g.text(['orders', 'proj.celery'], ['', 'not an app']),
          concurrency: g.num([1, 2, 4], [0, 1, 64]),
          pool: g.member(CeleryPool),
          maxTasksPerChild: g.num([100], [0, 1]),
          maxMemoryPerChild: g.text(['200Mi', '512Mi'], ['lots', '5Gi']),
          queues: g.list(['default', 'emails'], 2),
          extraArgs: g.list(g.chaos ? ['--loglevel', 'info', '-c', '4', '--pool=solo'] : ['--loglevel', 'info']),
        },
        ['app'],
      ),
    ),
  );
}

function workerPoolProps(g: Gen): fc.Arbitrary<Record<string, unknown>> {
  return g.props(
    {
      ...containerProps(g),
      workerPoolName: g.text(['orders-celery'], ['Orders', 'x'.repeat(60)]),
      description: g.text(['queue consumer']),
      worker: celery(g),
      ...(g.chaos ? { command: g.list(['python', 'consume.py'], 2), args: g.list(['--queue', 'q'], 2) } : {}),
      scaling: g.mix(
        fc.oneof(
          call('WorkerPoolScaling.manual', g.num([1, 2], [0, 1, 1001])),
          call(
            'WorkerPoolScaling.automatic',
            g.options({ minInstances: g.num([0, 1], [0, 5]), maxInstances: g.num([3, 10], [0, 1, 4]) }),
          ),
        ),
      ),
    },
    ['region', 'image'],
  );
}

interface JobCase {
  readonly props: Record<string, unknown>;
  readonly schedules: ReadonlyArray<readonly [unknown, unknown]>;
}

function jobCase(g: Gen): fc.Arbitrary<JobCase> {
  const props = g.props(
    {
      ...containerProps(g),
      jobName: g.text(['nightly-cleanup'], ['Nightly', 'x'.repeat(70)]),
      task: g.mix(
        call(
          'Django.manage',
          g.text(['clearsessions', 'migrate'], ['', 'runserver']),
          g.options({ args: g.list(['--noinput', '-v', '2'], 2), settings: g.text(['shop.settings.prod'], ['']) }),
        ),
      ),
      ...(g.chaos ? { command: g.list(['python', 'task.py'], 2) } : {}),
      taskCount: g.num([1, 10], [0, 1, 10000, 10001]),
      parallelism: g.num([1, 5], [0, 1, 100]),
      maxRetries: g.num([0, 3], [0, 10, 11]),
      taskTimeout: g.num([600, 3600], [0, 1, 86400, 604800, 604801]),
    },
    ['region', 'image'],
  );
  const schedule = fc.tuple(
    g.text(['0 3 * * *', '*/15 * * * *'], ['0 25 * * *', 'every day', '* * *']),
    g.options({
      timeZone: g.text(['Europe/Paris', 'Etc/UTC'], ['Paris', 'UTC+1']),
      description: g.text(['nightly']),
      retryCount: g.num([0, 3], [0, 5, 6]),
      attemptDeadline: g.num([180, 1800], [14, 15, 1800, 1801]),
      paused: g.flag,
      region: g.text(['europe-west1'], ['mars-north1']),
    }),
  );
  return fc.record({ props, schedules: fc.array(schedule, { maxLength: 2 }) });
}

export const targets: Array<ConstructTarget<never>> = [
  {
    name: 'CloudRunWorkerPool',
    kind: 'construct',
    input: bothMoods(workerPoolProps) as fc.Arbitrary<never>,
    build: (stack, input: Record<string, unknown>) => {
      new CloudRunWorkerPool(stack, 'Pool', materialize(stack, input) as never);
    },
  },
  {
    name: 'CloudRunJob',
    kind: 'construct',
    input: bothMoods(jobCase) as fc.Arbitrary<never>,
    build: (stack, input: JobCase) => {
      const job = new CloudRunJob(stack, 'Job', materialize(stack, input.props) as never);
      input.schedules.forEach(([cron, options]) => {
        job.schedule(materialize(stack, cron) as never, materialize(stack, options) as never);
      });
    },
  },
];
