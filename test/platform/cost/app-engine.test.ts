/**
 * What an App Engine standard version costs, by hand from the published prices: "App Engine pricing"
 * (https://cloud.google.com/appengine/pricing): F1 and B1 $0.05 an hour in US regions, other classes a multiple (F2 = 2,
 * F4 = 4, F4_1G = 6, B8 = 8 F1/B1 hours an hour); "Quotas and limits" (App Engine): 28 free F1-hours and 9 free
 * B1-hours a day, and 15 minutes billed after the last request; a month of 730 hours.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { AppEngineVersionFacts } from '../../../lib/platform/app-engine/facts';
import { appEngineCost } from '../../../lib/platform/cost/app-engine';
import { type CostOptions, resolveCostOptions } from '../../../lib/platform/cost/model';
import { ResourceKind } from '../../../lib/platform/kinds';

const gae = (facts: Partial<AppEngineVersionFacts>, unknown: string[] = [], options: CostOptions = {}) =>
  appEngineCost(
    { facts: { scalingType: 'automatic', ...facts } as AppEngineVersionFacts, unknown: new Set(unknown) },
    resolveCostOptions(options),
  );
/** Equal up to floating-point rounding. */
const near = (actual: number | undefined, expected: number) =>
  assert.ok(
    actual !== undefined && Math.abs(actual - expected) <= Math.abs(expected) * 1e-9,
    `${actual} ≠ ${expected}`,
  );

describe('App Engine floor', () => {
  test('automatic scaling without a class runs F1: min instances × 730 hours × $0.05', () => {
    const c = gae({ minInstances: 2 });
    assert.equal(c.kind, ResourceKind.APP_ENGINE_STANDARD_VERSION);
    assert.equal(c.currency, 'USD');
    near(c.floor, 2 * 730 * 0.05); // $73.00
    assert.equal(c.floorLines.length, 1);
    const [l] = c.floorLines;
    assert.equal(l.what, 'instance-hours');
    assert.equal(l.quantity, 2 * 730);
    assert.equal(l.unit, 'F1 instance-hours');
    assert.equal(l.price, 'app-engine.f1.hour');
    assert.equal(l.unitPrice, 0.05);
    assert.equal(c.floorBasis, '2 min instances × F1 (1 F1 instance-hour per hour)');
    assert.equal(c.perInstanceHour, 0.05);
    assert.equal(c.assumptions[0], 'a month of 730 hours');
    assert.deepEqual(c.unknown, []);
  });

  test('class weights: F2 bills 2 F1-hours an hour, F4_1G 6, B8 8 B1-hours', () => {
    const f2 = gae({ instanceClass: 'F2', minInstances: 1 });
    near(f2.floor, 730 * 2 * 0.05); // $73.00
    near(f2.perInstanceHour, 2 * 0.05);
    assert.equal(f2.floorLines[0].quantity, 730 * 2);
    assert.match(f2.floorBasis, /× F2 \(2 F1 instance-hours per hour\)$/);
    near(gae({ instanceClass: 'F4_1G', minInstances: 1 }).floor, 730 * 6 * 0.05); // $219.00
    const b8 = gae({ scalingType: 'manual', instanceClass: 'B8', manualInstances: 3 });
    near(b8.floor, 3 * 730 * 8 * 0.05); // $876.00
    assert.equal(b8.floorLines[0].unit, 'B1 instance-hours');
    assert.equal(b8.floorLines[0].price, 'app-engine.b1.hour');
    assert.equal(b8.floorBasis, '3 manual instances × B8 (8 B1 instance-hours per hour)');
  });

  test('the larger of min instances and min idle instances runs all month, named by which it is', () => {
    const idle = gae({ minInstances: 1, minIdleInstances: 3 });
    near(idle.floor, 3 * 730 * 0.05);
    assert.match(idle.floorBasis, /^3 min idle instances × F1/);
    const min = gae({ minInstances: 3, minIdleInstances: 1 });
    near(min.floor, 3 * 730 * 0.05);
    assert.match(min.floorBasis, /^3 min instances × F1/);
    assert.match(gae({ minInstances: 2, minIdleInstances: 2 }).floorBasis, /^2 min instances × F1/);
    assert.match(gae({ minIdleInstances: 1 }).floorBasis, /^1 min idle instance × F1/);
    assert.equal(gae({}).floor, 0);
    assert.match(gae({}).floorBasis, /^0 min instances × F1/);
  });

  test('basic scaling keeps nothing running; manual scaling runs its instances; B2 by default', () => {
    const basic = gae({ scalingType: 'basic', minInstances: 5 });
    assert.equal(basic.floor, 0);
    assert.deepEqual(basic.floorLines, []);
    assert.equal(basic.freeTier, undefined);
    assert.equal(basic.floorBasis, 'no resident instance (basic scaling) × B2 (2 B1 instance-hours per hour)');
    const manual = gae({ scalingType: 'manual', manualInstances: 1 });
    near(manual.floor, 730 * 2 * 0.05); // one B2 all month: $73.00
    assert.equal(manual.floorBasis, '1 manual instance × B2 (2 B1 instance-hours per hour)');
    assert.equal(gae({ scalingType: 'manual', manualInstances: 0 }).floor, 0);
  });

  test('manual scaling without a count, or a malformed count, is unknown, never 0', () => {
    const none = gae({ scalingType: 'manual' });
    assert.equal(none.floor, undefined);
    assert.deepEqual(none.unknown, ['manual scaling without an instance count']);
    assert.match(none.floorBasis, /^\? manual instances × B2/);
    const nan = gae({ scalingType: 'manual', manualInstances: Number.NaN });
    assert.equal(nan.floor, undefined);
    assert.deepEqual(nan.unknown, ['the instance count is malformed']);
    // The scaling type or min instances not known: the floor is not known either.
    assert.equal(gae({ scalingType: 'basic' }, ['scalingType']).floor, undefined);
    assert.equal(gae({ minInstances: 1 }, ['minInstances']).floor, undefined);
    assert.deepEqual(gae({ minInstances: 1 }, ['minIdleInstances']).unknown, [
      'minIdleInstances is not known at synth time',
    ]);
    const token = gae({ scalingType: 'manual', manualInstances: 2 }, ['manualInstances']);
    assert.equal(token.floor, undefined);
    assert.deepEqual(token.unknown, ['manualInstances is not known at synth time']);
    assert.match(token.floorBasis, /^\? instances × B2/);
  });

  test('a class the table lacks, or a class not known at synth time, has no price', () => {
    const f8 = gae({ instanceClass: 'F8', minInstances: 1 });
    assert.equal(f8.floor, undefined);
    assert.equal(f8.perInstanceHour, undefined);
    assert.equal(f8.perMillionRequests, undefined);
    assert.deepEqual(f8.unknown, ["'F8' is not an instance class the pricing table knows"]);
    assert.equal(f8.floorBasis, '1 min instance × F8');
    // A floor known to be empty is 0 whatever the class.
    assert.equal(gae({ instanceClass: 'F8' }).floor, 0);
    const token = gae({ instanceClass: 'F2', minInstances: 1 }, ['instanceClass']);
    assert.equal(token.floor, undefined);
    assert.equal(token.perInstanceHour, undefined);
    assert.equal(token.perMillionRequests, undefined);
    assert.deepEqual(token.unknown, ['instanceClass is not known at synth time']);
    assert.equal(token.floorBasis, '1 min instance × ?');
  });

  test('the free instance-hours: 28 F1-hours or 9 B1-hours a day, per application (project)', () => {
    // Two F1 all month use 1,460 F1-hours; 28 × 730/24 = 851.67 are free.
    const two = gae({ minInstances: 2, project: 'shop' });
    assert.equal(two.freeTier?.pool, 'app-engine F shop');
    near(two.freeTier?.poolValue, 28 * (730 / 24) * 0.05);
    near(two.freeTier?.value, 28 * (730 / 24) * 0.05);
    assert.equal(two.freeTier?.describe, '28 F1 instance-hours a day per application (851.667 a month)');
    // One F1 all month uses 730 F1-hours, fewer than the free 851.67: all of it is free.
    near(gae({ minInstances: 1 }).freeTier?.value, 730 * 0.05);
    assert.equal(gae({ minInstances: 1 }).freeTier?.pool, 'app-engine F (provider project)');
    // One B1 all month: 730 B1-hours, 9 × 730/24 = 273.75 free.
    const b1 = gae({ scalingType: 'manual', instanceClass: 'B1', manualInstances: 1, project: 'shop' });
    assert.equal(b1.freeTier?.pool, 'app-engine B shop');
    near(b1.freeTier?.value, 9 * (730 / 24) * 0.05);
    assert.equal(b1.freeTier?.describe, '9 B1 instance-hours a day per application (273.75 a month)');
  });

  test('a discount and an exchange rate apply to the hourly price, not to the hours', () => {
    const c = gae({ instanceClass: 'F2', minInstances: 1 }, [], {
      pricing: { currency: 'EUR', exchangeRate: 0.5, discountPercent: 10 },
    });
    assert.equal(c.currency, 'EUR');
    near(c.floor, 730 * 2 * 0.05 * 0.5 * 0.9);
    near(c.perInstanceHour, 2 * 0.05 * 0.5 * 0.9);
    assert.equal(c.floorLines[0].quantity, 730 * 2);
    near(c.freeTier?.poolValue, 28 * (730 / 24) * 0.05 * 0.5 * 0.9);
  });
});

describe('App Engine requests', () => {
  test('a million requests: instance-hours at the concurrency assumed, capped by max_concurrent_requests (10)', () => {
    // 1M × 0.2 s / 10 at a time = 20,000 s = 5.556 F1-hours.
    const capped = gae({}, [], { requestConcurrency: 20 });
    near(capped.perMillionRequests, ((1_000_000 * 0.2) / 10 / 3600) * 0.05);
    assert.equal(capped.perMillionLines.length, 1);
    near(capped.perMillionLines[0].quantity, (1_000_000 * 0.2) / 10 / 3600);
    assert.match(capped.assumptions.join('\n'), /a million requests of 200 ms, 10 at a time per instance/);
    // Below the setting, the assumption wins: 5 at a time.
    near(gae({}, [], { requestConcurrency: 5 }).perMillionRequests, ((1_000_000 * 0.2) / 5 / 3600) * 0.05);
    // max_concurrent_requests 40 with 80 assumed: 40.
    near(
      gae({ maxConcurrentRequests: 40 }, [], { requestConcurrency: 80 }).perMillionRequests,
      ((1_000_000 * 0.2) / 40 / 3600) * 0.05,
    );
    // Basic scaling has no such setting: the assumption alone (4 at a time), B2 at 2 × $0.05.
    near(
      gae({ scalingType: 'basic', maxConcurrentRequests: 1 }, [], { requestConcurrency: 4 }).perMillionRequests,
      ((1_000_000 * 0.2) / 4 / 3600) * 2 * 0.05,
    );
  });

  test('one request to an idle version bills the 15-minute tail plus the request', () => {
    // (900 s + 0.2 s) of an F1 at $0.05 an hour.
    const c = gae({});
    near(c.perIdleWakeUp, ((900 + 0.2) / 3600) * 0.05);
    assert.match(c.assumptions.join('\n'), /billed 15 more minutes after its last request/);
    // An F4 ($0.20 an hour), 2-second requests.
    near(gae({ instanceClass: 'F4' }, [], { requestDurationMs: 2000 }).perIdleWakeUp, ((900 + 2) / 3600) * 4 * 0.05);
  });

  test('manual scaling has no per-request cost; an unknown concurrency or class leaves it unknown', () => {
    const manual = gae({ scalingType: 'manual', manualInstances: 1 });
    assert.equal(manual.perMillionRequests, undefined);
    assert.equal(manual.perIdleWakeUp, undefined);
    assert.deepEqual(manual.perMillionLines, []);
    assert.equal(manual.perRequestNotApplicable, 'manual scaling: the instances are the floor, whatever the traffic');
    const token = gae({}, ['maxConcurrentRequests']);
    assert.equal(token.perMillionRequests, undefined);
    assert.equal(token.perIdleWakeUp, undefined);
    assert.equal(token.perRequestNotApplicable, undefined);
    assert.deepEqual(token.unknown, ['maxConcurrentRequests is not known at synth time']);
    assert.equal(gae({ instanceClass: 'F2' }, ['scalingType']).perMillionRequests, undefined);
  });
});
