/**
 * Container-level security rules for Cloud Run services (v1, v2) and jobs, and App Engine versions: secrets in plain
 * environment variables, images not pinned by digest. (Who a workload runs as is a platform fact rule, shared with
 * the constructs: lib/platform/service-account.ts.)
 * @internal
 */
import { CheckLevel } from '../../../core/levels';
import { ResourceKind } from '../../../platform/kinds';
import { Pack } from '../../../platform/rule';
import {
  blocks,
  field,
  firstBlock,
  isObject,
  isUnknown,
  type JsonObject,
  type TerraformModel,
  type TfResource,
  UNKNOWN,
  type Unknown,
} from '../../model';
import { fail, type RuleResult, type TerraformRule, unknown } from '../../rule';

const JOB = 'google_cloud_run_v2_job';
const V1 = 'google_cloud_run_service';
const CONTAINERS = [ResourceKind.CLOUD_RUN_SERVICE, ResourceKind.CLOUD_RUN_JOB, ResourceKind.CLOUD_RUN_SERVICE_V1];
const VERSIONS = [ResourceKind.APP_ENGINE_STANDARD_VERSION, ResourceKind.APP_ENGINE_FLEXIBLE_VERSION];

/** Where the revision template (the block holding `containers`) lives, per type. */
function podTemplate(r: TfResource): { block: JsonObject | Unknown | undefined; at: string } {
  const template = firstBlock(r.config, 'template');
  if (template === UNKNOWN) return { block: UNKNOWN, at: 'template' };
  if (r.type === JOB) return { block: firstBlock(template, 'template'), at: 'template.template' };
  if (r.type === V1) return { block: firstBlock(template, 'spec'), at: 'template.spec' };
  return { block: template, at: 'template' };
}

/** Every container of a Cloud Run resource with its attribute path, or `UNKNOWN`. */
type Containers = Array<{ container: JsonObject; at: string }> | Unknown;

/** The revision template of a Cloud Run resource, its attribute path and its containers. */
interface Pod {
  readonly block: JsonObject | Unknown | undefined;
  readonly at: string;
  readonly containers: Containers;
}

/** The `derive` of the container rules (service account, env, image), so a resource's template is read once. */
export function podOf(r: TfResource): Pod {
  const { block, at } = podTemplate(r);
  const list = blocks(block, 'containers');
  if (list === UNKNOWN) return { block, at, containers: UNKNOWN };
  const containers: Array<{ container: JsonObject; at: string }> = [];
  for (let i = 0; i < list.length; i++) containers.push({ container: list[i], at: `${at}.containers[${i}]` });
  return { block, at, containers };
}

// ---------------------------------------------------------------------------------------------------------------------
// Secrets in plain environment variables

/** Name words that mark a secret. */
const SECRET_WORDS = new Set([
  'PASSWORD',
  'PASSWD',
  'PASS',
  'PWD',
  'SECRET',
  'TOKEN',
  'APIKEY',
  'CREDENTIALS',
  'CREDENTIAL',
  'PRIVATEKEY',
  'DSN',
]);
/** Two-word secret names (joined). */
const SECRET_PAIRS = new Set([
  'API_KEY',
  'PRIVATE_KEY',
  'ACCESS_KEY',
  'SECRET_KEY',
  'AUTH_KEY',
  'SIGNING_KEY',
  'ENCRYPTION_KEY',
  'CLIENT_SECRET',
]);
/** A last word that makes the variable a pointer to a secret, not the secret itself. */
// prettier-ignore
const POINTER_WORDS = new Set([
  'URL', 'URI', 'PATH', 'FILE', 'NAME', 'ID', 'VERSION', 'REF', 'ENDPOINT', 'HOST', 'TYPE', 'HEADER', 'LENGTH', 'TTL',
  'EXPIRY', 'EXPIRES', 'TIMEOUT', 'DIR', 'LOCATION', 'ENABLED', 'PROJECT', 'FIELD', 'PARAM', 'AUDIENCE', 'LIFETIME',
  'MIN', 'MAX', 'SIZE', 'ALGORITHM', 'ISSUER', 'SCOPE', 'SCOPES',
]);

/** Secret-looking values, whatever the name (compiled once). */
const SECRET_VALUES: ReadonlyArray<[RegExp, string]> = [
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----/, 'a PEM private key'],
  [/^AKIA[0-9A-Z]{16}$/, 'an AWS access key id'],
  [/^AIza[0-9A-Za-z_-]{35}$/, 'a Google API key'],
  [/^gh[pousr]_[A-Za-z0-9]{30,}$/, 'a GitHub token'],
  [/^xox[abposr]-[A-Za-z0-9-]{10,}$/, 'a Slack token'],
  [/^(sk|rk)_live_[A-Za-z0-9]{16,}$/, 'a Stripe live key'],
  [/^[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:[^/\s@]+@/, 'a URL with an embedded password'],
];

const CAMEL_BOUNDARY = /([a-z0-9])([A-Z])/g;
const NON_WORD = /[^A-Z0-9]+/;

/** True when an environment variable name says it holds a secret. */
export function isSecretName(name: string): boolean {
  const words = name.replace(CAMEL_BOUNDARY, '$1_$2').toUpperCase().split(NON_WORD).filter(Boolean);
  if (words.length === 0 || POINTER_WORDS.has(words[words.length - 1])) return false;
  for (let i = 0; i < words.length; i++) {
    if (SECRET_WORDS.has(words[i])) return true;
    if (i + 1 < words.length && SECRET_PAIRS.has(`${words[i]}_${words[i + 1]}`)) return true;
  }
  return false;
}

/** What a value looks like, when it looks like a secret. */
export function secretValueKind(value: string): string | undefined {
  if (value.length < 8) return undefined;
  for (const [pattern, kind] of SECRET_VALUES) if (pattern.test(value)) return kind;
  return undefined;
}

/**
 * Judges one plain environment variable: what is wrong with it, `UNKNOWN` when its name is not known, or `undefined`.
 * (The caller builds the attribute path only for a finding.) Services mostly share variable names, so each distinct
 * name is read once per run.
 */
function envProblem(name: unknown, value: unknown, model: TerraformModel): string | Unknown | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof name !== 'string' || isUnknown(name)) return UNKNOWN;
  if (model.memo(isSecretName, name, name)) {
    return `environment variable ${name} holds a secret in plain text${typeof value === 'string' && isUnknown(value) ? ' (filled from a variable or reference, but still stored in the revision config)' : ''}; anyone who can read the configuration can read it`;
  }
  if (typeof value === 'string' && !isUnknown(value)) {
    const kind = secretValueKind(value);
    if (kind) return `environment variable ${name} holds what looks like ${kind} in plain text`;
  }
  return undefined;
}

/** The result for one environment variable whose `envProblem` is `problem`. */
function envResult(problem: string | Unknown, attribute: string, fix: string): RuleResult {
  return problem === UNKNOWN ? unknown(`${attribute} (name)`) : fail(problem, fix, attribute);
}

export const CLOUD_RUN_PLAIN_SECRET_ENV: TerraformRule<Pod> = {
  id: 'GCR-PLAIN-SECRET-ENV',
  level: CheckLevel.ERROR,
  pack: Pack.SECURITY,
  title: 'Secrets must come from Secret Manager, not plain environment values',
  explanation:
    'An env value is stored in the revision configuration, readable by anyone with run.services.get and shown in the console and in Terraform state. Flags variables whose name says secret (PASSWORD, SECRET_KEY, API_KEY, TOKEN, ... but not *_URL, *_NAME, *_ID, *_FILE pointers) and values that look like keys (PEM, AWS, Google API keys, GitHub/Slack/Stripe tokens, URLs with passwords). Prior art: CIS GCP 1.17/1.18 analogue; not covered by checkov or KICS for Cloud Run.',
  source: '"Configure secrets for services", https://cloud.google.com/run/docs/configuring/services/secrets',
  appliesTo: CONTAINERS,
  suppressible: true,
  derive: podOf,
  check: (r, model, { at: template, containers }) => {
    if (containers === UNKNOWN) return unknown(`${template}.containers`);
    const fix =
      r.type === V1
        ? 'move the value to Secret Manager and read it with value_from.secret_key_ref'
        : 'move the value to Secret Manager and read it with value_source.secret_key_ref (or mount it as a secret volume)';
    const results: RuleResult[] = [];
    for (const { container, at } of containers) {
      const env = blocks(container, 'env');
      if (env === UNKNOWN) {
        results.push(unknown(`${at}.env`));
        continue;
      }
      for (let i = 0; i < env.length; i++) {
        const problem = envProblem(field(env[i], 'name'), env[i].value, model);
        if (problem !== undefined) results.push(envResult(problem, `${at}.env[${i}].value`, fix));
      }
    }
    return results;
  },
};

export const APP_ENGINE_PLAIN_SECRET_ENV: TerraformRule = {
  id: 'GAE-PLAIN-SECRET-ENV',
  level: CheckLevel.ERROR,
  pack: Pack.SECURITY,
  title: 'Secrets must come from Secret Manager, not env_variables',
  explanation:
    'env_variables are stored in the version configuration, readable by anyone with appengine.versions.get and in Terraform state. Same name and value heuristics as GCR-PLAIN-SECRET-ENV. Prior art: CIS GCP 1.17/1.18 analogue.',
  source:
    '"Secret Manager overview", https://cloud.google.com/secret-manager/docs/overview; "app.yaml Configuration File" (env_variables), https://cloud.google.com/appengine/docs/standard/reference/app-yaml',
  appliesTo: VERSIONS,
  suppressible: true,
  check: (r, model) => {
    const env = field(r.config, 'env_variables');
    if (env === undefined) return undefined;
    if (env === UNKNOWN || !isObject(env)) return unknown('env_variables');
    const fix = 'read the secret from Secret Manager at startup (google-cloud-secret-manager) instead of env_variables';
    const results: RuleResult[] = [];
    for (const name of Object.keys(env)) {
      const problem = envProblem(name, env[name], model);
      if (problem !== undefined) results.push(envResult(problem, `env_variables.${name}`, fix));
    }
    return results;
  },
};

// ---------------------------------------------------------------------------------------------------------------------
// Images pinned by digest

export const CLOUD_RUN_IMAGE_DIGEST: TerraformRule<Pod> = {
  id: 'GCR-IMAGE-DIGEST',
  level: CheckLevel.WARNING,
  pack: Pack.SECURITY,
  title: 'Container images should be pinned by digest (@sha256:...)',
  explanation:
    'A tag (and :latest above all) can be moved to another image, so what runs is not what was reviewed, and a new revision can silently pick up a different image. A digest makes deployments reproducible and is what Binary Authorization attests. Prior art: none in checkov/KICS for Cloud Run (supply-chain guidance, SLSA).',
  source: '"Deploying container images to Cloud Run" (image digests), https://cloud.google.com/run/docs/deploying',
  appliesTo: CONTAINERS,
  suppressible: true,
  derive: podOf,
  check: (_r, _model, { at: template, containers }) => {
    if (containers === UNKNOWN) return unknown(`${template}.containers`);
    const results: RuleResult[] = [];
    for (const { container, at } of containers) {
      const image = field(container, 'image');
      if (image === UNKNOWN) {
        results.push(unknown(`${at}.image`));
        continue;
      }
      if (typeof image !== 'string' || image.includes('@sha256:')) continue;
      const attribute = `${at}.image`;
      const lastPart = image.slice(image.lastIndexOf('/') + 1);
      const tag = lastPart.includes(':') ? lastPart.slice(lastPart.indexOf(':') + 1) : undefined;
      results.push(
        fail(
          tag === undefined || tag === 'latest'
            ? `image ${image} uses ${tag ? 'the :latest tag' : 'no tag (so :latest)'}, which changes under the service`
            : `image ${image} is pinned by tag, which can be moved to another image`,
          `pin it by digest: ${image.replace(/:[^/:@]*$/, '')}@sha256:<digest> (gcloud artifacts docker images describe ${image})`,
          attribute,
        ),
      );
    }
    return results;
  },
};
