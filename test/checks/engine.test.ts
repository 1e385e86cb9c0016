import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CheckInputError, checkTerraform, failsAt } from '../../lib/checks/engine';
import { blocks, firstBlock, isUnknown, TerraformModel, UNKNOWN } from '../../lib/checks/model';
import { sarifReport, textReport } from '../../lib/checks/report';
import { FindingStatus } from '../../lib/checks/types';
import { CheckLevel } from '../../lib/core/levels';
import { Errors } from '../../lib/core/validation';
import { Pack } from '../../lib/platform/rule';
import { DIGEST, type Json, mutated, standardVersion, status, tf, v1Service, v2Job, v2Service } from './fixtures';

const V2 = 'google_cloud_run_v2_service';
const STD = 'google_app_engine_standard_app_version';

describe('JSON model', () => {
  test('isUnknown detects interpolations, references, functions and cdktf tokens, not escapes', () => {
    for (const v of [
      '${var.x}',
      '${google_x.y.id}',
      'a-${upper(var.x)}',
      '%{ if var.x }a%{ endif }',
      '${TfToken[TOKEN.12]}',
    ]) {
      assert.equal(isUnknown(v), true, v);
    }
    for (const v of ['plain', '$${literal}', '{json}', '', 'a{b}', 42, true, null])
      assert.equal(isUnknown(v), false, String(v));
    assert.equal(isUnknown(['a', '${var.b}']), true);
    assert.equal(isUnknown({ a: { b: '${var.c}' } }), true);
  });

  test('firstBlock reads like blocks()[0]', () => {
    for (const t of [
      { a: 1 },
      [{ a: 1 }, { a: 2 }],
      [null, { a: 1 }],
      [],
      undefined,
      ['${var.x}'],
      [{ a: 1 }, '${var.x}'],
    ]) {
      const block = { t };
      const list = blocks(block, 't');
      assert.deepEqual(firstBlock(block, 't'), list === UNKNOWN ? UNKNOWN : list[0], JSON.stringify(t));
    }
    assert.deepEqual(blocks({ t: [null, { a: 1 }, null] }, 't'), [{ a: 1 }]);
  });

  test('blocks are read written as an object or as a list; interpolated or dynamic blocks are unknown', () => {
    assert.deepEqual(blocks({ t: { a: 1 } }, 't'), [{ a: 1 }]);
    assert.deepEqual(blocks({ t: [{ a: 1 }, { a: 2 }] }, 't'), [{ a: 1 }, { a: 2 }]);
    assert.deepEqual(blocks({}, 't'), []);
    assert.equal(blocks({ t: '${var.t}' }, 't'), UNKNOWN);
    assert.equal(blocks({ dynamic: { t: { for_each: '${var.x}' } } }, 't'), UNKNOWN);
  });

  test('resources carry their address and construct path', () => {
    const model = new TerraformModel({
      resource: { [V2]: { api: { '//': { metadata: { path: 'stack/api/service', uniqueId: 'api' } }, name: 'api' } } },
      data: { google_iam_policy: { p: { binding: [] } } },
    });
    const [r] = model.byType.get(V2)!;
    assert.equal(r.address, 'google_cloud_run_v2_service.api');
    assert.equal(r.constructPath, 'stack/api/service');
    assert.equal(model.referenced('${data.google_iam_policy.p.policy_data}')?.address, 'data.google_iam_policy.p');
  });

  test('templates written as lists (HCL-converted JSON) are judged like objects', () => {
    const body = v2Service();
    body.template = [
      {
        ...body.template,
        containers: [
          { ...body.template.containers[0], resources: [{ limits: { cpu: '3', memory: '512Mi' }, cpu_idle: true }] },
        ],
      },
    ];
    assert.equal(status(tf(V2, body), 'GCR-CPU-VALUE'), 'fail');
  });

  test('input that is not Terraform is refused with a clear error', () => {
    assert.throws(() => checkTerraform([1, 2]), CheckInputError);
    assert.throws(
      () => checkTerraform({ foo: 1 }),
      /not a Terraform JSON configuration: none of its top-level keys \(foo\)/,
    );
    assert.throws(() => checkTerraform({ resource: 'x' }), /"resource" must be an object/);
    assert.deepEqual(checkTerraform({ terraform: {} }), []);
  });

  test('odd values never crash a rule', () => {
    const body = v2Service();
    body.template.containers = [{ image: 42, resources: { limits: { cpu: {}, memory: [] } }, env: [null, 'x'] }];
    assert.doesNotThrow(() => checkTerraform(tf(V2, body)));
  });
});

describe('Cloud Run variants', () => {
  test('jobs are judged on CPU and memory, not on service-only rules', () => {
    const job = tf(
      'google_cloud_run_v2_job',
      mutated(v2Job, (b) => (b.template.template.containers[0].resources.limits.memory = '8Gi')),
    );
    assert.equal(status(job, 'GCR-MEMORY-FOR-CPU'), 'fail');
    assert.equal(status(job, 'GCR-MAX-INSTANCES-UNSET'), 'n/a');
    assert.equal(status(job, 'GCR-INSTANCE-BILLING-NO-MIN'), 'n/a');
  });

  test('v1 services read container_concurrency, timeout_seconds and the scaling and throttling annotations', () => {
    const v1 = (m: (b: ReturnType<typeof v1Service>) => void) => tf('google_cloud_run_service', mutated(v1Service, m));
    assert.equal(
      status(
        v1((b) => (b.template.spec.container_concurrency = 5000)),
        'GCR-CONCURRENCY-RANGE',
      ),
      'fail',
    );
    assert.equal(
      status(
        v1((b) => (b.template.spec.timeout_seconds = 7200)),
        'GCR-REQUEST-TIMEOUT',
      ),
      'fail',
    );
    assert.equal(
      status(
        v1((b) => delete b.template.metadata.annotations['autoscaling.knative.dev/maxScale']),
        'GCR-MAX-INSTANCES-UNSET',
      ),
      'fail',
    );
    assert.equal(
      status(
        v1((b) => (b.template.metadata.annotations['run.googleapis.com/cpu-throttling'] = 'false')),
        'GCR-INSTANCE-BILLING-NO-MIN',
      ),
      'fail',
    );
    assert.equal(
      status(
        v1((b) => delete b.template.spec.service_account_name),
        'GCR-DEFAULT-SA',
      ),
      'fail',
    );
    assert.equal(
      status(
        v1((b) => delete b.metadata),
        'GCR-INGRESS-ALL',
      ),
      'fail',
    );
  });

  test('the ingress container is the one with ports; sidecars are still checked for secrets and images', () => {
    const body = v2Service();
    body.template.containers.unshift({ image: 'otel/collector:latest', resources: { limits: { cpu: '3' } } });
    const json = tf(V2, body);
    assert.equal(status(json, 'GCR-CPU-VALUE'), 'pass');
    const digest = checkTerraform(json).filter((f) => f.ruleId === 'GCR-IMAGE-DIGEST');
    assert.deepEqual(
      digest.map((f) => f.attribute),
      ['template.containers[0].image'],
    );
  });

  test('gunicorn with a config file makes server rules unknown', () => {
    const json = tf(
      V2,
      mutated(v2Service, (b) => (b.template.containers[0].args = ['-c', 'gunicorn.conf.py', 'main:app'])),
    );
    assert.equal(status(json, 'GCR-SERVER-TIMEOUT'), 'unknown');
  });
});

describe('GCR-PUBLIC-INVOKER judges the grant with the ingress setting', () => {
  const withService = (ingress: string | undefined, iam: Record<string, Record<string, unknown>>) => ({
    resource: {
      [V2]: {
        api: mutated(v2Service, (b) => {
          if (ingress === undefined) delete b.ingress;
          else b.ingress = ingress;
        }),
      },
      ...iam,
    },
  });
  const member = (m: string, role = 'roles/run.invoker') => ({
    google_cloud_run_v2_service_iam_member: {
      pub: { name: '${google_cloud_run_v2_service.api.name}', role, member: m },
    },
  });
  const invoker = (json: unknown) => checkTerraform(json).filter((f) => f.ruleId === 'GCR-PUBLIC-INVOKER');

  test('allUsers with ingress ALL (or unset) is a warning: Google accepts it and public sites need it', () => {
    assert.deepEqual(
      invoker(withService(undefined, member('allUsers'))).map((f) => f.level),
      [CheckLevel.WARNING],
    );
    assert.deepEqual(
      invoker(withService('INGRESS_TRAFFIC_ALL', member('allAuthenticatedUsers'))).map((f) => f.level),
      [CheckLevel.WARNING],
    );
  });

  test('allUsers behind an internal or load-balancer-only ingress is information', () => {
    assert.deepEqual(
      invoker(withService('INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER', member('allUsers'))).map((f) => f.level),
      [CheckLevel.INFO],
    );
  });

  test('any other role granted to the public is a warning whatever the ingress', () => {
    assert.deepEqual(
      invoker(withService('INGRESS_TRAFFIC_INTERNAL_ONLY', member('allUsers', 'roles/run.developer'))).map(
        (f) => f.level,
      ),
      [CheckLevel.WARNING],
    );
  });

  test('bindings, literal names, policies through data.google_iam_policy and invoker_iam_disabled are covered', () => {
    const binding = {
      google_cloud_run_v2_service_iam_binding: {
        b: { name: 'api', role: 'roles/run.invoker', members: ['user:a@b.c', 'allUsers'] },
      },
    };
    assert.equal(invoker(withService(undefined, binding)).length, 1);
    const policy = {
      google_cloud_run_v2_service_iam_policy: {
        p: { name: '${google_cloud_run_v2_service.api.name}', policy_data: '${data.google_iam_policy.p.policy_data}' },
      },
    };
    const json: Record<string, unknown> = withService(undefined, policy);
    json.data = { google_iam_policy: { p: { binding: [{ role: 'roles/run.invoker', members: ['allUsers'] }] } } };
    assert.equal(invoker(json)[0].level, CheckLevel.WARNING);
    const disabled = tf(
      V2,
      mutated(v2Service, (b) => Object.assign(b, { invoker_iam_disabled: true, ingress: 'INGRESS_TRAFFIC_ALL' })),
    );
    assert.equal(invoker(disabled)[0].level, CheckLevel.WARNING);
  });

  test('a public job invoker is a warning; a service outside the configuration leaves the ingress unknown', () => {
    const job = {
      google_cloud_run_v2_job_iam_member: { j: { name: 'nightly', role: 'roles/run.invoker', member: 'allUsers' } },
    };
    assert.equal(invoker({ resource: job })[0].level, CheckLevel.WARNING);
    const elsewhere = {
      google_cloud_run_service_iam_member: { m: { service: 'other', role: 'roles/run.invoker', member: 'allUsers' } },
    };
    assert.equal(invoker({ resource: elsewhere })[0].status, FindingStatus.UNKNOWN);
  });
});

describe('security heuristics', () => {
  const secretStatus = (name: string, value: string) =>
    status(
      tf(
        V2,
        mutated(v2Service, (b) => b.template.containers[0].env.push({ name, value })),
      ),
      'GCR-PLAIN-SECRET-ENV',
    );
  test('secret names and secret-looking values fail; pointers to secrets do not', () => {
    for (const [name, value] of [
      ['DB_PASSWORD', 'x'],
      ['stripeApiKey', 'x'],
      ['DJANGO_SECRET_KEY', '${var.key}'],
      ['GITHUB_TOKEN', 'x'],
      ['DATABASE_URL', 'postgres://app:s3cret@db/app'],
      ['PRIVATE', '-----BEGIN RSA PRIVATE KEY-----\nabc'],
    ]) {
      assert.equal(secretStatus(name, value), 'fail', name);
    }
    for (const [name, value] of [
      ['SECRET_NAME', 'projects/p/secrets/db'],
      ['TOKEN_URL', 'https://oauth2.googleapis.com/token'],
      ['PASSWORD_FILE', '/secrets/db'],
      ['DATABASE_URL', 'postgres://db/app'],
      ['PASSWORD', ''],
    ]) {
      assert.equal(secretStatus(name, value), 'pass', name);
    }
  });

  test('value_source secrets pass', () => {
    const body = mutated(v2Service, (b) =>
      b.template.containers[0].env.push({
        name: 'DB_PASSWORD',
        value_source: { secret_key_ref: { secret: 'db', version: 'latest' } },
      }),
    );
    assert.equal(status(tf(V2, body), 'GCR-PLAIN-SECRET-ENV'), 'pass');
  });

  test('a dedicated service account by reference passes; the default compute SA data source fails', () => {
    const ref = (sa: string) =>
      tf(
        V2,
        mutated(v2Service, (b) => (b.template.service_account = sa)),
      );
    const withSa = ref('${google_service_account.api.email}');
    withSa.resource.google_service_account = { api: { account_id: 'api' } };
    assert.equal(status(withSa, 'GCR-DEFAULT-SA'), 'pass');
    const dflt = ref('${data.google_compute_default_service_account.d.email}');
    dflt.data = { google_compute_default_service_account: { d: {} } };
    assert.equal(status(dflt, 'GCR-DEFAULT-SA'), 'fail');
    assert.equal(status(ref('123-compute@developer.gserviceaccount.com'), 'GCR-DEFAULT-SA'), 'fail');
  });

  test('a default service account is a warning on Cloud Run and App Engine alike: a risk, not a broken deploy', () => {
    const defaults = [
      ...checkTerraform(
        tf(
          V2,
          mutated(v2Service, (b) => delete b.template.service_account),
        ),
      ),
      ...checkTerraform(
        tf(
          STD,
          mutated(standardVersion, (b) => delete b.service_account),
        ),
      ),
    ].filter((f) => f.ruleId.endsWith('-DEFAULT-SA'));
    assert.deepEqual(
      defaults.map((f) => [f.ruleId, f.status, f.level]),
      [
        ['GCR-DEFAULT-SA', FindingStatus.FAIL, CheckLevel.WARNING],
        ['GAE-DEFAULT-SA', FindingStatus.FAIL, CheckLevel.WARNING],
      ],
    );
  });

  test('App Engine versions without handlers serve HTTP; flexible versions are judged too', () => {
    assert.equal(
      status(
        tf(
          'google_app_engine_standard_app_version',
          mutated(standardVersion, (b) => delete b.handlers),
        ),
        'GAE-HTTPS',
      ),
      'fail',
    );
    assert.equal(
      status(
        tf('google_app_engine_flexible_app_version', {
          service: 'f',
          runtime: 'python',
          handlers: [{ url_regex: '/.*' }],
        }),
        'GAE-HTTPS',
      ),
      'fail',
    );
  });
});

describe('options and suppressions', () => {
  const broken = () => ({
    resource: {
      [V2]: {
        api: {
          ...mutated(v2Service, (b) => {
            b.template.containers[0].resources.limits.cpu = '3';
            b.template.containers[0].image = 'gcr.io/p/app:v1';
          }),
          '//': { metadata: { path: 'stack/api/service', uniqueId: 'api' } },
        },
      },
    },
  });

  test('packs select rules; levels override them; disabled rules do not run', () => {
    const ids = (o: object) => checkTerraform(broken(), o).map((f) => f.ruleId);
    assert.deepEqual(ids({ packs: [Pack.SECURITY] }), ['GCR-IMAGE-DIGEST']);
    assert.deepEqual(ids({ packs: [Pack.PLATFORM] }), ['GCR-CPU-VALUE']);
    assert.deepEqual(ids({ disabledRules: ['GCR-IMAGE-DIGEST'] }), ['GCR-CPU-VALUE']);
    // A platform error cannot be disabled, nor its level lowered: the options are refused, every problem at once.
    assert.throws(
      () => ids({ disabledRules: ['GCR-CPU-VALUE'], levels: { 'GCR-CPU-VALUE': CheckLevel.INFO } }),
      (e) =>
        Errors.isValidationError(e) &&
        e.problems.map((p) => p.prop).join() === 'options.levels.GCR-CPU-VALUE,options.disabledRules.0' &&
        /cannot be disabled/.test(e.message),
    );
    const levels = checkTerraform(broken(), { levels: { 'GCR-IMAGE-DIGEST': CheckLevel.ERROR } }).map((f) => f.level);
    assert.deepEqual(levels, [CheckLevel.ERROR, CheckLevel.ERROR]);
  });

  test('messages carry the rule id, address, construct path, attribute and fix', () => {
    const [f] = checkTerraform(broken(), { packs: [Pack.PLATFORM] });
    assert.equal(
      f.message,
      '[GCR-CPU-VALUE] google_cloud_run_v2_service.api (stack/api/service): Cloud Run accepts 0.08 to below 1 vCPU (in steps of 0.001) or exactly 1, 2, 4, 6, 8; 3 is not allowed [template.containers[0].resources.limits.cpu]. Fix: use 2 or 4 vCPU.',
    );
  });

  test('a suppression by construct path covers children; by address; expired ones stop applying', () => {
    const now = new Date('2026-06-01T00:00:00Z');
    const run = (s: object[]) => checkTerraform(broken(), { suppressions: s as never, now });
    const byPath = run([
      { ruleId: 'GCR-IMAGE-DIGEST', reason: 'rebuilt from a pinned base nightly', constructPath: 'stack/api' },
    ]);
    assert.deepEqual(byPath.find((f) => f.ruleId === 'GCR-IMAGE-DIGEST')?.suppressed, {
      reason: 'rebuilt from a pinned base nightly',
    });
    assert.equal(failsAt(byPath, 'warning'), true); // GCR-CPU-VALUE is still open
    const byAddress = run([
      {
        ruleId: 'GCR-IMAGE-DIGEST',
        reason: 'rebuilt from a pinned base nightly',
        address: 'google_cloud_run_v2_service.api',
        expires: '2026-06-01',
      },
    ]);
    assert.ok(byAddress.find((f) => f.ruleId === 'GCR-IMAGE-DIGEST')?.suppressed);
    const expired = run([
      { ruleId: 'GCR-IMAGE-DIGEST', reason: 'rebuilt from a pinned base nightly', expires: '2026-05-31' },
    ]);
    assert.equal(expired.find((f) => f.ruleId === 'GCR-IMAGE-DIGEST')?.suppressed, undefined);
    assert.ok(expired.some((f) => f.ruleId === 'CHECKS-SUPPRESSION-EXPIRED'));
  });

  test('the first suppression that matches applies; construct paths match whole path segments', () => {
    const run = (s: object[]) => checkTerraform(broken(), { suppressions: s as never });
    const digest = (findings: ReturnType<typeof run>) => findings.find((f) => f.ruleId === 'GCR-IMAGE-DIGEST');
    const first = run([
      { ruleId: '*', reason: 'the whole stack is a demo', constructPath: 'stack' },
      { ruleId: 'GCR-IMAGE-DIGEST', reason: 'rebuilt from a pinned base', address: 'google_cloud_run_v2_service.api' },
    ]);
    assert.equal(digest(first)?.suppressed?.reason, 'the whole stack is a demo');
    assert.deepEqual(
      first.filter((f) => f.ruleId === 'CHECKS-SUPPRESSION-UNUSED').map((f) => f.address),
      ['google_cloud_run_v2_service.api'],
    );
    const partial = run([{ ruleId: 'GCR-IMAGE-DIGEST', reason: 'not a path segment', constructPath: 'stack/ap' }]);
    assert.equal(digest(partial)?.suppressed, undefined);
    assert.ok(partial.some((f) => f.ruleId === 'CHECKS-SUPPRESSION-UNUSED'));
    const exact = run([
      { ruleId: 'GCR-IMAGE-DIGEST', reason: 'the service itself', constructPath: 'stack/api/service' },
    ]);
    assert.equal(digest(exact)?.suppressed?.reason, 'the service itself');
  });

  test('a suppression with a misspelt address is told the address it was probably meant for', () => {
    const run = (address: string) =>
      checkTerraform(broken(), {
        suppressions: [{ ruleId: 'GCR-IMAGE-DIGEST', reason: 'rebuilt from a pinned base', address }],
      }).find((f) => f.ruleId === 'CHECKS-SUPPRESSION-UNUSED');
    assert.equal(run('google_cloud_run_v2_service.api'), undefined, 'the right address is used');
    assert.match(
      run('google_cloud_run_v2_service.apii')?.fix ?? '',
      /^did you mean the address 'google_cloud_run_v2_service\.api'\?/,
    );
    assert.match(run('google_cloud_run_v2_service.billing')?.fix ?? '', /^remove it/);
  });

  test('unused suppressions are warned about; platform errors cannot be suppressed; a reason is required', () => {
    const run = (s: object[]) => checkTerraform(broken(), { suppressions: s as never });
    const unused = run([
      { ruleId: 'GCR-DEFAULT-SA', reason: 'there is no default SA here', address: 'google_cloud_run_v2_service.api' },
    ]);
    assert.deepEqual(
      unused.filter((f) => f.ruleId.startsWith('CHECKS-')).map((f) => [f.ruleId, f.level]),
      [['CHECKS-SUPPRESSION-UNUSED', CheckLevel.WARNING]],
    );
    const notAllowed = run([{ ruleId: 'GCR-CPU-VALUE', reason: 'we know better than the API' }]);
    assert.equal(notAllowed.find((f) => f.ruleId === 'GCR-CPU-VALUE')?.suppressed, undefined);
    assert.ok(notAllowed.some((f) => f.ruleId === 'CHECKS-SUPPRESSION-NOT-ALLOWED'));
    assert.throws(() => run([{ ruleId: 'GCR-IMAGE-DIGEST', reason: 'ok' }]), /reason of at least 10/);
    assert.throws(
      () => run([{ ruleId: 'GCR-NOPE', reason: 'a long enough reason' }]),
      /options\.suppressions\.0\.ruleId = 'GCR-NOPE': no rule has this id/,
    );
  });

  test('an expiry that is not a calendar date is refused like any malformed date, not rolled over', () => {
    const run = (expires: string) =>
      checkTerraform(broken(), {
        suppressions: [{ ruleId: 'GCR-IMAGE-DIGEST', reason: 'rebuilt from a pinned base nightly', expires }],
      });
    for (const expires of [
      '2026-02-30',
      '2026-04-31',
      '2025-02-29',
      '2026-13-01',
      '2026-00-10',
      '2026-01-00',
      '26-1-1',
    ]) {
      assert.throws(
        () => run(expires),
        new RegExp(`has expires '${expires}'; use an ISO date like 2026-12-31`),
        expires,
      );
    }
    for (const expires of ['2028-02-29', '2026-12-31', '2026-01-01']) {
      assert.doesNotThrow(() => run(expires), expires);
    }
  });

  test('unknown results can be left out', () => {
    const json = tf(
      V2,
      mutated(v2Service, (b) => (b.template = '${var.template}')),
    );
    assert.ok(checkTerraform(json).some((f) => f.status === FindingStatus.UNKNOWN));
    assert.equal(
      checkTerraform(json, { reportUnknown: false }).filter((f) => f.status === FindingStatus.UNKNOWN).length,
      0,
    );
    assert.equal(failsAt(checkTerraform(json), 'warning'), false);
  });
});

describe('reports', () => {
  const findings = checkTerraform(
    {
      resource: {
        [V2]: {
          api: {
            ...mutated(v2Service, (b) => (b.template.containers[0].image = 'app:latest')),
            '//': { metadata: { path: 's/api' } },
          },
          t: mutated(v2Service, (b) => (b.template = '${var.t}')),
        },
      },
    },
    {
      suppressions: [
        {
          ruleId: 'GCR-IMAGE-DIGEST',
          reason: 'a demo image, deleted nightly',
          address: 'google_cloud_run_v2_service.api',
        },
      ],
    },
  );

  test('SARIF 2.1.0 with rule metadata, logical locations, suppressions and review results for unknowns', () => {
    const sarif: Json = sarifReport([{ findings, artifactUri: 'stacks/s/cdk.tf.json', stack: 's' }]);
    const run = sarif.runs[0];
    assert.equal(sarif.version, '2.1.0');
    assert.ok(run.tool.driver.rules.some((r: Json) => r.id === 'GCR-PUBLIC-INVOKER'));
    const suppressed = run.results.find((r: Json) => r.ruleId === 'GCR-IMAGE-DIGEST');
    assert.deepEqual(suppressed.suppressions[0], {
      kind: 'external',
      status: 'accepted',
      justification: 'a demo image, deleted nightly',
    });
    assert.equal(suppressed.locations[0].physicalLocation.artifactLocation.uri, 'stacks/s/cdk.tf.json');
    assert.deepEqual(suppressed.locations[0].logicalLocations, [
      { fullyQualifiedName: 's/api', kind: 'module' },
      {
        name: 'google_cloud_run_v2_service.api',
        fullyQualifiedName: 's/google_cloud_run_v2_service.api',
        kind: 'resource',
      },
    ]);
    const review = run.results.find((r: Json) => r.kind === 'review');
    assert.equal(review?.level, 'none');
  });

  test('text output is grouped by resource and folds unknowns into one line', () => {
    const text = textReport([{ findings }]);
    assert.match(text, /^google_cloud_run_v2_service\.api {2}\(s\/api\)$/m);
    assert.match(text, /SUPPR\. {2}GCR-IMAGE-DIGEST/);
    assert.match(text, /UNKNOWN \d+ rules could not be evaluated because template/);
    assert.match(text, /0 errors, \d+ warnings?, \d+ info, \d+ unknown, 1 suppressed$/);
    assert.ok(!text.includes('at Object.'));
  });
});

test('a digest-pinned image passes GCR-IMAGE-DIGEST', () => {
  assert.ok(DIGEST.includes('@sha256:'));
  assert.equal(status(tf(V2, v2Service()), 'GCR-IMAGE-DIGEST'), 'pass');
});
