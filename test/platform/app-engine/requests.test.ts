import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { version } from './judge';

const { judge, passes } = version;
const ID = 'GAE-REQUEST-DEADLINE';
const basic = { scalingType: 'basic' as const, basicMaxInstances: 1 };
const manual = { scalingType: 'manual' as const, manualInstances: 1 };

describe('GAE-REQUEST-DEADLINE', () => {
  test('a fact it reads only known at apply (the timeout, the scaling type) makes it unknown, not failed', () => {
    for (const fact of ['requestTimeout', 'scalingType']) version.unknownSkips(ID, { requestTimeout: 601 }, fact);
  });

  test('automatic scaling at exactly 24 hours still suggests basic or manual scaling, whose deadline it is', () => {
    assert.match(judge(ID, { requestTimeout: 86400 }).violations[0].fix, /^use basic or manual scaling/);
  });

  test('automatic scaling: 600 s pass, 601 s fail, with basic or manual scaling as the fix', () => {
    for (const ok of [0.5, 1, 600]) passes(ID, { requestTimeout: ok });
    passes(ID, {});
    const [v] = judge(ID, { requestTimeout: 601 }).violations;
    assert.equal(v.fact, 'requestTimeout');
    assert.match(v.message, /^601 s is longer than the 10-minute request deadline of automatic scaling$/);
    assert.match(v.fix, /^use basic or manual scaling/);
    assert.match(judge(ID, { requestTimeout: 86400 }).violations[0].message, /^24 h is longer than the 10-minute/);
  });

  test('basic and manual scaling: 24 hours pass, one second more fails, and no scaling type helps', () => {
    for (const scaling of [basic, manual]) {
      passes(ID, { ...scaling, requestTimeout: 86400 });
      const [v] = judge(ID, { ...scaling, requestTimeout: 86401 }).violations;
      assert.equal(v.message, `86401 s is longer than the 24-hour request deadline of ${scaling.scalingType} scaling`);
      assert.match(v.fix, /^split the work; no App Engine request/);
    }
    const [auto] = judge(ID, { requestTimeout: 86401 }).violations;
    assert.match(auto.message, /24-hour request deadline of automatic scaling$/);
    assert.match(auto.fix, /^split the work/);
  });

  test('a timeout that is not a positive number of seconds is refused as such, under any scaling type', () => {
    for (const scaling of [{}, basic, manual]) {
      for (const bad of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
        const [v] = judge(ID, { ...scaling, requestTimeout: bad }).violations;
        assert.equal(v.message, 'the request timeout must be a positive number of seconds', String(bad));
        assert.equal(v.fix, 'use seconds, e.g. 600');
      }
    }
  });
});
