/**
 * The gunicorn server in a Cloud Run container, judged against the revision: readiness before traffic, the worker
 * timeout against the request timeout, capacity against concurrency, workers' memory against the memory limit.
 * Sources: benoitc/gunicorn `gunicorn/config.py`; GoogleCloudPlatform/python-docs-samples `run/helloworld/Dockerfile`
 * (`--workers 1 --threads 8 --timeout 0`); "Configure container health checks for services"
 * (https://cloud.google.com/run/docs/configuring/healthchecks).
 */
import { CheckLevel } from '../../core/levels';
import { formatMiB } from '../../core/quantity';
import { type MemoryLimit, serverCapacityRule, serverMemoryRule, serverTimeoutRule } from '../python/rules';
import { Pack } from '../rule';
import { type CloudRunFacts, type CloudRunRule, type CloudRunViolation, CONSTRUCT_ONLY, SERVICES } from './facts';
import { defaultConcurrency, CLOUD_RUN_REQUEST_TIMEOUT } from './requests';
import { CLOUD_RUN_RESOURCE_DEFAULTS } from './resources';
import { CLOUD_STORAGE_FUSE_CACHE_MIB, totalMemoryMiB } from './volumes';

const server = (f: Readonly<CloudRunFacts>) => f.server;

/**
 * What takes an instance's memory besides the app's workers: the sidecars (their limits), in-memory volumes (their size
 * limits; one without a limit is GCR-VOLUME-IN-MEMORY's) and Cloud Storage FUSE's caches for each mounted bucket.
 */
function memoryTakenBesidesTheApp(f: Readonly<CloudRunFacts>): Array<{ mib: number; what: string }> {
  const taken: Array<{ mib: number; what: string }> = [];
  const sidecars = (f.containers ?? []).filter((c) => !c.ingress);
  if (sidecars.length > 0) {
    const mib = sidecars.reduce((sum, c) => sum + (c.memoryMiB ?? CLOUD_RUN_RESOURCE_DEFAULTS.memoryMiB), 0);
    taken.push({ mib, what: sidecars.length === 1 ? 'the sidecar' : `${sidecars.length} sidecars` });
  }
  for (const v of f.volumes ?? []) {
    if (v.kinds.length !== 1) continue;
    // Number.isFinite(undefined) is false: an unset limit is skipped too.
    if (v.kinds[0] === 'in-memory' && Number.isFinite(v.sizeLimitMiB))
      taken.push({ mib: v.sizeLimitMiB!, what: `in-memory volume '${v.name}'` });
    if (v.kinds[0] === 'cloud-storage')
      taken.push({ mib: CLOUD_STORAGE_FUSE_CACHE_MIB, what: `Cloud Storage FUSE caches of '${v.bucket ?? v.name}'` });
  }
  return taken;
}

/**
 * The memory the app's processes (gunicorn workers, Celery children) have: the container's limit, less what the
 * sidecars, in-memory volumes and Cloud Storage FUSE caches take of the instance. `fix` is given the memory limit
 * that would let the need fit.
 */
export function memoryForTheApp(f: Readonly<CloudRunFacts>, fix: (raiseTo: number) => string): MemoryLimit {
  const memoryMiB = f.memoryMiB ?? CLOUD_RUN_RESOURCE_DEFAULTS.memoryMiB;
  const taken = memoryTakenBesidesTheApp(f);
  if (taken.length === 0) {
    return {
      mib: memoryMiB,
      what: `the ${formatMiB(memoryMiB)} memory limit`,
      fix: (need) => fix(Math.ceil(need)),
    };
  }
  const total = totalMemoryMiB(f);
  const used = taken.reduce((sum, t) => sum + t.mib, 0);
  return {
    mib: total - used,
    what: `the ${formatMiB(total - used)} left of the instance's ${formatMiB(total)} after ${taken.map((t) => `${formatMiB(t.mib)} for ${t.what}`).join(', ')}`,
    fix: (need) => fix(Math.ceil(need + used - (total - memoryMiB))),
  };
}

export const CLOUD_RUN_SERVER_RULES: readonly CloudRunRule[] = [
  {
    id: 'GCR-SERVER-STARTUP-PROBE',
    pack: Pack.PLATFORM,
    level: CheckLevel.ERROR,
    suppressible: true,
    appliesTo: SERVICES,
    title: 'gunicorn without --preload needs an HTTP startup probe',
    explanation:
      "gunicorn's master binds the port before its workers import the app, so a TCP startup probe (Cloud Run's default) passes while the app cannot serve yet and traffic reaches an instance that is not ready.",
    source:
      '"Optimize Python applications for Cloud Run", https://cloud.google.com/run/docs/tips/python; "Configure container health checks for services", https://cloud.google.com/run/docs/configuring/healthchecks',
    reads: ['server.preload', 'startupProbe.kind', 'sidecarServers'],
    check: ({ server, startupProbe, sidecarServers }) => {
      let violations: CloudRunViolation[] | undefined;
      if (server && !server.preload && startupProbe?.kind !== 'http') {
        (violations ??= []).push({
          fact: 'startupProbe',
          message: `gunicorn runs without --preload, so ${startupProbe ? `a ${startupProbe.kind.toUpperCase()}` : "Cloud Run's default TCP"} startup probe passes as soon as the master binds the port, before any worker has imported the app`,
          fix: 'use an HTTP startup probe on a route the app serves, or turn on preload',
        });
      }
      // A sidecar without a probe counts as started at once (GCR-CONTAINER-DEPENDS-PROBE); one with a TCP probe is
      // judged like the main container.
      for (let i = 0; i < (sidecarServers ?? []).length; i++) {
        const s = sidecarServers![i];
        if (!s || s.server.preload || s.startupProbe?.kind !== 'tcp') continue;
        (violations ??= []).push({
          fact: `sidecarServers.${i}`,
          message:
            'a sidecar runs gunicorn without --preload, so its TCP startup probe passes as soon as the master binds the port, before any worker has imported the app',
          fix: 'use an HTTP startup probe on a route the sidecar serves, or turn on preload',
        });
      }
      return violations;
    },
  },
  serverTimeoutRule<CloudRunFacts>({
    id: 'GCR-SERVER-TIMEOUT',
    level: CheckLevel.ERROR,
    suppressible: true,
    appliesTo: SERVICES,
    title: "A sync gunicorn worker's timeout must be 0 or cover the request timeout",
    explanation:
      "gunicorn kills a worker silent for --timeout seconds (default 30); a sync worker (one thread, no -k) is silent while it serves a request, so requests longer than that die with WORKER TIMEOUT whatever Cloud Run allows. gthread and async workers keep notifying while requests run and are not judged. Google's sample uses --timeout 0.",
    source:
      'benoitc/gunicorn gunicorn/config.py (timeout: "For the non sync workers it just means that the worker process is still communicating and is not tied to the length of time required to handle a single request") and gunicorn/workers/gthread.py; GoogleCloudPlatform/python-docs-samples run/helloworld/Dockerfile',
    reads: ['server.workerType', 'server.timeout', 'timeoutSeconds'],
    server,
    fact: 'server',
    limit: ({ timeoutSeconds = CLOUD_RUN_REQUEST_TIMEOUT.defaultSeconds }) => timeoutSeconds,
    limitName: (seconds) => `the ${seconds} s request timeout`,
  }),
  serverCapacityRule<CloudRunFacts>({
    id: 'GCR-SERVER-CAPACITY',
    level: CheckLevel.WARNING,
    suppressible: true,
    appliesTo: SERVICES,
    title: 'Concurrency above the server capacity (workers × threads) queues requests inside the container',
    explanation:
      'Cloud Run sends up to `concurrency` requests to an instance; a gunicorn server with fewer workers × threads queues the rest while Cloud Run believes the instance has room, and scales out late. A worker count the container sets itself (WEB_CONCURRENCY in the image) is not judged.',
    source:
      '"About maximum concurrent requests per instance", https://cloud.google.com/run/docs/about-concurrency; benoitc/gunicorn gunicorn/config.py (workers, threads)',
    reads: ['server.workerType', 'server.workers', 'server.threads', 'concurrency', 'cpu'],
    server,
    fact: 'concurrency',
    requests: ({ concurrency, cpu = CLOUD_RUN_RESOURCE_DEFAULTS.cpu }) => concurrency ?? defaultConcurrency(cpu),
    setting: 'concurrency',
    isDefault: ({ concurrency }) => concurrency === undefined,
    defaultName: 'the platform default, at least 80',
  }),
  serverMemoryRule<CloudRunFacts>({
    id: 'GCR-SERVER-MEMORY',
    level: CheckLevel.ERROR,
    suppressible: true,
    appliesTo: CONSTRUCT_ONLY,
    title: 'workers × memory per worker must fit the memory limit',
    explanation:
      "Each gunicorn worker is a process with its own copy of the app (without --preload); an instance whose usage passes the memory limit is killed. The instance's memory is shared with the sidecars (each taking its limit), in-memory volumes (their size limit) and Cloud Storage FUSE (its caches for each mounted bucket).",
    source:
      '"Configure memory limits for services", https://cloud.google.com/run/docs/configuring/services/memory-limits; "Configure in-memory volume mounts for services", https://cloud.google.com/run/docs/configuring/services/in-memory-volume-mounts; "Configure Cloud Storage volume mounts for services" (memory requirements), https://cloud.google.com/run/docs/configuring/services/cloud-storage-volume-mounts',
    reads: ['server.workers', 'server.memoryMiB', 'memoryMiB', 'containers', 'volumes'],
    server,
    fact: 'server',
    limit: (f) =>
      memoryForTheApp(f, (raiseTo) => `raise memory to at least ${formatMiB(raiseTo)} or run fewer workers`),
  }),
  {
    id: 'GCR-SERVER-COMMAND',
    pack: Pack.PLATFORM,
    level: CheckLevel.ERROR,
    suppressible: false,
    appliesTo: CONSTRUCT_ONLY,
    title: 'A server, worker or task profile and a command of its own cannot both set the container command',
    explanation:
      'The profile (Gunicorn, Celery, Django) renders the container command and arguments; a command or arguments given as well would replace it, or be lost.',
    source: '"Container runtime contract", https://cloud.google.com/run/docs/container-contract',
    reads: ['server.workerType', 'profile', 'ownCommand'],
    check: ({ server, profile, ownCommand }) =>
      (server !== undefined || profile !== undefined) && ownCommand !== undefined
        ? {
            fact: 'ownCommand',
            message: `the ${profile ?? 'server'} profile renders the container command and arguments`,
            fix: `drop command/args, or drop ${profile === undefined ? 'server' : 'the profile'} and write the command yourself`,
          }
        : undefined,
  },
];
