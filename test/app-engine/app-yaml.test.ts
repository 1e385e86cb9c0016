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

  test('no entrypoint: gunicorn with the workers of the class', () => {
    assert.equal(
      load('runtime: python312\n').json.entrypoint.shell,
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
    rejects('runtime: nodejs20\n', /python3 apps only/);
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
    rejects('runtime: python312\nenv_variables:\n  GAE_FOO: x\n', /app\.yaml env_variables.*GAE-ENV-NAME/);
    rejects(
      'runtime: python312\nautomatic_scaling:\n  min_pending_latency: 2s\n  max_pending_latency: 30ms\n',
      /GAE-PENDING-LATENCY/,
    );
  });

  test('service account: a dedicated one by default; app.yaml service_account wins and the appspot default warns', () => {
    const dedicated = load('runtime: python312\nservice: worker\n');
    const [[name, account]] = Object.entries(resources(synth(dedicated.stack), 'google_service_account'));
    assert.equal(account.account_id, 'worker-gae');
    assert.equal(dedicated.json.service_account, `\${google_service_account.${name}.email}`);

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
          w.includes('remove service_account to get a dedicated account'),
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
      (e) => e instanceof ValidationError && /exactly one of yaml/.test(e.message),
    );
  });
});
