/**
 * What App Engine instances cost: resident instances, the billing tail after the last request, and unbounded scaling.
 * Sources: "App Engine pricing" (https://cloud.google.com/appengine/pricing); "Free Google Cloud features", App Engine
 * (https://cloud.google.com/free/docs/free-cloud-features#app-engine).
 */
import { CheckLevel } from '../../core/levels';
import { appEngineCost } from '../cost/app-engine';
import { costNote } from '../cost/model';
import { PRICE_TABLE } from '../pricing';
import { Pack } from '../rule';
import { formatSeconds, VERSION, type VersionRule } from './facts';
import { effectiveInstanceClass, instanceClassSpec } from './instance-classes';
import { APP_ENGINE_BASIC } from './scaling';

/** Billing: accrual continues this long after the last request (basic/automatic) or after shutdown (manual). */
export const APP_ENGINE_BILLING_TAIL_SECONDS = PRICE_TABLE['app-engine.tail.seconds'].value;

/** Free instance hours per day, in F1 / B1 equivalents. */
export const APP_ENGINE_FREE_HOURS_PER_DAY: Readonly<Record<'F' | 'B', number>> = {
  F: PRICE_TABLE['app-engine.free.f-hours'].value,
  B: PRICE_TABLE['app-engine.free.b-hours'].value,
};

export const APP_ENGINE_COST_RULES: readonly VersionRule[] = [
  {
    id: 'GAE-RESIDENT-COST',
    pack: Pack.COST,
    level: CheckLevel.WARNING,
    suppressible: true,
    appliesTo: VERSION,
    title: 'Resident instances (manual scaling, min instances, min idle instances) are billed around the clock',
    explanation:
      'They run whether or not they serve traffic; free instance hours are 28 per day for F classes and 9 per day for B classes, counted in F1/B1 equivalents.',
    source:
      '"App Engine pricing", https://cloud.google.com/appengine/pricing; "Free Google Cloud features" (App Engine), https://cloud.google.com/free/docs/free-cloud-features#app-engine',
    reads: ['scalingType', 'manualInstances', 'minInstances', 'minIdleInstances', 'instanceClass'],
    check: (f, context, unknown) => {
      const resident =
        f.scalingType === 'manual'
          ? (f.manualInstances ?? 0)
          : f.scalingType === 'automatic'
            ? Math.max(f.minInstances ?? 0, f.minIdleInstances ?? 0)
            : 0;
      if (!(resident > 0)) return undefined;
      const cls = effectiveInstanceClass(f);
      const spec = instanceClassSpec(cls);
      if (!spec) return undefined;
      const hours = resident * 24 * spec.billingWeight;
      const free = APP_ENGINE_FREE_HOURS_PER_DAY[spec.family];
      const fact =
        f.scalingType === 'manual'
          ? 'manualInstances'
          : (f.minInstances ?? 0) >= (f.minIdleInstances ?? 0)
            ? 'minInstances'
            : 'minIdleInstances';
      return {
        fact,
        message: `${resident} resident ${cls} instance(s) use ${hours} ${spec.family}1 instance-hours a day (${free} are free) whether or not they serve traffic${costNote(appEngineCost({ facts: f, unknown }, context.cost))}`,
        fix:
          f.scalingType === 'manual'
            ? 'use basic scaling if the work comes in bursts'
            : 'keep it if cold starts cost more than idle instances; otherwise use 0',
      };
    },
  },
  {
    id: 'GAE-BILLING-TAIL',
    pack: Pack.COST,
    level: CheckLevel.WARNING,
    suppressible: true,
    appliesTo: VERSION,
    title: 'A basic-scaling idle timeout under 15 minutes saves nothing',
    explanation:
      'Billing of basic and automatic instances ends fifteen minutes after an instance finishes its last request, so shutting it down earlier only adds cold starts.',
    source: '"App Engine pricing" (instance billing), https://cloud.google.com/appengine/pricing',
    reads: ['scalingType', 'idleTimeout'],
    check: ({ scalingType, idleTimeout }) => {
      const t = idleTimeout ?? APP_ENGINE_BASIC.idleTimeoutSeconds.providerDefault;
      // NaN and the infinities fail one of the comparisons.
      return scalingType === 'basic' && t > 0 && t < APP_ENGINE_BILLING_TAIL_SECONDS
        ? {
            fact: 'idleTimeout',
            message: `instances stop after ${formatSeconds(t)} idle but are billed for 15 minutes after their last request`,
            fix: 'use an idle timeout of 15 minutes (900 s): same bill, fewer cold starts',
          }
        : undefined;
    },
  },
  {
    id: 'GAE-MAX-INSTANCES-UNSET',
    pack: Pack.COST,
    level: CheckLevel.WARNING,
    suppressible: true,
    appliesTo: VERSION,
    title: 'Automatic scaling without max_instances: the cap depends on when the project was created',
    explanation:
      'Projects created after March 2025 get a default cap of 20 instances (a spike is throttled); older projects have no cap (a spike or a loop is billed).',
    source:
      '"app.yaml Configuration File" (max_instances), https://cloud.google.com/appengine/docs/standard/reference/app-yaml; "How instances are managed", https://cloud.google.com/appengine/docs/standard/how-instances-are-managed',
    reads: ['scalingType', 'maxInstances'],
    check: ({ scalingType, maxInstances }) =>
      scalingType === 'automatic' && maxInstances === undefined
        ? {
            fact: 'maxInstances',
            message: 'no maximum instance count is set',
            fix: 'set maxInstances to the most your budget and backends can take',
          }
        : undefined,
  },
];
