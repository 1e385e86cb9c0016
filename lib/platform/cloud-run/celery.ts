/**
 * A Celery worker in a Cloud Run container, judged against the instance: its children's memory against the memory
 * limit. Sources: celery/celery `celery/bin/worker.py` (`--concurrency`, `--max-memory-per-child`, `--pool`); "Configure
 * memory limits for services" (https://cloud.google.com/run/docs/configuring/services/memory-limits): an instance
 * whose containers pass the memory limit is terminated.
 */
import { CheckLevel } from '../../core/levels';
import { formatMiB } from '../../core/quantity';
import { celeryChildren, runsChildProcesses, type WorkerFacts } from '../python/celery';
import { overMemory } from '../python/rules';
import { Pack } from '../rule';
import { type CloudRunRule, CONTAINERS } from './facts';
import { CLOUD_RUN_RESOURCE_DEFAULTS, defaultWorkersForCpu } from './resources';
import { memoryForTheApp } from './server';

/** A worker whose child processes are replaced past a memory cap (`--max-memory-per-child`). */
function cappedChildren(w: WorkerFacts | undefined): w is WorkerFacts & { readonly maxMemoryPerChildMiB: number } {
  return w?.maxMemoryPerChildMiB !== undefined && runsChildProcesses(w.pool);
}

export const CLOUD_RUN_CELERY_RULES: readonly CloudRunRule[] = [
  {
    id: 'GCR-CELERY-MEMORY',
    pack: Pack.PLATFORM,
    level: CheckLevel.WARNING,
    suppressible: true,
    appliesTo: CONTAINERS,
    title: 'Celery children × max memory per child must fit the memory limit',
    explanation:
      "A prefork child is replaced only after its task once it passes --max-memory-per-child, so all children can hold that much at once; when that is more than the instance memory, the instance is killed (with every task in flight) before Celery recycles a child. Celery runs one child per CPU unless --concurrency says otherwise. The instance's memory is shared with the sidecars, in-memory volumes and Cloud Storage FUSE caches.",
    source:
      'celery/celery celery/bin/worker.py (--concurrency: "The default is the number of CPUs available on your system"; --max-memory-per-child: "Maximum amount of resident memory, in KiB"); "Configure memory limits for services", https://cloud.google.com/run/docs/configuring/services/memory-limits',
    // Only a worker with child processes replaced past a memory cap is judged: without one, nothing else is read (a
    // container or volume list only known at apply does not make the rule unknown).
    scope: { reads: ['worker'], when: ({ worker }) => cappedChildren(worker) },
    // The instance's memory is shared with the sidecars, in-memory volumes and Cloud Storage FUSE caches, as for gunicorn.
    reads: ['worker', 'cpu', 'memoryMiB', 'containers', 'volumes'],
    check: (f) => {
      const w = f.worker;
      if (!cappedChildren(w)) return undefined;
      const cpu = f.cpu ?? CLOUD_RUN_RESOURCE_DEFAULTS.cpu;
      if (!Number.isFinite(cpu)) return undefined;
      const children = celeryChildren(w, defaultWorkersForCpu(cpu));
      const limit = memoryForTheApp(
        f,
        (raiseTo) =>
          `lower the max memory per child to ${formatMiB(Math.floor(limit.mib / children))} or less, run fewer children, or raise memory to at least ${formatMiB(raiseTo)}`,
      );
      const v = overMemory(
        `${children} Celery children${w.concurrency === undefined ? ` (one per vCPU)` : ''}, each replaced only past ${formatMiB(w.maxMemoryPerChildMiB)},`,
        children * w.maxMemoryPerChildMiB,
        limit,
      );
      return v && { fact: 'worker', ...v };
    },
  },
];
