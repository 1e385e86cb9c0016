/**
 * Cloud Run (v2 services) platform facts: every limit and cross-field rule, written once.
 *
 * `CloudRunService` judges its resolved props with these rules, and the policy checks judge synthesized
 * `google_cloud_run_v2_service` (and v1 / job) resources with the same rules.
 *
 * Sources (see ../shared/reference/platform-constraints.md §1, §6, §7 for the full citations):
 * - CPU and memory: https://cloud.google.com/run/docs/configuring/services/cpu and .../memory-limits
 * - Concurrency: https://cloud.google.com/run/docs/about-concurrency
 * - Billing (`cpu_idle`): https://cloud.google.com/run/docs/configuring/billing-settings and
 *   https://github.com/hashicorp/terraform-provider-google/issues/17246
 * - Probes: https://cloud.google.com/run/docs/configuring/healthchecks and googleapis `run/v2/k8s.min.proto`
 * - Request timeout: https://cloud.google.com/run/docs/configuring/request-timeout
 * - Service names: googleapis `run/v2/service.proto` (service_id)
 * - gunicorn: benoitc/gunicorn `config.py`; GoogleCloudPlatform/python-docs-samples `run/helloworld/Dockerfile`
 * @internal
 */
import { formatCpu, formatMiB } from '../core/quantity';
import type { FactRule, Issue } from './rule';

/** Integer vCPU counts Cloud Run accepts (3, 5 and 7 are rejected). */
export const CLOUD_RUN_WHOLE_CPUS: readonly number[] = [1, 2, 4, 6, 8];
/** Smallest fractional vCPU. */
export const CLOUD_RUN_MIN_CPU = 0.08;
/** Memory limits per vCPU: [cpu at least, max MiB, min MiB]. Read top-down, first match wins. */
export const CLOUD_RUN_MEMORY_BY_CPU: ReadonlyArray<{
  readonly minCpu: number;
  readonly maxMiB: number;
  readonly minMiB: number;
}> = [
  { minCpu: 8, maxMiB: 32 * 1024, minMiB: 4 * 1024 },
  { minCpu: 6, maxMiB: 24 * 1024, minMiB: 4 * 1024 },
  { minCpu: 4, maxMiB: 16 * 1024, minMiB: 2 * 1024 },
  { minCpu: 2, maxMiB: 8 * 1024, minMiB: 0 },
  { minCpu: 1, maxMiB: 4 * 1024, minMiB: 0 },
  { minCpu: 0.5, maxMiB: 1024, minMiB: 0 },
  { minCpu: 0, maxMiB: 512, minMiB: 0 },
];
/** Absolute memory bounds. gen2 (and GPU, volumes) need 512 MiB; gen1 allows 128 MiB. */
export const CLOUD_RUN_MEMORY = { minGen1MiB: 128, minGen2MiB: 512, maxMiB: 32 * 1024 } as const;
/** Per-instance request concurrency bounds. */
export const CLOUD_RUN_CONCURRENCY = { min: 1, max: 1000 } as const;
/** Request timeout bounds in seconds, and the point past which Google recommends retries. */
export const CLOUD_RUN_REQUEST_TIMEOUT = { min: 1, max: 3600, defaultSeconds: 300, longSeconds: 900 } as const;
/** Startup and liveness probe limits (seconds). */
export const CLOUD_RUN_PROBE_LIMITS = {
  startup: { maxPeriod: 240, maxInitialDelay: 240, maxBudget: 240 },
  liveness: { maxPeriod: 3600, maxInitialDelay: 3600 },
  maxTimeout: 3600,
  /** Sub-field defaults the provider sends once a probe block is present (budget 30 s, not 240 s). */
  providerDefaults: { initialDelaySeconds: 0, timeoutSeconds: 1, periodSeconds: 10, failureThreshold: 3 },
} as const;
/** Cloud Run service names: fewer than 50 characters, lowercase letters, digits, hyphens, letter first, no trailing hyphen. */
export const CLOUD_RUN_SERVICE_NAME = { maxLength: 49, pattern: /^[a-z]([a-z0-9-]*[a-z0-9])?$/ } as const;

/** How a probe checks the container. */
export type ProbeKind = 'http' | 'tcp' | 'grpc';

/** A probe as the platform sees it; unset timings take the provider defaults. */
export interface ProbeFacts {
  readonly kind: ProbeKind;
  readonly initialDelaySeconds?: number;
  readonly periodSeconds?: number;
  readonly timeoutSeconds?: number;
  readonly failureThreshold?: number;
}

/** The gunicorn server running in the container, when known. */
export interface ServerFacts {
  /** WSGI servers have a fixed capacity (workers × threads); ASGI servers do not. */
  readonly model: 'WSGI' | 'ASGI';
  readonly workers?: number;
  readonly threads?: number;
  /** gunicorn `--timeout` (0: none; unset: gunicorn's default 30). */
  readonly timeout?: number;
  readonly preload: boolean;
  /** Memory all workers need, when declared. */
  readonly memoryMiB?: number;
}

/** The platform-relevant view of one Cloud Run service revision. Unset means "not written" (platform default). */
export interface CloudRunFacts {
  readonly name?: string;
  /** vCPU; NaN when the quantity is malformed. */
  readonly cpu?: number;
  /** MiB; NaN when the quantity is malformed. */
  readonly memoryMiB?: number;
  readonly executionEnvironment?: 'GEN1' | 'GEN2';
  readonly concurrency?: number;
  /** `resources.cpu_idle`: true = request-based billing. */
  readonly cpuIdle?: boolean;
  /** Whether a `resources` block is written (it flips the `cpu_idle` default). */
  readonly resourcesWritten?: boolean;
  readonly minInstances?: number;
  readonly maxInstances?: number;
  readonly timeoutSeconds?: number;
  /** Unset: Cloud Run's default TCP startup probe. */
  readonly startupProbe?: ProbeFacts;
  readonly livenessProbe?: ProbeFacts;
  /** `ports.name`: `http1` or `h2c`. */
  readonly portName?: string;
  readonly server?: ServerFacts;
}

type CloudRunRule = FactRule<CloudRunFacts>;
type CloudRunIssue = Issue<CloudRunFacts>;

/** True for a vCPU count Cloud Run accepts. */
export function isAllowedCpu(cpu: number): boolean {
  if (!Number.isFinite(cpu)) return false;
  if (cpu >= 1) return CLOUD_RUN_WHOLE_CPUS.includes(cpu);
  return cpu >= CLOUD_RUN_MIN_CPU && Math.abs(cpu * 1000 - Math.round(cpu * 1000)) < 1e-9;
}

/** The memory bounds for a vCPU count. */
export function memoryBoundsForCpu(cpu: number): { maxMiB: number; minMiB: number } {
  return (
    CLOUD_RUN_MEMORY_BY_CPU.find((row) => cpu >= row.minCpu) ??
    CLOUD_RUN_MEMORY_BY_CPU[CLOUD_RUN_MEMORY_BY_CPU.length - 1]
  );
}

/** The smallest allowed vCPU count whose memory ceiling admits `memoryMiB`. */
export function minCpuForMemory(memoryMiB: number): number | undefined {
  const fits = [...CLOUD_RUN_MEMORY_BY_CPU].reverse().find((row) => memoryMiB <= row.maxMiB);
  if (!fits) return undefined;
  return fits.minCpu === 0 ? CLOUD_RUN_MIN_CPU : fits.minCpu;
}

/** The default number of gunicorn workers for a vCPU count: one per whole vCPU, at least 1 (Google's guide). */
export function defaultWorkersForCpu(cpu: number): number {
  return Math.max(1, Math.floor(cpu));
}

/** A probe's timings with provider defaults filled in. */
export function probeTimings(p: ProbeFacts): Required<Omit<ProbeFacts, 'kind'>> {
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

/** Effective billing: request-based unless `cpu_idle` is false, or unset while `resources` is written. */
export function isRequestBilled(f: Pick<CloudRunFacts, 'cpuIdle' | 'resourcesWritten'>): boolean {
  if (f.cpuIdle !== undefined) return f.cpuIdle;
  return !f.resourcesWritten;
}

const isWhole = (n: number) => Number.isInteger(n);

function probeIssues(
  fact: 'startupProbe' | 'livenessProbe',
  probe: ProbeFacts,
  limits: { maxPeriod: number; maxInitialDelay: number; maxBudget?: number },
): CloudRunIssue[] {
  const t = probeTimings(probe);
  const issues: CloudRunIssue[] = [];
  const add = (message: string, fix: string) => issues.push({ fact, message, fix });
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
  return issues;
}

/** Every Cloud Run platform rule. */
export const CLOUD_RUN_RULES: readonly CloudRunRule[] = [
  {
    id: 'GCR-CPU-VALUE',
    level: 'error',
    category: 'platform',
    title: 'CPU must be 0.08 to below 1 vCPU (in steps of 0.001), or exactly 1, 2, 4, 6 or 8',
    explanation:
      'Cloud Run rejects other CPU limits at deploy time. Integer values 3, 5 and 7 are not offered. Source: cloud.google.com/run/docs/configuring/services/cpu.',
    reads: ['cpu'],
    check: ({ cpu }) => {
      if (cpu === undefined || isAllowedCpu(cpu)) return undefined;
      if (Number.isNaN(cpu))
        return { fact: 'cpu', message: 'CPU is not a valid quantity', fix: "write it like 1, 2, '0.5' or '1000m'" };
      const next = CLOUD_RUN_WHOLE_CPUS.find((c) => c >= cpu) ?? 8;
      const fix =
        cpu > 8
          ? 'use at most 8 vCPU'
          : cpu < CLOUD_RUN_MIN_CPU
            ? 'use at least 0.08 vCPU'
            : cpu < 1
              ? `use at most 3 decimals, e.g. ${formatCpu(Math.max(CLOUD_RUN_MIN_CPU, Math.floor(cpu * 1000) / 1000))}`
              : `use ${next} vCPU`;
      return {
        fact: 'cpu',
        message: `Cloud Run accepts 0.08 to below 1 vCPU (in steps of 0.001) or exactly ${CLOUD_RUN_WHOLE_CPUS.join(', ')}; ${cpu} is not allowed`,
        fix,
      };
    },
  },
  {
    id: 'GCR-MEMORY-RANGE',
    level: 'error',
    category: 'platform',
    title: 'Memory must be 128 MiB (gen1) or 512 MiB (gen2) up to 32 GiB',
    explanation:
      'Cloud Run allows at most 32 GiB per instance; the second-generation execution environment needs at least 512 MiB. Source: cloud.google.com/run/docs/configuring/services/memory-limits.',
    reads: ['memoryMiB', 'executionEnvironment'],
    check: ({ memoryMiB, executionEnvironment }) => {
      if (memoryMiB === undefined) return undefined;
      if (Number.isNaN(memoryMiB))
        return { fact: 'memoryMiB', message: 'memory is not a valid quantity', fix: "write it like '512Mi' or '2Gi'" };
      if (memoryMiB > CLOUD_RUN_MEMORY.maxMiB) {
        return {
          fact: 'memoryMiB',
          message: `memory ${formatMiB(memoryMiB)} is above Cloud Run's 32 GiB maximum`,
          fix: 'use at most 32Gi',
        };
      }
      const gen2 = executionEnvironment === 'GEN2';
      const min = gen2 ? CLOUD_RUN_MEMORY.minGen2MiB : CLOUD_RUN_MEMORY.minGen1MiB;
      if (memoryMiB < min) {
        return {
          fact: 'memoryMiB',
          message: `memory ${formatMiB(memoryMiB)} is below the ${formatMiB(min)} minimum${gen2 ? ' of the gen2 execution environment' : ''}`,
          fix: gen2 ? "use at least '512Mi' (note '512M' is only 488 MiB)" : "use at least '128Mi'",
        };
      }
      return undefined;
    },
  },
  {
    id: 'GCR-MEMORY-FOR-CPU',
    level: 'error',
    category: 'platform',
    title:
      'Memory must fit the CPU: ≤512 MiB below 0.5 vCPU, ≤1 GiB below 1, ≤4/8/16/24/32 GiB for 1/2/4/6/8 vCPU; 4 vCPU need ≥2 GiB, 6 and 8 need ≥4 GiB',
    explanation:
      'Cloud Run ties the memory limit to the CPU limit in both directions. Source: cloud.google.com/run/docs/configuring/services/cpu (table and "A minimum of 0.5 vCPU is needed to set a memory limit greater than 512MiB").',
    reads: ['cpu', 'memoryMiB'],
    check: ({ cpu = 1, memoryMiB = 512 }) => {
      if (!Number.isFinite(cpu) || !Number.isFinite(memoryMiB) || !isAllowedCpu(cpu)) return undefined;
      const { maxMiB, minMiB } = memoryBoundsForCpu(cpu);
      if (memoryMiB > maxMiB) {
        const need = minCpuForMemory(memoryMiB);
        return {
          fact: 'memoryMiB',
          message: `Cloud Run allows at most ${formatMiB(maxMiB)} of memory with ${formatCpu(cpu)} vCPU; ${formatMiB(memoryMiB)} needs at least ${need === undefined ? 'more than 8' : formatCpu(need)} vCPU`,
          fix:
            need === undefined
              ? 'use at most 32Gi'
              : `raise cpu to ${formatCpu(need)} or lower memory to ${formatMiB(maxMiB)}`,
        };
      }
      if (memoryMiB < minMiB) {
        return {
          fact: 'memoryMiB',
          message: `${formatCpu(cpu)} vCPU need at least ${formatMiB(minMiB)} of memory; ${formatMiB(memoryMiB)} is too little`,
          fix: `raise memory to ${formatMiB(minMiB)} or lower cpu`,
        };
      }
      return undefined;
    },
  },
  {
    id: 'GCR-FRACTIONAL-CPU',
    level: 'error',
    category: 'platform',
    title: 'Below 1 vCPU: concurrency must be 1, billing request-based, and the execution environment not gen2',
    explanation:
      'Cloud Run enforces these requirements for less than 1 vCPU. Source: cloud.google.com/run/docs/configuring/services/cpu ("If you use less than 1 vCPU, the following requirements are enforced").',
    reads: ['cpu', 'concurrency', 'cpuIdle', 'resourcesWritten', 'executionEnvironment'],
    check: (f) => {
      if (f.cpu === undefined || !(f.cpu < 1) || !isAllowedCpu(f.cpu)) return undefined;
      const issues: CloudRunIssue[] = [];
      const cpu = formatCpu(f.cpu);
      if (f.concurrency !== undefined && f.concurrency !== 1) {
        issues.push({
          fact: 'concurrency',
          message: `with ${cpu} vCPU concurrency must be 1, not ${f.concurrency}`,
          fix: 'set concurrency to 1 or cpu to at least 1',
        });
      }
      if (!isRequestBilled(f)) {
        issues.push({
          fact: 'cpuIdle',
          message: `with ${cpu} vCPU billing must be request-based (cpu_idle true); instance-based billing needs at least 1 vCPU`,
          fix: 'use request-based billing or set cpu to at least 1',
        });
      }
      if (f.executionEnvironment === 'GEN2') {
        issues.push({
          fact: 'executionEnvironment',
          message: `with ${cpu} vCPU the gen2 execution environment is rejected`,
          fix: 'use the gen1 execution environment or set cpu to at least 1',
        });
      }
      return issues;
    },
  },
  {
    id: 'GCR-CPU-IDLE-IMPLICIT',
    level: 'warning',
    category: 'cost',
    title: 'A resources block without cpu_idle silently selects instance-based billing',
    explanation:
      'The API defaults cpu_idle to true only when no resources block is sent; once limits are written the caller must set cpu_idle = true to keep request-based billing. Source: googleapis run/v2/k8s.min.proto; hashicorp/terraform-provider-google#17246.',
    reads: ['cpuIdle', 'resourcesWritten'],
    check: ({ cpuIdle, resourcesWritten }) =>
      resourcesWritten && cpuIdle === undefined
        ? {
            fact: 'cpuIdle',
            message: 'resources are written without cpu_idle, so the service is billed for whole instance lifetimes',
            fix: 'write cpu_idle = true for request-based billing, or cpu_idle = false to make instance billing explicit',
          }
        : undefined,
  },
  {
    id: 'GCR-CONCURRENCY-RANGE',
    level: 'error',
    category: 'platform',
    title: 'Request concurrency must be a whole number from 1 to 1000',
    explanation:
      'Cloud Run serves at most 1000 concurrent requests per instance. Source: cloud.google.com/run/docs/about-concurrency.',
    reads: ['concurrency'],
    check: ({ concurrency }) =>
      concurrency !== undefined && (!isWhole(concurrency) || concurrency < 1 || concurrency > CLOUD_RUN_CONCURRENCY.max)
        ? {
            fact: 'concurrency',
            message: `concurrency ${concurrency} is outside 1 to 1000`,
            fix: 'use a whole number from 1 to 1000',
          }
        : undefined,
  },
  {
    id: 'GCR-SCALING-RANGE',
    level: 'error',
    category: 'platform',
    title: 'Min and max instances must be whole numbers with min ≤ max',
    explanation:
      'The API rejects a minimum instance count above the maximum. Source: GoogleCloudPlatform/magic-modules cloudrunv2/Service.yaml.',
    reads: ['minInstances', 'maxInstances'],
    check: ({ minInstances, maxInstances }) => {
      const issues: CloudRunIssue[] = [];
      if (minInstances !== undefined && (!isWhole(minInstances) || minInstances < 0)) {
        issues.push({
          fact: 'minInstances',
          message: `min instances ${minInstances} must be a whole number ≥ 0`,
          fix: 'use 0 or more',
        });
      }
      if (maxInstances !== undefined && (!isWhole(maxInstances) || maxInstances < 1)) {
        issues.push({
          fact: 'maxInstances',
          message: `max instances ${maxInstances} must be a whole number ≥ 1`,
          fix: 'use 1 or more',
        });
      }
      if (
        issues.length === 0 &&
        minInstances !== undefined &&
        maxInstances !== undefined &&
        minInstances > maxInstances
      ) {
        issues.push({
          fact: 'minInstances',
          message: `min instances ${minInstances} is above max instances ${maxInstances}`,
          fix: `lower minInstances to at most ${maxInstances} or raise maxInstances`,
        });
      }
      return issues;
    },
  },
  {
    id: 'GCR-REQUEST-TIMEOUT',
    level: 'error',
    category: 'platform',
    title: 'The request timeout must be 1 to 3600 seconds',
    explanation:
      'Cloud Run requests can last at most 60 minutes. Source: cloud.google.com/run/docs/configuring/request-timeout.',
    reads: ['timeoutSeconds'],
    check: ({ timeoutSeconds: t }) =>
      t !== undefined && (!Number.isFinite(t) || t < CLOUD_RUN_REQUEST_TIMEOUT.min || t > CLOUD_RUN_REQUEST_TIMEOUT.max)
        ? {
            fact: 'timeoutSeconds',
            message: `request timeout ${t} s is outside 1 to 3600 seconds`,
            fix: 'use 1 to 3600 seconds; run longer work as a Cloud Run job',
          }
        : undefined,
  },
  {
    id: 'GCR-LONG-REQUEST-TIMEOUT',
    level: 'info',
    category: 'cost',
    title: 'Request timeouts above 15 minutes need client retries',
    explanation:
      'Google recommends retries and idempotent handlers for timeouts above 15 minutes, because long connections may drop. Source: cloud.google.com/run/docs/configuring/request-timeout.',
    reads: ['timeoutSeconds'],
    check: ({ timeoutSeconds: t }) =>
      t !== undefined && t > CLOUD_RUN_REQUEST_TIMEOUT.longSeconds && t <= CLOUD_RUN_REQUEST_TIMEOUT.max
        ? {
            fact: 'timeoutSeconds',
            message: `request timeout ${t} s is above 15 minutes`,
            fix: 'make clients retry and handlers idempotent, or move the work to a job',
          }
        : undefined,
  },
  {
    id: 'GCR-STARTUP-PROBE',
    level: 'error',
    category: 'platform',
    title: 'Startup probe: period ≤ 240 s, initial delay ≤ 240 s, timeout ≤ period, period × failureThreshold ≤ 240 s',
    explanation:
      'Cloud Run shuts a container down if its startup probe has not succeeded within failureThreshold × periodSeconds, which cannot exceed 240 seconds. Source: cloud.google.com/run/docs/configuring/healthchecks; run/v2/k8s.min.proto.',
    reads: ['startupProbe'],
    check: ({ startupProbe }) =>
      startupProbe ? probeIssues('startupProbe', startupProbe, CLOUD_RUN_PROBE_LIMITS.startup) : undefined,
  },
  {
    id: 'GCR-LIVENESS-PROBE',
    level: 'error',
    category: 'platform',
    title: 'Liveness probe: period ≤ 3600 s, initial delay ≤ 3600 s, timeout ≤ period, failureThreshold ≥ 1',
    explanation: 'Limits of the Cloud Run probe API. Source: googleapis run/v2/k8s.min.proto.',
    reads: ['livenessProbe'],
    check: ({ livenessProbe }) =>
      livenessProbe ? probeIssues('livenessProbe', livenessProbe, CLOUD_RUN_PROBE_LIMITS.liveness) : undefined,
  },
  {
    id: 'GCR-LIVENESS-TCP',
    level: 'warning',
    category: 'platform',
    title: 'Liveness probes are documented as HTTP or gRPC only',
    explanation:
      'Cloud Run documents HTTP and gRPC liveness probes; the provider still accepts tcp_socket, whose acceptance by the API is unconfirmed. Source: cloud.google.com/run/docs/configuring/healthchecks.',
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
    level: 'error',
    category: 'platform',
    title: 'HTTP probes need an HTTP/1 port',
    explanation:
      'HTTP probes fail when the container port is declared h2c (HTTP/2 cleartext). Source: cloud.google.com/run/docs/configuring/healthchecks.',
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
    id: 'GCR-SERVICE-NAME',
    level: 'error',
    category: 'platform',
    title:
      'Service names: fewer than 50 characters, lowercase letters, digits and hyphens, starting with a letter, not ending with a hyphen',
    explanation:
      'The Cloud Run v2 API rejects other service ids. Source: googleapis run/v2/service.proto (service_id).',
    reads: ['name'],
    check: ({ name }) => {
      if (name === undefined) return undefined;
      const issues: CloudRunIssue[] = [];
      if (name.length > CLOUD_RUN_SERVICE_NAME.maxLength) {
        issues.push({
          fact: 'name',
          message: `the name has ${name.length} characters; the limit is 49`,
          fix: 'shorten it to 49 characters or fewer',
        });
      }
      if (!CLOUD_RUN_SERVICE_NAME.pattern.test(name)) {
        issues.push({
          fact: 'name',
          message:
            'the name must use lowercase letters, digits and hyphens, start with a letter and not end with a hyphen',
          fix: `use something like '${suggestServiceName(name)}'`,
        });
      }
      return issues;
    },
  },
  {
    id: 'GCR-SERVER-STARTUP-PROBE',
    level: 'error',
    category: 'platform',
    title: 'gunicorn without --preload needs an HTTP startup probe',
    explanation:
      "gunicorn's master binds the port before its workers import the app, so a TCP startup probe (Cloud Run's default) passes while the app cannot serve yet and traffic reaches an instance that is not ready. Source: the Cloud Run Python optimisation guide; cloud.google.com/run/docs/configuring/healthchecks.",
    reads: ['server', 'startupProbe'],
    check: ({ server, startupProbe }) => {
      if (!server || server.preload || startupProbe?.kind === 'http') return undefined;
      return {
        fact: 'startupProbe',
        message: `gunicorn runs without --preload, so ${startupProbe ? `a ${startupProbe.kind.toUpperCase()}` : "Cloud Run's default TCP"} startup probe passes as soon as the master binds the port, before any worker has imported the app`,
        fix: 'use an HTTP startup probe on a route the app serves, or turn on preload',
      };
    },
  },
  {
    id: 'GCR-SERVER-TIMEOUT',
    level: 'error',
    category: 'platform',
    title: "gunicorn's worker timeout must be 0 or cover the request timeout",
    explanation:
      "gunicorn kills a worker silent for --timeout seconds (default 30), so requests longer than that die with WORKER TIMEOUT whatever Cloud Run allows. Google's sample uses --timeout 0. Source: benoitc/gunicorn config.py; python-docs-samples run/helloworld.",
    reads: ['server', 'timeoutSeconds'],
    check: ({ server, timeoutSeconds = CLOUD_RUN_REQUEST_TIMEOUT.defaultSeconds }) => {
      if (server?.model !== 'WSGI') return undefined;
      const t = server.timeout ?? 30;
      if (t === 0 || t >= timeoutSeconds) return undefined;
      return {
        fact: 'server',
        message: `gunicorn's timeout of ${t} s is shorter than the ${timeoutSeconds} s request timeout, so longer requests are killed`,
        fix: `set the gunicorn timeout to 0 (or at least ${timeoutSeconds})`,
      };
    },
  },
  {
    id: 'GCR-SERVER-CAPACITY',
    level: 'warning',
    category: 'platform',
    title: 'Concurrency above the server capacity (workers × threads) queues requests inside the container',
    explanation:
      'Cloud Run sends up to `concurrency` requests to an instance; a gunicorn server with fewer workers × threads queues the rest while Cloud Run believes the instance has room, and scales out late. Source: cloud.google.com/run/docs/about-concurrency; benoitc/gunicorn.',
    reads: ['server', 'concurrency', 'cpu'],
    check: ({ server, concurrency, cpu = 1 }) => {
      if (server?.model !== 'WSGI' || server.workers === undefined) return undefined;
      const capacity = server.workers * (server.threads ?? 1);
      const effective = concurrency ?? (cpu < 1 ? 1 : 80);
      if (effective <= capacity) return undefined;
      return {
        fact: 'concurrency',
        message: `concurrency ${effective}${concurrency === undefined ? ' (the platform default)' : ''} exceeds gunicorn's capacity of ${capacity} (${server.workers} workers × ${server.threads ?? 1} threads)`,
        fix: `set concurrency to ${capacity}, or raise workers or threads`,
      };
    },
  },
  {
    id: 'GCR-SERVER-MEMORY',
    level: 'error',
    category: 'platform',
    title: 'workers × memory per worker must fit the memory limit',
    explanation:
      'Each gunicorn worker is a process with its own copy of the app (without --preload); an instance whose usage passes the memory limit is killed. Source: cloud.google.com/run/docs/configuring/services/memory-limits.',
    reads: ['server', 'memoryMiB'],
    check: ({ server, memoryMiB = 512 }) =>
      server?.memoryMiB !== undefined && Number.isFinite(memoryMiB) && server.memoryMiB > memoryMiB
        ? {
            fact: 'server',
            message: `${server.workers} workers need ${formatMiB(server.memoryMiB)}, more than the ${formatMiB(memoryMiB)} memory limit`,
            fix: `raise memory to at least ${formatMiB(Math.ceil(server.memoryMiB))} or run fewer workers`,
          }
        : undefined,
  },
  {
    id: 'GCR-CONCURRENCY-ONE',
    level: 'warning',
    category: 'cost',
    title: 'Concurrency 1 makes every concurrent request start its own instance',
    explanation:
      '"may negatively affect scaling performance, because many instances will have to start up to handle a spike". Source: cloud.google.com/run/docs/about-concurrency.',
    reads: ['concurrency', 'cpu'],
    check: ({ concurrency, cpu = 1 }) =>
      concurrency === 1 && cpu >= 1
        ? {
            fact: 'concurrency',
            message: 'concurrency 1 with a full vCPU means one instance (and one cold start) per concurrent request',
            fix: 'serve several requests per instance (threads or async workers), or keep it deliberately',
          }
        : undefined,
  },
  {
    id: 'GCR-MIN-INSTANCES-COST',
    level: 'warning',
    category: 'cost',
    title: 'Minimum instances are billed while idle',
    explanation:
      'Min instances stay running and are billed even without traffic (at the full rate with instance-based billing). Source: cloud.google.com/run/docs/configuring/min-instances.',
    reads: ['minInstances', 'cpuIdle', 'resourcesWritten'],
    check: (f) =>
      f.minInstances !== undefined && f.minInstances > 0
        ? {
            fact: 'minInstances',
            message: `${f.minInstances} instance(s) stay running around the clock${isRequestBilled(f) ? '' : ' and, with instance-based billing, are billed at the full rate'}`,
            fix: 'keep it if cold starts cost more than idle instances; otherwise use 0',
          }
        : undefined,
  },
  {
    id: 'GCR-INSTANCE-BILLING-NO-MIN',
    level: 'warning',
    category: 'cost',
    title: 'Instance-based billing with zero min instances: background work stops when the service scales to zero',
    explanation:
      'With no request, Cloud Run scales to zero after at most 15 idle minutes, so background threads and queues stop until the next request. Source: cloud.google.com/run/docs/configuring/billing-settings.',
    reads: ['minInstances', 'cpuIdle', 'resourcesWritten'],
    check: (f) =>
      !isRequestBilled(f) && (f.minInstances ?? 0) === 0
        ? {
            fact: 'minInstances',
            message: 'instance-based billing with 0 min instances scales to zero when idle',
            fix: 'set minInstances to at least 1 for work that must keep running',
          }
        : undefined,
  },
  {
    id: 'GCR-MAX-INSTANCES-UNSET',
    level: 'warning',
    category: 'cost',
    title: 'Max instances not set: a traffic spike or a loop can scale (and bill) up to the regional quota',
    explanation:
      'Without max_instance_count Cloud Run applies a default of 100 or a quota-derived value. Source: cloud.google.com/run/docs/configuring/max-instances.',
    reads: ['maxInstances'],
    check: ({ maxInstances }) =>
      maxInstances === undefined
        ? {
            fact: 'maxInstances',
            message: 'no maximum instance count is set',
            fix: 'set maxInstances to the most your budget and backends can take',
          }
        : undefined,
  },
  {
    id: 'GCR-GEN1',
    level: 'info',
    category: 'cost',
    title:
      'The gen1 execution environment lacks full Linux compatibility, network file systems and Cloud Run Threat Detection',
    explanation: 'Source: cloud.google.com/run/docs/about-execution-environments.',
    reads: ['executionEnvironment', 'cpu'],
    check: ({ executionEnvironment, cpu = 1 }) =>
      executionEnvironment === 'GEN1' && cpu >= 1
        ? {
            fact: 'executionEnvironment',
            message: 'the service runs in the gen1 execution environment',
            fix: 'use gen2 unless cold starts of gen1 matter more',
          }
        : undefined,
  },
];

/** A name Cloud Run accepts, derived from any string (e.g. a construct id). */
export function suggestServiceName(raw: string): string {
  let name = raw
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^[^a-z]+/, '');
  name = name.slice(0, CLOUD_RUN_SERVICE_NAME.maxLength).replace(/-+$/, '');
  return name || 'service';
}
