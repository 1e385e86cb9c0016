/**
 * What `cloudRunFacts` reads from raw Cloud Run resources (v2 services, jobs, worker pools, v1 services), written as
 * cdktf writes them (blocks as objects) and as HCL converters do (blocks as lists): each fact, the attribute it is read
 * from, and the facts marked unknown when a value is only known at apply.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { cloudRunFacts, ingressContainer } from '../../../lib/checks/facts/cloud-run';
import { TerraformModel } from '../../../lib/checks/model';
import { DIGEST, type Json, mutated, v1Service, v2Job, v2Service, workerPool } from '../fixtures';
import { asBlockLists } from '../shapes';
import { declared, unknownOf, written } from './read';

const V2 = 'google_cloud_run_v2_service';
const V1 = 'google_cloud_run_service';
const JOB = 'google_cloud_run_v2_job';
const POOL = 'google_cloud_run_v2_worker_pool';

/** The facts of a resource of `type` with `body`, read with the configuration's model (or without one). */
function factsOf(type: string, body: Json, withModel = true, extra: Record<string, Record<string, Json>> = {}) {
  const { r, model } = declared(type, body, extra);
  return cloudRunFacts(r, withModel ? model : undefined);
}

/** A v2 service whose ingress container is changed by `change`. */
const service = (change: (c: Json, b: Json) => void) =>
  factsOf(
    V2,
    mutated(v2Service, (b) => change(b.template.containers[0], b)),
  );

describe('ingressContainer', () => {
  test('the container that declares ports, else the first; none in an empty list', () => {
    assert.equal(ingressContainer([]), undefined);
    const a = { image: 'a' };
    const b = { image: 'b', ports: { container_port: 8080 } };
    assert.deepEqual(ingressContainer([a, b]), { container: b, index: 1 });
    assert.deepEqual(ingressContainer([a, { image: 'c' }]), { container: a, index: 0 });
    // `ports = null` is not written.
    assert.deepEqual(ingressContainer([a, { image: 'c', ports: null }]), { container: a, index: 0 });
  });
});

describe('a v2 service', () => {
  test('every fact of the compliant service, the same in object form and in list form', () => {
    const set = factsOf(V2, v2Service());
    const f = set.facts;
    assert.equal(f.workload, 'service');
    assert.equal(f.name, 'api');
    assert.equal(f.region, 'europe-west1');
    assert.equal(f.image, DIGEST);
    assert.equal(f.cpu, 1);
    assert.equal(f.memoryMiB, 512);
    assert.equal(f.cpuIdle, true);
    assert.equal(f.resourcesWritten, true);
    assert.equal(f.containerPort, 8080);
    assert.equal(f.concurrency, 8);
    assert.equal(f.maxInstances, 5);
    assert.equal(f.minInstances, undefined);
    assert.equal(f.timeoutSeconds, 300);
    assert.equal(f.executionEnvironment, 'GEN2');
    assert.equal(f.ingress, 'internal-and-load-balancer');
    assert.deepEqual(f.serviceAccount, { email: 'api@p.iam.gserviceaccount.com', isDefault: false });
    assert.deepEqual(written(f.startupProbe), {
      kind: 'http',
      periodSeconds: 10,
      failureThreshold: 3,
      path: '/healthz',
    });
    assert.deepEqual(written(f.livenessProbe), { kind: 'http', path: '/healthz' });
    assert.deepEqual(f.env, [{ name: 'MODE', value: 'prod', valueLength: 4 }]);
    assert.equal(f.server?.workers, 4);
    assert.equal(f.server?.threads, 2);
    assert.equal(f.server?.timeout, 0);
    assert.equal(f.server?.preload, true);
    assert.equal(f.webServer, 'gunicorn');
    assert.equal(f.worker, undefined);
    assert.equal(f.sidecarImages, undefined);
    assert.equal(f.containers?.length, 1);
    assert.deepEqual(unknownOf(set), []);
    assert.deepEqual(factsOf(V2, asBlockLists(v2Service())).facts, f);
  });

  test('the attribute of each fact, at the ingress container', () => {
    const at = factsOf(V2, v2Service()).attributes!;
    assert.equal(at.cpu, 'template.containers[0].resources.limits.cpu');
    assert.equal(at.cpuIdle, 'template.containers[0].resources.cpu_idle');
    assert.equal(at.labels, 'labels');
    assert.equal(at.gpuType, 'template.node_selector.accelerator');
    assert.equal(at.ingress, 'ingress');
    assert.equal(at.serviceAccount, 'template.service_account');
    assert.equal(at.executionEnvironment, 'template.execution_environment');
    assert.equal(at.concurrency, 'template.max_instance_request_concurrency');
    assert.equal(at.minInstances, 'template.scaling.min_instance_count');
    assert.equal(at.maxInstances, 'template.scaling.max_instance_count');
    assert.equal(at.timeoutSeconds, 'template.timeout');
    assert.equal(at['job.taskCount'], undefined);
    // A sidecar first: the ingress container is the second, and its facts are read there.
    const second = factsOf(
      V2,
      mutated(v2Service, (b) => b.template.containers.unshift({ image: DIGEST, name: 'proxy' })),
    );
    assert.equal(second.attributes!.cpu, 'template.containers[1].resources.limits.cpu');
    assert.equal(second.facts.cpu, 1);
    assert.equal(second.facts.image, DIGEST);
  });

  test('resources: written or not, quantities parsed, malformed as NaN, a token unknown on its own', () => {
    const none = service((c) => delete c.resources).facts;
    assert.equal(none.resourcesWritten, false);
    assert.equal(none.cpu, undefined);
    assert.equal(none.cpuIdle, undefined);
    const unknownResources = service((c) => (c.resources = '${var.resources}'));
    assert.equal(unknownResources.facts.resourcesWritten, undefined);
    assert.ok(unknownResources.unknown.has('resourcesWritten'));
    assert.ok(unknownResources.unknown.has('cpu'));
    const parsed = service((c) => {
      c.resources.limits = { cpu: '2000m', memory: '1Gi', 'nvidia.com/gpu': '1' };
      c.resources.cpu_idle = 'false';
    }).facts;
    assert.equal(parsed.cpu, 2);
    assert.equal(parsed.memoryMiB, 1024);
    assert.equal(parsed.gpuCount, 1);
    assert.equal(parsed.cpuIdle, false);
    const malformed = service((c) => (c.resources.limits = { cpu: 'lots', memory: 'big' })).facts;
    assert.ok(Number.isNaN(malformed.cpu));
    assert.ok(Number.isNaN(malformed.memoryMiB));
    const token = service((c) => (c.resources.limits.cpu = '${var.cpu}'));
    assert.deepEqual(unknownOf(token), ['containers.0.cpu', 'cpu']);
    assert.equal(token.facts.cpu, undefined);
    assert.equal(token.facts.memoryMiB, 512);
    const memoryToken = service((c) => (c.resources.limits.memory = '${var.memory}'));
    assert.deepEqual(unknownOf(memoryToken), ['containers.0.memoryMiB', 'memoryMiB']);
    assert.equal(memoryToken.facts.cpu, 1);
  });

  test('ports: name and container port', () => {
    const f = service((c) => (c.ports = [{ name: 'h2c', container_port: '9000' }])).facts;
    assert.equal(f.portName, 'h2c');
    assert.equal(f.containerPort, 9000);
  });

  test('the execution environment: either generation in any case, anything else unset, a token unknown', () => {
    const env = (value: Json) =>
      factsOf(
        V2,
        mutated(v2Service, (b) => (b.template.execution_environment = value)),
      );
    assert.equal(env('EXECUTION_ENVIRONMENT_GEN1').facts.executionEnvironment, 'GEN1');
    assert.equal(env('execution_environment_gen2').facts.executionEnvironment, 'GEN2');
    assert.equal(env('EXECUTION_ENVIRONMENT_UNSPECIFIED').facts.executionEnvironment, undefined);
    assert.equal(env(2).facts.executionEnvironment, undefined);
    const token = env('${var.gen}');
    assert.equal(token.facts.executionEnvironment, undefined);
    assert.deepEqual(unknownOf(token), ['executionEnvironment']);
  });

  test('concurrency 0 means the platform default (unset); 1 is kept', () => {
    const concurrency = (n: number) =>
      factsOf(
        V2,
        mutated(v2Service, (b) => (b.template.max_instance_request_concurrency = n)),
      ).facts.concurrency;
    assert.equal(concurrency(0), undefined);
    assert.equal(concurrency(1), 1);
  });

  test('the revision scaling and timeout; a token in one marks only that fact', () => {
    const f = factsOf(
      V2,
      mutated(v2Service, (b) => {
        b.template.scaling = { min_instance_count: 1, max_instance_count: 7 };
        b.template.timeout = '3600s';
      }),
    ).facts;
    assert.equal(f.minInstances, 1);
    assert.equal(f.maxInstances, 7);
    assert.equal(f.timeoutSeconds, 3600);
    assert.ok(
      Number.isNaN(
        factsOf(
          V2,
          mutated(v2Service, (b) => (b.template.timeout = '1h')),
        ).facts.timeoutSeconds,
      ),
    );
    const token = factsOf(
      V2,
      mutated(v2Service, (b) => (b.template.timeout = '${var.timeout}')),
    );
    assert.deepEqual(unknownOf(token), ['timeoutSeconds']);
  });

  test('ingress: read from the service, a token unknown', () => {
    const ingress = (value: Json) =>
      factsOf(
        V2,
        mutated(v2Service, (b) => (b.ingress = value)),
      );
    assert.equal(ingress('INGRESS_TRAFFIC_INTERNAL_ONLY').facts.ingress, 'internal');
    assert.equal(ingress(undefined).facts.ingress, 'all');
    const token = ingress('${var.ingress}');
    assert.equal(token.facts.ingress, undefined);
    assert.deepEqual(unknownOf(token), ['ingress']);
  });

  test('labels: the known pairs; a label map written as a token or a list is unknown', () => {
    const labels = (value: Json) =>
      factsOf(
        V2,
        mutated(v2Service, (b) => (b.labels = value)),
      );
    assert.deepEqual(labels({ team: 'web', '${var.k}': 'x', env: '${var.env}', n: 1 }).facts.labels, { team: 'web' });
    assert.equal(labels({ '${var.k}': 'x' }).facts.labels, undefined);
    assert.deepEqual(unknownOf(labels({ '${var.k}': 'x' })), []);
    for (const value of ['${var.labels}', ['team']]) {
      const set = labels(value);
      assert.equal(set.facts.labels, undefined);
      assert.deepEqual(unknownOf(set), ['labels']);
    }
  });

  test('the GPU type from the node selector, in both block forms', () => {
    const gpu = (selector: Json) =>
      factsOf(
        V2,
        mutated(v2Service, (b) => (b.template.node_selector = selector)),
      ).facts.gpuType;
    assert.equal(gpu({ accelerator: 'nvidia-l4' }), 'nvidia-l4');
    assert.equal(gpu([{ accelerator: 'nvidia-l4' }]), 'nvidia-l4');
    assert.equal(gpu({ 'run.googleapis.com/accelerator': 'nvidia-l4' }), undefined);
  });

  test('who it runs as: unset is the default account, a reference to an account of its own is dedicated', () => {
    assert.deepEqual(
      factsOf(
        V2,
        mutated(v2Service, (b) => delete b.template.service_account),
      ).facts.serviceAccount,
      { isDefault: true },
    );
    const referenced = mutated(v2Service, (b) => (b.template.service_account = '${google_service_account.run.email}'));
    const extra = { google_service_account: { run: { account_id: 'run' } } };
    assert.deepEqual(factsOf(V2, referenced, true, extra).facts.serviceAccount, { isDefault: false });
    // Without the model the reference cannot be followed.
    const alone = factsOf(V2, referenced, false, extra);
    assert.equal(alone.facts.serviceAccount, undefined);
    assert.deepEqual(unknownOf(alone), ['serviceAccount']);
  });
});

describe('probes', () => {
  test('the kind: http, grpc, else tcp', () => {
    assert.equal(service((c) => (c.startup_probe = { grpc: { port: 8080 } })).facts.startupProbe?.kind, 'grpc');
    assert.equal(service((c) => (c.startup_probe = { tcp_socket: { port: 8080 } })).facts.startupProbe?.kind, 'tcp');
    assert.equal(service((c) => (c.startup_probe = { period_seconds: 5 })).facts.startupProbe?.kind, 'tcp');
    assert.equal(service((c) => delete c.startup_probe).facts.startupProbe, undefined);
  });

  test('every timing, read from its own attribute', () => {
    const f = service(
      (c) =>
        (c.startup_probe = {
          tcp_socket: {},
          initial_delay_seconds: 1,
          period_seconds: 2,
          timeout_seconds: 3,
          failure_threshold: '4',
        }),
    ).facts;
    assert.deepEqual(written(f.startupProbe), {
      kind: 'tcp',
      initialDelaySeconds: 1,
      periodSeconds: 2,
      timeoutSeconds: 3,
      failureThreshold: 4,
    });
  });

  test('a timing or the path only known at apply marks that value unknown where it is written, not the probe', () => {
    for (const [attribute, name] of [
      ['initial_delay_seconds', 'initialDelaySeconds'],
      ['period_seconds', 'periodSeconds'],
      ['timeout_seconds', 'timeoutSeconds'],
      ['failure_threshold', 'failureThreshold'],
    ]) {
      const set = service((c) => (c.liveness_probe[attribute] = '${var.t}'));
      assert.deepEqual(unknownOf(set), [`livenessProbe.${name}`], attribute);
      assert.equal(
        set.attributes![`livenessProbe.${name}`],
        `template.containers[0].liveness_probe.${attribute}`,
        attribute,
      );
      assert.deepEqual(written(set.facts.livenessProbe), { kind: 'http', path: '/healthz' }, attribute);
    }
    const path = service((c) => (c.startup_probe.http_get.path = '${var.path}'));
    assert.deepEqual(unknownOf(path), ['startupProbe.path']);
    assert.equal(path.attributes!['startupProbe.path'], 'template.containers[0].startup_probe.http_get.path');
    assert.deepEqual(written(path.facts.startupProbe), { kind: 'http', periodSeconds: 10, failureThreshold: 3 });
  });

  test('a probe whose kind or block is a token is unknown as a whole', () => {
    for (const key of ['http_get', 'tcp_socket', 'grpc']) {
      const set = service((c) => (c.startup_probe[key] = '${var.probe}'));
      assert.equal(set.facts.startupProbe, undefined, key);
      assert.ok(set.unknown.has('startupProbe'), key);
    }
    const whole = service((c) => (c.startup_probe = '${var.probe}'));
    assert.ok(whole.unknown.has('startupProbe'));
  });

  test("a sidecar's probe with a token in it is unknown as a whole (containers.<i>.startupProbe)", () => {
    const sidecar = (probe: Json) =>
      service((_, b) => b.template.containers.push({ name: 'proxy', image: DIGEST, startup_probe: probe }));
    const known = sidecar({ tcp_socket: { port: 8081 }, period_seconds: 1 });
    assert.deepEqual(written(known.facts.containers?.[1].startupProbe), { kind: 'tcp', periodSeconds: 1 });
    for (const probe of [
      { tcp_socket: { port: 8081 }, period_seconds: '${var.p}' },
      { http_get: { path: '${var.p}' } },
    ]) {
      const set = sidecar(probe);
      assert.equal(set.facts.containers?.[1].startupProbe, undefined, JSON.stringify(probe));
      assert.deepEqual(unknownOf(set), ['containers.1.startupProbe'], JSON.stringify(probe));
    }
  });
});

describe('the command line', () => {
  const command = (cmd: Json, args: Json, withModel = true) =>
    factsOf(
      V2,
      mutated(v2Service, (b) => {
        b.template.containers[0].command = cmd;
        b.template.containers[0].args = args;
      }),
      withModel,
    );

  test('command and args are read together, either alone, as a list or a single word', () => {
    const both = command(['gunicorn', '-w', '3'], ['main:app']).facts;
    assert.equal(both.server?.workers, 3);
    const argsOnly = command(undefined, ['gunicorn', '-w', '3', 'main:app']).facts;
    assert.equal(argsOnly.server?.workers, 3);
    const commandOnly = command(['gunicorn', '-w', '3', 'main:app'], null).facts;
    assert.equal(commandOnly.server?.workers, 3);
    const word = command('gunicorn', ['-w', '5', 'main:app']).facts;
    assert.equal(word.server?.workers, 5);
    assert.deepEqual(command(['gunicorn', '-w', '3'], ['main:app'], false).facts.server, both.server);
  });

  test("a finding about gunicorn's flags points at args when args is written, else at command", () => {
    const at = (cmd: Json, args: Json) => command(cmd, args).attributes!.server;
    assert.equal(at(['gunicorn'], ['--timeout', '30', 'main:app']), 'template.containers[0].args');
    assert.equal(at(undefined, ['gunicorn', '--timeout', '30', 'main:app']), 'template.containers[0].args');
    assert.equal(at(['gunicorn', '--timeout', '30', 'main:app'], null), 'template.containers[0].command');
    assert.equal(at(['gunicorn', '--timeout', '30', 'main:app'], undefined), 'template.containers[0].command');
    // A Celery worker's flags too.
    const celery = command(['celery'], ['-A', 'proj', 'worker', '--concurrency', '$C']);
    assert.equal(celery.attributes!['worker.concurrency'], 'template.containers[0].args');
  });

  test('no command: no server, no web server, no worker, nothing unknown', () => {
    const set = command(undefined, undefined);
    assert.equal(set.facts.server, undefined);
    assert.equal(set.facts.webServer, undefined);
    assert.equal(set.facts.worker, undefined);
    assert.deepEqual(unknownOf(set), []);
  });

  test('a token anywhere in the command line makes the server, the web server and the worker unknown', () => {
    for (const [cmd, args] of [
      ['${var.command}', undefined],
      [['gunicorn'], ['-w', '${var.w}']],
      [['gunicorn'], ['-w', 3]],
      [undefined, { workers: 3 }],
    ]) {
      const set = command(cmd, args);
      assert.equal(set.facts.server, undefined, JSON.stringify([cmd, args]));
      assert.deepEqual(unknownOf(set), ['server', 'webServer', 'worker'], JSON.stringify([cmd, args]));
    }
  });

  test('a web server other than gunicorn, and a Celery worker, are read without a server', () => {
    const uvicorn = command(['uvicorn', 'main:app'], undefined).facts;
    assert.equal(uvicorn.webServer, 'uvicorn');
    assert.equal(uvicorn.server, undefined);
    const celery = command(['celery', '-A', 'proj', 'worker', '--concurrency', '2'], undefined);
    assert.equal(celery.facts.server, undefined);
    assert.equal(celery.facts.worker?.concurrency, 2);
    assert.equal(celery.facts.worker?.pool, 'prefork');
    const python = command(['python', 'main.py'], undefined);
    assert.equal(python.facts.webServer, undefined);
    assert.equal(python.facts.worker, undefined);
  });

  test("a Celery setting written as a variable is unknown at the container's command", () => {
    const set = command(['celery', '-A', 'proj', 'worker', '--concurrency', '$CONCURRENCY'], undefined);
    assert.deepEqual(unknownOf(set), ['worker.concurrency']);
    assert.equal(set.attributes!['worker.concurrency'], 'template.containers[0].command');
    assert.equal(set.facts.worker?.concurrency, undefined);
  });

  test('gunicorn with a config file: the server is unknown, the web server still gunicorn', () => {
    const set = command(['gunicorn', '-c', 'gunicorn.conf.py', 'main:app'], undefined);
    assert.equal(set.facts.server, undefined);
    assert.equal(set.facts.webServer, 'gunicorn');
    assert.deepEqual(unknownOf(set), ['server']);
  });

  test('WEB_CONCURRENCY sets the workers only when the command line does not', () => {
    const env = (args: string[], value: string) =>
      factsOf(
        V2,
        mutated(v2Service, (b) => {
          b.template.containers[0].args = args;
          b.template.containers[0].env = [{ name: 'WEB_CONCURRENCY', value }];
        }),
      );
    assert.equal(env(['main:app'], '3').facts.server?.workers, 3);
    assert.equal(env(['-w', '2', 'main:app'], '3').facts.server?.workers, 2);
    const unreadable = env(['main:app'], '${var.w}');
    assert.deepEqual(unknownOf(unreadable), ['server.workers']);
    assert.equal(unreadable.attributes!['server.workers'], 'template.containers[0].env[0].value');
  });
});

describe('the environment', () => {
  const env = (list: Json, v1 = false) =>
    v1
      ? factsOf(
          V1,
          mutated(v1Service, (b) => (b.template.spec.containers[0].env = list)),
        )
      : service((c) => (c.env = list));

  test('plain values with their length; a value filled from a reference; a value not written', () => {
    assert.deepEqual(
      env([
        { name: 'A', value: 'abc' },
        { name: 'B', value: '${var.b}' },
        { name: 'C' },
        { name: 'D', value: 5 },
        { name: 'E', value: '' },
        { name: 'F', value: null },
      ]).facts.env,
      [
        { name: 'A', value: 'abc', valueLength: 3 },
        { name: 'B', valueFromReference: true },
        { name: 'C', value: undefined, valueLength: undefined },
        { name: 'D', valueFromReference: true },
        { name: 'E', value: '', valueLength: 0 },
        { name: 'F', value: undefined, valueLength: undefined },
      ],
    );
  });

  test('an empty list is unset; a name that is not a string is skipped; a token name makes env unknown', () => {
    assert.equal(env([]).facts.env, undefined);
    assert.deepEqual(env([{ value: 'x' }, { name: 'A', value: 'x' }]).facts.env, [
      { name: 'A', value: 'x', valueLength: 1 },
    ]);
    const token = env([{ name: '${var.n}', value: 'x' }]);
    assert.equal(token.facts.env, undefined);
    assert.ok(token.unknown.has('env'));
    const list = env('${var.env}');
    assert.ok(list.unknown.has('env'));
  });

  test('secret references: v2 value_source (secret, version), v1 value_from (name, key)', () => {
    assert.deepEqual(
      env([{ name: 'S', value_source: { secret_key_ref: { secret: 'db', version: 'latest' } } }]).facts.env,
      [{ name: 'S', secret: 'db', secretVersion: 'latest' }],
    );
    assert.deepEqual(env([{ name: 'S', value_from: { secret_key_ref: { name: 'db', key: '2' } } }], true).facts.env, [
      { name: 'S', secret: 'db', secretVersion: '2' },
    ]);
    // v1's block is not v2's, and the reverse.
    assert.deepEqual(env([{ name: 'S', value_from: { secret_key_ref: { name: 'db' } } }]).facts.env, [
      { name: 'S', value: undefined, valueLength: undefined },
    ]);
    assert.deepEqual(
      env([{ name: 'S', value_source: [{ secret_key_ref: [{ secret: '${var.s}', version: '${var.v}' }] }] }]).facts.env,
      [{ name: 'S', secret: undefined, secretVersion: undefined }],
    );
    // A reference block only known at apply: the value is judged as written (not there).
    assert.deepEqual(env([{ name: 'S', value_source: { secret_key_ref: '${var.ref}' } }]).facts.env, [
      { name: 'S', value: undefined, valueLength: undefined },
    ]);
  });
});

describe('sidecars', () => {
  const withSidecars = (...sidecars: Json[]) => service((_, b) => b.template.containers.push(...sidecars));

  test('images, environments and servers of the other containers, numbered without the ingress one', () => {
    const set = service((c, b) => {
      b.template.containers.unshift({ name: 'first', image: 'a', env: [{ name: 'X', value: 'y' }] });
      b.template.containers.push({ name: 'last', image: 'b', command: ['gunicorn', '-w', '2', 'side:app'] });
      void c;
    });
    assert.deepEqual(set.facts.sidecarImages, ['a', 'b']);
    assert.deepEqual(set.facts.sidecarEnv, [[{ name: 'X', value: 'y', valueLength: 1 }], undefined]);
    assert.equal(set.facts.sidecarServers?.[0], undefined);
    assert.equal(set.facts.sidecarServers?.[1]?.server.workers, 2);
    assert.equal(set.facts.sidecarServers?.[1]?.startupProbe, undefined);
    assert.equal(set.attributes!['sidecarImages.0'], 'template.containers[0].image');
    assert.equal(set.attributes!['sidecarImages.1'], 'template.containers[2].image');
    assert.equal(set.attributes!['sidecarEnv.1'], 'template.containers[2].env');
    assert.equal(set.attributes!['sidecarServers.1'], 'template.containers[2].command');
    assert.deepEqual(unknownOf(set), []);
  });

  test('one container: no sidecar facts', () => {
    const f = service(() => undefined).facts;
    assert.equal(f.sidecarImages, undefined);
    assert.equal(f.sidecarEnv, undefined);
    assert.equal(f.sidecarServers, undefined);
  });

  test('an image or environment only known at apply is unknown at its own sidecar', () => {
    const set = withSidecars({ image: '${var.image}', env: '${var.env}' }, { image: 'ok' });
    assert.deepEqual(set.facts.sidecarImages, [undefined, 'ok']);
    assert.deepEqual(set.facts.sidecarEnv, [undefined, undefined]);
    assert.deepEqual(unknownOf(set), ['sidecarEnv.0', 'sidecarImages.0']);
    assert.equal(set.attributes!['sidecarImages.0'], 'template.containers[1].image');
    assert.equal(set.attributes!['sidecarEnv.0'], 'template.containers[1].env');
  });

  test('a sidecar server is read only from a command line naming gunicorn', () => {
    // A collector's config in a variable is no server of unknown kind.
    const collector = withSidecars({ image: 'otel', args: ['--config=${var.config}'] });
    assert.deepEqual(collector.facts.sidecarServers, [undefined]);
    assert.deepEqual(unknownOf(collector), []);
    const named = withSidecars({ image: 'app', command: 'gunicorn', args: ['-w', '2', 'side:app'] });
    assert.equal(named.facts.sidecarServers?.[0]?.server.workers, 2);
    const inArgs = withSidecars({ image: 'app', args: ['gunicorn', '-w', '2', 'side:app'] });
    assert.equal(inArgs.facts.sidecarServers?.[0]?.server.workers, 2);
    // Named, but not run: no server.
    const notServer = withSidecars({ image: 'app', command: ['/bin/gunicorn-wrapper'] });
    assert.deepEqual(notServer.facts.sidecarServers, [undefined]);
  });

  test('a sidecar server with its startup probe; unknown when its command or probe is', () => {
    const probed = withSidecars({
      image: 'app',
      args: ['gunicorn', 'side:app'],
      startup_probe: { tcp_socket: { port: 8081 } },
    });
    assert.deepEqual(written(probed.facts.sidecarServers?.[0]?.startupProbe), { kind: 'tcp' });
    for (const sidecar of [
      { image: 'app', args: ['gunicorn', '-w', '${var.w}', 'side:app'] },
      { image: 'app', args: ['gunicorn', 'side:app'], startup_probe: { tcp_socket: '${var.socket}' } },
    ]) {
      const set = withSidecars(sidecar);
      assert.deepEqual(set.facts.sidecarServers, [undefined], JSON.stringify(sidecar));
      assert.ok(set.unknown.has('sidecarServers.0'), JSON.stringify(sidecar));
      assert.equal(set.attributes!['sidecarServers.0'], 'template.containers[1].command');
    }
  });
});

describe('a template or container list only known at apply', () => {
  test('the template: every template fact unknown at `template`, the top-level facts still read', () => {
    const set = factsOf(
      V2,
      mutated(v2Service, (b) => (b.template = '${var.template}')),
    );
    for (const fact of ['image', 'cpu', 'server', 'concurrency', 'maxInstances', 'serviceAccount', 'volumes'])
      assert.ok(set.unknown.has(fact), fact);
    assert.equal(set.attributes!.cpu, 'template');
    assert.ok(!set.unknown.has('ingress'));
    assert.equal(set.facts.name, 'api');
    assert.equal(set.facts.ingress, 'internal-and-load-balancer');
    assert.equal(set.facts.concurrency, undefined);
  });

  test('the containers: the container facts unknown at `template.containers`, the revision still read', () => {
    const set = factsOf(
      V2,
      mutated(v2Service, (b) => (b.template.containers = '${var.containers}')),
    );
    for (const fact of ['image', 'cpu', 'server', 'env', 'sidecarImages', 'sidecarServers', 'containers'])
      assert.ok(set.unknown.has(fact), fact);
    assert.equal(set.attributes!.image, 'template.containers');
    assert.equal(set.facts.concurrency, 8);
    assert.ok(!set.unknown.has('concurrency'));
  });

  test('no template at all: the default account, no container facts, nothing unknown', () => {
    const set = factsOf(
      V2,
      mutated(v2Service, (b) => delete b.template),
    );
    assert.deepEqual(set.facts.serviceAccount, { isDefault: true });
    assert.equal(set.facts.image, undefined);
    assert.deepEqual(unknownOf(set), []);
    const v1 = factsOf(
      V1,
      mutated(v1Service, (b) => delete b.template),
    );
    assert.deepEqual(v1.facts.serviceAccount, { isDefault: true });
    assert.deepEqual(unknownOf(v1), []);
  });

  test('no containers at all: no container facts, nothing unknown', () => {
    const set = factsOf(
      V2,
      mutated(v2Service, (b) => (b.template.containers = [])),
    );
    assert.equal(set.facts.image, undefined);
    assert.equal(set.facts.containers, undefined);
    assert.deepEqual(unknownOf(set), []);
  });
});

describe('service-level scaling (v2 services and worker pools)', () => {
  const top = (scaling: Json, template?: Json) =>
    factsOf(
      V2,
      mutated(v2Service, (b) => {
        b.scaling = scaling;
        b.template.scaling = template;
      }),
    );

  test('the mode and manual count; an unknown mode name is unset, a token unknown', () => {
    const manual = top({ scaling_mode: 'MANUAL', manual_instance_count: 2 }).facts;
    assert.equal(manual.scalingMode, 'MANUAL');
    assert.equal(manual.manualInstances, 2);
    assert.equal(top({ scaling_mode: 'AUTOMATIC' }).facts.scalingMode, 'AUTOMATIC');
    assert.equal(top({ scaling_mode: 'automatic' }).facts.scalingMode, undefined);
    assert.equal(top(undefined).facts.scalingMode, undefined);
    const token = top({ scaling_mode: '${var.mode}' });
    assert.equal(token.facts.scalingMode, undefined);
    assert.deepEqual(unknownOf(token), ['scalingMode']);
  });

  test("the service's max fills the revision's when it has none; its min is a fact of its own", () => {
    const set = top({ min_instance_count: 2, max_instance_count: 9 });
    assert.equal(set.facts.maxInstances, 9);
    assert.equal(set.attributes!.maxInstances, 'scaling.max_instance_count');
    assert.equal(set.facts.minInstances, undefined);
    assert.equal(set.facts.serviceMinInstances, 2);
    // The revision's own max wins.
    const both = top({ max_instance_count: 9 }, { max_instance_count: 3 });
    assert.equal(both.facts.maxInstances, 3);
    assert.equal(both.attributes!.maxInstances, 'template.scaling.max_instance_count');
    // A revision max only known at apply stays unknown.
    const token = top({ max_instance_count: 9 }, { max_instance_count: '${var.max}' });
    assert.equal(token.facts.maxInstances, undefined);
    assert.deepEqual(unknownOf(token), ['maxInstances']);
    assert.equal(token.attributes!.maxInstances, 'template.scaling.max_instance_count');
    // A service max only known at apply is unknown where it is written.
    const topToken = top({ max_instance_count: '${var.max}' });
    assert.deepEqual(unknownOf(topToken), ['maxInstances']);
    assert.equal(topToken.attributes!.maxInstances, 'scaling.max_instance_count');
    // No service scaling: the revision's attribute.
    assert.equal(top(undefined).attributes!.maxInstances, 'template.scaling.max_instance_count');
  });

  test('a worker pool: manual unless written, its bounds at the pool scaling block, always gen2', () => {
    const pool = factsOf(POOL, workerPool());
    assert.equal(pool.facts.workload, 'worker-pool');
    assert.equal(pool.facts.scalingMode, 'AUTOMATIC');
    assert.equal(pool.facts.maxInstances, 3);
    assert.equal(pool.facts.executionEnvironment, 'GEN2');
    assert.equal(pool.attributes!.maxInstances, 'scaling.max_instance_count');
    assert.equal(pool.attributes!.minInstances, 'scaling.min_instance_count');
    const manual = factsOf(
      POOL,
      mutated(workerPool, (b) => (b.scaling = { manual_instance_count: 1, min_instance_count: 1 })),
    ).facts;
    assert.equal(manual.scalingMode, 'MANUAL');
    assert.equal(manual.manualInstances, 1);
    assert.equal(manual.minInstances, 1);
    assert.equal(manual.serviceMinInstances, undefined);
    assert.equal(manual.traffic, undefined);
  });
});

describe('a v2 job', () => {
  test('its task template and its job facts', () => {
    const set = factsOf(
      JOB,
      mutated(v2Job, (b) => {
        b.template.task_count = 4;
        b.template.parallelism = 2;
        b.template.template.max_retries = 0;
        b.template.template.timeout = '1800s';
        b.template.template.execution_environment = 'EXECUTION_ENVIRONMENT_GEN1';
      }),
    );
    const f = set.facts;
    assert.equal(f.workload, 'job');
    assert.equal(f.image, DIGEST);
    assert.deepEqual(f.job, { taskCount: 4, parallelism: 2, maxRetries: 0, timeoutSeconds: 1800 });
    assert.equal(f.executionEnvironment, 'GEN1');
    assert.equal(f.serviceAccount?.isDefault, false);
    assert.equal(set.attributes!.cpu, 'template.template.containers[0].resources.limits.cpu');
    assert.equal(set.attributes!['job.taskCount'], 'template.task_count');
    assert.equal(set.attributes!['job.parallelism'], 'template.parallelism');
    assert.equal(set.attributes!['job.maxRetries'], 'template.template.max_retries');
    assert.equal(set.attributes!['job.timeoutSeconds'], 'template.template.timeout');
    assert.equal(set.attributes!.minInstances, 'template.scaling.min_instance_count');
    assert.deepEqual(unknownOf(set), []);
    // Only a service has traffic and a service-level minimum.
    const routed = factsOf(
      JOB,
      mutated(v2Job, (b) => {
        b.traffic = [{ percent: 100 }];
        b.scaling = { min_instance_count: 1 };
      }),
    ).facts;
    assert.equal(routed.traffic, undefined);
    assert.equal(routed.serviceMinInstances, undefined);
    assert.deepEqual(factsOf(JOB, v2Job()).facts.job, {
      taskCount: undefined,
      parallelism: undefined,
      maxRetries: undefined,
      timeoutSeconds: undefined,
    });
  });

  test('a task template only known at apply: its facts unknown, the job counts still read', () => {
    const set = factsOf(
      JOB,
      mutated(v2Job, (b) => {
        b.template.task_count = 4;
        b.template.template = '${var.task}';
      }),
    );
    assert.equal(set.facts.job?.taskCount, 4);
    assert.ok(set.unknown.has('job.maxRetries'));
    assert.ok(set.unknown.has('job.timeoutSeconds'));
    assert.ok(set.unknown.has('image'));
    assert.ok(set.unknown.has('executionEnvironment'));
    assert.equal(set.attributes!.executionEnvironment, 'template.template');
    assert.equal(set.facts.executionEnvironment, undefined);
    const outer = factsOf(
      JOB,
      mutated(v2Job, (b) => (b.template = '${var.template}')),
    );
    assert.ok(outer.unknown.has('job.taskCount'));
    assert.ok(outer.unknown.has('image'));
  });
});

describe('a v1 service', () => {
  const v1 = (change: (b: Json) => void) => factsOf(V1, mutated(v1Service, change));

  test('every fact from spec and annotations, at their v1 attributes', () => {
    const set = v1((b) => {
      b.metadata.labels = { team: 'web' };
      Object.assign(b.template.metadata.annotations, {
        'autoscaling.knative.dev/minScale': '1',
        'run.googleapis.com/execution-environment': 'gen2',
        'run.googleapis.com/cpu-throttling': 'false',
      });
      b.template.spec.node_selector = { 'run.googleapis.com/accelerator': 'nvidia-l4' };
    });
    const f = set.facts;
    assert.equal(f.workload, 'service');
    assert.equal(f.ingress, 'internal-and-load-balancer');
    assert.deepEqual(f.labels, { team: 'web' });
    assert.equal(f.concurrency, 8);
    assert.equal(f.timeoutSeconds, 300);
    assert.equal(f.minInstances, 1);
    assert.equal(f.maxInstances, 5);
    assert.equal(f.executionEnvironment, 'GEN2');
    assert.equal(f.cpuIdle, false);
    assert.equal(f.resourcesWritten, undefined);
    assert.equal(f.gpuType, 'nvidia-l4');
    assert.equal(f.cpu, 1);
    assert.deepEqual(f.serviceAccount, { email: 'legacy@p.iam.gserviceaccount.com', isDefault: false });
    // v2-only facts are not read from a v1 service.
    assert.equal(f.containers, undefined);
    assert.equal(f.volumes, undefined);
    assert.equal(f.launchStage, undefined);
    assert.equal(v1((b) => (b.template.spec.volumes = [{ name: 'v', nfs: { server: 's' } }])).facts.volumes, undefined);
    const at = set.attributes!;
    assert.equal(at.labels, 'metadata.labels');
    assert.equal(at.cpu, 'template.spec.containers[0].resources.limits.cpu');
    assert.equal(at.cpuIdle, 'template.metadata.annotations["run.googleapis.com/cpu-throttling"]');
    assert.equal(at.gpuType, 'template.spec.node_selector["run.googleapis.com/accelerator"]');
    assert.equal(at.ingress, 'metadata.annotations["run.googleapis.com/ingress"]');
    assert.equal(at.serviceAccount, 'template.spec.service_account_name');
    assert.equal(at.executionEnvironment, 'template.metadata.annotations["run.googleapis.com/execution-environment"]');
    assert.equal(at.concurrency, 'template.spec.container_concurrency');
    assert.equal(at.minInstances, 'template.metadata.annotations["autoscaling.knative.dev/minScale"]');
    assert.equal(at.maxInstances, 'template.metadata.annotations["autoscaling.knative.dev/maxScale"]');
    assert.equal(at.timeoutSeconds, 'template.spec.timeout_seconds');
    assert.deepEqual(unknownOf(set), []);
  });

  test('concurrency 0 is unset; the accelerator key of v2 is not v1 s', () => {
    const f = v1((b) => {
      b.template.spec.container_concurrency = 0;
      b.template.spec.node_selector = { accelerator: 'nvidia-l4' };
    }).facts;
    assert.equal(f.concurrency, undefined);
    assert.equal(f.gpuType, undefined);
  });

  test('metadata only known at apply: labels and ingress unknown; a spec only known at apply: its facts unknown', () => {
    const metadata = v1((b) => (b.metadata = '${var.metadata}'));
    assert.ok(metadata.unknown.has('labels'));
    assert.ok(metadata.unknown.has('ingress'));
    assert.equal(metadata.facts.concurrency, 8);
    const spec = v1((b) => (b.template.spec = '${var.spec}'));
    assert.ok(spec.unknown.has('image'));
    assert.ok(spec.unknown.has('concurrency'));
    assert.equal(spec.facts.concurrency, undefined);
    assert.equal(spec.facts.maxInstances, undefined);
    assert.equal(spec.facts.ingress, 'internal-and-load-balancer');
    const template = v1((b) => (b.template = '${var.template}'));
    assert.ok(template.unknown.has('image'));
  });
});

describe('attribute tables', () => {
  test('resources of the same shape share one table; another shape has its own', () => {
    const table = (type: string, body: Json) => factsOf(type, body).attributes;
    assert.equal(table(V2, v2Service()), table(V2, v2Service()));
    assert.equal(table(JOB, v2Job()), table(JOB, v2Job()));
    assert.notEqual(table(JOB, v2Job()), table(V2, v2Service()));
  });
});

describe('reading once per model', () => {
  test('services sharing a command line share its reading in one model', () => {
    const model = new TerraformModel({ resource: { [V2]: { a: v2Service(), b: v2Service() } } });
    const [a, b] = model.byType.get(V2)!.map((r) => cloudRunFacts(r, model).facts.server);
    assert.equal(a, b);
    const [c, d] = model.byType.get(V2)!.map((r) => cloudRunFacts(r).facts.server);
    assert.notEqual(c, d);
    assert.deepEqual(c, a);
  });

  test('the facts of a resource are read once per model, and the same without one', () => {
    const { r, model } = declared(V2, v2Service());
    const first = cloudRunFacts(r, model);
    assert.equal(cloudRunFacts(r, model), first);
    assert.deepEqual(cloudRunFacts(r).facts, first.facts);
    assert.notEqual(cloudRunFacts(r), cloudRunFacts(r));
  });
});

describe('the Serverless VPC Access connector', () => {
  const withConnector = (type: string, body: () => Json, connector: Json) =>
    factsOf(
      type,
      mutated(body, (b) => {
        if (type === V1) b.template.metadata.annotations['run.googleapis.com/vpc-access-connector'] = connector;
        else (type === JOB ? b.template.template : b.template).vpc_access = { connector, egress: 'ALL_TRAFFIC' };
      }),
    );

  test('the region of its full name, for v2 services, jobs and v1 services, at the attribute it is written in', () => {
    const name = 'projects/p/locations/us-east1/connectors/c';
    const cases: Array<[string, () => Json, string]> = [
      [V2, v2Service, 'template.vpc_access.connector'],
      [JOB, v2Job, 'template.template.vpc_access.connector'],
      [V1, v1Service, 'template.metadata.annotations["run.googleapis.com/vpc-access-connector"]'],
    ];
    for (const [type, body, attribute] of cases) {
      const set = withConnector(type, body, name);
      assert.equal(set.facts.vpcConnectorRegion, 'us-east1', type);
      assert.equal(set.attributes!.vpcConnectorRegion, attribute, type);
      // A short name (looked up in the service's region) and no connector: no region to compare.
      assert.equal(withConnector(type, body, 'c').facts.vpcConnectorRegion, undefined, type);
      assert.equal(factsOf(type, body()).facts.vpcConnectorRegion, undefined, type);
      // A name only known at apply: unknown.
      const unknown = withConnector(type, body, '${var.connector}');
      assert.deepEqual(unknownOf(unknown), ['vpcConnectorRegion'], type);
      assert.equal(unknown.facts.vpcConnectorRegion, undefined, type);
    }
    // A vpc_access block only known at apply is unknown too.
    const dynamic = factsOf(
      V2,
      mutated(v2Service, (b) => (b.template.vpc_access = '${var.access}')),
    );
    assert.ok(unknownOf(dynamic).includes('vpcConnectorRegion'));
  });
});

describe('attribute tables by shape', () => {
  test('an ingress container at another index, with or without args, gets its own table', () => {
    // Three containers, the third declaring the port, no args: its image is at containers[2].
    const third = factsOf(
      V2,
      mutated(v2Service, (b) => {
        const main = b.template.containers[0];
        delete main.args;
        b.template.containers = [
          { name: 'a', image: DIGEST },
          { name: 'b', image: DIGEST },
          { ...main, name: 'app' },
        ];
      }),
    );
    const first = factsOf(V2, v2Service());
    assert.equal(first.attributes!.image, 'template.containers[0].image');
    assert.equal(third.attributes!.image, 'template.containers[2].image');
    assert.equal(third.attributes!.server, 'template.containers[2].command');
  });
});
