/**
 * Container-level security rules for Cloud Run services (v1, v2) and jobs: runtime service account, secrets in plain
 * environment variables, images not pinned by digest.
 * @internal
 */
import { DEFAULT_SERVICE_ACCOUNTS } from '../../../platform/service-account';
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
import { CheckLevel, Pack } from '../../types';
import { type CheckRule, derivedRule, fail, type RuleResult, unknown } from '../rule';

const V2 = 'google_cloud_run_v2_service';
const JOB = 'google_cloud_run_v2_job';
const V1 = 'google_cloud_run_service';

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
// Default service accounts

/** Judges a service account value: `true` when it is the default one, `false` when a dedicated one, `UNKNOWN`. */
function isDefaultAccount(value: unknown, model: TerraformModel, defaultSuffix: string): boolean | Unknown {
  if (value === undefined || value === null || value === '') return true;
  const referenced = model.referenced(value);
  if (referenced) {
    if (referenced.type === 'google_service_account') return false;
    if (
      referenced.type === 'google_compute_default_service_account' ||
      referenced.type === 'google_app_engine_default_service_account'
    ) {
      return true;
    }
    return UNKNOWN;
  }
  if (typeof value !== 'string' || isUnknown(value)) return UNKNOWN;
  return value.endsWith(defaultSuffix);
}

export const CLOUD_RUN_DEFAULT_SA: CheckRule = derivedRule({
  id: 'GCR-DEFAULT-SA',
  level: CheckLevel.WARNING,
  pack: Pack.SECURITY,
  title:
    'Cloud Run services and jobs should run as a dedicated service account, not the default compute service account',
  explanation:
    'Without service_account (v2 template.service_account, job template.template.service_account, v1 template.spec.service_account_name) a revision runs as PROJECT_NUMBER-compute@developer.gserviceaccount.com, which has the Editor role on the project by default: any code execution in the container can change the project. A warning like GAE-DEFAULT-SA: the platform accepts it and the service works, but the account is a risky trade-off (errors are kept for what the platform rejects or what cannot work). Prior art: ecc-263, CKV_GCP_46-48 / Trivy GCP-0004/6/8 intent.',
  resourceTypes: [V2, JOB, V1],
  suppressible: true,
  derive: podOf,
  check: (r, model, { block, at }) => {
    const key = r.type === V1 ? 'service_account_name' : 'service_account';
    if (block === UNKNOWN) return unknown(at);
    const verdict = isDefaultAccount(block?.[key], model, DEFAULT_SERVICE_ACCOUNTS.cloudRun.suffix);
    if (verdict === false) return undefined;
    const attribute = `${at}.${key}`;
    if (verdict === UNKNOWN) return unknown(attribute);
    return fail(
      `the ${r.type === JOB ? 'job' : 'service'} runs as the default compute service account, which holds the Editor role on the project`,
      `create a google_service_account with only the roles the app needs and set ${attribute} to its email`,
      attribute,
    );
  },
});

export const APP_ENGINE_DEFAULT_SA: CheckRule = {
  id: 'GAE-DEFAULT-SA',
  level: CheckLevel.WARNING,
  pack: Pack.SECURITY,
  title: 'App Engine versions should run as a dedicated service account, not the App Engine default service account',
  explanation:
    'Without service_account a version runs as PROJECT_ID@appspot.gserviceaccount.com, which has the Editor role on the project by default. A user-managed service account per version is supported since 2023. Prior art: CKV_GCP_46-48 / Trivy GCP-0004/6/8 intent.',
  resourceTypes: ['google_app_engine_standard_app_version', 'google_app_engine_flexible_app_version'],
  suppressible: true,
  check: (r, model) => {
    const verdict = isDefaultAccount(r.config.service_account, model, DEFAULT_SERVICE_ACCOUNTS.appEngine.suffix);
    if (verdict === UNKNOWN) return unknown('service_account');
    return verdict
      ? fail(
          'the version runs as the App Engine default service account, which holds the Editor role on the project',
          'create a google_service_account with only the roles the app needs and set service_account to its email',
          'service_account',
        )
      : undefined;
  },
};

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

export const CLOUD_RUN_PLAIN_SECRET_ENV: CheckRule = derivedRule({
  id: 'GCR-PLAIN-SECRET-ENV',
  level: CheckLevel.ERROR,
  pack: Pack.SECURITY,
  title: 'Secrets must come from Secret Manager, not plain environment values',
  explanation:
    'An env value is stored in the revision configuration, readable by anyone with run.services.get and shown in the console and in Terraform state. Flags variables whose name says secret (PASSWORD, SECRET_KEY, API_KEY, TOKEN, ... but not *_URL, *_NAME, *_ID, *_FILE pointers) and values that look like keys (PEM, AWS, Google API keys, GitHub/Slack/Stripe tokens, URLs with passwords). Prior art: CIS GCP 1.17/1.18 analogue; not covered by checkov or KICS for Cloud Run.',
  resourceTypes: [V2, JOB, V1],
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
});

export const APP_ENGINE_PLAIN_SECRET_ENV: CheckRule = {
  id: 'GAE-PLAIN-SECRET-ENV',
  level: CheckLevel.ERROR,
  pack: Pack.SECURITY,
  title: 'Secrets must come from Secret Manager, not env_variables',
  explanation:
    'env_variables are stored in the version configuration, readable by anyone with appengine.versions.get and in Terraform state. Same name and value heuristics as GCR-PLAIN-SECRET-ENV. Prior art: CIS GCP 1.17/1.18 analogue.',
  resourceTypes: ['google_app_engine_standard_app_version', 'google_app_engine_flexible_app_version'],
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

export const CLOUD_RUN_IMAGE_DIGEST: CheckRule = derivedRule({
  id: 'GCR-IMAGE-DIGEST',
  level: CheckLevel.WARNING,
  pack: Pack.SECURITY,
  title: 'Container images should be pinned by digest (@sha256:...)',
  explanation:
    'A tag (and :latest above all) can be moved to another image, so what runs is not what was reviewed, and a new revision can silently pick up a different image. A digest makes deployments reproducible and is what Binary Authorization attests. Prior art: none in checkov/KICS for Cloud Run (supply-chain guidance, SLSA).',
  resourceTypes: [V2, JOB, V1],
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
});
