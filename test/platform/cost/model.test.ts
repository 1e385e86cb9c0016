/**
 * The cost model's options, lines and text: defaults as documented, malformed options refused with the option named,
 * amounts printed to the cent (or to two significant digits under a cent), notes that name the floor and the free tier.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  costNote,
  count,
  defaultCostOptions,
  formatMaybe,
  formatMoney,
  grouped,
  hourNote,
  line,
  quantity,
  resolveCostOptions,
  type ResourceCost,
  sum,
  toCents,
} from '../../../lib/platform/cost/model';
import { ResourceKind } from '../../../lib/platform/kinds';

/** A resource cost with only the figures a note reads. */
const cost = (c: Partial<ResourceCost>): ResourceCost => ({
  kind: ResourceKind.CLOUD_RUN_SERVICE,
  currency: 'USD',
  floorBasis: '1 min instance × 1 vCPU × 0.5 GiB, instance-based',
  floorLines: [],
  perMillionLines: [],
  unknown: [],
  assumptions: [],
  ...c,
});

describe('cost options', () => {
  test('the documented defaults: 200 ms requests, one at a time, free tiers subtracted, list prices in USD', () => {
    for (const o of [resolveCostOptions(), resolveCostOptions({}), defaultCostOptions()]) {
      assert.equal(o.requestDurationMs, 200);
      assert.equal(o.requestConcurrency, 1);
      assert.equal(o.freeTier, true);
      assert.equal(o.prices.currency, 'USD');
      assert.equal(o.prices.value('app-engine.f1.hour'), 0.05);
    }
    assert.equal(resolveCostOptions({ freeTier: false }).freeTier, false);
    assert.equal(resolveCostOptions({ freeTier: true }).freeTier, true);
    const eur = resolveCostOptions({ pricing: { currency: 'EUR', exchangeRate: 0.5 } });
    assert.equal(eur.prices.currency, 'EUR');
    assert.equal(eur.prices.value('app-engine.f1.hour'), 0.05 * 0.5);
  });

  test('a request duration above 0 ms is taken as given; 0, negative or not a number is refused', () => {
    assert.equal(resolveCostOptions({ requestDurationMs: 0.5 }).requestDurationMs, 0.5);
    assert.equal(resolveCostOptions({ requestDurationMs: 60_000 }).requestDurationMs, 60_000);
    for (const bad of [0, -1, Number.NaN, Number.POSITIVE_INFINITY])
      assert.throws(
        () => resolveCostOptions({ requestDurationMs: bad }),
        (e: Error) => e.message === `requestDurationMs must be a number above 0 (got ${bad})`,
        String(bad),
      );
  });

  test('the request concurrency is a whole number from 1', () => {
    assert.equal(resolveCostOptions({ requestConcurrency: 1 }).requestConcurrency, 1);
    assert.equal(resolveCostOptions({ requestConcurrency: 80 }).requestConcurrency, 80);
    for (const bad of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])
      assert.throws(
        () => resolveCostOptions({ requestConcurrency: bad }),
        (e: Error) => e.message === `requestConcurrency must be a whole number ≥ 1 (got ${bad})`,
        String(bad),
      );
  });
});

describe('cost lines', () => {
  test('a line is quantity × unit price; lines add up', () => {
    const cpu = line('CPU', 3600, 'vCPU-seconds', 'cloud-run.instance.cpu', 0.000018);
    assert.deepEqual(cpu, {
      what: 'CPU',
      quantity: 3600,
      unit: 'vCPU-seconds',
      price: 'cloud-run.instance.cpu',
      unitPrice: 0.000018,
      amount: 3600 * 0.000018,
    });
    const memory = line('memory', 1800, 'GiB-seconds', 'cloud-run.instance.memory', 0.000002);
    assert.equal(sum([cpu, memory]), 3600 * 0.000018 + 1800 * 0.000002);
    assert.equal(sum([]), 0);
  });
});

describe('figures as text', () => {
  test('thousands are grouped by three, decimals as asked', () => {
    assert.equal(grouped(0), '0');
    assert.equal(grouped(999), '999');
    assert.equal(grouped(1000), '1,000');
    assert.equal(grouped(1234567), '1,234,567');
    assert.equal(grouped(1234.5, 2), '1,234.50');
    assert.equal(grouped(1234.5), '1,235');
    assert.equal(grouped(0.25, 3), '0.250');
  });

  test('money: to the cent in USD or another currency, negative amounts signed', () => {
    assert.equal(formatMoney(0, 'USD'), '$0.00');
    assert.equal(formatMoney(49.9, 'USD'), '$49.90');
    assert.equal(formatMoney(1460, 'USD'), '$1,460.00');
    assert.equal(formatMoney(0.01, 'USD'), '$0.01');
    assert.equal(formatMoney(-5, 'USD'), '-$5.00');
    assert.equal(formatMoney(-5, 'EUR'), '-5.00 EUR');
    assert.equal(formatMoney(12.345, 'JPY'), '12.35 JPY');
  });

  test('money under a cent keeps two significant digits, without trailing zeros', () => {
    assert.equal(formatMoney(0.0099, 'USD'), '$0.0099');
    assert.equal(formatMoney(0.0012345, 'USD'), '$0.0012');
    assert.equal(formatMoney(0.004, 'USD'), '$0.004');
    // Rounding up to the next digit leaves no trailing zero: 0.00999 is $0.0100, printed $0.01.
    assert.equal(formatMoney(0.00999, 'USD'), '$0.01');
    assert.equal(formatMoney(-0.004, 'EUR'), '-0.004 EUR');
    // $0.40 per million requests: one request.
    assert.equal(formatMoney(0.4 / 1_000_000, 'USD'), '$0.0000004');
    // At most 8 decimals.
    assert.equal(formatMoney(0.0000000123, 'USD'), '$0.00000001');
    // Half a hundred-millionth still rounds up to one; below it the amount rounds to nothing and prints as zero does
    // (it printed '$0.' before), without a minus sign.
    assert.equal(formatMoney(0.000000005, 'USD'), '$0.00000001');
    assert.equal(formatMoney(0.0000000049, 'USD'), '$0.00');
    assert.equal(formatMoney(-0.0000000049, 'USD'), '$0.00');
    assert.equal(formatMoney(1e-300, 'EUR'), '0.00 EUR');
  });

  test('an unknown figure says so', () => {
    assert.equal(formatMaybe(undefined, 'USD'), 'unknown');
    assert.equal(formatMaybe(2.5, 'EUR'), '2.50 EUR');
    assert.equal(formatMaybe(0, 'USD'), '$0.00');
  });

  test('cents are rounded half up; counts and quantities as words', () => {
    assert.equal(toCents(49.932), 49.93);
    assert.equal(toCents(49.936), 49.94);
    assert.equal(toCents(2), 2);
    assert.equal(count(0, 'min instance'), '0 min instances');
    assert.equal(count(1, 'min instance'), '1 min instance');
    assert.equal(count(2, 'min instance'), '2 min instances');
    assert.equal(quantity(0.5), '0.5');
    assert.equal(quantity(2), '2');
    assert.equal(quantity(1 / 3), '0.333');
    assert.equal(quantity(2.0006), '2.001');
    assert.equal(quantity(768 / 1024), '0.75');
  });
});

describe('cost notes', () => {
  test('the floor note names what stays running and its monthly cost; nothing when the floor is 0 or unknown', () => {
    assert.equal(costNote(cost({ floor: undefined })), '');
    assert.equal(costNote(cost({ floor: 0 })), '');
    assert.equal(
      costNote(cost({ floor: 49.932 })),
      '; 1 min instance × 1 vCPU × 0.5 GiB, instance-based: ≈ $49.93/month',
    );
    assert.equal(costNote(cost({ floor: 10, currency: 'EUR' })).endsWith(': ≈ 10.00 EUR/month'), true);
  });

  test('the floor note says what is left after the free tier the floor could use', () => {
    const claim = { pool: 'cloud-run', poolValue: 5.22, describe: 'the free tier' };
    // $49.93 - $5.22 = $44.71.
    assert.match(
      costNote(cost({ floor: 49.93, freeTier: { ...claim, value: 5.22 } })),
      /≈ \$49\.93\/month \(\$44\.71 after the free tier, if nothing else uses it\)$/,
    );
    // A free tier worth more than the floor leaves nothing, never a negative amount.
    assert.match(costNote(cost({ floor: 3, freeTier: { ...claim, value: 5.22 } })), /\(\$0\.00 after the free tier/);
    // A claim of nothing is not mentioned.
    assert.equal(costNote(cost({ floor: 3, freeTier: { ...claim, value: 0 } })).includes('free tier'), false);
  });

  test('the hour note: an instance-hour and its month of 730 hours', () => {
    assert.equal(hourNote(cost({})), '');
    // $0.07 an hour × 730 = $51.10.
    assert.equal(hourNote(cost({ perInstanceHour: 0.07 })), '; each instance ≈ $0.07 an hour ($51.10 a month)');
    assert.equal(hourNote(cost({ perInstanceHour: 0 })), '; each instance ≈ $0.00 an hour ($0.00 a month)');
  });

  test('the hour note counts the month in the hours of the price table it is given', () => {
    // A table with 720-hour months: $0.07 × 720 = $50.40 (the fixed 730 gave $51.10 whatever the table said).
    const options = resolveCostOptions({ pricing: { overrides: { 'month.hours': 720 } } });
    assert.equal(
      hourNote(cost({ perInstanceHour: 0.07 }), options),
      '; each instance ≈ $0.07 an hour ($50.40 a month)',
    );
  });
});
