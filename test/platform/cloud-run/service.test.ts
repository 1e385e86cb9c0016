import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CLOUD_RUN_RULES } from '../../../lib/platform/cloud-run';
import { CheckLevel } from '../../../lib/core/levels';
import { ResourceKind } from '../../../lib/platform/kinds';
import { CLOUD_RUN_SERVICE_NAME, CLOUD_RUN_SERVICE_RULES } from '../../../lib/platform/cloud-run/service';
import { judge, only, reported } from './judge';

const rule = (id: string) => CLOUD_RUN_SERVICE_RULES.find((r) => r.id === id)!;

describe('GCR-SERVICE-NAME', () => {
  test('49 characters pass, 50 fail with the count and the limit', () => {
    assert.equal(CLOUD_RUN_SERVICE_NAME.maxLength, 49);
    assert.deepEqual(reported('GCR-SERVICE-NAME', { name: 'a'.repeat(49) }), []);
    const v = only('GCR-SERVICE-NAME', { name: 'a'.repeat(50) });
    assert.equal(v.fact, 'name');
    assert.match(v.message, /has 50 characters; the limit is 49/);
    assert.match(v.fix, /49 characters or fewer/);
  });

  test('a name that is too long and badly shaped reports both, the shape with a suggested name', () => {
    const { violations } = judge('GCR-SERVICE-NAME', { name: `${'A'.repeat(50)}-` });
    assert.deepEqual(
      violations.map((v) => v.fact),
      ['name', 'name'],
    );
    assert.match(violations[0].message, /51 characters/);
    assert.match(violations[1].fix, new RegExp(`'${'a'.repeat(49)}'`));
  });

  test('shape: a letter first, no hyphen last, lowercase letters, digits and hyphens', () => {
    for (const ok of ['a', 'api', 'my-api-2', 'a1'])
      assert.deepEqual(reported('GCR-SERVICE-NAME', { name: ok }), [], ok);
    for (const bad of ['', '1api', '-api', 'api-', 'My-api', 'my_api', 'my api', 'xapi\n']) {
      const v = only('GCR-SERVICE-NAME', { name: bad });
      assert.match(v.message, /lowercase letters, digits and hyphens/, bad);
    }
    assert.match(only('GCR-SERVICE-NAME', { name: 'My_API' }).fix, /'my-api'/);
  });

  test('judges services, v1 services and worker pools; a token name is unknown', () => {
    assert.deepEqual(
      [...rule('GCR-SERVICE-NAME').appliesTo].sort(),
      [ResourceKind.CLOUD_RUN_SERVICE, ResourceKind.CLOUD_RUN_WORKER_POOL].sort(),
    );
    assert.equal(judge('GCR-SERVICE-NAME', { name: 'A' }, ['name']).status, 'unknown');
    assert.equal(judge('GCR-SERVICE-NAME', {}).status, 'pass');
  });
});

describe('GCR-REGION', () => {
  test('Cloud Run regions and global pass', () => {
    for (const region of ['us-central1', 'europe-west1', 'northamerica-northeast2', 'global', undefined])
      assert.deepEqual(reported('GCR-REGION', { region }), [], region);
  });

  test('the shape is words joined by hyphens and a number, so a region Google adds later passes too', () => {
    for (const region of ['xx-north-east12', 'me-central2']) assert.deepEqual(reported('GCR-REGION', { region }), []);
    assert.match(only('GCR-REGION', { region: 'xx-north-east' }).fix, /'xx-north-east1'/);
  });

  test('an App Engine location id is named and its Cloud Run region suggested', () => {
    const v = only('GCR-REGION', { region: 'us-central' });
    assert.equal(v.fact, 'region');
    assert.match(v.message, /'us-central' is an App Engine location id/);
    assert.match(v.fix, /'us-central1'/);
  });

  test('anything else gets the general shape', () => {
    for (const region of [
      'uscentral1',
      'US-CENTRAL1',
      'us-central1a',
      'us',
      'us-central1 ',
      ' global',
      'projects/p/locations/us-central1',
      '_us-central',
      'us-central-',
    ]) {
      const v = only('GCR-REGION', { region });
      assert.match(v.message, /looks like us-central1/, region);
      assert.match(v.fix, /region id such as us-central1/, region);
    }
  });

  test('a token region is unknown', () => {
    assert.equal(judge('GCR-REGION', { region: 'x' }, ['region']).status, 'unknown');
  });
});

describe('GCR-IMAGE', () => {
  test('a reference without spaces passes; empty or spaced fails', () => {
    assert.deepEqual(reported('GCR-IMAGE', { image: 'gcr.io/p/app:1' }), []);
    assert.deepEqual(reported('GCR-IMAGE', {}), []);
    for (const image of ['', ' ', 'gcr.io/p/app :1', ' gcr.io/p/app', 'gcr.io/p/app\n'])
      assert.deepEqual(reported('GCR-IMAGE', { image }), ['image'], JSON.stringify(image));
    assert.equal(judge('GCR-IMAGE', { image: '' }, ['image']).status, 'unknown');
  });
});

describe('GCR-PORT', () => {
  test('1 and 65535 pass; 0, 65536 and fractions fail', () => {
    for (const containerPort of [1, 8080, 65535]) assert.deepEqual(reported('GCR-PORT', { containerPort }), []);
    for (const containerPort of [0, -1, 65536, 80.5, Number.NaN]) {
      const v = only('GCR-PORT', { containerPort });
      assert.equal(v.fact, 'containerPort');
      assert.match(v.message, /1 to 65535/);
    }
    assert.equal(judge('GCR-PORT', { containerPort: 0 }, ['containerPort']).status, 'unknown');
  });
});

describe('GCR-LABELS', () => {
  test('each bad key and value is reported at its label', () => {
    assert.deepEqual(reported('GCR-LABELS', { labels: { env: 'prod' } }), []);
    const { violations } = judge('GCR-LABELS', { labels: { Env: 'prod', team: 'A B' } });
    assert.deepEqual(
      violations.map((v) => v.fact),
      ['labels.Env', 'labels.team'],
    );
    assert.match(violations[0].message, /label key 'Env'/);
    assert.equal(violations[0].fix, 'rename the key');
    assert.match(violations[1].message, /value of label 'team'/);
    assert.equal(violations[1].fix, 'change the value');
    assert.equal(judge('GCR-LABELS', { labels: { Env: 'x' } }, ['labels']).status, 'unknown');
  });
});

describe('GCR-GEN1', () => {
  test('gen1 with 1 vCPU or more (unset: 1) is noted; below 1 vCPU gen1 is required', () => {
    for (const cpu of [undefined, 1, 2]) {
      const v = only('GCR-GEN1', { executionEnvironment: 'GEN1', cpu });
      assert.equal(v.fact, 'executionEnvironment');
      assert.match(v.message, /gen1 execution environment/);
    }
    assert.deepEqual(reported('GCR-GEN1', { executionEnvironment: 'GEN1', cpu: 0.999 }), []);
    assert.deepEqual(reported('GCR-GEN1', { executionEnvironment: 'GEN2', cpu: 2 }), []);
    assert.deepEqual(reported('GCR-GEN1', {}), []);
  });

  test('a token CPU or environment leaves it unknown', () => {
    assert.equal(judge('GCR-GEN1', { executionEnvironment: 'GEN1', cpu: 0.5 }, ['cpu']).status, 'unknown');
    assert.equal(judge('GCR-GEN1', { executionEnvironment: 'GEN1' }, ['executionEnvironment']).status, 'unknown');
  });
});

describe('service account rules of Cloud Run', () => {
  test('GCR-SERVICE-ACCOUNT and GCR-DEFAULT-SA judge the serviceAccount fact of services, jobs and worker pools', () => {
    const v = only('GCR-SERVICE-ACCOUNT', { serviceAccount: { email: 'not-an-email', isDefault: false } });
    assert.equal(v.fact, 'serviceAccount');
    const d = only('GCR-DEFAULT-SA', {
      serviceAccount: { email: '123-compute@developer.gserviceaccount.com', isDefault: true },
    });
    assert.match(d.message, /the default compute service account/);
    for (const id of ['GCR-SERVICE-ACCOUNT', 'GCR-DEFAULT-SA']) {
      assert.deepEqual(
        [...rule(id).appliesTo].sort(),
        [
          ResourceKind.CLOUD_RUN_SERVICE,
          ResourceKind.CLOUD_RUN_SERVICE_V1,
          ResourceKind.CLOUD_RUN_JOB,
          ResourceKind.CLOUD_RUN_WORKER_POOL,
        ].sort(),
      );
      assert.match(rule(id).source, /service-identity/);
    }
  });
});

describe('service rule metadata', () => {
  test('platform rules are unsuppressible errors; gen1 is a suppressible cost note', () => {
    for (const id of ['GCR-SERVICE-NAME', 'GCR-REGION', 'GCR-IMAGE', 'GCR-PORT', 'GCR-LABELS']) {
      assert.equal(rule(id).level, CheckLevel.ERROR, id);
      assert.equal(rule(id).suppressible, false, id);
    }
    assert.equal(rule('GCR-GEN1').level, CheckLevel.INFO);
    assert.equal(rule('GCR-GEN1').suppressible, true);
    for (const r of CLOUD_RUN_SERVICE_RULES) assert.ok(CLOUD_RUN_RULES.includes(r), r.id);
  });
});
