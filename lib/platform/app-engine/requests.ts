/**
 * How long an App Engine request may run, per scaling type. Source: "How instances are managed"
 * (https://cloud.google.com/appengine/docs/standard/how-instances-are-managed).
 *
 * No rule limits background threads: the same page labels that row of its table "Background threads (Java only)", so
 * python3 versions may start threads under any scaling type (the restriction to basic and manual scaling was the
 * first-generation python27 runtime's).
 */
import { CheckLevel } from '../../core/levels';
import { Pack } from '../rule';
import { type AppEngineScalingType, CONSTRUCT_ONLY, formatSeconds, type VersionRule } from './facts';

/** Longest request each scaling type serves, in seconds (the 60 s limit is legacy python27 only). */
export const APP_ENGINE_REQUEST_DEADLINE: Readonly<Record<AppEngineScalingType, number>> = {
  automatic: 600,
  basic: 86400,
  manual: 86400,
};

export const APP_ENGINE_REQUEST_RULES: readonly VersionRule[] = [
  {
    id: 'GAE-REQUEST-DEADLINE',
    pack: Pack.PLATFORM,
    level: CheckLevel.ERROR,
    suppressible: false,
    appliesTo: CONSTRUCT_ONLY,
    title: 'Requests longer than 10 minutes need basic or manual scaling (24 hours)',
    explanation:
      'App Engine interrupts a request after 10 minutes with automatic scaling and after 24 hours with basic or manual scaling (the 60 s limit applies to legacy python27 only).',
    source: '"How instances are managed", https://cloud.google.com/appengine/docs/standard/how-instances-are-managed',
    reads: ['requestTimeout', 'scalingType'],
    check: ({ requestTimeout: t, scalingType }) => {
      if (t === undefined) return undefined;
      const deadline = APP_ENGINE_REQUEST_DEADLINE[scalingType];
      if (t > 0 && t <= deadline) return undefined; // not NaN or infinite either
      if (!Number.isFinite(t) || t <= 0)
        return {
          fact: 'requestTimeout',
          message: 'the request timeout must be a positive number of seconds',
          fix: 'use seconds, e.g. 600',
        };
      return {
        fact: 'requestTimeout',
        message:
          scalingType === 'automatic' && t <= APP_ENGINE_REQUEST_DEADLINE.basic
            ? `${formatSeconds(t)} is longer than the 10-minute request deadline of automatic scaling`
            : `${formatSeconds(t)} is longer than the 24-hour request deadline of ${scalingType} scaling`,
        fix:
          t <= APP_ENGINE_REQUEST_DEADLINE.basic
            ? 'use basic or manual scaling (24-hour deadline) with a B instance class, or split the work into tasks shorter than 10 minutes'
            : 'split the work; no App Engine request can last longer than 24 hours',
      };
    },
  },
];
