/**
 * Every fuzz target: each file in `targets/` exports `targets`. A new construct or factory plugs in with one file
 * there (an arbitrary for its input and how to build it); the properties are the harness's.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Target } from './harness';

export function allTargets(): Target[] {
  const dir = join(__dirname, 'targets');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.ts'))
    .sort()
    .flatMap((f) => (require(join(dir, f)) as { targets: Target[] }).targets);
}

/** Cases per target: CI's few (`npm test`), or the fuzz run's many (`npm run fuzz`). */
export function casesOf(target: Target, full: boolean): number {
  if (full) return target.fullRuns ?? (target.kind === 'cli' ? 2000 : 10000);
  return target.kind === 'cli' ? 300 : 120;
}

/** The seed of a run: `FUZZ_SEED` when set (to replay a failure), else a fixed one, so runs are reproducible. */
export function seedOf(index: number): number {
  const base = process.env.FUZZ_SEED === undefined ? 20261129 : Number(process.env.FUZZ_SEED);
  return base + index;
}
