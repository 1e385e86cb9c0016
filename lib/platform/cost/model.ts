/**
 * What the cost model returns for one resource, and the options it prices with. Pure: no cdktf, no provider, no fs.
 */
import type { ResourceKind } from '../kinds';
import { type PriceId, type PricingOptions, resolvePrices, type ResolvedPrices } from '../pricing';

/** What the cost model assumes, and the prices it multiplies. */
export interface CostOptions {
  /**
   * Prices: another currency, a discount, committed-use rates.
   * @default list prices in USD
   */
  readonly pricing?: PricingOptions;
  /**
   * Subtract the free tiers (Cloud Run's monthly free tier per billing account, App Engine's free instance-hours per
   * application and day), once per stack, on the assumption that nothing else uses them.
   * @default true
   */
  readonly freeTier?: boolean;
  /**
   * The average request duration, in milliseconds, of the cost per million requests.
   * @default 200
   */
  readonly requestDurationMs?: number;
  /**
   * How many requests an instance serves at once, on average, in the cost per million requests (capped by each
   * service's own concurrency setting). 1 is the upper bound: every request billed alone.
   * @default 1
   */
  readonly requestConcurrency?: number;
}

/** The documented defaults of `CostOptions`. @internal */
export const COST_DEFAULTS = { requestDurationMs: 200, requestConcurrency: 1 } as const;

/** The options with defaults applied and prices resolved. @internal */
export interface ResolvedCostOptions {
  readonly prices: ResolvedPrices;
  readonly freeTier: boolean;
  readonly requestDurationMs: number;
  readonly requestConcurrency: number;
}

/** Applies the defaults; throws a plain Error naming the option when one is malformed. @internal */
export function resolveCostOptions(options: CostOptions = {}): ResolvedCostOptions {
  const requestDurationMs = options.requestDurationMs ?? COST_DEFAULTS.requestDurationMs;
  const requestConcurrency = options.requestConcurrency ?? COST_DEFAULTS.requestConcurrency;
  if (!(Number.isFinite(requestDurationMs) && requestDurationMs > 0))
    throw new Error(`requestDurationMs must be a number above 0 (got ${requestDurationMs})`);
  if (!(Number.isInteger(requestConcurrency) && requestConcurrency >= 1))
    throw new Error(`requestConcurrency must be a whole number ≥ 1 (got ${requestConcurrency})`);
  return {
    prices: resolvePrices(options.pricing),
    freeTier: options.freeTier !== false,
    requestDurationMs,
    requestConcurrency,
  };
}

/** One priced quantity: `quantity` units of the table entry `price`. @internal */
export interface CostLine {
  /** What is billed: `CPU`, `memory`, `GPU`, `instance-hours`, `requests`. */
  readonly what: string;
  readonly quantity: number;
  readonly unit: string;
  /** The pricing table entry the unit price comes from. */
  readonly price: PriceId;
  /** The unit price used (after region tier, currency and discount). */
  readonly unitPrice: number;
  readonly amount: number;
}

/** A free tier a resource can draw on, shared by every resource of the same pool in a stack. @internal */
export interface FreeTierClaim {
  /** Resources of one pool share it: `cloud-run`, `app-engine F <project>`, `app-engine B <project>`. */
  readonly pool: string;
  /** What the whole pool is worth per month. */
  readonly poolValue: number;
  /** What this resource alone would use of it per month (its floor's free part). */
  readonly value: number;
  /** The free quantity, in words: `240,000 vCPU-seconds and 450,000 GiB-seconds a month`. */
  readonly describe: string;
}

/** The cost figures of one resource. Amounts are per month in `currency`; `undefined` means unknown, never 0. */
export interface ResourceCost {
  readonly kind: ResourceKind;
  readonly currency: string;
  /** The monthly floor before free tiers (what the resource costs with no traffic); undefined when unknown. */
  readonly floor?: number;
  /** What makes up the floor, in words: `1 min instance × 2 vCPU × 2 GiB, instance-based`. */
  readonly floorBasis: string;
  readonly floorLines: readonly CostLine[];
  /** The cost of one million requests at the assumed duration and concurrency; undefined when unknown or n/a. */
  readonly perMillionRequests?: number;
  readonly perMillionLines: readonly CostLine[];
  /** The cost of one hour of one instance (a job task, a worker): for jobs, which have no floor and no requests. */
  readonly perInstanceHour?: number;
  /** A job: one execution whose every task runs to its timeout (retries not counted); undefined when unknown. */
  readonly perExecutionMax?: number;
  /** App Engine: what one request to an idle version costs (the 15-minute tail included). */
  readonly perIdleWakeUp?: number;
  /** Why a figure is unknown (facts not known at synth time, a price the table lacks). */
  readonly unknown: readonly string[];
  /** Why there is no per-request figure (jobs, worker pools, manual scaling). */
  readonly perRequestNotApplicable?: string;
  /** What the figures assume. */
  readonly assumptions: readonly string[];
  /** The free tier the floor could use (subtracted once per stack, not here). */
  readonly freeTier?: FreeTierClaim;
}

/** The facts a cost reads, as known or not. @internal */
export const SECONDS_PER_HOUR = 3600;

/** A line from a quantity and a table entry (already resolved to `unitPrice`). @internal */
export function line(what: string, quantity: number, unit: string, price: PriceId, unitPrice: number): CostLine {
  return { what, quantity, unit, price, unitPrice, amount: quantity * unitPrice };
}

export const sum = (lines: readonly CostLine[]): number => lines.reduce((n, l) => n + l.amount, 0);

/** Digits with thousands separators: `1234.5` with 2 decimals is `1,234.50` (no Intl: it is slow on hot paths). */
export function grouped(n: number, decimals = 0): string {
  const [whole, fraction] = n.toFixed(decimals).split('.');
  const text = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? text : `${text}.${fraction}`;
}

/**
 * Money as text: `$49.93` in USD, `45.12 EUR` otherwise; amounts under a cent keep two significant digits, down to a
 * hundred-millionth. Smaller amounts round to `$0.00`, as zero itself prints.
 */
export function formatMoney(amount: number, currency: string): string {
  const abs = Math.abs(amount);
  // Zero takes this branch too (log10(0) is -Infinity, so 8 decimals) and prints as 0.00 all the same.
  const digits = abs < 0.01 ? Math.min(8, 1 - Math.floor(Math.log10(abs))) : 2;
  let text = grouped(abs, digits);
  // Trailing zeros go; an amount that rounds to nothing at 8 decimals is zero, printed as zero prints.
  if (digits > 2) text = text.replace(/0+$/, '').replace(/^0\.$/, '0.00');
  const sign = amount < 0 && text !== '0.00' ? '-' : '';
  return currency === 'USD' ? `${sign}$${text}` : `${sign}${text} ${currency}`;
}

/** A figure, or `unknown`. */
export function formatMaybe(amount: number | undefined, currency: string): string {
  return amount === undefined ? 'unknown' : formatMoney(amount, currency);
}

/** Rounds to the cent, as the reports print and compare. */
export const toCents = (amount: number): number => Math.round(amount * 100) / 100;

/** The count of something with its noun: `1 min instance`, `2 min instances`. */
export const count = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** A quantity as text: up to three decimals, no trailing zeros. */
export const quantity = (n: number): string => String(Math.round(n * 1000) / 1000);

let defaults: ResolvedCostOptions | undefined;
/**
 * The cost options the rules price with when nobody says otherwise: list prices in USD and the documented defaults,
 * resolved on first use rather than when the module loads. @internal
 */
export const defaultCostOptions = (): ResolvedCostOptions => (defaults ??= resolveCostOptions());

/**
 * The end of a cost rule's message: `; 1 min instance × 2 vCPU × 2 GiB, instance-based: ≈ $99.86/month` (the free
 * tier the floor could use is named, not subtracted: the stack report subtracts it once), or nothing when the floor is
 * unknown (the message still says what stays running).
 * @internal
 */
export function costNote(cost: ResourceCost): string {
  if (cost.floor === undefined || cost.floor === 0) return '';
  const free =
    cost.freeTier && cost.freeTier.value > 0
      ? ` (${formatMoney(Math.max(0, cost.floor - cost.freeTier.value), cost.currency)} after the free tier, if nothing else uses it)`
      : '';
  return `; ${cost.floorBasis}: ≈ ${formatMoney(cost.floor, cost.currency)}/month${free}`;
}

/**
 * The end of a message about instances that scale with load: `; each instance ≈ $1.43 an hour ($1,043.90 a month)`,
 * or nothing; a month has as many hours as the price table the cost was computed with says. @internal
 */
export function hourNote(cost: ResourceCost, options: ResolvedCostOptions = defaultCostOptions()): string {
  if (cost.perInstanceHour === undefined) return '';
  const month = cost.perInstanceHour * options.prices.value('month.hours');
  return `; each instance ≈ ${formatMoney(cost.perInstanceHour, cost.currency)} an hour (${formatMoney(month, cost.currency)} a month)`;
}
