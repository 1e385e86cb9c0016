/**
 * Raw v2 resources with sidecars, volumes, traffic, service-level scaling, GPUs and access settings, in the shapes real
 * configurations write them (blocks as objects as cdktf writes them, or as lists as HCL converters do), judged by the
 * same rules as CloudRunService.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkTerraform } from '../../lib/checks/engine';
import { DIGEST, type Json, mutated, status, tf, v2Service, workerPool } from './fixtures';

const V2 = 'google_cloud_run_v2_service';
const findingsOf = (json: Json, ruleId: string) => checkTerraform(json).filter((f) => f.ruleId === ruleId);

/** An ingress container that waits for a sidecar whose HTTP startup probe names the sidecar's port. */
const withSidecar = (b: Json) => {
  b.template.containers[0].name = 'web';
  b.template.containers[0].depends_on = ['proxy'];
  b.template.containers.push({
    name: 'proxy',
    image: DIGEST,
    env: [{ name: 'PORT', value: '8081' }],
    resources: { limits: { cpu: '0.5', memory: '256Mi' } },
    startup_probe: { http_get: { port: 8081, path: '/ready' } },
  });
};

describe('sidecars on raw resources', () => {
  test('an ingress container waiting for a probed sidecar passes every container rule', () => {
    const json = tf(V2, mutated(v2Service, withSidecar));
    for (const id of [
      'GCR-CONTAINERS',
      'GCR-CONTAINER-DEPENDS',
      'GCR-CONTAINER-DEPENDS-PROBE',
      'GCR-CONTAINER-PROBE-PORT',
      'GCR-CONTAINER-RESOURCES',
    ])
      assert.equal(status(json, id), 'pass', id);
  });

  test('the same in the list form of HCL converters', () => {
    const body = mutated(v2Service, withSidecar);
    const listed = {
      ...body,
      template: [
        {
          ...body.template,
          containers: body.template.containers.map((c: Json) => ({ ...c, ports: c.ports ? [c.ports] : undefined })),
        },
      ],
    };
    assert.equal(status(tf(V2, listed), 'GCR-CONTAINERS'), 'pass');
  });

  test('two containers with ports, or none, fail in a service; a worker pool has no ports to declare', () => {
    const two = mutated(v2Service, (b) => {
      withSidecar(b);
      b.template.containers[1].ports = { container_port: 8081 };
    });
    const [finding] = findingsOf(tf(V2, two), 'GCR-CONTAINERS');
    assert.match(finding.message, /2 containers declare a port; only the ingress container may/);
    assert.equal(finding.attribute, 'template.containers');
    const none = mutated(v2Service, (b) => {
      withSidecar(b);
      delete b.template.containers[0].ports;
    });
    assert.match(findingsOf(tf(V2, none), 'GCR-CONTAINERS')[0].message, /no container declares a port/);
    const pool = mutated(workerPool, (b) => {
      b.template.containers[0].name = 'worker';
      b.template.containers.push({ name: 'agent', image: DIGEST });
    });
    assert.equal(status(tf('google_cloud_run_v2_worker_pool', pool), 'GCR-CONTAINERS'), 'pass');
  });

  test('a dependency cycle is found and attached to the container', () => {
    const json = tf(
      V2,
      mutated(v2Service, (b) => {
        withSidecar(b);
        b.template.containers[1].depends_on = ['web'];
      }),
    );
    const [finding] = findingsOf(json, 'GCR-CONTAINER-DEPENDS');
    assert.match(finding.message, /cycle \(web → proxy → web\)/);
    assert.match(finding.attribute ?? '', /^template\.containers\[\d\]$/);
  });

  test('a sidecar with a GPU besides the ingress container: the GPU attaches to one container', () => {
    const json = tf(
      V2,
      mutated(v2Service, (b) => {
        withSidecar(b);
        b.template.containers[0].resources.limits['nvidia.com/gpu'] = '1';
        b.template.containers[1].resources.limits['nvidia.com/gpu'] = '1';
      }),
    );
    assert.match(findingsOf(json, 'GCR-CONTAINERS')[0].message, /2 containers ask for a GPU/);
  });
});

describe('volumes on raw resources', () => {
  test("Google's Cloud SQL sample shape passes; a mount naming no volume fails at the mount", () => {
    const sql = mutated(v2Service, (b) => {
      b.template.volumes = [{ name: 'cloudsql', cloud_sql_instance: { instances: ['p:us-central1:db'] } }];
      b.template.containers[0].volume_mounts = [{ name: 'cloudsql', mount_path: '/cloudsql' }];
    });
    assert.equal(status(tf(V2, sql), 'GCR-VOLUME-SOURCE'), 'pass');
    assert.equal(status(tf(V2, sql), 'GCR-VOLUME-MOUNT-PATH'), 'pass');
    const wrong = mutated(
      v2Service,
      (b) => (b.template.containers[0].volume_mounts = [{ name: 'x', mount_path: '/x' }]),
    );
    const [finding] = findingsOf(tf(V2, wrong), 'GCR-VOLUME-SOURCE');
    assert.match(finding.message, /mounts volume 'x', which does not exist/);
    assert.equal(finding.attribute, 'template.containers[0].volume_mounts[0]');
  });

  test('an empty_dir on disk (providers after 6.50) is not an in-memory volume', () => {
    const disk = mutated(v2Service, (b) => {
      b.template.volumes = [{ name: 'scratch', empty_dir: { medium: 'DISK', size_limit: '10Gi' } }];
      b.template.containers[0].volume_mounts = [{ name: 'scratch', mount_path: '/scratch' }];
    });
    assert.equal(status(tf(V2, disk), 'GCR-VOLUME-IN-MEMORY'), 'pass');
  });

  test('a volume list built by a dynamic block is unknown, not a pass', () => {
    const dynamic = mutated(v2Service, (b) => (b.template.dynamic = { volumes: { for_each: '${var.volumes}' } }));
    assert.equal(status(tf(V2, dynamic), 'GCR-VOLUME-SOURCE'), 'unknown');
  });
});

describe('rules about one feature pass resources without it, whatever else is unknown', () => {
  test('no GPU: the GPU rules pass even with the region or scaling unknown', () => {
    const json = tf(
      V2,
      mutated(v2Service, (b) => {
        b.location = '${var.region}';
        b.template.scaling = '${var.scaling}';
      }),
    );
    for (const id of ['GCR-GPU', 'GCR-GPU-REGION', 'GCR-GPU-MAX-INSTANCES', 'GCR-GPU-TYPE'])
      assert.equal(status(json, id), 'pass', id);
    const gpu = tf(
      V2,
      mutated(v2Service, (b) => {
        b.location = '${var.region}';
        Object.assign(b.template.containers[0].resources.limits, { cpu: '4', memory: '16Gi', 'nvidia.com/gpu': '1' });
        b.template.node_selector = { accelerator: 'nvidia-l4' };
      }),
    );
    assert.equal(status(gpu, 'GCR-GPU-REGION'), 'unknown');
  });

  test('one container without mounts: the container and volume rules pass with its limits unknown', () => {
    const json = tf(
      V2,
      mutated(v2Service, (b) => (b.template.containers[0].resources.limits.cpu = '${var.cpu}')),
    );
    for (const id of [
      'GCR-CONTAINERS',
      'GCR-CONTAINER-DEPENDS',
      'GCR-CONTAINER-RESOURCES',
      'GCR-VOLUME-SOURCE',
      'GCR-VOLUME-MOUNT-PATH',
    ])
      assert.equal(status(json, id), 'pass', id);
    const sidecars = tf(
      V2,
      mutated(v2Service, (b) => {
        withSidecar(b);
        b.template.containers[1].resources.limits.cpu = '${var.cpu}';
      }),
    );
    assert.equal(status(sidecars, 'GCR-CONTAINER-RESOURCES'), 'unknown');
  });

  test('no manual scaling and no service minimum: the scaling combination rules pass with revision bounds unknown', () => {
    const json = tf(
      V2,
      mutated(v2Service, (b) => (b.template.scaling = { min_instance_count: '${var.min}' })),
    );
    assert.equal(status(json, 'GCR-SCALING-MANUAL'), 'pass');
    assert.equal(status(json, 'GCR-SCALING-COMBINED-MIN'), 'pass');
  });
});

describe('traffic, scaling and access on raw resources', () => {
  test("Google's gradual rollout sample (100% to a named revision, the latest at 0%) passes", () => {
    const json = tf(
      V2,
      mutated(v2Service, (b) => {
        b.traffic = [
          { percent: 100, revision: 'green', type: 'TRAFFIC_TARGET_ALLOCATION_TYPE_REVISION' },
          { percent: 0, type: 'TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST' },
        ];
      }),
    );
    assert.equal(status(json, 'GCR-TRAFFIC-SPLIT'), 'pass');
  });

  test('a service-level minimum is its own fact: the cost rule names it, the revision minimum stays unset', () => {
    const json = tf(
      V2,
      mutated(v2Service, (b) => (b.scaling = { min_instance_count: 2 })),
    );
    const [finding] = findingsOf(json, 'GCR-MIN-INSTANCES-COST');
    assert.match(finding.message, /2 instance\(s\) \(service level/);
    assert.equal(finding.attribute, 'scaling.min_instance_count');
  });

  test('breakglass with a named policy is a warning (the provider applies it), both methods an error', () => {
    const named = tf(
      V2,
      mutated(v2Service, (b) => {
        b.binary_authorization = {
          policy: 'projects/p/platforms/cloudRun/policies/strict',
          breakglass_justification: 'INC-1',
        };
      }),
    );
    assert.deepEqual(
      findingsOf(named, 'GCR-BINARY-AUTHORIZATION').map((f) => f.level),
      ['warning'],
    );
  });
});

describe('a sidecar running gunicorn on raw resources', () => {
  const sidecarRunning = (args: unknown, probe: Json) =>
    tf(
      V2,
      mutated(v2Service, (b) =>
        b.template.containers.push({ name: 'admin', image: DIGEST, command: ['gunicorn'], args, startup_probe: probe }),
      ),
    );

  test('a TCP startup probe without --preload fails at the sidecar; an HTTP one passes', () => {
    const tcp = sidecarRunning(['--bind', ':9000', 'admin:app'], { tcp_socket: { port: 9000 } });
    const [finding] = findingsOf(tcp, 'GCR-SERVER-STARTUP-PROBE');
    assert.match(finding.message, /a sidecar runs gunicorn without --preload/);
    assert.equal(finding.attribute, 'template.containers[1].command');
    const http = sidecarRunning(['--bind', ':9000', 'admin:app'], { http_get: { port: 9000, path: '/' } });
    assert.equal(status(http, 'GCR-SERVER-STARTUP-PROBE'), 'pass');
  });

  test("a sidecar's command given as a variable makes the rule unknown", () => {
    assert.equal(
      status(sidecarRunning('${var.args}', { tcp_socket: { port: 9000 } }), 'GCR-SERVER-STARTUP-PROBE'),
      'unknown',
    );
  });
});
