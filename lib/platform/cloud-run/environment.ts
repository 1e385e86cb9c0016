/**
 * The environment of a Cloud Run container: variable names, values, and references to Secret Manager secrets.
 * Sources: "Configure environment variables for services"
 * (https://cloud.google.com/run/docs/configuring/services/environment-variables); "Container runtime contract"
 * (https://cloud.google.com/run/docs/container-contract), environment variables; "Configure secrets for services"
 * (https://cloud.google.com/run/docs/configuring/services/secrets).
 */
import { CheckLevel } from '../../core/levels';
import { Pack } from '../rule';
import {
  type CloudRunRule,
  type CloudRunViolation,
  type CloudRunWorkload,
  CONTAINERS,
  type EnvFacts,
  workloadOf,
  workloadName,
} from './facts';

/** Environment variable names: C identifiers. */
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Variables Cloud Run sets in the containers of each workload (container runtime contract), which cannot be set. */
export const CLOUD_RUN_RESERVED_ENV: Readonly<Record<CloudRunWorkload, ReadonlySet<string>>> = {
  service: new Set(['PORT', 'K_SERVICE', 'K_REVISION', 'K_CONFIGURATION']),
  job: new Set([
    'CLOUD_RUN_JOB',
    'CLOUD_RUN_EXECUTION',
    'CLOUD_RUN_TASK_INDEX',
    'CLOUD_RUN_TASK_ATTEMPT',
    'CLOUD_RUN_TASK_COUNT',
  ]),
  'worker-pool': new Set(['CLOUD_RUN_WORKER_POOL', 'CLOUD_RUN_WORKER_POOL_REVISION']),
};
/** The longest value of one variable, in characters. */
export const CLOUD_RUN_ENV_VALUE_MAX = 32768;
/** A secret: its id in the service's project, or its full resource name. */
const SECRET = /^([a-zA-Z0-9_-]{1,255}|projects\/[^/]+\/secrets\/[a-zA-Z0-9_-]{1,255})$/;
/** A secret version: `latest` or a version number. */
const SECRET_VERSION = /^(latest|[1-9][0-9]*)$/;

const ENV_SOURCE =
  '"Configure environment variables for services", https://cloud.google.com/run/docs/configuring/services/environment-variables';

/**
 * The violations of one check applied to every variable, each attached to its variable (`env.<index>`); undefined,
 * and nothing allocated, when there is none.
 */
function eachVariable(
  env: readonly EnvFacts[] | undefined,
  judge: (variable: EnvFacts, index: number, env: readonly EnvFacts[]) => Omit<CloudRunViolation, 'fact'> | undefined,
): CloudRunViolation[] | undefined {
  let violations: CloudRunViolation[] | undefined;
  if (env === undefined) return violations;
  for (let i = 0; i < env.length; i++) {
    const v = judge(env[i], i, env);
    if (v) (violations ??= []).push({ fact: `env.${i}`, ...v });
  }
  return violations;
}

// The judges of each variable, defined once (a closure made in every check would be an allocation per resource).
const badName = ({ name }: EnvFacts) =>
  ENV_NAME.test(name)
    ? undefined
    : {
        message: `'${name}' is not a valid environment variable name: names are C identifiers (letters, digits, underscores, not starting with a digit)`,
        fix: `rename it, e.g. '${name.replace(/[^A-Za-z0-9_]/g, '_').replace(/^([0-9])/, '_$1')}'`,
      };
const reservedIn = (workload: CloudRunWorkload) => {
  const names = CLOUD_RUN_RESERVED_ENV[workload];
  return ({ name }: EnvFacts) =>
    names.has(name)
      ? {
          message: `${name} is set by Cloud Run in every ${workloadName({ workload })} container (container runtime contract) and cannot be set`,
          fix: 'remove it; read it at runtime instead',
        }
      : undefined;
};
const RESERVED = {
  service: reservedIn('service'),
  job: reservedIn('job'),
  'worker-pool': reservedIn('worker-pool'),
} as const;
const tooLong = ({ name, valueLength }: EnvFacts) =>
  (valueLength ?? 0) > CLOUD_RUN_ENV_VALUE_MAX
    ? {
        message: `the value of ${name} has ${valueLength} characters; an environment variable value holds at most ${CLOUD_RUN_ENV_VALUE_MAX}`,
        fix: 'store large values in Secret Manager or Cloud Storage',
      }
    : undefined;
/** A variable whose name an earlier one already has. */
const setAgain = ({ name }: EnvFacts, index: number, env: readonly EnvFacts[]) => {
  for (let j = 0; j < index; j++) {
    if (env[j].name === name) {
      return {
        message: `${name} is set twice; Cloud Run takes exactly one value per variable`,
        fix: `set ${name} once, either as a value or from a secret`,
      };
    }
  }
  return undefined;
};

export const CLOUD_RUN_ENVIRONMENT_RULES: readonly CloudRunRule[] = [
  {
    id: 'GCR-ENV-NAME',
    pack: Pack.PLATFORM,
    level: CheckLevel.ERROR,
    suppressible: false,
    appliesTo: CONTAINERS,
    title: 'Environment variable names are C identifiers: letters, digits and underscores, not starting with a digit',
    explanation: 'The API rejects other variable names.',
    source: ENV_SOURCE,
    reads: ['env'],
    check: ({ env }) => eachVariable(env, badName),
  },
  {
    id: 'GCR-ENV-RESERVED',
    pack: Pack.PLATFORM,
    level: CheckLevel.ERROR,
    suppressible: false,
    appliesTo: CONTAINERS,
    title:
      'Variables Cloud Run sets cannot be set: PORT and K_* in services, CLOUD_RUN_JOB/EXECUTION/TASK_* in jobs, CLOUD_RUN_WORKER_POOL(_REVISION) in worker pools',
    explanation:
      'The container runtime contract reserves these variables in every container of the workload: "The environment variables defined in the container runtime contract are reserved and cannot be set."',
    source:
      '"Container runtime contract" (environment variables), https://cloud.google.com/run/docs/container-contract; "Configure environment variables for services", https://cloud.google.com/run/docs/configuring/services/environment-variables',
    reads: ['env', 'workload'],
    check: (f) => eachVariable(f.env, RESERVED[workloadOf(f)]),
  },
  {
    id: 'GCR-ENV-VALUE-LENGTH',
    pack: Pack.PLATFORM,
    level: CheckLevel.ERROR,
    suppressible: false,
    appliesTo: CONTAINERS,
    title: 'An environment variable value holds at most 32768 characters',
    explanation: 'Longer values are rejected; large configuration belongs in Secret Manager or Cloud Storage.',
    source: ENV_SOURCE,
    reads: ['env'],
    check: ({ env }) => eachVariable(env, tooLong),
  },
  {
    id: 'GCR-ENV-DUPLICATE',
    pack: Pack.PLATFORM,
    level: CheckLevel.ERROR,
    suppressible: false,
    appliesTo: CONTAINERS,
    title: 'A variable is set once, as a value or as a secret',
    explanation: 'Cloud Run takes exactly one value per variable; a name set twice is rejected.',
    source: ENV_SOURCE,
    reads: ['env'],
    check: ({ env }) => eachVariable(env, setAgain),
  },
  {
    id: 'GCR-SECRET-REF',
    pack: Pack.PLATFORM,
    level: CheckLevel.ERROR,
    suppressible: false,
    appliesTo: CONTAINERS,
    title: "A secret is its id or projects/<project>/secrets/<id>; its version 'latest' or a number",
    explanation: 'The API rejects other secret references.',
    source: '"Configure secrets for services", https://cloud.google.com/run/docs/configuring/services/secrets',
    reads: ['env'],
    check: ({ env }) => {
      let violations: CloudRunViolation[] | undefined;
      for (let i = 0; i < (env ?? []).length; i++) {
        const { secret, secretVersion } = env![i];
        if (secret !== undefined && !SECRET.test(secret)) {
          (violations ??= []).push({
            fact: `env.${i}.secret`,
            message: `'${secret}' is not a secret: a secret is its id or projects/<project>/secrets/<id>`,
            fix: "use e.g. 'db-password'",
          });
        }
        if (secretVersion !== undefined && !SECRET_VERSION.test(secretVersion)) {
          (violations ??= []).push({
            fact: `env.${i}.secretVersion`,
            message: `'${secretVersion}' is not a secret version: a secret version is 'latest' or a version number`,
            fix: "use 'latest' or e.g. '3'",
          });
        }
      }
      return violations;
    },
  },
];
