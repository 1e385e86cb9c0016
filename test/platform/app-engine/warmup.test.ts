import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { APP_ENGINE_WARMUP_SERVICE } from '../../../lib/platform/app-engine/warmup';
import { version } from './judge';

const { judge, passes } = version;
const warmup = [APP_ENGINE_WARMUP_SERVICE];

describe('GAE-WARMUP-MIN-INSTANCES', () => {
  const ID = 'GAE-WARMUP-MIN-INSTANCES';

  test('min instances or min idle instances of 1 without warmup are reported, naming the count set', () => {
    for (const fact of ['minInstances', 'minIdleInstances'] as const) {
      const [v] = judge(ID, { [fact]: 1 }).violations;
      assert.equal(v.fact, 'inboundServices');
      assert.equal(v.message, `${fact} is set but warmup requests are off`);
      assert.match(v.fix, /INBOUND_SERVICE_WARMUP/);
      passes(ID, { [fact]: 0 });
      passes(ID, { [fact]: 1, inboundServices: warmup });
      passes(ID, { [fact]: 1, inboundServices: ['INBOUND_SERVICE_MAIL', ...warmup] });
    }
    assert.match(judge(ID, { minInstances: 1, minIdleInstances: 1 }).violations[0].message, /^minInstances /);
    assert.match(
      judge(ID, { minInstances: 1, inboundServices: ['INBOUND_SERVICE_MAIL'] }).violations[0].message,
      /^minInstances /,
    );
    passes(ID, {});
  });

  test('basic and manual scaling are not judged', () => {
    passes(ID, { scalingType: 'basic', minInstances: 1, minIdleInstances: 1 });
    passes(ID, { scalingType: 'manual', minInstances: 1, minIdleInstances: 1 });
  });
});

describe('GAE-WARMUP-SCALING', () => {
  const ID = 'GAE-WARMUP-SCALING';

  test('warmup with basic or manual scaling is reported with the scaling type; automatic and no warmup pass', () => {
    for (const scalingType of ['basic', 'manual'] as const) {
      const [v] = judge(ID, { scalingType, inboundServices: warmup }).violations;
      assert.equal(v.fact, 'inboundServices');
      assert.equal(v.message, `${scalingType} scaling instances never receive /_ah/warmup`);
      assert.match(v.fix, /\/_ah\/start/);
      passes(ID, { scalingType });
      passes(ID, { scalingType, inboundServices: ['INBOUND_SERVICE_MAIL'] });
    }
    passes(ID, { inboundServices: warmup });
  });
});

describe('GAE-WARMUP-HANDLER', () => {
  const ID = 'GAE-WARMUP-HANDLER';
  const staticOnly = [
    { static: true, url: '/a' },
    { static: true, url: '/b' },
  ];

  test('warmup asked for with only static handlers is reported', () => {
    const [v] = judge(ID, { warmupRequested: true, handlers: staticOnly }).violations;
    assert.equal(v.fact, 'handlers');
    assert.match(v.fix, /Handler\.script/);
  });

  test('one handler routing to the app, no handler at all, no warmup or another scaling type pass', () => {
    passes(ID, { warmupRequested: true, handlers: [...staticOnly, { static: false, url: '/.*' }] });
    passes(ID, { warmupRequested: true, handlers: [{ static: false, url: '/.*' }, ...staticOnly] });
    passes(ID, { warmupRequested: true, handlers: [] });
    passes(ID, { warmupRequested: true });
    passes(ID, { warmupRequested: false, handlers: staticOnly });
    passes(ID, { handlers: staticOnly });
    passes(ID, { warmupRequested: true, handlers: staticOnly, scalingType: 'basic' });
  });

  test('unknown facts are not judged', () => {
    version.unknownSkips('GAE-WARMUP-MIN-INSTANCES', { minInstances: 1 }, 'inboundServices');
    version.unknownSkips('GAE-WARMUP-SCALING', { scalingType: 'basic', inboundServices: warmup }, 'scalingType');
    version.unknownSkips(ID, { warmupRequested: true, handlers: staticOnly }, 'handlers');
  });
});
