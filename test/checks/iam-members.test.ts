/**
 * Recall of GCR-PUBLIC-INVOKER on the shapes real configurations write: a typed member around an interpolation is
 * known not to be public, and a jsonencode'd literal policy (as the HCL-to-JSON converter writes it) is read.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { literalJsonencode } from '../../lib/checks/facts/jsonencode';
import { checkTerraform } from '../../lib/checks/engine';
import { type Json, mutated, NOW, status, v1Service, v2Service } from './fixtures';

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

describe('IAM of one API version on a service declared with the other', () => {
  // Google's Cloud Run samples grant on a google_cloud_run_v2_service through google_cloud_run_service_iam_*: the v1
  // and v2 APIs manage the same services, so the service is in the configuration and its ingress is read.
  const finding = (json: Json) =>
    checkTerraform(json, { now: NOW }).filter((f) => f.ruleId === 'GCR-PUBLIC-INVOKER' && f.status === 'fail');
  const v1Member = { service: '${google_cloud_run_v2_service.api.name}', location: 'europe-west1' };

  test('a v1 member granting allUsers on a v2 service open to all traffic is a warning, behind a load balancer an info', () => {
    const open = withIam('google_cloud_run_service_iam_member', {
      ...v1Member,
      role: 'roles/run.invoker',
      member: 'allUsers',
    });
    assert.deepEqual(
      finding(open).map((f) => f.level),
      ['warning'],
    );
    assert.match(finding(open)[0].problem, /ingress allows all traffic/);
    const behindLb: Json = mutated(
      () => open,
      (j) => (j.resource[V2].api.ingress = 'INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER'),
    );
    assert.deepEqual(
      finding(behindLb).map((f) => f.level),
      ['info'],
    );
  });

  test('a v2 member naming a v1 service by its literal name reads that service', () => {
    const json: Json = {
      resource: {
        google_cloud_run_service: { legacy: { ...v1Service(), name: 'legacy' } },
        google_cloud_run_v2_service_iam_member: {
          grant: { name: 'legacy', location: 'europe-west1', role: 'roles/run.invoker', member: 'allUsers' },
        },
      },
    };
    assert.deepEqual(
      finding(json).map((f) => f.level),
      ['info'],
    );
  });
});

describe('IAM chained to a service with for_each', () => {
  test('for_each = the service and name = each.value.name grants on that service: its ingress is read', () => {
    const chained = (name: string): Json => ({
      resource: {
        [V2]: { api: mutated(v2Service, (b) => delete b.ingress) },
        google_cloud_run_service_iam_member: {
          grant: {
            for_each: '${google_cloud_run_v2_service.api}',
            service: name,
            location: '${each.value.location}',
            role: 'roles/run.invoker',
            member: 'allUsers',
          },
        },
      },
    });
    assert.equal(status(chained('${each.value.name}'), 'GCR-PUBLIC-INVOKER'), 'fail');
    assert.equal(status(chained('${each.value["name"]}'), 'GCR-PUBLIC-INVOKER'), 'fail');
    assert.equal(status(chained('${each.value.uri}'), 'GCR-PUBLIC-INVOKER'), 'unknown');
  });
});
