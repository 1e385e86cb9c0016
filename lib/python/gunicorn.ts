import { parseMemoryMiB } from '../core/quantity';
import type { Problems } from '../core/problems';
import { type ServerFacts, workerTypeOf } from '../platform/python/server';
import { isUnresolved } from '../private/cdktf';

/** Options of a gunicorn server for a WSGI app (Flask, Django, ...), with gthread workers. */
export interface GunicornWsgiOptions {
  /**
   * The WSGI application, as `module:callable`.
   * @example 'main:app'
   */
  readonly app: string;
  /**
   * Worker processes.
   * @default - Cloud Run: the vCPU count (at least 1), as Google's guide advises. App Engine: the runtime's
   * recommended workers for the instance class (F1/B1: 2, F2/B2: 4, F4 and larger: 8).
   */
  readonly workers?: number;
  /**
   * Threads per worker (gunicorn switches to the gthread worker when this is above 1).
   * @default 8
   */
  readonly threads?: number;
  /**
   * Load the app before forking workers (`--preload`). Saves memory and makes gunicorn bind the port only once the
   * app has imported, so a TCP startup probe means "ready".
   * @default false
   */
  readonly preload?: boolean;
  /**
   * Seconds a silent worker may run before gunicorn kills it; 0 disables the limit so the platform's request timeout
   * governs, as Google's guide advises.
   * @default 0
   */
  readonly timeout?: number;
  /**
   * Memory one worker needs (a quantity such as `'200Mi'`). When given, `workers × memoryPerWorker` is checked
   * against the memory limit of the service or instance class.
   * @default - not checked
   */
  readonly memoryPerWorker?: string;
  /**
   * Further gunicorn arguments, appended before the app.
   * @default - none
   */
  readonly extraArgs?: string[];
}

/** Options of a gunicorn server for an ASGI app (FastAPI, Starlette, ...), with uvicorn workers. */
export interface GunicornAsgiOptions {
  /**
   * The ASGI application, as `module:callable`.
   * @example 'main:app'
   */
  readonly app: string;
  /**
   * Worker processes.
   * @default - as for {@link GunicornWsgiOptions.workers}
   */
  readonly workers?: number;
  /**
   * Concurrent requests one async worker is expected to serve; the service concurrency defaults to
   * `workers × concurrencyPerWorker` (at most 1000).
   * @default 80
   */
  readonly concurrencyPerWorker?: number;
  /**
   * Load the app before forking workers (`--preload`).
   * @default false
   */
  readonly preload?: boolean;
  /**
   * Seconds of worker silence before gunicorn restarts it; 0 disables the limit.
   * @default 0
   */
  readonly timeout?: number;
  /**
   * Memory one worker needs (a quantity such as `'200Mi'`), checked against the memory limit.
   * @default - not checked
   */
  readonly memoryPerWorker?: string;
  /**
   * The gunicorn worker class. The `uvicorn.workers` module is deprecated since uvicorn 0.30 in favour of the
   * `uvicorn-worker` package.
   * @default 'uvicorn_worker.UvicornWorker'
   */
  readonly workerClass?: string;
  /**
   * Further gunicorn arguments, appended before the app.
   * @default - none
   */
  readonly extraArgs?: string[];
}

/** The two process models a gunicorn profile can have. */
export enum ServerModel {
  /** WSGI with threads: capacity is `workers × threads` concurrent requests. */
  WSGI = 'WSGI',
  /** ASGI with async workers: capacity is `workers × concurrencyPerWorker`. */
  ASGI = 'ASGI',
}

/**
 * A gunicorn server profile: it renders the server command and drives the platform settings that depend on it
 * (concurrency, startup probe, timeouts, memory).
 *
 * @example Gunicorn.wsgi({ app: 'main:app' }) // gunicorn --bind :$PORT --workers 1 --threads 8 --timeout 0 main:app
 */
export class Gunicorn {
  /** A WSGI app served by gthread workers: the Cloud Run guide's recommended setup. */
  public static wsgi(options: GunicornWsgiOptions): Gunicorn {
    // JavaScript callers may pass nothing; the construct then reports `server.app` by name.
    options = options ?? ({} as GunicornWsgiOptions);
    return new Gunicorn(ServerModel.WSGI, options.app, options.workers, options.threads ?? 8, options, 'gthread');
  }

  /** An ASGI app served by uvicorn workers under gunicorn. */
  public static asgi(options: GunicornAsgiOptions): Gunicorn {
    options = options ?? ({} as GunicornAsgiOptions);
    return new Gunicorn(
      ServerModel.ASGI,
      options.app,
      options.workers,
      options.concurrencyPerWorker ?? 80,
      options,
      options.workerClass ?? 'uvicorn_worker.UvicornWorker',
    );
  }

  /** The app, as `module:callable`. */
  public readonly app: string;
  /** The process model. */
  public readonly model: ServerModel;
  /** Worker processes, when given; otherwise the platform derives them. */
  public readonly workers?: number;
  /** Threads per worker (WSGI) or concurrent requests per worker (ASGI). */
  public readonly perWorker: number;
  /** Whether the app is loaded before workers fork. */
  public readonly preload: boolean;
  /** gunicorn's worker timeout in seconds (0: none). */
  public readonly timeout: number;
  /** Memory one worker needs, when given. */
  public readonly memoryPerWorker?: string;
  /** The gunicorn worker class. */
  public readonly workerClass: string;
  /** Further arguments. */
  public readonly extraArgs: string[];

  private constructor(
    model: ServerModel,
    app: string,
    workers: number | undefined,
    perWorker: number,
    options: { preload?: boolean; timeout?: number; memoryPerWorker?: string; extraArgs?: string[] },
    workerClass: string,
  ) {
    this.model = model;
    this.app = app;
    this.workers = workers;
    this.perWorker = perWorker;
    this.preload = options.preload ?? false;
    this.timeout = options.timeout ?? 0;
    this.memoryPerWorker = options.memoryPerWorker;
    this.workerClass = workerClass;
    this.extraArgs = options.extraArgs ?? [];
  }

  /**
   * Resolves the profile for a platform: fills in the worker count, validates every option (reporting problems under
   * `prop`, e.g. `server`) and returns the rendered server.
   * @internal
   */
  public _resolve(defaultWorkers: number, problems: Problems, prop: string): ResolvedServer {
    const workers = this.workers ?? defaultWorkers;
    const errorsBefore = problems.errorCount;
    const wholeAtLeast = (name: string, value: number, min: number, fix: string) => {
      if (isUnresolved(value)) return;
      if (!Number.isInteger(value) || value < min) {
        problems.error(`${prop}.${name}`, value, `gunicorn ${name} must be a whole number of at least ${min}`, fix);
      }
    };
    if (
      !isUnresolved(this.app) &&
      (typeof this.app !== 'string' || !/^[A-Za-z_][\w.]*(:[A-Za-z_][\w.]*(\(.*\))?)?$/.test(this.app))
    ) {
      problems.error(
        `${prop}.app`,
        this.app,
        'the app must be a Python import path such as `main:app` or `mysite.wsgi:application`',
        "write it as 'module:callable'",
      );
    }
    wholeAtLeast('workers', workers, 1, 'use at least 1 worker (the vCPU count is a good start)');
    wholeAtLeast(
      this.model === ServerModel.WSGI ? 'threads' : 'concurrencyPerWorker',
      this.perWorker,
      1,
      'use at least 1',
    );
    if (!isUnresolved(this.timeout) && (!Number.isFinite(this.timeout) || this.timeout < 0)) {
      problems.error(
        `${prop}.timeout`,
        this.timeout,
        'gunicorn timeout must be 0 (none) or a number of seconds',
        'use 0',
      );
    }
    let memoryPerWorkerMiB: number | undefined;
    if (this.memoryPerWorker !== undefined && !isUnresolved(this.memoryPerWorker)) {
      memoryPerWorkerMiB = parseMemoryMiB(this.memoryPerWorker);
      if (memoryPerWorkerMiB === undefined || memoryPerWorkerMiB <= 0) {
        problems.error(
          `${prop}.memoryPerWorker`,
          this.memoryPerWorker,
          'memoryPerWorker must be a memory quantity',
          "write it like '256Mi' or '1Gi'",
        );
      }
    }
    // Known: every number the platform rules read is resolved and valid, so capacity and timeouts can be judged.
    const known =
      problems.errorCount === errorsBefore && ![workers, this.perWorker, this.timeout].some((v) => isUnresolved(v));
    return new ResolvedServer(this, workers, memoryPerWorkerMiB, known);
  }
}

/**
 * A profile with its worker count fixed for one platform.
 * @internal
 */
export class ResolvedServer {
  constructor(
    public readonly profile: Gunicorn,
    public readonly workers: number,
    public readonly memoryPerWorkerMiB: number | undefined,
    /** False when a setting is an unresolved token or invalid: capacity and timeouts are then not judged. */
    public readonly known: boolean,
  ) {}

  /** Requests the server can work on at once. */
  get capacity(): number {
    return this.workers * this.profile.perWorker;
  }

  /** Total memory the workers need, when memoryPerWorker was given. */
  get memoryMiB(): number | undefined {
    return this.memoryPerWorkerMiB === undefined ? undefined : this.workers * this.memoryPerWorkerMiB;
  }

  /** The server as the platform rules see it. */
  facts(): ServerFacts {
    const p = this.profile;
    const wsgi = p.model === ServerModel.WSGI;
    return {
      workerType: wsgi ? workerTypeOf(undefined, p.perWorker) : 'async',
      workers: this.workers,
      threads: wsgi ? p.perWorker : undefined,
      timeout: p.timeout,
      preload: p.preload,
      memoryMiB: this.memoryMiB,
    };
  }

  /** gunicorn's arguments after `--bind`. */
  private tail(): string[] {
    const p = this.profile;
    const args = ['--workers', String(this.workers)];
    if (p.model === ServerModel.WSGI) args.push('--threads', String(p.perWorker));
    else args.push('--worker-class', p.workerClass);
    args.push('--timeout', String(p.timeout));
    if (p.preload) args.push('--preload');
    return [...args, ...p.extraArgs, p.app];
  }

  /** argv for a container that runs without a shell, binding an explicit port. */
  argv(port: number): string[] {
    return ['gunicorn', '--bind', `:${port}`, ...this.tail()];
  }

  /** The shell command a person would write: `gunicorn --bind :$PORT --workers 1 --threads 8 --timeout 0 main:app`. */
  commandLine(): string {
    return ['gunicorn', '--bind', ':$PORT', ...this.tail()].join(' ');
  }
}
