import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CheckLevel } from '../../../lib/core/levels';
import {
  BINARY_AUTHORIZATION_POLICY,
  CLOUD_RUN_ACCESS_RULES,
  cloudRunServiceAgent,
  KMS_CRYPTO_KEY,
} from '../../../lib/platform/cloud-run/access';
import { judge, only, onlyErrorsUnsuppressible, reported } from './judge';

const KEY = 'projects/my-project/locations/europe-west1/keyRings/ring/cryptoKeys/key';
const POLICY = 'projects/my-project/platforms/cloudRun/strict';

describe('GCR-ENCRYPTION-KEY', () => {
  test('a Cloud KMS key name passes; a key ring, a version or a short name fails with the value', () => {
    assert.ok(KMS_CRYPTO_KEY.test(KEY));
    assert.deepEqual(reported('GCR-ENCRYPTION-KEY', { encryptionKey: KEY }), []);
    assert.deepEqual(reported('GCR-ENCRYPTION-KEY', {}), []);
    for (const encryptionKey of [
      'projects/p/locations/l/keyRings/ring',
      `${KEY}/cryptoKeyVersions/1`,
      'key',
      '',
      ` ${KEY}`,
      'projects//locations/l/keyRings/r/cryptoKeys/k',
    ]) {
      const v = only('GCR-ENCRYPTION-KEY', { encryptionKey });
      assert.equal(v.fact, 'encryptionKey');
      assert.match(v.message, /is not a Cloud KMS key name/);
      assert.ok(v.message.includes(`'${encryptionKey}'`), encryptionKey);
      assert.match(v.fix, /cryptoKeys\/KEY/);
    }
    assert.equal(judge('GCR-ENCRYPTION-KEY', { encryptionKey: 'k' }, ['encryptionKey']).status, 'unknown');
  });

  test('the service agent that needs the key role', () => {
    assert.equal(cloudRunServiceAgent('123'), 'service-123@serverless-robot-prod.iam.gserviceaccount.com');
  });
});

describe('GCR-BINARY-AUTHORIZATION', () => {
  test('the default policy or a named one passes', () => {
    assert.ok(BINARY_AUTHORIZATION_POLICY.test('projects/my-project/platforms/cloudRun/policies/strict'));
    for (const binaryAuthorization of [
      { useDefault: true },
      { policy: POLICY },
      { policy: 'projects/my-project/platforms/cloudRun/policies/strict' },
      { useDefault: true, policy: '' },
      { useDefault: true, breakglassJustification: 'incident 42' },
      {},
    ])
      assert.deepEqual(reported('GCR-BINARY-AUTHORIZATION', { binaryAuthorization }), []);
    assert.deepEqual(reported('GCR-BINARY-AUTHORIZATION', {}), []);
  });

  test('both the default and a named policy: an error', () => {
    const v = only('GCR-BINARY-AUTHORIZATION', { binaryAuthorization: { useDefault: true, policy: POLICY } });
    assert.equal(v.fact, 'binaryAuthorization');
    assert.match(v.message, /use_default and a policy are both set/);
    assert.equal(v.level, undefined);
    assert.deepEqual(
      reported('GCR-BINARY-AUTHORIZATION', { binaryAuthorization: { useDefault: false, policy: POLICY } }),
      [],
    );
  });

  test('a policy that is not a Cloud Run policy name is named', () => {
    for (const policy of ['strict', 'projects/p/platforms/gke/strict', `${POLICY}/x/y`, ` ${POLICY}`]) {
      const v = only('GCR-BINARY-AUTHORIZATION', { binaryAuthorization: { policy } });
      assert.ok(v.message.includes(`policy '${policy}' is not a Cloud Run policy name`), policy);
      assert.match(v.fix, /platforms\/cloudRun\/NAME/);
    }
  });

  test('breakglass without the default policy is a warning only', () => {
    for (const binaryAuthorization of [
      { policy: POLICY, breakglassJustification: 'incident' },
      { useDefault: false, breakglassJustification: 'incident' },
    ]) {
      const v = only('GCR-BINARY-AUTHORIZATION', { binaryAuthorization });
      assert.equal(v.level, CheckLevel.WARNING);
      assert.match(v.message, /breakglass justification with use_default = true only/);
    }
    assert.deepEqual(
      reported('GCR-BINARY-AUTHORIZATION', { binaryAuthorization: { policy: POLICY, breakglassJustification: '' } }),
      [],
    );
  });

  test('every problem at once', () => {
    const { violations } = judge('GCR-BINARY-AUTHORIZATION', {
      binaryAuthorization: { useDefault: true, policy: 'strict' },
    });
    assert.equal(violations.length, 2);
    const all = judge('GCR-BINARY-AUTHORIZATION', {
      binaryAuthorization: { policy: 'x', breakglassJustification: 'y' },
    });
    assert.deepEqual(
      all.violations.map((v) => v.level),
      [undefined, CheckLevel.WARNING],
    );
    assert.equal(
      judge('GCR-BINARY-AUTHORIZATION', { binaryAuthorization: {} }, ['binaryAuthorization']).status,
      'unknown',
    );
  });
});

test('errors of these rules cannot be suppressed, warnings and notes can', () =>
  onlyErrorsUnsuppressible(CLOUD_RUN_ACCESS_RULES));
