/**
 * Recall of GCR-PUBLIC-INVOKER on the shapes real configurations write: a typed member around an interpolation is
 * known not to be public, and a jsonencode'd literal policy (as the HCL-to-JSON converter writes it) is read.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { literalJsonencode } from '../../lib/checks/facts/jsonencode';
import { type Json, mutated, status, v2Service } from './fixtures';

const V2 = 'google_cloud_run_v2_service';
const withIam = (type: string, body: Json): Json => ({
  resource: { [V2]: { api: mutated(v2Service, (b) => delete b.ingress) }, [type]: { grant: body } },
});
const target = { name: '${google_cloud_run_v2_service.api.name}', location: 'europe-west1' };

describe('IAM members written with an interpolation', () => {
  test('serviceAccount:${...}, user:${...} and principal://${...} cannot be public: pass, not unknown', () => {
    for (const member of [
      'serviceAccount:${google_service_account.caller.email}',
      'user:${var.owner}',
      'principalSet://iam.googleapis.com/${var.pool}/*',
    ]) {
      const json = withIam('google_cloud_run_v2_service_iam_member', {
        ...target,
        role: 'roles/run.invoker',
        member,
      });
      assert.equal(status(json, 'GCR-PUBLIC-INVOKER'), 'pass', member);
    }
    const binding = withIam('google_cloud_run_v2_service_iam_binding', {
      ...target,
      role: 'roles/run.invoker',
      members: ['serviceAccount:${google_service_account.a.email}', 'group:admins@example.com'],
    });
    assert.equal(status(binding, 'GCR-PUBLIC-INVOKER'), 'pass');
  });

  test('a member that is only an interpolation may be allUsers: unknown', () => {
    const json = withIam('google_cloud_run_v2_service_iam_member', {
      ...target,
      role: 'roles/run.invoker',
      member: '${var.member}',
    });
    assert.equal(status(json, 'GCR-PUBLIC-INVOKER'), 'unknown');
  });
});

describe('policies written with jsonencode', () => {
  const policy = (policyData: string) =>
    withIam('google_cloud_run_v2_service_iam_policy', { ...target, policy_data: policyData });

  test('a literal policy is read: allUsers as invoker fails, a named principal passes', () => {
    const open =
      '${jsonencode({\n    bindings = [{\n      role    = "roles/run.invoker"\n      members = ["allUsers"]\n    }]\n  })}';
    assert.equal(status(policy(open), 'GCR-PUBLIC-INVOKER'), 'fail');
    const closed = '${jsonencode({ bindings = [{ role = "roles/run.invoker", members = ["group:a@example.com"] }] })}';
    assert.equal(status(policy(closed), 'GCR-PUBLIC-INVOKER'), 'pass');
  });

  test('a policy with a reference or a template inside stays unknown', () => {
    assert.equal(
      status(
        policy('${jsonencode({ bindings = [{ role = "roles/run.invoker", members = var.members }] })}'),
        'GCR-PUBLIC-INVOKER',
      ),
      'unknown',
    );
    assert.equal(
      status(
        policy('${jsonencode({ bindings = [{ role = "roles/run.invoker", members = ["${var.m}"] }] })}'),
        'GCR-PUBLIC-INVOKER',
      ),
      'unknown',
    );
  });

  test('the literal reader: objects, tuples, strings with escapes, numbers, booleans, null; anything else undefined', () => {
    assert.deepEqual(literalJsonencode('${jsonencode({hello-1 = ["hello-2"]})}'), { 'hello-1': ['hello-2'] });
    assert.deepEqual(literalJsonencode('${jsonencode({ "a.b" : 1, c = true, d = null, e = -2.5e1 })}'), {
      'a.b': 1,
      c: true,
      d: null,
      e: -25,
    });
    assert.deepEqual(literalJsonencode('${jsonencode(["x\\"y", "$${literal}", "\\u00e9"])}'), [
      'x"y',
      '${literal}',
      'é',
    ]);
    for (const notLiteral of [
      '${jsonencode(var.policy)}',
      '${jsonencode({ a = local.x })}',
      '${jsonencode({ a = upper("x") })}',
      '${jsonencode({ a = "${var.x}" })}',
      '${jsonencode({ a = 1 }) }${var.y}',
      'jsonencode({ a = 1 })',
    ])
      assert.equal(literalJsonencode(notLiteral), undefined, notLiteral);
  });
});

describe('worker pool IAM', () => {
  test('a public member on a worker pool is judged (it was never read), a named one passes', () => {
    const pool = (member: string) => ({
      resource: {
        google_cloud_run_v2_worker_pool_iam_member: {
          m: { name: 'pool', location: 'europe-west1', role: 'roles/run.developer', member },
        },
      },
    });
    assert.equal(status(pool('allUsers'), 'GCR-PUBLIC-INVOKER'), 'fail');
    assert.equal(status(pool('group:ops@example.com'), 'GCR-PUBLIC-INVOKER'), 'pass');
  });
});
