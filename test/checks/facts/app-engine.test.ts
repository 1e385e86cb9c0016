/**
 * What the App Engine fact extractors read from raw standard and flexible versions and applications: each fact, where
 * it is read from, and what is marked unknown when a value is only known at apply.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { appEngineApplicationFacts, appEngineVersionFacts } from '../../../lib/checks/facts/app-engine';
import { TerraformModel } from '../../../lib/checks/model';
import { SCALING_FACTS } from '../../../lib/platform/app-engine/facts';
import { application, flexibleVersion, type Json, mutated, standardVersion } from '../fixtures';
import { asBlockLists } from '../shapes';
import { declared, unknownOf } from './read';

const STD = 'google_app_engine_standard_app_version';
const FLEX = 'google_app_engine_flexible_app_version';
const APP = 'google_app_engine_application';

const factsOf = (body: Json, type = STD) => {
  const { r, model } = declared(type, body);
  return appEngineVersionFacts(r, model);
};
const version = (change: (b: Json) => void) => factsOf(mutated(standardVersion, change));

describe('a standard version', () => {
  test('every fact of the compliant version, the same in list form', () => {
    const set = factsOf(standardVersion());
    const f = set.facts;
    assert.equal(f.service, 'default');
    assert.equal(f.versionId, 'v1');
    assert.equal(f.project, undefined);
    assert.equal(f.runtime, 'python312');
    assert.equal(f.instanceClass, 'F2');
    assert.equal(f.scalingType, 'automatic');
    assert.equal(f.maxConcurrentRequests, 8);
    assert.equal(f.maxInstances, 5);
    assert.equal(f.targetCpuUtilization, 0.6);
    assert.equal(f.minInstances, undefined);
    assert.deepEqual(f.inboundServices, ['INBOUND_SERVICE_WARMUP']);
    assert.deepEqual(f.envNames, ['MODE']);
    assert.deepEqual(f.env, [{ name: 'MODE', value: 'prod' }]);
    assert.deepEqual(f.handlers, [
      { static: false, redirectCode: undefined, url: '/.*', securityLevel: 'SECURE_ALWAYS' },
    ]);
    assert.equal(f.deploymentSources, 1);
    assert.deepEqual(f.serviceAccount, { email: 'app@p.iam.gserviceaccount.com', isDefault: false });
    assert.equal(f.entrypoint, 'gunicorn -b :$PORT -w 2 --threads 4 --timeout 0 main:app');
    assert.equal(f.server?.workers, 2);
    assert.equal(f.server?.threads, 4);
    assert.equal(f.server?.timeout, 0);
    assert.deepEqual(unknownOf(set), []);
    assert.deepEqual(factsOf(asBlockLists(standardVersion())).facts, f);
  });

  test('every automatic scaling setting, at its attribute', () => {
    const set = version((b) => {
      b.automatic_scaling = {
        max_concurrent_requests: 10,
        min_idle_instances: 1,
        max_idle_instances: 2,
        min_pending_latency: '0.03s',
        max_pending_latency: '1s',
        standard_scheduler_settings: {
          min_instances: 0,
          max_instances: 20,
          target_cpu_utilization: 0.7,
          target_throughput_utilization: '0.8',
        },
      };
    });
    const f = set.facts;
    assert.equal(f.maxConcurrentRequests, 10);
    assert.equal(f.minIdleInstances, 1);
    assert.equal(f.maxIdleInstances, 2);
    assert.equal(f.minPendingLatency, 0.03);
    assert.equal(f.maxPendingLatency, 1);
    assert.equal(f.minInstances, 0);
    assert.equal(f.maxInstances, 20);
    assert.equal(f.targetCpuUtilization, 0.7);
    assert.equal(f.targetThroughputUtilization, 0.8);
    assert.equal(set.attributes!.minPendingLatency, 'automatic_scaling.min_pending_latency');
    assert.ok(Number.isNaN(version((b) => (b.automatic_scaling.min_pending_latency = '30ms')).facts.minPendingLatency));
  });

  test('the scaling type from the block written, automatic when none; basic and manual settings', () => {
    const basic = version((b) => {
      delete b.automatic_scaling;
      b.basic_scaling = { max_instances: 3, idle_timeout: '300s' };
    }).facts;
    assert.equal(basic.scalingType, 'basic');
    assert.equal(basic.basicMaxInstances, 3);
    assert.equal(basic.idleTimeout, 300);
    assert.equal(basic.maxConcurrentRequests, undefined);
    const manual = version((b) => {
      delete b.automatic_scaling;
      b.manual_scaling = [{ instances: 2 }];
    }).facts;
    assert.equal(manual.scalingType, 'manual');
    assert.equal(manual.manualInstances, 2);
    assert.equal(version((b) => delete b.automatic_scaling).facts.scalingType, 'automatic');
    // The first block written in automatic, basic, manual order.
    const both = version((b) => {
      delete b.automatic_scaling;
      b.basic_scaling = { max_instances: 3 };
      b.manual_scaling = { instances: 2 };
    }).facts;
    assert.equal(both.scalingType, 'basic');
    assert.equal(both.manualInstances, 2);
  });

  test('a scaling block only known at apply makes every scaling fact unknown, unless one before it is written', () => {
    for (const key of ['automatic_scaling', 'basic_scaling', 'manual_scaling']) {
      const set = version((b) => {
        delete b.automatic_scaling;
        b[key] = '${var.scaling}';
      });
      assert.deepEqual(unknownOf(set), [...SCALING_FACTS].sort(), key);
      assert.equal(set.attributes!.manualInstances, 'automatic_scaling', key);
      assert.equal(set.facts.scalingType, undefined, key);
    }
    // Unknown automatic scaling then a basic block: still unknown.
    const first = version((b) => {
      b.automatic_scaling = '${var.scaling}';
      b.basic_scaling = { max_instances: 3 };
    });
    assert.ok(first.unknown.has('scalingType'));
    assert.equal(first.facts.basicMaxInstances, undefined);
    // A basic block before an unknown manual one: basic.
    const known = version((b) => {
      delete b.automatic_scaling;
      b.basic_scaling = { max_instances: 3 };
      b.manual_scaling = '${var.scaling}';
    });
    assert.equal(known.facts.scalingType, 'basic');
    assert.ok(!known.unknown.has('scalingType'));
  });

  test('inbound services: a list of literal strings, else unknown', () => {
    const none = version((b) => delete b.inbound_services);
    assert.equal(none.facts.inboundServices, undefined);
    assert.deepEqual(unknownOf(none), []);
    for (const value of ['${var.s}', ['INBOUND_SERVICE_WARMUP', '${var.s}'], ['INBOUND_SERVICE_WARMUP', 1], {}]) {
      const set = version((b) => (b.inbound_services = value));
      assert.equal(set.facts.inboundServices, undefined, JSON.stringify(value));
      assert.deepEqual(unknownOf(set), ['inboundServices'], JSON.stringify(value));
    }
  });

  test('env_variables: names, values as strings at their own attribute, references marked', () => {
    const set = version((b) => (b.env_variables = { A: 'a', B: 2, C: '${var.c}', D: null, E: true }));
    assert.deepEqual(set.facts.envNames, ['A', 'B', 'C', 'D', 'E']);
    assert.deepEqual(set.facts.env, [
      { name: 'A', value: 'a' },
      { name: 'B', value: '2' },
      { name: 'C', valueFromReference: true },
      { name: 'D', value: undefined },
      { name: 'E', value: 'true' },
    ]);
    assert.equal(set.attributes!['env.0'], 'env_variables.A');
    assert.equal(set.attributes!['env.2'], 'env_variables.C');
    assert.deepEqual(unknownOf(set), []);
    const noneSet = version((b) => delete b.env_variables);
    const none = noneSet.facts;
    assert.equal(none.envNames, undefined);
    assert.equal(none.env, undefined);
    assert.deepEqual(unknownOf(noneSet), []);
    assert.deepEqual(version((b) => (b.env_variables = {})).facts.env, []);
  });

  test('each variable, by its name or its value, is read from env_variables.NAME', () => {
    const set = version((b) => (b.env_variables = { A: 'a', GAE_VERSION: 'x' }));
    assert.equal(set.attributes!['envNames.1'], 'env_variables.GAE_VERSION');
    assert.equal(set.attributes!['env.1'], 'env_variables.GAE_VERSION');
    assert.equal(set.attributes!['envNames.0'], 'env_variables.A');
  });

  test('env_variables only known at apply, as a map, a list or by one of its keys: names and values unknown', () => {
    for (const env of ['${var.env}', ['A'], { A: 'a', '${var.k}': 'b' }]) {
      const set = version((b) => (b.env_variables = env));
      assert.deepEqual(unknownOf(set), ['env', 'envNames'], JSON.stringify(env));
      assert.equal(set.facts.env, undefined);
    }
  });

  test('handlers: static or not, the redirect code, the URL and security level as written', () => {
    const set = version(
      (b) =>
        (b.handlers = [
          { url_regex: '/static', static_files: { path: 'static' } },
          { url_regex: '/.*', redirect_http_response_code: 'REDIRECT_HTTP_RESPONSE_CODE_301' },
          { redirect_http_response_code: 'REDIRECT_HTTP_RESPONSE_CODE_UNSPECIFIED', url_regex: 1, security_level: 2 },
        ]),
    );
    assert.deepEqual(set.facts.handlers, [
      { static: true, redirectCode: undefined, url: '/static', securityLevel: undefined },
      { static: false, redirectCode: 301, url: '/.*', securityLevel: undefined },
      { static: false, redirectCode: Number.NaN, url: undefined, securityLevel: undefined },
    ]);
    assert.ok(
      Number.isNaN(
        version((b) => (b.handlers = [{ redirect_http_response_code: 301 }])).facts.handlers![0].redirectCode,
      ),
    );
    assert.ok(
      Number.isNaN(
        version((b) => (b.handlers = [{ redirect_http_response_code: 'REDIRECT_HTTP_RESPONSE_CODE_301x' }])).facts
          .handlers![0].redirectCode,
      ),
    );
    // Only the whole enum value is a code: not one with a prefix, nor a list holding it.
    for (const code of ['xREDIRECT_HTTP_RESPONSE_CODE_301', ['REDIRECT_HTTP_RESPONSE_CODE_301']])
      assert.ok(
        Number.isNaN(
          version((b) => (b.handlers = [{ redirect_http_response_code: code }])).facts.handlers![0].redirectCode,
        ),
        JSON.stringify(code),
      );
    assert.equal(version((b) => delete b.handlers).facts.handlers, undefined);
  });

  test('handlers only known at apply, or one value of a handler: handlers unknown', () => {
    for (const handlers of [
      '${var.h}',
      [{ url_regex: '/.*', redirect_http_response_code: '${var.c}' }],
      [{ url_regex: '/.*', static_files: '${var.s}' }],
      [{ url_regex: '/.*', security_level: '${var.l}' }],
    ]) {
      const set = version((b) => (b.handlers = handlers));
      assert.deepEqual(unknownOf(set), ['handlers'], JSON.stringify(handlers));
      assert.equal(set.facts.handlers, undefined);
    }
  });

  test('delete_service_on_destroy and the deployment sources', () => {
    assert.equal(version((b) => (b.delete_service_on_destroy = true)).facts.deleteServiceOnDestroy, true);
    assert.equal(version((b) => (b.delete_service_on_destroy = 'false')).facts.deleteServiceOnDestroy, false);
    const files = version(
      (b) =>
        (b.deployment = {
          files: [
            { name: 'main.py', source_url: 'https://x/main.py' },
            { name: 'app.yaml', source_url: 'https://x/app.yaml' },
          ],
        }),
    );
    assert.equal(files.facts.deploymentSources, 2);
    assert.equal(version((b) => delete b.deployment).facts.deploymentSources, 0);
    assert.equal(
      version((b) => (b.deployment = { zip: { source_url: 'x' }, files: [{ name: 'a' }] })).facts.deploymentSources,
      1,
    );
    for (const deployment of ['${var.d}', { zip: '${var.z}' }, { files: '${var.f}' }]) {
      const set = version((b) => (b.deployment = deployment));
      assert.deepEqual(unknownOf(set), ['deploymentSources'], JSON.stringify(deployment));
    }
  });

  test('the service account: unset is the default, a reference to an account of its own is dedicated', () => {
    assert.deepEqual(version((b) => delete b.service_account).facts.serviceAccount, { isDefault: true });
    const { r, model } = declared(
      STD,
      mutated(standardVersion, (b) => (b.service_account = '${google_service_account.app.email}')),
      { google_service_account: { app: { account_id: 'app-sa' } } },
    );
    assert.deepEqual(appEngineVersionFacts(r, model).facts.serviceAccount, { isDefault: false });
    assert.deepEqual(unknownOf(appEngineVersionFacts(r)), ['serviceAccount']);
  });

  test('each value only known at apply is unknown on its own', () => {
    for (const [key, fact] of [
      ['service', 'service'],
      ['version_id', 'versionId'],
      ['project', 'project'],
      ['runtime', 'runtime'],
      ['instance_class', 'instanceClass'],
      ['delete_service_on_destroy', 'deleteServiceOnDestroy'],
    ]) {
      const set = version((b) => (b[key] = '${var.x}'));
      assert.deepEqual(unknownOf(set), [fact], key);
    }
    for (const [key, fact] of [
      ['max_concurrent_requests', 'maxConcurrentRequests'],
      ['min_idle_instances', 'minIdleInstances'],
      ['max_idle_instances', 'maxIdleInstances'],
      ['min_pending_latency', 'minPendingLatency'],
      ['max_pending_latency', 'maxPendingLatency'],
    ]) {
      const set = version((b) => (b.automatic_scaling[key] = '${var.x}'));
      assert.deepEqual(unknownOf(set), [fact], key);
    }
    for (const [key, fact] of [
      ['min_instances', 'minInstances'],
      ['max_instances', 'maxInstances'],
      ['target_cpu_utilization', 'targetCpuUtilization'],
      ['target_throughput_utilization', 'targetThroughputUtilization'],
    ]) {
      const set = version((b) => (b.automatic_scaling.standard_scheduler_settings[key] = '${var.x}'));
      assert.deepEqual(unknownOf(set), [fact], key);
    }
    const basic = version((b) => {
      delete b.automatic_scaling;
      b.basic_scaling = { max_instances: '${var.m}', idle_timeout: '${var.t}' };
    });
    assert.deepEqual(unknownOf(basic), ['basicMaxInstances', 'idleTimeout']);
    const manual = version((b) => {
      delete b.automatic_scaling;
      b.manual_scaling = { instances: '${var.n}' };
    });
    assert.deepEqual(unknownOf(manual), ['manualInstances']);
  });
});

describe('the project of a standard version', () => {
  const withProviders = (provider: Json, body: Json) => {
    const model = new TerraformModel({ provider, resource: { [STD]: { r: body } } });
    return appEngineVersionFacts(model.byType.get(STD)![0], model);
  };
  const providers = { google: [{ project: 'p' }, { alias: 'eu', project: 'q' }, { alias: 'x', project: '${var.p}' }] };

  test('written on the version: that project', () => {
    const set = withProviders(
      providers,
      mutated(standardVersion, (b) => (b.project = 'own')),
    );
    assert.equal(set.facts.project, 'own');
    assert.equal(set.attributes!.project, 'project');
  });

  test("not written: the project of the provider it uses, at the provider's attribute", () => {
    const set = withProviders(providers, standardVersion());
    assert.equal(set.facts.project, 'p');
    assert.equal(set.attributes!.project, 'provider.project');
    for (const provider of ['google.eu', '${google.eu}'])
      assert.equal(
        withProviders(
          providers,
          mutated(standardVersion, (b) => (b.provider = provider)),
        ).facts.project,
        'q',
      );
    const unknown = withProviders(
      providers,
      mutated(standardVersion, (b) => (b.provider = 'google.x')),
    );
    assert.deepEqual(unknownOf(unknown), ['project']);
    assert.equal(unknown.attributes!.project, 'provider.project');
    // An alias no provider has, no provider at all, a provider without a project: unset.
    assert.equal(
      withProviders(
        providers,
        mutated(standardVersion, (b) => (b.provider = 'google.none')),
      ).facts.project,
      undefined,
    );
    assert.equal(withProviders({}, standardVersion()).facts.project, undefined);
    assert.equal(withProviders({ google: { region: 'r' } }, standardVersion()).facts.project, undefined);
    // The default provider is the one without an alias.
    assert.equal(
      withProviders({ google: [{ alias: 'eu', project: 'q' }] }, standardVersion()).facts.project,
      undefined,
    );
    // Another provider's configuration is not google's.
    assert.equal(withProviders({ 'google-beta': { project: 'b' } }, standardVersion()).facts.project, undefined);
  });

  test('without the model the provider is not read', () => {
    const { r } = declared(STD, standardVersion());
    const set = appEngineVersionFacts(r);
    assert.equal(set.facts.project, undefined);
    assert.equal(set.attributes!.project, 'project');
  });
});

describe('the entrypoint', () => {
  const shell = (value: Json, env?: Json) =>
    version((b) => {
      b.entrypoint = { shell: value };
      if (env !== undefined) b.env_variables = env;
    });

  test('the server the command runs; without a worker count, WEB_CONCURRENCY, else gunicorn default of 1', () => {
    assert.equal(shell('gunicorn -b :$PORT -w 3 main:app').facts.server?.workers, 3);
    assert.equal(shell('gunicorn -b :$PORT main:app').facts.server?.workers, 1);
    assert.equal(shell('gunicorn -b :$PORT main:app', { WEB_CONCURRENCY: '4' }).facts.server?.workers, 4);
    assert.equal(shell('gunicorn -b :$PORT -w 3 main:app', { WEB_CONCURRENCY: '4' }).facts.server?.workers, 3);
    const unreadable = shell('gunicorn -b :$PORT main:app', { WEB_CONCURRENCY: 'x' });
    assert.deepEqual(unknownOf(unreadable), ['server.workers']);
    assert.equal(unreadable.attributes!['server.workers'], 'env_variables.WEB_CONCURRENCY');
  });

  test('not gunicorn: the entrypoint, no server; gunicorn with a config file: the server unknown', () => {
    const uvicorn = shell('uvicorn main:app');
    assert.equal(uvicorn.facts.entrypoint, 'uvicorn main:app');
    assert.equal(uvicorn.facts.server, undefined);
    assert.deepEqual(unknownOf(uvicorn), []);
    const config = shell('gunicorn -c gunicorn.conf.py main:app');
    assert.equal(config.facts.entrypoint, 'gunicorn -c gunicorn.conf.py main:app');
    assert.deepEqual(unknownOf(config), ['server']);
    assert.equal(config.attributes!.server, 'entrypoint.shell');
  });

  test('a shell or entrypoint only known at apply: entrypoint and server unknown; none written: neither', () => {
    for (const change of [
      (b: Json) => (b.entrypoint = { shell: '${var.s}' }),
      (b: Json) => (b.entrypoint = '${var.e}'),
    ]) {
      const set = version(change);
      assert.deepEqual(unknownOf(set), ['entrypoint', 'server']);
      assert.equal(set.attributes!.entrypoint, 'entrypoint.shell');
    }
    const none = version((b) => delete b.entrypoint);
    assert.equal(none.facts.entrypoint, undefined);
    assert.equal(none.facts.server, undefined);
    assert.equal(shell(['gunicorn']).facts.entrypoint, undefined);
  });

  test('versions sharing an entrypoint share its reading in one model', () => {
    const model = new TerraformModel({ resource: { [STD]: { a: standardVersion(), b: standardVersion() } } });
    const [a, b] = model.byType.get(STD)!.map((r) => appEngineVersionFacts(r, model).facts.server);
    assert.equal(a, b);
    const [c, d] = model.byType.get(STD)!.map((r) => appEngineVersionFacts(r).facts.server);
    assert.notEqual(c, d);
    assert.deepEqual(c, a);
  });

  test('read the same with and without the model', () => {
    const { r, model } = declared(STD, standardVersion());
    const first = appEngineVersionFacts(r, model);
    assert.equal(appEngineVersionFacts(r, model), first);
    assert.deepEqual(appEngineVersionFacts(r).facts.server, first.facts.server);
  });
});

describe('a flexible version', () => {
  test('only who it runs as, its env_variables and handlers', () => {
    const set = factsOf(
      mutated(flexibleVersion, (b) => (b.env_variables = { A: 'a' })),
      FLEX,
    );
    const f = set.facts;
    assert.deepEqual(f.env, [{ name: 'A', value: 'a' }]);
    assert.equal(set.attributes!['env.0'], 'env_variables.A');
    assert.deepEqual(f.handlers, [
      { static: false, redirectCode: undefined, url: '/.*', securityLevel: 'SECURE_ALWAYS' },
    ]);
    assert.deepEqual(f.serviceAccount, { email: 'flex@p.iam.gserviceaccount.com', isDefault: false });
    assert.equal(f.runtime, undefined);
    assert.equal(f.scalingType, undefined);
    assert.equal(f.envNames, undefined);
    assert.equal(f.service, undefined);
    // Every fact is present, unset ones as undefined: the facts of both kinds of version share one object shape.
    assert.deepEqual(Object.keys(f).sort(), Object.keys(factsOf(standardVersion()).facts).sort());
    const unknown = factsOf(
      mutated(flexibleVersion, (b) => {
        b.env_variables = '${var.env}';
        b.handlers = '${var.h}';
      }),
      FLEX,
    );
    assert.deepEqual(unknownOf(unknown), ['env', 'handlers']);
  });
});

describe('an application', () => {
  const apps = (bodies: Record<string, Json>) => {
    const model = new TerraformModel({ resource: { [APP]: bodies } });
    return (name: string) => appEngineApplicationFacts(model.get(`${APP}.${name}`)!, model);
  };

  test('its location and database type; a value only known at apply unknown', () => {
    const f = apps({ a: application() })('a').facts;
    assert.equal(f.locationId, 'europe-west');
    assert.equal(f.databaseType, 'CLOUD_FIRESTORE');
    assert.deepEqual(f.sameProject, []);
    const token = apps({ a: { ...application(), location_id: '${var.l}', database_type: '${var.d}' } })('a');
    assert.deepEqual(unknownOf(token), ['databaseType', 'locationId']);
  });

  test('the other applications of its project, through the same provider', () => {
    const of = apps({
      a: application(),
      b: application(),
      c: { ...application(), project: 'other' },
      d: { ...application(), provider: 'google.eu' },
    });
    assert.deepEqual(of('a').facts.sameProject, [`${APP}.b`, `${APP}.d`]);
    assert.deepEqual(of('b').facts.sameProject, [`${APP}.a`, `${APP}.d`]);
    assert.deepEqual(of('c').facts.sameProject, []);
    // Its own project wins over its provider's: another provider alias with project 'p' is still project 'p'.
    assert.deepEqual(of('d').facts.sameProject, [`${APP}.a`, `${APP}.b`]);
    const unset = apps({ a: { location_id: 'x' }, b: { location_id: 'y' } });
    assert.deepEqual(unset('a').facts.sameProject, [`${APP}.b`]);
  });

  test("an application without a project is in its provider's project", () => {
    const model = new TerraformModel({
      provider: { google: [{ project: 'p' }, { alias: 'eu', project: 'q' }, { alias: 'env' }] },
      resource: {
        [APP]: {
          own: application(),
          fromDefault: { location_id: 'europe-west' },
          fromEu: { location_id: 'europe-west', provider: 'google.eu' },
          fromEnv: { location_id: 'europe-west', provider: 'google.env' },
          fromEnvToo: { location_id: 'us-central', provider: 'google.env' },
        },
      },
    });
    const of = (name: string) => appEngineApplicationFacts(model.get(`${APP}.${name}`)!, model).facts.sameProject;
    // project 'p' written on one and taken from the default provider by the other: the same project.
    assert.deepEqual(of('own'), [`${APP}.fromDefault`]);
    assert.deepEqual(of('fromDefault'), [`${APP}.own`]);
    assert.deepEqual(of('fromEu'), []);
    // A provider with no project reads it from the environment: whatever it is, it is one project for both.
    assert.deepEqual(of('fromEnv'), [`${APP}.fromEnvToo`]);
  });

  test('the default provider named or not is one provider, also when it has no project', () => {
    const model = new TerraformModel({
      provider: { google: [{}] },
      resource: { [APP]: { named: { location_id: 'x', provider: 'google' }, implicit: { location_id: 'y' } } },
    });
    const of = (name: string) => appEngineApplicationFacts(model.get(`${APP}.${name}`)!, model).facts.sameProject;
    assert.deepEqual(of('named'), [`${APP}.implicit`]);
    assert.deepEqual(of('implicit'), [`${APP}.named`]);
  });

  test('an application the model does not declare, with a project only known at apply: unknown', () => {
    const bare = declared(APP, { location_id: 'x', project: '${var.p}' }).r;
    const others = new TerraformModel({ resource: { [APP]: { a: application() } } });
    assert.deepEqual(unknownOf(appEngineApplicationFacts(bare, others)), ['sameProject']);
  });

  test('a provider project only known at apply: applications on that provider still share it', () => {
    const model = new TerraformModel({
      provider: { google: [{ project: '${var.project}' }] },
      resource: { [APP]: { a: { location_id: 'x' }, b: { location_id: 'y' }, c: application() } },
    });
    const of = (name: string) => appEngineApplicationFacts(model.get(`${APP}.${name}`)!, model).facts.sameProject;
    assert.deepEqual(of('a'), [`${APP}.b`]);
    // 'p' may or may not be var.project: not reported.
    assert.deepEqual(of('c'), []);
  });

  test('a project or provider only known at apply anywhere: sameProject unknown; no model: unset', () => {
    // (a provider written as a plain reference is read as that reference; anything else is an expression)
    for (const [key, value] of [
      ['project', '${var.x}'],
      ['provider', '${var.providers["eu"]}'],
    ]) {
      const of = apps({ a: application(), b: { ...application(), [key]: value } });
      assert.deepEqual(unknownOf(of('a')), ['sameProject'], key);
      assert.equal(of('a').attributes!.sameProject, 'project', key);
    }
    const { r } = declared(APP, application());
    assert.equal(appEngineApplicationFacts(r).facts.sameProject, undefined);
    assert.deepEqual(unknownOf(appEngineApplicationFacts(r)), []);
    // Every fact is present, unset ones as undefined: one object shape with and without the model.
    assert.deepEqual(Object.keys(appEngineApplicationFacts(r).facts).sort(), [
      'databaseType',
      'locationId',
      'sameProject',
    ]);
    // Read against a model that does not declare it (nor any application): no other application in its project.
    const bare = declared(APP, { location_id: 'x' }).r;
    const others = new TerraformModel({ resource: { [STD]: { v: standardVersion() } } });
    assert.deepEqual(appEngineApplicationFacts(bare, others).facts.sameProject, []);
  });
});
