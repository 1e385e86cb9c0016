/**
 * App Engine environment variables. Source: "app.yaml Configuration File" (env_variables),
 * https://cloud.google.com/appengine/docs/standard/reference/app-yaml.
 */
import { CheckLevel } from '../../core/levels';
import { Pack } from '../rule';
import { VERSION, type VersionRule, type VersionViolation } from './facts';

/** `env_variables` names: a C identifier; the `GAE` prefix is reserved by the runtime. */
export const APP_ENGINE_ENV_NAME = { pattern: /^[A-Za-z_][A-Za-z0-9_]*$/, reservedPrefix: 'GAE' } as const;

export const APP_ENGINE_ENVIRONMENT_RULES: readonly VersionRule[] = [
  {
    id: 'GAE-ENV-NAME',
    pack: Pack.PLATFORM,
    level: CheckLevel.ERROR,
    suppressible: false,
    appliesTo: VERSION,
    title: 'Environment variable names must match [A-Za-z_][A-Za-z0-9_]* and must not start with GAE',
    explanation: 'Names prefixed GAE are reserved for the runtime and the API rejects them.',
    source:
      '"app.yaml Configuration File" (env_variables), https://cloud.google.com/appengine/docs/standard/reference/app-yaml',
    reads: ['envNames'],
    check: ({ envNames = [] }) => {
      let violations: VersionViolation[] | undefined;
      for (const name of envNames) {
        if (name.startsWith(APP_ENGINE_ENV_NAME.reservedPrefix)) {
          (violations ??= []).push({
            fact: 'envNames',
            message: `'${name}' starts with GAE, which is reserved for App Engine`,
            fix: `rename it, e.g. 'APP_${name}'`,
          });
        } else if (!APP_ENGINE_ENV_NAME.pattern.test(name)) {
          (violations ??= []).push({
            fact: 'envNames',
            message: `'${name}' is not a valid variable name`,
            fix: 'use letters, digits and underscores, not starting with a digit',
          });
        }
      }
      return violations;
    },
  },
];
