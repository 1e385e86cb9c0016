import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { APP_ENGINE_SECURE_ALWAYS } from '../../../lib/platform/app-engine/security';
import { version } from './judge';

const { judge, reported, passes } = version;

describe('GAE-HTTPS', () => {
  const ID = 'GAE-HTTPS';

  test('every handler with SECURE_ALWAYS passes', () => {
    passes(ID, { handlers: [{ static: false, url: '/.*', securityLevel: APP_ENGINE_SECURE_ALWAYS }] });
    passes(ID, {
      handlers: [
        { static: true, url: '/static', securityLevel: 'SECURE_ALWAYS' },
        { static: false, url: '/.*', securityLevel: 'SECURE_ALWAYS' },
      ],
    });
  });

  test('no handler written: the default handler serves plain HTTP', () => {
    for (const handlers of [undefined, []]) {
      const { violations } = judge(ID, { handlers });
      assert.equal(violations.length, 1);
      assert.equal(violations[0].fact, 'handlers');
      assert.match(violations[0].message, /default handler/);
      assert.match(violations[0].fix, /SECURE_ALWAYS/);
    }
  });

  test('each handler without SECURE_ALWAYS is reported, by url or index, with its level', () => {
    const handlers = [
      { static: false, url: '/api/.*', securityLevel: 'SECURE_OPTIONAL' },
      { static: false, url: '/ok', securityLevel: 'SECURE_ALWAYS' },
      { static: false },
      { static: true, url: '/s', securityLevel: 'SECURE_NEVER' },
    ];
    const { violations } = judge(ID, { handlers });
    assert.deepEqual(
      violations.map((v) => v.fact),
      ['handlers.0.securityLevel', 'handlers.2.securityLevel', 'handlers.3.securityLevel'],
    );
    assert.match(violations[0].message, /^handler '\/api\/\.\*' has security_level SECURE_OPTIONAL, /);
    assert.match(violations[1].message, /^handler 2 has security_level unset \(SECURE_DEFAULT\), /);
    assert.match(violations[2].message, /^handler '\/s' has security_level SECURE_NEVER, /);
    for (const v of violations) assert.match(v.fix, /SECURE_ALWAYS/);
  });

  test('unknown handlers are not judged', () => {
    version.unknownSkips(ID, { handlers: [] }, 'handlers');
  });
});

describe('GAE-PLAIN-SECRET-ENV', () => {
  const ID = 'GAE-PLAIN-SECRET-ENV';

  test('a secret name or value is reported at its index; pointers and empty values pass', () => {
    passes(ID, {});
    passes(ID, { env: [] });
    passes(ID, {
      env: [
        { name: 'DB_PASSWORD_FILE', value: '/run/secret' },
        { name: 'API_KEY', value: '' },
      ],
    });
    const env = [
      { name: 'DEBUG', value: '1' },
      { name: 'DB_PASSWORD', value: 'hunter2' },
      { name: 'UPSTREAM', value: 'https://user:pw@example.com/' },
    ];
    const { violations } = judge(ID, { env });
    assert.deepEqual(
      violations.map((v) => v.fact),
      ['env.1', 'env.2'],
    );
    assert.match(violations[0].message, /DB_PASSWORD/);
    assert.match(violations[1].message, /UPSTREAM .*password/);
    for (const v of violations) assert.match(v.fix, /Secret Manager/);
  });

  test('an unknown env is not judged', () => {
    assert.equal(judge(ID, { env: [{ name: 'TOKEN', value: 'x' }] }, ['env']).status, 'unknown');
    assert.deepEqual(reported(ID, { env: [{ name: 'TOKEN', value: 'x' }] }), ['env.0']);
  });
});
