/**
 * gunicorn's worker count from the environment: without `--workers`/`-w` it runs
 * `int(os.environ.get("WEB_CONCURRENCY", 1))` workers (benoitc/gunicorn, config.py), so the server facts of a raw
 * resource read `WEB_CONCURRENCY` from the container's `env` or the version's `env_variables`.
 *
 * One rule for both platforms: the worker count is what gunicorn would use, read from every place that can set it;
 * when a place the checker cannot read may set it, the count is unknown (reported so, and only the rules that need it
 * are skipped), never guessed. A Cloud Run container also has its image's environment (`ENV WEB_CONCURRENCY` in a
 * Dockerfile), which Terraform does not show: without WEB_CONCURRENCY in `env`, the count is unknown. An App Engine
 * version's environment is its env_variables and the variables the runtime documents, none of them WEB_CONCURRENCY
 * ("Python 3 runtime environment", environment variables): without it in env_variables, gunicorn's default of 1.
 * @internal
 */
import { GUNICORN_DEFAULTS, type ServerFacts, webConcurrencyWorkers } from '../../platform/python/server';
import { field, isObject, isUnknownString, type JsonObject, UNKNOWN, type Unknown } from '../model';
import type { FactPath } from '../../platform/rule';
import type { FactBuilder, Writable } from './values';

const WEB_CONCURRENCY = GUNICORN_DEFAULTS.webConcurrency;

/** What the environment says about the worker count, and the attribute it was read from. */
export interface WebConcurrency {
  /**
   * A whole number; `UNKNOWN` when it may be set but cannot be read (interpolated, secret, not a whole number, or in
   * an image's environment).
   */
  readonly workers: number | Unknown;
  readonly attribute: string;
}

/**
 * A WEB_CONCURRENCY value as gunicorn's `int(...)` reads it: a whole number, else `UNKNOWN` (an interpolation or a
 * secret cannot be read; anything else stops gunicorn from starting, so there is no capacity to judge).
 */
function workerCount(value: unknown): number | Unknown {
  return webConcurrencyWorkers(value) ?? UNKNOWN;
}

/**
 * WEB_CONCURRENCY in a Cloud Run container's `env` blocks (`at` is their attribute path). Unknown when the list is an
 * interpolation, when it has no literal WEB_CONCURRENCY but a name that may be one, and when it has none at all: the
 * image's environment may set it.
 */
export function cloudRunWebConcurrency(env: readonly JsonObject[] | Unknown, at: string): WebConcurrency {
  if (env === UNKNOWN) return { workers: UNKNOWN, attribute: at };
  let unknownName = false;
  // The last entry of a name wins, as in the container's environment.
  for (let i = env.length - 1; i >= 0; i--) {
    const name = field(env[i], 'name');
    if (name === UNKNOWN) unknownName = true;
    if (name !== WEB_CONCURRENCY) continue;
    const secret = field(env[i], 'value_source') !== undefined || field(env[i], 'value_from') !== undefined;
    return { workers: secret ? UNKNOWN : workerCount(field(env[i], 'value')), attribute: `${at}[${i}].value` };
  }
  return { workers: UNKNOWN, attribute: unknownName ? at : `${at} (WEB_CONCURRENCY may come from the image)` };
}

/**
 * WEB_CONCURRENCY in an App Engine version's `env_variables` (as read by `field`); `undefined` when not set. Unknown
 * when the map is an interpolation, or when it has no literal WEB_CONCURRENCY key but a key that is one.
 */
export function appEngineWebConcurrency(env: unknown): WebConcurrency | undefined {
  if (env === undefined) return undefined;
  if (!isObject(env)) return { workers: UNKNOWN, attribute: 'env_variables' };
  if (Object.hasOwn(env, WEB_CONCURRENCY)) {
    return { workers: workerCount(field(env, WEB_CONCURRENCY)), attribute: `env_variables.${WEB_CONCURRENCY}` };
  }
  return Object.keys(env).some(isUnknownString) ? { workers: UNKNOWN, attribute: 'env_variables' } : undefined;
}

/**
 * Records the server fact: `server` as the command line reads, with WEB_CONCURRENCY applied when it sets the worker
 * count. An unreadable count marks only `server.workers` unknown, where it is written: the rules about the timeout or
 * the startup probe still judge the server.
 */
export function setServer<F extends { readonly server?: ServerFacts }>(
  b: FactBuilder<F>,
  server: ServerFacts | Unknown | undefined,
  webConcurrency: WebConcurrency | undefined,
): void {
  const facts = b.facts as Writable<{ server?: ServerFacts }>;
  if (webConcurrency === undefined || server === undefined || server === UNKNOWN) {
    facts.server = b.known('server', server);
    return;
  }
  if (webConcurrency.workers === UNKNOWN) {
    b.markUnknown(webConcurrency.attribute, 'server.workers' as FactPath<F>);
    facts.server = { ...server, workers: undefined };
    return;
  }
  facts.server = { ...server, workers: webConcurrency.workers };
}
