/**
 * App Engine environment variables. Sources: "app.yaml Configuration File" (env_variables),
 * https://cloud.google.com/appengine/docs/standard/reference/app-yaml: "Environment variables that are prefixed with
 * GAE are reserved for system use and not allowed in the app.yaml file"; "Python 3 runtime environment" (environment
 * variables), https://cloud.google.com/appengine/docs/standard/python3/runtime: the variables the runtime sets, and
 * "You can define additional environment variables in your app.yaml file, but the above values cannot be overridden".
 *
 * The API refuses the GAE variables the runtime sets ("INVALID_ARGUMENT: The environment variable(s) 'GAE_SERVICE' are
 * not allowed", edvisor-io/meteor-google-cloud issue 4). Other names are disputed, so warnings: GAE-prefixed names
 * deploy (Google's own chromestatus, GoogleChrome/chromium-dashboard app.yaml on python313, sets GAE_USE_SOCKETS_HTTPLIB
 * in production), and GOOGLE_CLOUD_PROJECT was refused on the flexible environment ("Environment variable(s)
 * ['GOOGLE_CLOUD_PROJECT'] are reserved for App Engine use", GoogleCloudPlatform/golang-samples issue 529) yet Google's
 * python-docs-samples set it in a standard app.yaml (appengine/standard/migration/taskqueue/pull-counter/app3.yaml).
 */
import { CheckLevel } from '../../core/levels';
import { Pack } from '../rule';
import { VERSION, type VersionRule, type VersionViolation } from './facts';

/** `env_variables` names: a C identifier; the `GAE` prefix is reserved by the runtime. */
export const APP_ENGINE_ENV_NAME = { pattern: /^[A-Za-z_][A-Za-z0-9_]*$/, reservedPrefix: 'GAE' } as const;

/** The GAE variables the runtime sets, which the API refuses in env_variables. */
export const APP_ENGINE_RUNTIME_ENV: ReadonlySet<string> = new Set([
  'GAE_APPLICATION',
  'GAE_DEPLOYMENT_ID',
  'GAE_ENV',
  'GAE_INSTANCE',
  'GAE_MEMORY_MB',
  'GAE_RUNTIME',
  'GAE_SERVICE',
  'GAE_VERSION',
]);

/** Set by the runtime too ("cannot be overridden"), not shown to be refused on the standard environment. */
const OVERRIDDEN_BY_RUNTIME: ReadonlySet<string> = new Set(['PORT', 'GOOGLE_CLOUD_PROJECT']);

const ENV_VARIABLES =
  '"app.yaml Configuration File" (env_variables), https://cloud.google.com/appengine/docs/standard/reference/app-yaml; "Python 3 runtime environment" (environment variables), https://cloud.google.com/appengine/docs/standard/python3/runtime';

export const APP_ENGINE_ENVIRONMENT_RULES: readonly VersionRule[] = [
  {
    id: 'GAE-ENV-NAME',
    pack: Pack.PLATFORM,
    level: CheckLevel.ERROR,
    suppressible: false,
    appliesTo: VERSION,
    title:
      'Environment variable names must match [A-Za-z_][A-Za-z0-9_]* and not be a GAE variable the runtime sets (GAE_SERVICE, GAE_VERSION, …)',
    explanation:
      'The API refuses names that are not C identifiers and the variables the runtime sets ("The environment variable(s) \'GAE_SERVICE\' are not allowed").',
    source: ENV_VARIABLES,
    reads: ['envNames'],
    check: ({ envNames = [] }) => {
      let violations: VersionViolation[] | undefined;
      envNames.forEach((name, i) => {
        if (APP_ENGINE_RUNTIME_ENV.has(name)) {
          (violations ??= []).push({
            fact: `envNames.${i}`,
            message: `'${name}' is set by the App Engine runtime and cannot be set in env_variables`,
            fix: `remove it and read the runtime's value, or rename it, e.g. 'APP_${name}'`,
          });
        } else if (!APP_ENGINE_ENV_NAME.pattern.test(name)) {
          (violations ??= []).push({
            fact: `envNames.${i}`,
            message: `'${name}' is not a valid variable name`,
            fix: 'use letters, digits and underscores, not starting with a digit',
          });
        }
      });
      return violations;
    },
  },
  {
    id: 'GAE-ENV-RESERVED',
    pack: Pack.PLATFORM,
    level: CheckLevel.WARNING,
    suppressible: true,
    appliesTo: VERSION,
    title:
      'Environment variables prefixed GAE (and PORT, GOOGLE_CLOUD_PROJECT) are documented as reserved for the runtime',
    explanation:
      "The app.yaml reference reserves every GAE-prefixed name for system use, and the runtime sets PORT; the API is not known to refuse other GAE names (Google's chromestatus deploys GAE_USE_SOCKETS_HTTPLIB), so a warning: a future runtime variable of that name would win over yours.",
    source: ENV_VARIABLES,
    reads: ['envNames'],
    check: ({ envNames = [] }) => {
      let violations: VersionViolation[] | undefined;
      for (let i = 0; i < envNames.length; i++) {
        const name = envNames[i];
        if (APP_ENGINE_RUNTIME_ENV.has(name)) continue; // GAE-ENV-NAME's
        if (name.startsWith(APP_ENGINE_ENV_NAME.reservedPrefix) || OVERRIDDEN_BY_RUNTIME.has(name)) {
          (violations ??= []).push({
            fact: `envNames.${i}`,
            message: OVERRIDDEN_BY_RUNTIME.has(name)
              ? `${name} is set by the App Engine runtime, which does not let env_variables override it`
              : `'${name}' starts with GAE, which App Engine reserves for system use`,
            fix: `rename it, e.g. 'APP_${name}'`,
          });
        }
      }
      return violations;
    },
  },
];
