import { number, object, type Shape } from '../core/props';

/** How a worker pool decides how many instances run. */
export enum WorkerPoolScalingMode {
  /** A fixed number of instances (`scaling_mode = MANUAL`, `manual_instance_count`): the worker pool's default. */
  MANUAL = 'MANUAL',
  /** Instances added and removed on CPU use, between a minimum and a maximum (`scaling_mode = AUTOMATIC`). */
  AUTOMATIC = 'AUTOMATIC',
}

/** Bounds of a worker pool scaled on CPU use. */
export interface AutomaticWorkerPoolScalingOptions {
  /**
   * Instances that always run. Nothing but CPU use starts an instance of a worker pool, so keep at least 1.
   * @default 1
   */
  readonly minInstances?: number;
  /**
   * The most instances Cloud Run may run.
   * @default - the platform default (100); a warning says so
   */
  readonly maxInstances?: number;
}

/** The shape of the automatic scaling options. @internal */
export const AUTOMATIC_SCALING_OPTIONS: Shape<AutomaticWorkerPoolScalingOptions> =
  object<AutomaticWorkerPoolScalingOptions>({ minInstances: number.optional(), maxInstances: number.optional() });

/**
 * How many instances a worker pool runs. Every instance is billed for its whole life (CPU is always allocated): a
 * worker pool has no request-based billing.
 *
 * @example WorkerPoolScaling.manual(2)
 * @example WorkerPoolScaling.automatic({ minInstances: 1, maxInstances: 5 })
 */
export class WorkerPoolScaling {
  /**
   * Exactly `instances` instances, whatever the load (Cloud Run's default for a worker pool is 1).
   * @param instances the instances that run; 0 runs none
   */
  public static manual(instances: number): WorkerPoolScaling {
    return new WorkerPoolScaling(WorkerPoolScalingMode.MANUAL, instances, undefined, undefined);
  }

  /**
   * Instances added and removed on CPU use (Cloud Run targets 60% CPU utilization), between `minInstances` and
   * `maxInstances`. Not for GPU worker pools.
   */
  public static automatic(options: AutomaticWorkerPoolScalingOptions = {}): WorkerPoolScaling {
    const o = options ?? {};
    return new WorkerPoolScaling(WorkerPoolScalingMode.AUTOMATIC, undefined, o.minInstances ?? 1, o.maxInstances, o);
  }

  /** The scaling mode. */
  public readonly mode: WorkerPoolScalingMode;
  /** The instances of manual scaling. */
  public readonly instances?: number;
  /** The minimum of automatic scaling. */
  public readonly minInstances?: number;
  /** The maximum of automatic scaling, when given. */
  public readonly maxInstances?: number;
  /** The automatic scaling options as given, for their shape check. @internal */
  public readonly _options?: AutomaticWorkerPoolScalingOptions;

  private constructor(
    mode: WorkerPoolScalingMode,
    instances: number | undefined,
    minInstances: number | undefined,
    maxInstances: number | undefined,
    options?: AutomaticWorkerPoolScalingOptions,
  ) {
    this.mode = mode;
    this.instances = instances;
    this.minInstances = minInstances;
    this.maxInstances = maxInstances;
    this._options = options;
  }

  /** How a message names it: `WorkerPoolScaling.manual(2)`. */
  public toString(): string {
    if (this.mode === WorkerPoolScalingMode.MANUAL) return `WorkerPoolScaling.manual(${this.instances})`;
    const max = this.maxInstances === undefined ? '' : `, maxInstances: ${this.maxInstances}`;
    return `WorkerPoolScaling.automatic({ minInstances: ${this.minInstances}${max} })`;
  }
}
