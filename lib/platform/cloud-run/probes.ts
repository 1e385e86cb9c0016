/**
 * Cloud Run startup and liveness probes: their timings, the 240-second startup budget, and what an HTTP probe needs.
 * Sources: "Configure container health checks for services"
 * (https://cloud.google.com/run/docs/configuring/healthchecks); googleapis/googleapis
 * `google/cloud/run/v2/k8s.min.proto` (Probe).
 */
import { CheckLevel } from '../../core/levels';
import { Pack } from '../rule';
import {
  type CloudRunRule,
  type CloudRunViolation,
  isWhole,
  type ProbeFacts,
  SERVICES,
  SERVICES_AND_JOBS,
} from './facts';

/** Startup and liveness probe limits (seconds). */
export const CLOUD_RUN_PROBE_LIMITS = {
  startup: { maxPeriod: 240, maxInitialDelay: 240, maxBudget: 240 },
  liveness: { maxPeriod: 3600, maxInitialDelay: 3600 },
  maxTimeout: 3600,
  /** Sub-field defaults the provider sends once a probe block is present (budget 30 s, not 240 s). */
  providerDefaults: { initialDelaySeconds: 0, timeoutSeconds: 1, periodSeconds: 10, failureThreshold: 3 },
} as const;

/** A probe's timings with provider defaults filled in. */
export function probeTimings(p: ProbeFacts): Required<Omit<ProbeFacts, 'kind' | 'path'>> {
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
  if (!p) return CLOUD_RUN_PROBE_LIMITS.startup.maxBudget; // default TCP probe: period 240 × 1
  const t = probeTimings(p);
  return t.periodSeconds * t.failureThreshold;
}

function probeViolations(
  fact: 'startupProbe' | 'livenessProbe',
  probe: ProbeFacts,
  limits: { maxPeriod: number; maxInitialDelay: number; maxBudget?: number },
): CloudRunViolation[] | undefined {
  const t = probeTimings(probe);
  let violations: CloudRunViolation[] | undefined;
  const add = (message: string, fix: string) => (violations ??= []).push({ fact, message, fix });
  if (!isWhole(t.periodSeconds) || t.periodSeconds < 1 || t.periodSeconds > limits.maxPeriod) {
    add(
      `periodSeconds ${t.periodSeconds} is outside 1 to ${limits.maxPeriod} seconds`,
      `use a period between 1 and ${limits.maxPeriod}`,
    );
  }
  if (!isWhole(t.initialDelaySeconds) || t.initialDelaySeconds < 0 || t.initialDelaySeconds > limits.maxInitialDelay) {
    add(
      `initialDelaySeconds ${t.initialDelaySeconds} is outside 0 to ${limits.maxInitialDelay} seconds`,
      `use an initial delay between 0 and ${limits.maxInitialDelay}`,
    );
  }
  if (!isWhole(t.timeoutSeconds) || t.timeoutSeconds < 1 || t.timeoutSeconds > CLOUD_RUN_PROBE_LIMITS.maxTimeout) {
    add(`timeoutSeconds ${t.timeoutSeconds} is outside 1 to 3600 seconds`, 'use a timeout of at least 1 second');
  } else if (t.timeoutSeconds > t.periodSeconds) {
    add(
      `timeoutSeconds ${t.timeoutSeconds} is longer than periodSeconds ${t.periodSeconds}`,
      `lower timeoutSeconds to at most ${t.periodSeconds} or raise periodSeconds`,
    );
  }
  if (!isWhole(t.failureThreshold) || t.failureThreshold < 1) {
    add(
      `failureThreshold ${t.failureThreshold} must be a whole number of at least 1`,
      'use a failureThreshold of at least 1',
    );
  }
  if (limits.maxBudget !== undefined && t.periodSeconds * t.failureThreshold > limits.maxBudget) {
    const threshold = Math.max(1, Math.floor(limits.maxBudget / t.periodSeconds));
    add(
      `periodSeconds ${t.periodSeconds} × failureThreshold ${t.failureThreshold} = ${t.periodSeconds * t.failureThreshold} s exceeds the ${limits.maxBudget} s startup budget`,
      `lower failureThreshold to ${threshold} (or the period) so that period × failureThreshold ≤ ${limits.maxBudget}`,
    );
  }
  return violations;
}

const HEALTHCHECKS =
  '"Configure container health checks for services", https://cloud.google.com/run/docs/configuring/healthchecks';
const PROBE_PROTO = 'googleapis/googleapis google/cloud/run/v2/k8s.min.proto (Probe)';

/** The timing limits of one probe, as an error rule. */
function probeRule(spec: {
  readonly id: string;
  readonly appliesTo: CloudRunRule['appliesTo'];
  readonly title: string;
  readonly explanation: string;
  readonly source: string;
  readonly probe: 'startupProbe' | 'livenessProbe';
  readonly limits: { maxPeriod: number; maxInitialDelay: number; maxBudget?: number };
}): CloudRunRule {
  const { probe, limits, ...meta } = spec;
  return {
    ...meta,
    pack: Pack.PLATFORM,
    level: CheckLevel.ERROR,
    suppressible: false,
    reads: [probe],
    check: (f) => {
      const p = f[probe];
      return p ? probeViolations(probe, p, limits) : undefined;
    },
  };
}

/** The violation of an HTTP probe whose path does not start with /. */
function relativePath(
  probe: ProbeFacts | undefined,
  fact: 'startupProbe.path' | 'livenessProbe.path',
): CloudRunViolation | undefined {
  return probe?.kind === 'http' && probe.path !== undefined && !probe.path.startsWith('/')
    ? { fact, message: 'an HTTP probe path must start with /', fix: "use e.g. '/' or '/healthz'" }
    : undefined;
}

export const CLOUD_RUN_PROBE_RULES: readonly CloudRunRule[] = [
  probeRule({
    id: 'GCR-STARTUP-PROBE',
    appliesTo: SERVICES_AND_JOBS,
    title: 'Startup probe: period ≤ 240 s, initial delay ≤ 240 s, timeout ≤ period, period × failureThreshold ≤ 240 s',
    explanation:
      'Cloud Run shuts a container down if its startup probe has not succeeded within failureThreshold × periodSeconds, which cannot exceed 240 seconds.',
    source: `${HEALTHCHECKS}; ${PROBE_PROTO}`,
    probe: 'startupProbe',
    limits: CLOUD_RUN_PROBE_LIMITS.startup,
  }),
  probeRule({
    id: 'GCR-LIVENESS-PROBE',
    appliesTo: SERVICES,
    title: 'Liveness probe: period ≤ 3600 s, initial delay ≤ 3600 s, timeout ≤ period, failureThreshold ≥ 1',
    explanation: 'Limits of the Cloud Run probe API.',
    source: PROBE_PROTO,
    probe: 'livenessProbe',
    limits: CLOUD_RUN_PROBE_LIMITS.liveness,
  }),
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
    reads: ['livenessProbe'],
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
    reads: ['portName', 'startupProbe', 'livenessProbe'],
    check: ({ portName, startupProbe, livenessProbe }) => {
      if (portName !== 'h2c') return undefined;
      return (['startupProbe', 'livenessProbe'] as const)
        .filter((fact) => ({ startupProbe, livenessProbe })[fact]?.kind === 'http')
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
    appliesTo: SERVICES,
    title: 'An HTTP probe path starts with /',
    explanation: 'The path of an HTTP probe is requested on the container; the API rejects one that is not absolute.',
    source:
      '"Configure container health checks for services", https://cloud.google.com/run/docs/configuring/healthchecks',
    reads: ['startupProbe.path', 'livenessProbe.path'],
    check: ({ startupProbe, livenessProbe }) => {
      const startup = relativePath(startupProbe, 'startupProbe.path');
      const liveness = relativePath(livenessProbe, 'livenessProbe.path');
      return startup && liveness ? [startup, liveness] : (startup ?? liveness);
    },
  },
];
