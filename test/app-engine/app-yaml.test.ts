import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { AppEngineStandardService } from '../../lib/app-engine/app-engine-standard-service';
import { Deployment } from '../../lib/app-engine/deployment';
import { ValidationError } from '../../lib/core/validation';
import { newStack, only, resources, synth, warnings } from '../support/synth';

const deployment = Deployment.zip('https://storage.googleapis.com/b/app.zip');
function load(yaml: string) {
  const stack = newStack();
  AppEngineStandardService.fromAppYaml(stack, 'svc', { yaml, deployment });
  return { stack, json: only(synth(stack), 'google_app_engine_standard_app_version') };
}
/** The one error a broken app.yaml gives. */
function failure(yaml: string): ValidationError {
  try {
    AppEngineStandardService.fromAppYaml(newStack(), 'svc', { yaml, deployment });
  } catch (e) {
    assert.ok(e instanceof ValidationError, String(e));
    return e;
  }
  assert.fail('the app.yaml was accepted');
}
const lines = (e: ValidationError, level: 'problems' | 'warnings') =>
  e[level].map((p) => `${p.prop} = ${p.value}: ${p.rule}`);
function rejects(yaml: string, pattern: RegExp) {
  assert.throws(
    () => AppEngineStandardService.fromAppYaml(newStack(), 'svc', { yaml, deployment }),
    (e) => e instanceof ValidationError && pattern.test(e.message) && e.message.includes("'test/svc'"),
  );
}

describe('AppEngineStandardService.fromAppYaml', () => {
  test('a real automatic-scaling app.yaml: durations, warmup, handlers and VPC egress converted to API spellings', () => {
    const { json } = load(`runtime: python312
instance_class: F2
entrypoint: gunicorn -b :$PORT -w 4 --threads 4 --timeout 0 main:app
automatic_scaling:
  target_cpu_utilization: 0.65
  min_instances: 1
  max_instances: 10
  min_idle_instances: automatic
  min_pending_latency: 30ms
  max_pending_latency: automatic
  max_concurrent_requests: 16
inbound_services:
- warmup
env_variables:
  BUCKET: my-bucket
  RETRIES: 3
vpc_access_connector:
  name: projects/p/locations/us-central1/connectors/c
  egress_setting: all-traffic
handlers:
- url: /static
  static_dir: public
- url: /.*
  script: auto
  secure: always
  redirect_http_response_code: 301
`);
    assert.equal(json.instance_class, 'F2');
    assert.deepEqual(json.automatic_scaling, {
      max_concurrent_requests: 16,
      min_pending_latency: '0.030s',
      standard_scheduler_settings: { max_instances: 10, min_instances: 1, target_cpu_utilization: 0.65 },
    });
    assert.deepEqual(json.inbound_services, ['INBOUND_SERVICE_WARMUP']);
    assert.deepEqual(json.env_variables, { BUCKET: 'my-bucket', RETRIES: '3' });
    assert.equal(json.vpc_access_connector.egress_setting, 'ALL_TRAFFIC');
    assert.equal(json.handlers[0].url_regex, '/static/(.*)');
    assert.equal(json.handlers[0].static_files.path, 'public/\\1');
    assert.equal(json.handlers[1].redirect_http_response_code, 'REDIRECT_HTTP_RESPONSE_CODE_301');
  });

  test('basic scaling: 10m idle timeout becomes "600s"; without idle_timeout app.yaml\'s 5m is kept', () => {
    const yaml = 'runtime: python311\ninstance_class: B2\nbasic_scaling:\n  max_instances: 2\n';
    assert.equal(load(`${yaml}  idle_timeout: 10m\n`).json.basic_scaling.idle_timeout, '600s');
    const { json, stack } = load(yaml);
    assert.equal(json.basic_scaling.idle_timeout, '300s');
    assert.ok(warnings(stack).some((w) => w.includes('basic_scaling.idle_timeout') && w.includes('GAE-BILLING-TAIL')));
  });

  test("no entrypoint: App Engine's default command is written (the resource needs one), with a warning on gunicorn", () => {
    const { json, stack } = load('runtime: python312\n');
    assert.equal(json.entrypoint.shell, 'gunicorn -b :$PORT main:app');
    assert.ok(
      warnings(stack).some(
        (w) => w.startsWith('app.yaml entrypoint = undefined (not set): no entrypoint') && /requirements\.txt/.test(w),
      ),
    );
  });

  test('no entrypoint, with applyRecommendations: gunicorn with the workers of the class', () => {
    const stack = newStack();
    AppEngineStandardService.fromAppYaml(stack, 'svc', {
      yaml: 'runtime: python312\n',
      deployment,
      applyRecommendations: true,
    });
    assert.equal(
      only(synth(stack), 'google_app_engine_standard_app_version').entrypoint.shell,
      'gunicorn --bind :$PORT --workers 2 --threads 8 --timeout 0 main:app',
    );
  });

  test('keys without effect on python3 are reported by name as warnings', () => {
    const { stack } = load('runtime: python312\nthreadsafe: true\nlibraries:\n- name: ssl\n  version: latest\n');
    const w = warnings(stack);
    assert.ok(w.some((x) => x.startsWith('app.yaml threadsafe')));
    assert.ok(w.some((x) => x.startsWith('app.yaml libraries')));
  });

  test('misspelt and unknown keys are errors naming the key, with a suggestion', () => {
    rejects(
      'runtime: python312\nautomatic_scaling:\n  max_concurent_requests: 5\n',
      /automatic_scaling\.max_concurent_requests.*did you mean 'max_concurrent_requests'/,
    );
    rejects('runtime: python312\nhandlers:\n- url: /.*\n  scrpit: auto\n', /handlers\[0\]\.scrpit/);
    rejects(
      'runtime: python312\nbuild_env_variables:\n  A: b\n',
      /build_env_variables.*cannot be deployed through Terraform/,
    );
  });

  test('wrong types, malformed YAML, missing runtime and flex are clear errors', () => {
    rejects('runtime: python312\nmanual_scaling:\n  instances: two\n', /manual_scaling\.instances = 'two'/);
    rejects('runtime: python312\n  entrypoint: [gunicorn\n', /malformed YAML/);
    rejects('service: api\n', /'runtime' is required/);
    rejects('runtime: python312\nenv: flex\n', /env = 'flex'.*standard environment/);
    rejects('runtime: nodejs20\n', /app\.yaml runtime = 'nodejs20': .*not a Python runtime \[GAE-PYTHON-RUNTIME\]/);
    rejects('- runtime\n', /must be a mapping/);
  });

  test('platform rules are reported under app.yaml keys', () => {
    rejects(
      'runtime: python312\ninstance_class: F1\nbasic_scaling:\n  max_instances: 2\n',
      /app\.yaml instance_class = 'F1'.*GAE-CLASS-SCALING/,
    );
    rejects(
      'runtime: python312\nautomatic_scaling:\n  target_cpu_utilization: 0.2\n',
      /app\.yaml automatic_scaling\.target_cpu_utilization = 0\.2/,
    );
    rejects('runtime: python312\nenv_variables:\n  GAE_VERSION: x\n', /app\.yaml env_variables.*GAE-ENV-NAME/);
    rejects(
      'runtime: python312\nautomatic_scaling:\n  min_pending_latency: 2s\n  max_pending_latency: 30ms\n',
      /GAE-PENDING-LATENCY/,
    );
  });

  test('service account: as the file says (the App Engine default when it names none, warned about); a dedicated one with applyRecommendations', () => {
    const asWritten = load('runtime: python312\nservice: worker\n');
    assert.equal(asWritten.json.service_account, undefined);
    assert.deepEqual(resources(synth(asWritten.stack), 'google_service_account'), {});
    assert.ok(
      warnings(asWritten.stack).some(
        (w) => w.startsWith('app.yaml service_account = undefined') && w.includes('[GAE-DEFAULT-SA]'),
      ),
    );
    // serviceAccountEmail names the App Engine default account, read through its data source.
    assert.equal(Object.keys(synth(asWritten.stack).data.google_app_engine_default_service_account).length, 1);

    const stack = newStack();
    AppEngineStandardService.fromAppYaml(stack, 'svc', {
      yaml: 'runtime: python312\nservice: worker\n',
      deployment,
      applyRecommendations: true,
    });
    const json = synth(stack);
    const [[name, account]] = Object.entries(resources(json, 'google_service_account'));
    assert.equal(account.account_id, 'worker-gae');
    assert.equal(
      only(json, 'google_app_engine_standard_app_version').service_account,
      `\${google_service_account.${name}.email}`,
    );

    const given = load('runtime: python312\nservice_account: worker@p.iam.gserviceaccount.com\n');
    assert.equal(given.json.service_account, 'worker@p.iam.gserviceaccount.com');
    assert.deepEqual(resources(synth(given.stack), 'google_service_account'), {});

    const appspot = load('runtime: python312\nservice_account: p@appspot.gserviceaccount.com\n');
    assert.equal(appspot.json.service_account, 'p@appspot.gserviceaccount.com');
    assert.ok(
      warnings(appspot.stack).some(
        (w) =>
          w.startsWith("app.yaml service_account = 'p@appspot.gserviceaccount.com'") &&
          w.includes('Editor role') &&
          w.includes('[GAE-DEFAULT-SA]'),
      ),
    );
  });

  test('files: read from disk; a missing file is named', () => {
    const dir = mkdtempSync(join(tmpdir(), 'appyaml-'));
    const file = join(dir, 'app.yaml');
    writeFileSync(file, 'runtime: python312\nservice: worker\n');
    const stack = newStack();
    AppEngineStandardService.fromAppYaml(stack, 'svc', { file, deployment });
    assert.equal(only(synth(stack), 'google_app_engine_standard_app_version').service, 'worker');
    assert.throws(
      () => AppEngineStandardService.fromAppYaml(newStack(), 'svc', { file: join(dir, 'nope.yaml'), deployment }),
      (e) => e instanceof ValidationError && e.message.includes('nope.yaml') && /no such file/.test(e.message),
    );
    assert.throws(
      () => AppEngineStandardService.fromAppYaml(newStack(), 'svc', { deployment }),
      (e) =>
        e instanceof ValidationError &&
        /yaml, file = (both|neither) given: fromAppYaml needs exactly one of yaml/.test(e.message),
    );
  });
});

describe('fromAppYaml: a broken app.yaml reports every problem at once', () => {
  test('a misspelt key does not hide an invalid instance class, nor the note on threadsafe', () => {
    const e = failure(
      'runtime: python312\nthreadsafe: true\nautomatic_scalling:\n  max_instances: 3\ninstance_class: F9\n',
    );
    assert.deepEqual(lines(e, 'problems'), [
      `app.yaml automatic_scalling = {"max_instances":3}: unknown key 'automatic_scalling'`,
      "app.yaml instance_class = 'F9': 'F9' is not an App Engine standard instance class",
    ]);
    assert.match(e.message, /did you mean 'automatic_scaling'\?/);
    assert.match(e.message, /GAE-INSTANCE-CLASS/);
    assert.deepEqual(lines(e, 'warnings'), [
      "app.yaml threadsafe = true: 'threadsafe' has no effect on python3 runtimes",
      'app.yaml service_account = undefined (not set): it runs as the App Engine default service account, which usually holds the Editor role, so a compromised app gets the whole project',
      'app.yaml handlers = 0 handler(s): no handler is written, so the default handler serves the app over plain HTTP too',
      "app.yaml entrypoint = undefined (not set): no entrypoint, and the Terraform resource needs one: App Engine's default 'gunicorn -b :$PORT main:app' is written. App Engine installs gunicorn itself only for versions without an entrypoint",
    ]);
    assert.match(e.message, /has 2 problems:[\s\S]*\nand 4 warnings:\n {2}- app\.yaml threadsafe = true/);
  });

  test('a python27 app.yaml half migrated: type errors, unknown keys, unsupported keys and rules, all in one error', () => {
    const e = failure(`runtime: python27
api_version: 1
service: Reports
instance_class: B2
basic_scaling:
  max_instances: three
  idle_timeout: 10m
env_variables:
  GAE_VERSION: batch
  RETRIES: [1, 2]
inbound_services:
- warmup
handlers:
- url: /static
  static_dir: 5
- url: /.*
  scrpit: main.app
  secure: sometimes
error_handlers:
- file: oops.html
`);
    const props = e.problems.map((p) => p.prop);
    for (const prop of [
      'app.yaml error_handlers',
      'app.yaml basic_scaling.max_instances',
      'app.yaml env_variables.RETRIES',
      'app.yaml handlers[0].static_dir',
      'app.yaml handlers[1].scrpit',
      'app.yaml handlers[1].secure',
      'app.yaml runtime',
      'app.yaml service',
      'app.yaml env_variables.GAE_VERSION',
    ]) {
      assert.ok(props.includes(prop), `${prop} missing from:\n${e.message}`);
    }
    assert.match(e.message, /service = 'Reports'.*GAE-SERVICE-ID/);
    assert.match(
      e.message,
      /app\.yaml env_variables\.GAE_VERSION = 'batch': 'GAE_VERSION' is set by the App Engine runtime.*GAE-ENV-NAME/,
    );
    assert.deepEqual(lines(e, 'warnings'), [
      "app.yaml api_version = 1: 'api_version' has no effect on python3 runtimes",
      'app.yaml service_account = undefined (not set): it runs as the App Engine default service account, which usually holds the Editor role, so a compromised app gets the whole project',
      "app.yaml entrypoint = undefined (not set): no entrypoint, and the Terraform resource needs one: App Engine's default 'gunicorn -b :$PORT main:app' is written. App Engine installs gunicorn itself only for versions without an entrypoint",
    ]);
    // Nothing is judged on a value the user did not write: the scaling block and the handler kinds were set aside.
    assert.doesNotMatch(e.message, /GAE-CLASS-SCALING|GAE-WARMUP-SCALING|exactly one of script/);
  });

  test('a misspelt scaling block is not judged as the automatic scaling it would default to', () => {
    const e = failure('runtime: python312\ninstance_class: B4\nbasic_scalling:\n  max_instances: 2\n');
    assert.deepEqual(lines(e, 'problems'), [
      `app.yaml basic_scalling = {"max_instances":2}: unknown key 'basic_scalling'`,
    ]);
    assert.doesNotMatch(e.message, /GAE-CLASS-SCALING/);
  });

  test('a missing runtime, a misspelt nested key and a range violation together', () => {
    const e = failure(
      'service: api\nautomatic_scaling:\n  target_cpu_utilization: 0.2\n  max_concurent_requests: 5\n  max_instances: 4\n',
    );
    assert.deepEqual(
      e.problems.map((p) => p.prop),
      [
        'app.yaml automatic_scaling.max_concurent_requests',
        'app.yaml runtime',
        'app.yaml automatic_scaling.target_cpu_utilization',
      ],
    );
    assert.match(e.message, /did you mean 'max_concurrent_requests'/);
    assert.match(e.message, /'runtime' is required/);
    assert.match(e.message, /target_cpu_utilization = 0\.2.*GAE-UTILIZATION-RANGE/);
    assert.doesNotMatch(e.message, /GAE-MAX-CONCURRENT-REQUESTS|GAE-SERVER-CAPACITY/);
  });

  test('a handler without url, a wrong block type and a bad duration from a file on disk', () => {
    const dir = mkdtempSync(join(tmpdir(), 'appyaml-'));
    const file = join(dir, 'app.yaml');
    writeFileSync(
      file,
      `runtime: python312
instance_class: F2
entrypoint: gunicorn -b :$PORT --workers 4 --timeout 0 main:app
automatic_scaling:
  min_pending_latency: soon
  max_instances: 5
vpc_access_connector: projects/p/locations/us-central1/connectors/c
handlers:
- script: auto
`,
    );
    let error: unknown;
    try {
      AppEngineStandardService.fromAppYaml(newStack(), 'svc', { file, deployment });
    } catch (e) {
      error = e;
    }
    assert.ok(error instanceof ValidationError);
    assert.deepEqual(error.problems.map((p) => [p.prop, p.rule]).sort(), [
      [`${file} automatic_scaling.min_pending_latency`, 'not a duration'],
      [`${file} handlers[0].url`, "'handlers[0].url' is required"],
      [`${file} vpc_access_connector`, 'wrong value: Invalid input: expected object, received string'],
    ]);
  });

  test('a second scaling block set aside for a wrong value still counts as a second block', () => {
    const e = failure(
      'runtime: python312\nautomatic_scaling:\n  max_instances: 2\nbasic_scaling:\n  max_instances: lots\n',
    );
    assert.deepEqual(
      e.problems.map((p) => p.prop),
      ['app.yaml basic_scaling.max_instances', 'app.yaml automatic_scaling, basic_scaling'],
    );
    assert.match(e.message, /only one scaling element may be given/);
  });

  test('only unusable input stops early', () => {
    for (const [yaml, pattern] of [
      ['runtime: python312\nunknown_key: 1\n  entrypoint: [gunicorn\n', /malformed YAML/],
      ['- runtime: python312\n- instance_class: F9\n', /must be a mapping/],
    ] as const) {
      const e = failure(yaml);
      assert.ok(
        e.problems.every((p) => pattern.test(p.rule)),
        e.message,
      );
      assert.doesNotMatch(e.message, /unknown key|GAE-INSTANCE-CLASS/);
    }
  });
});
