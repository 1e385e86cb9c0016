/**
 * What an App Engine version runs: a Python runtime App Engine still deploys, and an entrypoint that starts a web
 * server.
 *
 * The runtime ids and their dates, in one table. Sources: "Runtime support schedule"
 * (https://cloud.google.com/appengine/docs/standard/lifecycle/support-schedule), columns End of support, Deprecated,
 * Decommissioned; "Runtime lifecycle" (https://cloud.google.com/appengine/docs/standard/lifecycle/runtime-lifecycle):
 * at end of support "You will no longer be able to create and/or update the application on the unsupported runtime",
 * with the footnote "In certain cases, Google may permit your organization to re-enable deployments for legacy runtimes
 * using an organization policy", and at deprecation "If Google allowed your Organization to re-enable deployments in an
 * unsupported runtime, Google will remove that ability once the runtime is deprecated". The API enforces it: "Runtime
 * python37 is end of support and no longer allowed" (gcloud app deploy, google/clusterfuzz issue 3795).
 * "Python 3 runtime environment" (https://cloud.google.com/appengine/docs/standard/python3/runtime): `runtime:
 * pythonVERSION`, "Where VERSION is the Python MAJOR and MINOR version numbers".
 */
import { CheckLevel } from '../../core/levels';
import { Pack } from '../rule';
import { CONSTRUCT_ONLY, VERSION, type VersionRule } from './facts';

/** The support schedule of a runtime (ISO dates, UTC). */
export interface RuntimeSchedule {
  /** New deployments are blocked from this day, unless an organization policy re-enables them. */
  readonly endOfSupport: string;
  /** From this day no deployment is possible, organization policy or not. */
  readonly deprecated: string;
  /** Existing apps may be disabled from this day. */
  readonly decommissioned?: string;
}

/** One Python runtime of App Engine standard. */
export interface PythonRuntime {
  readonly id: string;
  /** Its support schedule; unset for a preview, which has no dates yet. */
  readonly schedule?: RuntimeSchedule;
}

/** A runtime with a support schedule. */
export interface ScheduledRuntime extends PythonRuntime {
  readonly schedule: RuntimeSchedule;
}

const isScheduled = (r: PythonRuntime): r is ScheduledRuntime => r.schedule !== undefined;
const scheduled = (id: string, endOfSupport: string, deprecated: string, decommissioned?: string) => ({
  id,
  schedule: { endOfSupport, deprecated, decommissioned },
});

/** The Python runtimes of App Engine standard, newest first (the support schedule, read 2026-11). */
export const APP_ENGINE_PYTHON_RUNTIMES: readonly PythonRuntime[] = [
  { id: 'python315' }, // preview: no dates yet
  scheduled('python314', '2030-10-10', '2031-10-10'),
  scheduled('python313', '2029-10-10', '2030-10-10'),
  scheduled('python312', '2028-10-02', '2029-10-02'),
  scheduled('python311', '2027-10-24', '2028-10-24'),
  scheduled('python310', '2026-10-04', '2027-10-01'),
  scheduled('python39', '2025-10-05', '2026-10-01'),
  scheduled('python38', '2024-10-14', '2025-10-01'),
  scheduled('python37', '2024-01-30', '2025-01-31'),
  // The first-generation runtime.
  scheduled('python27', '2024-01-31', '2026-01-31', '2027-01-31'),
];

/**
 * What App Engine runs for a python3 version without an entrypoint: "If you do not specify entrypoint for the Python
 * runtime, App Engine configures and starts the Gunicorn webserver" ("app.yaml Configuration File", entrypoint); the
 * command Google's migration tools write for it (GoogleCloudPlatform/app2run `entrypoint.py`,
 * `_DEFAULT_PYTHON_ENTRYPOINT`).
 */
export const APP_ENGINE_DEFAULT_ENTRYPOINT = 'gunicorn -b :$PORT main:app';

/** How long before its end of support a runtime is warned about (about six months). */
export const RUNTIME_SUPPORT_WARNING_DAYS = 183;

/** A Python 3 runtime id: `python3` and the minor version, `python312`. */
const PYTHON3_RUNTIME_ID = /^python3([0-9]{1,2})$/;
/** The newest minor version the table knows; a newer id is taken as a runtime the table predates. */
const NEWEST_KNOWN_MINOR = 15;

const DAY_MS = 86_400_000;

/** Where a Python runtime stands on a day. */
export type RuntimeStatus =
  /** Not a runtime id at all (`python3`, `python3.12`). */
  | { readonly status: 'not-an-id' }
  /** Deployments blocked for good (deprecated, or a first-generation runtime past deprecation). */
  | { readonly status: 'deprecated'; readonly runtime: ScheduledRuntime }
  /** Deployments blocked unless an organization policy re-enables them. */
  | { readonly status: 'end-of-support'; readonly runtime: ScheduledRuntime }
  /** Still deployable, end of support within the warning window. */
  | { readonly status: 'ending'; readonly runtime: ScheduledRuntime }
  /** Supported, or a newer id than the table knows. */
  | { readonly status: 'supported'; readonly runtime?: PythonRuntime };

/** Where the Python runtime `id` stands on `now`. */
export function pythonRuntimeStatus(id: string, now: Date): RuntimeStatus {
  const runtime = APP_ENGINE_PYTHON_RUNTIMES.find((r) => r.id === id);
  if (!runtime) {
    // Not a Python 3 id: Number(undefined) is NaN, newer than nothing.
    const minor = Number(PYTHON3_RUNTIME_ID.exec(id)?.[1]);
    return { status: minor > NEWEST_KNOWN_MINOR ? 'supported' : 'not-an-id' };
  }
  if (!isScheduled(runtime)) return { status: 'supported', runtime };
  // The dates of the table are days; Date.parse reads them as their midnight UTC.
  const deprecated = Date.parse(runtime.schedule.deprecated);
  const endOfSupport = Date.parse(runtime.schedule.endOfSupport);
  const t = now.getTime();
  if (t >= deprecated) return { status: 'deprecated', runtime };
  if (t >= endOfSupport) return { status: 'end-of-support', runtime };
  if (t + RUNTIME_SUPPORT_WARNING_DAYS * DAY_MS >= endOfSupport) return { status: 'ending', runtime };
  return { status: 'supported', runtime };
}

/**
 * The runtime to suggest: the newest with a support schedule (not a preview). It ends support last, so on any day a
 * runtime of the table is supported, it is.
 */
export const NEWEST_PYTHON_RUNTIME: ScheduledRuntime = APP_ENGINE_PYTHON_RUNTIMES.filter(isScheduled)[0];

const RUNTIME_PAGE = '"Python 3 runtime environment", https://cloud.google.com/appengine/docs/standard/python3/runtime';
const SCHEDULE =
  '"Runtime support schedule", https://cloud.google.com/appengine/docs/standard/lifecycle/support-schedule; "Runtime lifecycle", https://cloud.google.com/appengine/docs/standard/lifecycle/runtime-lifecycle';

/** The runtime of a version when it is a Python one (the rules leave other languages alone). */
const python = (runtime: string | undefined) => (runtime?.startsWith('python') ? runtime : undefined);

const UPGRADE = `use '${NEWEST_PYTHON_RUNTIME.id}' (supported until ${NEWEST_PYTHON_RUNTIME.schedule.endOfSupport})`;

/** A suppressible rule about a Python runtime that stands at `status` in the schedule on the day judged. */
function scheduleRule(spec: {
  readonly id: string;
  readonly level: CheckLevel;
  readonly status: 'end-of-support' | 'ending';
  readonly title: string;
  readonly explanation: string;
  readonly message: (id: string, schedule: RuntimeSchedule) => string;
}): VersionRule {
  return {
    id: spec.id,
    pack: Pack.PLATFORM,
    level: spec.level,
    suppressible: true,
    appliesTo: VERSION,
    title: spec.title,
    explanation: spec.explanation,
    source: SCHEDULE,
    reads: ['runtime'],
    // Other languages, like any id that is not a runtime id, are 'not-an-id': never this rule's status.
    check: ({ runtime = '' }, context) => {
      const s = pythonRuntimeStatus(runtime, context.now);
      if (s.status !== spec.status) return undefined;
      return { fact: 'runtime', message: spec.message(runtime, s.runtime.schedule), fix: UPGRADE };
    },
  };
}

export const APP_ENGINE_RUNTIME_RULES: readonly VersionRule[] = [
  {
    id: 'GAE-RUNTIME',
    pack: Pack.PLATFORM,
    level: CheckLevel.ERROR,
    suppressible: false,
    appliesTo: VERSION,
    title: 'The runtime is a Python runtime id App Engine still deploys (not python3, not a deprecated one)',
    explanation:
      'A runtime id is `python` with the major and minor version (`python312`); bare `python3` is not one. Once a runtime is deprecated (python27 on 2026-01-31, python37 to python39 since) App Engine deploys it for nobody, even with an organization policy exemption; running versions keep serving.',
    source: `${SCHEDULE}; ${RUNTIME_PAGE}`,
    reads: ['runtime'],
    check: ({ runtime }, context) => {
      const id = python(runtime);
      if (id === undefined) return undefined;
      const s = pythonRuntimeStatus(id, context.now);
      if (s.status === 'not-an-id') {
        return {
          fact: 'runtime',
          message: `'${id}' is not an App Engine runtime id: Python runtimes are written python<major><minor>, e.g. 'python312'`,
          fix: UPGRADE,
        };
      }
      if (s.status !== 'deprecated') return undefined;
      return {
        fact: 'runtime',
        message: `${id} is deprecated since ${s.runtime.schedule.deprecated}: App Engine no longer deploys it, even where an organization policy re-enabled it`,
        fix: UPGRADE,
      };
    },
  },
  scheduleRule({
    id: 'GAE-RUNTIME-END-OF-SUPPORT',
    level: CheckLevel.ERROR,
    status: 'end-of-support',
    title: 'A runtime past its end of support is not deployed, unless an organization policy re-enables it',
    explanation:
      'From its end of support App Engine refuses to create or update versions on a runtime ("Runtime python37 is end of support and no longer allowed"); Google may let an organization re-enable deployments with an organization policy until the runtime is deprecated. Suppress with that reason if your organization has the exemption.',
    message: (id, r) =>
      `${id} reached end of support on ${r.endOfSupport}: deployments are refused unless your organization has an organization-policy exemption (until ${r.deprecated})`,
  }),
  scheduleRule({
    id: 'GAE-RUNTIME-SUPPORT-ENDING',
    level: CheckLevel.WARNING,
    status: 'ending',
    title: 'The runtime reaches its end of support within about six months',
    explanation:
      'At end of support App Engine stops deploying the runtime (it sends in-app notifications 90 days before); plan the upgrade before then.',
    message: (id, r) => `${id} reaches end of support on ${r.endOfSupport}; deployments will be refused from then on`,
  }),
  {
    id: 'GAE-PYTHON-RUNTIME',
    pack: Pack.PLATFORM,
    level: CheckLevel.ERROR,
    suppressible: false,
    appliesTo: CONSTRUCT_ONLY,
    title: 'AppEngineStandardService deploys Python apps',
    explanation:
      'The construct renders a gunicorn entrypoint and reads app.yaml for python3; another runtime would start a command it cannot run.',
    source: RUNTIME_PAGE,
    reads: ['runtime'],
    check: ({ runtime }) =>
      runtime !== undefined && !runtime.startsWith('python')
        ? {
            fact: 'runtime',
            message:
              'AppEngineStandardService deploys Python apps (it renders a gunicorn entrypoint); this is not a Python runtime',
            fix: "use a python3 runtime such as 'python312'",
          }
        : undefined,
  },
  {
    id: 'GAE-ENTRYPOINT',
    pack: Pack.PLATFORM,
    level: CheckLevel.ERROR,
    suppressible: false,
    appliesTo: VERSION,
    title: 'An entrypoint is a command that starts a web server on $PORT',
    explanation: 'App Engine runs the entrypoint to start the app; an empty one starts nothing.',
    source: `${RUNTIME_PAGE} (application startup)`,
    reads: ['entrypoint'],
    check: ({ entrypoint }) =>
      entrypoint !== undefined && entrypoint.trim() === ''
        ? {
            fact: 'entrypoint',
            message: 'the entrypoint must start a web server on $PORT',
            fix: "use e.g. 'gunicorn -b :$PORT main:app'",
          }
        : undefined,
  },
];
