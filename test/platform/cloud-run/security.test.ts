import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CheckLevel } from '../../../lib/core/levels';
import { ResourceKind } from '../../../lib/platform/kinds';
import { CLOUD_RUN_SECURITY_RULES, ingressOfV1, ingressOfV2 } from '../../../lib/platform/cloud-run/security';
import { judge, only, reported } from './judge';

const rule = (id: string) => CLOUD_RUN_SECURITY_RULES.find((r) => r.id === id)!;
const DIGEST = 'a'.repeat(64);
const SECRET = { name: 'DB_PASSWORD', value: 'hunter2' };

describe('ingress readers', () => {
  test('v2 values, unset or unknown meaning all traffic', () => {
    assert.equal(ingressOfV2('INGRESS_TRAFFIC_INTERNAL_ONLY'), 'internal');
    assert.equal(ingressOfV2('INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER'), 'internal-and-load-balancer');
    assert.equal(ingressOfV2('INGRESS_TRAFFIC_ALL'), 'all');
    assert.equal(ingressOfV2(undefined), 'all');
  });

  test('v1 annotation values, unset or unknown meaning all traffic', () => {
    assert.equal(ingressOfV1('internal'), 'internal');
    assert.equal(ingressOfV1('internal-and-cloud-load-balancing'), 'internal-and-load-balancer');
    assert.equal(ingressOfV1('all'), 'all');
    assert.equal(ingressOfV1(undefined), 'all');
  });
});

describe('GCR-PLAIN-SECRET-ENV', () => {
  test('a plain secret in the ingress container is reported at its index, with the Secret Manager fix', () => {
    const { violations } = judge('GCR-PLAIN-SECRET-ENV', { env: [{ name: 'PORT_NAME', value: 'x' }, SECRET] });
    assert.deepEqual(
      violations.map((v) => v.fact),
      ['env.1'],
    );
    assert.match(violations[0].message, /DB_PASSWORD holds a secret in plain text/);
    assert.match(violations[0].fix, /Secret Manager/);
  });

  test('every sidecar is judged too, each at its own index, after the ingress container', () => {
    const facts = { env: [SECRET], sidecarEnv: [undefined, [{ name: 'A', value: '1' }, SECRET], [SECRET]] };
    assert.deepEqual(reported('GCR-PLAIN-SECRET-ENV', facts), ['env.0', 'sidecarEnv.1.1', 'sidecarEnv.2.0']);
  });

  test('a secret reference, an empty value or a harmless variable is not reported', () => {
    const env = [
      { name: 'DB_PASSWORD', secret: 'db-password' },
      { name: 'DB_PASSWORD', value: '' },
      { name: 'API_URL', value: 'https://example.com' },
    ];
    assert.deepEqual(reported('GCR-PLAIN-SECRET-ENV', { env, sidecarEnv: [env] }), []);
    assert.deepEqual(reported('GCR-PLAIN-SECRET-ENV', {}), []);
  });

  test('a secret reference with a plain value too is trusted (the reference wins)', () => {
    assert.deepEqual(reported('GCR-PLAIN-SECRET-ENV', { env: [{ ...SECRET, secret: 'projects/p/secrets/db' }] }), []);
  });

  test('a token environment in either place leaves the rule unknown', () => {
    for (const unknown of ['env', 'sidecarEnv'])
      assert.equal(judge('GCR-PLAIN-SECRET-ENV', { env: [SECRET] }, [unknown]).status, 'unknown', unknown);
  });
});

describe('GCR-IMAGE-DIGEST', () => {
  test('a digest of 64 hex digits passes; 63, 65 or non-hex digits are malformed', () => {
    assert.deepEqual(reported('GCR-IMAGE-DIGEST', { image: `gcr.io/p/app@sha256:${DIGEST}` }), []);
    assert.deepEqual(reported('GCR-IMAGE-DIGEST', { image: `gcr.io/p/app:1.2@sha256:${DIGEST}` }), []);
    for (const digest of ['a'.repeat(63), 'a'.repeat(65), 'A'.repeat(64), `${'a'.repeat(63)}g`, '4c1e…']) {
      const v = only('GCR-IMAGE-DIGEST', { image: `gcr.io/p/app@sha256:${digest}` });
      assert.match(v.message, /malformed digest/, digest);
      assert.equal(
        v.fix,
        'pin it by digest: gcr.io/p/app@sha256:<digest> (gcloud artifacts docker images describe gcr.io/p/app)',
      );
    }
  });

  test('a digest followed by anything is not pinned', () => {
    assert.match(only('GCR-IMAGE-DIGEST', { image: `gcr.io/p/app@sha256:${DIGEST}x` }).message, /malformed/);
  });

  test('latest, no tag and a tag are told apart; the fix drops the tag from the base', () => {
    const latest = only('GCR-IMAGE-DIGEST', { image: 'gcr.io/p/app:latest' });
    assert.match(latest.message, /uses the :latest tag/);
    assert.match(
      latest.fix,
      /^pin it by digest: gcr\.io\/p\/app@sha256:<digest> \(.* describe gcr\.io\/p\/app:latest\)$/,
    );
    assert.match(only('GCR-IMAGE-DIGEST', { image: 'gcr.io/p/app' }).message, /uses no tag \(so :latest\)/);
    const tagged = only('GCR-IMAGE-DIGEST', { image: 'localhost:5000/p/app:v1' });
    assert.match(tagged.message, /pinned by tag/);
    assert.match(tagged.fix, /^pin it by digest: localhost:5000\/p\/app@sha256:<digest> /);
    // A Docker Hub short name: the tag is after the only ':'.
    assert.match(only('GCR-IMAGE-DIGEST', { image: 'python:3.12' }).message, /python:3\.12 is pinned by tag/);
    // A registry port is not a tag.
    assert.match(only('GCR-IMAGE-DIGEST', { image: 'localhost:5000/p/app' }).message, /no tag/);
  });

  test('sidecar images are judged at their index; unset or blank images are skipped', () => {
    const facts = { image: '  ', sidecarImages: [undefined, `gcr.io/p/s@sha256:${DIGEST}`, 'gcr.io/p/s:1', ''] };
    assert.deepEqual(reported('GCR-IMAGE-DIGEST', facts), ['sidecarImages.2']);
    assert.deepEqual(reported('GCR-IMAGE-DIGEST', { image: 'a:1', sidecarImages: ['b:1'] }), [
      'image',
      'sidecarImages.0',
    ]);
    assert.deepEqual(reported('GCR-IMAGE-DIGEST', {}), []);
    for (const unknown of ['image', 'sidecarImages'])
      assert.equal(judge('GCR-IMAGE-DIGEST', { image: 'a:1' }, [unknown]).status, 'unknown', unknown);
  });
});

describe('GCR-INGRESS-ALL', () => {
  test('all traffic (also unset) is noted; restricted ingress passes', () => {
    for (const ingress of [undefined, 'all'] as const) {
      const v = only('GCR-INGRESS-ALL', { ingress });
      assert.equal(v.fact, 'ingress');
      assert.match(v.message, /reachable from the internet/);
    }
    for (const ingress of ['internal', 'internal-and-load-balancer'] as const)
      assert.deepEqual(reported('GCR-INGRESS-ALL', { ingress }), []);
    assert.equal(judge('GCR-INGRESS-ALL', {}, ['ingress']).status, 'unknown');
  });
});

describe('security rule metadata', () => {
  test('suppressible security rules on the resources they concern', () => {
    for (const r of CLOUD_RUN_SECURITY_RULES) assert.equal(r.suppressible, true, r.id);
    assert.equal(rule('GCR-PLAIN-SECRET-ENV').level, CheckLevel.WARNING);
    assert.equal(rule('GCR-IMAGE-DIGEST').level, CheckLevel.WARNING);
    assert.equal(rule('GCR-INGRESS-ALL').level, CheckLevel.INFO);
    assert.ok(rule('GCR-IMAGE-DIGEST').appliesTo.includes(ResourceKind.CLOUD_RUN_JOB));
    assert.ok(rule('GCR-PLAIN-SECRET-ENV').appliesTo.includes(ResourceKind.CLOUD_RUN_WORKER_POOL));
    assert.ok(!rule('GCR-INGRESS-ALL').appliesTo.includes(ResourceKind.CLOUD_RUN_JOB));
    assert.ok(rule('GCR-INGRESS-ALL').appliesTo.includes(ResourceKind.CLOUD_RUN_SERVICE_V1));
  });
});
