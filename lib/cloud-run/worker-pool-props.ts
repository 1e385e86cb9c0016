import { instanceOf, object, string } from '../core/props';
import { Celery } from '../python/celery';
import { type CloudRunContainerProps, CONTAINER_PROPS } from './container-props';
import { WorkerPoolScaling } from './worker-pool-scaling';

/**
 * Props of a {@link CloudRunWorkerPool}. A worker pool serves no requests, so nothing about requests is here: no
 * probes, concurrency, ingress, request timeout, port or billing (a worker pool's CPU is always allocated).
 */
export interface CloudRunWorkerPoolProps extends CloudRunContainerProps {
  /**
   * The worker pool name: fewer than 50 characters, lowercase letters, digits and hyphens.
   * @default - derived from the construct id (`Orders` → `orders`)
   */
  readonly workerPoolName?: string;
  /**
   * A description of the worker pool.
   * @default - none
   */
  readonly description?: string;
  /**
   * The Python worker: it renders the container command, and its concurrency and memory per child are judged against
   * the instance.
   * @default - the image's own entrypoint (or `command`/`args`)
   */
  readonly worker?: Celery;
  /**
   * How many instances run: `WorkerPoolScaling.manual(n)` or `WorkerPoolScaling.automatic({ minInstances, maxInstances })`.
   * Every instance is billed for its whole life.
   * @default WorkerPoolScaling.manual(1), written explicitly
   */
  readonly scaling?: WorkerPoolScaling;
}

/** The shape of the props (types and known keys); ranges and combinations are the rules' job. @internal */
export const WORKER_POOL_PROPS = object<CloudRunWorkerPoolProps>({
  ...CONTAINER_PROPS,
  workerPoolName: string.optional(),
  description: string.optional(),
  worker: instanceOf(Celery, 'Celery.worker(...)').optional(),
  scaling: instanceOf(
    WorkerPoolScaling,
    'WorkerPoolScaling.manual(n) or WorkerPoolScaling.automatic({ ... })',
  ).optional(),
});
