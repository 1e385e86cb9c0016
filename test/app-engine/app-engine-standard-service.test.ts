import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { TerraformOutput, TerraformVariable } from 'cdktf';
import {
  AppEngineStandardService,
  type AppEngineStandardServiceProps,
  appEngineAccountId,
} from '../../lib/app-engine/app-engine-standard-service';
import { AppEngineApplication } from '../../lib/app-engine/app-engine-application';
import { AppEngineStandardService as FromYaml } from '../../lib/app-engine/app-engine-standard-service';
import { Deployment } from '../../lib/app-engine/deployment';
import { Handler, SecurityLevel } from '../../lib/app-engine/handler';
import { InstanceClass } from '../../lib/app-engine/instance-class';
import { Scaling } from '../../lib/app-engine/scaling';
import { checkStack } from '../../lib/checks/policy-checks';
import { FindingStatus } from '../../lib/checks/types';
import { ValidationError } from '../../lib/core/validation';
import { Gunicorn } from '../../lib/python/gunicorn';
import { newAppStack, newStack, only, resources, synth, warnings } from '../support/synth';

const deployment = Deployment.zip('https://storage.googleapis.com/b/app.zip');
const base = { runtime: 'python312', deployment };

function version(props: Partial<AppEngineStandardServiceProps>) {
  const stack = newStack();
  const svc = new AppEngineStandardService(stack, 'svc', { ...base, ...props });
  return { stack, svc, json: only(synth(stack), 'google_app_engine_standard_app_version') };
}
function rejects(props: Partial<AppEngineStandardServiceProps>, pattern: RegExp) {
  assert.throws(
    () => new AppEngineStandardService(newStack(), 'svc', { ...base, ...props }),
    (e) => e instanceof ValidationError && pattern.test(e.message) && e.message.includes("'test/svc'"),
  );
}

describe('AppEngineStandardService inputs', () => {
  test('missing props, plain objects instead of factories and misspelt keys are reported by name', () => {
    assert.throws(
      () => new AppEngineStandardService(newStack(), 'svc', undefined as unknown as AppEngineStandardServiceProps),
      (e) =>
        e instanceof ValidationError &&
        /props = undefined \(not set\): expected an object \(it is required\)/.test(e.message),
    );
    rejects(
      { scaling: { maxInstances: 3 } as unknown as Scaling },
      /scaling = \{"maxInstances":3\}: expected Scaling\.automatic/,
    );
    rejects(
      { handlers: [{ url: '/.*' }] as unknown as Handler[] },
      /handlers\.0 = \{"url":"\/\.\*"\}: expected Handler\.script/,
    );
    rejects(
      { maxInstances: 3 } as unknown as AppEngineStandardServiceProps,
      /maxInstances = 3: 'maxInstances' is not a known prop/,
    );
    rejects(
      { requestTimeout: '600' } as unknown as AppEngineStandardServiceProps,
      /requestTimeout = '600': expected a number, got a string\. Fix: write it as a number: 600/,
    );
  });
});

describe('AppEngineStandardService rendering', () => {
  test('service refers to the version, so what names the service through it is created after the version', () => {
    const stack = newStack();
    const svc = new AppEngineStandardService(stack, 'svc', { ...base, service: 'api' });
    new TerraformOutput(stack, 'service', { value: svc.service });
    const json = synth(stack);
    const [id, version] = Object.entries(resources(json, 'google_app_engine_standard_app_version'))[0];
    assert.equal(version.service, 'api');
    assert.equal(json.output.service.value, `\${google_app_engine_standard_app_version.${id}.service}`);
  });

  test('automatic scaling: F1, 2 workers × 8 threads, max_concurrent_requests 16, HTTPS-only handler', () => {
    const { json } = version({ scaling: Scaling.automatic({ maxInstances: 4, minPendingLatency: 0.03 }) });
    assert.equal(json.instance_class, 'F1');
    assert.equal(json.service, 'default');
    assert.equal(json.entrypoint.shell, 'gunicorn --bind :$PORT --workers 2 --threads 8 --timeout 0 main:app');
    assert.deepEqual(json.automatic_scaling, {
      max_concurrent_requests: 16,
      min_pending_latency: '0.030s',
      standard_scheduler_settings: { max_instances: 4 },
    });
    assert.deepEqual(json.handlers, [
      { url_regex: '.*', script: { script_path: 'auto' }, security_level: 'SECURE_ALWAYS' },
    ]);
    assert.equal(json.inbound_services, undefined);
    assert.equal(json.delete_service_on_destroy, false);
    assert.equal(json.noop_on_destroy, false);
    assert.deepEqual(json.deployment, { zip: { source_url: 'https://storage.googleapis.com/b/app.zip' } });
  });

  test('basic scaling: B2 by default and idle_timeout written explicitly (900s)', () => {
    const { json } = version({ scaling: Scaling.basic({ maxInstances: 3 }) });
    assert.equal(json.instance_class, 'B2');
    assert.deepEqual(json.basic_scaling, { max_instances: 3, idle_timeout: '900s' });
    assert.equal(json.automatic_scaling, undefined);
    assert.equal(json.entrypoint.shell, 'gunicorn --bind :$PORT --workers 4 --threads 8 --timeout 0 main:app');
  });

  test('manual scaling: resident instances, warning on cost', () => {
    const { json, stack } = version({ scaling: Scaling.manual({ instances: 2 }), instanceClass: InstanceClass.B1 });
    assert.deepEqual(json.manual_scaling, { instances: 2 });
    assert.equal(json.instance_class, 'B1');
    assert.ok(warnings(stack).some((w) => w.includes('GAE-RESIDENT-COST') && w.includes('48 B1 instance-hours')));
  });

  test('F4 runs 8 workers; explicit workers win', () => {
    assert.match(version({ instanceClass: InstanceClass.F4 }).json.entrypoint.shell, /--workers 8 /);
    assert.match(
      version({ instanceClass: InstanceClass.F4, server: Gunicorn.wsgi({ app: 'app:wsgi', workers: 3, threads: 2 }) })
        .json.entrypoint.shell,
      /--workers 3 --threads 2 .*app:wsgi$/,
    );
  });

  test('min instances turn warmup on; warmup: false with min instances warns', () => {
    assert.deepEqual(
      version({ scaling: Scaling.automatic({ minInstances: 1, maxInstances: 3 }) }).json.inbound_services,
      ['INBOUND_SERVICE_WARMUP'],
    );
    assert.deepEqual(
      version({ scaling: Scaling.automatic({ minIdleInstances: 1, maxInstances: 3 }) }).json.inbound_services,
      ['INBOUND_SERVICE_WARMUP'],
    );
    const { stack, json } = version({
      warmup: false,
      scaling: Scaling.automatic({ minInstances: 1, maxInstances: 3 }),
    });
    assert.equal(json.inbound_services, undefined);
    assert.ok(warnings(stack).some((w) => w.includes('GAE-WARMUP-MIN-INSTANCES')));
  });

  test('warmup on basic scaling is a warning, not an error', () => {
    const { stack } = version({ warmup: true, scaling: Scaling.basic({ maxInstances: 1 }) });
    assert.ok(
      warnings(stack).some(
        (w) => w.startsWith('warmup') && w.includes('GAE-WARMUP-SCALING') && w.includes('/_ah/start'),
      ),
    );
  });

  test('env, service account, VPC connector, files deployment and static handler', () => {
    const { json } = version({
      service: 'api',
      versionId: 'v2',
      env: { DATABASE_URL: 'x' },
      serviceAccount: 'sa@p.iam.gserviceaccount.com',
      vpcAccessConnector: { name: 'projects/p/locations/us-central1/connectors/c' },
      deployment: Deployment.files([{ name: 'main.py', sourceUrl: 'https://storage.googleapis.com/b/main.py' }]),
      handlers: [
        Handler.staticFiles('/s/(.*)', { path: 's/\\1', uploadPathRegex: 's/.*', expiration: 60 }),
        Handler.script('.*'),
      ],
    });
    assert.equal(json.service, 'api');
    assert.equal(json.version_id, 'v2');
    assert.deepEqual(json.env_variables, { DATABASE_URL: 'x' });
    assert.deepEqual(json.vpc_access_connector, {
      name: 'projects/p/locations/us-central1/connectors/c',
      egress_setting: 'PRIVATE_IP_RANGES',
    });
    assert.equal(json.deployment.files[0].name, 'main.py');
    assert.deepEqual(json.handlers[0].static_files, { path: 's/\\1', upload_path_regex: 's/.*', expiration: '60s' });
  });

  test('a plain-HTTP handler asked for explicitly is written as given and warned about (GAE-HTTPS), by the construct and the checks', () => {
    const { stack, json } = version({
      handlers: [Handler.script('.*', { securityLevel: SecurityLevel.SECURE_OPTIONAL })],
    });
    assert.equal(json.handlers[0].security_level, 'SECURE_OPTIONAL');
    const https = checkStack(stack).filter((f) => f.ruleId === 'GAE-HTTPS' && f.status === FindingStatus.FAIL);
    assert.equal(https.length, 1);
    // App Engine serves it; plain HTTP is a risk, not something the platform refuses.
    assert.equal(https[0].level, 'warning');
    const svc = stack.node.findChild('svc');
    assert.ok(
      warnings(svc).some((w) =>
        /^handlers\.0\.securityLevel = 'SECURE_OPTIONAL': handler '\.\*' has security_level SECURE_OPTIONAL.*\[GAE-HTTPS\]/.test(
          w,
        ),
      ),
    );
    // The checker names the handler's block.
    assert.equal(https[0].attribute, 'handlers[0]');
  });

  test('a redirect status App Engine refuses names the handler option and its value (GAE-REDIRECT-CODE)', () => {
    rejects(
      { handlers: [Handler.script('/.*', { redirectHttpResponseCode: 308 })] },
      /handlers\.0\.redirectHttpResponseCode = 308: redirectHttpResponseCode must be 301, 302, 303 or 307, not 308 \[GAE-REDIRECT-CODE\]/,
    );
    version({ handlers: [Handler.script('/.*', { redirectHttpResponseCode: 307 })] });
  });

  test('unresolved tokens are skipped, never rejected', () => {
    const stack = newStack();
    const n = new TerraformVariable(stack, 'n', { type: 'number' });
    new AppEngineStandardService(stack, 'svc', {
      ...base,
      scaling: Scaling.automatic({ maxConcurrentRequests: n.numberValue, maxInstances: 2 }),
    });
    assert.ok(
      only(synth(stack), 'google_app_engine_standard_app_version').automatic_scaling.max_concurrent_requests.includes(
        'var.n',
      ),
    );
  });
});

describe('AppEngineStandardService rules', () => {
  test('F class with basic scaling, and B class with no scaling block, are errors', () => {
    rejects(
      { instanceClass: InstanceClass.F2, scaling: Scaling.basic({ maxInstances: 1 }) },
      /instanceClass = 'F2'.*GAE-CLASS-SCALING/,
    );
    rejects({ instanceClass: InstanceClass.B4 }, /instanceClass = 'B4'.*needs a basic_scaling or manual_scaling block/);
  });

  test('ranges are checked and every problem is reported at once', () => {
    assert.throws(
      () =>
        new AppEngineStandardService(newStack(), 'svc', {
          ...base,
          scaling: Scaling.automatic({
            targetCpuUtilization: 0.3,
            maxConcurrentRequests: 2000,
            minInstances: 5,
            maxInstances: 2,
            minPendingLatency: 3,
            maxPendingLatency: 1,
          }),
        }),
      (e) =>
        e instanceof ValidationError &&
        [
          'GAE-UTILIZATION-RANGE',
          'GAE-MAX-CONCURRENT-REQUESTS',
          'GAE-AUTOMATIC-INSTANCES',
          'GAE-PENDING-LATENCY',
        ].every((id) => e.message.includes(id)) &&
        /scaling\.targetCpuUtilization = 0\.3/.test(e.message),
    );
    rejects({ scaling: Scaling.basic({ maxInstances: 201 }) }, /scaling\.maxInstances = 201.*GAE-BASIC-SCALING/);
    rejects({ scaling: Scaling.manual({ instances: 0 }) }, /scaling\.instances = 0.*GAE-MANUAL-INSTANCES/);
    // Found by the fuzz suite: an idle timeout below a nanosecond is written "0.000s", which the API reads as 0.
    rejects(
      { scaling: Scaling.basic({ maxInstances: 5, idleTimeout: 4e-14 }) },
      /scaling\.idleTimeout = 4e-14: the idle timeout must be a positive duration \[GAE-BASIC-SCALING\]/,
    );
    assert.doesNotThrow(() => version({ scaling: Scaling.basic({ maxInstances: 5, idleTimeout: 0.5 }) }));
  });

  test('requestTimeout above 10 minutes needs basic or manual scaling', () => {
    rejects({ requestTimeout: 1800 }, /requestTimeout = 1800.*10-minute.*Fix: use basic or manual scaling/);
    assert.doesNotThrow(() => version({ requestTimeout: 1800, scaling: Scaling.basic({ maxInstances: 1 }) }));
  });

  test('backgroundThreads is accepted with every scaling type (the restriction is Java only)', () => {
    assert.doesNotThrow(() => version({ backgroundThreads: true }));
    assert.doesNotThrow(() => version({ backgroundThreads: true, scaling: Scaling.manual({ instances: 1 }) }));
  });

  test('workers × memoryPerWorker above the class memory is an error', () => {
    rejects(
      { server: Gunicorn.wsgi({ app: 'main:app', memoryPerWorker: '200Mi' }) },
      /server = .*2 workers need 400Mi, more than the 384 MB \(366\.21Mi\) of F1 \[GAE-SERVER-MEMORY\]\. Fix: use F2/,
    );
    assert.doesNotThrow(() =>
      version({
        instanceClass: InstanceClass.F2,
        server: Gunicorn.wsgi({ app: 'main:app', memoryPerWorker: '150Mi' }),
      }),
    );
  });

  test('utilization targets of 0 or less are the API\'s "not set" and are accepted', () => {
    assert.doesNotThrow(() => version({ scaling: Scaling.automatic({ maxInstances: 5, targetCpuUtilization: 0 }) }));
    assert.doesNotThrow(() =>
      version({ scaling: Scaling.automatic({ maxInstances: 5, targetThroughputUtilization: -1 }) }),
    );
  });

  test("a sync gunicorn worker's timeout must cover requestTimeout; gthread workers are not bound by it", () => {
    rejects(
      { requestTimeout: 120, server: Gunicorn.wsgi({ app: 'main:app', threads: 1, timeout: 30 }) },
      /GAE-SERVER-TIMEOUT\]/,
    );
    assert.doesNotThrow(() =>
      version({ requestTimeout: 120, server: Gunicorn.wsgi({ app: 'main:app', threads: 1, timeout: 120 }) }),
    );
    assert.doesNotThrow(() =>
      version({ requestTimeout: 120, server: Gunicorn.wsgi({ app: 'main:app', threads: 8, timeout: 30 }) }),
    );
    assert.doesNotThrow(() => version({ requestTimeout: 120, entrypoint: 'gunicorn -b :$PORT --threads 4 main:app' }));
  });

  test('GAE-prefixed env vars, bad version ids and service ids are errors', () => {
    // The finding names the variable and its value, not the whole map.
    rejects(
      { env: { GAE_VERSION: 'x' } },
      /env\.GAE_VERSION = 'x': 'GAE_VERSION' is set by the App Engine runtime.*GAE-ENV-NAME/,
    );
    rejects({ versionId: 'Release_1' }, /versionId = 'Release_1'.*use something like 'release-1'/);
    rejects({ service: 'API' }, /service = 'API'.*GAE-SERVICE-ID/);
    rejects({ runtime: 'python27' }, /runtime = 'python27'/);
  });

  test('VERSION-dot-SERVICE-dot-PROJECT longer than 63 characters is refused when all three are given', () => {
    rejects(
      { versionId: 'release-2026-11-29-build-123', service: 'payments-backend', project: 'my-company-prod-project' },
      /versionId = 'release-2026-11-29-build-123': .* has 77 characters.*\[GAE-HOSTNAME-LENGTH\]/,
    );
    assert.doesNotThrow(() =>
      version({ versionId: 'v1', service: 'payments-backend', project: 'my-company-prod-project' }),
    );
  });

  test('runtimes: bare python3 is not an id, deprecated ones are refused, supported ones pass', () => {
    rejects({ runtime: 'python3' }, /runtime = 'python3': 'python3' is not an App Engine runtime id.*\[GAE-RUNTIME\]/);
    rejects({ runtime: 'python37' }, /runtime = 'python37': python37 is deprecated since 2025-01-31.*\[GAE-RUNTIME\]/);
    // python310: past end of support (2026-10-04), deprecated on 2027-10-01; refused either way from now on.
    rejects({ runtime: 'python310' }, /runtime = 'python310': python310 .*\[GAE-RUNTIME(-END-OF-SUPPORT)?\]/);
    assert.doesNotThrow(() => version({ runtime: 'python314' }));
  });

  test('the warnings found with the errors are listed in the same error', () => {
    assert.throws(
      () =>
        new AppEngineStandardService(newStack(), 'svc', {
          ...base,
          deleteServiceOnDestroy: true,
          scaling: Scaling.automatic({ minInstances: 1, maxInstances: 3 }),
        }),
      (e) =>
        e instanceof ValidationError &&
        e.problems.length === 1 &&
        e.warnings.some((w) => w.ruleId === 'GAE-RESIDENT-COST') &&
        /has 1 problem:\n {2}- deleteServiceOnDestroy = true[^\n]*\nand \d warnings?:\n[\s\S]*GAE-RESIDENT-COST/.test(
          e.message,
        ),
    );
  });

  test('the default service cannot be deleted on destroy', () => {
    rejects({ deleteServiceOnDestroy: true }, /deleteServiceOnDestroy = true/);
    assert.equal(version({ service: 'worker', deleteServiceOnDestroy: true }).json.delete_service_on_destroy, true);
  });

  test('entrypoint and server together are an error; a raw entrypoint is read back', () => {
    rejects({ entrypoint: 'gunicorn main:app', server: Gunicorn.wsgi({ app: 'main:app' }) }, /entrypoint and server/);
    const { stack, json } = version({ entrypoint: 'gunicorn -b :$PORT main:app' });
    assert.equal(json.entrypoint.shell, 'gunicorn -b :$PORT main:app');
    assert.ok(warnings(stack).some((w) => w.startsWith('entrypoint') && w.includes('GAE-SERVER-TIMEOUT-DEADLINE')));
  });
});

describe('AppEngineStandardService plain secrets', () => {
  test('a plain secret in env is reported with its length, never its value', () => {
    const { svc } = version({ env: { STRIPE_SECRET_KEY: 'sk_live_51Hxyz1234567890abcdef' } });
    const found = warnings(svc).filter((w) => w.includes('[GAE-PLAIN-SECRET-ENV]'));
    assert.equal(found.length, 1);
    assert.match(found[0], /^env\.STRIPE_SECRET_KEY = \(30 characters, not shown\): /);
    assert.ok(!found[0].includes('sk_live'));
  });
});

describe('AppEngineStandardService and the application of its project', () => {
  const address = (json: any, type: string) => `${type}.${Object.keys(resources(json, type))[0]}`;

  test('a version waits for the application of its project created in the stack, before or after it', () => {
    for (const applicationFirst of [true, false]) {
      const stack = newStack();
      const app = () => new AppEngineApplication(stack, 'app', { locationId: 'europe-west', project: 'p' });
      if (applicationFirst) app();
      new AppEngineStandardService(stack, 'svc', { ...base, project: 'p' });
      if (!applicationFirst) app();
      const json = synth(stack);
      const version = only(json, 'google_app_engine_standard_app_version');
      assert.deepEqual(version.depends_on, [address(json, 'google_app_engine_application')]);
      // Synthesized again, the dependency is still written once.
      assert.deepEqual(only(synth(stack), 'google_app_engine_standard_app_version').depends_on, version.depends_on);
    }
  });

  test("the default account's lookup waits for the application too; another project's application is no dependency", () => {
    const stack = newStack();
    new AppEngineApplication(stack, 'app', { locationId: 'europe-west' });
    new AppEngineApplication(stack, 'other', { locationId: 'europe-west', project: 'other' });
    FromYaml.fromAppYaml(stack, 'svc', { yaml: 'runtime: python312\nservice: default\n', deployment });
    const json = synth(stack);
    const [[, lookup]] = Object.entries(json.data.google_app_engine_default_service_account) as [string, any][];
    const app = `google_app_engine_application.${Object.keys(resources(json, 'google_app_engine_application')).find((k) => k.startsWith('app_'))}`;
    assert.deepEqual(lookup.depends_on, [app]);
    assert.deepEqual(only(json, 'google_app_engine_standard_app_version').depends_on, [app]);
    assert.equal(
      only(
        synth(((s) => (new AppEngineStandardService(s, 'svc', base), s))(newStack())),
        'google_app_engine_standard_app_version',
      ).depends_on,
      undefined,
    );
  });
});

describe('AppEngineStandardService: the default service comes first in a new application', () => {
  const address = (json: any, type: string, prefix: string) =>
    `${type}.${Object.keys(resources(json, type)).find((k) => k.startsWith(`${prefix}_`))}`;
  const VERSION = 'google_app_engine_standard_app_version';
  const APPLICATION = 'google_app_engine_application';
  const refusesApi = (e: unknown, path = 'test/api') =>
    e instanceof ValidationError &&
    e.constructPath === path &&
    e.problems.length === 1 &&
    e.problems[0].prop === 'service' &&
    e.problems[0].value === "'api'" &&
    e.problems[0].ruleId === 'GAE-DEFAULT-SERVICE-FIRST' &&
    /no version of its 'default' service/.test(e.problems[0].rule) &&
    /deploy a version of the default service first, or add one to this stack/.test(e.problems[0].fix);

  test('a stack creating the application with only a version of another service is refused at synth', () => {
    const stack = newStack();
    new AppEngineApplication(stack, 'app', { locationId: 'europe-west' });
    new AppEngineStandardService(stack, 'api', { ...base, service: 'api' });
    assert.throws(() => synth(stack), refusesApi);
    // app.synth() throws the construct's own error too.
    const { app, stack: other } = newAppStack();
    new AppEngineStandardService(other, 'api', { ...base, service: 'api' });
    new AppEngineApplication(other, 'app', { locationId: 'europe-west' });
    assert.throws(() => app.synth(), refusesApi);
  });

  test('under cdktf synth (which goes on past error annotations) it is one error annotation, however often validated', () => {
    const before = process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS;
    process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS = 'true';
    try {
      const stack = newStack();
      new AppEngineApplication(stack, 'app', { locationId: 'europe-west' });
      const api = new AppEngineStandardService(stack, 'api', { ...base, service: 'api' });
      synth(stack);
      synth(stack);
      const errors = api.node.metadata.filter((m) => m.type === '@cdktf/error').map((m) => String(m.data));
      assert.equal(errors.length, 1);
      assert.match(errors[0], /^service = 'api': .*\[GAE-DEFAULT-SERVICE-FIRST\]\. deploy a version of the default/);
    } finally {
      if (before === undefined) delete process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS;
      else process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS = before;
    }
  });

  test("with a version of default in the stack, another service's version waits for it (either creation order)", () => {
    for (const defaultFirst of [true, false]) {
      const stack = newStack();
      const web = () => new AppEngineStandardService(stack, 'web', base);
      if (defaultFirst) web();
      new AppEngineStandardService(stack, 'api', { ...base, service: 'api' });
      new AppEngineApplication(stack, 'app', { locationId: 'europe-west' });
      if (!defaultFirst) web();
      const json = synth(stack);
      const versions = resources(json, VERSION);
      const app = address(json, APPLICATION, 'app');
      assert.deepEqual(versions[address(json, VERSION, 'api').split('.')[1]].depends_on, [
        app,
        address(json, VERSION, 'web'),
      ]);
      assert.deepEqual(versions[address(json, VERSION, 'web').split('.')[1]].depends_on, [app]);
    }
  });

  test('without the application in the stack (an existing one) a version of another service alone is not judged', () => {
    const stack = newStack();
    new AppEngineStandardService(stack, 'api', { ...base, service: 'api' });
    assert.equal(only(synth(stack), VERSION).depends_on, undefined);
  });

  test("a resource with no project is in the provider's project: matched with one naming that project", () => {
    // newStack's provider is in 'my-project'.
    const stack = newStack();
    new AppEngineApplication(stack, 'app', { locationId: 'europe-west', project: 'my-project' });
    new AppEngineApplication(stack, 'other', { locationId: 'europe-west', project: 'other' });
    new AppEngineStandardService(stack, 'web', base);
    new AppEngineStandardService(stack, 'api', { ...base, service: 'api', project: 'my-project' });
    const json = synth(stack);
    const versions = resources(json, VERSION);
    const of = (prefix: string) => Object.entries(versions).find(([k]) => k.startsWith(`${prefix}_`))![1];
    const app = address(json, APPLICATION, 'app');
    assert.deepEqual(of('web').depends_on, [app]);
    assert.deepEqual(of('api').depends_on, [app, address(json, VERSION, 'web')]);
    // The default version of 'my-project' counts for the api of 'my-project': no error (synth did not throw).
  });

  test('each project is judged on its own application and default versions; a token service is not judged', () => {
    const twoProjects = (withDefault2: boolean) => {
      const stack = newStack();
      new AppEngineApplication(stack, 'app1', { locationId: 'europe-west', project: 'p1' });
      new AppEngineApplication(stack, 'app2', { locationId: 'europe-west', project: 'p2' });
      new AppEngineStandardService(stack, 'web1', { ...base, project: 'p1' });
      new AppEngineStandardService(stack, 'api1', { ...base, service: 'api', project: 'p1' });
      new AppEngineStandardService(stack, 'api', { ...base, service: 'api', project: 'p2' });
      if (withDefault2) new AppEngineStandardService(stack, 'web2', { ...base, project: 'p2' });
      return stack;
    };
    // p1's default version is no default version of p2.
    assert.throws(() => synth(twoProjects(false)), refusesApi);
    const json = synth(twoProjects(true));
    const versions = resources(json, VERSION);
    const dependsOn = (prefix: string) => versions[address(json, VERSION, prefix).split('.')[1]].depends_on;
    assert.deepEqual(dependsOn('api1'), [address(json, APPLICATION, 'app1'), address(json, VERSION, 'web1')]);
    assert.deepEqual(dependsOn('api'), [address(json, APPLICATION, 'app2'), address(json, VERSION, 'web2')]);

    const tokens = newStack();
    new AppEngineApplication(tokens, 'app', { locationId: 'europe-west' });
    const service = new TerraformVariable(tokens, 'service', { type: 'string' }).stringValue;
    new AppEngineStandardService(tokens, 'api', { ...base, service });
    assert.deepEqual(only(synth(tokens), VERSION).depends_on, [address(synth(tokens), APPLICATION, 'app')]);
  });

  test('a version of default whose constructor threw is no version of default', () => {
    const stack = newStack();
    new AppEngineApplication(stack, 'app', { locationId: 'europe-west' });
    assert.throws(() => new AppEngineStandardService(stack, 'web', { ...base, versionId: 'Bad_Id' }), ValidationError);
    new AppEngineStandardService(stack, 'api', { ...base, service: 'api' });
    assert.throws(() => synth(stack), refusesApi);
  });

  test('a version refused and created again under another id gets the service account, and waits for the application', () => {
    const stack = newStack();
    assert.throws(() => new AppEngineApplication(stack, 'Bad', { locationId: 'europe-west1' }), ValidationError);
    new AppEngineApplication(stack, 'Good', { locationId: 'europe-west' });
    assert.throws(() => new AppEngineStandardService(stack, 'bad', { ...base, versionId: 'Bad_Id' }), ValidationError);
    new AppEngineStandardService(stack, 'web', base);
    const json = synth(stack);
    assert.equal(Object.keys(resources(json, 'google_service_account')).length, 1);
    assert.deepEqual(only(json, VERSION).depends_on, [address(json, APPLICATION, 'Good')]);
    assert.equal(
      only(json, VERSION).service_account,
      `\${google_service_account.${Object.keys(resources(json, 'google_service_account'))[0]}.email}`,
    );
  });
});

describe('AppEngineStandardService identity', () => {
  const ACCOUNT_ID = /^[a-z]([-a-z0-9]*[a-z0-9])$/;
  const REFERENCE = /^\$\{google_service_account\.([A-Za-z0-9_-]+)\.email\}$/;

  test('by default a dedicated service account is created for the service, and the version runs as it', () => {
    const stack = newStack();
    const svc = new AppEngineStandardService(stack, 'svc', { ...base, service: 'api', versionId: 'v2' });
    new TerraformOutput(stack, 'email', { value: svc.serviceAccountEmail });
    const synthesized = synth(stack);
    const json = only(synthesized, 'google_app_engine_standard_app_version');
    const accounts = resources(synthesized, 'google_service_account');
    assert.equal(Object.keys(accounts).length, 1);
    const [[name, account]] = Object.entries(accounts);
    assert.equal(account.account_id, 'api-gae');
    assert.equal(account.display_name, 'App Engine service api');
    assert.equal(json.service_account, `\${google_service_account.${name}.email}`);
    assert.match(json.service_account, REFERENCE);
    assert.equal(synthesized.output.email.value, json.service_account);
    assert.deepEqual(
      checkStack(stack).filter((f) => f.ruleId === 'GAE-DEFAULT-SA' && f.status === FindingStatus.FAIL),
      [],
    );
  });

  test('the account id is 6 to 30 valid characters whatever the service is, and does not depend on the version', () => {
    assert.equal(appEngineAccountId('default'), 'default-gae');
    assert.equal(appEngineAccountId('a'), 'a-gae-sa');
    assert.equal(appEngineAccountId('Reports_API'), 'reports-api-gae');
    assert.equal(appEngineAccountId('1api'), 'api-gae');
    // Pinned: a changed id would make Terraform replace the account (and drop its role bindings).
    assert.equal(appEngineAccountId('customer-notifications-backend-eu'), 'customer-notification-4ede-gae');
    const long1 = appEngineAccountId('customer-notifications-backend-eu');
    const long2 = appEngineAccountId('customer-notifications-backend-us');
    assert.notEqual(long1, long2, 'services that differ past the cut still get different accounts');
    for (const id of [long1, long2, appEngineAccountId('x'.repeat(80)), appEngineAccountId('---')]) {
      assert.ok(id.length >= 6 && id.length <= 30 && ACCOUNT_ID.test(id), id);
    }
    const a = version({ service: 'a', versionId: 'b' });
    const b = version({ service: 'a', versionId: 'c' });
    assert.equal(
      Object.values(resources(synth(a.stack), 'google_service_account'))[0].account_id,
      Object.values(resources(synth(b.stack), 'google_service_account'))[0].account_id,
      'a new versionId keeps the identity',
    );
  });

  test('unresolved service: the account id comes from the construct id; project is passed on', () => {
    const stack = newStack();
    const v = new TerraformVariable(stack, 'v', { type: 'string' });
    const p = new TerraformVariable(stack, 'p', { type: 'string' });
    new AppEngineStandardService(stack, 'Web', { ...base, service: v.stringValue, versionId: v.stringValue });
    new AppEngineStandardService(stack, 'other', { ...base, service: 'api', project: p.stringValue });
    const accounts = Object.values(resources(synth(stack), 'google_service_account'));
    assert.deepEqual(accounts.map((a) => a.account_id).sort(), ['api-gae', 'web-gae']);
    assert.equal(accounts.find((a) => a.account_id === 'api-gae').project, '${var.p}');
  });

  test('a given email is used as is and no account is created', () => {
    const { stack, svc, json } = version({ serviceAccount: 'web@p.iam.gserviceaccount.com' });
    assert.equal(json.service_account, 'web@p.iam.gserviceaccount.com');
    assert.equal(svc.serviceAccountEmail, 'web@p.iam.gserviceaccount.com');
    assert.deepEqual(resources(synth(stack), 'google_service_account'), {});
    assert.deepEqual(
      warnings(stack).filter((w) => w.startsWith('serviceAccount')),
      [],
    );
  });

  test('the App Engine default account is warned about; a non-email is an error', () => {
    const { stack, json } = version({ serviceAccount: 'my-project@appspot.gserviceaccount.com' });
    assert.equal(json.service_account, 'my-project@appspot.gserviceaccount.com');
    assert.ok(
      warnings(stack).some(
        (w) =>
          w.startsWith("serviceAccount = 'my-project@appspot.gserviceaccount.com'") &&
          w.includes('Editor role') &&
          w.includes('[GAE-DEFAULT-SA]'),
      ),
    );
    rejects(
      { serviceAccount: 'web' },
      /serviceAccount = 'web': the service account must be an email address \[GAE-SERVICE-ACCOUNT\]/,
    );
  });

  test('versions of one service in a stack share its account; other services get their own', () => {
    const stack = newStack();
    const v1 = new AppEngineStandardService(stack, 'v1', { ...base, service: 'api', versionId: 'v1' });
    const v2 = new AppEngineStandardService(stack, 'v2', { ...base, service: 'api', versionId: 'v2' });
    new AppEngineStandardService(stack, 'web', { ...base, service: 'web', versionId: 'v1' });
    const json = synth(stack);
    const ids = Object.values(resources(json, 'google_service_account')).map((a) => a.account_id);
    assert.deepEqual(ids.sort(), ['api-gae', 'web-gae']);
    assert.equal(v1.serviceAccountEmail, v2.serviceAccountEmail);
    const versions = Object.values(resources(json, 'google_app_engine_standard_app_version'));
    assert.equal(versions[0].service_account, versions[1].service_account);
  });
});

describe('AppEngineStandardService: variable names, token worker counts and runtimes', () => {
  test("only names starting with GAE (upper case) are reserved; the runtime's own are refused, others warned about", () => {
    const { json } = version({ env: { gaelic_word: 'x' } });
    assert.deepEqual(json.env_variables, { gaelic_word: 'x' });
    rejects({ env: { GAE_SERVICE: 'x' } }, /GAE_SERVICE' is set by the App Engine runtime.*GAE-ENV-NAME/);
    const other = version({ env: { GAE_X: 'x' } });
    assert.deepEqual(other.json.env_variables, { GAE_X: 'x' });
    assert.ok(warnings(other.stack).some((w) => /starts with GAE.*\[GAE-ENV-RESERVED\]/.test(w)));
  });

  test('a token worker count gives no derived max_concurrent_requests and no capacity warning', () => {
    const stack = newStack();
    const workers = new TerraformVariable(stack, 'w', { type: 'number' }).numberValue;
    new AppEngineStandardService(stack, 'svc', {
      ...base,
      scaling: Scaling.automatic({ maxInstances: 3 }),
      server: Gunicorn.wsgi({ app: 'main:app', workers }),
    });
    const json = only(synth(stack), 'google_app_engine_standard_app_version');
    assert.equal(json.automatic_scaling.max_concurrent_requests, undefined);
    assert.match(json.entrypoint.shell, /--workers \$\{var\.w\}/);
    assert.deepEqual(
      warnings(stack).filter((w) => w.includes('GAE-SERVER-CAPACITY')),
      [],
    );
  });

  test('a non-Python runtime is refused: the construct renders a gunicorn entrypoint', () => {
    rejects({ runtime: 'nodejs20' }, /runtime = 'nodejs20': AppEngineStandardService deploys Python apps/);
  });
});

describe('AppEngineStandardService.fromAppYaml: literal text, WEB_CONCURRENCY and its own options', () => {
  test('${...} in app.yaml is plain text, written as a Terraform literal', () => {
    const stack = newStack();
    AppEngineStandardService.fromAppYaml(stack, 'svc', {
      yaml: 'runtime: python312\nentrypoint: gunicorn -b :${PORT} --timeout 0 main:app\nenv_variables:\n  GREETING: "hi %{name}"\n',
      deployment,
    });
    const json = only(synth(stack), 'google_app_engine_standard_app_version');
    assert.equal(json.entrypoint.shell, 'gunicorn -b :$${PORT} --timeout 0 main:app');
    assert.equal(json.env_variables.GREETING, 'hi %%{name}');
  });

  test('an entrypoint without --workers runs WEB_CONCURRENCY workers, so concurrency is derived from it', () => {
    const stack = newStack();
    AppEngineStandardService.fromAppYaml(stack, 'svc', {
      yaml: 'runtime: python312\nentrypoint: gunicorn -b :$PORT --timeout 0 main:app\nautomatic_scaling:\n  max_instances: 3\nenv_variables:\n  WEB_CONCURRENCY: "4"\n',
      deployment,
      applyRecommendations: true,
    });
    const json = only(synth(stack), 'google_app_engine_standard_app_version');
    assert.equal(json.automatic_scaling.max_concurrent_requests, 4);
    const explicit = version({
      entrypoint: 'gunicorn -b :$PORT -w 2 --timeout 0 main:app',
      env: { WEB_CONCURRENCY: '4' },
    });
    assert.equal(explicit.json.automatic_scaling.max_concurrent_requests, 2);
  });

  test('misspelt, missing or null options are reported by name', () => {
    const yaml = 'runtime: python312\n';
    assert.throws(
      () => AppEngineStandardService.fromAppYaml(newStack(), 'svc', { yaml, deployment, versionid: 'v9' } as never),
      (e) => e instanceof ValidationError && /versionid = 'v9': 'versionid' is not a known prop/.test(e.message),
    );
    assert.throws(
      () => AppEngineStandardService.fromAppYaml(newStack(), 'svc', { yaml } as never),
      (e) =>
        e instanceof ValidationError && /deployment = undefined \(not set\): expected Deployment\.zip/.test(e.message),
    );
    assert.throws(
      () => AppEngineStandardService.fromAppYaml(newStack(), 'svc', null as never),
      (e) => e instanceof ValidationError && /props = null/.test(e.message),
    );
  });
});
