import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { APP_ENGINE_BILLING_TAIL_SECONDS, APP_ENGINE_FREE_HOURS_PER_DAY } from '../../../lib/platform/app-engine/cost';
import { version } from './judge';

const { judge, reported, passes } = version;

describe('GAE-RESIDENT-COST', () => {
  const ID = 'GAE-RESIDENT-COST';

  test('manual instances are billed around the clock, in B1 hours (B2 is the default class, twice B1)', () => {
    const [v] = judge(ID, { scalingType: 'manual', manualInstances: 2 }).violations;
    assert.equal(v.fact, 'manualInstances');
    assert.match(
      v.message,
      new RegExp(
        `^2 resident B2 instance\\(s\\) use ${2 * 24 * 2} B1 instance-hours a day \\(${APP_ENGINE_FREE_HOURS_PER_DAY.B} are free\\)`,
      ),
    );
    assert.match(v.fix, /basic scaling/);
    passes(ID, { scalingType: 'manual' });
  });

  test('automatic scaling: the larger of min instances and min idle instances, named', () => {
    const [v] = judge(ID, { minInstances: 1 }).violations;
    assert.equal(v.fact, 'minInstances');
    assert.match(
      v.message,
      new RegExp(
        `^1 resident F1 instance\\(s\\) use 24 F1 instance-hours a day \\(${APP_ENGINE_FREE_HOURS_PER_DAY.F} are free\\)`,
      ),
    );
    assert.match(v.fix, /otherwise use 0$/);
    assert.deepEqual(reported(ID, { minInstances: 1, minIdleInstances: 2 }), ['minIdleInstances']);
    assert.match(judge(ID, { minInstances: 1, minIdleInstances: 2 }).violations[0].message, /^2 resident /);
    assert.deepEqual(reported(ID, { minInstances: 2, minIdleInstances: 2 }), ['minInstances']);
    assert.deepEqual(reported(ID, { minInstances: 3, minIdleInstances: 2 }), ['minInstances']);
    assert.deepEqual(reported(ID, { minIdleInstances: 1 }), ['minIdleInstances']);
    assert.match(
      judge(ID, { instanceClass: 'F4', minInstances: 2 }).violations[0].message,
      new RegExp(` use ${2 * 24 * 4} F1 instance-hours`), // F4 is four times F1
    );
  });

  test('nothing resident, basic scaling or an unknown class: no warning', () => {
    passes(ID, {});
    passes(ID, { minInstances: 0, minIdleInstances: 0 });
    passes(ID, { scalingType: 'basic', basicMaxInstances: 1, minInstances: 3, manualInstances: 3 });
    passes(ID, { manualInstances: 3 });
    passes(ID, { instanceClass: 'F3', minInstances: 1 });
  });
});

describe('GAE-BILLING-TAIL', () => {
  const ID = 'GAE-BILLING-TAIL';
  const basic = { scalingType: 'basic' as const, basicMaxInstances: 1 };

  test('a basic idle timeout under the 15-minute tail is warned about, one at the tail is not', () => {
    assert.equal(APP_ENGINE_BILLING_TAIL_SECONDS, 900);
    passes(ID, { ...basic, idleTimeout: 900 });
    passes(ID, basic); // the provider writes 900 s
    const [v] = judge(ID, { ...basic, idleTimeout: 899 }).violations;
    assert.equal(v.fact, 'idleTimeout');
    assert.match(v.message, /^instances stop after 899 s idle but are billed for 15 minutes/);
    assert.match(judge(ID, { ...basic, idleTimeout: 300 }).violations[0].message, /after 5 min idle/);
    assert.match(judge(ID, { ...basic, idleTimeout: 0.5 }).violations[0].message, /after 0.5 s idle/);
  });

  test('other scaling types and timeouts that are not positive durations are not judged here', () => {
    passes(ID, { idleTimeout: 300 });
    passes(ID, { scalingType: 'manual', manualInstances: 1, idleTimeout: 300 });
    for (const bad of [0, -1, Number.NaN, Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY])
      passes(ID, { ...basic, idleTimeout: bad });
  });
});

describe('GAE-MAX-INSTANCES-UNSET', () => {
  const ID = 'GAE-MAX-INSTANCES-UNSET';

  test('automatic scaling without max instances is warned about; any written value, or another scaling type, is not', () => {
    assert.deepEqual(reported(ID, {}), ['maxInstances']);
    assert.match(judge(ID, {}).violations[0].fix, /maxInstances/);
    for (const maxInstances of [0, 1, 20]) passes(ID, { maxInstances });
    passes(ID, { scalingType: 'basic', basicMaxInstances: 1 });
    passes(ID, { scalingType: 'manual', manualInstances: 1 });
  });
});

describe('cost rules and values only known at apply', () => {
  const { unknownSkips } = version;

  test('each fact a failing cost rule reads, only known at apply, makes it unknown, not failed', () => {
    for (const fact of ['scalingType', 'manualInstances', 'instanceClass'])
      unknownSkips('GAE-RESIDENT-COST', { scalingType: 'manual', manualInstances: 2 }, fact);
    for (const fact of ['minInstances', 'minIdleInstances'])
      unknownSkips('GAE-RESIDENT-COST', { minInstances: 1, minIdleInstances: 1 }, fact);
    for (const fact of ['scalingType', 'idleTimeout'])
      unknownSkips('GAE-BILLING-TAIL', { scalingType: 'basic', basicMaxInstances: 1, idleTimeout: 300 }, fact);
    for (const fact of ['scalingType', 'maxInstances']) unknownSkips('GAE-MAX-INSTANCES-UNSET', {}, fact);
  });
});
