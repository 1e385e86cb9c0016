import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { TerraformVariable, type TerraformStack } from 'cdktf';
import {
  CloudRunJob,
  type CloudRunJobProps,
  CloudRunService,
  type CloudRunServiceProps,
  Django,
  Ingress,
  Volume,
} from '../../lib';
import { grantIdPart } from '../../lib/cloud-run/grant-ids';
import { IMAGE } from '../support/cloud-run';
import { newStack, resources, synth } from '../support/synth';

const SERVICE = { region: 'us-central1', image: IMAGE, maxInstances: 3 };

/** What each IAM binding grants, read from its attributes. */
const GRANTS: Record<string, (r: any) => string> = {
  google_secret_manager_secret_iam_member: (r) => `secret ${r.secret_id} ${r.project ?? ''} ${r.member}`,
  google_storage_bucket_iam_member: (r) => `bucket ${r.bucket} ${r.role} ${r.member}`,
  google_project_iam_member: (r) => `project ${r.project} ${r.role} ${r.member}`,
  google_cloud_run_v2_service_iam_member: (r) => `invoker ${r.member}`,
  google_iap_web_cloud_run_service_iam_member: (r) => `iap ${r.member}`,
};

/** Every IAM binding of the stack: what it grants → its Terraform address. Fails on two bindings granting the same. */
function bindings(stack: TerraformStack): Map<string, string> {
  const json = synth(stack);
  const all = new Map<string, string>();
  for (const [type, grant] of Object.entries(GRANTS)) {
    for (const [name, r] of Object.entries(resources(json, type))) {
      const what = grant(r);
      assert.ok(!all.has(what), `two bindings grant ${what}`);
      all.set(what, `${type}.${name}`);
    }
  }
  return all;
}

/** The bindings of a service with `props`, after `then` ran on it. */
function serviceBindings(props: Partial<CloudRunServiceProps>, then: (svc: CloudRunService) => void = () => {}) {
  const stack = newStack();
  then(new CloudRunService(stack, 'Api', { ...SERVICE, ...props }));
  return bindings(stack);
}

/** Asserts every binding of `fewer` is in `more` at the same address, and `more` has `removed` more. */
function assertKept(more: Map<string, string>, fewer: Map<string, string>, removed: number): void {
  assert.equal(more.size, fewer.size + removed);
  for (const [what, address] of fewer) assert.equal(more.get(what), address, `the address of ${what} changed`);
}

describe('IAM bindings are named after what they grant', () => {
  test('removing one of two secrets keeps the other binding at its address (services and jobs)', () => {
    const a = { secret: 'db-password' };
    const b = { secret: 'projects/other/secrets/api-key' };
    const both = serviceBindings({ secrets: { DB: a, API: b } });
    assertKept(both, serviceBindings({ secrets: { API: b } }), 1);
    assertKept(both, serviceBindings({ secrets: { DB: a } }), 1);
    const job = (secrets: CloudRunJobProps['secrets']) => {
      const stack = newStack();
      new CloudRunJob(stack, 'Migrate', {
        region: SERVICE.region,
        image: IMAGE,
        task: Django.manage('migrate'),
        secrets,
      });
      return bindings(stack);
    };
    assertKept(job({ DB: a, API: b }), job({ API: b }), 1);
    // The address says which secret: readable, '/' mapped.
    const addresses = [...both.values()].join(' ');
    assert.match(addresses, /_SecretAccess-db-password_/);
    assert.match(addresses, /_SecretAccess-projects-other-secrets-api-key-[0-9a-f]{8}_/);
  });

  test('a secret used in env and as a volume is granted once', () => {
    const grants = serviceBindings({
      secrets: { DB: { secret: 'db-password' } },
      volumes: [Volume.secret('db-password')],
    });
    assert.equal([...grants.keys()].filter((k) => k.startsWith('secret ')).length, 1);
  });

  test('two secrets whose names map to the same id get two bindings, each granting its own secret', () => {
    const full = 'projects/p/secrets/x';
    // A valid secret id spelt as the full name's mapped form, and one spelt as that form with its hash.
    const grants = serviceBindings({
      secrets: { A: { secret: full }, B: { secret: 'projects-p-secrets-x' }, C: { secret: grantIdPart(full) } },
    });
    const secrets = [...grants.keys()].filter((k) => k.startsWith('secret ')).map((k) => k.split(' ')[1]);
    assert.deepEqual(secrets.sort(), [full, 'projects-p-secrets-x', grantIdPart(full)].sort());
    assert.equal(new Set(grants.values()).size, grants.size);
  });

  test('secrets given as references still get their bindings, each at an address of its own', () => {
    const stack = newStack();
    const one = new TerraformVariable(stack, 'one', { type: 'string' }).stringValue;
    const two = new TerraformVariable(stack, 'two', { type: 'string' }).stringValue;
    new CloudRunService(stack, 'Api', {
      ...SERVICE,
      secrets: { A: { secret: 'db-password' }, B: { secret: one }, C: { secret: two } },
    });
    const grants = bindings(stack);
    const ref = (v: string) =>
      [...grants].filter(([what]) => what.startsWith(`secret \${var.${v}} `)).map(([, a]) => a);
    assert.equal(ref('one').length, 1);
    assert.equal(ref('two').length, 1);
    assert.notEqual(ref('one')[0], ref('two')[0]);
    // Removing the readable one leaves the references where they were.
    const without = newStack();
    const v1 = new TerraformVariable(without, 'one', { type: 'string' }).stringValue;
    const v2 = new TerraformVariable(without, 'two', { type: 'string' }).stringValue;
    new CloudRunService(without, 'Api', { ...SERVICE, secrets: { B: { secret: v1 }, C: { secret: v2 } } });
    assertKept(grants, bindings(without), 1);
  });

  test('removing one of two buckets, or one of two Cloud SQL projects, keeps the other binding at its address', () => {
    const uploads = Volume.bucket('uploads');
    const models = Volume.bucket('models.example.com', { readOnly: true, mountPath: '/models' });
    const both = serviceBindings({ volumes: [uploads, models] });
    assertKept(both, serviceBindings({ volumes: [models] }), 1);
    assertKept(both, serviceBindings({ volumes: [uploads] }), 1);
    // The same bucket read-only in one volume and read-write in another: one binding per role.
    const twoRoles = serviceBindings({
      volumes: [uploads, Volume.bucket('uploads', { readOnly: true, mountPath: '/ro' })],
    });
    assertKept(twoRoles, serviceBindings({ volumes: [uploads] }), 1);
    const sql = serviceBindings({ volumes: [Volume.cloudSql(['a-prod:us-central1:db', 'b-prod:us-central1:db'])] });
    assertKept(sql, serviceBindings({ volumes: [Volume.cloudSql(['b-prod:us-central1:db'])] }), 1);
    assert.match([...sql.values()].join(' '), /_CloudSqlClient-b-prod_/);
  });

  test('removing one of two invokers keeps the other binding at its address; a member granted twice is bound once', () => {
    const caller = 'serviceAccount:caller@p.iam.gserviceaccount.com';
    const team = 'group:team@example.com';
    const both = serviceBindings({}, (svc) => [caller, team].forEach((m) => svc.grantInvoke(m)));
    assertKept(
      both,
      serviceBindings({}, (svc) => svc.grantInvoke(team)),
      1,
    );
    assertKept(
      both,
      serviceBindings({}, (svc) => svc.grantInvoke(caller)),
      1,
    );
    const twice = serviceBindings({}, (svc) => [team, caller, team].forEach((m) => svc.grantInvoke(m)));
    assert.deepEqual(twice, both);
  });

  test('IAP access: removing one member keeps the other at its address; a member granted twice is bound once', () => {
    const props = { ingress: Ingress.INTERNAL_AND_LOAD_BALANCER };
    const staff = 'group:staff@example.com';
    const ana = 'user:ana@example.com';
    const both = serviceBindings(props, (svc) => [staff, ana, staff].forEach((m) => svc.grantIapAccess(m)));
    // Two accessors and the IAP service agent's invoker binding.
    assert.equal(both.size, 3);
    assertKept(
      both,
      serviceBindings(props, (svc) => svc.grantIapAccess(ana)),
      1,
    );
    assertKept(
      both,
      serviceBindings(props, (svc) => svc.grantIapAccess(staff)),
      1,
    );
  });
});

describe('grantIdPart', () => {
  test('keeps a name made of letters, digits, _ and -; maps any other with a hash of the whole', () => {
    assert.equal(grantIdPart('db-password'), 'db-password');
    assert.match(grantIdPart('projects/p/secrets/x'), /^projects-p-secrets-x-[0-9a-f]{8}$/);
    assert.notEqual(grantIdPart('a/b'), grantIdPart('a.b'));
    assert.doesNotMatch(grantIdPart('x'.repeat(300)), /x{101}/);
    assert.notEqual(grantIdPart(`${'x'.repeat(100)}a`), grantIdPart(`${'x'.repeat(100)}b`));
  });
});
