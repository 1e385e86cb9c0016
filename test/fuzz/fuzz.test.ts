/**
 * The fuzz targets with a few cases each, seeded (`FUZZ_SEED` replays another run): no crash, every problem named,
 * what is accepted passes the checks and synthesizes the same twice. `npm run fuzz` runs 10,000 per construct.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { describeStats, runTarget } from './harness';
import { allTargets, casesOf, seedOf } from './targets';

describe('fuzz: every input gets a clear answer', () => {
  const targets = allTargets();
  targets.forEach((target, i) => {
    test(`${target.name} (seed ${seedOf(i)})`, async () => {
      const stats = await runTarget(target, casesOf(target, false), seedOf(i));
      assert.equal(stats.cases, casesOf(target, false));
      // Both sides are exercised: some input is accepted (and judged), some refused.
      assert.ok(stats.accepted > 0 && stats.refused > 0, describeStats(stats));
    });
  });
});
