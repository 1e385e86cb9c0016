import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { CheckLevel, CloudRunService, Gunicorn, PolicyChecks, Suppressions, checkStack } from '../../lib';
import { knownKeys, NO_EFFECT, NOT_SUPPORTED } from '../../lib/app-engine/app-yaml-schema';
import { type CloudRunServiceFromAppYamlOptions, migrateAppYaml } from '../../lib/cloud-run/from-app-yaml';
import { ValidationError } from '../../lib/core/validation';
import { FindingStatus } from '../../lib/checks/types';
import { IMAGE } from '../support/cloud-run';
import { infos, newStack, only, resources, synth, warnings } from '../support/synth';

const BASE = { image: IMAGE, region: 'europe-west1' };
const BACKEND = join(__dirname, '..', '..', 'examples', 'app-engine-backend', 'app.yaml');

/** Migrates an app.yaml into a stack and synthesizes it. */
function migrate(yaml: string, options: Partial<CloudRunServiceFromAppYamlOptions> = {}) {
  const stack = newStack();
  const svc = CloudRunService.fromAppYaml(stack, 'Api', { ...BASE, yaml, ...options });
  const json = synth(stack);
  const res = only(json, 'google_cloud_run_v2_service');
  return { stack, svc, json, res, container: res.template.containers[0], notes: [...warnings(svc), ...infos(svc)] };
}

/** The error migrating `yaml` throws. */
function refused(yaml: string): ValidationError {
  try {
    CloudRunService.fromAppYaml(newStack(), 'Api', { ...BASE, yaml });
  } catch (e) {
    assert.ok(e instanceof ValidationError, String(e));
    return e;
  }
  assert.fail('expected a ValidationError');
}

const has = (notes: string[], pattern: RegExp) =>
  assert.ok(
    notes.some((n) => pattern.test(n)),
    notes.join('\n'),
  );

/** A value for every key the app.yaml schema knows (a key added to the schema without one fails the walk below). */
const TOP: Record<string, string> = {
  runtime: 'runtime: python312',
  env: 'env: standard',
  service: 'service: api',
  instance_class: 'instance_class: F2',
  entrypoint: 'entrypoint: gunicorn -b :$PORT main:app',
  default_expiration: 'default_expiration: 1d',
  service_account: 'service_account: app@p.iam.gserviceaccount.com',
  app_engine_apis: 'app_engine_apis: false',
  env_variables: 'env_variables:\n  A: "1"',
  inbound_services: 'inbound_services:\n- warmup',
  handlers: 'handlers:\n- url: /.*\n  script: auto',
  vpc_access_connector: 'vpc_access_connector:\n  name: projects/p/locations/europe-west1/connectors/c',
  automatic_scaling: 'automatic_scaling:\n  max_instances: 4',
  basic_scaling: 'basic_scaling:\n  max_instances: 2',
  manual_scaling: 'manual_scaling:\n  instances: 2',
  module: 'module: api',
  threadsafe: 'threadsafe: true',
  libraries: 'libraries:\n- name: flask',
  api_version: 'api_version: 1',
  builtins: 'builtins:\n- deferred: on',
  skip_files: 'skip_files:\n- ^tests/',
  application: 'application: my-app',
  version: 'version: v1',
  runtime_config: 'runtime_config:\n  python_version: 3',
  admin_console: 'admin_console:\n  pages: []',
  build_env_variables: 'build_env_variables:\n  GOOGLE_PYTHON_VERSION: "3.12"',
  error_handlers: 'error_handlers:\n- file: oops.html',
  includes: 'includes:\n- env.yaml',
  vpc_access:
    'vpc_access:\n  network_interfaces:\n  - network: default\n    subnetwork: default\n  vpc_egress: all-traffic',
};
const NESTED: Record<string, Record<string, string>> = {
  automatic_scaling: {
    target_cpu_utilization: '0.7',
    target_throughput_utilization: '0.7',
    max_concurrent_requests: '20',
    max_instances: '5',
    min_instances: '1',
    max_idle_instances: '2',
    min_idle_instances: '1',
    max_pending_latency: '100ms',
    min_pending_latency: '30ms',
  },
  basic_scaling: { max_instances: '3', idle_timeout: '10m' },
  manual_scaling: { instances: '2' },
  vpc_access_connector: { name: 'projects/p/locations/europe-west1/connectors/c', egress_setting: 'all-traffic' },
};
/** Handler keys, each on a handler of its own (a static handler for the static keys). */
const HANDLER: Record<string, string> = {
  url: '  script: auto',
  script: '  script: main.app',
  static_dir: '  static_dir: static',
  static_files: '  static_files: static/x.txt\n  upload: static/x\\.txt',
  upload: '  static_files: static/x.txt\n  upload: static/x\\.txt',
  secure: '  script: auto\n  secure: optional',
  login: '  script: auto\n  login: required',
  auth_fail_action: '  script: auto\n  login: required\n  auth_fail_action: unauthorized',
  redirect_http_response_code: '  script: auto\n  secure: always\n  redirect_http_response_code: 301',
  expiration: '  static_dir: static\n  expiration: 1d',
  http_headers: '  static_dir: static\n  http_headers:\n    X-Frame-Options: DENY',
  mime_type: '  static_dir: static\n  mime_type: text/plain',
  require_matching_file: '  static_dir: static\n  require_matching_file: true',
  application_readable: '  static_dir: static\n  application_readable: true',
};

/** What the migration of `yaml` says about `key`: the props it came from, and the findings that name it. */
function fate(yaml: string, key: string, url?: string) {
  const m = migrateAppYaml({ ...BASE, yaml });
  const props = Object.entries(m.sources)
    .filter(([, source]) => source === `app.yaml ${key}` || source.startsWith(`app.yaml ${key}.`))
    .map(([prop]) => prop);
  const findings = m.problems.filter(
    (p) =>
      p.prop === `app.yaml ${key}` ||
      p.prop.startsWith(`app.yaml ${key}.`) ||
      // Handler keys reported per handler list name the handler by its url.
      (url !== undefined && p.prop === 'app.yaml handlers' && p.value.includes(url)),
  );
  return { props, findings, problems: m.problems };
}

describe('CloudRunService.fromAppYaml: every app.yaml key is mapped or reported', () => {
  test('every top-level key the reader knows has a value in this walk', () => {
    const known = [...knownKeys([]), ...Object.keys(NO_EFFECT), ...Object.keys(NOT_SUPPORTED), 'module'];
    assert.deepEqual(known.filter((k) => !(k in TOP)).sort(), []);
    for (const block of Object.keys(NESTED)) {
      assert.deepEqual(
        knownKeys([block]).filter((k) => !(k in NESTED[block])),
        [],
        block,
      );
    }
    assert.deepEqual(
      knownKeys(['handlers', 0]).filter((k) => !(k in HANDLER)),
      [],
    );
  });

  for (const [key, line] of Object.entries(TOP)) {
    test(`${key}: written as a prop, or a finding with its reason and what to do`, () => {
      const yaml = key === 'runtime' ? `${line}\n` : `runtime: python312\n${line}\n`;
      const { props, findings, problems } = fate(yaml, key === 'module' ? 'module' : key);
      assert.ok(props.length + findings.length > 0, `${key}: ${JSON.stringify(problems, null, 1)}`);
      for (const f of findings) assert.ok(f.ruleId && f.rule.length > 10 && f.fix.length > 5, JSON.stringify(f));
      // Nothing the file says is an error unless it cannot work on Cloud Run.
      assert.deepEqual(
        problems.filter((p) => p.level === CheckLevel.ERROR),
        [],
      );
    });
  }

  for (const [block, keys] of Object.entries(NESTED)) {
    for (const [key, value] of Object.entries(keys)) {
      test(`${block}.${key}: written as a prop, or a finding with its reason`, () => {
        const required =
          block === 'basic_scaling' && key !== 'max_instances'
            ? '\n  max_instances: 2'
            : block === 'vpc_access_connector' && key !== 'name'
              ? '\n  name: projects/p/locations/europe-west1/connectors/c'
              : '';
        const yaml = `runtime: python312\n${block}:\n  ${key}: ${value}${required}\n`;
        const { props, findings } = fate(yaml, `${block}.${key}`);
        // The connector is one VpcAccess.connector(name, egress): its keys are written as the block.
        const whole = block === 'vpc_access_connector' ? fate(yaml, block).props : [];
        assert.ok(props.length + findings.length + whole.length > 0, `${block}.${key}`);
      });
    }
  }

  for (const [key, lines] of Object.entries(HANDLER)) {
    test(`handlers[].${key}: written, or a finding naming the handler`, () => {
      const yaml = `runtime: python312\nhandlers:\n- url: /h\n${lines}\n`;
      const { findings } = fate(yaml, `handlers[0].${key}`, '/h');
      assert.ok(findings.length > 0, key);
    });
  }

  test('script: auto is the container itself: nothing to report about it', () => {
    const { findings } = fate('runtime: python312\nhandlers:\n- url: /.*\n  script: auto\n', 'handlers[0].script');
    assert.deepEqual(findings, []);
  });
});

describe('CloudRunService.fromAppYaml: a VPC connector', () => {
  test("migrated to another region than the connector's: refused, naming the app.yaml key (GCR-VPC-CONNECTOR-REGION)", () => {
    const yaml = `runtime: python312\nentrypoint: gunicorn -b :$PORT main:app\nvpc_access_connector:\n  name: projects/p/locations/us-central1/connectors/c\n`;
    assert.throws(
      () => CloudRunService.fromAppYaml(newStack(), 'web', { yaml, image: IMAGE, region: 'europe-west1' }),
      (e) =>
        e instanceof ValidationError &&
        /vpcAccess \(from app\.yaml vpc_access_connector\) = .*the connector is in us-central1, the workload in europe-west1.*\[GCR-VPC-CONNECTOR-REGION\]/.test(
          e.message,
        ),
    );
    CloudRunService.fromAppYaml(newStack(), 'web', { yaml, image: IMAGE, region: 'us-central1' });
  });
});

describe('CloudRunService.fromAppYaml: the Cloud Run service it writes', () => {
  test('instance classes: the class memory rounded up (at least 512 MiB), 1 vCPU, 2 for B8', () => {
    const limits = (yaml: string) => migrate(yaml).container.resources.limits;
    assert.deepEqual(limits('runtime: python312\n'), { cpu: '1', memory: '512Mi' });
    assert.deepEqual(limits('runtime: python312\ninstance_class: F2\n'), { cpu: '1', memory: '768Mi' });
    assert.deepEqual(limits('runtime: python312\ninstance_class: F4\n'), { cpu: '1', memory: '1536Mi' });
    assert.deepEqual(limits('runtime: python312\ninstance_class: F4_1G\n'), { cpu: '1', memory: '3Gi' });
    const b8 = 'runtime: python312\ninstance_class: B8\nbasic_scaling:\n  max_instances: 1\n';
    assert.deepEqual(limits(b8), { cpu: '2', memory: '3Gi' });
    // Basic scaling without a class runs B2.
    assert.deepEqual(limits('runtime: python312\nbasic_scaling:\n  max_instances: 1\n'), {
      cpu: '1',
      memory: '768Mi',
    });
  });

  test("automatic scaling: min/max instances and concurrency, App Engine's 10 when unset, request billing", () => {
    const given = migrate(
      'runtime: python312\nautomatic_scaling:\n  min_instances: 1\n  max_instances: 8\n  max_concurrent_requests: 40\n  target_cpu_utilization: 0.7\n  max_pending_latency: 200ms\n',
    );
    assert.deepEqual(given.res.template.scaling, { min_instance_count: 1, max_instance_count: 8 });
    assert.equal(given.res.template.max_instance_request_concurrency, 40);
    assert.equal(given.container.resources.cpu_idle, true);
    assert.equal(given.res.template.timeout, '30s');
    has(
      given.notes,
      /automatic_scaling\.target_cpu_utilization = 0\.7: .*targets of its own.*\[MIGRATE-NOT-APPLICABLE\]/,
    );
    has(given.notes, /automatic_scaling\.max_pending_latency = '200ms': Cloud Run has no pending queue/);
    // Unset: App Engine's 10 is written and said, with what to raise it to when gunicorn serves more at once.
    const big = migrate('runtime: python312\nentrypoint: gunicorn -b :$PORT -w 4 --threads 8 main:app\n');
    assert.equal(big.res.template.max_instance_request_concurrency, 10);
    assert.equal(big.notes.filter((n) => n.includes('max_concurrent_requests')).length, 1, big.notes.join('\n'));
    has(
      big.notes,
      /max_concurrent_requests = undefined \(not set\): App Engine sends an instance at most 10 .*\[MIGRATE-DEFAULT\]\. raise concurrency to 32, what gunicorn serves at once/,
    );
    // A command the Gunicorn model cannot read: how many it serves is not known.
    const shell = migrate('runtime: python312\nentrypoint: gunicorn -c gunicorn.conf.py main:app\n');
    has(
      shell.notes,
      /App Engine sends an instance at most 10 .*\[MIGRATE-DEFAULT\]\. raise concurrency to what the server/,
    );
  });

  test('unset max_concurrent_requests above what gunicorn serves is one finding: the capacity warning', () => {
    // App Engine's default command runs one sync worker: 10 requests for 1. It was also an information about the same
    // missing setting, whose fix said to raise concurrency.
    const silent = migrate('runtime: python312\n');
    assert.equal(silent.res.template.max_instance_request_concurrency, 10);
    const said = silent.notes.filter((n) => n.includes('max_concurrent_requests'));
    assert.equal(said.length, 1, said.join('\n'));
    assert.match(
      said[0],
      /concurrency 10 exceeds gunicorn's capacity of 1 .*\[GCR-SERVER-CAPACITY\]\. set concurrency to 1/,
    );
  });

  test('basic scaling: instance billing, no min instances, requests up to 60 minutes with a warning', () => {
    const { res, container, notes } = migrate(
      'runtime: python312\nentrypoint: gunicorn -b :$PORT --threads 8 main:app\nbasic_scaling:\n  max_instances: 3\n  idle_timeout: 10m\n',
    );
    assert.equal(container.resources.cpu_idle, false);
    assert.deepEqual(res.template.scaling, { min_instance_count: 0, max_instance_count: 3 });
    assert.equal(res.template.timeout, '3600s');
    has(notes, /basic_scaling = basic scaling: requests may run 24 h .*60 minutes \[MIGRATE-REQUEST-TIMEOUT\]/);
    has(notes, /basic_scaling\.idle_timeout = '10m': Cloud Run stops an idle instance on its own/);
  });

  test('manual scaling: Cloud Run manual scaling of the same count, instance billing', () => {
    const { res, container } = migrate(
      'runtime: python312\nentrypoint: gunicorn -b :$PORT --threads 8 main:app\nmanual_scaling:\n  instances: 2\n',
    );
    assert.equal(res.scaling.scaling_mode, 'MANUAL');
    assert.equal(res.scaling.manual_instance_count, 2);
    assert.equal(container.resources.cpu_idle, false);
    assert.equal(res.template.timeout, '3600s');
  });

  test('a gunicorn entrypoint becomes the Gunicorn model; its sync timeout bounds the request timeout', () => {
    const threaded = migrate(
      'runtime: python312\nentrypoint: exec gunicorn -b :$PORT -w 4 --threads 2 --timeout 0 --log-level info main:app\n',
    );
    assert.deepEqual(threaded.container.command, ['gunicorn']);
    assert.deepEqual(threaded.container.args, [
      ...['--bind', ':8080', '--workers', '4', '--threads', '2', '--timeout', '0'],
      ...['--log-level', 'info', 'main:app'],
    ]);
    assert.equal(threaded.res.template.timeout, '600s');
    // gunicorn's defaults, as App Engine ran them: one sync worker whose 30 s timeout ends longer requests.
    const bare = migrate('runtime: python312\nentrypoint: gunicorn -b :$PORT main:app\n');
    assert.deepEqual(bare.container.args, [
      '--bind',
      ':8080',
      '--workers',
      '1',
      '--threads',
      '1',
      '--timeout',
      '30',
      'main:app',
    ]);
    assert.equal(bare.res.template.timeout, '30s');
    assert.ok(bare.container.startup_probe.http_get, 'gunicorn without preload gets the HTTP startup probe');
    const asgi = migrate(
      'runtime: python312\nentrypoint: gunicorn -k uvicorn.workers.UvicornWorker -b :$PORT -w 2 main:app\n',
    );
    assert.ok(asgi.container.args.includes('uvicorn.workers.UvicornWorker'));
    const env = migrate(
      'runtime: python312\nentrypoint: gunicorn -b :$PORT main:app\nenv_variables:\n  WEB_CONCURRENCY: 3\n',
    );
    assert.ok(env.container.args.join(' ').includes('--workers 3'));
    // The app where gunicorn finds it (its one positional), whatever comes after it.
    const middle = migrate(
      'runtime: python312\nentrypoint: gunicorn -b:$PORT shop.wsgi:application --worker-class gthread --threads 6 --timeout 120\n',
    );
    assert.deepEqual(middle.container.args, [
      ...['--bind', ':8080', '--workers', '1', '--threads', '6', '--timeout', '120', 'shop.wsgi:application'],
    ]);
    assert.equal(middle.res.template.timeout, '600s');
  });

  test("no entrypoint: App Engine's own gunicorn on main:app, stated; another command is kept, run by a shell", () => {
    const none = migrate('runtime: python312\n');
    assert.deepEqual(none.container.args.slice(-1), ['main:app']);
    has(
      none.notes,
      /entrypoint = undefined \(not set\): without an entrypoint App Engine starts 'gunicorn -b :\$PORT main:app'.*\[MIGRATE-DEFAULT\]/,
    );
    const shell = migrate('runtime: python312\nentrypoint: python manage.py migrate && gunicorn -b :$PORT app.wsgi\n');
    assert.deepEqual(shell.container.command, [
      '/bin/sh',
      '-c',
      'python manage.py migrate && gunicorn -b :$PORT app.wsgi',
    ]);
    has(shell.notes, /entrypoint = .*kept as given, run by a shell.*\[MIGRATE-ENTRYPOINT\]/);
    const config = migrate('runtime: python312\nentrypoint: gunicorn -c gunicorn.conf.py main:app\n');
    assert.equal(config.container.command[0], '/bin/sh');
  });

  test('env_variables, service_account and the VPC connector carry over; warmup becomes a /_ah/warmup probe', () => {
    const { container, res, notes } = migrate(
      [
        'runtime: python312',
        'service: shop',
        'env_variables:\n  MODE: prod\n  N: 3',
        'service_account: shop@p.iam.gserviceaccount.com',
        'vpc_access_connector:\n  name: projects/p/locations/europe-west1/connectors/c\n  egress_setting: all-traffic',
        'inbound_services:\n- warmup',
        '',
      ].join('\n'),
    );
    assert.equal(res.name, 'shop');
    assert.deepEqual(container.env, [
      { name: 'MODE', value: 'prod' },
      { name: 'N', value: '3' },
    ]);
    assert.equal(res.template.service_account, 'shop@p.iam.gserviceaccount.com');
    assert.deepEqual(res.template.vpc_access, {
      connector: 'projects/p/locations/europe-west1/connectors/c',
      egress: 'ALL_TRAFFIC',
    });
    assert.equal(container.startup_probe.http_get.path, '/_ah/warmup');
    has(notes, /inbound_services = 'warmup': .*assuming the app serves it.*\[MIGRATE-WARMUP\]/);
  });

  test('public unless a handler needs sign-in; static handlers and login are warnings that list them', () => {
    const open = migrate(
      'runtime: python312\nhandlers:\n- url: /static\n  static_dir: static\n- url: /.*\n  script: auto\n  secure: always\n',
    );
    const members = Object.values(resources(open.json, 'google_cloud_run_v2_service_iam_member')).map((m) => m.member);
    assert.deepEqual(members, ['allUsers']);
    has(open.notes, /handlers = \/static → static: Cloud Run serves no static files.*\[MIGRATE-STATIC-FILES\]/);
    has(open.notes, /handlers\[1\]\.secure = 'always': Cloud Run is HTTPS-only/);
    // Several handlers asking for HTTPS: one note naming them all.
    const several = migrate(
      'runtime: python312\nhandlers:\n- url: /a\n  script: auto\n  secure: always\n- url: /.*\n  script: auto\n  secure: always\n',
    );
    const https = several.notes.filter((n) => /Cloud Run is HTTPS-only/.test(n));
    assert.equal(https.length, 1, https.join('\n'));
    assert.match(https[0], /^app\.yaml handlers\.secure = always on handlers\[0\], handlers\[1\]: /);
    const signIn = migrate(
      'runtime: python312\nhandlers:\n- url: /admin/.*\n  script: auto\n  login: admin\n- url: /.*\n  script: auto\n',
    );
    assert.deepEqual(resources(signIn.json, 'google_cloud_run_v2_service_iam_member'), {});
    has(
      signIn.notes,
      /handlers = \/admin\/\.\* \(admin\): .*not public \(and \/\.\*, public on App Engine, are not either\).*\[MIGRATE-LOGIN\]/,
    );
  });

  test('bundled services are an error naming each service and its replacement, with every other problem', () => {
    const e = refused('runtime: python312\napp_engine_apis: true\ninbound_services:\n- mail\ninstance_class: F9\n');
    const ids = e.problems.map((p) => p.ruleId);
    assert.deepEqual(ids, ['GAE-YAML-VALUE', 'MIGRATE-BUNDLED-SERVICES', 'MIGRATE-BUNDLED-SERVICES']);
    assert.match(e.message, /app_engine_apis = true: .*Memcache → Memorystore.*Task Queues → Cloud Tasks/);
    assert.match(e.message, /inbound_services = 'mail': 'mail' is received through the bundled Mail service/);
  });

  test('a broken file is refused by the App Engine reader, every problem at once', () => {
    const e = refused('runtime: python312\ninstance_clas: F2\nautomatic_scaling:\n  max_instances: many\n');
    assert.match(e.message, /instance_clas = 'F2': unknown key 'instance_clas'.*did you mean 'instance_class'/);
    assert.match(e.message, /automatic_scaling\.max_instances = 'many': wrong value/);
    assert.throws(
      () => CloudRunService.fromAppYaml(newStack(), 'Api', { ...BASE, file: '/no/such/app.yaml' }),
      /file = '\/no\/such\/app\.yaml': cannot read the app\.yaml file \(no such file\)/,
    );
  });

  test('options win over the file: a server replaces the entrypoint, a concurrency the file value', () => {
    const { container, res } = migrate('runtime: python312\nentrypoint: gunicorn -b :$PORT main:app\n', {
      server: Gunicorn.wsgi({ app: 'main:app' }),
      concurrency: 8,
      allowUnauthenticated: false,
    });
    assert.ok(container.args.includes('8'));
    assert.equal(res.template.max_instance_request_concurrency, 8);
    assert.equal(res.template.timeout, '600s');
    // What an option decides is no longer reported as the file's.
    const ids = (options: Partial<CloudRunServiceFromAppYamlOptions>) =>
      migrateAppYaml({ ...BASE, yaml: 'runtime: python312\n', ...options }).problems.map((p) => p.ruleId);
    assert.ok(ids({}).includes('MIGRATE-SERVICE-ACCOUNT'));
    assert.ok(!ids({ serviceAccount: 'a@p.iam.gserviceaccount.com' }).includes('MIGRATE-SERVICE-ACCOUNT'));
  });

  test("the service's own rules name the app.yaml key a prop came from", () => {
    const { notes } = migrate(
      'runtime: python312\nentrypoint: gunicorn -b :$PORT -w 2 main:app\nautomatic_scaling:\n  max_concurrent_requests: 50\n',
    );
    has(
      notes,
      /concurrency \(from app\.yaml automatic_scaling\.max_concurrent_requests\) = 50: concurrency 50 exceeds gunicorn's capacity of 2.*\[GCR-SERVER-CAPACITY\]/,
    );
  });

  test('the findings are policy findings: in the reports and the summary, and suppressible by id', () => {
    const stack = newStack();
    const svc = CloudRunService.fromAppYaml(stack, 'Api', {
      ...BASE,
      yaml: 'runtime: python312\nhandlers:\n- url: /s\n  static_dir: s\n- url: /.*\n  script: auto\n',
    });
    Suppressions.add(svc, [{ ruleId: 'MIGRATE-STATIC-FILES', reason: 'the files are served from a bucket already' }]);
    const findings = checkStack(stack).filter((f) => f.ruleId.startsWith('MIGRATE-'));
    const staticFiles = findings.find((f) => f.ruleId === 'MIGRATE-STATIC-FILES');
    assert.equal(staticFiles?.status, FindingStatus.FAIL);
    assert.ok(staticFiles?.suppressed);
    assert.ok(findings.some((f) => f.ruleId === 'MIGRATE-SERVICE-ACCOUNT' && !f.suppressed));
    assert.match(PolicyChecks.summary(stack), /Cloud Run api: .*\(.*MIGRATE-SERVICE-ACCOUNT.*\)/);
  });
});

describe('every App Engine example, migrated, synthesizes and passes the checks', () => {
  /** The app.yaml equivalent of examples/app-engine-web.ts (written with props there). */
  const WEB = [
    'runtime: python312',
    'instance_class: F2',
    'entrypoint: gunicorn --bind :$PORT --workers 4 --threads 8 --timeout 0 main:app',
    'automatic_scaling:',
    '  min_instances: 1',
    '  max_instances: 10',
    '  min_idle_instances: 1',
    '  target_cpu_utilization: 0.65',
    '  target_throughput_utilization: 0.75',
    '  max_pending_latency: 500ms',
    '  max_concurrent_requests: 32',
    'inbound_services:\n- warmup',
    'env_variables:\n  DJANGO_SETTINGS_MODULE: mysite.settings',
    'handlers:',
    '- url: /static/(.*)\n  static_files: static/\\1\n  upload: static/.*\n  expiration: 1d',
    '- url: .*\n  script: auto',
    '',
  ].join('\n');

  for (const [name, source] of [
    ['app-engine-backend (its app.yaml)', { file: BACKEND }],
    ['app-engine-web', { yaml: WEB }],
  ] as const) {
    test(name, () => {
      const stack = newStack();
      CloudRunService.fromAppYaml(stack, 'Migrated', { ...BASE, ...source });
      synth(stack);
      const errors = checkStack(stack).filter(
        (f) => f.status === FindingStatus.FAIL && f.level === CheckLevel.ERROR && !f.suppressed,
      );
      assert.deepEqual(
        errors.map((f) => f.message),
        [],
      );
    });
  }
});
