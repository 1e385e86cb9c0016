import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Testing } from 'cdktf';
import { AppEngineBackendStack } from '../../examples/app-engine-backend';
import { AppEngineWebStack } from '../../examples/app-engine-web';
import { only, synth, warnings } from '../support/synth';

describe('App Engine examples', () => {
  test('the automatic-scaling web app synthesizes with warmup, idle instances and derived concurrency', () => {
    const stack = new AppEngineWebStack(Testing.app(), 'app-engine-web');
    const json = synth(stack);
    const version = only(json, 'google_app_engine_standard_app_version');
    assert.equal(version.instance_class, 'F2');
    assert.deepEqual(version.inbound_services, ['INBOUND_SERVICE_WARMUP']);
    assert.equal(version.automatic_scaling.min_idle_instances, 1);
    assert.equal(version.automatic_scaling.max_concurrent_requests, 32);
    assert.equal(version.automatic_scaling.max_pending_latency, '0.500s');
    assert.equal(version.entrypoint.shell, 'gunicorn --bind :$PORT --workers 4 --threads 8 --timeout 0 main:app');
    assert.equal(only(json, 'google_app_engine_application').location_id, 'europe-west');
    assert.equal(only(json, 'google_service_account').account_id, 'default-gae');
    assert.match(version.service_account, /^\$\{google_service_account\.[^.]+\.email\}$/);
  });

  test('the basic-scaling backend synthesizes from its app.yaml', () => {
    const stack = new AppEngineBackendStack(Testing.app(), 'app-engine-backend');
    const json = synth(stack);
    const version = only(json, 'google_app_engine_standard_app_version');
    assert.equal(version.service, 'reports');
    assert.equal(only(json, 'google_service_account').account_id, 'reports-gae');
    assert.match(version.service_account, /^\$\{google_service_account\.[^.]+\.email\}$/);
    assert.equal(version.instance_class, 'B4');
    assert.deepEqual(version.basic_scaling, { max_instances: 3, idle_timeout: '900s' });
    assert.equal(version.handlers[0].login, 'LOGIN_ADMIN');
    assert.equal(version.delete_service_on_destroy, true);
    assert.deepEqual(warnings(stack), []);
  });
});
