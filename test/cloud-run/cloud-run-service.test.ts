import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CloudRunV2ServiceIamMember } from '@cdktf/provider-google/lib/cloud-run-v2-service-iam-member';
import { TerraformOutput, TerraformVariable } from 'cdktf';
import {
  Billing,
  CloudRunService,
  checkStack,
  type CloudRunServiceProps,
  ExecutionEnvironment,
  Gunicorn,
  Ingress,
  Probe,
  VpcAccess,
  VpcEgress,
} from '../../lib';
import { IMAGE, serviceTests } from '../support/cloud-run';
import { newStack, only, resources, synth, warnings } from '../support/synth';

const BASE = { region: 'us-central1', image: IMAGE, maxInstances: 10 };

const { build, rejects } = serviceTests(BASE);

describe('CloudRunService: the guide recipe', () => {
  test('renders gunicorn --bind :$PORT --workers 1 --threads 8 --timeout 0 main:app and the settings it implies', () => {
    const { res, container, svc } = build({ server: Gunicorn.wsgi({ app: 'main:app' }) });
    assert.equal(svc.commandLine, 'gunicorn --bind :$PORT --workers 1 --threads 8 --timeout 0 main:app');
    assert.deepEqual(container.command, ['gunicorn']);
    // Cloud Run runs command/args without a shell, so the port is written as the container port it sets $PORT to.
    assert.deepEqual(container.args, [
      '--bind',
      ':8080',
      '--workers',
      '1',
      '--threads',
      '8',
      '--timeout',
      '0',
      'main:app',
    ]);
    assert.deepEqual(container.ports, { container_port: 8080, name: 'http1' });
    assert.deepEqual(container.resources, {
      cpu_idle: true,
      limits: { cpu: '1', memory: '512Mi' },
      startup_cpu_boost: true,
    });
    assert.equal(res.template.max_instance_request_concurrency, 8);
    assert.deepEqual(container.startup_probe, {
      http_get: { path: '/' },
      initial_delay_seconds: 0,
      period_seconds: 10,
      timeout_seconds: 5,
      failure_threshold: 24,
    });
    assert.equal(svc.startupProbeBudgetSeconds, 240);
    assert.equal(res.template.timeout, '300s');
    assert.equal(res.template.execution_environment, 'EXECUTION_ENVIRONMENT_GEN2');
    assert.deepEqual(res.template.scaling, { min_instance_count: 0, max_instance_count: 10 });
    assert.equal(res.name, 'api');
    assert.equal(res.location, 'us-central1');
  });

  test('secure by default: dedicated service account, no public invoker, explicit ingress and deletion protection', () => {
    const { json, res } = build();
    const sa = only(json, 'google_service_account');
    assert.equal(sa.account_id, 'api-run');
    assert.match(res.template.service_account, /^\$\{google_service_account\.\w+\.email\}$/);
    assert.deepEqual(resources(json, 'google_cloud_run_v2_service_iam_member'), {});
    assert.equal(res.ingress, 'INGRESS_TRAFFIC_ALL');
    assert.equal(res.deletion_protection, true);
  });

  test('an existing service account is used as is, and the default compute account is warned about', () => {
    const { json, res, svc } = build({ serviceAccount: '123-compute@developer.gserviceaccount.com' });
    assert.deepEqual(resources(json, 'google_service_account'), {});
    assert.equal(res.template.service_account, '123-compute@developer.gserviceaccount.com');
    assert.ok(warnings(svc).some((w) => /default compute service account/.test(w)));
  });
});

describe('CloudRunService: the server profile drives the service', () => {
  test('workers default to the vCPU count and concurrency to workers × threads', () => {
    const { res, container } = build({ cpu: 2, memory: '2Gi', server: Gunicorn.wsgi({ app: 'main:app' }) });
    assert.deepEqual(container.args.slice(2, 6), ['--workers', '2', '--threads', '8']);
    assert.equal(res.template.max_instance_request_concurrency, 16);
  });

  test('with preload a TCP startup probe is generated with the 240 s budget, written explicitly', () => {
    const { container } = build({ server: Gunicorn.wsgi({ app: 'main:app', preload: true }) });
    assert.ok(container.args.includes('--preload'));
    assert.deepEqual(container.startup_probe, {
      tcp_socket: { port: 8080 },
      initial_delay_seconds: 0,
      period_seconds: 240,
      timeout_seconds: 240,
      failure_threshold: 1,
    });
  });

  test('without preload an explicit TCP startup probe is an error that explains why', () => {
    rejects(
      { server: Gunicorn.wsgi({ app: 'main:app' }), startupProbe: Probe.tcp() },
      /startupProbe = Probe\.tcp/,
      /before any worker has imported the app \[GCR-SERVER-STARTUP-PROBE\]/,
      /Fix: use an HTTP startup probe/,
    );
  });

  test('with preload an explicit TCP probe is fine', () => {
    const { container } = build({
      server: Gunicorn.wsgi({ app: 'main:app', preload: true }),
      startupProbe: Probe.tcp({ periodSeconds: 5 }),
    });
    assert.equal(container.startup_probe.failure_threshold, 48);
  });

  test('an explicit HTTP probe fills its failure budget from its period', () => {
    const { container } = build({
      server: Gunicorn.wsgi({ app: 'main:app' }),
      startupProbe: Probe.http({ path: '/healthz', periodSeconds: 30 }),
    });
    assert.deepEqual(container.startup_probe, {
      http_get: { path: '/healthz' },
      initial_delay_seconds: 0,
      period_seconds: 30,
      timeout_seconds: 5,
      failure_threshold: 8,
    });
  });

  test('concurrency above the server capacity is a warning, at capacity none', () => {
    const over = build({ server: Gunicorn.wsgi({ app: 'main:app', threads: 4 }), concurrency: 50 });
    assert.ok(
      warnings(over.svc).some((w) =>
        /concurrency = 50: concurrency 50 exceeds gunicorn's capacity of 4 .*GCR-SERVER-CAPACITY/.test(w),
      ),
    );
    const at = build({ server: Gunicorn.wsgi({ app: 'main:app', threads: 4 }), concurrency: 4 });
    assert.deepEqual(warnings(at.svc), []);
  });

  test('a sync gunicorn timeout shorter than the request timeout is an error; 0, longer, or threads are fine', () => {
    rejects(
      { server: Gunicorn.wsgi({ app: 'main:app', threads: 1, timeout: 30 }), requestTimeout: 120 },
      /server = gunicorn .*--timeout 30.*30 s is shorter than the 120 s request timeout/,
    );
    // The message quotes the command as the container runs it (no shell: the port written, not $PORT).
    for (const containerPort of [undefined, 9000]) {
      rejects(
        { server: Gunicorn.wsgi({ app: 'main:app', threads: 1, timeout: 30 }), requestTimeout: 120, containerPort },
        new RegExp(
          `server = gunicorn --bind :${containerPort ?? 8080} --workers \\d+ --threads 1 --timeout 30 main:app: `,
        ),
      );
    }
    // gthread workers notify gunicorn's master while their threads run requests: the timeout does not bound them.
    build({ server: Gunicorn.wsgi({ app: 'main:app', threads: 8, timeout: 30 }), requestTimeout: 120 });
    build({ server: Gunicorn.wsgi({ app: 'main:app', timeout: 120 }), requestTimeout: 120 });
    build({ server: Gunicorn.wsgi({ app: 'main:app', timeout: 0 }), requestTimeout: 3600 });
  });

  test('workers × memoryPerWorker above the memory limit is an error', () => {
    rejects(
      { cpu: 2, memory: '1Gi', server: Gunicorn.wsgi({ app: 'main:app', memoryPerWorker: '600Mi' }) },
      /2 workers need 1200Mi, more than the 1Gi memory limit/,
    );
    build({ cpu: 2, memory: '2Gi', server: Gunicorn.wsgi({ app: 'main:app', memoryPerWorker: '600Mi' }) });
  });

  test('the ASGI variant runs uvicorn workers and derives concurrency per worker', () => {
    const { container, res } = build({
      server: Gunicorn.asgi({ app: 'main:app', workers: 2, concurrencyPerWorker: 50 }),
    });
    assert.deepEqual(container.args, [
      '--bind',
      ':8080',
      '--workers',
      '2',
      '--worker-class',
      'uvicorn_worker.UvicornWorker',
      '--timeout',
      '0',
      'main:app',
    ]);
    assert.equal(res.template.max_instance_request_concurrency, 100);
  });

  test('bad profile options are reported under server.*', () => {
    rejects(
      { server: Gunicorn.wsgi({ app: 'main', workers: 0, threads: 1.5, timeout: -1, memoryPerWorker: 'lots' }) },
      /server\.workers = 0/,
      /server\.threads = 1\.5/,
      /server\.timeout = -1/,
      /server\.memoryPerWorker = 'lots'/,
    );
    rejects({ server: Gunicorn.wsgi({ app: 'main app' }) }, /server\.app = 'main app'/);
  });

  test('server and command/args cannot both be given; command alone passes through', () => {
    rejects(
      { server: Gunicorn.wsgi({ app: 'main:app' }), command: ['python'] },
      /command = \["python"\]: the server profile renders/,
    );
    const { container } = build({ command: ['python', '-m', 'app'], args: ['--port', '8080'] });
    assert.deepEqual(container.command, ['python', '-m', 'app']);
    assert.deepEqual(container.args, ['--port', '8080']);
  });
});

describe('CloudRunService: billing and background work', () => {
  test('backgroundWork alone selects instance billing (cpu_idle false) and warns without min instances', () => {
    const { container, svc } = build({ backgroundWork: true });
    assert.equal(container.resources.cpu_idle, false);
    assert.equal(svc.billing, Billing.INSTANCE);
    assert.ok(warnings(svc).some((w) => /GCR-INSTANCE-BILLING-NO-MIN/.test(w)));
  });

  test('backgroundWork with Billing.REQUEST is an intent conflict', () => {
    rejects(
      { backgroundWork: true, billing: Billing.REQUEST },
      /billing = Billing\.REQUEST: backgroundWork needs instance-based billing/,
    );
  });

  test('request billing is written explicitly as cpu_idle true', () => {
    assert.equal(build({ billing: Billing.REQUEST }).container.resources.cpu_idle, true);
  });

  test('min instances left running are a cost warning', () => {
    const { svc, res } = build({ minInstances: 2, backgroundWork: true });
    assert.equal(res.template.scaling.min_instance_count, 2);
    assert.ok(
      warnings(svc).some((w) =>
        /minInstances = 2: 2 instance\(s\) stay running around the clock and, with instance-based billing/.test(w),
      ),
    );
  });
});

describe('CloudRunService: platform limits refused at synth', () => {
  test('CPU values', () => {
    rejects({ cpu: 3 }, /cpu = 3: .*3 is not allowed \[GCR-CPU-VALUE\]\. Fix: use 2 or 4 vCPU/);
    rejects({ cpu: 0.05 }, /use at least 0\.08 vCPU/);
    for (const cpu of [0.08, 1, 2, 4, 6, 8])
      build({
        cpu,
        memory: cpu >= 6 ? '4Gi' : cpu >= 4 ? '2Gi' : '512Mi',
        executionEnvironment: cpu < 1 ? ExecutionEnvironment.GEN1 : undefined,
      });
  });

  test('memory limits in both directions', () => {
    rejects(
      { cpu: 1, memory: '8Gi' },
      /memory = '8Gi': Cloud Run allows at most 4Gi of memory with 1 vCPU; 8Gi needs at least 2 vCPU .*Fix: raise cpu to 2 or lower memory to 4Gi/,
    );
    rejects({ cpu: 4, memory: '1Gi' }, /4 vCPU need at least 2Gi of memory/);
    rejects({ cpu: 8, memory: '40Gi' }, /above Cloud Run's 32 GiB maximum/);
    rejects({ memory: 'lots' }, /memory = 'lots': memory is not a valid quantity/);
    build({ cpu: 2, memory: '8Gi' });
  });

  test('below 1 vCPU: concurrency 1, request billing, not gen2 (and the defaults follow)', () => {
    const { res, container } = build({ cpu: 0.5, memory: '512Mi' });
    assert.equal(res.template.max_instance_request_concurrency, 1);
    assert.equal(res.template.execution_environment, 'EXECUTION_ENVIRONMENT_GEN1');
    assert.equal(container.resources.limits.cpu, '0.5');
    rejects({ cpu: 0.5, concurrency: 10 }, /concurrency = 10: with 0\.5 vCPU concurrency must be 1/);
    rejects(
      { cpu: 0.5, backgroundWork: true },
      /billing = Billing\.INSTANCE \(derived\): with 0\.5 vCPU billing must be request-based/,
    );
    rejects(
      { cpu: 0.5, executionEnvironment: ExecutionEnvironment.GEN2 },
      /executionEnvironment = ExecutionEnvironment\.GEN2: with 0\.5 vCPU the gen2 execution environment is rejected/,
    );
  });

  test('gen2 needs at least 512Mi; a smaller memory limit selects gen1 by default', () => {
    rejects(
      { memory: '256Mi', executionEnvironment: ExecutionEnvironment.GEN2 },
      /below the 512Mi minimum of the gen2 execution environment/,
    );
    rejects({ memory: '512M', executionEnvironment: ExecutionEnvironment.GEN2 }, /488\.28Mi is below/);
    assert.equal(build({ memory: '256Mi' }).res.template.execution_environment, 'EXECUTION_ENVIRONMENT_GEN1');
  });

  test('concurrency 1 to 1000', () => {
    rejects({ concurrency: 0 }, /concurrency = 0: concurrency 0 is outside 1 to 1000/);
    rejects({ concurrency: 1001 }, /1001 is outside/);
    assert.equal(build({ concurrency: 1000 }).res.template.max_instance_request_concurrency, 1000);
  });

  test('concurrency 1 on a full vCPU is a warning', () => {
    assert.ok(warnings(build({ concurrency: 1 }).svc).some((w) => /GCR-CONCURRENCY-ONE/.test(w)));
  });

  test('min instances not above max; max unset is a warning', () => {
    rejects(
      { minInstances: 5, maxInstances: 2 },
      /minInstances = 5: min instances 5 is above max instances 2 .*Fix: lower minInstances to at most 2/,
    );
    const { svc, res } = build({ maxInstances: undefined });
    assert.equal(res.template.scaling.max_instance_count, undefined);
    assert.ok(
      warnings(svc).some((w) => /maxInstances = undefined \(not set\): no maximum instance count is set/.test(w)),
    );
  });

  test('maxInstances 0 is "not set" (the provider does not send it): a warning that it does not disable, not an error', () => {
    const { svc } = build({ minInstances: 1, maxInstances: 0 });
    assert.ok(
      warnings(svc).some((w) => /maxInstances = 0: .*0 does not stop the service.*GCR-MAX-INSTANCES-UNSET/.test(w)),
    );
  });

  test('request timeout 1 to 3600 s, written in seconds', () => {
    rejects({ requestTimeout: 0 }, /requestTimeout = 0/);
    rejects({ requestTimeout: 3601 }, /requestTimeout = 3601: request timeout 3601 s is outside 1 to 3600 seconds/);
    assert.equal(build({ requestTimeout: 3600 }).res.template.timeout, '3600s');
  });

  test('startup probe ranges are errors; a budget above 240 s and a timeout above the period are warnings', () => {
    rejects(
      { startupProbe: Probe.http({ periodSeconds: 241, failureThreshold: 1 }) },
      /periodSeconds 241 is outside 1 to 240/,
    );
    const budget = build({ startupProbe: Probe.http({ periodSeconds: 10, failureThreshold: 30 }) });
    assert.ok(
      warnings(budget.svc).some((w) =>
        /300 s exceeds the 240 s startup budget.*\[GCR-STARTUP-BUDGET\]\. lower failureThreshold to 24/.test(w),
      ),
    );
    // The API accepts a timeout longer than the period (the provider's acceptance tests apply 6 s with a 2 s period).
    const slow = build({ startupProbe: Probe.http({ periodSeconds: 5, timeoutSeconds: 10 }) });
    assert.ok(
      warnings(slow.svc).some((w) => /timeoutSeconds 10 is longer than periodSeconds 5.*\[GCR-PROBE-TIMEOUT\]/.test(w)),
    );
    build({ startupProbe: Probe.http({ periodSeconds: 240, failureThreshold: 1, timeoutSeconds: 240 }) });
  });

  test('liveness probes: up to 3600 s, rendered with explicit timings; TCP liveness is a warning', () => {
    rejects(
      { livenessProbe: Probe.http({ periodSeconds: 3601 }) },
      /livenessProbe\.periodSeconds = 3601: periodSeconds 3601 is outside 1 to 3600 seconds \[GCR-LIVENESS-PROBE\]/,
    );
    const { container } = build({
      livenessProbe: Probe.http({ path: '/live', periodSeconds: 3600, httpHeaders: { 'X-Probe': '1' } }),
    });
    assert.deepEqual(container.liveness_probe, {
      http_get: { path: '/live', http_headers: [{ name: 'X-Probe', value: '1' }] },
      initial_delay_seconds: 0,
      period_seconds: 3600,
      timeout_seconds: 1,
      failure_threshold: 3,
    });
    const tcp = build({ livenessProbe: Probe.tcp() });
    assert.deepEqual(tcp.container.liveness_probe.tcp_socket, { port: 8080 });
    assert.ok(warnings(tcp.svc).some((w) => /GCR-LIVENESS-TCP/.test(w)));
  });

  test('service names: derived from the id, or validated', () => {
    assert.equal(build({}, 'Orders_API').res.name, 'orders-api');
    rejects(
      { serviceName: 'My_Service' },
      /serviceName = 'My_Service': the name must use lowercase.*Fix: use something like 'my-service'/,
    );
    rejects({ serviceName: `s${'x'.repeat(49)}` }, /the name has 50 characters; the limit is 49/);
    rejects({ serviceName: 'api-' }, /not end with a hyphen/);
    assert.equal(build({ serviceName: `s${'x'.repeat(48)}` }).res.name.length, 49);
  });

  test('every problem of a construct is reported at once, naming path, prop, value, rule and fix', () => {
    const error = rejects(
      {
        cpu: 3,
        memory: '64Gi',
        concurrency: 2000,
        minInstances: 9,
        maxInstances: 3,
        requestTimeout: 9999,
        serviceName: 'Bad Name',
      },
      /^CloudRunService 'test\/Api' has \d+ problems:/,
    );
    const props = error.problems.map((p) => p.prop);
    for (const prop of ['cpu', 'memory', 'concurrency', 'minInstances', 'requestTimeout', 'serviceName'])
      assert.ok(props.includes(prop), prop);
    for (const p of error.problems) {
      assert.ok(p.value.length > 0 && p.rule.length > 0 && p.fix.length > 0, JSON.stringify(p));
    }
    assert.equal(error.constructPath, 'test/Api');
  });
});

describe('CloudRunService: inputs', () => {
  test('an App Engine location id given as region is refused with the likely region', () => {
    rejects(
      { region: 'us-central' },
      /region = 'us-central': 'us-central' is an App Engine location id, not a Cloud Run region \[GCR-REGION\]\. Fix: use 'us-central1'/,
    );
  });

  test('misspelt or mistyped props from JavaScript callers are reported by name', () => {
    rejects(
      { maxInstance: 3 } as unknown as CloudRunServiceProps,
      /maxInstance = 3: 'maxInstance' is not a known prop/,
    );
    rejects(
      { cpu: '2' } as unknown as CloudRunServiceProps,
      /cpu = '2': expected a number, got a string\. Fix: write it as a number: 2/,
    );
    rejects(
      { server: { app: 'main:app' } } as unknown as CloudRunServiceProps,
      /server = \{"app":"main:app"\}: expected Gunicorn\.wsgi/,
    );
  });

  test('unresolved tokens are skipped, never rejected', () => {
    const stack = newStack();
    const cpu = new TerraformVariable(stack, 'cpu', { type: 'number' }).numberValue;
    const memory = new TerraformVariable(stack, 'memory', { type: 'string' }).stringValue;
    const max = new TerraformVariable(stack, 'max', { type: 'number' }).numberValue;
    const name = new TerraformVariable(stack, 'name', { type: 'string' }).stringValue;
    new CloudRunService(stack, 'Api', {
      ...BASE,
      cpu,
      memory,
      maxInstances: max,
      serviceName: name,
      server: Gunicorn.wsgi({ app: 'main:app', workers: 2 }),
    });
    const res = only(synth(stack), 'google_cloud_run_v2_service');
    assert.equal(res.template.containers[0].resources.limits.cpu, '${var.cpu}');
    assert.equal(res.template.containers[0].resources.limits.memory, '${var.memory}');
    assert.equal(res.template.scaling.max_instance_count, '${var.max}');
    assert.equal(res.name, '${var.name}');
  });

  test('environment variables and Secret Manager secrets, with the accessor role granted once per secret', () => {
    const { container, json } = build({
      env: { LOG_LEVEL: 'info' },
      secrets: {
        DB_PASSWORD: { secret: 'db-password', version: '3' },
        DB_PASSWORD_COPY: { secret: 'db-password' },
        API_KEY: { secret: 'projects/other/secrets/api-key' },
      },
    });
    assert.deepEqual(container.env, [
      { name: 'LOG_LEVEL', value: 'info' },
      { name: 'DB_PASSWORD', value_source: { secret_key_ref: { secret: 'db-password', version: '3' } } },
      { name: 'DB_PASSWORD_COPY', value_source: { secret_key_ref: { secret: 'db-password', version: 'latest' } } },
      {
        name: 'API_KEY',
        value_source: { secret_key_ref: { secret: 'projects/other/secrets/api-key', version: 'latest' } },
      },
    ]);
    const grants = Object.values(resources(json, 'google_secret_manager_secret_iam_member'));
    assert.deepEqual(grants.map((g) => g.secret_id).sort(), ['db-password', 'projects/other/secrets/api-key']);
    for (const g of grants) {
      assert.equal(g.role, 'roles/secretmanager.secretAccessor');
      assert.match(g.member, /^serviceAccount:\$\{google_service_account\.\w+\.email\}$/);
    }
  });

  test('a plain secret in env is reported with its length, never its value (messages reach the JSON and CI logs)', () => {
    const { json, svc, res } = build({ env: { DATABASE_PASSWORD: 'hunter2hunter2' } });
    assert.ok(
      warnings(svc).some((w) =>
        /^env\.DATABASE_PASSWORD = \(14 characters, not shown\): .*\[GCR-PLAIN-SECRET-ENV\]/.test(w),
      ),
    );
    // The value is where the user wrote it (the container's env), and nowhere else in the synthesized JSON.
    assert.equal(JSON.stringify(json).split('hunter2hunter2').length - 1, 1);
    assert.deepEqual(res.template.containers[0].env, [{ name: 'DATABASE_PASSWORD', value: 'hunter2hunter2' }]);
    assert.ok(warnings(svc).every((w) => !w.includes('hunter2')));
  });

  test('a value called a secret is hidden in every message about it, whichever rule reports it', () => {
    const error = rejects({ env: { 'DB-PASSWORD': 'hunter2hunter2hunter2' } }, /\[GCR-ENV-NAME\]/);
    assert.ok(!error.message.includes('hunter2'), error.message);
    assert.match(error.message, /env\.DB-PASSWORD = \(21 characters, not shown\): .*\[GCR-ENV-NAME\]/);
  });

  test('bad environment variables, secret references and labels are refused, each under its rule', () => {
    rejects({ env: { PORT: '9000' } }, /env\.PORT = '9000': PORT is set by Cloud Run .*\[GCR-ENV-RESERVED\]/);
    rejects(
      { env: { 'my-var': 'x' } },
      /env\.my-var = 'x': 'my-var' is not a valid environment variable name.*\[GCR-ENV-NAME\]\. Fix: rename it, e\.g\. 'my_var'/,
    );
    rejects(
      { env: { TOKEN: 'x' }, secrets: { TOKEN: { secret: 'token' } } },
      /secrets\.TOKEN = \{"secret":"token"\}: TOKEN is set twice.*\[GCR-ENV-DUPLICATE\]/,
    );
    rejects({ env: { BIG: 'x'.repeat(32769) } }, /has 32769 characters.*\[GCR-ENV-VALUE-LENGTH\]/);
    rejects(
      { secrets: { A: { secret: 'a', version: 'newest' } } },
      /secrets\.A\.version = 'newest'.*\[GCR-SECRET-REF\]/,
    );
    rejects({ secrets: { A: { secret: 'a/b' } } }, /secrets\.A\.secret = 'a\/b'.*\[GCR-SECRET-REF\]/);
    rejects({ labels: { Team: 'x' } }, /labels\.Team = 'x': label key 'Team' is not .*\[GCR-LABELS\]/);
    rejects({ labels: { team: 'X Y' } }, /labels\.team = 'X Y': the value of label 'team'/);
    rejects(
      { image: 'my image' },
      /image = 'my image': the image must be a non-empty reference without spaces \[GCR-IMAGE\]/,
    );
    rejects({ containerPort: 70000 }, /containerPort = 70000: the container port must be 1 to 65535 \[GCR-PORT\]/);
  });

  test('VPC access: Direct VPC egress or a connector', () => {
    const direct = build({
      vpcAccess: VpcAccess.directVpc({ network: 'default', subnetwork: 'run', egress: VpcEgress.ALL_TRAFFIC }),
    });
    assert.deepEqual(direct.res.template.vpc_access, {
      egress: 'ALL_TRAFFIC',
      network_interfaces: [{ network: 'default', subnetwork: 'run' }],
    });
    const connector = build({ vpcAccess: VpcAccess.connector('projects/p/locations/us-central1/connectors/c') });
    assert.deepEqual(connector.res.template.vpc_access, {
      connector: 'projects/p/locations/us-central1/connectors/c',
      egress: 'PRIVATE_RANGES_ONLY',
    });
  });

  test("a connector named in another region than the service's is refused (GCR-VPC-CONNECTOR-REGION)", () => {
    rejects(
      { region: 'europe-west1', vpcAccess: VpcAccess.connector('projects/p/locations/us-central1/connectors/c') },
      /vpcAccess = VpcAccess\.connector\('projects\/p\/locations\/us-central1\/connectors\/c'\): the connector is in us-central1, the workload in europe-west1: a connector serves its own region only \[GCR-VPC-CONNECTOR-REGION\]/,
    );
    // A short name is looked up in the service's region; a region only known at apply is not judged, a project is.
    build({ region: 'europe-west1', vpcAccess: VpcAccess.connector('web-conn') });
    const stack = newStack();
    const region = new TerraformVariable(stack, 'connector_region', { type: 'string' }).stringValue;
    const project = new TerraformVariable(stack, 'project', { type: 'string' }).stringValue;
    new CloudRunService(stack, 'svc', {
      ...BASE,
      vpcAccess: VpcAccess.connector(`projects/p/locations/${region}/connectors/c`),
    });
    rejects(
      { region: 'europe-west1', vpcAccess: VpcAccess.connector(`projects/${project}/locations/us-east1/connectors/c`) },
      /\[GCR-VPC-CONNECTOR-REGION\]/,
    );
  });

  test('ingress, labels, deletion protection and description are written as given', () => {
    const { res } = build({
      ingress: Ingress.INTERNAL_AND_LOAD_BALANCER,
      labels: { team: 'payments' },
      deletionProtection: false,
      description: 'orders',
    });
    assert.equal(res.ingress, 'INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER');
    assert.deepEqual(res.labels, { team: 'payments' });
    assert.equal(res.deletion_protection, false);
    assert.equal(res.description, 'orders');
  });
});

describe('CloudRunService: invokers', () => {
  test('allowUnauthenticated grants run.invoker to allUsers', () => {
    const { json } = build({ allowUnauthenticated: true });
    const member = only(json, 'google_cloud_run_v2_service_iam_member');
    assert.equal(member.member, 'allUsers');
    assert.equal(member.role, 'roles/run.invoker');
    assert.match(member.name, /^\$\{google_cloud_run_v2_service\.\w+\.name\}$/);
    assert.equal(member.location, 'us-central1');
  });

  test('allowUnauthenticated is acknowledged in the policy checks (listed as suppressed, with the reason); other public grants are still reported', () => {
    const stack = newStack();
    const svc = new CloudRunService(stack, 'Api', { ...BASE, allowUnauthenticated: true });
    const publicInvoker = checkStack(stack).filter((f) => f.ruleId === 'GCR-PUBLIC-INVOKER');
    assert.equal(publicInvoker.length, 1);
    assert.match(
      publicInvoker[0].suppressed?.reason ?? '',
      /allowUnauthenticated: true on CloudRunService 'test\/Api'/,
    );
    new CloudRunV2ServiceIamMember(stack, 'Sneaky', {
      name: svc.serviceName,
      location: 'us-central1',
      role: 'roles/run.invoker',
      member: 'allAuthenticatedUsers',
    });
    const unsuppressed = checkStack(stack).filter((f) => f.ruleId === 'GCR-PUBLIC-INVOKER' && !f.suppressed);
    assert.equal(unsuppressed.length, 1);
    assert.equal(unsuppressed[0].level, 'warning');
  });

  test('grantInvoke adds one member per call and refuses bare emails and public members', () => {
    const stack = newStack();
    const svc = new CloudRunService(stack, 'Api', BASE);
    svc.grantInvoke('serviceAccount:caller@p.iam.gserviceaccount.com');
    svc.grantInvoke('group:team@example.com');
    const members = Object.values(resources(synth(stack), 'google_cloud_run_v2_service_iam_member')).map(
      (m) => m.member,
    );
    assert.deepEqual(members.sort(), ['group:team@example.com', 'serviceAccount:caller@p.iam.gserviceaccount.com']);
    assert.throws(
      () => svc.grantInvoke('caller@p.iam.gserviceaccount.com'),
      /grantInvoke\(member\) = 'caller@p\.iam\.gserviceaccount\.com'.*Fix: write 'serviceAccount:caller@p/s,
    );
    assert.throws(() => svc.grantInvoke('allUsers'), /set allowUnauthenticated: true/);
  });

  test('serviceName refers to the resource, so what names the service through it is created after it', () => {
    const stack = newStack();
    const svc = new CloudRunService(stack, 'Api', BASE);
    new TerraformOutput(stack, 'name', { value: svc.serviceName });
    const json = synth(stack);
    const [id, service] = Object.entries(resources(json, 'google_cloud_run_v2_service'))[0];
    assert.equal(service.name, 'api');
    assert.equal(
      (json.output as Record<string, { value: string }>).name.value,
      `\${google_cloud_run_v2_service.${id}.name}`,
    );
  });

  test('the service exposes its name, URI and runtime identity', () => {
    const stack = newStack();
    const svc = new CloudRunService(stack, 'Api', BASE);
    assert.match(svc.serviceName, /TOKEN/);
    assert.equal(svc.region, 'us-central1');
    assert.match(svc.uri, /TOKEN/);
    assert.match(svc.serviceAccountEmail, /TOKEN/);
    assert.equal(svc.resource.terraformResourceType, 'google_cloud_run_v2_service');
  });
});

describe('CloudRunService: values known only at apply time, and unusual input', () => {
  test('a token request timeout is written in seconds form, as the provider requires', () => {
    const stack = newStack();
    const timeout = new TerraformVariable(stack, 'to', { type: 'number' }).numberValue;
    new CloudRunService(stack, 'Api', { ...BASE, requestTimeout: timeout });
    assert.equal(only(synth(stack), 'google_cloud_run_v2_service').template.timeout, '${var.to}s');
  });

  test('token probe timings are skipped, and nothing is derived from a token period', () => {
    const stack = newStack();
    const period = new TerraformVariable(stack, 'period', { type: 'number' }).numberValue;
    const svc = new CloudRunService(stack, 'Api', {
      ...BASE,
      server: Gunicorn.wsgi({ app: 'main:app' }),
      startupProbe: Probe.http({ path: '/', periodSeconds: period }),
    });
    const probe = only(synth(stack), 'google_cloud_run_v2_service').template.containers[0].startup_probe;
    assert.deepEqual(probe, { http_get: { path: '/' }, initial_delay_seconds: 0, period_seconds: '${var.period}' });
    assert.ok(Number.isNaN(svc.startupProbeBudgetSeconds));
  });

  test('a token worker count is rendered as given and its capacity is not judged', () => {
    const stack = newStack();
    const workers = new TerraformVariable(stack, 'workers', { type: 'number' }).numberValue;
    const svc = new CloudRunService(stack, 'Api', { ...BASE, server: Gunicorn.wsgi({ app: 'main:app', workers }) });
    const res = only(synth(stack), 'google_cloud_run_v2_service');
    assert.deepEqual(res.template.containers[0].args.slice(2, 4), ['--workers', '${var.workers}']);
    assert.equal(res.template.max_instance_request_concurrency, 80);
    assert.deepEqual(warnings(svc), []);
  });

  test('an invalid profile is reported once, not judged again by the platform rules', () => {
    const error = rejects({ server: Gunicorn.wsgi({ app: 'main:app', timeout: -1 }) }, /server\.timeout = -1/);
    assert.deepEqual(
      error.problems.map((p) => p.prop),
      ['server.timeout'],
    );
  });

  test('null options from JavaScript callers are reported by prop, never a TypeError', () => {
    rejects(
      { server: Gunicorn.wsgi(null as never) },
      /server = null: expected the options of Gunicorn\.wsgi, got null/,
    );
    const { container } = build({ startupProbe: Probe.http(null as never) });
    assert.deepEqual(container.startup_probe.http_get, { path: '/' });
  });

  test('an HTTP probe path must start with /', () => {
    rejects(
      { startupProbe: Probe.http({ path: '' }) },
      /startupProbe\.path = '': an HTTP probe path must start with \//,
    );
    rejects({ livenessProbe: Probe.http({ path: 'healthz' }) }, /livenessProbe\.path = 'healthz'/);
  });

  test('a fractional CPU with too many decimals gets the right fix', () => {
    rejects(
      { cpu: 0.0805 },
      /0\.0805 is not allowed \[GCR-CPU-VALUE\]\. Fix: use 0\.08 or 0\.081 vCPU \(at most 3 decimals\)/,
    );
  });
});
