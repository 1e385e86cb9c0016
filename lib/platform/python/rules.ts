/**
 * The gunicorn server rules, defined once and built for each platform: the worker timeout against the longest request
 * the platform lets through, the server's capacity against the requests the platform sends an instance, and the
 * workers' memory against the instance's. Each platform gives its rule ids, documentation and where its facts are.
 */
import { formatMiB } from '../../core/quantity';
import { type FactPath, type FactRule, Pack, type RuleMeta } from '../rule';
import { effectiveTimeout, type ServerFacts, serverCapacity } from './server';

/** How one platform's rule reads its facts. */
interface ServerRuleSpec<F> extends Omit<RuleMeta, 'pack'> {
  /** What the rule reads; the server fact must be among them. */
  readonly reads: ReadonlyArray<FactPath<F>>;
  /** The server, when gunicorn is known to run. */
  readonly server: (facts: Readonly<F>) => ServerFacts | undefined;
}

/** The longest request the platform lets through, when there is one to judge against. */
export interface RequestLimit {
  readonly seconds: number;
  /** How the message names it: `the 300 s request timeout`. */
  readonly what: string;
}

/** A worker timeout (unless 0) shorter than the longest request kills the requests that take longer. */
export function serverTimeoutRule<F>(
  spec: ServerRuleSpec<F> & {
    /** The fact a violation is attached to. */
    readonly fact: FactPath<F>;
    readonly limit: (facts: Readonly<F>) => RequestLimit | undefined;
  },
): FactRule<F> {
  const { server, limit, fact, ...meta } = spec;
  return {
    ...meta,
    pack: Pack.PLATFORM,
    check: (f) => {
      const s = server(f);
      if (!s || s.workerType === 'async') return undefined;
      const l = limit(f);
      const t = effectiveTimeout(s);
      if (!l || t === 0 || t >= l.seconds) return undefined;
      return {
        fact,
        message: `gunicorn's timeout of ${t} s is shorter than ${l.what}, so longer requests are killed`,
        fix: `set the gunicorn timeout to 0 (or at least ${l.seconds})`,
      };
    },
  };
}

/** The requests the platform sends one instance at once. */
export interface RequestsPerInstance {
  readonly value: number;
  /** The setting's name in messages: `concurrency`, `max_concurrent_requests`. */
  readonly setting: string;
  /** True when the value is the platform's default (nothing written). */
  readonly isDefault: boolean;
}

/** More requests per instance than gunicorn's workers × threads queue inside the instance. */
export function serverCapacityRule<F>(
  spec: ServerRuleSpec<F> & {
    readonly fact: FactPath<F>;
    /** Undefined where the platform does not send an instance several requests to share. */
    readonly requests: (facts: Readonly<F>) => RequestsPerInstance | undefined;
  },
): FactRule<F> {
  const { server, requests, fact, ...meta } = spec;
  return {
    ...meta,
    pack: Pack.PLATFORM,
    check: (f) => {
      const s = server(f);
      const capacity = s === undefined ? undefined : serverCapacity(s);
      if (s === undefined || capacity === undefined) return undefined;
      const r = requests(f);
      if (!r || r.value <= capacity) return undefined;
      return {
        fact,
        message: `${r.setting} ${r.value}${r.isDefault ? ' (the platform default)' : ''} exceeds gunicorn's capacity of ${capacity} (${s.workers} workers × ${s.threads ?? 1} threads)`,
        fix: `set ${r.setting} to ${capacity}, or raise workers or threads`,
      };
    },
  };
}

/** The memory an instance may use, when known. */
export interface MemoryLimit {
  readonly mib: number;
  /** How the message names it: `the 1Gi memory limit`. */
  readonly what: string;
  /** What to do when the workers need `needMiB`. */
  readonly fix: (needMiB: number) => string;
}

/** Workers × memory per worker above the instance's memory: the instance is killed. */
export function serverMemoryRule<F>(
  spec: ServerRuleSpec<F> & {
    readonly fact: FactPath<F>;
    readonly limit: (facts: Readonly<F>) => MemoryLimit | undefined;
  },
): FactRule<F> {
  const { server, limit, fact, ...meta } = spec;
  return {
    ...meta,
    pack: Pack.PLATFORM,
    check: (f) => {
      const need = server(f)?.memoryMiB;
      if (need === undefined) return undefined;
      const l = limit(f);
      if (!l || !Number.isFinite(l.mib) || need <= l.mib) return undefined;
      return {
        fact,
        message: `${server(f)?.workers} workers need ${formatMiB(need)}, more than ${l.what}`,
        fix: l.fix(need),
      };
    },
  };
}
