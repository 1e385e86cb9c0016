/**
 * The one pricing table of the library: every unit price and free-tier quantity the cost model multiplies, each with
 * the public page it comes from, the date it was read and how sure we are of it. Pure data; the cost model
 * (platform/cost/) reads it through `resolvePrices`, which applies the caller's currency, discount and overrides.
 *
 * List prices in USD, Tier 1 regions (the tables Google shows for Iowa, us-central1). A month is 730 hours, the
 * convention of Google's pricing pages and calculator.
 */

/** How sure we are of a table entry. */
export type PriceConfidence =
  /** Google's own page, read directly (possibly from an older capture), and confirmed by a newer copy. */
  | 'google'
  /** Only third-party copies (or Google's legacy price list) agree on it. */
  | 'third-party'
  /** Derived by this library from other entries (stated in the note). */
  | 'estimated';

/** One entry of the pricing table. @internal */
export interface PriceEntry {
  /** The unit price (USD) or quantity. */
  readonly value: number;
  /** What one unit is: `vCPU-second`, `GiB-second`, `request`, `instance-hour`, … */
  readonly unit: string;
  /** The public page: title and address. */
  readonly source: string;
  /** When the figure was read (capture date of the page, or the date we read it). */
  readonly read: string;
  readonly confidence: PriceConfidence;
  /** Anything a reader needs to redo the figure. */
  readonly note?: string;
  /** True for a quantity (a free tier, hours, a ratio): neither the exchange rate nor the discount applies. */
  readonly quantity?: boolean;
}

const CLOUD_RUN_PAGE = '"Cloud Run pricing", https://cloud.google.com/run/pricing';
const CLOUD_RUN_READ = '2025-08-19 (page capture), confirmed by copies dated 2026-08 and 2026-10-01';
const APP_ENGINE_PAGE = '"App Engine pricing", https://cloud.google.com/appengine/pricing';
const QUOTAS_PAGE = '"Quotas and limits" (App Engine), https://cloud.google.com/appengine/docs/standard/quotas';

const cloudRun = (value: number, unit: string, note: string): PriceEntry => ({
  value,
  unit,
  source: CLOUD_RUN_PAGE,
  read: CLOUD_RUN_READ,
  confidence: 'google',
  note,
});
/** A free-tier quantity of the Cloud Run pricing page. */
const cloudRunFree = (value: number, unit: string, note: string): PriceEntry => ({
  ...cloudRun(value, unit, note),
  quantity: true,
});

/**
 * Every priced meter and free-tier quantity, by id. The ids are what `PricingOptions.overrides` names.
 * @internal
 */
export const PRICE_TABLE = {
  // Cloud Run services, instance-based billing (cpu_idle = false): the whole instance lifetime.
  'cloud-run.instance.cpu': cloudRun(0.000018, 'vCPU-second', 'services, instance-based billing'),
  'cloud-run.instance.memory': cloudRun(0.000002, 'GiB-second', 'services, instance-based billing'),
  // Cloud Run services, request-based billing (cpu_idle = true): while a request is processed, plus min instances idle.
  'cloud-run.request.cpu': cloudRun(0.000024, 'vCPU-second', 'services, request-based billing, while active'),
  'cloud-run.request.memory': cloudRun(0.0000025, 'GiB-second', 'services, request-based billing, while active'),
  'cloud-run.request.idle-cpu': cloudRun(0.0000025, 'vCPU-second', 'min instances while idle, request-based billing'),
  'cloud-run.request.idle-memory': cloudRun(0.0000025, 'GiB-second', 'min instances while idle, request-based billing'),
  'cloud-run.requests': cloudRun(0.0000004, 'request', '$0.40 per million, request-based billing only'),
  // Jobs: "billed at the Instance-based billing rate, for the entire lifetime of any instance started".
  'cloud-run.job.cpu': cloudRun(0.000018, 'vCPU-second', 'jobs'),
  'cloud-run.job.memory': cloudRun(0.000002, 'GiB-second', 'jobs'),
  // Worker pools: always allocated CPU, their own rates.
  'cloud-run.worker-pool.cpu': cloudRun(0.000011244, 'vCPU-second', 'worker pools'),
  'cloud-run.worker-pool.memory': cloudRun(0.000001235, 'GiB-second', 'worker pools'),
  // GPUs (instance-based billing only): NVIDIA L4, with and without zonal redundancy.
  'cloud-run.gpu.nvidia-l4': cloudRun(0.0002909, 'GPU-second', 'NVIDIA L4 with zonal redundancy (the default)'),
  'cloud-run.gpu.nvidia-l4.no-zonal-redundancy': cloudRun(
    0.0001867,
    'GPU-second',
    'NVIDIA L4, gpu_zonal_redundancy_disabled = true',
  ),
  // Tier 2 regions: request-based Tier 2 rates are 1.4 × Tier 1 in two third-party billing exports; the other
  // meters' Tier 2 rates were not found and are taken at the same ratio.
  'cloud-run.tier-2.multiplier': {
    quantity: true,
    value: 1.4,
    unit: 'ratio to Tier 1',
    source: CLOUD_RUN_PAGE,
    read: '2026-08-11 (third-party billing exports, Delhi and Seoul)',
    confidence: 'estimated',
    note: 'request-based Tier 2 $0.0000336/vCPU-s and $0.0000035/GiB-s = 1.4 × Tier 1; applied to every meter',
  } as PriceEntry,
  // The monthly free tier per billing account: one spending-based discount (about $5.22 at Tier 1 prices) expressed
  // in each billing mode's units. "The free tier is applied as a spending based discount using Tier 1 pricing."
  'cloud-run.free.instance.cpu': cloudRunFree(240_000, 'vCPU-seconds per month', 'instance-based services and jobs'),
  'cloud-run.free.instance.memory': cloudRunFree(450_000, 'GiB-seconds per month', 'instance-based services and jobs'),
  'cloud-run.free.request.cpu': cloudRunFree(180_000, 'vCPU-seconds per month', 'request-based services, active time'),
  'cloud-run.free.request.memory': cloudRunFree(
    360_000,
    'GiB-seconds per month',
    'request-based services, active time',
  ),
  'cloud-run.free.requests': cloudRunFree(2_000_000, 'requests per month', 'request-based services'),
  'cloud-run.free.worker-pool.cpu': cloudRunFree(384_204, 'vCPU-seconds per month', 'worker pools'),
  'cloud-run.free.worker-pool.memory': cloudRunFree(728_744, 'GiB-seconds per month', 'worker pools'),
  // App Engine standard: the F1 and B1 hourly price in US regions; other classes are multiples (class weights in
  // app-engine/instance-classes.ts: "if you use an F4 instance for one hour, you see ... four instance hours at the
  // F1 rate").
  'app-engine.f1.hour': {
    value: 0.05,
    unit: 'F1 instance-hour',
    source: `${APP_ENGINE_PAGE}; Google's legacy price list "CP-APP-ENGINE-INSTANCES": {"us": 0.05}`,
    read: '2026-11 (the page fills its table with JavaScript; the figure is from the legacy list and third-party copies)',
    confidence: 'third-party',
    note: 'US regions (Iowa); F2 = 2×, F4 = 4×, F4_1G = 6×',
  } as PriceEntry,
  'app-engine.b1.hour': {
    value: 0.05,
    unit: 'B1 instance-hour',
    source: APP_ENGINE_PAGE,
    read: '2026-11 (the page fills its table with JavaScript; the figure is from third-party copies)',
    confidence: 'third-party',
    note: 'US regions (Iowa); B2 = 2×, B4 = 4×, B4_1G = 6×, B8 = 8×',
  } as PriceEntry,
  'app-engine.free.f-hours': {
    quantity: true,
    value: 28,
    unit: 'F1 instance-hours per day per application',
    source: QUOTAS_PAGE,
    read: '2026-04-10 (page footer)',
    confidence: 'google',
    note: '"F1 instances 28 free instance hours per day"',
  } as PriceEntry,
  'app-engine.free.b-hours': {
    quantity: true,
    value: 9,
    unit: 'B1 instance-hours per day per application',
    source: QUOTAS_PAGE,
    read: '2026-04-10 (page footer)',
    confidence: 'google',
    note: '"B1 instances 9 free instance hours per day" (the legacy python27 page said 8)',
  } as PriceEntry,
  'app-engine.tail.seconds': {
    quantity: true,
    value: 900,
    unit: 'seconds billed after the last request (basic, automatic) or after shutdown (manual)',
    source: `${QUOTAS_PAGE}; ${APP_ENGINE_PAGE}`,
    read: '2026-04-10 (page footer)',
    confidence: 'google',
    note: '"accrual ends fifteen minutes after an instance finishes processing its last request"',
  } as PriceEntry,
  'month.hours': {
    quantity: true,
    value: 730,
    unit: 'hours per month',
    source: CLOUD_RUN_PAGE,
    read: CLOUD_RUN_READ,
    confidence: 'google',
    note: 'the month of Google pricing pages and calculator',
  } as PriceEntry,
} as const satisfies Readonly<Record<string, PriceEntry>>;

/** The id of a table entry. @internal */
export type PriceId = keyof typeof PRICE_TABLE;

/** The Cloud Run price tier of each region ("Cloud Run pricing", pricing tiers, 2025-08-19 capture). */
export const CLOUD_RUN_TIER_1_REGIONS: readonly string[] = [
  'asia-east1',
  'asia-northeast1',
  'asia-northeast2',
  'asia-south1',
  'europe-north1',
  'europe-north2',
  'europe-southwest1',
  'europe-west1',
  'europe-west4',
  'europe-west8',
  'europe-west9',
  'me-west1',
  'northamerica-south1',
  'us-central1',
  'us-east1',
  'us-east4',
  'us-east5',
  'us-south1',
  'us-west1',
  'us-west8',
];
export const CLOUD_RUN_TIER_2_REGIONS: readonly string[] = [
  'africa-south1',
  'asia-east2',
  'asia-northeast3',
  'asia-southeast1',
  'asia-southeast2',
  'asia-south2',
  'australia-southeast1',
  'australia-southeast2',
  'europe-central2',
  'europe-west10',
  'europe-west12',
  'europe-west2',
  'europe-west3',
  'europe-west6',
  'me-central1',
  'me-central2',
  'northamerica-northeast1',
  'northamerica-northeast2',
  'southamerica-east1',
  'southamerica-west1',
  'us-west2',
  'us-west3',
  'us-west4',
];

/** The Cloud Run price tier of a region, or undefined when the table does not list it. */
export function cloudRunTier(region: string): 1 | 2 | undefined {
  if (CLOUD_RUN_TIER_1_REGIONS.includes(region)) return 1;
  if (CLOUD_RUN_TIER_2_REGIONS.includes(region)) return 2;
  return undefined;
}

/** Another currency, a negotiated discount or committed-use prices: how figures differ from the list price. */
export interface PricingOptions {
  /**
   * The currency figures are shown in (an ISO 4217 code). Set `exchangeRate` with it.
   * @default 'USD'
   */
  readonly currency?: string;
  /**
   * How many units of `currency` one US dollar buys; list prices are multiplied by it.
   * @default 1
   */
  readonly exchangeRate?: number;
  /**
   * A discount off every price, in percent (a negotiated discount, or a flat committed-use discount).
   * @default 0
   */
  readonly discountPercent?: number;
  /**
   * Unit prices that replace table entries, by entry id (`cloud-run.instance.cpu`, `app-engine.f1.hour`, … as the
   * README lists them), in `currency`, discount not applied (committed-use rates, for example). Free-tier entries are
   * quantities and can be overridden too.
   * @default none
   */
  readonly overrides?: { [id: string]: number };
}

/** The table as the cost model multiplies it: each id's value in the caller's currency. @internal */
export interface ResolvedPrices {
  readonly currency: string;
  readonly value: (id: PriceId) => number;
  /** True when any price differs from the list price in USD. */
  readonly adjusted: boolean;
}

/** Quantities (free tiers, hours, seconds, ratios) that neither the exchange rate nor the discount applies to. */
const isQuantity = (id: PriceId): boolean => (PRICE_TABLE[id] as PriceEntry).quantity === true;

/**
 * The prices after the caller's options; throws a plain Error naming the option when one is malformed (callers turn it
 * into their own error type).
 * @internal
 */
export function resolvePrices(options: PricingOptions = {}): ResolvedPrices {
  const rate = options.exchangeRate ?? 1;
  const discount = options.discountPercent ?? 0;
  if (!(Number.isFinite(rate) && rate > 0)) throw new Error(`exchangeRate must be a number above 0 (got ${rate})`);
  if (!(Number.isFinite(discount) && discount >= 0 && discount < 100))
    throw new Error(`discountPercent must be at least 0 and below 100 (got ${discount})`);
  const overrides = options.overrides ?? {};
  for (const [id, value] of Object.entries(overrides)) {
    if (!Object.hasOwn(PRICE_TABLE, id))
      throw new Error(`overrides names an unknown price '${id}' (use ${Object.keys(PRICE_TABLE).join(', ')})`);
    if (!(Number.isFinite(value) && value >= 0)) throw new Error(`overrides['${id}'] must be a number ≥ 0`);
  }
  const factor = rate * (1 - discount / 100);
  return {
    currency: options.currency ?? 'USD',
    adjusted: factor !== 1 || Object.keys(overrides).length > 0,
    value: (id) => {
      if (Object.hasOwn(overrides, id)) return overrides[id];
      const base = PRICE_TABLE[id].value;
      return isQuantity(id) ? base : base * factor;
    },
  };
}
