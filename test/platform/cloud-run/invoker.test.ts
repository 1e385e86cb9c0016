import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CLOUD_RUN_INVOKER_RULES, type InvokerFacts } from '../../../lib/platform/cloud-run/invoker';
import { CheckLevel } from '../../../lib/core/levels';
import { Pack } from '../../../lib/platform/rule';
import { judge } from './judge';

const check = (member: string | undefined, unknown: string[] = []) =>
  judge<InvokerFacts>('GCR-INVOKER-MEMBER', { member }, unknown, CLOUD_RUN_INVOKER_RULES);

describe('GCR-INVOKER-MEMBER', () => {
  test('principals with their type prefix pass', () => {
    for (const member of [
      'user:a@example.com',
      'serviceAccount:app@p.iam.gserviceaccount.com',
      'group:g@example.com',
      'domain:example.com',
      'deleted:user:a@example.com?uid=1',
      'deleted:serviceAccount:a@p.iam.gserviceaccount.com?uid=1',
      'deleted:group:g@example.com?uid=1',
      'principal://iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/p/subject/s',
      'principalSet://iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/p/*',
      undefined,
    ])
      assert.equal(check(member).status, 'pass', member);
  });

  test('a prefix with nothing after it, an unknown prefix or a prefix not at the start fails', () => {
    for (const member of [
      'user:',
      'user:a@example.com\n',
      'principal://',
      'owner:a@example.com',
      ' user:a@example.com',
      'xuser:a@b.c',
      'principalx://a',
    ])
      assert.equal(check(member).status, 'fail', member);
  });

  test('public members go through allowUnauthenticated', () => {
    for (const member of ['allUsers', 'allAuthenticatedUsers']) {
      const [v] = check(member).violations;
      assert.equal(v.fact, 'member');
      assert.match(v.message, /public access is not granted through grantInvoke/);
      assert.equal(v.fix, 'set allowUnauthenticated: true');
    }
  });

  test('an email without its prefix gets both prefixes suggested; anything else an example', () => {
    const [email] = check('a@example.com').violations;
    assert.match(email.message, /needs a type prefix/);
    assert.equal(email.fix, "write 'serviceAccount:a@example.com' or 'user:a@example.com'");
    const [other] = check('someone').violations;
    assert.match(other.message, /needs a type prefix/);
    assert.match(other.fix, /like 'serviceAccount:name@project\.iam\.gserviceaccount\.com'/);
  });

  test('an unsuppressible security error', () => {
    const [rule] = CLOUD_RUN_INVOKER_RULES;
    assert.equal(rule.level, CheckLevel.ERROR);
    assert.equal(rule.suppressible, false);
    assert.equal(rule.pack, Pack.SECURITY);
  });

  test('a token member is unknown', () => {
    assert.equal(check('allUsers', ['member']).status, 'unknown');
  });
});
