import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CLOUD_RUN_RULES } from '../../../lib/platform/cloud-run';
import { CLOUD_RUN_ENV_VALUE_MAX, CLOUD_RUN_RESERVED_ENV } from '../../../lib/platform/cloud-run/environment';
import type { CloudRunFacts, EnvFacts } from '../../../lib/platform/cloud-run/facts';
import { ruleTests } from './judge';

const { status, reported, only } = ruleTests<CloudRunFacts>(CLOUD_RUN_RULES);
const env = (...vars: EnvFacts[]): CloudRunFacts => ({ env: vars });

describe('GCR-ENV-NAME', () => {
  const id = 'GCR-ENV-NAME';

  test('names are C identifiers; the fix proposes one', () => {
    assert.equal(status(id, env({ name: 'DATABASE_URL' }, { name: '_x1' }, { name: 'a' })), 'pass');
    assert.equal(status(id, {}), 'pass');
    for (const [name, fixed] of [
      ['1ST', '_1ST'],
      ['my-var', 'my_var'],
      ['A.B C', 'A_B_C'],
      ['', ''],
      ['X!', 'X_'],
      ['KEY-1', 'KEY_1'],
      ['$X', '_X'],
    ]) {
      const v = only(id, env({ name: 'OK' }, { name }));
      assert.equal(v.fact, 'env.1', name);
      assert.match(
        v.message,
        new RegExp(`^'${name.replace(/[.$]/g, '\\$&')}' is not a valid environment variable name`),
      );
      assert.equal(v.fix, `rename it, e.g. '${fixed}'`);
    }
    assert.deepEqual(reported(id, env({ name: 'a-b' }, { name: 'OK' }, { name: '9' })), ['env.0', 'env.2']);
  });
});

describe('GCR-ENV-RESERVED', () => {
  const id = 'GCR-ENV-RESERVED';

  test("each workload's reserved variables, and only its own", () => {
    assert.deepEqual(
      Object.fromEntries(Object.entries(CLOUD_RUN_RESERVED_ENV).map(([k, names]) => [k, [...names].sort()])),
      {
        service: ['K_CONFIGURATION', 'K_REVISION', 'K_SERVICE', 'PORT'],
        job: [
          'CLOUD_RUN_EXECUTION',
          'CLOUD_RUN_JOB',
          'CLOUD_RUN_TASK_ATTEMPT',
          'CLOUD_RUN_TASK_COUNT',
          'CLOUD_RUN_TASK_INDEX',
        ],
        'worker-pool': ['CLOUD_RUN_WORKER_POOL', 'CLOUD_RUN_WORKER_POOL_REVISION'],
      },
    );
    const label = { service: 'service', job: 'job', 'worker-pool': 'worker pool' } as const;
    for (const [workload, names] of Object.entries(CLOUD_RUN_RESERVED_ENV) as Array<
      [keyof typeof label, ReadonlySet<string>]
    >) {
      for (const name of names) {
        const v = only(id, { workload, env: [{ name: 'OK' }, { name }] });
        assert.equal(v.fact, 'env.1');
        assert.match(v.message, new RegExp(`^${name} is set by Cloud Run in every ${label[workload]} container`));
        assert.equal(v.fix, 'remove it; read it at runtime instead');
      }
      for (const [other, others] of Object.entries(CLOUD_RUN_RESERVED_ENV)) {
        if (other === workload) continue;
        for (const name of others)
          assert.equal(status(id, { workload, env: [{ name }] }), 'pass', `${name} in a ${workload}`);
      }
    }
    // A resource that does not say is a service.
    assert.deepEqual(reported(id, env({ name: 'PORT' })), ['env.0']);
  });
});

describe('GCR-ENV-VALUE-LENGTH', () => {
  test('at most 32768 characters a value', () => {
    const id = 'GCR-ENV-VALUE-LENGTH';
    assert.equal(CLOUD_RUN_ENV_VALUE_MAX, 32768);
    assert.equal(status(id, env({ name: 'A', valueLength: 32768 }, { name: 'B' })), 'pass');
    const v = only(id, env({ name: 'A' }, { name: 'BIG', valueLength: 32769 }));
    assert.equal(v.fact, 'env.1');
    assert.match(
      v.message,
      /^the value of BIG has 32769 characters; an environment variable value holds at most 32768/,
    );
  });
});

describe('GCR-ENV-DUPLICATE', () => {
  test('a variable set twice is reported at its second place', () => {
    const id = 'GCR-ENV-DUPLICATE';
    assert.equal(status(id, env({ name: 'A' }, { name: 'B' }, { name: 'a' })), 'pass');
    const v = only(id, env({ name: 'A' }, { name: 'B' }, { name: 'A', secret: 's' }));
    assert.equal(v.fact, 'env.2');
    assert.match(v.message, /^A is set twice; Cloud Run takes exactly one value per variable/);
    assert.equal(v.fix, 'set A once, either as a value or from a secret');
    assert.deepEqual(reported(id, env({ name: 'A' }, { name: 'A' }, { name: 'A' })), ['env.1', 'env.2']);
  });
});

describe('GCR-SECRET-REF', () => {
  const id = 'GCR-SECRET-REF';

  test('a secret is its id or its full name; its version latest or a number', () => {
    for (const secret of [
      'db-password',
      'a',
      'A_1',
      'x'.repeat(255),
      'projects/shop/secrets/db-password',
      'projects/123/secrets/k',
    ])
      assert.equal(status(id, env({ name: 'S', secret, secretVersion: 'latest' })), 'pass', secret);
    for (const secretVersion of ['latest', '1', '12', undefined])
      assert.equal(status(id, env({ name: 'S', secret: 's', secretVersion })), 'pass', secretVersion);
    for (const secret of [
      '',
      'x'.repeat(256),
      'db password',
      'projects/shop/secrets/',
      'projects//secrets/x',
      'projects/a/b/secrets/x',
      'projects/shop/secrets/x/versions/1',
      'x/projects/shop/secrets/y',
      'projects/shop/secrets/y z',
    ])
      assert.deepEqual(reported(id, env({ name: 'S', secret })), ['env.0.secret'], secret);
    for (const secretVersion of ['0', '01', 'LATEST', 'v1', '1a', 'a1', 'latest1', ''])
      assert.deepEqual(reported(id, env({ name: 'S', secretVersion })), ['env.0.secretVersion'], secretVersion);
  });

  test('the messages name the value given', () => {
    const [secret, version] = [
      only(id, env({ name: 'A' }, { name: 'S', secret: 'a b' })),
      only(id, env({ name: 'A' }, { name: 'S', secretVersion: 'v2' })),
    ];
    assert.equal(secret.fact, 'env.1.secret');
    assert.match(secret.message, /^'a b' is not a secret: a secret is its id or projects\/<project>\/secrets\/<id>/);
    assert.equal(version.fact, 'env.1.secretVersion');
    assert.match(version.message, /^'v2' is not a secret version: a secret version is 'latest' or a version number/);
    assert.deepEqual(reported(id, env({ name: 'S', secret: '!', secretVersion: '!' })), [
      'env.0.secret',
      'env.0.secretVersion',
    ]);
    assert.equal(status(id, {}), 'pass');
  });
});
