/**
 * One model of a gunicorn server, for both platforms: what the platform rules need to know about the Python app
 * server, in one unit (MiB), with gunicorn's own defaults written once.
 *
 * Source: benoitc/gunicorn `gunicorn/config.py` — `timeout` defaults to 30 seconds; `workers` to
 * `int(os.environ.get("WEB_CONCURRENCY", 1))`; `threads` to 1, and a `sync` worker with more than one thread runs as
 * `gthread`.
 */

/**
 * How a worker serves requests: one at a time (`sync`), one per thread (`gthread`), or otherwise (`async`: an event
 * loop such as uvicorn or gevent, or a worker class of the app's own, whose capacity and heartbeat the rules do not
 * model).
 */
export type WorkerType = 'sync' | 'gthread' | 'async';

/** What the platform rules know about the gunicorn server of a service or version. */
export interface ServerFacts {
  readonly workerType: WorkerType;
  /** `--workers`; unset when nothing says how many (see the platform's facts). */
  readonly workers?: number;
  /** `--threads`; unset: gunicorn's default of 1. */
  readonly threads?: number;
  /** `--timeout` in seconds (0: none); unset: gunicorn's default of 30. */
  readonly timeout?: number;
  /** `--preload`: the app is imported before the workers fork (and before the port is bound). */
  readonly preload: boolean;
  /** Memory all workers need, when declared (construct intent: workers × memoryPerWorker). */
  readonly memoryMiB?: number;
}

/** gunicorn's own defaults (benoitc/gunicorn `gunicorn/config.py`). */
export const GUNICORN_DEFAULTS = {
  /** `timeout`: a worker silent this long is killed and restarted. */
  timeoutSeconds: 30,
  /** `workers`, when WEB_CONCURRENCY is not set either. */
  workers: 1,
  /** `threads`. */
  threads: 1,
  /** The environment variable `workers` defaults to. */
  webConcurrency: 'WEB_CONCURRENCY',
} as const;

/** gunicorn's own worker classes, by their short name or class path (gunicorn/workers/__init__.py). */
const SYNC_WORKER_CLASS = /^(sync|gunicorn\.workers\.sync\.SyncWorker)$/;
const GTHREAD_WORKER_CLASS = /^(gthread|gunicorn\.workers\.gthread\.ThreadWorker)$/;

/**
 * The worker type of a `--worker-class` (unset: gunicorn's `sync`) with `threads` threads. A sync worker with more than
 * one thread runs as gthread ("If you try to use the sync worker type and set the threads setting to more than 1, the
 * gthread worker type will be used instead", gunicorn/config.py); any other class (uvicorn, gevent, eventlet, tornado,
 * or one of the app's own) is not a sync worker.
 */
export function workerTypeOf(workerClass: string | undefined, threads: number | undefined): WorkerType {
  const named = workerClass?.trim() ?? '';
  if (named && !SYNC_WORKER_CLASS.test(named) && !GTHREAD_WORKER_CLASS.test(named)) return 'async';
  return (threads ?? GUNICORN_DEFAULTS.threads) > 1 || GTHREAD_WORKER_CLASS.test(named) ? 'gthread' : 'sync';
}

/** The worker timeout in effect: the one written, else gunicorn's default. */
export function effectiveTimeout(server: ServerFacts): number {
  return server.timeout ?? GUNICORN_DEFAULTS.timeoutSeconds;
}

/** Requests the server works on at once (workers × threads); undefined for async workers or an unknown worker count. */
export function serverCapacity(server: ServerFacts): number | undefined {
  if (server.workerType === 'async' || server.workers === undefined) return undefined;
  return server.workers * (server.threads ?? GUNICORN_DEFAULTS.threads);
}

/** A WEB_CONCURRENCY value as gunicorn's `int()` reads it: a whole number, else undefined. */
export function webConcurrencyWorkers(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 0 ? value : undefined;
  // Number() ignores the blanks around the digits, as int() does.
  if (typeof value === 'string' && /^\s*\+?[0-9]+\s*$/.test(value)) return Number(value);
  return undefined;
}
