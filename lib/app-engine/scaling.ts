import { type FactoryInput, number, object, optionsOf, type Shape } from '../core/props';
import type { AppEngineScalingType } from '../platform/app-engine/facts';

/** The three scaling types of App Engine standard. */
export enum ScalingType {
  /** Dynamic instances started per request rate and latency; 10-minute request deadline; F classes. */
  AUTOMATIC = 'automatic',
  /** Dynamic instances started on request and stopped when idle; 24-hour request deadline; B classes. */
  BASIC = 'basic',
  /** Resident instances that run all the time; 24-hour request deadline; B classes. */
  MANUAL = 'manual',
}

/** Options of automatic scaling. Unset options take App Engine's defaults. */
export interface AutomaticScalingOptions {
  /**
   * Instances kept running even without traffic (billed around the clock). Turns on warmup requests.
   * @default 0
   */
  readonly minInstances?: number;
  /**
   * Most instances the version may run; 0 means no cap.
   * @default - 20 for projects created after March 2025, no cap for older ones
   */
  readonly maxInstances?: number;
  /**
   * Idle instances kept ready for the default version (billed). Turns on warmup requests.
   * @default - automatic
   */
  readonly minIdleInstances?: number;
  /**
   * Most idle instances kept after a spike.
   * @default - automatic
   */
  readonly maxIdleInstances?: number;
  /**
   * Concurrent requests an instance accepts before the scheduler starts another (1 to 1000).
   * @default - the server's capacity (gunicorn workers × threads), at most 1000
   */
  readonly maxConcurrentRequests?: number;
  /**
   * CPU utilization that starts a new instance (0.5 to 0.95).
   * @default 0.6
   */
  readonly targetCpuUtilization?: number;
  /**
   * Share of maxConcurrentRequests that starts a new instance (0.5 to 0.95).
   * @default 0.6
   */
  readonly targetThroughputUtilization?: number;
  /**
   * Seconds a request may wait in the pending queue before App Engine may start an instance.
   * @default - automatic
   */
  readonly minPendingLatency?: number;
  /**
   * Seconds a request may wait in the pending queue before App Engine must start an instance (at most 10).
   * @default - automatic
   */
  readonly maxPendingLatency?: number;
}

/** Options of basic scaling. */
export interface BasicScalingOptions {
  /** Most instances the version may run (1 to 200). */
  readonly maxInstances: number;
  /**
   * Seconds an instance stays up after its last request. The provider's default is 900 s while app.yaml's is 5 minutes;
   * this library writes 900 s explicitly because billing runs 15 minutes past the last request anyway.
   * @default 900
   */
  readonly idleTimeout?: number;
}

/** Options of manual scaling. */
export interface ManualScalingOptions {
  /** Resident instances (at least 1), billed around the clock. */
  readonly instances: number;
}

const n = number.optional();
const OPTIONS: Readonly<Record<ScalingType, Shape<unknown>>> = {
  [ScalingType.AUTOMATIC]: object<AutomaticScalingOptions>(
    {
      minInstances: n,
      maxInstances: n,
      minIdleInstances: n,
      maxIdleInstances: n,
      maxConcurrentRequests: n,
      targetCpuUtilization: n,
      targetThroughputUtilization: n,
      minPendingLatency: n,
      maxPendingLatency: n,
    },
    'the options of Scaling.automatic',
  ),
  [ScalingType.BASIC]: object<BasicScalingOptions>(
    { maxInstances: number, idleTimeout: n },
    'the options of Scaling.basic',
  ),
  [ScalingType.MANUAL]: object<ManualScalingOptions>({ instances: number }, 'the options of Scaling.manual'),
};

/**
 * How a version scales: automatic (F classes), basic or manual (B classes). The options are checked by the construct
 * they are given to, under the prop's name (`scaling.minInstances`).
 */
export class Scaling {
  /** Automatic scaling: dynamic instances, 10-minute request deadline, F instance classes. */
  public static automatic(options: AutomaticScalingOptions = {}): Scaling {
    return new Scaling(ScalingType.AUTOMATIC, optionsOf(options), undefined, undefined, options);
  }

  /** Basic scaling: instances start on request and stop when idle; 24-hour request deadline; B instance classes. */
  public static basic(options: BasicScalingOptions): Scaling {
    return new Scaling(ScalingType.BASIC, undefined, optionsOf(options), undefined, options);
  }

  /** Manual scaling: resident instances; 24-hour request deadline; B instance classes. */
  public static manual(options: ManualScalingOptions): Scaling {
    return new Scaling(ScalingType.MANUAL, undefined, undefined, optionsOf(options), options);
  }

  /** The scaling type. */
  public readonly type: ScalingType;
  /** Automatic-scaling options, for automatic scaling. */
  public readonly automaticOptions?: AutomaticScalingOptions;
  /** Basic-scaling options, for basic scaling. */
  public readonly basicOptions?: BasicScalingOptions;
  /** Manual-scaling options, for manual scaling. */
  public readonly manualOptions?: ManualScalingOptions;
  /** What the factory was given, checked by the construct. @internal */
  public readonly _input: FactoryInput;

  private constructor(
    type: ScalingType,
    automatic: AutomaticScalingOptions | undefined,
    basic: BasicScalingOptions | undefined,
    manual: ManualScalingOptions | undefined,
    given: unknown,
  ) {
    this._input = { value: given, shape: OPTIONS[type] };
    this.type = type;
    this.automaticOptions = automatic;
    this.basicOptions = basic;
    this.manualOptions = manual;
  }

  /** @internal */
  public get _platformType(): AppEngineScalingType {
    return this.type;
  }
}
