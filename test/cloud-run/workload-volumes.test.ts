import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { TerraformVariable, type TerraformStack } from 'cdktf';
import {
  Celery,
  checkStack,
  CloudRunJob,
  type CloudRunJobProps,
  CloudRunWorkerPool,
  type CloudRunWorkerPoolProps,
  Django,
  Volume,
} from '../../lib';
import { ValidationError } from '../../lib/core/validation';
import { grantAddresses, newStack, only, resources, synth, warnings } from '../support/synth';

const BASE = {
  region: 'europe-west1',
  image: 'europe-docker.pkg.dev/p/r/web@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
};

type Props = Partial<CloudRunJobProps & CloudRunWorkerPoolProps>;

/** Jobs and worker pools take volumes the same way; each case runs on both. */
const KINDS = [
  {
    name: 'CloudRunJob',
    type: 'google_cloud_run_v2_job',
    create: (stack: TerraformStack, props: Props) =>
      new CloudRunJob(stack, 'Migrate', { ...BASE, task: Django.manage('migrate'), ...props } as CloudRunJobProps),
    /** The revision template (volumes and containers). */
    template: (res: any) => res.template.template,
  },
  {
    name: 'CloudRunWorkerPool',
    type: 'google_cloud_run_v2_worker_pool',
    create: (stack: TerraformStack, props: Props) =>
      new CloudRunWorkerPool(stack, 'Orders', {
        ...BASE,
        worker: Celery.worker({ app: 'shop' }),
        ...props,
      } as CloudRunWorkerPoolProps),
    template: (res: any) => res.template,
  },
] as const;

for (const kind of KINDS) {
  const build = (props: Props) => {
    const stack = newStack();
    const construct = kind.create(stack, props);
    const json = synth(stack);
    const template = kind.template(only(json, kind.type));
    return { stack, construct, json, template, container: template.containers[0] };
  };
  const rejects = (props: Props, ...patterns: RegExp[]) => {
    let caught: unknown;
    try {
      kind.create(newStack(), props);
    } catch (e) {
      caught = e;
    }
    assert.ok(caught instanceof ValidationError, `expected a ValidationError, got ${caught}`);
    for (const p of patterns) assert.match(caught.message, p);
    return caught;
  };

  describe(`${kind.name} volumes`, () => {
    test('is created after the bindings its secrets and volumes need (Cloud Run checks secrets when it is created)', () => {
      const { json } = build({
        secrets: { API_KEY: { secret: 'api-key' } },
        volumes: [Volume.cloudSql(['p:europe-west1:db']), Volume.bucket('exports'), Volume.secret('settings')],
      });
      const grants = grantAddresses(json);
      assert.equal(grants.length, 4);
      assert.deepEqual([...only(json, kind.type).depends_on].sort(), grants);
      assert.equal(only(synth(((s) => (kind.create(s, {}), s))(newStack())), kind.type).depends_on, undefined);
    });

    test('Cloud SQL: the sockets at /cloudsql, and roles/cloudsql.client for the runtime account on the instance project', () => {
      const { json, template, container } = build({ volumes: [Volume.cloudSql(['shop-prod:europe-west1:db'])] });
      assert.deepEqual(template.volumes, [
        { name: 'cloudsql', cloud_sql_instance: { instances: ['shop-prod:europe-west1:db'] } },
      ]);
      assert.deepEqual(container.volume_mounts, [{ name: 'cloudsql', mount_path: '/cloudsql' }]);
      const grant = only(json, 'google_project_iam_member');
      assert.equal(grant.project, 'shop-prod');
      assert.equal(grant.role, 'roles/cloudsql.client');
      assert.equal(grant.member, `serviceAccount:${template.service_account}`);
    });

    test('an instance named by a reference is accepted and granted on the project given, or the provider one', () => {
      const stack = newStack();
      const conn = new TerraformVariable(stack, 'conn', { type: 'string' }).stringValue;
      kind.create(stack, { project: 'shop-prod', volumes: [Volume.cloudSql([conn])] });
      const json = synth(stack);
      assert.equal(only(json, 'google_project_iam_member').project, 'shop-prod');
      assert.deepEqual(kind.template(only(json, kind.type)).volumes[0].cloud_sql_instance.instances, ['${var.conn}']);
      const other = newStack();
      const c2 = new TerraformVariable(other, 'conn', { type: 'string' }).stringValue;
      kind.create(other, { volumes: [Volume.cloudSql([c2])] });
      assert.match(only(synth(other), 'google_project_iam_member').project, /data\.google_project\.\w+\.project_id/);
    });

    test('buckets, NFS, in-memory and secret volumes, at their default paths, with the roles each needs', () => {
      const { json, template, container } = build({
        volumes: [
          Volume.bucket('exports'),
          Volume.bucket('models', { readOnly: true, mountPath: '/models' }),
          Volume.nfs('10.0.0.2', '/share'),
          Volume.inMemory({ sizeLimit: '64Mi' }),
          Volume.secret('django-settings'),
        ],
      });
      assert.deepEqual(template.volumes, [
        { name: 'exports', gcs: { bucket: 'exports' } },
        { name: 'models', gcs: { bucket: 'models', read_only: true } },
        { name: 'nfs', nfs: { server: '10.0.0.2', path: '/share' } },
        { name: 'in-memory', empty_dir: { medium: 'MEMORY', size_limit: '64Mi' } },
        { name: 'django-settings', secret: { secret: 'django-settings' } },
      ]);
      assert.deepEqual(container.volume_mounts, [
        { name: 'exports', mount_path: '/mnt/exports' },
        { name: 'models', mount_path: '/models' },
        { name: 'nfs', mount_path: '/mnt/nfs' },
        { name: 'in-memory', mount_path: '/mnt/in-memory' },
        { name: 'django-settings', mount_path: '/secrets/django-settings' },
      ]);
      const buckets = Object.values(resources(json, 'google_storage_bucket_iam_member')).map((g) => [g.bucket, g.role]);
      assert.deepEqual(buckets, [
        ['exports', 'roles/storage.objectUser'],
        ['models', 'roles/storage.objectViewer'],
      ]);
      const secret = only(json, 'google_secret_manager_secret_iam_member');
      assert.equal(secret.secret_id, 'django-settings');
      assert.equal(secret.role, 'roles/secretmanager.secretAccessor');
      assert.equal(secret.member, `serviceAccount:${template.service_account}`);
    });

    test('two volumes of one kind get unique names, and a secret read by env and volume is granted once', () => {
      const { json, template, container } = build({
        secrets: { API_KEY: { secret: 'api-key' } },
        volumes: [
          Volume.inMemory({ sizeLimit: '16Mi' }),
          Volume.inMemory({ sizeLimit: '16Mi', mountPath: '/scratch' }),
          Volume.secret('api-key', undefined, { mountPath: '/keys' }),
        ],
      });
      assert.deepEqual(
        template.volumes.map((v: { name: string }) => v.name),
        ['in-memory', 'in-memory-2', 'api-key'],
      );
      assert.deepEqual(
        container.volume_mounts.map((m: { name: string }) => m.name),
        ['in-memory', 'in-memory-2', 'api-key'],
      );
      assert.equal(Object.keys(resources(json, 'google_secret_manager_secret_iam_member')).length, 1);
    });

    test('without volumes nothing is written', () => {
      const { json, template, container } = build({});
      assert.equal(template.volumes, undefined);
      assert.equal(container.volume_mounts, undefined);
      assert.deepEqual(resources(json, 'google_project_iam_member'), {});
    });

    test("a volume's container is refused (one container), by name or as a token, naming the prop and the rule", () => {
      const e = rejects(
        { volumes: [Volume.cloudSql(['p:europe-west1:db']), Volume.inMemory({ sizeLimit: '8Mi', container: 'app' })] },
        /volumes\.1\.container = 'app': a (job|worker pool) has one container, which every volume is mounted on: no container can be named \[GCR-VOLUME-CONTAINER\]\. Fix: leave container unset/,
      );
      assert.doesNotMatch((e as Error).message, /volumes\.0/);
      const stack = newStack();
      const name = new TerraformVariable(stack, 'sidecar', { type: 'string' }).stringValue;
      assert.throws(
        () => kind.create(stack, { volumes: [Volume.inMemory({ sizeLimit: '8Mi', container: name })] }),
        /volumes\.0\.container = .*\[GCR-VOLUME-CONTAINER\]/,
      );
    });

    test('the volume rules judge them: mount paths, sources, in-memory size', () => {
      rejects(
        { volumes: [Volume.cloudSql(['p:europe-west1:db'], { mountPath: '/sql' })] },
        /volumes\.0\.mountPath = '\/sql': a Cloud SQL volume is mounted at \/cloudsql .*\[GCR-VOLUME-MOUNT-PATH\]/,
      );
      rejects(
        { volumes: [Volume.cloudSql(['main-db'])] },
        /volumes\.0 = Volume\.cloudSql\(\["main-db"\]\): Cloud SQL instance 'main-db' is not a connection name .*\[GCR-VOLUME-SOURCE\]/,
      );
      rejects(
        { volumes: [Volume.bucket('a', { mountPath: '/data' }), Volume.bucket('b', { mountPath: '/data/b' })] },
        /volumes\.1\.mountPath = '\/data\/b': '\/data\/b' and '\/data' are nested mounts .*\[GCR-VOLUME-MOUNT-PATH\]/,
      );
      const { construct } = build({ volumes: [Volume.inMemory()] });
      assert.ok(
        warnings(construct).some((w) =>
          /volumes\.0 = Volume\.inMemory\(\): in-memory volume 'in-memory' has no size limit.*GCR-VOLUME-IN-MEMORY/.test(
            w,
          ),
        ),
        warnings(construct).join('\n'),
      );
    });

    test('a mount path given as a token is accepted and written', () => {
      const stack = newStack();
      const path = new TerraformVariable(stack, 'path', { type: 'string' }).stringValue;
      kind.create(stack, { volumes: [Volume.bucket('exports', { mountPath: path })] });
      const template = kind.template(only(synth(stack), kind.type));
      assert.deepEqual(template.containers[0].volume_mounts, [{ name: 'exports', mount_path: '${var.path}' }]);
    });

    test('a misspelt volume option is reported with a misspelt prop, at once', () => {
      rejects(
        { volume: [], volumes: [Volume.bucket('b', { readonly: true } as never)] } as never,
        /volume = \[\]: 'volume' is not a known prop/,
        /volumes\.0\.readonly = true: 'readonly' is not a known prop/,
      );
    });

    test('what it writes passes the error-level rules of the checker', () => {
      const { stack } = build({
        volumes: [
          Volume.cloudSql(['p:europe-west1:db']),
          Volume.bucket('m', { readOnly: true }),
          Volume.nfs('10.0.0.2', '/share'),
          Volume.inMemory({ sizeLimit: '8Mi' }),
          Volume.secret('tls', [{ path: 'cert.pem', mode: 0o400 }]),
        ],
      });
      const errors = checkStack(stack).filter((f) => f.status === 'fail' && f.level === 'error');
      assert.deepEqual(errors, []);
      // The checker does read them: the same output with the Cloud SQL mount moved fails its rule.
      const { stack: moved, construct } = build({ volumes: [Volume.cloudSql(['p:europe-west1:db'])] });
      const at = kind.type === 'google_cloud_run_v2_job' ? 'template.template' : 'template';
      construct.resource.addOverride(`${at}.containers.0.volume_mounts.0.mount_path`, '/sql');
      const failed = checkStack(moved).filter((f) => f.status === 'fail' && f.level === 'error');
      assert.deepEqual(
        failed.map((f) => f.ruleId),
        ['GCR-VOLUME-MOUNT-PATH'],
      );
    });
  });
}
