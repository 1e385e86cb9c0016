/**
 * The gunicorn server rules, defined once and built for each platform: the worker timeout against the longest request
 * the platform lets through, the server's capacity against the requests the platform sends an instance, and the
 * workers' memory against the instance's. Each platform gives its rule ids, documentation and where its facts are.
 */
import { formatMiB } from '../../core/quantity';
import { plural } from '../../core/text';
import { type FactPath, type FactRule, Pack, type RuleMeta, type Violation } from '../rule';
import { effectiveTimeout, type ServerFacts, serverCapacity } from './server';

/** How one platform's rule reads its facts. */
interface ServerRuleSpec<F> extends Omit<RuleMeta, 'pack'> {
  /**
   * What the rule reads: the server, or the values of it the rule needs (`server.timeout`), so that a worker count
   * only known at apply time leaves the timeout judged.
   */
  readonly reads: ReadonlyArray<FactPath<F>>;
  /** The server, when gunicorn is known to run. */
  readonly server: (facts: Readonly<F>) => ServerFacts | undefined;
  /** The fact a violation is attached to. */
  readonly fact: FactPath<F>;
}

/** A platform rule about the server: `judge` sees the server (when gunicorn runs) and the facts. */
function serverRule<F>(
  spec: ServerRuleSpec<F>,
  judge: (server: ServerFacts, facts: Readonly<F>) => Omit<Violation<F>, 'fact'> | undefined,
): FactRule<F> {
  const { server, fact, id, level, suppressible, appliesTo, title, explanation, source, reads } = spec;
  return {
    id,
    pack: Pack.PLATFORM,
    level,
    suppressible,
    appliesTo,
    title,
    explanation,
    source,
    reads,
    check: (f) => {
      const s = server(f);
      const v = s && judge(s, f);
      return v && { fact, ...v };
    },
  };
}

/**
 * A sync worker's timeout (unless 0) shorter than the longest request kills the requests that take longer. `limit` is
 * that longest request in seconds (undefined: nothing to judge against); `limitName` says it in a message.
 *
 * Only sync workers: gunicorn's master kills a worker that has not notified it for `timeout` seconds, and a sync worker
 * notifies only between requests. A gthread worker notifies from its main loop at least every second while its threads
 * run requests (gunicorn/workers/gthread.py, `run`), and async workers from their event loop, so for them the timeout
 * does not bound a request: "For the non sync workers it just means that the worker process is still communicating
 * and is not tied to the length of time required to handle a single request" (gunicorn/config.py, `timeout`).
 */
export function serverTimeoutRule<F>(
  spec: ServerRuleSpec<F> & {
    readonly limit: (facts: Readonly<F>) => number | undefined;
    readonly limitName: (seconds: number, facts: Readonly<F>) => string;
  },
): FactRule<F> {
  return serverRule(spec, (s, f) => {
    if (s.workerType !== 'sync') return undefined;
    const limit = spec.limit(f);
    const t = effectiveTimeout(s);
    if (limit === undefined || t === 0 || t >= limit) return undefined;
    return {
      message: `a sync gunicorn worker serving a request is killed after its ${t} s timeout, and ${t} s is shorter than ${spec.limitName(limit, f)}, so longer requests die with WORKER TIMEOUT`,
      fix: `set the gunicorn timeout to 0 (or at least ${limit}), or use threads (gthread workers are not bound by it)`,
    };
  });
}

/**
 * More requests per instance than gunicorn's workers × threads queue inside the instance. `requests` is what the
 * platform sends one instance at once (undefined where it does not send several to share), under `setting`.
 */
export function serverCapacityRule<F>(
  spec: ServerRuleSpec<F> & {
    readonly requests: (facts: Readonly<F>) => number | undefined;
    /** The setting's name in messages: `concurrency`, `max_concurrent_requests`. */
    readonly setting: string;
    /** True when the requests are the platform's default (nothing written). */
    readonly isDefault: (facts: Readonly<F>) => boolean;
    /** How a message names the platform's default. */
    readonly defaultName?: string;
  },
): FactRule<F> {
  return serverRule(spec, (s, f) => {
    const capacity = serverCapacity(s);
    const requests = spec.requests(f);
    if (capacity === undefined || requests === undefined || requests <= capacity) return undefined;
    return {
      message: `${spec.setting} ${requests}${spec.isDefault(f) ? ` (${spec.defaultName ?? 'the platform default'})` : ''} exceeds gunicorn's capacity of ${capacity} (${plural(s.workers!, 'worker')} × ${plural(s.threads ?? 1, 'thread')})`,
      fix: `set ${spec.setting} to ${capacity}, or raise workers or threads`,
    };
  });
}

/** The memory an instance may use, when known. */
export interface MemoryLimit {
  readonly mib: number;
  /** How the message names it: `the 1Gi memory limit`. */
  readonly what: string;
  /** What to do when the workers need `needMiB`. */
  readonly fix: (needMiB: number) => string;
}

/**
 * Processes that need `needMiB` in all, against the instance's memory: what is wrong when they do not fit (the instance
 * is killed once its usage passes the limit). `processes` says what they are: `2 workers`, `4 Celery children`.
 * Shared by every Python process model (gunicorn workers, Celery children).
 */
export function overMemory(
  processes: string,
  needMiB: number,
  limit: MemoryLimit | undefined,
): { message: string; fix: string } | undefined {
  if (!limit || !Number.isFinite(limit.mib) || !Number.isFinite(needMiB) || needMiB <= limit.mib) return undefined;
  return { message: `${processes} need ${formatMiB(needMiB)}, more than ${limit.what}`, fix: limit.fix(needMiB) };
}

/** Workers × memory per worker above the instance's memory: the instance is killed. */
export function serverMemoryRule<F>(
  spec: ServerRuleSpec<F> & { readonly limit: (facts: Readonly<F>) => MemoryLimit | undefined },
): FactRule<F> {
  // An undeclared need is NaN, which overMemory never judges.
  return serverRule(spec, (s, f) => overMemory(`${s.workers} workers`, s.memoryMiB ?? Number.NaN, spec.limit(f)));
}
