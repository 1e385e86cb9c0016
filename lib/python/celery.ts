import { array, enumOf, number, object, type Shape, shapeProblemsAt, string } from '../core/props';
import { formatMiB, parseMemoryMiB } from '../core/quantity';
import type { Problems } from '../core/problems';
import { mibToKiB, runsChildProcesses, type WorkerFacts } from '../platform/python/celery';
import { isUnresolved } from '../private/cdktf';

/** A Celery execution pool (`--pool`). */
export enum CeleryPool {
  /** Child processes, one task each at a time (Celery's default): CPU-bound work, memory per child. */
  PREFORK = 'prefork',
  /** Threads in one process: I/O-bound work without forking. */
  THREADS = 'threads',
  /** One task at a time in the worker process itself. */
  SOLO = 'solo',
  /** Green threads with gevent (the package must be installed): many concurrent I/O-bound tasks. */
  GEVENT = 'gevent',
  /** Green threads with eventlet (the package must be installed). */
  EVENTLET = 'eventlet',
}

/** Options of a Celery worker. */
export interface CeleryWorkerOptions {
  /**
   * The Celery application, as `celery -A` takes it: a module (`proj`) or `module:attribute` (`proj.celery:app`).
   * @example 'proj'
   */
  readonly app: string;
  /**
   * Child processes (prefork), threads or green threads working on tasks at once (`--concurrency`).
   * @default - the instance's vCPU count (at least 1), which is Celery's own default (the CPU count), written
   * explicitly because what a container reports as its CPU count need not be the instance's limit
   */
  readonly concurrency?: number;
  /**
   * The execution pool (`--pool`).
   * @default CeleryPool.PREFORK
   */
  readonly pool?: CeleryPool;
  /**
   * Replace a prefork child after this many tasks (`--max-tasks-per-child`), to bound leaks.
   * @default - no limit
   */
  readonly maxTasksPerChild?: number;
  /**
   * Replace a prefork child after its task once its resident memory passes this quantity (`--max-memory-per-child`,
   * written in KiB), e.g. `'400Mi'`. Checked against the memory limit: concurrency × this must fit it.
   * @default - no limit
   */
  readonly maxMemoryPerChild?: string;
  /**
   * The queues the worker consumes (`--queues`).
   * @default - every queue the app configures
   */
  readonly queues?: string[];
  /**
   * Further `celery worker` arguments (`--loglevel`, `--prefetch-multiplier`, …), appended after the rendered ones.
   * They may not repeat a setting the options above render.
   * @default - none
   */
  readonly extraArgs?: string[];
}

const OPTIONS: Shape<CeleryWorkerOptions> = object<CeleryWorkerOptions>({
  app: string,
  concurrency: number.optional(),
  pool: enumOf(CeleryPool, 'CeleryPool').optional(),
  maxTasksPerChild: number.optional(),
  maxMemoryPerChild: string.optional(),
  queues: array(string).optional(),
  extraArgs: array(string).optional(),
});

/** The `celery worker` flags the options render, which extraArgs may not repeat (also a short one joined to its value). */
const RENDERED_FLAGS =
  /^(-A|--app|-P|--pool|-c|--concurrency|--autoscale|--max-tasks-per-child|--max-memory-per-child|-Q|--queues)(=|$)|^-[APcQ]./;
/** What `celery -A` takes: a module, optionally with an attribute. */
const APP = /^[A-Za-z_][\w.]*(:[A-Za-z_][\w.]*)?$/;

/**
 * Python worker profiles: a Celery worker consuming a broker's queues, rendered as its `celery -A app worker` command.
 * The worker pool (or job) derives the concurrency from its vCPU and judges the children's memory against its own.
 *
 * @example Celery.worker({ app: 'proj', maxMemoryPerChild: '400Mi' }) // celery -A proj worker --pool prefork --concurrency 1 --max-memory-per-child 409600
 */
export class Celery {
  /** A `celery -A app worker` process with its pool, concurrency and child recycling. */
  public static worker(options: CeleryWorkerOptions): Celery {
    return new Celery(options);
  }

  /** The options as given. */
  public readonly options: CeleryWorkerOptions;

  private constructor(options: CeleryWorkerOptions) {
    // JavaScript callers may pass nothing; the construct then reports `worker.app` by name.
    this.options = options ?? ({} as CeleryWorkerOptions);
  }

  /**
   * Resolves the profile for an instance: validates every option (reporting problems under `prop`, e.g. `worker`) and
   * fills in the concurrency (`defaultConcurrency`: one child per vCPU).
   * @internal
   */
  public _resolve(defaultConcurrency: number, problems: Problems, prop: string): ResolvedCeleryWorker {
    const errorsBefore = problems.errorCount;
    for (const p of shapeProblemsAt(OPTIONS, this.options, prop)) problems.push(p);
    if (problems.errorCount > errorsBefore) {
      // The problems are reported; the command line stays made of strings for the rules that read it.
      const app = typeof this.options.app === 'string' ? this.options.app : 'app';
      return new ResolvedCeleryWorker(app, CeleryPool.PREFORK, 1, undefined, [], false);
    }
    const o = this.options;
    const pool = o.pool ?? CeleryPool.PREFORK;
    const fix = (what: string) => `${what}, or leave it unset`;
    if (!isUnresolved(o.app) && !APP.test(o.app)) {
      problems.error(
        `${prop}.app`,
        o.app,
        'the app must be what `celery -A` takes: a module such as `proj` or `proj.celery:app`',
        "write it as 'module' or 'module:attribute'",
      );
    }
    for (const [name, value] of [
      ['concurrency', o.concurrency],
      ['maxTasksPerChild', o.maxTasksPerChild],
    ] as const) {
      if (value === undefined || isUnresolved(value)) continue;
      if (!Number.isInteger(value) || value < 1) {
        problems.error(`${prop}.${name}`, value, `${name} must be a whole number of at least 1`, fix('use 1 or more'));
      }
    }
    let maxMemoryPerChildMiB: number | undefined;
    if (isUnresolved(o.maxMemoryPerChild)) {
      problems.error(
        `${prop}.maxMemoryPerChild`,
        o.maxMemoryPerChild,
        'maxMemoryPerChild is converted to the KiB Celery takes, so it must be known at synth time',
        "write it as a quantity such as '400Mi'",
      );
    } else if (o.maxMemoryPerChild !== undefined) {
      maxMemoryPerChildMiB = parseMemoryMiB(o.maxMemoryPerChild);
      if (maxMemoryPerChildMiB === undefined || mibToKiB(maxMemoryPerChildMiB) < 1) {
        problems.error(
          `${prop}.maxMemoryPerChild`,
          o.maxMemoryPerChild,
          'maxMemoryPerChild must be a memory quantity of at least 1Ki',
          "write it like '400Mi' or '1Gi'",
        );
        maxMemoryPerChildMiB = undefined;
      }
    }
    // Celery applies child recycling to the prefork pool only; anywhere else the option would silently do nothing.
    if (!runsChildProcesses(pool)) {
      for (const name of ['maxTasksPerChild', 'maxMemoryPerChild'] as const) {
        if (o[name] === undefined) continue;
        problems.error(
          `${prop}.${name}`,
          o[name],
          `${name} replaces prefork child processes; the ${pool} pool has none, so Celery ignores it`,
          'use CeleryPool.PREFORK, or drop it',
        );
      }
    }
    if (pool === CeleryPool.SOLO && o.concurrency !== undefined && o.concurrency !== 1) {
      problems.error(
        `${prop}.concurrency`,
        o.concurrency,
        'the solo pool runs one task at a time',
        'use another pool for concurrency above 1, or drop concurrency',
      );
    }
    if ((o.queues ?? []).some((q) => !isUnresolved(q) && !/^[^\s,]+$/.test(q))) {
      problems.error(
        `${prop}.queues`,
        o.queues,
        'a queue name is not empty and holds no comma or space',
        'list each queue on its own',
      );
    }
    if (o.queues !== undefined && o.queues.length === 0) {
      problems.error(
        `${prop}.queues`,
        o.queues,
        'an empty list of queues consumes nothing',
        'name a queue, or leave queues unset',
      );
    }
    const extraArgs = o.extraArgs ?? [];
    for (const arg of extraArgs) {
      if (!isUnresolved(arg) && RENDERED_FLAGS.test(arg)) {
        problems.error(
          `${prop}.extraArgs`,
          extraArgs,
          `${arg} repeats a setting the profile renders, and Celery would take the later one`,
          'set it through the option of the same name',
        );
      }
    }
    const concurrency = pool === CeleryPool.SOLO ? 1 : (o.concurrency ?? defaultConcurrency);
    const known = problems.errorCount === errorsBefore && !isUnresolved(o.concurrency);
    return new ResolvedCeleryWorker(o.app, pool, concurrency, maxMemoryPerChildMiB, extraArgs, known, o);
  }
}

/**
 * A Celery worker with its concurrency fixed for one instance.
 * @internal
 */
export class ResolvedCeleryWorker {
  constructor(
    public readonly app: string,
    public readonly pool: CeleryPool,
    public readonly concurrency: number,
    public readonly maxMemoryPerChildMiB: number | undefined,
    private readonly extraArgs: readonly string[],
    /** False when an option is a token or invalid: the memory rule is then not judged. */
    public readonly known: boolean,
    private readonly options?: CeleryWorkerOptions,
  ) {}

  /** The worker as the platform rules see it. */
  facts(): WorkerFacts {
    return {
      pool: this.pool,
      concurrency: this.concurrency,
      maxMemoryPerChildMiB: this.maxMemoryPerChildMiB,
      maxTasksPerChild: this.options?.maxTasksPerChild,
    };
  }

  /** argv for the container: `celery -A app worker --pool prefork --concurrency 2 …`. */
  argv(): string[] {
    const o = this.options;
    const args = ['celery', '-A', this.app, 'worker', '--pool', this.pool];
    if (this.pool !== CeleryPool.SOLO) args.push('--concurrency', String(this.concurrency));
    if (o?.maxTasksPerChild !== undefined) args.push('--max-tasks-per-child', String(o.maxTasksPerChild));
    if (this.maxMemoryPerChildMiB !== undefined) {
      args.push('--max-memory-per-child', String(mibToKiB(this.maxMemoryPerChildMiB)));
    }
    if (o?.queues !== undefined) args.push('--queues', o.queues.join(','));
    return [...args, ...this.extraArgs];
  }

  /** The command line a person would write. */
  commandLine(): string {
    return this.argv().join(' ');
  }

  /** How a message names the profile: `Celery.worker({ app: 'proj', pool: prefork, concurrency: 2 })`. */
  describe(): string {
    const memory =
      this.maxMemoryPerChildMiB === undefined ? '' : `, maxMemoryPerChild: ${formatMiB(this.maxMemoryPerChildMiB)}`;
    return `Celery.worker({ app: '${this.app}', pool: ${this.pool}, concurrency: ${this.concurrency}${memory} })`;
  }
}
