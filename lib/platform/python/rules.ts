/**
 * The gunicorn server rules, defined once and built for each platform: the worker timeout against the longest request
 * the platform lets through, the server's capacity against the requests the platform sends an instance, and the
 * workers' memory against the instance's. Each platform gives its rule ids, documentation and where its facts are.
 */
import { formatMiB } from '../../core/quantity';
import { type FactPath, type FactRule, Pack, type RuleMeta, type Violation } from '../rule';
import { effectiveTimeout, type ServerFacts, serverCapacity } from './server';

/** How one platform's rule reads its facts. */
interface ServerRuleSpec<F> extends Omit<RuleMeta, 'pack'> {
  /** What the rule reads; the server fact must be among them. */
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

/** The longest request the platform lets through, when there is one to judge against. */
export interface RequestLimit {
  readonly seconds: number;
  /** How the message names it: `the 300 s request timeout`. */
  readonly what: string;
}

/** A worker timeout (unless 0) shorter than the longest request kills the requests that take longer. */
export function serverTimeoutRule<F>(
  spec: ServerRuleSpec<F> & { readonly limit: (facts: Readonly<F>) => RequestLimit | undefined },
): FactRule<F> {
  return serverRule(spec, (s, f) => {
    if (s.workerType === 'async') return undefined;
    const l = spec.limit(f);
    const t = effectiveTimeout(s);
    if (!l || t === 0 || t >= l.seconds) return undefined;
    return {
      message: `gunicorn's timeout of ${t} s is shorter than ${l.what}, so longer requests are killed`,
      fix: `set the gunicorn timeout to 0 (or at least ${l.seconds})`,
    };
  });
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
    /** Undefined where the platform does not send an instance several requests to share. */
    readonly requests: (facts: Readonly<F>) => RequestsPerInstance | undefined;
  },
): FactRule<F> {
  return serverRule(spec, (s, f) => {
    const capacity = serverCapacity(s);
    const r = capacity === undefined ? undefined : spec.requests(f);
    if (capacity === undefined || !r || r.value <= capacity) return undefined;
    return {
      message: `${r.setting} ${r.value}${r.isDefault ? ' (the platform default)' : ''} exceeds gunicorn's capacity of ${capacity} (${s.workers} workers × ${s.threads ?? 1} threads)`,
      fix: `set ${r.setting} to ${capacity}, or raise workers or threads`,
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

/** Workers × memory per worker above the instance's memory: the instance is killed. */
export function serverMemoryRule<F>(
  spec: ServerRuleSpec<F> & { readonly limit: (facts: Readonly<F>) => MemoryLimit | undefined },
): FactRule<F> {
  return serverRule(spec, (s, f) => {
    const need = s.memoryMiB;
    const l = need === undefined ? undefined : spec.limit(f);
    if (need === undefined || !l || !Number.isFinite(l.mib) || need <= l.mib) return undefined;
    return { message: `${s.workers} workers need ${formatMiB(need)}, more than ${l.what}`, fix: l.fix(need) };
  });
}
