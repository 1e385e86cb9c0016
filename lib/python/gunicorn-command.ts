/**
 * Reads a gunicorn command line (a Cloud Run container's command + args, an App Engine `entrypoint.shell`, an app.yaml
 * `entrypoint`) back into the settings that matter to the platform, so raw resources get the same checks as ours.
 * @internal
 */
import { type ServerFacts, workerTypeOf } from '../platform/python/server';
import { commandWords } from './commands';
import { ownEntry } from '../core/tables';
import { readGunicornArgs } from '../platform/python/gunicorn-options';

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

/** The options this reader turns into settings, by the name gunicorn's option table gives them. */
type Setting = 'workers' | 'threads' | 'timeout' | 'workerClass' | 'bind' | 'config';
const SETTINGS: Readonly<Record<string, Setting>> = {
  '--workers': 'workers',
  '--threads': 'threads',
  '--timeout': 'timeout',
  '--worker-class': 'workerClass',
  '--bind': 'bind',
  '--config': 'config',
};

/**
 * Parses argv (or a shell string) into gunicorn settings; `undefined` when the command does not run gunicorn.
 * Accepts `exec gunicorn`, `python -m gunicorn`, `sh -c "..."`, and every spelling of an option gunicorn accepts
 * (`--flag value`, `--flag=value`, `-w4`, a unique prefix such as `--worker-cl`): the words are read by gunicorn's own
 * option table (readGunicornArgs). An ambiguous prefix or an unknown option, which gunicorn refuses, is not read.
 */
export function parseGunicornCommand(command: readonly string[] | string): GunicornCommand | undefined {
  const words = commandWords(command);
  const start = words.findIndex((w) => /(^|\/)gunicorn$/.test(w)); // also `python -m gunicorn`
  if (start < 0) return undefined;
  const rest = words.slice(start + 1);
  const end = rest.findIndex((w) => w === '&&' || w === ';' || w === '|');
  const argv = end < 0 ? rest : rest.slice(0, end);
  const settings: Partial<Record<Setting, string>> = {};
  /** The indexes of the words read into a setting or the app; every other word is kept in otherArgs. */
  const read = new Set<number>();
  let preload = false;
  /** The last word that reads as a Python import path. */
  let appAt: number | undefined;
  for (const arg of readGunicornArgs(argv)) {
    if (arg.kind === 'positional') {
      const word = argv[arg.index];
      if (/^[A-Za-z_][\w.]*(:[\w.()'", ]+)?$/.test(word)) appAt = arg.index;
    } else if (arg.kind === 'option') {
      const setting = ownEntry(SETTINGS, arg.option.name);
      if (arg.option.name === '--preload') preload = true;
      else if (setting !== undefined && arg.value !== undefined) settings[setting] = arg.value;
      else continue;
      read.add(arg.index);
      if (arg.valueIndex !== undefined) read.add(arg.valueIndex);
    }
  }
  if (appAt !== undefined) read.add(appAt);
  const app = appAt === undefined ? undefined : argv[appAt];
  const otherArgs = argv.filter((_, i) => !read.has(i));
  // gunicorn reads these with int(), which ignores the blanks around the digits (`-w 4` in one word gives ' 4').
  const num = (key: Setting) => {
    const value = settings[key]?.trim() ?? '';
    return /^[0-9]+(\.[0-9]+)?$/.test(value) ? Number(value) : undefined;
  };
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
