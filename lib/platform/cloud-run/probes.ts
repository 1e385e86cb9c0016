/**
 * Cloud Run startup and liveness probes: their timings, the 240-second startup budget, and what an HTTP probe needs.
 * Sources: "Configure container health checks for services"
 * (https://cloud.google.com/run/docs/configuring/healthchecks); googleapis/googleapis
 * `google/cloud/run/v2/k8s.min.proto` (Probe).
 */
import { CheckLevel } from '../../core/levels';
import { isKnown, Pack, type RuleContext } from '../rule';
import {
  type CloudRunFacts,
  type CloudRunRule,
  type CloudRunViolation,
  type ContainerFacts,
  isWhole,
  type ProbeFacts,
  CONTAINERS,
  SERVICES,
  V2,
  workloadOf,
  workloadName,
} from './facts';
import { named, SIDECARS } from './containers';

/** Startup and liveness probe limits (seconds). */
export const CLOUD_RUN_PROBE_LIMITS = {
  startup: { maxPeriod: 240, maxInitialDelay: 240 },
  liveness: { maxPeriod: 3600, maxInitialDelay: 3600 },
  maxTimeout: 3600,
  /**
   * The most a startup probe may take (period × failureThreshold) before the instance is shut down: 240 s for services
   * and worker pools, 600 s for jobs (1800 s with a GPU).
   */
  startupBudget: { service: 240, 'worker-pool': 240, job: 600, jobWithGpu: 1800 },
  /** Sub-field defaults the provider sends once a probe block is present (budget 30 s, not 240 s). */
  providerDefaults: { initialDelaySeconds: 0, timeoutSeconds: 1, periodSeconds: 10, failureThreshold: 3 },
} as const;

/** A probe's timings with provider defaults filled in. */
export function probeTimings(p: ProbeFacts): Required<Omit<ProbeFacts, 'kind' | 'path' | 'port'>> {
  const d = CLOUD_RUN_PROBE_LIMITS.providerDefaults;
  return {
    initialDelaySeconds: p.initialDelaySeconds ?? d.initialDelaySeconds,
    periodSeconds: p.periodSeconds ?? d.periodSeconds,
    timeoutSeconds: p.timeoutSeconds ?? d.timeoutSeconds,
    failureThreshold: p.failureThreshold ?? d.failureThreshold,
  };
}

/** Seconds a startup probe lets the container take before it is shut down (period × failureThreshold). */
export function startupBudgetSeconds(p: ProbeFacts | undefined): number {
  if (!p) return CLOUD_RUN_PROBE_LIMITS.startupBudget.service; // default TCP probe: period 240 × 1
  const t = probeTimings(p);
  return t.periodSeconds * t.failureThreshold;
}

/** The most a workload's startup probe may take. */
function startupBudgetLimit(f: Readonly<CloudRunFacts>): number {
  const b = CLOUD_RUN_PROBE_LIMITS.startupBudget;
  const workload = workloadOf(f);
  if (workload === 'job') return (f.gpuCount ?? 0) > 0 ? b.jobWithGpu : b.job;
  return b[workload];
}

/** A TCP port number: what a probe's port, like the container port, must be. */
export const TCP_PORT = { min: 1, max: 65535 } as const;

/** True for a whole number within [min, max] (both included). */
const within = (n: number, min: number, max: number) => isWhole(n) && n >= min && n <= max;

/** The timing (or port) values of a probe the range rules read, each judged on its own. */
const PROBE_VALUES = ['initialDelaySeconds', 'periodSeconds', 'timeoutSeconds', 'failureThreshold', 'port'] as const;

/**
 * The range violations of one probe's timings and port (what the API rejects). A value only known at apply time is
 * skipped, and only that value.
 */
function probeViolations(
  fact: 'startupProbe' | 'livenessProbe' | `containers.${number}.startupProbe`,
  probe: ProbeFacts,
  limits: { maxPeriod: number; maxInitialDelay: number },
  context: RuleContext,
): CloudRunViolation[] | undefined {
  const t = probeTimings(probe);
  let violations: CloudRunViolation[] | undefined;
  const known = (value: string) => isKnown(context, `${fact}.${value}`);
  const add = (value: string, message: string, fix: string) =>
    (violations ??= []).push({ fact: `${fact}.${value}`, message, fix });
  if (known('periodSeconds') && !within(t.periodSeconds, 1, limits.maxPeriod)) {
    add(
      'periodSeconds',
      `periodSeconds ${t.periodSeconds} is outside 1 to ${limits.maxPeriod} seconds`,
      `use a period between 1 and ${limits.maxPeriod}`,
    );
  }
  if (known('initialDelaySeconds') && !within(t.initialDelaySeconds, 0, limits.maxInitialDelay)) {
    add(
      'initialDelaySeconds',
      `initialDelaySeconds ${t.initialDelaySeconds} is outside 0 to ${limits.maxInitialDelay} seconds`,
      `use an initial delay between 0 and ${limits.maxInitialDelay}`,
    );
  }
  if (known('timeoutSeconds') && !within(t.timeoutSeconds, 1, CLOUD_RUN_PROBE_LIMITS.maxTimeout)) {
    add(
      'timeoutSeconds',
      `timeoutSeconds ${t.timeoutSeconds} is outside 1 to ${CLOUD_RUN_PROBE_LIMITS.maxTimeout} seconds`,
      `use a timeout between 1 and ${CLOUD_RUN_PROBE_LIMITS.maxTimeout}`,
    );
  }
  if (known('failureThreshold') && !(isWhole(t.failureThreshold) && t.failureThreshold >= 1)) {
    add(
      'failureThreshold',
      `failureThreshold ${t.failureThreshold} must be a whole number of at least 1`,
      'use a failureThreshold of at least 1',
    );
  }
  if (known('port') && probe.port !== undefined && !within(probe.port, TCP_PORT.min, TCP_PORT.max)) {
    add('port', `port ${probe.port} is not a TCP port (1 to 65535)`, 'use the container port, e.g. 8080');
  }
  return violations;
}

const HEALTHCHECKS =
  '"Configure container health checks for services", https://cloud.google.com/run/docs/configuring/healthchecks';
const PROBE_PROTO = 'googleapis/googleapis google/cloud/run/v2/k8s.min.proto (Probe)';

/** The timing ranges of one probe, as an error rule. */
function probeRule(spec: {
  readonly id: string;
  readonly appliesTo: CloudRunRule['appliesTo'];
  readonly title: string;
  readonly explanation: string;
  readonly source: string;
  readonly probe: 'startupProbe' | 'livenessProbe';
  readonly limits: { maxPeriod: number; maxInitialDelay: number };
}): CloudRunRule {
  const { probe, limits, ...meta } = spec;
  return {
    ...meta,
    pack: Pack.PLATFORM,
    level: CheckLevel.ERROR,
    suppressible: false,
    reads: PROBE_VALUES.map((value) => `${probe}.${value}` as const),
    perValue: true,
    check: (f, context) => {
      const p = f[probe];
      return p ? probeViolations(probe, p, limits, context) : undefined;
    },
  };
}

/** A probe whose timeout is longer than its period (unless either is only known at apply time). */
function timeoutOverPeriod(
  probe: ProbeFacts | undefined,
  fact: 'startupProbe' | 'livenessProbe',
  context: RuleContext,
): CloudRunViolation | undefined {
  if (!probe || !isKnown(context, `${fact}.timeoutSeconds`) || !isKnown(context, `${fact}.periodSeconds`)) {
    return undefined;
  }
  const t = probeTimings(probe);
  return t.timeoutSeconds > t.periodSeconds
    ? {
        fact,
        message: `timeoutSeconds ${t.timeoutSeconds} is longer than periodSeconds ${t.periodSeconds}, so a slow check overlaps the next one`,
        fix: `lower timeoutSeconds to at most ${t.periodSeconds} or raise periodSeconds`,
      }
    : undefined;
}

/** The violation of an HTTP probe whose path does not start with /. */
function relativePath(
  probe: ProbeFacts | undefined,
  fact: 'startupProbe.path' | 'livenessProbe.path' | `containers.${number}.startupProbe.path`,
  context: RuleContext,
): CloudRunViolation | undefined {
  return probe?.kind === 'http' && probe.path !== undefined && isKnown(context, fact) && !probe.path.startsWith('/')
    ? { fact, message: 'an HTTP probe path must start with /', fix: "use e.g. '/' or '/healthz'" }
    : undefined;
}

/**
 * The range and path violations of the sidecars' startup probes (a sidecar's probe is known or unknown as a whole),
 * each message naming the container.
 */
function sidecarProbeViolations(
  containers: readonly ContainerFacts[],
  context: RuleContext,
): CloudRunViolation[] | undefined {
  let violations: CloudRunViolation[] | undefined;
  for (let i = 0; i < containers.length; i++) {
    const c = containers[i];
    if (c.ingress || c.startupProbe === undefined) continue;
    const fact = `containers.${i}.startupProbe` as const;
    const found = probeViolations(fact, c.startupProbe, CLOUD_RUN_PROBE_LIMITS.startup, context) ?? [];
    const path = relativePath(c.startupProbe, `${fact}.path`, context);
    if (path) found.push(path);
    for (const v of found)
      (violations ??= []).push({ ...v, message: `the startup probe of ${named(c, i)}: ${v.message}` });
  }
  return violations;
}

export const CLOUD_RUN_PROBE_RULES: readonly CloudRunRule[] = [
  probeRule({
    id: 'GCR-STARTUP-PROBE',
    appliesTo: CONTAINERS,
    title: 'Startup probe: period 1–240 s, initial delay 0–240 s, timeout 1–3600 s, failureThreshold ≥ 1, port 1–65535',
    explanation: 'The ranges of the Cloud Run probe API for startup probes; the API rejects values outside them.',
    source: `${PROBE_PROTO}; ${HEALTHCHECKS}`,
    probe: 'startupProbe',
    limits: CLOUD_RUN_PROBE_LIMITS.startup,
  }),
  probeRule({
    id: 'GCR-LIVENESS-PROBE',
    appliesTo: SERVICES,
    title:
      'Liveness probe: period 1–3600 s, initial delay 0–3600 s, timeout 1–3600 s, failureThreshold ≥ 1, port 1–65535',
    explanation: 'The ranges of the Cloud Run probe API for liveness probes; the API rejects values outside them.',
    source: PROBE_PROTO,
    probe: 'livenessProbe',
    limits: CLOUD_RUN_PROBE_LIMITS.liveness,
  }),
  {
    id: 'GCR-SIDECAR-STARTUP-PROBE',
    pack: Pack.PLATFORM,
    level: CheckLevel.ERROR,
    suppressible: false,
    appliesTo: V2,
    title: "A sidecar's startup probe keeps the startup probe ranges and, over HTTP, an absolute path",
    explanation:
      "Every container's startup probe is the same Probe of the API, with the same ranges (period 1–240 s, initial delay 0–240 s, timeout 1–3600 s, failureThreshold ≥ 1, port 1–65535) and an HTTP path starting with /. GCR-STARTUP-PROBE and GCR-PROBE-PATH judge the container that serves; this rule judges the sidecars.",
    source: `${PROBE_PROTO}; ${HEALTHCHECKS}`,
    scope: SIDECARS,
    reads: ['containers'],
    check: ({ containers = [] }, context) => sidecarProbeViolations(containers, context),
  },
  {
    id: 'GCR-PROBE-TIMEOUT',
    pack: Pack.PLATFORM,
    level: CheckLevel.WARNING,
    suppressible: true,
    appliesTo: CONTAINERS,
    title: 'A probe timeout longer than its period',
    explanation:
      'The probe API describes timeoutSeconds as "Must be smaller than period_seconds", yet the API accepts a longer timeout: the provider\'s acceptance tests apply startup and liveness probes with timeout 5 / period 1 and timeout 6 / period 2. A warning: checks that outlast their period overlap.',
    source: `${PROBE_PROTO} (timeout_seconds); hashicorp/terraform-provider-google google/services/cloudrunv2/resource_cloud_run_v2_service_test.go (TestAccCloudRunV2Service_cloudrunv2ServiceTCPProbesUpdate, HTTPProbesUpdate)`,
    reads: [
      'startupProbe.timeoutSeconds',
      'startupProbe.periodSeconds',
      'livenessProbe.timeoutSeconds',
      'livenessProbe.periodSeconds',
    ],
    perValue: true,
    check: ({ startupProbe, livenessProbe }, context) => {
      const startup = timeoutOverPeriod(startupProbe, 'startupProbe', context);
      const liveness = timeoutOverPeriod(livenessProbe, 'livenessProbe', context);
      return startup && liveness ? [startup, liveness] : (startup ?? liveness);
    },
  },
  {
    id: 'GCR-STARTUP-BUDGET',
    pack: Pack.PLATFORM,
    level: CheckLevel.WARNING,
    suppressible: true,
    appliesTo: CONTAINERS,
    title:
      'Startup probe: period × failureThreshold within the startup budget (240 s for services and worker pools, 600 s for jobs, 1800 s for jobs with a GPU)',
    explanation:
      'Cloud Run shuts an instance down when its startup probe has not succeeded within failureThreshold × periodSeconds, capped at 240 seconds for services and worker pools ("your instances must listen for requests within 4 minutes") and 600 seconds for jobs (1800 with a GPU). A longer budget is not rejected, only never granted: a warning.',
    source: `${HEALTHCHECKS}; "Configure container health checks for jobs", https://cloud.google.com/run/docs/configuring/jobs/healthchecks; "Container runtime contract", https://cloud.google.com/run/docs/container-contract`,
    reads: ['startupProbe.periodSeconds', 'startupProbe.failureThreshold', 'workload', 'gpuCount'],
    check: (f) => {
      const p = f.startupProbe;
      if (!p) return undefined;
      const t = probeTimings(p);
      // A period past its own maximum (240 s, below every budget) is GCR-STARTUP-PROBE's error: said once, there.
      if (t.periodSeconds > CLOUD_RUN_PROBE_LIMITS.startup.maxPeriod) return undefined;
      const budget = t.periodSeconds * t.failureThreshold;
      const limit = startupBudgetLimit(f);
      if (!Number.isFinite(budget) || budget <= limit) return undefined;
      const threshold = Math.max(1, Math.floor(limit / t.periodSeconds));
      return {
        fact: 'startupProbe',
        message: `periodSeconds ${t.periodSeconds} × failureThreshold ${t.failureThreshold} = ${budget} s exceeds the ${limit} s startup budget of a ${workloadName(f)}, so the instance is shut down before the probe gives up`,
        fix: `lower failureThreshold to ${threshold} (or the period) so that period × failureThreshold ≤ ${limit}`,
      };
    },
  },
  {
    id: 'GCR-LIVENESS-TCP',
    pack: Pack.PLATFORM,
    level: CheckLevel.WARNING,
    suppressible: true,
    appliesTo: SERVICES,
    title: 'Liveness probes are documented as HTTP or gRPC only',
    explanation:
      'Cloud Run documents HTTP and gRPC liveness probes; the provider still accepts tcp_socket, whose acceptance by the API is unconfirmed.',
    source:
      '"Configure container health checks for services", https://cloud.google.com/run/docs/configuring/healthchecks',
    reads: ['livenessProbe.kind'],
    check: ({ livenessProbe }) =>
      livenessProbe?.kind === 'tcp'
        ? {
            fact: 'livenessProbe',
            message: 'a TCP liveness probe only proves the port is open',
            fix: 'use an HTTP liveness probe on a health endpoint',
          }
        : undefined,
  },
  {
    id: 'GCR-HTTP-PROBE-H2C',
    pack: Pack.PLATFORM,
    level: CheckLevel.ERROR,
    suppressible: false,
    appliesTo: SERVICES,
    title: 'HTTP probes need an HTTP/1 port',
    explanation: 'HTTP probes fail when the container port is declared h2c (HTTP/2 cleartext).',
    source:
      '"Configure container health checks for services", https://cloud.google.com/run/docs/configuring/healthchecks',
    reads: ['portName', 'startupProbe.kind', 'livenessProbe.kind'],
    perValue: true,
    check: ({ portName, startupProbe, livenessProbe }, context) => {
      if (portName !== 'h2c' || !isKnown(context, 'portName')) return undefined;
      return (['startupProbe', 'livenessProbe'] as const)
        .filter((fact) => isKnown(context, `${fact}.kind`) && { startupProbe, livenessProbe }[fact]?.kind === 'http')
        .map((fact) => ({
          fact,
          message: 'an HTTP probe cannot reach an h2c (HTTP/2) port',
          fix: 'use a TCP or gRPC probe, or serve HTTP/1',
        }));
    },
  },
  {
    id: 'GCR-PROBE-PATH',
    pack: Pack.PLATFORM,
    level: CheckLevel.ERROR,
    suppressible: false,
    appliesTo: CONTAINERS,
    title: 'An HTTP probe path starts with /',
    explanation: 'The path of an HTTP probe is requested on the container; the API rejects one that is not absolute.',
    source:
      '"Configure container health checks for services", https://cloud.google.com/run/docs/configuring/healthchecks',
    reads: ['startupProbe.path', 'livenessProbe.path'],
    perValue: true,
    check: ({ startupProbe, livenessProbe }, context) => {
      const startup = relativePath(startupProbe, 'startupProbe.path', context);
      const liveness = relativePath(livenessProbe, 'livenessProbe.path', context);
      return startup && liveness ? [startup, liveness] : (startup ?? liveness);
    },
  },
];
