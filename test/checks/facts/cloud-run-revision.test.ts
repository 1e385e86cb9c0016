/**
 * The facts of a v2 resource that span its containers and the service, read from raw resources: every container,
 * volumes and mounts, traffic, the service-level minimum, GPU zonal redundancy, launch stage, CMEK key and Binary
 * Authorization; each value only known at apply marked unknown on its own.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { cloudRunFacts } from '../../../lib/checks/facts/cloud-run';
import { DIGEST, type Json, mutated, v2Job, v2Service, workerPool } from '../fixtures';
import { declared, unknownOf, written } from './read';

const V2 = 'google_cloud_run_v2_service';

const factsOf = (type: string, body: Json) => {
  const { r, model } = declared(type, body);
  return cloudRunFacts(r, model);
};
/** A v2 service changed by `change` (its body, then its template). */
const service = (change: (b: Json, t: Json) => void) =>
  factsOf(
    V2,
    mutated(v2Service, (b) => change(b, b.template)),
  );
/** A v2 service with a sidecar `sidecar` after its ingress container. */
const withSidecar = (sidecar: Json) => service((_, t) => t.containers.push(sidecar));

describe('containers', () => {
  test('the ingress container: its limits and probe as the revision reads them, the rest of its own', () => {
    const set = service((_, t) => {
      t.containers[0].name = 'web';
      t.containers[0].depends_on = ['proxy'];
    });
    const [c] = set.facts.containers!;
    assert.equal(c.name, 'web');
    assert.equal(c.ingress, true);
    assert.equal(c.hasPorts, true);
    assert.equal(c.cpu, 1);
    assert.equal(c.memoryMiB, 512);
    assert.equal(c.gpuCount, undefined);
    assert.deepEqual(c.dependsOn, ['proxy']);
    assert.deepEqual(written(c.startupProbe), written(set.facts.startupProbe));
    assert.equal(c.startupProbePort, undefined);
    assert.equal(c.mounts, undefined);
    assert.equal(service((_, t) => delete t.containers[0].ports).facts.containers![0].hasPorts, false);
    // Ports only known at apply: the ingress container is taken to have them, a sidecar not.
    const token = service((_, t) => (t.containers[0].ports = '${var.ports}'));
    assert.equal(token.facts.containers![0].hasPorts, true);
    assert.ok(token.unknown.has('containers.0.hasPorts'));
  });

  test('a sidecar: its own limits, probe and probe port; no ports; not the ingress', () => {
    const set = withSidecar({
      name: 'proxy',
      image: DIGEST,
      resources: { limits: { cpu: '500m', memory: '256Mi', 'nvidia.com/gpu': 1 } },
      startup_probe: { http_get: { port: 8081, path: '/ready' } },
    });
    const c = set.facts.containers![1];
    assert.equal(c.name, 'proxy');
    assert.equal(c.ingress, false);
    assert.equal(c.hasPorts, false);
    assert.equal(c.cpu, 0.5);
    assert.equal(c.memoryMiB, 256);
    assert.equal(c.gpuCount, 1);
    assert.equal(c.dependsOn, undefined);
    assert.deepEqual(written(c.startupProbe), { kind: 'http', path: '/ready' });
    assert.equal(c.startupProbePort, 8081);
    assert.deepEqual(unknownOf(set), []);
    assert.equal(withSidecar({ image: DIGEST, ports: { container_port: 8081 } }).facts.containers![1].hasPorts, true);
  });

  test('malformed sidecar limits are NaN; a sidecar without resources has none', () => {
    const c = withSidecar({ image: DIGEST, resources: { limits: { cpu: 'x', memory: 'y' } } }).facts.containers![1];
    assert.ok(Number.isNaN(c.cpu));
    assert.ok(Number.isNaN(c.memoryMiB));
    const bare = withSidecar({ image: DIGEST }).facts.containers![1];
    assert.equal(bare.cpu, undefined);
    assert.equal(bare.memoryMiB, undefined);
    assert.equal(bare.startupProbe, undefined);
  });

  test('the probe port, whichever handler names it (tcp first); none written is unset', () => {
    const port = (probe: Json) => withSidecar({ image: DIGEST, startup_probe: probe }).facts.containers![1];
    assert.equal(port({ tcp_socket: { port: 1 } }).startupProbePort, 1);
    assert.equal(port({ grpc: { port: 3 } }).startupProbePort, 3);
    assert.equal(port({ tcp_socket: { port: 1 }, http_get: { port: 2 } }).startupProbePort, 1);
    assert.equal(port({ http_get: { port: '2' } }).startupProbePort, 2);
    assert.equal(port({ http_get: { path: '/' } }).startupProbePort, undefined);
    const token = withSidecar({ image: DIGEST, startup_probe: { tcp_socket: { port: '${var.port}' } } });
    assert.equal(token.facts.containers![1].startupProbePort, undefined);
    assert.deepEqual(unknownOf(token), ['containers.1.startupProbePort']);
    const whole = withSidecar({ image: DIGEST, startup_probe: '${var.probe}' });
    assert.deepEqual(unknownOf(whole), ['containers.1.startupProbe', 'containers.1.startupProbePort']);
  });

  test('each value only known at apply is unknown on its own, at the container', () => {
    const cases: Array<[Json, string[]]> = [
      [{ name: '${var.n}' }, ['containers.1.name']],
      [{ ports: '${var.p}', name: 'x' }, ['containers.1.hasPorts']],
      [{ depends_on: '${var.d}' }, ['containers.1.dependsOn']],
      [{ depends_on: ['a', '${var.d}'] }, ['containers.1.dependsOn']],
      [{ depends_on: ['a', 1] }, ['containers.1.dependsOn']],
      [{ depends_on: 'a' }, ['containers.1.dependsOn']],
      [{ resources: { limits: { cpu: '${var.c}' } } }, ['containers.1.cpu']],
      [{ resources: { limits: { memory: '${var.m}' } } }, ['containers.1.memoryMiB']],
      [{ resources: { limits: { 'nvidia.com/gpu': '${var.g}' } } }, ['containers.1.gpuCount']],
      [{ resources: { limits: '${var.l}' } }, ['containers.1.cpu', 'containers.1.gpuCount', 'containers.1.memoryMiB']],
    ];
    for (const [sidecar, unknown] of cases) {
      const set = withSidecar({ image: DIGEST, ...sidecar });
      assert.deepEqual(unknownOf(set), unknown, JSON.stringify(sidecar));
      assert.equal(set.attributes![unknown[0]], 'template.containers[1]', JSON.stringify(sidecar));
    }
    assert.equal(withSidecar({ image: DIGEST, ports: '${var.p}' }).facts.containers![1].hasPorts, false);
    assert.deepEqual(withSidecar({ image: DIGEST, depends_on: null }).facts.containers![1].dependsOn, undefined);
    assert.deepEqual(withSidecar({ image: DIGEST, depends_on: [] }).facts.containers![1].dependsOn, []);
  });

  test("the ingress container's limits and probe, unknown in the revision, are unknown in its container facts", () => {
    for (const [change, fact] of [
      [(c: Json) => (c.resources.limits.cpu = '${var.c}'), 'cpu'],
      [(c: Json) => (c.resources.limits.memory = '${var.m}'), 'memoryMiB'],
      [(c: Json) => (c.resources.limits['nvidia.com/gpu'] = '${var.g}'), 'gpuCount'],
      [(c: Json) => (c.startup_probe = '${var.p}'), 'startupProbe'],
    ] as const) {
      const set = service((_, t) => change(t.containers[0]));
      assert.ok(set.unknown.has(`containers.0.${fact}`), fact);
      assert.equal(set.facts.containers![0][fact], undefined, fact);
    }
  });

  test('mounts: volume and path, at volume_mounts; unknown when a name or path is', () => {
    const set = withSidecar({
      image: DIGEST,
      volume_mounts: [
        { name: 'sql', mount_path: '/cloudsql' },
        { name: 'tmp', mount_path: '/tmp' },
      ],
    });
    assert.deepEqual(set.facts.containers![1].mounts, [
      { volume: 'sql', path: '/cloudsql' },
      { volume: 'tmp', path: '/tmp' },
    ]);
    assert.equal(set.attributes!['containers.1.mounts'], 'template.containers[1].volume_mounts');
    assert.equal(set.attributes!['containers.0.mounts'], undefined);
    for (const mounts of [
      '${var.mounts}',
      [{ name: '${var.v}', mount_path: '/a' }],
      [
        { name: 'a', mount_path: '/a' },
        { name: 'b', mount_path: '${var.p}' },
      ],
    ]) {
      const unknown = withSidecar({ image: DIGEST, volume_mounts: mounts });
      assert.equal(unknown.facts.containers![1].mounts, undefined, JSON.stringify(mounts));
      assert.deepEqual(unknownOf(unknown), ['containers.1.mounts'], JSON.stringify(mounts));
      assert.equal(unknown.attributes!['containers.1.mounts'], 'template.containers[1]');
    }
    assert.equal(withSidecar({ image: DIGEST, volume_mounts: [] }).facts.containers![1].mounts, undefined);
  });
});

describe('volumes', () => {
  const volumes = (list: Json) => service((_, t) => (t.volumes = list));

  test('each source kind with what it carries', () => {
    const f = volumes([
      { name: 'sql', cloud_sql_instance: { instances: ['p:r:db'] } },
      { name: 'gcs', gcs: { bucket: 'b' } },
      { name: 'nfs', nfs: { server: '10.0.0.2', path: '/' } },
      { name: 'mem', empty_dir: { medium: 'MEMORY', size_limit: '1Gi' } },
      { name: 'disk', empty_dir: { medium: 'DISK' } },
      { name: 's', secret: { secret: 'x', default_mode: 292, items: [{ path: 'a', mode: 256 }, { path: 'b' }] } },
      { name: 'two', gcs: { bucket: 'b' }, nfs: { server: 's' } },
      { name: 'none' },
      { name: 'sql2', cloud_sql_instance: {} },
    ]).facts.volumes!;
    assert.deepEqual(written(f), [
      { name: 'sql', kinds: ['cloud-sql'], instances: ['p:r:db'] },
      { name: 'gcs', kinds: ['cloud-storage'], bucket: 'b' },
      { name: 'nfs', kinds: ['nfs'] },
      { name: 'mem', kinds: ['in-memory'], sizeLimitMiB: 1024 },
      { name: 'disk', kinds: ['disk'] },
      { name: 's', kinds: ['secret'], modes: [292, 256] },
      { name: 'two', kinds: ['cloud-storage', 'nfs'], bucket: 'b' },
      { name: 'none', kinds: [] },
      { name: 'sql2', kinds: ['cloud-sql'], instances: [] },
    ]);
    assert.ok(Number.isNaN(volumes([{ name: 'm', empty_dir: { size_limit: 'big' } }]).facts.volumes![0].sizeLimitMiB));
    assert.equal(volumes([{ name: 's', secret: { secret: 'x' } }]).facts.volumes![0].modes, undefined);
  });

  test('none written: unset; the list only known at apply: volumes unknown', () => {
    assert.equal(volumes(undefined).facts.volumes, undefined);
    assert.equal(volumes([]).facts.volumes, undefined);
    const set = volumes('${var.volumes}');
    assert.deepEqual(unknownOf(set), ['volumes']);
    assert.equal(set.attributes!.volumes, 'template.volumes');
  });

  test('a volume with a value only known at apply is unknown on its own, the others read', () => {
    for (const v of [
      { name: '${var.n}', gcs: { bucket: 'b' } },
      { name: 'v', gcs: '${var.g}' },
      { name: 'v', nfs: '${var.n}' },
      { name: 'v', cloud_sql_instance: { instances: '${var.i}' } },
      { name: 'v', cloud_sql_instance: { instances: ['${var.i}'] } },
      { name: 'v', empty_dir: { medium: '${var.m}' } },
      { name: 'v', empty_dir: { size_limit: '${var.s}' } },
      { name: 'v', secret: { secret: 'x', default_mode: '${var.m}' } },
      { name: 'v', secret: { secret: 'x', items: '${var.items}' } },
      { name: 'v', secret: { secret: 'x', items: [{ path: 'a', mode: '${var.m}' }] } },
      { name: 'v', gcs: { bucket: '${var.b}' } },
    ]) {
      const set = volumes([{ name: 'ok', nfs: { server: 's' } }, v]);
      assert.deepEqual(written(set.facts.volumes), [{ name: 'ok', kinds: ['nfs'] }, { kinds: [] }], JSON.stringify(v));
      assert.deepEqual(unknownOf(set), ['volumes.1'], JSON.stringify(v));
      assert.equal(set.attributes!['volumes.1'], 'template.volumes[1]');
    }
  });

  test('a job reads the volumes of its task template', () => {
    const set = factsOf(
      'google_cloud_run_v2_job',
      mutated(v2Job, (b) => (b.template.template.volumes = '${var.v}')),
    );
    assert.equal(set.attributes!.volumes, 'template.template.volumes');
  });
});

describe('traffic', () => {
  const traffic = (list: Json) => service((b) => (b.traffic = list));

  test('each target: type, revision, percent, tag', () => {
    assert.deepEqual(
      written(
        traffic([
          { type: 'TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST', percent: 90 },
          { type: 'TRAFFIC_TARGET_ALLOCATION_TYPE_REVISION', revision: 'api-1', percent: '10', tag: 'old' },
          { type: 'TRAFFIC_TARGET_ALLOCATION_TYPE_UNSPECIFIED', percent: 0 },
        ]).facts.traffic,
      ),
      [
        { type: 'latest', percent: 90 },
        { type: 'revision', revision: 'api-1', percent: 10, tag: 'old' },
        { percent: 0 },
      ],
    );
    assert.equal(traffic(undefined).facts.traffic, undefined);
    assert.equal(traffic([]).facts.traffic, undefined);
  });

  test('the list, or a value of a target, only known at apply', () => {
    assert.deepEqual(unknownOf(traffic('${var.traffic}')), ['traffic']);
    for (const key of ['type', 'revision', 'percent', 'tag']) {
      const set = traffic([{ type: 'TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST', percent: 100 }, { [key]: '${var.x}' }]);
      assert.deepEqual(written(set.facts.traffic), [{ type: 'latest', percent: 100 }, {}], key);
      assert.deepEqual(unknownOf(set), ['traffic.1'], key);
      assert.equal(set.attributes!['traffic.1'], 'traffic[1]', key);
    }
  });

  test('only a service has traffic and a service-level minimum', () => {
    const pool = factsOf(
      'google_cloud_run_v2_worker_pool',
      mutated(workerPool, (b) => (b.traffic = [{ percent: 100 }])),
    );
    assert.equal(pool.facts.traffic, undefined);
    assert.equal(pool.facts.serviceMinInstances, undefined);
    assert.equal(service((b) => (b.scaling = { min_instance_count: 2 })).facts.serviceMinInstances, 2);
    assert.deepEqual(unknownOf(service((b) => (b.scaling = { min_instance_count: '${var.m}' }))), [
      'serviceMinInstances',
    ]);
  });
});

describe('resource settings', () => {
  test('launch stage, CMEK key, GPU zonal redundancy', () => {
    const f = service((b, t) => {
      b.launch_stage = 'BETA';
      t.encryption_key = 'projects/p/locations/l/keyRings/r/cryptoKeys/k';
      t.gpu_zonal_redundancy_disabled = 'true';
    }).facts;
    assert.equal(f.launchStage, 'BETA');
    assert.equal(f.encryptionKey, 'projects/p/locations/l/keyRings/r/cryptoKeys/k');
    assert.equal(f.gpuZonalRedundancyDisabled, true);
    for (const [change, fact] of [
      [(b: Json) => (b.launch_stage = '${var.s}'), 'launchStage'],
      [(_: Json, t: Json) => (t.encryption_key = '${var.k}'), 'encryptionKey'],
      [(_: Json, t: Json) => (t.gpu_zonal_redundancy_disabled = '${var.g}'), 'gpuZonalRedundancyDisabled'],
    ] as const)
      assert.deepEqual(unknownOf(service(change)), [fact]);
  });

  test('Binary Authorization: its values, unknown when one is', () => {
    const binary = (block: Json) => service((b) => (b.binary_authorization = block));
    assert.deepEqual(binary({ use_default: true }).facts.binaryAuthorization, {
      useDefault: true,
      policy: undefined,
      breakglassJustification: undefined,
    });
    assert.deepEqual(binary([{ policy: 'p', breakglass_justification: 'why' }]).facts.binaryAuthorization, {
      useDefault: undefined,
      policy: 'p',
      breakglassJustification: 'why',
    });
    assert.equal(binary(undefined).facts.binaryAuthorization, undefined);
    for (const block of [
      '${var.b}',
      { use_default: '${var.u}' },
      { policy: '${var.p}' },
      { breakglass_justification: '${var.j}' },
    ]) {
      const set = binary(block);
      assert.equal(set.facts.binaryAuthorization, undefined, JSON.stringify(block));
      assert.deepEqual(unknownOf(set), ['binaryAuthorization'], JSON.stringify(block));
    }
  });
});
