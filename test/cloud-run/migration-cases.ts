/**
 * The registry's fixtures for the findings of an app.yaml migration (MIGRATE-*): an app.yaml that gives the finding
 * and one that does not, judged through the migration itself.
 */
import { migrateAppYaml } from '../../lib/cloud-run/from-app-yaml';
import { MigrationFinding } from '../../lib/platform/migration';
import { IMAGE } from '../support/cloud-run';

type Status = 'pass' | 'fail';

/** Whether migrating `yaml` gives a finding of `ruleId`. */
export function migrationStatus(ruleId: string, yaml: string): Status {
  const { problems } = migrateAppYaml({ yaml, image: IMAGE, region: 'europe-west1' });
  return problems.some((p) => p.ruleId === ruleId) ? 'fail' : 'pass';
}

const NEVER_UNKNOWN = 'the finding reads app.yaml keys, and YAML text cannot hold a cdktf token';

/** A case: the app.yaml without the finding, and the one with it. */
const c = (ruleId: MigrationFinding, pass: string, fail: string) => ({
  pass: () => migrationStatus(ruleId, pass),
  fail: () => migrationStatus(ruleId, fail),
  neverUnknown: NEVER_UNKNOWN,
});

/** The smallest app.yaml that names a service account, sets concurrency and has an entrypoint gunicorn reads. */
const CLEAN = `runtime: python312
service_account: app@p.iam.gserviceaccount.com
entrypoint: gunicorn -b :$PORT -w 2 --threads 4 main:app
automatic_scaling:
  max_concurrent_requests: 8
`;

export const MIGRATION_CASES = {
  [MigrationFinding.MAPPED]: c(MigrationFinding.MAPPED, 'runtime: python312\n', `${CLEAN}`),
  [MigrationFinding.DEFAULT]: c(
    MigrationFinding.DEFAULT,
    // Every default written explicitly is about a key: none is left out only when the file cannot be read.
    'runtime: [python312\n',
    'runtime: python312\n',
  ),
  [MigrationFinding.ENTRYPOINT]: c(MigrationFinding.ENTRYPOINT, 'runtime: python312\n', CLEAN),
  [MigrationFinding.NOT_APPLICABLE]: c(
    MigrationFinding.NOT_APPLICABLE,
    'service: api\n',
    'service: api\nautomatic_scaling:\n  target_cpu_utilization: 0.7\n',
  ),
  [MigrationFinding.MANUAL_STEP]: c(
    MigrationFinding.MANUAL_STEP,
    CLEAN,
    `${CLEAN}error_handlers:\n- file: oops.html\n`,
  ),
  [MigrationFinding.STATIC_FILES]: c(
    MigrationFinding.STATIC_FILES,
    CLEAN,
    `${CLEAN}handlers:\n- url: /static\n  static_dir: static\n`,
  ),
  [MigrationFinding.LOGIN]: c(
    MigrationFinding.LOGIN,
    `${CLEAN}handlers:\n- url: /.*\n  script: auto\n`,
    `${CLEAN}handlers:\n- url: /.*\n  script: auto\n  login: required\n`,
  ),
  [MigrationFinding.PUBLIC]: c(
    MigrationFinding.PUBLIC,
    `${CLEAN}handlers:\n- url: /.*\n  script: auto\n  login: admin\n`,
    `${CLEAN}handlers:\n- url: /.*\n  script: auto\n`,
  ),
  [MigrationFinding.SERVICE_ACCOUNT]: c(MigrationFinding.SERVICE_ACCOUNT, CLEAN, 'runtime: python312\n'),
  [MigrationFinding.WARMUP]: c(MigrationFinding.WARMUP, CLEAN, `${CLEAN}inbound_services:\n- warmup\n`),
  [MigrationFinding.REQUEST_TIMEOUT]: c(
    MigrationFinding.REQUEST_TIMEOUT,
    CLEAN,
    'runtime: python312\nentrypoint: gunicorn -b :$PORT --threads 8 main:app\nmanual_scaling:\n  instances: 1\n',
  ),
  [MigrationFinding.BUNDLED_SERVICES]: c(MigrationFinding.BUNDLED_SERVICES, CLEAN, `${CLEAN}app_engine_apis: true\n`),
};
