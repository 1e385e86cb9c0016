/**
 * Props → the settings of a worker pool: the shared container settings (see ./workload), the worker profile resolved
 * for the instance's vCPU, and the scaling, every default applied once and every token recorded as unknown.
 * @internal
 */
import { number, shapeProblemsAt } from '../core/props';
import type { Problems } from '../core/problems';
import { CLOUD_RUN_RESOURCE_DEFAULTS, defaultWorkersForCpu } from '../platform/cloud-run/resources';
import { isUnresolved } from '../private/cdktf';
import type { CloudRunWorkerPoolProps } from './worker-pool-props';
import { AUTOMATIC_SCALING_OPTIONS, WorkerPoolScaling, WorkerPoolScalingMode } from './worker-pool-scaling';
import { resolveWorkload, type WorkloadSettings } from './workload';

/** A worker pool with every setting resolved. */
export interface WorkerPoolSettings extends WorkloadSettings {
  readonly scaling: WorkerPoolScaling;
  /** True when the scaling is the default (none given). */
  readonly defaultScaling: boolean;
  /** The Celery command line, when a worker profile is used. */
  readonly commandLine?: string;
}

/** Resolves the props of the worker pool with construct id `id`; problems of the profile go to `problems`. */
export function resolveWorkerPool(id: string, props: CloudRunWorkerPoolProps, problems: Problems): WorkerPoolSettings {
  const cpu = props.cpu ?? CLOUD_RUN_RESOURCE_DEFAULTS.cpu;
  const worker = props.worker?._resolve(isUnresolved(cpu) ? 1 : defaultWorkersForCpu(cpu), problems, 'worker');
  const scaling = props.scaling ?? WorkerPoolScaling.manual(1);
  const scalingProblems =
    scaling.mode === WorkerPoolScalingMode.MANUAL
      ? shapeProblemsAt(number, scaling.instances, 'scaling.instances')
      : shapeProblemsAt(AUTOMATIC_SCALING_OPTIONS, scaling._options ?? {}, 'scaling');
  for (const p of scalingProblems) problems.push(p);
  const s = resolveWorkload(
    'worker-pool',
    id,
    props,
    { value: props.workerPoolName, prop: 'workerPoolName' },
    worker && {
      prop: 'worker',
      resolved: { argv: worker.argv(), describe: worker.describe(), worker: worker.facts(), known: worker.known },
    },
  );
  const mark = (fact: string, value: unknown) => {
    if (isUnresolved(value)) s.unknown.add(fact);
  };
  // Scaling of the wrong shape is reported above and set aside: the rules reading it are skipped, the others judge.
  if (scalingProblems.length > 0)
    for (const fact of ['manualInstances', 'minInstances', 'maxInstances']) s.unknown.add(fact);
  else if (scaling.mode === WorkerPoolScalingMode.MANUAL) mark('manualInstances', scaling.instances);
  else {
    mark('minInstances', scaling.minInstances);
    mark('maxInstances', scaling.maxInstances);
  }
  return { ...s, scaling, defaultScaling: props.scaling === undefined, commandLine: worker?.commandLine() };
}
