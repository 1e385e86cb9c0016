import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CLOUD_RUN_RULES } from '../../../lib/platform/cloud-run';
import type { CloudRunFacts, ContainerFacts, VolumeFacts } from '../../../lib/platform/cloud-run/facts';
import { CLOUD_RUN_REQUEST_TIMEOUT } from '../../../lib/platform/cloud-run/requests';
import type { ServerFacts } from '../../../lib/platform/python/server';
import { ruleTests } from './judge';

const { judge, status, reported, only } = ruleTests<CloudRunFacts>(CLOUD_RUN_RULES);

const wsgi: ServerFacts = { workerType: 'gthread', workers: 1, threads: 8, timeout: 0, preload: false };
const sync: ServerFacts = { ...wsgi, workerType: 'sync', threads: 1, timeout: 30 };

describe('GCR-SERVER-STARTUP-PROBE', () => {
  const id = 'GCR-SERVER-STARTUP-PROBE';

  test('the main container: the probe kind the message names', () => {
    assert.match(only(id, { server: wsgi, startupProbe: { kind: 'grpc' } }).message, /so a GRPC startup probe passes/);
    const tcp = only(id, { server: wsgi, startupProbe: { kind: 'tcp' } });
    assert.equal(tcp.fact, 'startupProbe');
    assert.match(
      tcp.message,
      /^gunicorn runs without --preload, so a TCP startup probe passes as soon as the master binds/,
    );
    assert.match(only(id, { server: wsgi }).message, /so Cloud Run's default TCP startup probe passes/);
  });

  test('a sidecar running gunicorn with a TCP probe is judged the same way', () => {
    const tcpSidecar = { server: wsgi, startupProbe: { kind: 'tcp' as const } };
    const v = only(id, { sidecarServers: [undefined, tcpSidecar] });
    assert.equal(v.fact, 'sidecarServers.1');
    assert.match(v.message, /^a sidecar runs gunicorn without --preload, so its TCP startup probe passes/);
    assert.match(v.fix, /HTTP startup probe on a route the sidecar serves, or turn on preload/);
    for (const s of [
      { server: { ...wsgi, preload: true }, startupProbe: { kind: 'tcp' as const } },
      { server: wsgi, startupProbe: { kind: 'http' as const } },
      { server: wsgi },
    ])
      assert.equal(status(id, { sidecarServers: [s] }), 'pass', JSON.stringify(s));
    assert.deepEqual(reported(id, { server: wsgi, sidecarServers: [tcpSidecar, tcpSidecar] }), [
      'startupProbe',
      'sidecarServers.0',
      'sidecarServers.1',
    ]);
    assert.equal(status(id, { server: wsgi, startupProbe: { kind: 'http' } }, ['sidecarServers']), 'unknown');
  });
});

describe('GCR-SERVER-TIMEOUT and GCR-SERVER-CAPACITY: what the service brings', () => {
  test('the request timeout, 300 s unless written', () => {
    const id = 'GCR-SERVER-TIMEOUT';
    const d = CLOUD_RUN_REQUEST_TIMEOUT.defaultSeconds;
    assert.equal(d, 300);
    assert.equal(status(id, { server: { ...sync, timeout: d } }), 'pass');
    assert.match(
      only(id, { server: { ...sync, timeout: d - 1 } }).message,
      /299 s is shorter than the 300 s request timeout/,
    );
    assert.match(only(id, { server: sync, timeoutSeconds: 31 }).message, /shorter than the 31 s request timeout/);
    assert.equal(only(id, { server: sync, timeoutSeconds: 31 }).fact, 'server');
  });

  test('the concurrency, the platform default unless written', () => {
    const id = 'GCR-SERVER-CAPACITY';
    const v = only(id, { server: wsgi, concurrency: 9 });
    assert.equal(v.fact, 'concurrency');
    assert.match(v.message, /^concurrency 9 exceeds gunicorn's capacity of 8/);
    assert.match(only(id, { server: wsgi }).message, /^concurrency 80 \(the platform default, at least 80\) exceeds/);
    // Below 1 vCPU the default is 1 request at a time; unset CPU is 1 vCPU.
    assert.equal(status(id, { server: wsgi, cpu: 0.5 }), 'pass');
    assert.equal(status(id, { server: wsgi, cpu: undefined }), 'fail');
  });
});

describe('GCR-SERVER-MEMORY: what the workers may use', () => {
  const id = 'GCR-SERVER-MEMORY';
  const server = (memoryMiB: number): ServerFacts => ({ ...wsgi, workers: 2, memoryMiB });
  const ingress = (memoryMiB?: number): ContainerFacts => ({ name: 'app', ingress: true, hasPorts: true, memoryMiB });
  const sidecar = (memoryMiB?: number, name = 'proxy'): ContainerFacts => ({
    name,
    ingress: false,
    hasPorts: false,
    memoryMiB,
  });
  const mem = (sizeLimitMiB?: number, name = 'scratch'): VolumeFacts => ({ name, kinds: ['in-memory'], sizeLimitMiB });

  test('alone in the instance: the memory limit, 512 MiB unless written', () => {
    assert.equal(status(id, { server: server(512) }), 'pass');
    const v = only(id, { server: server(513) });
    assert.match(v.message, /^2 workers need 513Mi, more than the 512Mi memory limit$/);
    assert.equal(v.fix, 'raise memory to at least 513Mi or run fewer workers');
    assert.equal(
      only(id, { server: server(2047.5), memoryMiB: 1024 }).fix,
      'raise memory to at least 2Gi or run fewer workers',
    );
    assert.equal(status(id, { server: server(1024), memoryMiB: 1024, containers: [ingress(1024)] }), 'pass');
  });

  test('sidecars take their limits, 512 MiB each unless written', () => {
    const f = { memoryMiB: 1024, containers: [ingress(1024), sidecar(256)] };
    assert.equal(status(id, { ...f, server: server(1024) }), 'pass');
    const one = only(id, { ...f, server: server(1025) });
    assert.match(one.message, /more than the 1Gi left of the instance's 1280Mi after 256Mi for the sidecar$/);
    // The sidecar keeps its own limit: the app's container needs what the workers need.
    assert.equal(one.fix, 'raise memory to at least 1025Mi or run fewer workers');
    const two = { memoryMiB: 2048, containers: [ingress(2048), sidecar(undefined), sidecar(undefined, 'b')] };
    assert.equal(status(id, { ...two, server: server(2048) }), 'pass');
    assert.match(
      only(id, { ...two, server: server(2049) }).message,
      /the 2Gi left of the instance's 3Gi after 1Gi for 2 sidecars$/,
    );
    // Without containers written, the instance is the memory limit.
    assert.equal(status(id, { memoryMiB: 1024, containers: [], server: server(1024) }), 'pass');
  });

  test('in-memory volumes take their size limit; Cloud Storage FUSE its caches', () => {
    const f = { memoryMiB: 2048, volumes: [mem(1024)] };
    assert.equal(status(id, { ...f, server: server(1024) }), 'pass');
    const v = only(id, { ...f, server: server(1500) });
    assert.match(v.message, /more than the 1Gi left of the instance's 2Gi after 1Gi for in-memory volume 'scratch'$/);
    // The memory limit must hold the workers and the volume.
    assert.equal(v.fix, `raise memory to at least ${1500 + 1024}Mi or run fewer workers`);
    for (const volumes of [
      [mem()],
      [mem(Number.NaN)],
      [mem(Number.POSITIVE_INFINITY)],
      [{ name: 'x', kinds: ['in-memory', 'nfs'] }],
      // Two sources, which the API rejects (GCR-VOLUME-SOURCE): not counted, even with a size limit.
      [{ name: 'x', kinds: ['in-memory', 'nfs'], sizeLimitMiB: 512 }],
      // A disk-backed volume's size limit takes disk, not memory.
      [{ name: 'd', kinds: ['disk'], sizeLimitMiB: 512 }],
    ])
      assert.match(
        only(id, { memoryMiB: 1024, volumes: volumes as VolumeFacts[], server: server(1025) }).message,
        /the 1Gi memory limit$/,
      );
    const gcs = only(id, {
      memoryMiB: 1024,
      volumes: [
        { name: 'data', kinds: ['cloud-storage'], bucket: 'shop-media' },
        { name: 'logs', kinds: ['cloud-storage'] },
        mem(100),
      ],
      server: server(1000),
    });
    assert.match(
      gcs.message,
      /after 34\.52Mi for Cloud Storage FUSE caches of 'shop-media', 34\.52Mi for Cloud Storage FUSE caches of 'logs', 100Mi for in-memory volume 'scratch'$/,
    );
    assert.equal(
      status(id, { memoryMiB: 1024, volumes: [{ name: 'd', kinds: ['disk'] }], server: server(1024) }),
      'pass',
    );
  });

  test('a server that declares no memory is not judged', () => {
    assert.equal(status(id, { memoryMiB: 128, server: wsgi }), 'pass');
    assert.equal(status(id, { memoryMiB: 128 }), 'pass');
  });
});

describe('GCR-SERVER-COMMAND', () => {
  const id = 'GCR-SERVER-COMMAND';

  test('a profile and a command of its own cannot both set the container command', () => {
    const server = only(id, { server: wsgi, ownCommand: ['python', 'app.py'] });
    assert.equal(server.fact, 'ownCommand');
    assert.match(server.message, /^the server profile renders the container command and arguments/);
    assert.equal(server.fix, 'drop command/args, or drop server and write the command yourself');
    const celery = only(id, { profile: 'Celery', ownCommand: [] });
    assert.match(celery.message, /^the Celery profile renders/);
    assert.equal(celery.fix, 'drop command/args, or drop the profile and write the command yourself');
    for (const f of [{ ownCommand: ['x'] }, { server: wsgi }, { profile: 'Celery' }])
      assert.equal(status(id, f), 'pass', JSON.stringify(f));
    assert.equal(judge(id, { server: wsgi, profile: 'Django', ownCommand: ['x'] }).violations.length, 1);
  });
});
