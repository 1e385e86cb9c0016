/**
 * `runtimeIdentity`: who a raw resource runs as, its service account value followed through the configuration.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { runtimeIdentity } from '../../../lib/checks/facts/identity';
import { TerraformModel, UNKNOWN } from '../../../lib/checks/model';
import { DEFAULT_SERVICE_ACCOUNTS } from '../../../lib/platform/service-account';

const RUN = DEFAULT_SERVICE_ACCOUNTS.cloudRun;
const GAE = DEFAULT_SERVICE_ACCOUNTS.appEngine;

const model = new TerraformModel({
  resource: {
    google_service_account: { run: { account_id: 'run-sa' } },
    google_storage_bucket: { b: { name: 'b', location: 'EU' } },
  },
  data: {
    google_compute_default_service_account: { default: {} },
    google_app_engine_default_service_account: { default: {} },
  },
});

describe('runtimeIdentity', () => {
  test('no account written (unset, null, empty) is the platform default', () => {
    for (const value of [undefined, null, '']) {
      assert.deepEqual(runtimeIdentity(value, model, RUN), { isDefault: true }, String(value));
      assert.deepEqual(runtimeIdentity(value, undefined, GAE), { isDefault: true }, String(value));
    }
  });

  test('an email: the default when it ends with the platform suffix', () => {
    const compute = '123-compute@developer.gserviceaccount.com';
    assert.deepEqual(runtimeIdentity(compute, model, RUN), { email: compute, isDefault: true });
    assert.deepEqual(runtimeIdentity(compute, model, GAE), { email: compute, isDefault: false });
    const own = 'api@p.iam.gserviceaccount.com';
    assert.deepEqual(runtimeIdentity(own, undefined, RUN), { email: own, isDefault: false });
  });

  test('a reference: to an account of its own, dedicated; to a default account data source, the default', () => {
    assert.deepEqual(runtimeIdentity('${google_service_account.run.email}', model, RUN), { isDefault: false });
    assert.deepEqual(runtimeIdentity('${google_service_account.run[0].email}', model, RUN), { isDefault: false });
    assert.deepEqual(runtimeIdentity('${data.google_compute_default_service_account.default.email}', model, RUN), {
      isDefault: true,
    });
    assert.deepEqual(runtimeIdentity('${data.google_app_engine_default_service_account.default.email}', model, GAE), {
      isDefault: true,
    });
  });

  test('a reference to anything else, a variable, or a reference without the model is unknown', () => {
    assert.equal(runtimeIdentity('${google_storage_bucket.b.name}', model, RUN), UNKNOWN);
    assert.equal(runtimeIdentity('${var.sa}', model, RUN), UNKNOWN);
    assert.equal(runtimeIdentity('${google_service_account.run.email}', undefined, RUN), UNKNOWN);
    assert.equal(runtimeIdentity('sa-${var.env}@p.iam.gserviceaccount.com', model, RUN), UNKNOWN);
    assert.equal(runtimeIdentity(42, model, RUN), UNKNOWN);
  });
});
