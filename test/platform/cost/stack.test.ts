/**
 * A stack's floor: resources most expensive first, each free tier pool subtracted once, shared in that order, never
 * more than a resource's own floor or its own use of the pool.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type FreeTierClaim, resolveCostOptions, type ResourceCost } from '../../../lib/platform/cost/model';
import { stackCost } from '../../../lib/platform/cost/stack';
import { ResourceKind } from '../../../lib/platform/kinds';

const cost = (floor: number | undefined, freeTier?: FreeTierClaim): ResourceCost => ({
  kind: ResourceKind.CLOUD_RUN_SERVICE,
  currency: 'USD',
  floor,
  floorBasis: '',
  floorLines: [],
  perMillionLines: [],
  unknown: [],
  assumptions: [],
  freeTier,
});
const claim = (pool: string, poolValue: number, value: number): FreeTierClaim => ({
  pool,
  poolValue,
  value,
  describe: `${pool} free tier`,
});
const LIST = resolveCostOptions();

describe('stack cost', () => {
  test('resources by floor, most expensive first, 0 before unknown; unknown floors named', () => {
    const s = stackCost(
      [
        { address: 'unknown', cost: cost(undefined) },
        { address: 'zero', cost: cost(0) },
        { address: 'ten', cost: cost(10) },
        { address: 'twenty', cost: cost(20), constructPath: 'app/stack/twenty' },
      ],
      LIST,
    );
    assert.deepEqual(
      s.resources.map((r) => r.address),
      ['twenty', 'ten', 'zero', 'unknown'],
    );
    assert.equal(s.resources[0].constructPath, 'app/stack/twenty');
    assert.deepEqual(s.unknown, ['unknown']);
    // Whatever the order given.
    const zeroFirst = stackCost(
      [
        { address: 'zero', cost: cost(0) },
        { address: 'unknown', cost: cost(undefined) },
      ],
      LIST,
    );
    assert.deepEqual(
      zeroFirst.resources.map((r) => r.address),
      ['zero', 'unknown'],
    );
    assert.equal(s.grossFloor, 30);
    assert.equal(s.freeTierSubtracted, 0);
    assert.equal(s.floor, 30);
    assert.deepEqual(s.freeTiers, []);
    assert.equal(s.currency, 'USD');
    assert.equal(
      stackCost([], resolveCostOptions({ pricing: { currency: 'EUR', exchangeRate: 0.9 } })).currency,
      'EUR',
    );
  });

  test('one pool is shared: the most expensive resource takes what it uses, the next what is left', () => {
    // Pool worth 5; the $40 resource uses 3 of it, the $30 one would use 4 but 2 are left.
    const s = stackCost(
      [
        { address: 'b', cost: cost(30, claim('cloud-run', 5, 4)) },
        { address: 'a', cost: cost(40, claim('cloud-run', 5, 3)) },
      ],
      LIST,
    );
    assert.deepEqual(
      s.resources.map((r) => [r.address, r.freeTierApplied]),
      [
        ['a', 3],
        ['b', 2],
      ],
    );
    assert.equal(s.grossFloor, 70);
    assert.equal(s.freeTierSubtracted, 5);
    assert.equal(s.floor, 70 - 5);
    assert.deepEqual(s.freeTiers, [{ pool: 'cloud-run', describe: 'cloud-run free tier', used: 5 }]);
  });

  test('separate pools are subtracted separately; a claim never exceeds the floor', () => {
    const s = stackCost(
      [
        { address: 'run', cost: cost(2, claim('cloud-run', 5.22, 5.22)) },
        { address: 'gae', cost: cost(73, claim('app-engine F p', 42.58, 42.58)) },
      ],
      LIST,
    );
    assert.deepEqual(
      s.resources.map((r) => [r.address, r.freeTierApplied]),
      [
        ['gae', 42.58],
        ['run', 2],
      ],
    );
    assert.equal(s.freeTierSubtracted, 42.58 + 2);
    assert.deepEqual(
      s.freeTiers.map((t) => [t.pool, t.used]),
      [
        ['app-engine F p', 42.58],
        ['cloud-run', 2],
      ],
    );
  });

  test('with free tiers turned off, or without a known floor, nothing is subtracted', () => {
    const items = [{ address: 'a', cost: cost(40, claim('cloud-run', 5, 5)) }];
    const off = stackCost(items, resolveCostOptions({ freeTier: false }));
    assert.equal(off.resources[0].freeTierApplied, 0);
    assert.equal(off.freeTierSubtracted, 0);
    assert.equal(off.floor, 40);
    assert.deepEqual(off.freeTiers, []);
    const unknown = stackCost([{ address: 'u', cost: cost(undefined, claim('cloud-run', 5, 5)) }], LIST);
    assert.equal(unknown.resources[0].freeTierApplied, 0);
    assert.deepEqual(unknown.freeTiers, []);
    assert.equal(unknown.floor, 0);
  });
});
