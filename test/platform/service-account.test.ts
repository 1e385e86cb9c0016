/**
 * Who a workload runs as: dedicated account ids ("Create service accounts": 6 to 30 characters, lowercase letters,
 * digits and hyphens, https://cloud.google.com/iam/docs/service-accounts-create), the platforms' default accounts, and
 * the two rules about a given account.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, test } from 'node:test';
import { CheckLevel } from '../../lib/core/levels';
import { ResourceKind } from '../../lib/platform/kinds';
import { evaluate, Pack } from '../../lib/platform/rule';
import {
  DEFAULT_SERVICE_ACCOUNTS,
  identityOf,
  type RuntimeIdentity,
  SERVICE_ACCOUNT_ID,
  serviceAccountIdFor,
  serviceAccountRules,
} from '../../lib/platform/service-account';

const VALID_ID = /^[a-z][-a-z0-9]{4,28}[a-z0-9]$/;

describe('dedicated service account ids', () => {
  test('the name and suffix when they fit in 6 to 30 characters', () => {
    assert.equal(serviceAccountIdFor('api', '-gae'), 'api-gae');
    assert.equal(serviceAccountIdFor('Orders API', '-run'), 'orders-api-run');
    assert.equal(serviceAccountIdFor('ab', '-run'), 'ab-run'); // 6 characters
    // 26 + 4 = 30 characters.
    const thirty = `${'a'.repeat(26)}-run`;
    assert.equal(serviceAccountIdFor('a'.repeat(26), '-run'), thirty);
  });

  test('too short: -sa is added; a name with no letter falls back to service', () => {
    assert.equal(serviceAccountIdFor('a', '-run'), 'a-run-sa'); // 5 characters
    assert.equal(serviceAccountIdFor('x', '-wp'), 'x-wp-sa');
    assert.equal(serviceAccountIdFor('123', '-wp'), 'service-wp');
  });

  test('too long: cut to 30 with a short hash of the whole name, so names differing at the end differ', () => {
    const eu = serviceAccountIdFor('customer-orders-processing-service-eu', '-run');
    const us = serviceAccountIdFor('customer-orders-processing-service-us', '-run');
    assert.notEqual(eu, us);
    for (const id of [eu, us]) {
      assert.equal(id.length, 30, id);
      assert.match(id, VALID_ID);
      assert.match(id, SERVICE_ACCOUNT_ID.pattern);
      // 30 - 4 (-run) - 4 (hash) - 1 (-) = 21 characters of the name.
      assert.match(id, /^customer-orders-proce-[0-9a-f]{4}-run$/);
    }
    // 27 + 4 = 31: cut.
    assert.match(serviceAccountIdFor('a'.repeat(27), '-run'), /^a{21}-[0-9a-f]{4}-run$/);
    // The same name gives the same id, and the hash is of the name alone (an id that changed between versions
    // would replace the account): the first 4 hex digits of its SHA-256.
    assert.equal(serviceAccountIdFor('customer-orders-processing-service-eu', '-run'), eu);
    const hash = createHash('sha256').update('customer-orders-processing-service-eu').digest('hex').slice(0, 4);
    assert.equal(eu, `customer-orders-proce-${hash}-run`);
  });

  test('a cut that ends on a hyphen does not double it', () => {
    const id = serviceAccountIdFor(`${'a'.repeat(20)}-${'b'.repeat(20)}`, '-run');
    assert.match(id, /^a{20}-[0-9a-f]{4}-run$/);
    const inner = serviceAccountIdFor(`ab-${'c'.repeat(30)}`, '-run');
    assert.match(inner, /^ab-c{18}-[0-9a-f]{4}-run$/);
  });

  test('a salt (a construct path) always adds a hash, different per salt and per name', () => {
    const a = serviceAccountIdFor('api', '-run', 'stack/a');
    const b = serviceAccountIdFor('api', '-run', 'stack/b');
    assert.match(a, /^api-[0-9a-f]{4}-run$/);
    assert.match(b, /^api-[0-9a-f]{4}-run$/);
    assert.notEqual(a, b);
    // The salt is part of the hash: without it, the hash is the name's alone.
    assert.notEqual(serviceAccountIdFor('a'.repeat(27), '-run', 'x'), serviceAccountIdFor('a'.repeat(27), '-run'));
  });
});

describe('runtime identity', () => {
  test('no account written: the platform default; an email is the default when it ends with its suffix', () => {
    assert.deepEqual(identityOf(undefined, DEFAULT_SERVICE_ACCOUNTS.cloudRun), { isDefault: true });
    const compute = '123456789-compute@developer.gserviceaccount.com';
    assert.deepEqual(identityOf(compute, DEFAULT_SERVICE_ACCOUNTS.cloudRun), { email: compute, isDefault: true });
    assert.deepEqual(identityOf(compute, DEFAULT_SERVICE_ACCOUNTS.appEngine), { email: compute, isDefault: false });
    const appspot = 'my-project@appspot.gserviceaccount.com';
    assert.equal(identityOf(appspot, DEFAULT_SERVICE_ACCOUNTS.appEngine).isDefault, true);
    assert.equal(identityOf(appspot, DEFAULT_SERVICE_ACCOUNTS.cloudRun).isDefault, false);
    const own = 'api@my-project.iam.gserviceaccount.com';
    assert.deepEqual(identityOf(own, DEFAULT_SERVICE_ACCOUNTS.cloudRun), { email: own, isDefault: false });
  });
});

describe('service account rules', () => {
  interface Facts {
    readonly identity?: RuntimeIdentity;
  }
  const rules = serviceAccountRules<Facts>({
    prefix: 'TEST',
    platform: DEFAULT_SERVICE_ACCOUNTS.cloudRun,
    appliesTo: [ResourceKind.CLOUD_RUN_JOB],
    fact: 'identity',
    what: 'jobs',
    source: 'a source',
  });
  const NOW = new Date('2026-11-29T00:00:00Z');
  const outcome = (id: string, identity?: RuntimeIdentity) =>
    evaluate(
      rules.filter((r) => r.id === id),
      { facts: { identity }, unknown: new Set() },
      { now: NOW },
    )[0];

  test('two rules: the account must be an email (an unsuppressible error), the default one a security warning', () => {
    const [email, dflt] = rules;
    const meta = (r: (typeof rules)[number]) => [r.id, r.pack, r.level, r.suppressible, r.reads, r.appliesTo, r.source];
    const kinds = [ResourceKind.CLOUD_RUN_JOB];
    assert.deepEqual(meta(email), [
      'TEST-SERVICE-ACCOUNT',
      Pack.PLATFORM,
      CheckLevel.ERROR,
      false,
      ['identity'],
      kinds,
      'a source',
    ]);
    assert.deepEqual(meta(dflt), [
      'TEST-DEFAULT-SA',
      Pack.SECURITY,
      CheckLevel.WARNING,
      true,
      ['identity'],
      kinds,
      'a source',
    ]);
    assert.match(
      dflt.title,
      /^Jobs should run as a dedicated service account, not the default compute service account$/,
    );
    assert.match(email.explanation, /service account of jobs as an email/);
    assert.match(dflt.explanation, /^Without a service account jobs run as the default compute service account/);
  });

  test('an email passes; anything else fails on the account fact', () => {
    for (const email of ['api@p.iam.gserviceaccount.com', 'a@b.c', 'a.b+c@d-e.f.g'])
      assert.equal(outcome('TEST-SERVICE-ACCOUNT', { email, isDefault: false }).status, 'pass', email);
    assert.equal(outcome('TEST-SERVICE-ACCOUNT', { isDefault: true }).status, 'pass');
    assert.equal(outcome('TEST-SERVICE-ACCOUNT').status, 'pass');
    for (const email of [
      'api',
      'api@',
      '@p.com',
      'a@b',
      'a b@c.com',
      'a@b c.com',
      'a@@b.com',
      'a@b@c.com',
      ' a@b.com',
      'a@b.COM',
      'x a@b.com ',
      'a@b.c1',
    ])
      assert.equal(outcome('TEST-SERVICE-ACCOUNT', { email, isDefault: false }).status, 'fail', email);
    const o = outcome('TEST-SERVICE-ACCOUNT', { email: 'api', isDefault: false });
    assert.deepEqual(o.status === 'fail' && o.violations.map((v) => v.fact), ['identity']);
    assert.match(o.status === 'fail' ? o.violations[0].fix : '', /app@my-project\.iam\.gserviceaccount\.com/);
  });

  test('the default account is warned about, naming it; a dedicated one is not', () => {
    const o = outcome('TEST-DEFAULT-SA', { isDefault: true });
    assert.equal(o.status, 'fail');
    assert.deepEqual(o.status === 'fail' && o.violations.map((v) => v.fact), ['identity']);
    assert.match(o.status === 'fail' ? o.violations[0].message : '', /runs as the default compute service account/);
    assert.equal(
      outcome('TEST-DEFAULT-SA', { email: 'api@p.iam.gserviceaccount.com', isDefault: false }).status,
      'pass',
    );
    assert.equal(outcome('TEST-DEFAULT-SA').status, 'pass');
  });
});
