import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { APP_ENGINE_REDIRECT_CODES } from '../../../lib/platform/app-engine/handlers';
import { version } from './judge';

const { judge, reported, passes } = version;
const ID = 'GAE-REDIRECT-CODE';
const routed = { static: false, url: '/.*' };

describe('GAE-REDIRECT-CODE', () => {
  test('301, 302, 303 and 307 pass; the codes next to them fail, each handler named by its index', () => {
    for (const code of APP_ENGINE_REDIRECT_CODES) passes(ID, { handlers: [{ ...routed, redirectCode: code }] });
    for (const code of [300, 304, 306, 308]) {
      const { violations } = judge(ID, { handlers: [{ ...routed, redirectCode: code }] });
      assert.equal(violations.length, 1, String(code));
      assert.equal(violations[0].fact, 'handlers.0.redirectCode');
      assert.match(violations[0].message, /must be 301, 302, 303 or 307/);
      assert.match(violations[0].message, new RegExp(`, not ${code}$`));
      assert.equal(violations[0].fix, 'use one of those codes');
    }
    const handlers = [
      { ...routed, redirectCode: 301 },
      { ...routed, redirectCode: 200 },
      { ...routed },
      { ...routed, redirectCode: 404 },
    ];
    assert.deepEqual(reported(ID, { handlers }), ['handlers.1.redirectCode', 'handlers.3.redirectCode']);
  });

  test('a code that is not a number is named as such, without a value', () => {
    const [v] = judge(ID, { handlers: [{ ...routed, redirectCode: Number.NaN }] }).violations;
    assert.equal(v.message, 'redirectHttpResponseCode must be 301, 302, 303 or 307');
  });

  test('no handlers, or none that redirects, pass', () => {
    passes(ID, {});
    passes(ID, { handlers: [] });
    passes(ID, { handlers: [routed, { static: true, url: '/static' }] });
  });

  test('unknown handlers are not judged', () => {
    version.unknownSkips(ID, { handlers: [{ ...routed, redirectCode: 200 }] }, 'handlers');
  });
});
