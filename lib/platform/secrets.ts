/**
 * Secrets written as plain environment values, for both platforms: the names that say a variable holds a secret and
 * the values that look like one. An env value is stored in the revision or version configuration, readable by anyone
 * who can read the service and kept in Terraform state. Sources: "Configure secrets for services"
 * (https://cloud.google.com/run/docs/configuring/services/secrets); "Secret Manager overview"
 * (https://cloud.google.com/secret-manager/docs/overview).
 */

/** A plain (not Secret Manager) environment variable as the secret rules see it. */
export interface PlainEnv {
  readonly name: string;
  /** The value when it is a literal. */
  readonly value?: string;
  /** True when the value is filled from a variable, reference or function: still stored in the configuration. */
  readonly valueFromReference?: boolean;
}

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
  // The user name may be empty (`redis://:password@host`, as redis-py and Celery read it).
  [/^[a-z][a-z0-9+.-]*:\/\/[^/\s:@]*:[^/\s@]+@/, 'a URL with an embedded password'],
];

const CAMEL_BOUNDARY = /([a-z0-9])([A-Z])/g;
const NON_WORD = /[^A-Z0-9]/;

/** True when an environment variable name says it holds a secret. */
export function isSecretName(name: string): boolean {
  const words = name.replace(CAMEL_BOUNDARY, '$1_$2').toUpperCase().split(NON_WORD).filter(Boolean);
  if (POINTER_WORDS.has(words[words.length - 1])) return false;
  // After the last word the pair is `WORD_undefined`, which is no pair.
  return words.some((word, i) => SECRET_WORDS.has(word) || SECRET_PAIRS.has(`${word}_${words[i + 1]}`));
}

/** What a value looks like, when it looks like a secret. */
export function secretValueKind(value: string): string | undefined {
  if (value.length < 8) return undefined;
  for (const [pattern, kind] of SECRET_VALUES) if (pattern.test(value)) return kind;
  return undefined;
}

/**
 * What is wrong with one plain variable, if anything: its name says it holds a secret, or its literal value looks
 * like one. An empty value holds nothing.
 */
export function plainSecretProblem(v: PlainEnv): string | undefined {
  const written = v.valueFromReference === true || (v.value !== undefined && v.value !== '');
  if (!written) return undefined;
  if (isSecretName(v.name)) {
    return `environment variable ${v.name} holds a secret in plain text${v.valueFromReference ? ' (filled from a variable or reference, but still stored in the configuration)' : ''}; anyone who can read the configuration can read it`;
  }
  const kind = v.value === undefined ? undefined : secretValueKind(v.value);
  return kind ? `environment variable ${v.name} holds what looks like ${kind} in plain text` : undefined;
}
