/**
 * Security rules over an App Engine version: secrets written as plain env_variables, and handlers that serve plain
 * HTTP. Constructs and the checker share them; a construct leaves the errors a suppression may accept to the policy
 * checks (see `rulesFor`).
 */
import { CheckLevel } from '../../core/levels';
import { Pack } from '../rule';
import { plainSecretProblem } from '../secrets';
import { VERSIONS, type VersionRule, type VersionViolation } from './facts';

/** The security level that redirects HTTP to HTTPS. */
export const APP_ENGINE_SECURE_ALWAYS = 'SECURE_ALWAYS';

export const APP_ENGINE_SECURITY_RULES: readonly VersionRule[] = [
  {
    id: 'GAE-HTTPS',
    pack: Pack.SECURITY,
    level: CheckLevel.WARNING,
    suppressible: true,
    appliesTo: VERSIONS,
    title: 'App Engine handlers should redirect HTTP to HTTPS (security_level = SECURE_ALWAYS)',
    explanation:
      "A handler without security_level SECURE_ALWAYS serves plain HTTP (SECURE_DEFAULT and SECURE_OPTIONAL accept both, SECURE_NEVER redirects HTTPS to HTTP). A version without handlers gets the default handler, which accepts HTTP. A warning, not an error: App Engine accepts it (most of Google's own samples leave `secure` unset), but plain HTTP is a risk. Prior art: CIS GCP 4.10, KICS 52b7bc15, Sonar S6407.",
    source:
      '"app.yaml Configuration File" (handlers: secure), https://cloud.google.com/appengine/docs/standard/reference/app-yaml',
    reads: ['handlers'],
    check: ({ handlers }) => {
      if (handlers === undefined || handlers.length === 0) {
        return {
          fact: 'handlers',
          message: 'no handler is written, so the default handler serves the app over plain HTTP too',
          fix: "add a handler for '/.*' with security_level SECURE_ALWAYS (app.yaml: secure: always) routing to the app",
        };
      }
      let violations: VersionViolation[] | undefined;
      for (let i = 0; i < handlers.length; i++) {
        const level = handlers[i].securityLevel;
        if (level === APP_ENGINE_SECURE_ALWAYS) continue;
        const url = handlers[i].url;
        (violations ??= []).push({
          fact: `handlers.${i}.securityLevel`,
          message: `handler ${url === undefined ? i : `'${url}'`} has security_level ${level ?? 'unset (SECURE_DEFAULT)'}, so it serves plain HTTP`,
          fix: 'set security_level SECURE_ALWAYS (app.yaml: secure: always) on every handler',
        });
      }
      return violations;
    },
  },
  {
    id: 'GAE-PLAIN-SECRET-ENV',
    pack: Pack.SECURITY,
    // A warning: the platform accepts the value, and the name and value heuristics can be wrong.
    level: CheckLevel.WARNING,
    suppressible: true,
    appliesTo: VERSIONS,
    title: 'Secrets must come from Secret Manager, not env_variables',
    explanation:
      'env_variables are stored in the version configuration, readable by anyone with appengine.versions.get and in Terraform state. Same name and value heuristics as GCR-PLAIN-SECRET-ENV. Prior art: CIS GCP 1.17/1.18 analogue.',
    source:
      '"Secret Manager overview", https://cloud.google.com/secret-manager/docs/overview; "app.yaml Configuration File" (env_variables), https://cloud.google.com/appengine/docs/standard/reference/app-yaml',
    reads: ['env'],
    check: ({ env }) => {
      let violations: VersionViolation[] | undefined;
      for (let i = 0; i < (env ?? []).length; i++) {
        const problem = plainSecretProblem(env![i]);
        if (problem === undefined) continue;
        (violations ??= []).push({
          fact: `env.${i}`,
          message: problem,
          fix: 'read the secret from Secret Manager at startup (google-cloud-secret-manager) instead of env_variables',
          hidesValue: true,
        });
      }
      return violations;
    },
  },
];
