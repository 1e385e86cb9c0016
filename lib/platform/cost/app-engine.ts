/**
 * What an App Engine standard version costs: instance-hours at its class's price (F1/B1 price × the class weight),
 * resident instances around the clock (manual scaling, min instances, min idle instances), the 15-minute billing tail
 * after the last request, and the daily free instance-hours of the application. Sources: "App Engine pricing"
 * (https://cloud.google.com/appengine/pricing); "Quotas and limits" (App Engine): "Basic or automatic scaling: accrual
 * ends fifteen minutes after an instance finishes processing its last request", "F1 instances 28 free instance hours
 * per day B1 instances 9 free instance hours per day".
 */
import { ResourceKind } from '../kinds';
import type { AppEngineVersionFacts } from '../app-engine/facts';
import { effectiveInstanceClass, instanceClassSpec } from '../app-engine/instance-classes';
import { APP_ENGINE_AUTOMATIC } from '../app-engine/scaling';
import type { PriceId } from '../pricing';
import type { FactSet } from '../rule';
import {
  type CostLine,
  count,
  defaultCostOptions,
  type FreeTierClaim,
  line,
  quantity,
  type ResolvedCostOptions,
  type ResourceCost,
  SECONDS_PER_HOUR,
  sum,
} from './model';
import { unknownRecorder } from './unknown';

/** The instances that run with no traffic, and the facts that say so. */
function resident(f: Readonly<AppEngineVersionFacts>): { n: number | undefined; what: string; reads: string[] } {
  switch (f.scalingType) {
    case 'manual':
      return {
        n: f.manualInstances,
        what: f.manualInstances === undefined ? '? manual instances' : count(f.manualInstances, 'manual instance'),
        reads: ['scalingType', 'manualInstances'],
      };
    case 'basic':
      return { n: 0, what: 'no resident instance (basic scaling)', reads: ['scalingType'] };
    default: {
      const min = f.minInstances ?? 0;
      const idle = f.minIdleInstances ?? 0;
      const n = Math.max(min, idle);
      return {
        n,
        what: count(n, min >= idle ? 'min instance' : 'min idle instance'),
        reads: ['scalingType', 'minInstances', 'minIdleInstances'],
      };
    }
  }
}

/** The cost figures of an App Engine standard version from its facts; unknown facts give unknown figures. */
export function appEngineCost(
  set: FactSet<AppEngineVersionFacts>,
  options: ResolvedCostOptions = defaultCostOptions(),
): ResourceCost {
  const f = set.facts;
  const { prices } = options;
  const unknown: string[] = [];
  const assumptions: string[] = [
    `a month of ${prices.value('month.hours')} hours`,
    'US (Iowa) instance-hour prices; other regions may cost more',
  ];
  const missing = unknownRecorder(set.unknown, unknown);
  const classUnknown = missing(['instanceClass', 'scalingType']);
  const cls = classUnknown ? undefined : effectiveInstanceClass(f);
  const spec = instanceClassSpec(cls ?? '');
  if (cls !== undefined && !spec) unknown.push(`'${cls}' is not an instance class the pricing table knows`);
  const baseId: PriceId | undefined = spec
    ? spec.family === 'F'
      ? 'app-engine.f1.hour'
      : 'app-engine.b1.hour'
    : undefined;
  const hourPrice = baseId === undefined ? undefined : prices.value(baseId) * spec!.billingWeight;
  const hours = (n: number, label: string): CostLine =>
    line(label, n * spec!.billingWeight, `${spec!.family}1 instance-hours`, baseId!, prices.value(baseId!));

  // The floor.
  const r = resident(f);
  const residentUnknown = missing(r.reads);
  let floor: number | undefined;
  let floorLines: CostLine[] = [];
  let freeTier: FreeTierClaim | undefined;
  const monthHours = prices.value('month.hours');
  if (!residentUnknown && r.n === undefined) unknown.push('manual scaling without an instance count');
  if (!residentUnknown && r.n !== undefined) {
    if (!Number.isFinite(r.n)) unknown.push('the instance count is malformed');
    else if (r.n <= 0) floor = 0;
    else if (spec) {
      floorLines = [hours(r.n * monthHours, 'instance-hours')];
      floor = sum(floorLines);
      const freePerDay = prices.value(spec.family === 'F' ? 'app-engine.free.f-hours' : 'app-engine.free.b-hours');
      const days = monthHours / 24;
      const poolHours = freePerDay * days;
      const used = r.n * monthHours * spec.billingWeight;
      freeTier = {
        pool: `app-engine ${spec.family} ${f.project ?? '(provider project)'}`,
        poolValue: poolHours * prices.value(baseId!),
        value: Math.min(used, poolHours) * prices.value(baseId!),
        describe: `${freePerDay} ${spec.family}1 instance-hours a day per application (${quantity(poolHours)} a month)`,
      };
    }
  }
  const floorBasis = `${residentUnknown ? '? instances' : r.what} × ${cls ?? '?'}${spec ? ` (${spec.billingWeight} ${spec.family}1 instance-hour${spec.billingWeight === 1 ? '' : 's'} per hour)` : ''}`;

  // A million requests, and one request to an idle version (the tail).
  let perMillionRequests: number | undefined;
  let perMillionLines: CostLine[] = [];
  let perRequestNotApplicable: string | undefined;
  let perIdleWakeUp: number | undefined;
  const tail = prices.value('app-engine.tail.seconds');
  if (f.scalingType === 'manual')
    perRequestNotApplicable = 'manual scaling: the instances are the floor, whatever the traffic';
  else if (spec && !missing(['maxConcurrentRequests'])) {
    const own =
      f.scalingType === 'automatic'
        ? (f.maxConcurrentRequests ?? APP_ENGINE_AUTOMATIC.maxConcurrentRequests.default)
        : options.requestConcurrency;
    const c = Math.min(options.requestConcurrency, own);
    const busyHours = (1_000_000 * options.requestDurationMs) / 1000 / c / SECONDS_PER_HOUR;
    perMillionLines = [hours(busyHours, 'instance-hours')];
    perMillionRequests = sum(perMillionLines);
    perIdleWakeUp = ((tail + options.requestDurationMs / 1000) / SECONDS_PER_HOUR) * hourPrice!;
    assumptions.push(
      `a million requests of ${options.requestDurationMs} ms, ${c} at a time per instance, in sustained traffic, before the free tier; each instance is billed ${tail / 60} more minutes after its last request (one request to an idle version costs the tail)`,
    );
  }
  const perInstanceHour = hourPrice;
  return {
    kind: ResourceKind.APP_ENGINE_STANDARD_VERSION,
    currency: prices.currency,
    floor,
    floorBasis,
    floorLines,
    perMillionRequests,
    perMillionLines,
    perInstanceHour,
    perIdleWakeUp,
    perRequestNotApplicable,
    unknown,
    assumptions,
    freeTier,
  };
}
