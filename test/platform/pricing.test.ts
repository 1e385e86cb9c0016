/**
 * The pricing table and the options that adjust it. Expected prices are the published ones ("Cloud Run pricing",
 * https://cloud.google.com/run/pricing; "App Engine pricing", https://cloud.google.com/appengine/pricing; "Quotas and
 * limits" (App Engine)), written here by hand, never read back from the table.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  CLOUD_RUN_TIER_1_REGIONS,
  CLOUD_RUN_TIER_2_REGIONS,
  cloudRunTier,
  PRICE_TABLE,
  type PriceId,
  resolvePrices,
} from '../../lib/platform/pricing';

/** Published unit prices (USD, Tier 1) and quantities, by table id. */
const PUBLISHED: Record<PriceId, number> = {
  'cloud-run.instance.cpu': 0.000018,
  'cloud-run.instance.memory': 0.000002,
  'cloud-run.request.cpu': 0.000024,
  'cloud-run.request.memory': 0.0000025,
  'cloud-run.request.idle-cpu': 0.0000025,
  'cloud-run.request.idle-memory': 0.0000025,
  'cloud-run.requests': 0.4 / 1_000_000,
  'cloud-run.job.cpu': 0.000018,
  'cloud-run.job.memory': 0.000002,
  'cloud-run.worker-pool.cpu': 0.000011244,
  'cloud-run.worker-pool.memory': 0.000001235,
  'cloud-run.gpu.nvidia-l4': 0.0002909,
  'cloud-run.gpu.nvidia-l4.no-zonal-redundancy': 0.0001867,
  'cloud-run.tier-2.multiplier': 1.4,
  'cloud-run.free.instance.cpu': 240_000,
  'cloud-run.free.instance.memory': 450_000,
  'cloud-run.free.request.cpu': 180_000,
  'cloud-run.free.request.memory': 360_000,
  'cloud-run.free.requests': 2_000_000,
  'cloud-run.free.worker-pool.cpu': 384_204,
  'cloud-run.free.worker-pool.memory': 728_744,
  'app-engine.f1.hour': 0.05,
  'app-engine.b1.hour': 0.05,
  'app-engine.free.f-hours': 28,
  'app-engine.free.b-hours': 9,
  'app-engine.tail.seconds': 15 * 60,
  'month.hours': 730,
};
/** The entries that are quantities (free tiers, hours, seconds, a ratio), not prices. */
const QUANTITIES = new Set<string>([
  'cloud-run.tier-2.multiplier',
  'cloud-run.free.instance.cpu',
  'cloud-run.free.instance.memory',
  'cloud-run.free.request.cpu',
  'cloud-run.free.request.memory',
  'cloud-run.free.requests',
  'cloud-run.free.worker-pool.cpu',
  'cloud-run.free.worker-pool.memory',
  'app-engine.free.f-hours',
  'app-engine.free.b-hours',
  'app-engine.tail.seconds',
  'month.hours',
]);
const ids = Object.keys(PUBLISHED) as PriceId[];
/** Equal up to floating-point rounding. */
const near = (actual: number, expected: number, what?: string) =>
  assert.ok(Math.abs(actual - expected) <= Math.abs(expected) * 1e-12, `${what ?? ''} ${actual} ≠ ${expected}`);

describe('pricing table', () => {
  test('list prices are the published ones, in USD, unadjusted', () => {
    assert.deepEqual(Object.keys(PRICE_TABLE).sort(), [...ids].sort());
    const list = resolvePrices();
    for (const id of ids) near(list.value(id), PUBLISHED[id], id);
    assert.equal(list.currency, 'USD');
    assert.equal(list.adjusted, false);
  });

  test('every entry says what a unit is and why it is there; Cloud Run entries cite the Cloud Run page', () => {
    for (const [id, e] of Object.entries(PRICE_TABLE)) {
      assert.ok(e.unit.length > 0, id);
      assert.ok('note' in e && typeof e.note === 'string' && e.note.length > 0, `${id} has a note`);
      if (id.startsWith('cloud-run.')) assert.match(e.source, /https:\/\/cloud\.google\.com\/run\/pricing/, id);
    }
    assert.equal(PRICE_TABLE['cloud-run.instance.cpu'].confidence, 'google');
    assert.equal(PRICE_TABLE['cloud-run.tier-2.multiplier'].confidence, 'estimated');
    assert.equal(PRICE_TABLE['app-engine.f1.hour'].confidence, 'third-party');
  });

  test('an exchange rate of 2 doubles every price and no quantity', () => {
    const p = resolvePrices({ exchangeRate: 2, currency: 'XYZ' });
    assert.equal(p.currency, 'XYZ');
    assert.equal(p.adjusted, true);
    for (const id of ids) {
      near(p.value(id), QUANTITIES.has(id) ? PUBLISHED[id] : PUBLISHED[id] * 2, id);
    }
  });

  test('a 25% discount takes a quarter off prices, not quantities', () => {
    const p = resolvePrices({ discountPercent: 25 });
    assert.equal(p.currency, 'USD');
    assert.equal(p.adjusted, true);
    near(p.value('app-engine.f1.hour'), 0.05 * 0.75);
    assert.equal(p.value('app-engine.free.f-hours'), 28);
    assert.equal(p.value('month.hours'), 730);
  });

  test('overrides replace one entry, as given (no rate, no discount); quantities can be overridden', () => {
    const p = resolvePrices({
      exchangeRate: 0.5,
      discountPercent: 10,
      overrides: { 'app-engine.f1.hour': 0.03, 'app-engine.free.f-hours': 0 },
    });
    assert.equal(p.value('app-engine.f1.hour'), 0.03);
    assert.equal(p.value('app-engine.free.f-hours'), 0);
    near(p.value('app-engine.b1.hour'), 0.05 * 0.5 * 0.9);
    // An override alone adjusts the prices; an empty one does not.
    assert.equal(resolvePrices({ overrides: { 'month.hours': 730 } }).adjusted, true);
    assert.equal(resolvePrices({ overrides: {} }).adjusted, false);
    assert.equal(resolvePrices({ exchangeRate: 1, discountPercent: 0 }).adjusted, false);
  });

  test('the exchange rate must be a number above 0', () => {
    for (const bad of [0, -1, Number.NaN, Number.POSITIVE_INFINITY])
      assert.throws(
        () => resolvePrices({ exchangeRate: bad }),
        (e: Error) => e.message === `exchangeRate must be a number above 0 (got ${bad})`,
        String(bad),
      );
    near(resolvePrices({ exchangeRate: 0.001 }).value('app-engine.f1.hour'), 0.05 * 0.001);
  });

  test('the discount is at least 0 and below 100 percent', () => {
    for (const bad of [-0.01, 100, Number.NaN, Number.POSITIVE_INFINITY])
      assert.throws(
        () => resolvePrices({ discountPercent: bad }),
        (e: Error) => e.message === `discountPercent must be at least 0 and below 100 (got ${bad})`,
        String(bad),
      );
    assert.equal(resolvePrices({ discountPercent: 0 }).value('app-engine.f1.hour'), 0.05);
    near(resolvePrices({ discountPercent: 99.5 }).value('app-engine.f1.hour'), 0.05 * 0.005);
  });

  test('an override names a table entry and is a number ≥ 0', () => {
    assert.throws(
      () => resolvePrices({ overrides: { 'cloud-run.cpu': 1 } }),
      (e: Error) =>
        e.message.startsWith("overrides names an unknown price 'cloud-run.cpu' (use cloud-run.instance.cpu, ") &&
        e.message.includes(', month.hours)'),
    );
    // Inherited names are not entries.
    assert.throws(() => resolvePrices({ overrides: { toString: 1 } }), /unknown price 'toString'/);
    for (const bad of [-0.000001, Number.NaN, Number.POSITIVE_INFINITY])
      assert.throws(
        () => resolvePrices({ overrides: { 'cloud-run.requests': bad } }),
        (e: Error) => e.message === "overrides['cloud-run.requests'] must be a number ≥ 0",
        String(bad),
      );
    assert.equal(resolvePrices({ overrides: { 'cloud-run.requests': 0 } }).value('cloud-run.requests'), 0);
  });
});

describe('Cloud Run price tiers', () => {
  test('each listed region has its tier; an unlisted one has none', () => {
    assert.equal(cloudRunTier('us-central1'), 1);
    assert.equal(cloudRunTier('europe-west1'), 1);
    assert.equal(cloudRunTier('europe-west2'), 2);
    assert.equal(cloudRunTier('asia-southeast1'), 2);
    assert.equal(cloudRunTier('mars-north1'), undefined);
    assert.equal(cloudRunTier(''), undefined);
    for (const r of CLOUD_RUN_TIER_1_REGIONS) assert.equal(cloudRunTier(r), 1, r);
    for (const r of CLOUD_RUN_TIER_2_REGIONS) assert.equal(cloudRunTier(r), 2, r);
  });
});
