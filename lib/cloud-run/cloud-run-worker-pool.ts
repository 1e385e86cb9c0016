import { Construct } from 'constructs';
import { Problems } from '../core/problems';
import { CLOUD_RUN_RULES } from '../platform/cloud-run';
import { judge, rulesFor } from '../platform/judge';
import { ResourceKind } from '../platform/kinds';
import { type CloudRunV2WorkerPool, cloudRunV2WorkerPool } from '../private/google';
import { checkWorkloadProps, workloadIdentity } from './workload';
import { type CloudRunWorkerPoolProps, WORKER_POOL_PROPS } from './worker-pool-props';
import { renderWorkerPool } from './worker-pool-render';
import { workerPoolFacts, workerPoolProp } from './worker-pool-facts';
import { type WorkerPoolScaling } from './worker-pool-scaling';
import { resolveWorkerPool } from './worker-pool-settings';

export type { CloudRunWorkerPoolProps } from './worker-pool-props';

/** The rules a worker pool construct judges itself with. */
const WORKER_POOL_RULES = rulesFor(CLOUD_RUN_RULES, ResourceKind.CLOUD_RUN_WORKER_POOL);

/**
 * A Cloud Run worker pool for a Python queue consumer (Celery, RQ, Dramatiq, a Pub/Sub pull loop), over
 * `google_cloud_run_v2_worker_pool`: instances that serve no requests and run around the clock, with their CPU always
 * allocated (billed per instance, whether it works or idles).
 *
 * Nothing about requests can be given (probes, concurrency, ingress, request timeout, port, billing). A worker
 * profile renders the command (`Celery.worker({ app })` → `celery -A app worker --pool prefork --concurrency N`, with
 * N the vCPU count), and its children's memory is judged against the instance's. Everything Cloud Run would reject is
 * refused when the construct is created, with every problem listed at once.
 *
 * Secure by default: a dedicated service account (its id unique in the stack), the Secret Manager accessor role on
 * each secret it reads, and no IAM binding of its own.
 */
export class CloudRunWorkerPool extends Construct {
  /** The underlying `google_cloud_run_v2_worker_pool`, for escape hatches (`addOverride`). */
  public readonly resource: CloudRunV2WorkerPool;
  /** The email of the service account the worker pool runs as. */
  public readonly serviceAccountEmail: string;
  /** The region the worker pool runs in (its `location`), as given. */
  public readonly region: string;
  /** vCPU per instance. */
  public readonly cpu: number;
  /** Memory per instance. */
  public readonly memory: string;
  /** The scaling written. */
  public readonly scaling: WorkerPoolScaling;
  /** The worker command line, when a worker profile is used (`celery -A proj worker …`). */
  public readonly commandLine?: string;

  constructor(scope: Construct, id: string, props: CloudRunWorkerPoolProps) {
    super(scope, id);
    // props → shape check (volume options included) → settings (defaults applied once, tokens marked unknown) → facts → rules → resources.
    const problems = new Problems(this, 'CloudRunWorkerPool');
    checkWorkloadProps(WORKER_POOL_PROPS, props, problems);
    const s = resolveWorkerPool(id, props, problems);
    judge(WORKER_POOL_RULES, workerPoolFacts(s), problems, (fact) => workerPoolProp(s, fact), { now: new Date() });
    problems.report();

    this.cpu = s.cpu;
    this.region = s.region;
    this.memory = s.memory;
    this.scaling = s.scaling;
    this.commandLine = s.commandLine;
    const identity = workloadIdentity(this, s, '-wp', `Cloud Run worker pool ${s.name}`);
    this.serviceAccountEmail = identity.email;
    this.resource = new (cloudRunV2WorkerPool())(this, 'Resource', {
      ...renderWorkerPool(s, identity.email),
      dependsOn: identity.dependsOn,
    });
  }

  /**
   * The worker pool name, as a reference to the `google_cloud_run_v2_worker_pool`'s `name`: a resource that names the
   * worker pool through it (an IAM member, a scheduler job, an output) is created after it, where a plain string would
   * let Terraform create both at once and fail with "not found".
   */
  public get workerPoolName(): string {
    // A getter: the reference (a token, which cdktf builds with a stack trace) is made only when it is read.
    return this.resource.name;
  }
}
