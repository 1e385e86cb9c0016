/**
 * The cost of a configuration, read through the same fact extractors as the rules (so constructs, JSON, HCL and plans
 * get the same figures), and its reports: a JSON object beside the findings, a text table, the budget check.
 */
import { plural } from '../core/text';
import {
  appEngineCost,
  cloudRunCost,
  type CostOptions,
  formatMaybe,
  formatMoney,
  type PricedResource,
  type ResolvedCostOptions,
  resolveCostOptions,
  type ResourceCost,
  stackCost,
  type StackCost,
  toCents,
} from '../platform/cost';
import { ResourceKind, TERRAFORM_TYPES } from '../platform/kinds';
import { PRICE_TABLE } from '../platform/pricing';
import { appEngineVersionFacts } from './facts/app-engine';
import { cloudRunFacts } from './facts/cloud-run';
import type { Configuration } from './input/configuration';
import { InputError } from './input/errors';
import { modelOf, type TerraformModel, type TfResource } from './model';

const PRICED_KINDS = [
  ResourceKind.CLOUD_RUN_SERVICE,
  ResourceKind.CLOUD_RUN_SERVICE_V1,
  ResourceKind.CLOUD_RUN_JOB,
  ResourceKind.CLOUD_RUN_WORKER_POOL,
  ResourceKind.APP_ENGINE_STANDARD_VERSION,
];
const KIND_OF_TYPE = new Map(PRICED_KINDS.flatMap((k) => TERRAFORM_TYPES[k].map((t) => [t, k] as const)));

/** The options resolved, as an input error when one is malformed. @internal */
export function costOptions(options: CostOptions = {}): ResolvedCostOptions {
  try {
    return resolveCostOptions(options);
  } catch (e) {
    throw new InputError(`cost options: ${(e as Error).message}`);
  }
}

/** The cost of one resource, or undefined for a type the model does not price. @internal */
export function resourceCost(
  r: TfResource,
  model: TerraformModel,
  options: ResolvedCostOptions,
): ResourceCost | undefined {
  const kind = KIND_OF_TYPE.get(r.type);
  if (kind === undefined) return undefined;
  const cost =
    kind === ResourceKind.APP_ENGINE_STANDARD_VERSION
      ? appEngineCost(appEngineVersionFacts(r, model), options)
      : cloudRunCost(cloudRunFacts(r, model), options, kind);
  if (!r.repeat || cost.floor === undefined || cost.floor === 0) return cost;
  // Declared with count or for_each: how many instances is not known, so neither is the total.
  return {
    ...cost,
    floor: undefined,
    unknown: [
      ...cost.unknown,
      `declared with ${r.repeat}: ${formatMoney(cost.floor, cost.currency)} a month for each instance, the number of instances is not known`,
    ],
  };
}

/** The cost of every priced resource of a configuration (all its module instances). @internal */
export function configurationCost(config: Configuration, options: ResolvedCostOptions): StackCost {
  const items: Array<{ address: string; constructPath?: string; cost: ResourceCost }> = [];
  for (const instance of config.modules) {
    const model = modelOf(instance);
    for (const [type, resources] of model.byType) {
      if (!KIND_OF_TYPE.has(type)) continue;
      for (const r of resources) {
        const cost = resourceCost(r, model, options);
        if (cost) items.push({ address: r.address, constructPath: r.constructPath, cost });
      }
    }
  }
  return stackCost(items, options);
}

const cents = (n: number | undefined) => (n === undefined ? null : toCents(n));
/** Small amounts (a request, a wake-up) keep six decimals. */
const fine = (n: number | undefined) => (n === undefined ? null : Math.round(n * 1e6) / 1e6);

/** The cost report as JSON: figures rounded to the cent, unknown as `null`, each line with its table entry. */
export function costToJson(cost: StackCost, options: ResolvedCostOptions): object {
  return {
    currency: cost.currency,
    floor: cents(cost.floor),
    grossFloor: cents(cost.grossFloor),
    freeTierSubtracted: cents(cost.freeTierSubtracted),
    freeTiers: cost.freeTiers.map((t) => ({ pool: t.pool, free: t.describe, used: cents(t.used) })),
    unknown: cost.unknown,
    assumptions: {
      requestDurationMs: options.requestDurationMs,
      requestConcurrency: options.requestConcurrency,
      freeTier: options.freeTier,
      prices: options.prices.adjusted ? 'adjusted (currency, discount or overrides)' : 'list prices in USD',
    },
    resources: cost.resources.map((r) => resourceToJson(r)),
  };
}

function resourceToJson(r: PricedResource): object {
  const c = r.cost;
  const lines = (list: ResourceCost['floorLines']) =>
    list.map((l) => ({
      what: l.what,
      quantity: Math.round(l.quantity * 1000) / 1000,
      unit: l.unit,
      price: l.price,
      unitPrice: l.unitPrice,
      amount: cents(l.amount),
      source: PRICE_TABLE[l.price].source,
      read: PRICE_TABLE[l.price].read,
    }));
  return {
    address: r.address,
    constructPath: r.constructPath,
    kind: c.kind,
    floor: cents(c.floor),
    floorBasis: c.floorBasis,
    freeTierApplied: cents(r.freeTierApplied),
    perMillionRequests: cents(c.perMillionRequests),
    perRequestNotApplicable: c.perRequestNotApplicable,
    perInstanceHour: fine(c.perInstanceHour),
    perIdleWakeUp: c.perIdleWakeUp === undefined ? undefined : fine(c.perIdleWakeUp),
    perExecutionMax: c.perExecutionMax === undefined ? undefined : cents(c.perExecutionMax),
    unknown: c.unknown.length > 0 ? c.unknown : undefined,
    assumptions: c.assumptions,
    floorLines: lines(c.floorLines),
    perMillionLines: lines(c.perMillionLines),
  };
}

/** What an hour of one task of a job costs: ` (≈ $0.07 per task-hour)`, or nothing when unknown. */
export function taskHour(cost: ResourceCost | undefined): string {
  if (cost?.perInstanceHour === undefined) return '';
  const most =
    cost.perExecutionMax === undefined
      ? ''
      : `, at most ${formatMoney(cost.perExecutionMax, cost.currency)} an execution`;
  return ` (≈ ${formatMoney(cost.perInstanceHour, cost.currency)} per task-hour${most})`;
}

/** The cost as a text table, one line per resource, most expensive first, then the free tier and the total. */
export function costTable(cost: StackCost, options: ResolvedCostOptions, stack?: string): string {
  const cur = cost.currency;
  const money = (n: number | undefined) => formatMaybe(n, cur);
  const rows = cost.resources.map((r) => [
    money(r.cost.floor),
    r.cost.perMillionRequests !== undefined
      ? money(r.cost.perMillionRequests)
      : r.cost.perRequestNotApplicable
        ? 'n/a'
        : 'unknown',
    // A job has no floor and serves no request: what it costs is per task-hour and execution.
    `${r.address}: ${r.cost.floorBasis}${r.cost.kind === ResourceKind.CLOUD_RUN_JOB ? taskHour(r.cost) : ''}${r.cost.unknown.length > 0 ? ` (unknown: ${r.cost.unknown.join('; ')})` : ''}`,
  ]);
  const head = ['floor/month', `per 1M requests`, 'resource'];
  const widths = [0, 1].map((i) => Math.max(head[i].length, ...rows.map((r) => r[i].length)));
  const fmt = (r: string[]) => `  ${r[0].padStart(widths[0])}  ${r[1].padStart(widths[1])}  ${r[2]}`;
  const lines = [
    `Cost${stack ? ` of ${stack}` : ''} (${cur} a month; a million requests of ${options.requestDurationMs} ms, ${options.requestConcurrency} at a time per instance)`,
    fmt(head),
    ...rows.map(fmt),
  ];
  for (const t of cost.freeTiers)
    if (t.used > 0) lines.push(`  free tier ${t.pool}: -${formatMoney(t.used, cur)} (${t.describe})`);
  const unknown = cost.unknown.length > 0 ? `, plus ${plural(cost.unknown.length, 'resource')} of unknown floor` : '';
  lines.push(
    `  floor: ${formatMoney(cost.floor, cur)} a month${cost.freeTierSubtracted > 0 ? ` (${formatMoney(cost.grossFloor, cur)} before the free tier)` : options.freeTier ? '' : ' (free tier not subtracted)'}${unknown}`,
  );
  return lines.join('\n');
}

/**
 * What is wrong when a stack's floor exceeds the budget: the total and the resources that make it up, most expensive
 * first (undefined when within budget). The floors known are added; those unknown are named, not guessed.
 */
export function budgetProblem(cost: StackCost, budget: number, stack: string): string | undefined {
  if (!(cost.floor > budget)) return undefined;
  const cur = cost.currency;
  const parts = cost.resources
    .filter((r) => (r.cost.floor ?? 0) > 0)
    .map(
      (r) =>
        `${r.address}${r.constructPath ? ` (${r.constructPath})` : ''} ${formatMoney((r.cost.floor ?? 0) - r.freeTierApplied, cur)} (${r.cost.floorBasis})`,
    );
  const unknown = cost.unknown.length > 0 ? `; not counted, floor unknown: ${cost.unknown.join(', ')}` : '';
  const free = cost.freeTierSubtracted > 0 ? ' after the free tier' : '';
  return `the monthly floor of ${stack}, ${formatMoney(cost.floor, cur)}${free}, exceeds the budget of ${formatMoney(budget, cur)}: ${parts.join('; ')}${unknown}`;
}
