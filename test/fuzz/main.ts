/**
 * `npm run fuzz`: every construct with 10,000 cases, each factory and public call with 2,000 (their options are also
 * fuzzed through the constructs), and 2,000 corrupted files for the command line, seeded; prints the counts and the
 * seed of each run. `FUZZ_SEED=n npm run fuzz` replays a run; `FUZZ_ONLY=name` runs one target.
 */
import { describeStats, runTarget } from './harness';
import { allTargets, casesOf, seedOf } from './targets';

async function main(): Promise<void> {
  const only = process.env.FUZZ_ONLY;
  let failed = 0;
  let total = 0;
  const started = Date.now();
  const targets = allTargets();
  for (let i = 0; i < targets.length; i++) {
    const target = targets[i];
    if (only !== undefined && !target.name.includes(only)) continue;
    const t0 = Date.now();
    try {
      const stats = await runTarget(target, casesOf(target, true), seedOf(i));
      total += stats.cases;
      console.log(`${describeStats(stats)} [${((Date.now() - t0) / 1000).toFixed(1)} s]`);
    } catch (e) {
      failed++;
      console.log(`${target.name} (seed ${seedOf(i)}): FAILED\n${(e as Error).message}`);
    }
  }
  console.log(`${total} cases in ${((Date.now() - started) / 1000).toFixed(0)} s; ${failed} target(s) failed`);
  process.exitCode = failed > 0 ? 1 : 0;
}

void main();
