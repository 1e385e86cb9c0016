import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { TerraformVariable } from 'cdktf';
import { CloudRunService, Gunicorn, Probe, type Sidecar, Volume, checkStack } from '../../lib';
import { IMAGE, serviceTests } from '../support/cloud-run';
import { newStack, only, resources, synth, warnings } from '../support/synth';

const BASE = { region: 'us-central1', image: IMAGE, maxInstances: 10 };
const { build, rejects } = serviceTests(BASE);
const OTEL: Sidecar = {
  name: 'otel',
  image: 'us-docker.pkg.dev/p/r/otel@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
  cpu: 0.5,
  memory: '256Mi',
  startupProbe: Probe.tcp({ port: 13133 }),
};

describe('CloudRunService sidecars', () => {
  test('a sidecar runs beside the named main container, which alone has the port; billing is the same on both', () => {
    const { containers } = build({
      sidecars: [{ ...OTEL, env: { OTEL_LOG_LEVEL: 'info' }, args: ['--config', '/etc/otel.yaml'] }],
    });
    assert.equal(containers.length, 2);
    assert.equal(containers[0].name, 'app');
    assert.deepEqual(containers[0].ports, { container_port: 8080, name: 'http1' });
    assert.deepEqual(containers[1], {
      name: 'otel',
      image: OTEL.image,
      args: ['--config', '/etc/otel.yaml'],
      env: [{ name: 'OTEL_LOG_LEVEL', value: 'info' }],
      resources: { cpu_idle: true, limits: { cpu: '0.5', memory: '256Mi' } },
      startup_probe: {
        tcp_socket: { port: 13133 },
        initial_delay_seconds: 0,
        period_seconds: 240,
        timeout_seconds: 240,
        failure_threshold: 1,
      },
    });
  });

  test('without sidecars the main container stays unnamed unless containerName names it', () => {
    assert.equal(build().containers[0].name, undefined);
    // Given without sidecars, it is written, not dropped.
    assert.equal(build({ containerName: 'django' }).containers[0].name, 'django');
    const { containers } = build({ containerName: 'web', sidecars: [{ ...OTEL, dependsOn: ['web'] }] });
    assert.equal(containers[0].name, 'web');
    assert.deepEqual(containers[1].depends_on, ['web']);
  });

  test("a sidecar's secrets are granted to the runtime account, and its image is checked for a digest", () => {
    const { json, svc } = build({
      sidecars: [{ name: 'proxy', image: 'nginx:latest', secrets: { TLS_KEY: { secret: 'tls-key' } } }],
    });
    const grants = Object.values(resources(json, 'google_secret_manager_secret_iam_member')).map((g) => g.secret_id);
    assert.deepEqual(grants, ['tls-key']);
    assert.ok(warnings(svc).some((w) => /nginx:latest uses the :latest tag.*GCR-IMAGE-DIGEST/.test(w)));
  });

  test('dependsOn: unknown names and cycles are refused; a depended-on sidecar without a startup probe is a warning', () => {
    rejects(
      { sidecars: [{ ...OTEL, dependsOn: ['db'] }] },
      /sidecars\.0\.dependsOn = \["db"\]: container 'otel' depends on 'db', which is no container of the revision \[GCR-CONTAINER-DEPENDS\]/,
    );
    rejects(
      {
        sidecars: [
          { ...OTEL, name: 'a', dependsOn: ['b'] },
          { ...OTEL, name: 'b', dependsOn: ['a'] },
        ],
      },
      /the containers wait for each other in a cycle \(a → b → a\), so none starts \[GCR-CONTAINER-DEPENDS\]/,
    );
    rejects({ sidecars: [{ ...OTEL, dependsOn: ['otel'] }] }, /container 'otel' depends on itself/);
    const { svc } = build({
      sidecars: [
        { name: 'cache', image: OTEL.image },
        { ...OTEL, dependsOn: ['cache'] },
      ],
    });
    assert.ok(
      warnings(svc).some((w) =>
        /sidecars\.0 = \{ name: 'cache', … \}: container 'otel' waits for 'cache', which has no startup probe.*GCR-CONTAINER-DEPENDS-PROBE/.test(
          w,
        ),
      ),
    );
  });

  test('a sidecar probe must name its port (the sidecar has none)', () => {
    rejects(
      { sidecars: [{ ...OTEL, startupProbe: Probe.http({ path: '/ready' }) }] },
      /sidecars\.0\.startupProbe = Probe\.http\(.*\): the HTTP startup probe of container 'otel' names no port, and the container declares none \[GCR-CONTAINER-PROBE-PORT\]/,
    );
    build({ sidecars: [{ ...OTEL, startupProbe: Probe.http({ path: '/ready', port: 9000 }) }] });
    build({ sidecars: [{ ...OTEL, startupProbe: undefined }] });
  });

  test("a sidecar's startup probe keeps the API's startup probe ranges (it wrote period 500 before)", () => {
    rejects(
      { sidecars: [{ ...OTEL, startupProbe: Probe.tcp({ port: 9000, periodSeconds: 500, timeoutSeconds: 5000 }) }] },
      /sidecars\.0\.startupProbe = Probe\.tcp\(.*\): the startup probe of container 'otel': periodSeconds 500 is outside 1 to 240 seconds \[GCR-SIDECAR-STARTUP-PROBE\]\. Fix: use a period between 1 and 240\n.*timeoutSeconds 5000 is outside 1 to 3600 seconds \[GCR-SIDECAR-STARTUP-PROBE\]/,
    );
    build({
      sidecars: [{ ...OTEL, startupProbe: Probe.tcp({ port: 9000, periodSeconds: 240, timeoutSeconds: 3600 }) }],
    });
  });

  test('at most 10 containers', () => {
    const many = Array.from({ length: 10 }, (_, i): Sidecar => ({ name: `s${i}`, image: OTEL.image, cpu: 0.25 }));
    rejects(
      { sidecars: many },
      /sidecars = \['s0', .*'s9'\] beside 'app': 11 containers: Cloud Run runs at most 10 per instance, the ingress container included \[GCR-CONTAINERS\]/,
    );
    build({ sidecars: many.slice(0, 9), memory: '2Gi', cpu: 4 });
  });

  test('per-sidecar CPU values and the total CPU and memory of the instance', () => {
    rejects(
      { sidecars: [{ ...OTEL, cpu: 3 }] },
      /sidecars\.0\.cpu = 3: container 'otel' asks for 3 vCPU.*\[GCR-CONTAINER-RESOURCES\]/,
    );
    rejects(
      { cpu: 8, memory: '8Gi', sidecars: [{ ...OTEL, cpu: 1 }] },
      /sidecars = .*: the containers ask for 9 vCPU together; an instance has at most 8 \[GCR-CONTAINER-RESOURCES\]/,
    );
    rejects(
      { sidecars: [{ ...OTEL, memory: 'lots' }] },
      /sidecars\.0\.memory = 'lots': container 'otel' has a memory limit that is not a positive quantity/,
    );
    const { svc } = build({ cpu: 1, memory: '4Gi', sidecars: [{ ...OTEL, cpu: 0.5, memory: '1Gi' }] });
    assert.ok(
      warnings(svc).some((w) => /the containers ask for 5Gi of memory together, more than 1\.5 vCPU allow/.test(w)),
      warnings(svc).join('\n'),
    );
  });

  test("the gunicorn memory check leaves the sidecars' memory to them", () => {
    const server = Gunicorn.wsgi({ app: 'main:app', workers: 2, memoryPerWorker: '300Mi' });
    rejects(
      { memory: '512Mi', server, sidecars: [OTEL] },
      /2 workers need 600Mi, more than the 512Mi left of the instance's 768Mi after 256Mi for the sidecar \[GCR-SERVER-MEMORY\]\. Fix: raise memory to at least 600Mi/,
    );
    build({ memory: '1Gi', server, sidecars: [OTEL] });
  });

  test('a volume can be mounted on a sidecar by name; an unknown container is refused', () => {
    const { containers } = build({
      sidecars: [OTEL],
      volumes: [Volume.inMemory({ sizeLimit: '64Mi', container: 'otel', mountPath: '/buffer' })],
    });
    assert.equal(containers[0].volume_mounts, undefined);
    assert.deepEqual(containers[1].volume_mounts, [{ name: 'in-memory', mount_path: '/buffer' }]);
    rejects(
      { volumes: [Volume.inMemory({ sizeLimit: '64Mi', container: 'otle' })], sidecars: [OTEL] },
      /volumes\.0\.container = 'otle': no container is named 'otle' \[GCR-VOLUME-CONTAINER\]\. Fix: name one of 'app', 'otel'/,
    );
  });

  test('misspelt sidecar props are reported by path', () => {
    rejects(
      { sidecars: [{ ...OTEL, dependOn: ['x'] } as never] },
      /sidecars\.0\.dependOn = \["x"\]: 'dependOn' is not a known option\. Fix: did you mean 'dependsOn'\?/,
    );
    rejects({ sidecars: [{ name: 'x' } as never] }, /sidecars\.0\.image = undefined \(not set\)/);
  });

  test('sidecar values given as tokens are written as given', () => {
    const stack = newStack();
    const cpu = new TerraformVariable(stack, 'cpu', { type: 'number' }).numberValue;
    new CloudRunService(stack, 'Api', { ...BASE, sidecars: [{ ...OTEL, cpu }] });
    const res = only(synth(stack), 'google_cloud_run_v2_service');
    assert.equal(res.template.containers[1].resources.limits.cpu, '${var.cpu}');
  });

  test('the checker finds no error in what the construct writes', () => {
    const { stack } = build({ sidecars: [OTEL, { name: 'cache', image: OTEL.image, dependsOn: ['otel'] }] });
    const errors = checkStack(stack).filter((f) => f.status === 'fail' && f.level === 'error');
    assert.deepEqual(errors, []);
  });
});

describe('CloudRunService sidecars running gunicorn', () => {
  test('a sidecar running gunicorn without --preload keeps the startup probe rule: TCP is refused, HTTP passes', () => {
    const api: Sidecar = {
      name: 'admin',
      image: OTEL.image,
      command: ['gunicorn'],
      args: ['--bind', ':9000', 'admin:app'],
      startupProbe: Probe.tcp({ port: 9000 }),
    };
    rejects(
      { sidecars: [api] },
      /sidecars\.0\.startupProbe = Probe\.tcp\(.*\): a sidecar runs gunicorn without --preload, so its TCP startup probe passes as soon as the master binds the port.*\[GCR-SERVER-STARTUP-PROBE\]/,
    );
    build({ sidecars: [{ ...api, startupProbe: Probe.http({ path: '/', port: 9000 }) }] });
    build({ sidecars: [{ ...api, args: ['--bind', ':9000', '--preload', 'admin:app'] }] });
  });
});

describe('CloudRunService container names', () => {
  test('sidecar and main container names are DNS labels', () => {
    rejects(
      { sidecars: [{ ...OTEL, name: 'Otel_Collector' }] },
      /sidecars\.0 = \{ name: 'Otel_Collector', … \}: container name 'Otel_Collector' is not a DNS label.*\[GCR-CONTAINERS\]\. Fix: use e\.g\. 'otel-collector'/,
    );
    rejects(
      { containerName: 'web-', sidecars: [OTEL] },
      /containerName = 'web-': container name 'web-' is not a DNS label/,
    );
  });
});
