import type { ProbeFacts, ProbeKind } from '../platform/cloud-run/facts';
import { CLOUD_RUN_PROBE_LIMITS } from '../platform/cloud-run/probes';
import { type FactoryInput, number, object, optionsOf, record, type Shape, string } from '../core/props';
import { isUnresolved } from '../private/cdktf';

/** Timings shared by every probe. */
export interface ProbeOptions {
  /**
   * Seconds to wait after the container starts before the first probe.
   * @default 0
   */
  readonly initialDelaySeconds?: number;
  /**
   * Seconds between probes.
   * @default - startup probes: 10 (240 for the default TCP probe); liveness probes: 10
   */
  readonly periodSeconds?: number;
  /**
   * Seconds before one probe times out; at most `periodSeconds`.
   * @default - startup probes: the smaller of the period and 5 (240 for the default TCP probe); liveness probes: 1
   */
  readonly timeoutSeconds?: number;
  /**
   * Consecutive failures before the container is restarted (liveness) or shut down (startup).
   * @default - startup probes: as many as fit the 240-second budget (240 / periodSeconds); liveness probes: 3
   */
  readonly failureThreshold?: number;
}

/** An HTTP probe: any status from 200 to 399 is a success. */
export interface HttpProbeOptions extends ProbeOptions {
  /**
   * The path to request.
   * @default '/'
   */
  readonly path?: string;
  /**
   * The port to probe.
   * @default - the container port
   */
  readonly port?: number;
  /**
   * Headers to send.
   * @default - none
   */
  readonly httpHeaders?: Record<string, string>;
}

/** A TCP probe: success when the port accepts a connection. */
export interface TcpProbeOptions extends ProbeOptions {
  /**
   * The port to probe.
   * @default - the container port
   */
  readonly port?: number;
}

/** A gRPC probe, using the gRPC Health Checking protocol. */
export interface GrpcProbeOptions extends ProbeOptions {
  /**
   * The service name sent in the health check request.
   * @default - the server's overall health
   */
  readonly service?: string;
  /**
   * The port to probe.
   * @default - the container port
   */
  readonly port?: number;
}

/**
 * The options a `Probe` holds: the timings and the settings of every probe type, of which a probe uses those of its
 * type (an interface rather than `HttpProbeOptions & GrpcProbeOptions`, which jsii does not accept).
 */
export interface AnyProbeOptions extends HttpProbeOptions, GrpcProbeOptions {}

/** How a probe checks the container. */
export enum ProbeType {
  /** An HTTP GET request. */
  HTTP = 'http',
  /** A TCP connection. */
  TCP = 'tcp',
  /** A gRPC health check. */
  GRPC = 'grpc',
}

/** The role a probe plays. */
export type ProbeRole = 'startup' | 'liveness';

/** Probe settings as the provider block expects them (camelCase). @internal */
export interface RenderedProbe {
  initialDelaySeconds: number;
  periodSeconds: number;
  /** Unset only when it would be derived from an unresolved period (the provider default then applies). */
  timeoutSeconds?: number;
  /** Unset only when it would be derived from an unresolved period (the provider default then applies). */
  failureThreshold?: number;
  httpGet?: { path: string; port?: number; httpHeaders?: Array<{ name: string; value: string }> };
  tcpSocket?: { port: number };
  grpc?: { service?: string; port?: number };
}

const timings = {
  initialDelaySeconds: number.optional(),
  periodSeconds: number.optional(),
  timeoutSeconds: number.optional(),
  failureThreshold: number.optional(),
};
/** The shape of each factory's options (ranges are the rules' job). */
const OPTIONS: Readonly<Record<ProbeType, Shape<unknown>>> = {
  [ProbeType.HTTP]: object<HttpProbeOptions>(
    { ...timings, path: string.optional(), port: number.optional(), httpHeaders: record(string).optional() },
    'the options of Probe.http',
  ),
  [ProbeType.TCP]: object<TcpProbeOptions>({ ...timings, port: number.optional() }, 'the options of Probe.tcp'),
  [ProbeType.GRPC]: object<GrpcProbeOptions>(
    { ...timings, service: string.optional(), port: number.optional() },
    'the options of Probe.grpc',
  ),
};

/**
 * A startup or liveness probe for a Cloud Run container. The options are checked by the construct the probe is given
 * to, under the prop's name (`startupProbe.periodSeconds`).
 */
export class Probe {
  /** An HTTP GET probe. */
  public static http(options: HttpProbeOptions = {}): Probe {
    return new Probe(ProbeType.HTTP, options);
  }

  /** A TCP probe. For gunicorn apps it only means "ready" with `preload`. */
  public static tcp(options: TcpProbeOptions = {}): Probe {
    return new Probe(ProbeType.TCP, options);
  }

  /** A gRPC health-check probe. */
  public static grpc(options: GrpcProbeOptions = {}): Probe {
    return new Probe(ProbeType.GRPC, options);
  }

  /** How the probe checks the container. */
  public readonly type: ProbeType;
  /** The options given. */
  public readonly options: AnyProbeOptions;
  /** What the factory was given, checked by the construct. @internal */
  public readonly _input: FactoryInput;

  private constructor(type: ProbeType, options: AnyProbeOptions | undefined) {
    this.type = type;
    this.options = optionsOf(options);
    this._input = { value: options ?? {}, shape: OPTIONS[type] };
  }

  /**
   * Fills in the timings for a role. Startup probes default to the whole 240-second budget rather than the provider's
   * 30 seconds (period 10 × threshold 3), which kills slow-importing Python apps.
   * @param containerPort the port a TCP probe checks when none is given (the provider requires one for liveness)
   * @internal
   */
  public _render(role: ProbeRole, containerPort: number): RenderedProbe {
    const o = this.options;
    const budget = CLOUD_RUN_PROBE_LIMITS.startupBudget.service;
    let timings: Omit<RenderedProbe, 'httpGet' | 'tcpSocket' | 'grpc'>;
    if (role === 'liveness') {
      const d = CLOUD_RUN_PROBE_LIMITS.providerDefaults;
      timings = {
        initialDelaySeconds: o.initialDelaySeconds ?? d.initialDelaySeconds,
        periodSeconds: o.periodSeconds ?? d.periodSeconds,
        timeoutSeconds: o.timeoutSeconds ?? d.timeoutSeconds,
        failureThreshold: o.failureThreshold ?? d.failureThreshold,
      };
    } else {
      const bareTcp = this.type === ProbeType.TCP && o.periodSeconds === undefined && o.failureThreshold === undefined;
      const period = o.periodSeconds ?? (bareTcp ? budget : 10);
      // Nothing can be derived from a period only known at apply time.
      const derive = (value: number) => (isUnresolved(period) ? undefined : value);
      timings = {
        initialDelaySeconds: o.initialDelaySeconds ?? 0,
        periodSeconds: period,
        timeoutSeconds: o.timeoutSeconds ?? derive(bareTcp ? budget : Math.min(period, 5)),
        failureThreshold: o.failureThreshold ?? derive(Math.max(1, Math.floor(budget / period))),
      };
    }
    switch (this.type) {
      case ProbeType.HTTP: {
        const headers = Object.entries(o.httpHeaders ?? {}).map(([name, value]) => ({ name, value }));
        return {
          ...timings,
          httpGet: { path: o.path ?? '/', port: o.port, httpHeaders: headers.length > 0 ? headers : undefined },
        };
      }
      case ProbeType.TCP:
        return { ...timings, tcpSocket: { port: o.port ?? containerPort } };
      default:
        return { ...timings, grpc: { service: o.service, port: o.port } };
    }
  }

  /** The options (timings, port, path, …) given as unresolved tokens, which the rules cannot judge. @internal */
  public _tokenOptions(): string[] {
    const o = this.options as Record<string, unknown>;
    return Object.keys(o).filter((k) => isUnresolved(o[k]));
  }

  /** The probe as the platform rules see it, from what it renders to. @internal */
  public _facts(rendered: RenderedProbe): ProbeFacts {
    return {
      kind: this.type as ProbeKind,
      initialDelaySeconds: rendered.initialDelaySeconds,
      periodSeconds: rendered.periodSeconds,
      timeoutSeconds: rendered.timeoutSeconds,
      failureThreshold: rendered.failureThreshold,
      path: rendered.httpGet?.path,
      port: this.options.port,
    };
  }

  /** The probe as its factory call would be written, with the timings it renders to (for messages). @internal */
  public _describe(role: ProbeRole): string {
    const r = this._render(role, 0);
    return `Probe.${this.type}({ periodSeconds: ${r.periodSeconds}, timeoutSeconds: ${r.timeoutSeconds}, failureThreshold: ${r.failureThreshold}, initialDelaySeconds: ${r.initialDelaySeconds} })`;
  }
}
