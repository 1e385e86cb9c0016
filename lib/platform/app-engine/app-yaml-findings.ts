/**
 * What the app.yaml reader finds, each a rule with a stable id, so that the findings it records on an imported
 * service (warnings and information) are reported, suppressed and listed like any other. The platform rules the
 * construct runs on what the file says keep their own ids (GAE-CLASS-SCALING, GAE-RUNTIME, ...).
 *
 * Source of every key and value: "app.yaml Configuration File" (python3),
 * https://cloud.google.com/appengine/docs/standard/reference/app-yaml.
 */
import { CheckLevel } from '../../core/levels';
import { ResourceKind } from '../kinds';
import { Pack, type RuleMeta } from '../rule';

/** The findings of the app.yaml reader. */
export enum AppYamlFinding {
  /** The text is not YAML, an alias does not resolve, or aliases expand past the limit. */
  SYNTAX = 'GAE-YAML-SYNTAX',
  /** A key the python3 app.yaml does not know (a misspelling, with a suggestion). */
  UNKNOWN_KEY = 'GAE-YAML-UNKNOWN-KEY',
  /** A value of the wrong type, a missing required key, a malformed duration. */
  VALUE = 'GAE-YAML-VALUE',
  /** A key that does nothing on python3 (threadsafe, libraries, admin_console, XMPP inbound services, ...). */
  NO_EFFECT = 'GAE-YAML-NO-EFFECT',
  /** A key App Engine reads that the Terraform resource cannot carry (includes, build_env_variables, ...). */
  NOT_SUPPORTED = 'GAE-YAML-NOT-SUPPORTED',
  /** A deprecated spelling read as its current one (`module` for `service`). */
  DEPRECATED_KEY = 'GAE-YAML-DEPRECATED-KEY',
  /** A handler `script:` other than `auto`. */
  SCRIPT = 'GAE-YAML-SCRIPT',
  /** An inbound service that needs something the file does not give (mail without app_engine_apis). */
  INBOUND_SERVICE = 'GAE-YAML-INBOUND-SERVICE',
  /** Written as the file says where the library would choose otherwise (`applyRecommendations: true` opts in). */
  RECOMMENDATION = 'GAE-YAML-RECOMMENDATION',
}

const APP_YAML = '"app.yaml Configuration File", https://cloud.google.com/appengine/docs/standard/reference/app-yaml';

const finding = (id: AppYamlFinding, level: CheckLevel, title: string, explanation: string): RuleMeta => ({
  id,
  pack: Pack.PLATFORM,
  level,
  // What the file cannot mean is refused when the service is created; what it records can be acknowledged.
  suppressible: level !== CheckLevel.ERROR,
  appliesTo: [ResourceKind.CONSTRUCT],
  title,
  explanation,
  source: APP_YAML,
});

/**
 * The app.yaml reader's findings as rules (`AppEngineStandardService.fromAppYaml`). The level is the usual one: a
 * script handler is a warning next to an entrypoint and an error without one, a recommendation is information or a
 * warning; each finding carries its own.
 */
export const APP_YAML_RULES: readonly RuleMeta[] = [
  finding(
    AppYamlFinding.SYNTAX,
    CheckLevel.ERROR,
    'app.yaml must be YAML, with aliases that resolve',
    'Not YAML, an alias without its anchor, or more aliases than any app.yaml needs (an alias bomb): the file is refused.',
  ),
  finding(
    AppYamlFinding.UNKNOWN_KEY,
    CheckLevel.ERROR,
    'app.yaml keys are those of the python3 runtime',
    'A key the python3 app.yaml does not know is refused, with the closest known key as a suggestion.',
  ),
  finding(
    AppYamlFinding.VALUE,
    CheckLevel.ERROR,
    'app.yaml values have the type and form App Engine reads',
    'A value of the wrong type, a missing runtime, a malformed duration or expiration, or two scaling elements.',
  ),
  finding(
    AppYamlFinding.NO_EFFECT,
    CheckLevel.WARNING,
    'A key or inbound service without effect on python3 runtimes',
    'threadsafe, libraries, api_version, admin_console, xmpp_* and similar keys only applied to python27; the finding says what to do instead.',
  ),
  finding(
    AppYamlFinding.NOT_SUPPORTED,
    CheckLevel.ERROR,
    'A key the Terraform resource cannot carry',
    'includes, build_env_variables and error_handlers (and the rest inbound service) are read by gcloud, not by the Admin API the provider calls: writing the version without them would deploy something else.',
  ),
  finding(
    AppYamlFinding.DEPRECATED_KEY,
    CheckLevel.WARNING,
    'A deprecated spelling, read as its current one',
    '`module` is read as `service` (an error when both are given).',
  ),
  finding(
    AppYamlFinding.SCRIPT,
    CheckLevel.WARNING,
    'Handler scripts other than auto',
    'On python3 a handler script must be auto: another value is ignored next to an entrypoint (a warning) and refused by the API without one (an error).',
  ),
  finding(
    AppYamlFinding.INBOUND_SERVICE,
    CheckLevel.WARNING,
    'An inbound service that needs the bundled services',
    '`mail` and `mail_bounce` deliver mail only with `app_engine_apis: true`.',
  ),
  finding(
    AppYamlFinding.RECOMMENDATION,
    CheckLevel.INFO,
    'Written as the file says where the library would choose otherwise',
    'The entrypoint and max_concurrent_requests are written as the file gives them (or as App Engine defaults them); the finding says what the library would write, and `applyRecommendations: true` applies it.',
  ),
];
