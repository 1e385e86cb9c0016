import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CheckLevel } from '../../../lib/core/levels';
import { CLOUD_RUN_RULES } from '../../../lib/platform/cloud-run';
import type { CloudRunFacts, ContainerFacts, VolumeFacts } from '../../../lib/platform/cloud-run/facts';
import { CLOUD_RUN_RESOURCE_DEFAULTS } from '../../../lib/platform/cloud-run/resources';
import {
  CLOUD_RUN_FORBIDDEN_MOUNT_PATHS,
  CLOUD_SQL_MOUNT_PATH,
  CLOUD_STORAGE_FUSE_CACHE_MIB,
  totalMemoryMiB,
} from '../../../lib/platform/cloud-run/volumes';
import { ruleTests } from './judge';

const { judge, status, reported, only } = ruleTests<CloudRunFacts>(CLOUD_RUN_RULES);

/** A container mounting `mounts` (volume name and path). */
const app = (
  mounts: Array<{ volume?: string; path?: string }>,
  more: Partial<ContainerFacts> = {},
): ContainerFacts => ({
  name: 'app',
  ingress: true,
  hasPorts: true,
  mounts,
  ...more,
});
const sql = (instances?: string[], name = 'cloudsql'): VolumeFacts => ({ name, kinds: ['cloud-sql'], instances });
const gcs = (name = 'data'): VolumeFacts => ({ name, kinds: ['cloud-storage'], bucket: `${name}-bucket` });
const mem = (sizeLimitMiB?: number, name = 'scratch'): VolumeFacts => ({ name, kinds: ['in-memory'], sizeLimitMiB });

describe('instance memory and Cloud Storage FUSE', () => {
  test("totalMemoryMiB: every container's limit, the default where none is written", () => {
    const d = CLOUD_RUN_RESOURCE_DEFAULTS.memoryMiB;
    assert.equal(totalMemoryMiB({}), d);
    assert.equal(totalMemoryMiB({ memoryMiB: 2048 }), 2048);
    assert.equal(totalMemoryMiB({ memoryMiB: 2048, containers: [] }), 2048);
    assert.equal(totalMemoryMiB({ containers: [] }), d);
    const c = (memoryMiB?: number): ContainerFacts => ({ ingress: false, hasPorts: false, memoryMiB });
    assert.equal(totalMemoryMiB({ memoryMiB: 9999, containers: [c(1024), c(256)] }), 1280);
    assert.equal(totalMemoryMiB({ containers: [c(1024), c()] }), 1024 + d);
  });

  test('a mounted bucket keeps a 32 MB stat cache and a 4 MiB type cache', () => {
    assert.equal(CLOUD_STORAGE_FUSE_CACHE_MIB * 1024 * 1024, 32_000_000 + 4 * 1024 * 1024);
  });
});

describe('GCR-VOLUME-SOURCE', () => {
  const id = 'GCR-VOLUME-SOURCE';

  test('one source per volume', () => {
    assert.equal(status(id, { volumes: [gcs(), sql(['p:us-central1:db'])] }), 'pass');
    const none = only(id, { volumes: [{ name: 'x', kinds: [] }] });
    assert.equal(none.fact, 'volumes.0');
    assert.match(none.message, /volume 'x' has no source/);
    assert.match(none.fix, /exactly one of cloud_sql_instance, gcs, nfs, empty_dir or secret/);
    const two = only(id, { volumes: [gcs(), { name: 'x', kinds: ['cloud-storage', 'nfs', 'in-memory'] }] });
    assert.equal(two.fact, 'volumes.1');
    assert.match(two.message, /volume 'x' has 3 sources \(gcs, nfs, empty_dir\); the API takes one/);
    const others = only(id, {
      volumes: [{ name: 'y', kinds: ['cloud-sql', 'disk', 'secret'], instances: ['p:us-central1:db'] }],
    });
    assert.match(others.message, /has 3 sources \(cloud_sql_instance, empty_dir, secret\)/);
  });

  test('each name once; unnamed volumes are not compared', () => {
    const v = only(id, { volumes: [gcs('a'), gcs('b'), gcs('a')] });
    assert.equal(v.fact, 'volumes.2');
    assert.match(v.message, /volume name 'a' is used twice/);
    assert.equal(status(id, { volumes: [{ kinds: ['nfs'] }, { kinds: ['nfs'] }] }), 'pass');
  });

  test('Cloud SQL instances are connection names, and a Cloud SQL volume names at least one', () => {
    for (const name of ['my-project:europe-west1:main', 'example.com:shop:us-central1:db-1', 'p:europe-west10:x'])
      assert.equal(status(id, { volumes: [sql([name])] }), 'pass', name);
    for (const name of [
      'main',
      'my-project:europe-west:main',
      'My Project:europe-west1:main',
      'p:europe-west1:main/x',
      'p:europe-west1:Main',
      'p:europe-west1:',
      ':europe-west1:main',
      'p:europe1:main',
      'p:-west1:main',
    ])
      assert.deepEqual(reported(id, { volumes: [sql([name])] }), ['volumes.0'], name);
    const v = only(id, { volumes: [sql(['p:europe-west1:ok', 'a', 'b'])] });
    assert.match(v.message, /Cloud SQL instance 'a', 'b' is not a connection name \(project:region:instance\)/);
    for (const instances of [undefined, []]) {
      const empty = only(id, { volumes: [sql(instances, 'db')] });
      assert.equal(empty.fact, 'volumes.0');
      assert.match(empty.message, /Cloud SQL volume 'db' names no instance/);
    }
    // A volume with two sources is told once, not also for its missing instances.
    assert.equal(judge(id, { volumes: [{ name: 'db', kinds: ['cloud-sql', 'nfs'] }] }).violations.length, 1);
  });

  test('secret file modes from 0 to 0777', () => {
    const secret = (modes: number[]): VolumeFacts => ({ name: 's', kinds: ['secret'], modes });
    assert.equal(status(id, { volumes: [secret([0, 0o400, 0o777])] }), 'pass');
    for (const bad of [-1, 0o1000, 0.5]) {
      const v = only(id, { volumes: [secret([0o400, bad])] });
      assert.match(v.message, new RegExp(`secret volume 's' has file mode ${bad}; modes are 0 to 0777`));
    }
  });

  test('every mount names a volume of the revision', () => {
    const volumes = [gcs('data')];
    assert.equal(
      status(id, { volumes, containers: [app([{ volume: 'data', path: '/mnt' }, { path: '/x' }])] }),
      'pass',
    );
    const v = only(id, { volumes, containers: [app([]), app([{ volume: 'data' }, { volume: 'nope' }])] });
    assert.equal(v.fact, 'containers.1.mounts.1');
    assert.match(v.message, /container 'app' mounts volume 'nope', which does not exist/);
    const unnamed = only(id, { containers: [app([{ volume: 'nope' }], { name: undefined })] });
    assert.match(unnamed.message, /^container mounts volume 'nope'/);
  });

  test('judged when there are volumes, sidecars or mounts; a lone container without them is out of scope', () => {
    const unknown = ['containers.0.name'];
    const lone = { containers: [{ ingress: true, hasPorts: true }] };
    assert.equal(status(id, lone, unknown), 'pass');
    assert.equal(status(id, { ...lone, volumes: [gcs()] }, unknown), 'unknown');
    assert.equal(status(id, { containers: [app([])] }, unknown), 'unknown');
    assert.equal(status(id, { containers: [lone.containers[0], lone.containers[0]] }, unknown), 'unknown');
    assert.equal(status(id, {}, unknown), 'pass');
    assert.equal(status(id, { containers: [] }, unknown), 'pass');
    assert.equal(status(id, lone, ['volumes']), 'unknown');
    // A container without mounts, beside volumes, mounts nothing missing.
    assert.equal(status(id, { ...lone, volumes: [gcs()] }), 'pass');
  });
});

describe('GCR-VOLUME-MOUNT-PATH', () => {
  const id = 'GCR-VOLUME-MOUNT-PATH';
  const at = (...paths: string[]) => ({ volumes: [gcs()], containers: [app(paths.map((path) => ({ path })))] });

  test('absolute, without a colon', () => {
    assert.equal(status(id, at('/mnt/data', '/srv')), 'pass');
    const relative = only(id, at('data'));
    assert.equal(relative.fact, 'containers.0.mounts.0');
    assert.match(relative.message, /mount path 'data' is not absolute/);
    assert.equal(relative.fix, "use '/data'");
    assert.match(only(id, at('/ok', '/a:b')).message, /mount path '\/a:b' contains ':'/);
    assert.equal(only(id, at('/ok', '/a:b')).fact, 'containers.0.mounts.1');
  });

  test('not at or under /dev, /proc or /sys', () => {
    assert.deepEqual(CLOUD_RUN_FORBIDDEN_MOUNT_PATHS, ['/dev', '/proc', '/sys']);
    for (const dir of CLOUD_RUN_FORBIDDEN_MOUNT_PATHS) {
      for (const path of [dir, `${dir}/`, `${dir}/x`]) {
        const v = only(id, at(path));
        assert.match(v.message, new RegExp(`does not mount volumes at ${dir} or under it \\('${path}'\\)`), path);
      }
      assert.equal(status(id, at(`${dir}ices`, `/x${dir}`)), 'pass');
    }
  });

  test('Cloud SQL volumes at /cloudsql only', () => {
    const cloudSql = (path: string) => ({
      volumes: [sql(['p:us-central1:db'])],
      containers: [app([{ volume: 'cloudsql', path }])],
    });
    assert.equal(status(id, cloudSql(CLOUD_SQL_MOUNT_PATH)), 'pass');
    assert.equal(status(id, cloudSql('/cloudsql/')), 'pass');
    const v = only(id, cloudSql('/sql'));
    assert.deepEqual(
      reported(id, {
        volumes: [gcs(), sql(['p:us-central1:db'])],
        containers: [app([{ volume: 'cloudsql', path: '/sql' }])],
      }),
      ['containers.0.mounts.0'],
    );
    assert.match(v.message, /a Cloud SQL volume is mounted at \/cloudsql .*'\/sql' is refused/);
    assert.equal(v.fix, 'mount it at /cloudsql');
    // Another volume may use /cloudsql; a name two volumes share, or a volume of two sources, is not known as Cloud SQL.
    assert.equal(status(id, { volumes: [gcs()], containers: [app([{ volume: 'data', path: '/sql' }])] }), 'pass');
    const twice = {
      volumes: [sql(['p:us-central1:db']), gcs('cloudsql')],
      containers: [app([{ volume: 'cloudsql', path: '/sql' }])],
    };
    assert.equal(status(id, twice), 'pass');
    const both = {
      volumes: [{ name: 'cloudsql', kinds: ['cloud-sql', 'nfs'] }],
      containers: [app([{ volume: 'cloudsql', path: '/sql' }])],
    };
    assert.equal(status(id, both as CloudRunFacts), 'pass');
  });

  test('no path repeated or nested in one container; other containers may reuse it', () => {
    assert.equal(status(id, at('/data', '/database', '/dat')), 'pass');
    assert.match(only(id, at('/data', '/data//')).message, /two volumes are mounted at '\/data\/\/'/);
    const same = only(id, at('/data', '/data/'));
    assert.equal(same.fact, 'containers.0.mounts.1');
    assert.match(same.message, /two volumes are mounted at '\/data\/' in the same container/);
    assert.match(same.fix, /its own path, none inside another/);
    for (const [first, second] of [
      ['/data', '/data/sub'],
      ['/data/sub', '/data'],
      ['/', '/data'],
    ]) {
      const nested = only(id, at(first, second));
      assert.equal(nested.fact, 'containers.0.mounts.1');
      assert.match(nested.message, new RegExp(`'${second}' and '${first}' are nested mounts`));
    }
    const two = {
      volumes: [gcs()],
      containers: [app([{ path: '/data' }]), app([{ path: '/data' }], { name: 'side' })],
    };
    assert.equal(status(id, two), 'pass');
    // A path not written (or only known at apply time) is not compared.
    assert.equal(
      status(id, { volumes: [gcs()], containers: [app([{ volume: 'data' }, { path: '/x' }, { path: '/y' }])] }),
      'pass',
    );
    // A path with a problem of its own is not compared with the others too.
    assert.deepEqual(reported(id, at('/data', '/data/a:b', '/data/c')), [
      'containers.0.mounts.1',
      'containers.0.mounts.2',
    ]);
    // Every container is judged.
    assert.deepEqual(reported(id, { containers: [app([{ path: '/ok' }]), app([{ path: 'rel' }])] }), [
      'containers.1.mounts.0',
    ]);
  });

  test('volumes without containers have no mount path to judge', () => {
    assert.equal(status(id, { volumes: [gcs()] }), 'pass');
  });

  test('a value known only at apply time elsewhere still lets the known paths be judged', () => {
    assert.deepEqual(reported(id, at('/proc'), ['containers.0.cpu']), ['containers.0.mounts.0']);
  });
});

describe('GCR-VOLUME-EXECUTION-ENVIRONMENT', () => {
  const id = 'GCR-VOLUME-EXECUTION-ENVIRONMENT';
  const nfs: VolumeFacts = { name: 'share', kinds: ['nfs'] };

  test('a Cloud Storage or NFS volume on gen1 is a warning', () => {
    const v = only(id, { executionEnvironment: 'GEN1', volumes: [gcs()] });
    assert.equal(v.fact, 'volumes.0');
    assert.match(
      v.message,
      /Cloud Storage volume 'data' needs the gen2 execution environment, and the service runs gen1$/,
    );
    const below = judge(id, { cpu: 0.5, volumes: [mem(64), nfs, gcs()] }).violations;
    assert.deepEqual(
      below.map((x) => x.fact),
      ['volumes.1', 'volumes.2'],
    );
    assert.match(below[0].message, /NFS volume 'share' needs the gen2 .* runs gen1 \(below 1 vCPU\)/);
  });

  test('gen2, or 1 vCPU and more, passes', () => {
    for (const f of [
      {},
      { cpu: 1 },
      { executionEnvironment: 'GEN2' as const, cpu: 0.5 },
      { executionEnvironment: 'GEN2' as const },
    ])
      assert.equal(status(id, { ...f, volumes: [gcs(), nfs] }), 'pass', JSON.stringify(f));
  });

  test('only revisions with a network volume are judged', () => {
    assert.equal(status(id, { executionEnvironment: 'GEN1', volumes: [mem(64), sql(['p:us-central1:db'])] }), 'pass');
    assert.equal(status(id, { volumes: [mem(64)] }, ['cpu']), 'pass');
    assert.equal(status(id, { volumes: [nfs] }, ['cpu']), 'unknown');
    assert.equal(status(id, { volumes: [gcs()] }, ['cpu']), 'unknown');
    assert.equal(status(id, { volumes: [mem(64), nfs] }, ['cpu']), 'unknown');
    assert.equal(status(id, { volumes: [{ name: 'x', kinds: ['nfs', 'in-memory'] }] }, ['cpu']), 'unknown');
    assert.equal(status(id, {}, ['cpu']), 'pass');
    assert.equal(status(id, {}, ['volumes']), 'unknown');
    assert.equal(status(id, { executionEnvironment: 'GEN1' }), 'pass');
  });
});

describe('GCR-VOLUME-IN-MEMORY', () => {
  const id = 'GCR-VOLUME-IN-MEMORY';

  test('a size limit below the instance memory passes; none, or all of it, is a warning', () => {
    assert.equal(status(id, { memoryMiB: 1024, volumes: [mem(1023)] }), 'pass');
    const none = only(id, { memoryMiB: 1024, volumes: [gcs(), mem()] });
    assert.equal(none.fact, 'volumes.1');
    assert.equal(none.level, undefined);
    assert.match(
      none.message,
      /in-memory volume 'scratch' has no size limit, so it may fill up to half of the instance's 1Gi/,
    );
    for (const size of [1024, 4096]) {
      const all = only(id, { memoryMiB: 1024, volumes: [mem(size)] });
      assert.equal(all.level, undefined);
      assert.match(all.message, /in-memory volume 'scratch' may take .*, all of the instance's 1Gi of memory/);
    }
    assert.match(only(id, { memoryMiB: 1024, volumes: [mem(4096)] }).message, /may take 4Gi/);
  });

  test("the instance memory is every container's", () => {
    const containers: ContainerFacts[] = [
      { ingress: true, hasPorts: true, memoryMiB: 512 },
      { ingress: false, hasPorts: false, memoryMiB: 512 },
    ];
    assert.equal(status(id, { memoryMiB: 512, containers, volumes: [mem(1000)] }), 'pass');
    assert.match(only(id, { memoryMiB: 512, containers, volumes: [mem(1024)] }).message, /all of the instance's 1Gi/);
  });

  test('a size that is not a quantity is an error', () => {
    const v = only(id, { volumes: [mem(Number.NaN)] });
    assert.equal(v.level, CheckLevel.ERROR);
    assert.match(v.message, /in-memory volume 'scratch' has a size limit that is not a quantity/);
  });

  test('only in-memory volumes of one source are judged', () => {
    assert.equal(status(id, { volumes: [{ name: 'x', kinds: ['in-memory', 'nfs'] }] }), 'pass');
    assert.equal(status(id, { volumes: [{ name: 'd', kinds: ['disk'] }, gcs()] }, ['memoryMiB']), 'pass');
    assert.equal(status(id, { volumes: [mem()] }, ['memoryMiB']), 'unknown');
    assert.equal(status(id, { volumes: [gcs(), mem()] }, ['memoryMiB']), 'unknown');
    assert.equal(status(id, {}, ['memoryMiB']), 'pass');
    assert.equal(status(id, {}, ['volumes']), 'unknown');
    assert.equal(status(id, {}), 'pass');
  });
});

describe('GCR-VOLUME-CONTAINER', () => {
  const id = 'GCR-VOLUME-CONTAINER';

  test('a job or a worker pool has one container: naming any is refused, leaving it unset passes', () => {
    for (const [workload, what] of [
      ['job', 'a job'],
      ['worker-pool', 'a worker pool'],
    ] as const) {
      const containers = [app([], { name: 'worker' })];
      // Even the name of its own container: volumes are mounted on it without one.
      const v = judge(id, { workload, containers, volumes: [gcs(), { ...gcs('x'), container: 'worker' }] }).violations;
      assert.deepEqual(
        v.map((x) => [x.fact, x.message, x.fix]),
        [
          [
            'volumes.1.container',
            `${what} has one container, which every volume is mounted on: no container can be named`,
            'leave container unset: the one container gets every volume',
          ],
        ],
        workload,
      );
      assert.equal(status(id, { workload, containers, volumes: [gcs(), gcs('x')] }), 'pass', workload);
    }
  });

  test('a volume meant for a container names one of the service', () => {
    const containers = [app([]), app([], { name: 'proxy', ingress: false, hasPorts: false })];
    assert.equal(status(id, { containers, volumes: [gcs(), { ...gcs('x'), container: 'proxy' }] }), 'pass');
    const v = judge(id, {
      containers,
      volumes: [
        { ...gcs('x'), container: 'proxi' },
        { ...gcs('y'), container: 'z' },
      ],
    }).violations;
    assert.deepEqual(
      v.map((x) => x.fact),
      ['volumes.0.container', 'volumes.1.container'],
    );
    assert.match(v[0].message, /no container is named 'proxi'/);
    assert.match(v[0].fix, /name one of 'app', 'proxy'/);
    const nowhere = only(id, { volumes: [{ ...gcs(), container: 'app' }] });
    assert.match(nowhere.message, /no container is named 'app'/);
    assert.doesNotMatch(nowhere.fix, /'/);
    // No container to name (or none named): the fix says what to do instead of listing nothing.
    assert.equal(nowhere.fix, 'add a sidecar of that name, or leave container unset for the main container');
    const unnamed = only(id, { containers: [app([], { name: undefined })], volumes: [{ ...gcs(), container: 'x' }] });
    assert.equal(unnamed.fix, 'add a sidecar of that name, or leave container unset for the main container');
    assert.equal(status(id, { containers }), 'pass');
  });
});
