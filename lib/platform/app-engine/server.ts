/**
 * The gunicorn server of an App Engine version, judged against the version: the worker timeout against the request
 * deadline, capacity against max_concurrent_requests, workers' memory against the instance class. Sources:
 * benoitc/gunicorn `gunicorn/config.py`; "How instances are managed"
 * (https://cloud.google.com/appengine/docs/standard/how-instances-are-managed); "app.yaml Configuration File"
 * (max_concurrent_requests), https://cloud.google.com/appengine/docs/standard/reference/app-yaml.
 */
import { CheckLevel } from '../../core/levels';
import { formatMiB } from '../../core/quantity';
import { serverCapacityRule, serverMemoryRule, serverTimeoutRule } from '../python/rules';
import { Pack } from '../rule';
import { type AppEngineVersionFacts, CONSTRUCT_ONLY, formatSeconds, VERSION, type VersionRule } from './facts';
import { APP_ENGINE_INSTANCE_CLASSES, effectiveInstanceClass, instanceClassSpec } from './instance-classes';
import { APP_ENGINE_REQUEST_DEADLINE } from './requests';
import { APP_ENGINE_AUTOMATIC } from './scaling';

const server = (f: Readonly<AppEngineVersionFacts>) => f.server;
const GUNICORN =
  'benoitc/gunicorn gunicorn/config.py (timeout: "For the non sync workers it just means that the worker process is still communicating and is not tied to the length of time required to handle a single request") and gunicorn/workers/gthread.py';
const HIM = '"How instances are managed", https://cloud.google.com/appengine/docs/standard/how-instances-are-managed';

export const APP_ENGINE_SERVER_RULES: readonly VersionRule[] = [
  serverMemoryRule<AppEngineVersionFacts>({
    id: 'GAE-SERVER-MEMORY',
    level: CheckLevel.ERROR,
    suppressible: true,
    appliesTo: CONSTRUCT_ONLY,
    title: "workers × memory per worker must fit the instance class's memory",
    explanation:
      'Each gunicorn worker is a process with its own copy of the app; an instance that exceeds the memory of its class is shut down.',
    source: `"The App Engine standard environment", instance classes, https://cloud.google.com/appengine/docs/standard; ${HIM}`,
    reads: ['server.workers', 'server.memoryMiB', 'instanceClass', 'scalingType'],
    server,
    fact: 'server',
    limit: (f) => {
      const cls = effectiveInstanceClass(f);
      const spec = instanceClassSpec(cls);
      if (!spec) return undefined;
      return {
        mib: spec.memoryMiB,
        what: `the ${spec.memoryMB} MB (${formatMiB(spec.memoryMiB)}) of ${cls}`,
        fix: (need) => {
          const bigger = Object.entries(APP_ENGINE_INSTANCE_CLASSES).find(
            ([, s]) => s.family === spec.family && s.memoryMiB >= need,
          );
          return bigger
            ? `use ${bigger[0]} (${bigger[1].memoryMB} MB) or run fewer workers`
            : 'run fewer workers or lower their memory';
        },
      };
    },
  }),
  serverTimeoutRule<AppEngineVersionFacts>({
    id: 'GAE-SERVER-TIMEOUT',
    level: CheckLevel.ERROR,
    suppressible: true,
    appliesTo: CONSTRUCT_ONLY,
    title: "A sync gunicorn worker's timeout must be 0 or cover the declared request timeout",
    explanation:
      'gunicorn kills a worker silent for --timeout seconds (default 30); a sync worker (one thread, no -k) is silent while it serves a request, so longer requests die with WORKER TIMEOUT whatever App Engine allows. gthread and async workers are not judged.',
    source: GUNICORN,
    reads: ['server.workerType', 'server.timeout', 'requestTimeout'],
    server,
    fact: 'server',
    limit: ({ requestTimeout }) => requestTimeout,
    limitName: (seconds) => `the ${seconds} s requests the app must serve`,
  }),
  serverTimeoutRule<AppEngineVersionFacts>({
    id: 'GAE-SERVER-TIMEOUT-DEADLINE',
    level: CheckLevel.WARNING,
    suppressible: true,
    appliesTo: VERSION,
    title: "A sync gunicorn worker's timeout cuts requests short of App Engine's request deadline",
    explanation:
      "With gunicorn's default --timeout 30, a sync worker's requests longer than 30 s die although App Engine allows 10 minutes (automatic) or 24 hours (basic, manual). gthread and async workers are not bound by the timeout.",
    source: `${GUNICORN}; ${HIM}`,
    reads: ['server.workerType', 'server.timeout', 'requestTimeout', 'scalingType'],
    server,
    fact: 'server',
    // A declared request timeout is GAE-SERVER-TIMEOUT's to judge.
    limit: ({ requestTimeout, scalingType }) =>
      requestTimeout === undefined ? APP_ENGINE_REQUEST_DEADLINE[scalingType] : undefined,
    limitName: (seconds, { scalingType }) =>
      `the ${formatSeconds(seconds)} that ${scalingType} scaling lets a request run`,
  }),
  serverCapacityRule<AppEngineVersionFacts>({
    id: 'GAE-SERVER-CAPACITY',
    level: CheckLevel.WARNING,
    suppressible: true,
    appliesTo: VERSION,
    title: 'max_concurrent_requests above gunicorn capacity (workers × threads) queues requests inside the instance',
    explanation:
      'Automatic scaling sends up to max_concurrent_requests (default 10) to an instance; a server with fewer workers × threads queues the rest while the scheduler believes the instance has room.',
    source:
      '"app.yaml Configuration File" (max_concurrent_requests), https://cloud.google.com/appengine/docs/standard/reference/app-yaml; benoitc/gunicorn gunicorn/config.py (workers, threads)',
    reads: ['server.workerType', 'server.workers', 'server.threads', 'scalingType', 'maxConcurrentRequests'],
    server,
    fact: 'maxConcurrentRequests',
    requests: ({ scalingType, maxConcurrentRequests }) =>
      scalingType === 'automatic'
        ? (maxConcurrentRequests ?? APP_ENGINE_AUTOMATIC.maxConcurrentRequests.default)
        : undefined,
    setting: 'max_concurrent_requests',
    isDefault: ({ maxConcurrentRequests }) => maxConcurrentRequests === undefined,
  }),
  {
    id: 'GAE-SERVER-ENTRYPOINT',
    pack: Pack.PLATFORM,
    level: CheckLevel.ERROR,
    suppressible: false,
    appliesTo: CONSTRUCT_ONLY,
    title: 'A server profile and an entrypoint of its own cannot both set the entrypoint',
    explanation: 'The server profile renders entrypoint.shell; an entrypoint given as well would replace it.',
    source:
      '"Python 3 runtime environment" (entrypoint), https://cloud.google.com/appengine/docs/standard/python3/runtime',
    reads: ['serverProfile', 'ownEntrypoint'],
    check: ({ serverProfile, ownEntrypoint }) =>
      serverProfile === true && ownEntrypoint !== undefined
        ? {
            fact: 'ownEntrypoint',
            message: 'entrypoint and server both set the entrypoint',
            fix: 'pass only one of them',
          }
        : undefined,
  },
];
