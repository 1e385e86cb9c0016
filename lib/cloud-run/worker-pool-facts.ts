/**
 * The settings of a worker pool as the platform rules see them, and each fact traced back to its prop.
 * @internal
 */
import { Derived } from '../core/validation';
import type { CloudRunFacts } from '../platform/cloud-run/facts';
import type { PropOfFact } from '../platform/judge';
import type { FactPath, FactSet } from '../platform/rule';
import type { WorkerPoolSettings } from './worker-pool-settings';
import { WorkerPoolScalingMode } from './worker-pool-scaling';
import { workloadFacts, workloadProp } from './workload';

/** The facts of a worker pool: always the second generation, CPU always allocated, the scaling it writes. */
export function workerPoolFacts(s: WorkerPoolSettings): FactSet<CloudRunFacts> {
  const manual = s.scaling.mode === WorkerPoolScalingMode.MANUAL;
  const facts: CloudRunFacts = {
    ...workloadFacts(s),
    executionEnvironment: 'GEN2',
    scalingMode: s.scaling.mode,
    manualInstances: manual ? s.scaling.instances : undefined,
    minInstances: manual ? undefined : s.scaling.minInstances,
    maxInstances: manual ? undefined : s.scaling.maxInstances,
  };
  return { facts, unknown: s.unknown };
}

/** The prop a fact of `s` comes from, and the value to show. */
export function workerPoolProp(s: WorkerPoolSettings, fact: FactPath<CloudRunFacts>): PropOfFact {
  const shared = workloadProp(s, fact);
  if (shared) return shared;
  return { prop: 'scaling', value: new Derived(`${s.scaling.toString()}${s.defaultScaling ? ' (the default)' : ''}`) };
}
