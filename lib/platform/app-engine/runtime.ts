/**
 * What an App Engine version runs: a second-generation Python runtime and an entrypoint that starts a web server.
 * Sources: "Python 3 runtime environment" (https://cloud.google.com/appengine/docs/standard/python3/runtime);
 * "Python 2.7 runtime" deprecation notice (https://cloud.google.com/appengine/docs/legacy/standard/python).
 */
import { CheckLevel } from '../../core/levels';
import { Pack } from '../rule';
import { CONSTRUCT_ONLY, VERSION, type VersionRule } from './facts';

/** Second-generation Python runtimes (`python3`, `python310` … `python314`). */
export const APP_ENGINE_PYTHON_RUNTIME = /^python3[0-9]{0,2}$/;

const RUNTIME_PAGE = '"Python 3 runtime environment", https://cloud.google.com/appengine/docs/standard/python3/runtime';

export const APP_ENGINE_RUNTIME_RULES: readonly VersionRule[] = [
  {
    id: 'GAE-RUNTIME',
    pack: Pack.PLATFORM,
    level: CheckLevel.ERROR,
    suppressible: false,
    appliesTo: VERSION,
    title: 'Python apps need a second-generation python3 runtime',
    explanation: 'python27 is deprecated: deployments are blocked since 2026-01-31.',
    source:
      '"Python 2.7 runtime" (deprecation notice), https://cloud.google.com/appengine/docs/legacy/standard/python; "Python 3 runtime environment", https://cloud.google.com/appengine/docs/standard/python3/runtime',
    reads: ['runtime'],
    check: ({ runtime }) =>
      runtime?.startsWith('python') && !APP_ENGINE_PYTHON_RUNTIME.test(runtime)
        ? {
            fact: 'runtime',
            message: `'${runtime}' is not a supported python3 runtime`,
            fix: "use a python3 runtime such as 'python312'",
          }
        : undefined,
  },
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
