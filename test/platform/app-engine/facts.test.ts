import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { formatSeconds, inRange, isWhole } from '../../../lib/platform/app-engine/facts';

describe('App Engine fact helpers', () => {
  test('formatSeconds: whole hours, else whole minutes, else seconds', () => {
    for (const [s, text] of [
      [0, '0 s'],
      [59, '59 s'],
      [60, '1 min'],
      [90, '90 s'],
      [1800, '30 min'],
      [3540, '59 min'],
      [3600, '1 h'],
      [5400, '90 min'],
      [86400, '24 h'],
      [0.5, '0.5 s'],
    ] as const) {
      assert.equal(formatSeconds(s), text, String(s));
    }
  });

  test('inRange: both ends included, NaN and infinities never in range', () => {
    assert.ok(inRange(1, 1, 3) && inRange(3, 1, 3) && inRange(2, 1, 3));
    for (const n of [0.999, 3.001, Number.NaN, Number.POSITIVE_INFINITY]) assert.ok(!inRange(n, 1, 3), String(n));
    assert.ok(!inRange(Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY, 0));
  });

  test('isWhole: integers only', () => {
    assert.ok(isWhole(0) && isWhole(-3) && isWhole(1000));
    for (const n of [0.5, Number.NaN, Number.POSITIVE_INFINITY]) assert.ok(!isWhole(n), String(n));
  });
});
