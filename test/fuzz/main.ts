/**
 * `npm run fuzz`: every construct with 10,000 cases, each factory and public call with 2,000 (their options are also
 * fuzzed through the constructs), and 2,000 corrupted files for the command line, seeded; prints the counts and the
 * seed of each run. `FUZZ_SEED=n npm run fuzz` replays a run; `FUZZ_ONLY=name` runs the targets whose name contains it.
 *
 * Each target runs in a process of its own: cdktf keeps every token it has made in a global map for the life of the
 * process (as an app needs), so 100,000 stacks in one process would end in an out-of-memory crash of the runner, not
 * of the library.
 */
import { spawnSync } from 'node:child_process';
import { describeStats, runTarget } from './harness';
import { allTargets, casesOf, seedOf } from './targets';

/** Runs the target named exactly `name` in this process; exit code 1 when its property fails. */
async function runOne(name: string): Promise<void> {
  const targets = allTargets();
  const i = targets.findIndex((t) => t.name === name);
  if (i < 0) throw new Error(`no fuzz target named '${name}'`);
  const t0 = Date.now();
  try {
    const stats = await runTarget(targets[i], casesOf(targets[i], true), seedOf(i));
    console.log(`${describeStats(stats)} [${((Date.now() - t0) / 1000).toFixed(1)} s]`);
  } catch (e) {
    console.log(`${name} (seed ${seedOf(i)}): FAILED\n${(e as Error).message}`);
    process.exitCode = 1;
  }
}

function main(): void {
  const only = process.env.FUZZ_ONLY;
  const started = Date.now();
  let failed = 0;
  let total = 0;
  for (const target of allTargets()) {
    if (only !== undefined && !target.name.includes(only)) continue;
    const child = spawnSync(process.execPath, [...process.execArgv, __filename], {
      env: { ...process.env, FUZZ_TARGET: target.name },
      stdio: ['ignore', 'pipe', 'inherit'],
      encoding: 'utf8',
      maxBuffer: 1 << 26,
    });
    process.stdout.write(child.stdout);
    if (child.status !== 0) failed++;
    total += Number(/: (\d+) cases/.exec(child.stdout)?.[1] ?? 0);
  }
  console.log(`${total} cases in ${((Date.now() - started) / 1000).toFixed(0)} s; ${failed} target(s) failed`);
  process.exitCode = failed > 0 ? 1 : 0;
}

if (process.env.FUZZ_TARGET !== undefined) void runOne(process.env.FUZZ_TARGET);
else main();
