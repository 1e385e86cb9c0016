import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CheckInputError, checkTerraform, runChecks } from '../../lib/checks/engine';
import { configurationOf } from '../../lib/checks/input/configuration';
import { mergeModule } from '../../lib/checks/input/module';
import { readTerraformJson } from '../../lib/checks/input/terraform-json';
import { FindingStatus } from '../../lib/checks/types';
import { application, type Json, mutated, standardVersion, status, tf, v1Service, v2Job, v2Service } from './fixtures';
import { asBlockLists, asConverted, asResourceList, plan } from './shapes';

const V2 = 'google_cloud_run_v2_service';
const key = (f: { ruleId: string; address: string; status: string; level: string }) =>
  `${f.ruleId} ${f.address} ${f.status} ${f.level}`;
const keys = (json: Json) => checkTerraform(json).map(key).sort();

/** Broken fixtures of every kind the checks read, each failing at least one rule. */
const BROKEN: Array<[string, Json]> = [
  [
    'v2 service, CPU 3',
    tf(
      V2,
      mutated(v2Service, (b) => (b.template.containers[0].resources.limits.cpu = '3')),
    ),
  ],
  [
    'v2 service, tag image',
    tf(
      V2,
      mutated(v2Service, (b) => (b.template.containers[0].image = 'gcr.io/p/a:v1')),
    ),
  ],
  [
    'v2 service, probes and env',
    tf(
      V2,
      mutated(v2Service, (b) => {
        b.template.containers[0].env.push({ name: 'DB_PASSWORD', value: 'hunter2' });
        b.template.containers[0].startup_probe.http_get.path = 'healthz';
      }),
    ),
  ],
  [
    'v2 job, 8Gi on 1 vCPU',
    tf(
      'google_cloud_run_v2_job',
      mutated(v2Job, (b) => (b.template.template.containers[0].resources.limits.memory = '8Gi')),
    ),
  ],
  [
    'v1 service, concurrency 0',
    tf(
      'google_cloud_run_service',
      mutated(v1Service, (b) => (b.template.spec.container_concurrency = 2000)),
    ),
  ],
  [
    'standard version, HTTP handler',
    tf(
      'google_app_engine_standard_app_version',
      mutated(standardVersion, (b) => (b.handlers[0].security_level = 'SECURE_OPTIONAL')),
    ),
  ],
  [
    'application, region name',
    tf(
      'google_app_engine_application',
      mutated(application, (b) => (b.location_id = 'us-central1')),
    ),
  ],
];

describe('every shape of the JSON syntax gives the same findings', () => {
  for (const [name, json] of BROKEN) {
    test(`${name}: objects, converter lists, resource as a list`, () => {
      const expected = keys(json);
      assert.ok(
        expected.some((k) => / fail /.test(k)),
        `${name} fails a rule`,
      );
      assert.deepEqual(keys(asConverted(json)), expected);
      assert.deepEqual(keys(asResourceList(json)), expected);
      assert.deepEqual(keys(asResourceList(asConverted(json))), expected);
    });
  }

  test('a type written as a list of name objects, and `//` comments at every label level', () => {
    const body = mutated(v2Service, (b) => (b.template.containers[0].resources.limits.cpu = '3'));
    const json = {
      '//': { note: 'generated' },
      resource: { '//': 'types', [V2]: [{ '//': 'names', a: [asBlockLists(body)] }, { b: body }] },
    };
    const failing = checkTerraform(json).filter((f) => f.ruleId === 'GCR-CPU-VALUE');
    assert.deepEqual(failing.map((f) => f.address).sort(), [`${V2}.a`, `${V2}.b`]);
  });

  test('what Terraform would refuse to read is an input error naming the place', () => {
    const body = v2Service();
    assert.throws(
      () => checkTerraform({ resource: { [V2]: { api: [body, body] } } }),
      /resource\.google_cloud_run_v2_service\.api is declared 2 times/,
    );
    assert.throws(
      () => checkTerraform({ resource: { [V2]: { api: [] } } }),
      /api has an empty list where a block body belongs/,
    );
    assert.throws(() => checkTerraform({ resource: { [V2]: { api: 'x' } } }), CheckInputError);
    assert.throws(() => checkTerraform({ data: [1] }), /"data" must be an object of types/);
  });
});

describe('meta-arguments never hide a resource', () => {
  const cpu3 = () => mutated(v2Service, (b) => (b.template.containers[0].resources.limits.cpu = '3'));

  test('count and for_each written as interpolations: judged once, the message says for every instance', () => {
    for (const meta of [{ count: '${var.enabled ? 1 : 0}' }, { for_each: '${var.regions}' }]) {
      const json = asConverted(tf(V2, { ...cpu3(), ...meta }));
      const f = checkTerraform(json).find((x) => x.ruleId === 'GCR-CPU-VALUE')!;
      assert.equal(f.address, `${V2}.r`);
      assert.match(f.message, new RegExp(`\\(every instance of its ${Object.keys(meta)[0]}\\)`));
    }
  });

  test('values read from each. or count. are unknown, not a pass', () => {
    const body = mutated(v2Service, (b) => (b.template.containers[0].resources.limits.cpu = '${each.value.cpu}'));
    const json = asConverted(tf(V2, { ...body, for_each: '${var.services}' }));
    assert.equal(status(json, 'GCR-CPU-VALUE'), 'unknown');
  });

  test('count = 0 and an empty literal for_each create nothing, so nothing is judged', () => {
    for (const meta of [{ count: 0 }, { count: '0' }, { for_each: {} }, { for_each: [] }]) {
      const run = runChecks(configurationOf(tf(V2, { ...cpu3(), ...meta })));
      assert.deepEqual(run.findings, []);
      assert.deepEqual(run.summary.notCreated, [`${V2}.r`]);
    }
  });

  test('provider and depends_on written as interpolations are read as references', () => {
    const content = readTerraformJson(
      asConverted(
        tf(V2, { ...v2Service(), provider: '${google-beta}', depends_on: ['${google_project_service.run}'] }),
      ),
    );
    assert.equal(content.declarations[0].body.provider, 'google-beta');
    assert.deepEqual(content.declarations[0].body.depends_on, ['google_project_service.run']);
    // Two applications of one project through the same aliased provider: the per-project rule sees them.
    const app = { ...application(), provider: '${google.other}' };
    const twice = { resource: { google_app_engine_application: { a: [app], b: [app] } } };
    assert.equal(status(twice, 'GAE-APP-PER-PROJECT'), 'fail');
  });

  test('a dynamic block (object or list form) makes the block it generates unknown', () => {
    const dynamicEnv = { env: [{ for_each: '${var.env}', content: [{ name: '${env.key}', value: '${env.value}' }] }] };
    for (const dynamic of [dynamicEnv, [dynamicEnv]]) {
      const json = asConverted(
        tf(
          V2,
          mutated(v2Service, (b) => {
            delete b.template.containers[0].env;
            b.template.containers[0].dynamic = dynamic;
          }),
        ),
      );
      assert.equal(status(json, 'GCR-ENV-NAME'), 'unknown');
      assert.equal(status(json, 'GCR-CPU-VALUE'), 'pass');
    }
  });
});

describe('a folder is one module', () => {
  const file = (name: string, json: Json) => ({ file: name, content: readTerraformJson(json, name) });

  test('files merge: a public invoker in iam.tf.json is judged against the service in main.tf.json', () => {
    const main = tf(
      V2,
      mutated(v2Service, (b) => (b.ingress = 'INGRESS_TRAFFIC_ALL')),
    );
    const iam = {
      resource: {
        google_cloud_run_v2_service_iam_member: {
          public: [{ name: '${google_cloud_run_v2_service.r.name}', role: 'roles/run.invoker', member: 'allUsers' }],
        },
      },
    };
    const content = mergeModule([file('main.tf.json', main), file('iam.tf.json', asConverted(iam))]);
    const run = runChecks({ modules: [{ path: '', content }], moduleCalls: [], deleted: [] });
    const f = run.findings.find((x) => x.ruleId === 'GCR-PUBLIC-INVOKER')!;
    assert.equal(f.status, FindingStatus.FAIL);
    assert.equal(f.level, 'warning'); // ingress ALL read from main.tf.json (a restricted one gives info)
  });

  test('the same address in two files is an input error naming both', () => {
    assert.throws(
      () => mergeModule([file('a.tf.json', tf(V2, v2Service())), file('b.tf', tf(V2, v2Service()))]),
      /google_cloud_run_v2_service\.r is declared twice: in a\.tf\.json and in b\.tf/,
    );
  });

  test('override files replace the arguments and blocks they name; one without a base is an error', () => {
    const override = tf(V2, { template: { containers: [{ image: 'gcr.io/p/a:v1' }] } });
    const content = mergeModule([file('main_override.tf.json', override), file('main.tf.json', tf(V2, v2Service()))]);
    assert.equal(content.declarations[0].body.template.containers[0].image, 'gcr.io/p/a:v1');
    assert.equal(content.declarations[0].body.name, 'api');
    assert.throws(
      () => mergeModule([file('override.tf.json', override)]),
      /override\.tf\.json overrides google_cloud_run_v2_service\.r, which no other file/,
    );
  });

  test('module calls are listed with their source, not followed by a JSON document', () => {
    const json = {
      ...tf(V2, v2Service()),
      module: { run: [{ source: 'GoogleCloudPlatform/cloud-run/google', version: '~> 0.10' }] },
    };
    const run = runChecks(configurationOf(asConverted(json)));
    assert.deepEqual(run.summary.moduleCalls, [
      { address: 'module.run', source: 'GoogleCloudPlatform/cloud-run/google', followed: false },
    ]);
    assert.equal(run.summary.resources, 1);
  });

  test('a resource in a followed module carries the module path in its address', () => {
    const child = readTerraformJson(
      tf(
        V2,
        mutated(v2Service, (b) => (b.template.containers[0].resources.limits.cpu = '3')),
      ),
    );
    const run = runChecks({
      modules: [
        { path: '', content: readTerraformJson({ module: { app: { source: './app' } } }) },
        { path: 'module.app', content: child },
      ],
      moduleCalls: [{ address: 'module.app', source: './app', followed: true }],
      deleted: [],
    });
    assert.ok(run.findings.some((f) => f.ruleId === 'GCR-CPU-VALUE' && f.address === `module.app.${V2}.r`));
  });
});

describe('plan JSON', () => {
  test('planned values are judged; resources in child modules carry their full address with the index', () => {
    const findings = checkTerraform(plan());
    const cpu = findings.filter((f) => f.ruleId === 'GCR-CPU-VALUE');
    assert.deepEqual(cpu.map((f) => `${f.address} ${f.status}`).sort(), [
      `${V2}.api fail`,
      `module.run.${V2}.svc[0] unknown`,
    ]);
    assert.ok(!findings.some((f) => f.address === `module.run.${V2}.each["eu"]` && f.status === FindingStatus.FAIL));
  });

  test('every after_unknown path is unknown, never a pass', () => {
    assert.equal(
      checkTerraform(plan()).find((f) => f.ruleId === 'GCR-DEFAULT-SA' && f.address === `${V2}.api`)?.status,
      FindingStatus.UNKNOWN,
    );
  });

  test('resources being deleted are not judged, and are counted', () => {
    const run = runChecks(configurationOf(plan()));
    assert.ok(!run.findings.some((f) => f.address === `${V2}.old`));
    assert.deepEqual(run.summary.deleted, [`${V2}.old`]);
    assert.equal(run.summary.resources, 3);
  });

  test('a suppression by address covers every instance of the resource', () => {
    const findings = checkTerraform(plan(), {
      suppressions: [
        { ruleId: 'GCR-IMAGE-DIGEST', address: `module.run.${V2}.svc`, reason: 'pinned by the deploy pipeline' },
      ],
    });
    assert.ok(!findings.some((f) => f.ruleId === 'CHECKS-SUPPRESSION-UNUSED'));
    const digest = findings.filter((f) => f.ruleId === 'GCR-IMAGE-DIGEST');
    assert.deepEqual(digest.map((f) => `${f.address} ${f.suppressed ? 'suppressed' : 'open'}`).sort(), [
      `${V2}.api open`,
      `module.run.${V2}.svc[0] suppressed`,
    ]);
  });
});
