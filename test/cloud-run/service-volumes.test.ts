import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { TerraformVariable } from 'cdktf';
import { CloudRunService, ExecutionEnvironment, Gunicorn, Volume, VolumeType, checkStack } from '../../lib';
import { IMAGE, serviceTests } from '../support/cloud-run';
import { grantAddresses, newStack, only, resources, synth, warnings } from '../support/synth';

const BASE = { region: 'us-central1', image: IMAGE, maxInstances: 10 };
const { build, rejects } = serviceTests(BASE);

describe('CloudRunService volumes: Cloud SQL', () => {
  test('the service is created after the bindings its secrets and volumes need (Cloud Run checks secrets at deployment)', () => {
    const { res, json } = build({
      secrets: { API_KEY: { secret: 'api-key' } },
      volumes: [Volume.cloudSql(['p:us-central1:db']), Volume.bucket('exports'), Volume.secret('settings')],
    });
    const grants = grantAddresses(json);
    assert.equal(grants.length, 4);
    assert.deepEqual([...res.depends_on].sort(), grants);
    assert.equal(build({}).res.depends_on, undefined);
  });

  test('mounts the instances at /cloudsql and grants roles/cloudsql.client on their project, once per project', () => {
    const { res, container, json } = build({
      volumes: [Volume.cloudSql(['shop-prod:us-central1:main', 'shop-prod:us-central1:replica'])],
    });
    assert.deepEqual(res.template.volumes, [
      {
        name: 'cloudsql',
        cloud_sql_instance: { instances: ['shop-prod:us-central1:main', 'shop-prod:us-central1:replica'] },
      },
    ]);
    assert.deepEqual(container.volume_mounts, [{ name: 'cloudsql', mount_path: '/cloudsql' }]);
    const grant = only(json, 'google_project_iam_member');
    assert.equal(grant.project, 'shop-prod');
    assert.equal(grant.role, 'roles/cloudsql.client');
    assert.match(grant.member, /^serviceAccount:\$\{google_service_account\.\w+\.email\}$/);
  });

  test('an instance named by a reference is granted on the service project (or the provider one)', () => {
    const stack = newStack();
    const conn = new TerraformVariable(stack, 'conn', { type: 'string' }).stringValue;
    new CloudRunService(stack, 'Api', { ...BASE, project: 'shop-prod', volumes: [Volume.cloudSql([conn])] });
    assert.equal(only(synth(stack), 'google_project_iam_member').project, 'shop-prod');
    const other = newStack();
    const c2 = new TerraformVariable(other, 'conn', { type: 'string' }).stringValue;
    new CloudRunService(other, 'Api', { ...BASE, volumes: [Volume.cloudSql([c2])] });
    assert.match(only(synth(other), 'google_project_iam_member').project, /data\.google_project\.\w+\.project_id/);
  });

  test('a Cloud SQL volume elsewhere than /cloudsql, or a malformed connection name, is refused', () => {
    rejects(
      { volumes: [Volume.cloudSql(['p:us-central1:db'], { mountPath: '/sql' })] },
      /volumes\.0\.mountPath = '\/sql': a Cloud SQL volume is mounted at \/cloudsql .*\[GCR-VOLUME-MOUNT-PATH\]\. Fix: mount it at \/cloudsql/,
    );
    rejects(
      { volumes: [Volume.cloudSql(['main-db'])] },
      /volumes\.0 = Volume\.cloudSql\(\["main-db"\]\): Cloud SQL instance 'main-db' is not a connection name .*\[GCR-VOLUME-SOURCE\]/,
    );
    rejects({ volumes: [Volume.cloudSql([])] }, /names no instance \[GCR-VOLUME-SOURCE\]/);
  });
});

describe('CloudRunService volumes: Cloud Storage, NFS, in-memory, secrets', () => {
  test('a bucket mounts read-write with roles/storage.objectUser, read-only with roles/storage.objectViewer', () => {
    const { res, json } = build({
      volumes: [Volume.bucket('uploads'), Volume.bucket('models', { readOnly: true, mountPath: '/models' })],
    });
    assert.deepEqual(res.template.volumes, [
      { name: 'uploads', gcs: { bucket: 'uploads' } },
      { name: 'models', gcs: { bucket: 'models', read_only: true } },
    ]);
    assert.deepEqual(res.template.containers[0].volume_mounts, [
      { name: 'uploads', mount_path: '/mnt/uploads' },
      { name: 'models', mount_path: '/models' },
    ]);
    const grants = Object.values(resources(json, 'google_storage_bucket_iam_member')).map((g) => [g.bucket, g.role]);
    assert.deepEqual(grants.sort(), [
      ['models', 'roles/storage.objectViewer'],
      ['uploads', 'roles/storage.objectUser'],
    ]);
  });

  test('network volumes in gen1 are a warning (the requirement is disputed); gen2 is fine', () => {
    const gen1 = build({
      executionEnvironment: ExecutionEnvironment.GEN1,
      volumes: [Volume.nfs('10.0.0.2', '/share')],
    });
    assert.ok(
      warnings(gen1.svc).some((w) =>
        /volumes\.0 = Volume\.nfs\('10\.0\.0\.2', '\/share'\): NFS volume 'nfs' needs the gen2 execution environment.*GCR-VOLUME-EXECUTION-ENVIRONMENT/.test(
          w,
        ),
      ),
    );
    assert.deepEqual(gen1.res.template.volumes, [{ name: 'nfs', nfs: { server: '10.0.0.2', path: '/share' } }]);
    assert.deepEqual(warnings(build({ volumes: [Volume.nfs('10.0.0.2', '/share')] }).svc), []);
  });

  test('an in-memory volume without a size limit is a warning; with one it is written and counts against memory', () => {
    const unbounded = build({ volumes: [Volume.inMemory()] });
    assert.ok(
      warnings(unbounded.svc).some((w) =>
        /in-memory volume 'in-memory' has no size limit.*GCR-VOLUME-IN-MEMORY/.test(w),
      ),
    );
    const { res, svc } = build({ volumes: [Volume.inMemory({ sizeLimit: '128Mi', mountPath: '/scratch' })] });
    assert.deepEqual(res.template.volumes, [
      { name: 'in-memory', empty_dir: { medium: 'MEMORY', size_limit: '128Mi' } },
    ]);
    assert.deepEqual(warnings(svc), []);
    assert.ok(
      warnings(build({ volumes: [Volume.inMemory({ sizeLimit: '512Mi' })] }).svc).some((w) =>
        /may take 512Mi, all of the instance's 512Mi of memory/.test(w),
      ),
    );
  });

  test('in-memory volumes and bucket caches count against the gunicorn memory check', () => {
    const server = Gunicorn.wsgi({ app: 'main:app', workers: 2, memoryPerWorker: '230Mi' });
    build({ memory: '512Mi', server });
    rejects(
      { memory: '512Mi', server, volumes: [Volume.inMemory({ sizeLimit: '128Mi' })] },
      /2 workers need 460Mi, more than the 384Mi left of the instance's 512Mi after 128Mi for in-memory volume 'in-memory' \[GCR-SERVER-MEMORY\]\. Fix: raise memory to at least 588Mi/,
    );
    rejects(
      { memory: '512Mi', server, volumes: [Volume.bucket('a'), Volume.bucket('b'), Volume.bucket('c')] },
      /Cloud Storage FUSE caches of 'a'/,
    );
  });

  test('a secret volume mounts chosen versions and grants the accessor role once with env secrets', () => {
    const { res, json } = build({
      secrets: { DB_PASSWORD: { secret: 'db' } },
      volumes: [
        Volume.secret('db', [{ path: 'password', version: '3' }], { defaultMode: 0o400 }),
        Volume.secret('projects/other/secrets/tls'),
      ],
    });
    assert.deepEqual(res.template.volumes, [
      { name: 'db', secret: { secret: 'db', default_mode: 256, items: [{ path: 'password', version: '3' }] } },
      { name: 'tls', secret: { secret: 'projects/other/secrets/tls' } },
    ]);
    assert.deepEqual(res.template.containers[0].volume_mounts, [
      { name: 'db', mount_path: '/secrets/db' },
      { name: 'tls', mount_path: '/secrets/tls' },
    ]);
    const secrets = Object.values(resources(json, 'google_secret_manager_secret_iam_member')).map((g) => g.secret_id);
    assert.deepEqual(secrets, ['db', 'projects/other/secrets/tls']);
  });

  test('secret file modes are 0 to 0777', () => {
    rejects(
      { volumes: [Volume.secret('db', [{ path: 'password', mode: 400 }], { defaultMode: 0o1000 })] },
      /volumes\.0 = Volume\.secret\('db', .*\): secret volume 'db' has file mode 512; modes are 0 to 0777 .*\[GCR-VOLUME-SOURCE\]\. Fix: write the mode in octal, e\.g\. 0o400/,
    );
    build({ volumes: [Volume.secret('db', [{ path: 'password', mode: 0o400 }])] });
  });

  test('derived names stay unique; a name given is kept', () => {
    const { res } = build({
      volumes: [Volume.nfs('a', '/x'), Volume.nfs('b', '/y'), Volume.inMemory({ name: 'tmp', sizeLimit: '8Mi' })],
    });
    assert.deepEqual(
      res.template.volumes.map((v: { name: string }) => v.name),
      ['nfs', 'nfs-2', 'tmp'],
    );
    assert.deepEqual(
      res.template.containers[0].volume_mounts.map((m: { mount_path: string }) => m.mount_path),
      ['/mnt/nfs', '/mnt/nfs-2', '/mnt/tmp'],
    );
    assert.equal(Volume.nfs('a', '/x').type, VolumeType.NFS);
  });
});

describe('CloudRunService volumes: mount paths', () => {
  test('relative paths, ":", /dev, /proc, /sys, nesting and repeats are refused, all at once', () => {
    const error = rejects(
      {
        volumes: [
          Volume.inMemory({ sizeLimit: '8Mi', mountPath: 'data' }),
          Volume.inMemory({ sizeLimit: '8Mi', mountPath: '/a:b' }),
          Volume.inMemory({ sizeLimit: '8Mi', mountPath: '/proc/x' }),
          Volume.inMemory({ sizeLimit: '8Mi', mountPath: '/srv' }),
          Volume.inMemory({ sizeLimit: '8Mi', mountPath: '/srv/cache' }),
          Volume.inMemory({ sizeLimit: '8Mi', mountPath: '/srv/' }),
        ],
      },
      /volumes\.0\.mountPath = 'data': mount path 'data' is not absolute/,
      /volumes\.1\.mountPath = '\/a:b': mount path '\/a:b' contains ':'/,
      /volumes\.2\.mountPath = '\/proc\/x': Cloud Run does not mount volumes at \/proc or under it/,
      /volumes\.4\.mountPath = '\/srv\/cache': '\/srv\/cache' and '\/srv' are nested mounts/,
      /volumes\.5\.mountPath = '\/srv\/': two volumes are mounted at '\/srv\/' in the same container/,
    );
    assert.equal(error.problems.filter((p) => p.ruleId === 'GCR-VOLUME-MOUNT-PATH').length, 5);
    // Siblings are fine: /srv-data is not inside /srv.
    build({
      volumes: [
        Volume.inMemory({ sizeLimit: '8Mi', mountPath: '/srv' }),
        Volume.inMemory({ sizeLimit: '8Mi', mountPath: '/srv-data' }),
      ],
    });
  });

  test('a mount path given as a token is written as given, never judged', () => {
    const stack = newStack();
    const path = new TerraformVariable(stack, 'path', { type: 'string' }).stringValue;
    new CloudRunService(stack, 'Api', { ...BASE, volumes: [Volume.inMemory({ sizeLimit: '8Mi', mountPath: path })] });
    const res = only(synth(stack), 'google_cloud_run_v2_service');
    assert.deepEqual(res.template.containers[0].volume_mounts, [{ name: 'in-memory', mount_path: '${var.path}' }]);
  });

  test('a container name given as a token leaves the mount paths judged (found by the fuzz suite)', () => {
    const stack = newStack();
    const containerName = new TerraformVariable(stack, 'container', { type: 'string' }).stringValue;
    assert.throws(
      () =>
        new CloudRunService(stack, 'Api', {
          ...BASE,
          containerName,
          volumes: [
            Volume.inMemory({ sizeLimit: '8Mi', mountPath: '/data' }),
            Volume.secret('tls-cert', undefined, { mountPath: '/data' }),
          ],
        }),
      /volumes\.1\.mountPath = '\/data': two volumes are mounted at '\/data' in the same container \[GCR-VOLUME-MOUNT-PATH\]/,
    );
  });

  test('wrong types and misspelt options are reported under the volume, with every other problem', () => {
    rejects(
      {
        cpu: 3,
        volumes: [
          Volume.bucket('b', { readonly: true } as never),
          Volume.cloudSql('p:us-central1:db' as never),
          Volume.inMemory({ sizeLimit: 256 } as never),
        ],
      },
      /volumes\.0\.readonly = true: 'readonly' is not a known prop/,
      /volumes\.1\.instances = 'p:us-central1:db': expected a list of strings, got a string\. Fix: wrap it in a list/,
      /volumes\.2\.sizeLimit = 256: expected a string, got a number/,
    );
    rejects({ volumes: ['x' as never] }, /volumes\.0 = 'x': expected Volume\.cloudSql/);
    // A misspelt prop does not hide a misspelt option.
    rejects(
      { volume: [], volumes: [Volume.bucket('b', { readonly: true } as never)] } as never,
      /volume = \[\]: 'volume' is not a known prop/,
      /volumes\.0\.readonly = true: 'readonly' is not a known prop/,
    );
  });
});

describe('CloudRunService volumes: the checker reads them back', () => {
  test('what the construct writes passes the error-level rules of the checker', () => {
    const { stack } = build({
      volumes: [
        Volume.cloudSql(['p:us-central1:db']),
        Volume.bucket('m', { readOnly: true }),
        Volume.inMemory({ sizeLimit: '8Mi' }),
      ],
    });
    const errors = checkStack(stack).filter((f) => f.status === 'fail' && f.level === 'error');
    assert.deepEqual(errors, []);
  });
});
