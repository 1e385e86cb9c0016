/**
 * Reads a gunicorn command line (a Cloud Run container's command + args, an App Engine `entrypoint.shell`, an app.yaml
 * `entrypoint`) back into the settings that matter to the platform, so raw resources get the same checks as ours.
 * @internal
 */
import { type ServerFacts, workerTypeOf } from '../platform/python/server';
import { commandWords } from './commands';
import { ownEntry } from '../core/tables';

export { shellWords } from './commands';

/** What a gunicorn command line says about the server. */
export interface GunicornCommand {
  readonly app?: string;
  readonly workers?: number;
  /** True when the command line sets the worker count in any form (`-w 4`, `--workers=$(nproc)`), so WEB_CONCURRENCY does not apply. */
  readonly writesWorkers: boolean;
  readonly threads?: number;
  /** Unset: gunicorn's default of 30 seconds. */
  readonly timeout?: number;
  readonly preload: boolean;
  readonly workerClass?: string;
  readonly bind?: string;
  /** True when the command loads a config file (`-c`) or reads WEB_CONCURRENCY, so settings may come from elsewhere. */
  readonly hasExternalConfig: boolean;
  /** Arguments not understood, kept so nothing is dropped silently. */
  readonly otherArgs: string[];
}

const VALUE_FLAGS: Readonly<Record<string, string>> = {
  '-w': 'workers',
  '--workers': 'workers',
  '--threads': 'threads',
  '-t': 'timeout',
  '--timeout': 'timeout',
  '-k': 'workerClass',
  '--worker-class': 'workerClass',
  '-b': 'bind',
  '--bind': 'bind',
  '-c': 'config',
  '--config': 'config',
};

/**
 * Parses argv (or a shell string) into gunicorn settings; `undefined` when the command does not run gunicorn.
 * Accepts `exec gunicorn`, `python -m gunicorn`, `sh -c "..."`, `--flag value`, `--flag=value` and `-w4`.
 */
export function parseGunicornCommand(command: readonly string[] | string): GunicornCommand | undefined {
  const words = commandWords(command);
  const start = words.findIndex((w) => /(^|\/)gunicorn$/.test(w)); // also `python -m gunicorn`
  if (start < 0) return undefined;
  const settings: Record<string, string> = {};
  const otherArgs: string[] = [];
  let preload = false;
  let app: string | undefined;
  const rest = words.slice(start + 1);
  for (let i = 0; i < rest.length; i++) {
    const word = rest[i];
    if (word === '&&' || word === ';' || word === '|') break;
    if (word === '--preload') {
      preload = true;
      continue;
    }
    const flag = word.startsWith('--') ? word.split('=')[0] : word;
    // Own keys only: `constructor` or `toString` (a module of that name) is no flag.
    const setting = ownEntry(VALUE_FLAGS, flag);
    if (setting !== undefined) {
      const value = flag !== word ? word.slice(flag.length + 1) : rest[++i];
      if (value !== undefined) settings[setting] = value;
      continue;
    }
    const short = /^-([wtkbc])(.+)$/.exec(word);
    if (short) {
      settings[VALUE_FLAGS[`-${short[1]}`]] = short[2];
      continue;
    }
    if (/^[A-Za-z_][\w.]*(:[\w.()'", ]+)?$/.test(word)) app = word;
    else otherArgs.push(word);
  }
  const num = (key: string) => (/^[0-9]+(\.[0-9]+)?$/.test(settings[key] ?? '') ? Number(settings[key]) : undefined);
  return {
    app,
    workers: num('workers'),
    writesWorkers: settings.workers !== undefined,
    threads: num('threads'),
    timeout: num('timeout'),
    preload,
    workerClass: settings.workerClass,
    bind: settings.bind,
    hasExternalConfig: settings.config !== undefined || (settings.workers ?? '').includes('WEB_CONCURRENCY'),
    otherArgs,
  };
}

/**
 * The server a parsed command runs. `workers` is the worker count when the command line gives no number (what
 * WEB_CONCURRENCY, or gunicorn's default, gives where the platform knows it).
 */
export function serverFactsOf(command: GunicornCommand, workers?: number): ServerFacts {
  return {
    workerType: workerTypeOf(command.workerClass, command.threads),
    workers: command.workers ?? workers,
    threads: command.threads,
    timeout: command.timeout,
    preload: command.preload,
  };
}
