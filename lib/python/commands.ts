/**
 * Reads a container's command line (command + args, or a shell string) for what matters to the platform rules beyond
 * gunicorn's settings: the web server it starts, if any, and the Celery worker it runs.
 * @internal
 */
import { CELERY_POOLS, type CeleryPoolName, kibToMiB, type WorkerFacts } from '../platform/python/celery';
import { ownEntry } from '../core/tables';

/** Splits a shell command into words, honouring single and double quotes. */
export function shellWords(command: string): string[] {
  const words: string[] = [];
  let current = '';
  let quote: string | undefined;
  let has = false;
  for (const ch of command) {
    if (quote) {
      if (ch === quote) quote = undefined;
      else current += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      has = true;
    } else if (/\s/.test(ch)) {
      if (has || current) words.push(current);
      current = '';
      has = false;
    } else {
      current += ch;
    }
  }
  if (has || current) words.push(current);
  return words;
}

/** The words a command runs: `sh -c "..."` (or bash) unwrapped, a shell string split. */
export function commandWords(command: readonly string[] | string): string[] {
  const words = typeof command === 'string' ? shellWords(command) : [...command];
  if (words.length >= 3 && /(^|\/)(ba)?sh$/.test(words[0]) && words[1] === '-c') {
    return shellWords(words.slice(2).join(' '));
  }
  return words;
}

const base = (word: string) => word.slice(word.lastIndexOf('/') + 1);

/** Programs that are web servers, by the name a command starts them with (or `python -m NAME`). */
const SERVERS = new Set(['gunicorn', 'uvicorn', 'hypercorn', 'daphne', 'waitress-serve', 'granian', 'uwsgi']);

/**
 * The web server a command starts, named as a person would (`gunicorn`, `uvicorn`, `manage.py runserver`,
 * `flask run`), or undefined. Reads `python -m server`, `sh -c "... && exec server"`, Django's runserver and the
 * `flask run` / `fastapi run` commands.
 */
export function webServerOf(command: readonly string[] | string): string | undefined {
  const words = commandWords(command);
  for (let i = 0; i < words.length; i++) {
    const word = base(words[i]);
    const next = words[i + 1];
    // `python -m gunicorn` and `python -m flask run` are found at the next word, as the program itself.
    if (SERVERS.has(word)) return word;
    if (word === '-m' && next === 'http.server') return 'python -m http.server';
    if ((word === 'manage.py' || word === 'django-admin') && next === 'runserver') return `${word} runserver`;
    if ((word === 'flask' || word === 'fastapi') && (next === 'run' || next === 'dev')) return `${word} ${next}`;
  }
  return undefined;
}

/** What a `celery ... worker` command line says, each setting undefined when not written, `'unknown'` when a variable. */
export interface CeleryCommand {
  readonly app?: string;
  readonly pool?: CeleryPoolName | 'unknown';
  /** `--concurrency`, or the maximum of `--autoscale=max,min`. */
  readonly concurrency?: number | 'unknown';
  readonly maxMemoryPerChildKiB?: number | 'unknown';
  readonly maxTasksPerChild?: number | 'unknown';
  readonly queues?: string;
}

const CELERY_VALUE_FLAGS: Readonly<Record<string, keyof CeleryCommand | 'autoscale'>> = {
  '-A': 'app',
  '--app': 'app',
  '-P': 'pool',
  '--pool': 'pool',
  '-c': 'concurrency',
  '--concurrency': 'concurrency',
  '--max-memory-per-child': 'maxMemoryPerChildKiB',
  '--max-tasks-per-child': 'maxTasksPerChild',
  '--autoscale': 'autoscale',
  '-Q': 'queues',
  '--queues': 'queues',
};

/**
 * Parses `celery -A app worker ...` (also `python -m celery`, `--flag=value`, `-c4`, a shell string) into the worker's
 * settings; undefined when the command does not run a Celery worker (`celery beat` is not one).
 */
export function parseCeleryWorker(command: readonly string[] | string): CeleryCommand | undefined {
  const words = commandWords(command);
  // `-A celery` names the app, not the program (before the first word, words[-1] is undefined).
  const start = words.findIndex((w, i) => base(w) === 'celery' && words[i - 1] !== '-A');
  if (start < 0) return undefined;
  const rest = words.slice(start + 1);
  const values: Record<string, string> = {};
  let worker = false;
  for (let i = 0; i < rest.length; i++) {
    const word = rest[i];
    if (word === '&&' || word === ';' || word === '|') break;
    const flag = word.startsWith('--') ? word.split('=')[0] : word;
    // Own keys only: a word such as `constructor` or `valueOf` is no flag.
    const key = ownEntry(CELERY_VALUE_FLAGS, flag);
    if (key !== undefined) {
      const value = flag !== word ? word.slice(flag.length + 1) : rest[++i];
      if (value !== undefined) values[key] = value;
      continue;
    }
    const short = /^-([APcQ])(.+)$/.exec(word);
    if (short) {
      values[CELERY_VALUE_FLAGS[`-${short[1]}`]] = short[2];
      continue;
    }
    if (word === 'worker') worker = true;
  }
  if (!worker) return undefined;
  const variable = (v: string) => v.includes('$');
  const whole = (v: string | undefined): number | 'unknown' | undefined =>
    v === undefined ? undefined : variable(v) ? 'unknown' : /^[0-9]+$/.test(v) ? Number(v) : Number.NaN;
  const pool = values.pool;
  const autoscaleMax = values.autoscale === undefined ? undefined : values.autoscale.split(',')[0];
  return {
    app: values.app,
    pool:
      pool === undefined
        ? undefined
        : variable(pool)
          ? 'unknown'
          : CELERY_POOLS.includes(pool as CeleryPoolName)
            ? (pool as CeleryPoolName)
            : 'custom',
    concurrency: whole(values.concurrency ?? autoscaleMax),
    maxMemoryPerChildKiB: whole(values.maxMemoryPerChildKiB),
    maxTasksPerChild: whole(values.maxTasksPerChild),
    queues: values.queues,
  };
}

/**
 * The Celery worker of a command as the rules see it: each setting the command line leaves unwritten takes Celery's
 * default (prefork, one child per CPU, no memory limit); one written as a variable is left unset and named in
 * `unknown`. (Settings in the Celery app's own configuration, such as worker_concurrency, are not seen.)
 */
export function celeryWorkerFacts(c: CeleryCommand): {
  readonly worker: WorkerFacts;
  readonly unknown: ReadonlyArray<keyof WorkerFacts>;
} {
  const unknown: Array<keyof WorkerFacts> = [];
  const known = <T>(key: keyof WorkerFacts, v: T | 'unknown'): T | undefined => {
    if (v !== 'unknown') return v;
    unknown.push(key);
    return undefined;
  };
  const memory = known('maxMemoryPerChildMiB', c.maxMemoryPerChildKiB);
  const worker: WorkerFacts = {
    pool: known('pool', c.pool) ?? 'prefork',
    concurrency: known('concurrency', c.concurrency),
    maxMemoryPerChildMiB: memory === undefined ? undefined : kibToMiB(memory),
    maxTasksPerChild: known('maxTasksPerChild', c.maxTasksPerChild),
  };
  return { worker, unknown };
}
