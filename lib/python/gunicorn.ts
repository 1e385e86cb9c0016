import { array, boolean, type FactoryInput, number, object, optionsOf, type Shape, string } from '../core/props';
import { parseMemoryMiB } from '../core/quantity';
import type { Problems } from '../core/problems';
import { type ServerFacts, workerTypeOf } from '../platform/python/server';
import { isUnresolved } from '../private/cdktf';
import { ownEntry } from '../core/tables';
import { readGunicornArgs } from '../platform/python/gunicorn-options';

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

const WSGI_OPTIONS = object<GunicornWsgiOptions>(
  {
    app: string,
    workers: number.optional(),
    threads: number.optional(),
    preload: boolean.optional(),
    timeout: number.optional(),
    memoryPerWorker: string.optional(),
    extraArgs: array(string).optional(),
  },
  'the options of Gunicorn.wsgi',
);
const ASGI_OPTIONS = object<GunicornAsgiOptions>(
  {
    app: string,
    workers: number.optional(),
    concurrencyPerWorker: number.optional(),
    preload: boolean.optional(),
    timeout: number.optional(),
    memoryPerWorker: string.optional(),
    workerClass: string.optional(),
    extraArgs: array(string).optional(),
  },
  'the options of Gunicorn.asgi',
);

/**
 * The gunicorn flags a profile renders, by model, with the option of the profile that sets each: `extraArgs` may not
 * give them again, or the command would say two things (gunicorn takes the last) and the rules would judge the other.
 */
const RENDERED_FLAGS: Readonly<Record<ServerModel, Readonly<Record<string, string>>>> = {
  WSGI: {
    '--bind': 'the platform (the container port)',
    '--workers': 'workers',
    '--threads': 'threads',
    '--timeout': 'timeout',
    '--preload': 'preload: true',
  },
  ASGI: {
    '--bind': 'the platform (the container port)',
    '--workers': 'workers',
    '--worker-class': 'workerClass',
    '--timeout': 'timeout',
    '--preload': 'preload: true',
  },
};

/**
 * A gunicorn server profile: it renders the server command and drives the platform settings that depend on it
 * (concurrency, startup probe, timeouts, memory). Its options are checked by the construct it is given to, under the
 * prop's name (`server.workers`).
 *
 * @example Gunicorn.wsgi({ app: 'main:app' }) // gunicorn --bind :$PORT --workers 1 --threads 8 --timeout 0 main:app
 */
export class Gunicorn {
  /** A WSGI app served by gthread workers: the Cloud Run guide's recommended setup. */
  public static wsgi(options: GunicornWsgiOptions): Gunicorn {
    const o = optionsOf(options);
    return new Gunicorn(ServerModel.WSGI, o.app, o.workers, o.threads ?? 8, o, 'gthread', {
      value: options,
      shape: WSGI_OPTIONS as Shape<unknown>,
    });
  }

  /**
   * An app served by async workers under gunicorn: an ASGI app on uvicorn workers (the default), or a WSGI app on
   * gevent or eventlet workers (`workerClass: 'gevent'`), each serving `concurrencyPerWorker` requests at once.
   */
  public static asgi(options: GunicornAsgiOptions): Gunicorn {
    const o = optionsOf(options);
    return new Gunicorn(
      ServerModel.ASGI,
      o.app,
      o.workers,
      o.concurrencyPerWorker ?? 80,
      o,
      o.workerClass ?? 'uvicorn_worker.UvicornWorker',
      { value: options, shape: ASGI_OPTIONS as Shape<unknown> },
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
  /** What the factory was given, checked by the construct. @internal */
  public readonly _input: FactoryInput;

  private constructor(
    model: ServerModel,
    app: string,
    workers: number | undefined,
    perWorker: number,
    options: { preload?: boolean; timeout?: number; memoryPerWorker?: string; extraArgs?: string[] },
    workerClass: string,
    input: FactoryInput,
  ) {
    this._input = input;
    this.model = model;
    this.app = app;
    this.workers = workers;
    this.perWorker = perWorker;
    this.preload = options.preload ?? false;
    this.timeout = options.timeout ?? 0;
    this.memoryPerWorker = options.memoryPerWorker;
    this.workerClass = workerClass;
    this.extraArgs = Array.isArray(options.extraArgs) ? options.extraArgs : [];
  }

  /**
   * Resolves the profile for a platform: fills in the worker count, validates every option (reporting problems under
   * `prop`, e.g. `server`) and returns the rendered server.
   * @internal
   */
  public _resolve(defaultWorkers: number, problems: Problems, prop: string): ResolvedServer {
    const workers = this.workers ?? defaultWorkers;
    // The values the rules cannot read: tokens, and invalid values (reported here, judged by nothing else).
    const unknown = new Set<string>();
    const wholeAtLeast = (name: string, fact: string, value: number, min: number, fix: string) => {
      if (isUnresolved(value)) unknown.add(fact);
      else if (!Number.isInteger(value) || value < min) {
        unknown.add(fact);
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
    wholeAtLeast('workers', 'workers', workers, 1, 'use at least 1 worker (the vCPU count is a good start)');
    wholeAtLeast(
      this.model === ServerModel.WSGI ? 'threads' : 'concurrencyPerWorker',
      'threads',
      this.perWorker,
      1,
      'use at least 1',
    );
    if (isUnresolved(this.timeout)) unknown.add('timeout');
    else if (!Number.isFinite(this.timeout) || this.timeout < 0) {
      unknown.add('timeout');
      problems.error(
        `${prop}.timeout`,
        this.timeout,
        'gunicorn timeout must be 0 (none) or a number of seconds',
        'use 0',
      );
    }
    let memoryPerWorkerMiB: number | undefined;
    if (isUnresolved(this.memoryPerWorker)) unknown.add('memoryMiB');
    else if (this.memoryPerWorker !== undefined) {
      memoryPerWorkerMiB = parseMemoryMiB(this.memoryPerWorker);
      if (memoryPerWorkerMiB === undefined || memoryPerWorkerMiB <= 0) {
        unknown.add('memoryMiB');
        memoryPerWorkerMiB = undefined;
        problems.error(
          `${prop}.memoryPerWorker`,
          this.memoryPerWorker,
          'memoryPerWorker must be a memory quantity',
          "write it like '256Mi' or '1Gi'",
        );
      }
    }
    if (unknown.has('workers')) unknown.add('memoryMiB');
    this.checkExtraArgs(problems, prop);
    return new ResolvedServer(this, workers, memoryPerWorkerMiB, [...unknown]);
  }

  /**
   * `extraArgs`, read as gunicorn reads them (readGunicornArgs): an option the profile renders may not be given again,
   * a WSGI profile may not switch to an async worker class, and an ambiguous prefix (`--worker`) makes gunicorn exit
   * (benoitc/gunicorn gunicorn/config.py builds an argparse parser, whose prefix matching refuses a prefix of several
   * options: "argparse", https://docs.python.org/3/library/argparse.html#prefix-matching). An option gunicorn does not
   * know is left alone: a newer gunicorn may know it, while a prefix ambiguous here stays so (options are only added).
   * Each problem names the argument's index (`server.extraArgs.2`); a token is not judged.
   */
  private checkExtraArgs(problems: Problems, prop: string): void {
    const args = this.extraArgs;
    // A token may turn into any words at apply: it is read as a word that is no option, and never judged.
    for (const arg of readGunicornArgs(args.map((a) => (isUnresolved(a) ? '' : a)))) {
      const at = `${prop}.extraArgs.${arg.index}`;
      const given = args[arg.index];
      if (arg.kind === 'ambiguous') {
        problems.error(
          at,
          given,
          `gunicorn refuses the ambiguous option ${given.split('=')[0]}, the start of ${arg.candidates.join(', ')}`,
          'write the option in full',
        );
        continue;
      }
      if (arg.kind !== 'option') continue;
      const name = arg.option.name;
      const value = arg.valueIndex !== undefined && isUnresolved(args[arg.valueIndex]) ? undefined : arg.value;
      // The option as written, with its value when that is the next word (`['-k', 'gevent']`, not `'-k'`).
      const written =
        arg.valueIndex !== undefined && arg.valueIndex > arg.index ? args.slice(arg.index, arg.valueIndex + 1) : given;
      if (name === '--worker-class' && this.model === ServerModel.WSGI) {
        if (value === undefined || workerTypeOf(value, 1) !== 'async') continue;
        // The WSGI model counts workers × threads; an event-loop worker serves many requests each, so the
        // concurrency, capacity and timeout derived from it would all be wrong.
        problems.error(
          at,
          written,
          `worker class '${value}' is not a sync or gthread worker, which the WSGI profile models (workers × threads requests at once)`,
          `use Gunicorn.asgi({ app, workerClass: '${value}', concurrencyPerWorker }), whose model is async workers`,
        );
        continue;
      }
      const option = ownEntry(RENDERED_FLAGS[this.model], name);
      if (option === undefined) continue;
      problems.error(
        at,
        written,
        `the profile already renders ${name}; gunicorn would take the last one given, and the checks would judge the other`,
        `remove it; ${name} is set by ${option}`,
      );
    }
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
    /**
     * The values of the server (`workers`, `threads`, `timeout`, `memoryMiB`) that are tokens or invalid (and reported):
     * the rules that read them are skipped, the others judge the rest.
     */
    public readonly unknownValues: readonly string[],
  ) {}

  /** True when every value the rules read is known and valid. */
  get known(): boolean {
    return this.unknownValues.length === 0;
  }

  /** True when the capacity (workers × threads) is known. */
  get capacityKnown(): boolean {
    return !this.unknownValues.includes('workers') && !this.unknownValues.includes('threads');
  }

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
