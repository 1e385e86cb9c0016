import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { APP_ENGINE_RUNTIME_ENV } from '../../../lib/platform/app-engine/environment';
import { version } from './judge';

const { judge, reported, passes } = version;

describe('GAE-ENV-NAME', () => {
  const ID = 'GAE-ENV-NAME';

  test('C identifiers pass; other names fail one by one', () => {
    passes(ID, { envNames: ['DATABASE_URL', '_X', 'a1', 'GAE_USE_SOCKETS_HTTPLIB', 'PORT'] });
    passes(ID, { envNames: [] });
    passes(ID, {});
    for (const bad of ['1X', 'A-B', 'A B', '', 'É', 'X.Y', ' X', 'X ']) {
      const { violations } = judge(ID, { envNames: ['OK', bad] });
      assert.equal(violations.length, 1, JSON.stringify(bad));
      assert.equal(violations[0].fact, 'envNames.1');
      assert.equal(violations[0].message, `'${bad}' is not a valid variable name`);
      assert.match(violations[0].fix, /letters, digits and underscores/);
    }
  });

  test('each variable the runtime sets is refused, with a name to use instead', () => {
    for (const name of APP_ENGINE_RUNTIME_ENV) {
      const [v] = judge(ID, { envNames: [name] }).violations;
      assert.match(v.message, new RegExp(`^'${name}' is set by the App Engine runtime`));
      assert.match(v.fix, new RegExp(`'APP_${name}'`));
    }
    assert.equal(APP_ENGINE_RUNTIME_ENV.size, 8);
    assert.equal(reported(ID, { envNames: ['GAE_ENV', '1X', 'GAE_SERVICE'] }).length, 3);
  });
});

describe('GAE-ENV-RESERVED', () => {
  const ID = 'GAE-ENV-RESERVED';

  test('names only known at apply make it unknown, not failed', () => {
    version.unknownSkips(ID, { envNames: ['PORT'] }, 'envNames');
  });

  test('other GAE-prefixed names, PORT and GOOGLE_CLOUD_PROJECT are warned about; the runtime set is left to GAE-ENV-NAME', () => {
    const [gae] = judge(ID, { envNames: ['GAE_USE_SOCKETS_HTTPLIB'] }).violations;
    assert.equal(gae.fact, 'envNames.0');
    assert.match(gae.message, /^'GAE_USE_SOCKETS_HTTPLIB' starts with GAE/);
    assert.equal(gae.fix, "rename it, e.g. 'APP_GAE_USE_SOCKETS_HTTPLIB'");
    for (const name of ['PORT', 'GOOGLE_CLOUD_PROJECT']) {
      const [v] = judge(ID, { envNames: [name] }).violations;
      assert.match(v.message, new RegExp(`^${name} is set by the App Engine runtime, which does not let`));
      assert.equal(v.fix, `rename it, e.g. 'APP_${name}'`);
    }
    assert.equal(reported(ID, { envNames: ['GAEX', 'PORT', 'GAE_ENV', 'DEBUG', 'MY_GAE'] }).length, 2);
    for (const ok of [['GAE_ENV'], ['DEBUG', 'MY_GAE', 'gae_x', 'PORTS'], []]) passes(ID, { envNames: ok });
    passes(ID, {});
  });
});
