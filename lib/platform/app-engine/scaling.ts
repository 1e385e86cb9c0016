/**
 * App Engine scaling: the ranges of automatic, basic and manual scaling. Sources: "app.yaml Configuration File",
 * scaling elements (https://cloud.google.com/appengine/docs/standard/reference/app-yaml);
 * GoogleCloudPlatform/magic-modules `mmv1/products/appengine/StandardAppVersion.yaml`.
 */
import { CheckLevel } from '../../core/levels';
import { isKnown, Pack } from '../rule';
import { inRange, isWhole, VERSION, type VersionRule, type VersionViolation } from './facts';

/** Automatic-scaling ranges and defaults. */
export const APP_ENGINE_AUTOMATIC = {
  utilization: { min: 0.5, max: 0.95, default: 0.6 },
  maxConcurrentRequests: { min: 1, max: 1000, default: 10 },
  minInstances: { min: 0, max: 1000 },
  /** 0 disables the cap; 2147483647 lifts the default cap of 20 of projects created after March 2025. */
  maxInstances: { min: 0, max: 2147483647, newProjectDefault: 20 },
  maxIdleInstances: { min: 1, max: 1000 },
  minIdleInstances: { min: 0, max: 1000 },
  /** Requests wait at most 10 s in the pending queue. */
  pendingLatencySeconds: { max: 10 },
} as const;

/** Basic-scaling ranges and defaults. The provider writes 900s when idle_timeout is unset; app.yaml's default is 5m. */
export const APP_ENGINE_BASIC = {
  maxInstances: { min: 1, max: 200 },
  idleTimeoutSeconds: { providerDefault: 900, appYamlDefault: 300 },
} as const;

/** Manual scaling: at least one resident instance. */
export const APP_ENGINE_MANUAL = { instances: { min: 1 } } as const;

const UTILIZATION_FACTS = ['targetCpuUtilization', 'targetThroughputUtilization'] as const;
const PENDING_LATENCY_FACTS = ['minPendingLatency', 'maxPendingLatency'] as const;

export const APP_ENGINE_SCALING_RULES: readonly VersionRule[] = [
  {
    id: 'GAE-UTILIZATION-RANGE',
    pack: Pack.PLATFORM,
    level: CheckLevel.ERROR,
    suppressible: false,
    appliesTo: VERSION,
    title: 'Target CPU and throughput utilization must be 0.5 to 0.95 (0 or less: not set)',
    explanation:
      'The automatic scheduler accepts utilization targets from 0.5 to 0.95 (default 0.6); the API reads 0 and negative values as "not set", so they take the default.',
    source:
      '"app.yaml Configuration File" (target_cpu_utilization, target_throughput_utilization), https://cloud.google.com/appengine/docs/standard/reference/app-yaml; GoogleCloudPlatform/magic-modules mmv1/products/appengine/StandardAppVersion.yaml ("Should be a value in the range [0.50, 0.95], zero, or a negative value.")',
    reads: ['targetCpuUtilization', 'targetThroughputUtilization'],
    perValue: true,
    check: (f, context) => {
      const { min, max } = APP_ENGINE_AUTOMATIC.utilization;
      let violations: VersionViolation[] | undefined;
      for (const fact of UTILIZATION_FACTS) {
        const v = f[fact];
        // 0 and negative values are how the API spells "not set".
        if (v !== undefined && isKnown(context, fact) && !(v <= 0) && !inRange(v, min, max)) {
          (violations ??= []).push({
            fact,
            message: `${v} is outside 0.5 to 0.95`,
            fix: 'use a value from 0.5 to 0.95 (the default is 0.6), or leave it unset',
          });
        }
      }
      return violations;
    },
  },
  {
    id: 'GAE-MAX-CONCURRENT-REQUESTS',
    pack: Pack.PLATFORM,
    level: CheckLevel.ERROR,
    suppressible: false,
    appliesTo: VERSION,
    title: 'max_concurrent_requests must be a whole number from 1 to 1000',
    explanation: 'Automatic scaling sends at most 1000 concurrent requests to an instance (default 10).',
    source:
      '"app.yaml Configuration File" (max_concurrent_requests), https://cloud.google.com/appengine/docs/standard/reference/app-yaml',
    reads: ['maxConcurrentRequests'],
    check: ({ maxConcurrentRequests: n }) =>
      n !== undefined &&
      (!isWhole(n) ||
        !inRange(n, APP_ENGINE_AUTOMATIC.maxConcurrentRequests.min, APP_ENGINE_AUTOMATIC.maxConcurrentRequests.max))
        ? {
            fact: 'maxConcurrentRequests',
            message: `${n} is outside 1 to 1000`,
            fix: 'use a whole number from 1 to 1000',
          }
        : undefined,
  },
  {
    id: 'GAE-AUTOMATIC-INSTANCES',
    pack: Pack.PLATFORM,
    level: CheckLevel.ERROR,
    suppressible: false,
    appliesTo: VERSION,
    title:
      'Automatic scaling instance counts: min 0–1000, max 0–2147483647 (0 = no cap), idle 0–1000 / 1–1000, min not above max',
    explanation:
      'Ranges of standard_scheduler_settings.min_instances/max_instances and min/max_idle_instances; a minimum above the maximum cannot be honoured.',
    source:
      '"app.yaml Configuration File" (automatic_scaling), https://cloud.google.com/appengine/docs/standard/reference/app-yaml; GoogleCloudPlatform/magic-modules mmv1/products/appengine/StandardAppVersion.yaml',
    reads: ['minInstances', 'maxInstances', 'minIdleInstances', 'maxIdleInstances'],
    perValue: true,
    check: (f, context) => {
      const a = APP_ENGINE_AUTOMATIC;
      let violations: VersionViolation[] | undefined;
      const known = (...facts: string[]) => facts.every((fact) => isKnown(context, fact));
      const whole = (
        fact: 'minInstances' | 'maxInstances' | 'minIdleInstances' | 'maxIdleInstances',
        min: number,
        max: number,
      ) => {
        const v = f[fact];
        if (v !== undefined && known(fact) && (!isWhole(v) || !inRange(v, min, max))) {
          (violations ??= []).push({
            fact,
            message: `${v} is outside ${min} to ${max}`,
            fix: `use a whole number from ${min} to ${max}`,
          });
        }
      };
      whole('minInstances', a.minInstances.min, a.minInstances.max);
      whole('maxInstances', a.maxInstances.min, a.maxInstances.max);
      whole('minIdleInstances', a.minIdleInstances.min, a.minIdleInstances.max);
      whole('maxIdleInstances', a.maxIdleInstances.min, a.maxIdleInstances.max);
      if (violations !== undefined) return violations;
      // Unset, a minimum is 0 and a maximum no cap (as is a max_instances of 0): neither is ever out of order.
      const { minInstances = 0, maxInstances = 0, minIdleInstances = 0, maxIdleInstances = Infinity } = f;
      if (known('minInstances', 'maxInstances') && maxInstances > 0 && minInstances > maxInstances) {
        (violations ??= []).push({
          fact: 'minInstances',
          message: `min instances ${minInstances} is above max instances ${maxInstances}`,
          fix: `lower minInstances to at most ${maxInstances} or raise maxInstances`,
        });
      }
      if (known('minIdleInstances', 'maxIdleInstances') && minIdleInstances > maxIdleInstances) {
        (violations ??= []).push({
          fact: 'minIdleInstances',
          message: `min idle instances ${minIdleInstances} is above max idle instances ${maxIdleInstances}`,
          fix: `lower minIdleInstances to at most ${maxIdleInstances} or raise maxIdleInstances`,
        });
      }
      return violations;
    },
  },
  {
    id: 'GAE-PENDING-LATENCY',
    pack: Pack.PLATFORM,
    level: CheckLevel.ERROR,
    suppressible: false,
    appliesTo: VERSION,
    title: 'Pending latencies must be durations of at most 10 s, with min not above max',
    explanation:
      'A request waits in the pending queue at most 10 seconds ("the maximum pending request time limit"); the API takes durations as "<n>s" strings (app.yaml writes 30ms).',
    source:
      '"app.yaml Configuration File" (min_pending_latency, max_pending_latency), https://cloud.google.com/appengine/docs/standard/reference/app-yaml; GoogleCloudPlatform/magic-modules mmv1/products/appengine/StandardAppVersion.yaml',
    reads: ['minPendingLatency', 'maxPendingLatency'],
    perValue: true,
    check: (f, context) => {
      let violations: VersionViolation[] | undefined;
      const max = APP_ENGINE_AUTOMATIC.pendingLatencySeconds.max;
      for (const fact of PENDING_LATENCY_FACTS) {
        const v = f[fact];
        if (v !== undefined && isKnown(context, fact) && !inRange(v, 0, max)) {
          (violations ??= []).push({
            fact,
            message: Number.isNaN(v) ? 'the duration is malformed' : `${v} s is outside 0 to ${max} seconds`,
            fix: "write a duration from 0 to 10 seconds, e.g. 0.030 (app.yaml: '30ms')",
          });
        }
      }
      if (violations !== undefined) return violations;
      // Unset, the minimum is 0 and the maximum the limit: never out of order.
      const { minPendingLatency: lo = 0, maxPendingLatency: hi = max } = f;
      if (isKnown(context, 'minPendingLatency') && isKnown(context, 'maxPendingLatency') && lo > hi) {
        return {
          fact: 'minPendingLatency',
          message: `min pending latency ${lo} s is above max pending latency ${hi} s`,
          fix: `lower minPendingLatency to at most ${hi} s`,
        };
      }
      return undefined;
    },
  },
  {
    id: 'GAE-BASIC-SCALING',
    pack: Pack.PLATFORM,
    level: CheckLevel.ERROR,
    suppressible: false,
    appliesTo: VERSION,
    title: 'Basic scaling: max_instances a whole number from 1 to 200, idle_timeout a positive duration',
    explanation:
      'The provider documents basic_scaling.max_instances as "in the range [1.0, 200.0]" (app.yaml gives no range).',
    source:
      'GoogleCloudPlatform/magic-modules mmv1/products/appengine/StandardAppVersion.yaml (basic_scaling.max_instances); "app.yaml Configuration File" (basic_scaling), https://cloud.google.com/appengine/docs/standard/reference/app-yaml',
    reads: ['scalingType', 'basicMaxInstances', 'idleTimeout'],
    perValue: true,
    check: ({ scalingType, basicMaxInstances: n, idleTimeout }, context) => {
      if (scalingType !== 'basic' || !isKnown(context, 'scalingType')) return undefined;
      let violations: VersionViolation[] | undefined;
      const r = APP_ENGINE_BASIC.maxInstances;
      if (isKnown(context, 'basicMaxInstances') && (!isWhole(n) || !inRange(n, r.min, r.max))) {
        (violations ??= []).push({
          fact: 'basicMaxInstances',
          message: `basic scaling max instances ${n ?? 'unset'} is outside 1 to 200`,
          fix: 'use a whole number from 1 to 200',
        });
      }
      const badIdle = idleTimeout !== undefined && !(Number.isFinite(idleTimeout) && idleTimeout > 0);
      if (badIdle && isKnown(context, 'idleTimeout')) {
        (violations ??= []).push({
          fact: 'idleTimeout',
          message: 'the idle timeout must be a positive duration',
          fix: "write it like 900 seconds (app.yaml: '15m')",
        });
      }
      return violations;
    },
  },
  {
    id: 'GAE-MANUAL-INSTANCES',
    pack: Pack.PLATFORM,
    level: CheckLevel.ERROR,
    suppressible: false,
    appliesTo: VERSION,
    title: 'Manual scaling needs a whole number of at least 1 instance',
    explanation: 'manual_scaling.instances is required and starts that many resident instances.',
    source:
      'GoogleCloudPlatform/magic-modules mmv1/products/appengine/StandardAppVersion.yaml (manual_scaling); "app.yaml Configuration File" (manual_scaling), https://cloud.google.com/appengine/docs/standard/reference/app-yaml',
    reads: ['scalingType', 'manualInstances'],
    check: ({ scalingType, manualInstances: n }) =>
      scalingType === 'manual' && (!isWhole(n) || n < APP_ENGINE_MANUAL.instances.min)
        ? {
            fact: 'manualInstances',
            message: `manual scaling instances ${n ?? 'unset'} must be a whole number of at least 1`,
            fix: 'use 1 or more instances',
          }
        : undefined,
  },
];
