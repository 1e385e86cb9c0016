/**
 * One model of a Celery worker, for the platform rules: how many child processes it runs and when it recycles them.
 *
 * Source: celery/celery `celery/bin/worker.py` — `--concurrency`: "Number of child processes processing the queue. The
 * default is the number of CPUs available on your system."; `--max-memory-per-child`: "Maximum amount of resident
 * memory, in KiB, that may be consumed by a child process before it will be replaced by a new one. If a single task
 * causes a child process to exceed this limit, the task will be completed and the child process will be replaced
 * afterwards."; `--pool`: prefork (the default), eventlet, gevent, solo, processes, threads, custom.
 */

/** A Celery execution pool (`--pool`). */
export type CeleryPoolName = 'prefork' | 'threads' | 'solo' | 'eventlet' | 'gevent' | 'processes' | 'custom';

/** Celery's pools, by the name `--pool` takes. */
export const CELERY_POOLS: readonly CeleryPoolName[] = [
  'prefork',
  'threads',
  'solo',
  'eventlet',
  'gevent',
  'processes',
  'custom',
];

/** What the platform rules know about a Celery worker. */
export interface WorkerFacts {
  /** The execution pool (unset on the command line: prefork). */
  readonly pool: CeleryPoolName;
  /** `--concurrency`: child processes (prefork), threads or green threads; unset: the CPU count. */
  readonly concurrency?: number;
  /** `--max-memory-per-child` in MiB: a child past it is replaced after its task (prefork only). */
  readonly maxMemoryPerChildMiB?: number;
  /** `--max-tasks-per-child`: a child is replaced after that many tasks (prefork only). */
  readonly maxTasksPerChild?: number;
}

/** The pools whose children are processes, each with its own memory (`processes` is prefork's alias). */
export function runsChildProcesses(pool: CeleryPoolName): boolean {
  return pool === 'prefork' || pool === 'processes';
}

/**
 * The children a worker runs at once: 1 for solo, else its concurrency or, unset, `defaultChildren` (Celery's default,
 * the CPU count; the platform gives it for the instance's vCPU, since what the operating system reports in a container
 * need not be the instance's limit).
 */
export function celeryChildren(worker: WorkerFacts, defaultChildren: number): number {
  if (worker.pool === 'solo') return 1;
  return worker.concurrency ?? defaultChildren;
}

/** KiB, as `--max-memory-per-child` takes them, in MiB. */
export const kibToMiB = (kib: number): number => kib / 1024;
/** MiB in KiB, rounded down (`--max-memory-per-child` takes a whole number). */
export const mibToKiB = (mib: number): number => Math.floor(mib * 1024);
