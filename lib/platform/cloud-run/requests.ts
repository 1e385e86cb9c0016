/**
 * Cloud Run requests: how many one instance serves at once, and how long one may take. Sources: "About maximum
 * concurrent requests per instance" (https://cloud.google.com/run/docs/about-concurrency); "Set request timeout for
 * services" (https://cloud.google.com/run/docs/configuring/request-timeout).
 */
import { CheckLevel } from '../../core/levels';
import { Pack } from '../rule';
import { type CloudRunRule, isWhole, SERVICES } from './facts';

/**
 * Per-instance request concurrency: bounds, the platform default, and what fractional vCPU allows. The default is
 * disputed: "About maximum concurrent requests per instance" gives 80 × vCPU for services created with gcloud or
 * Terraform (80 in the console), the API and the provider "80 when requested CPU >= 1"; `default` is the lower bound
 * both agree on, never stated as the value a service gets.
 */
export const CLOUD_RUN_CONCURRENCY = { min: 1, max: 1000, default: 80, belowOneCpu: 1 } as const;
/** Request timeout bounds in seconds, and the point past which Google recommends retries. */
export const CLOUD_RUN_REQUEST_TIMEOUT = { min: 1, max: 3600, defaultSeconds: 300, longSeconds: 900 } as const;

/** The concurrency a revision gets at least when none is written (1 below 1 vCPU). */
export function defaultConcurrency(cpu: number): number {
  return cpu < 1 ? CLOUD_RUN_CONCURRENCY.belowOneCpu : CLOUD_RUN_CONCURRENCY.default;
}

export const CLOUD_RUN_REQUEST_RULES: readonly CloudRunRule[] = [
  {
    id: 'GCR-CONCURRENCY-RANGE',
    pack: Pack.PLATFORM,
    level: CheckLevel.ERROR,
    suppressible: false,
    appliesTo: SERVICES,
    title: 'Request concurrency must be a whole number from 1 to 1000',
    explanation: 'Cloud Run serves at most 1000 concurrent requests per instance.',
    source: '"About maximum concurrent requests per instance", https://cloud.google.com/run/docs/about-concurrency',
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
    id: 'GCR-CONCURRENCY-ONE',
    pack: Pack.COST,
    level: CheckLevel.WARNING,
    suppressible: true,
    appliesTo: SERVICES,
    title: 'Concurrency 1 makes every concurrent request start its own instance',
    explanation:
      '"may negatively affect scaling performance, because many instances will have to start up to handle a spike".',
    source: '"About maximum concurrent requests per instance", https://cloud.google.com/run/docs/about-concurrency',
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
    id: 'GCR-REQUEST-TIMEOUT',
    pack: Pack.PLATFORM,
    level: CheckLevel.ERROR,
    suppressible: false,
    appliesTo: SERVICES,
    title: 'The request timeout must be 1 to 3600 seconds',
    explanation: 'Cloud Run requests can last at most 60 minutes.',
    source: '"Set request timeout for services", https://cloud.google.com/run/docs/configuring/request-timeout',
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
    pack: Pack.COST,
    level: CheckLevel.INFO,
    suppressible: true,
    appliesTo: SERVICES,
    title: 'Request timeouts above 15 minutes need client retries',
    explanation:
      'Google recommends retries and idempotent handlers for timeouts above 15 minutes, because long connections may drop.',
    source: '"Set request timeout for services", https://cloud.google.com/run/docs/configuring/request-timeout',
    reads: ['timeoutSeconds'],
    // Unset: the 300 s default, not a long timeout.
    check: ({ timeoutSeconds: t = CLOUD_RUN_REQUEST_TIMEOUT.defaultSeconds }) =>
      t > CLOUD_RUN_REQUEST_TIMEOUT.longSeconds && t <= CLOUD_RUN_REQUEST_TIMEOUT.max
        ? {
            fact: 'timeoutSeconds',
            message: `request timeout ${t} s is above 15 minutes`,
            fix: 'make clients retry and handlers idempotent, or move the work to a job',
          }
        : undefined,
  },
];
