import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { APP_ENGINE_INSTANCE_CLASSES } from '../../../lib/platform/app-engine/instance-classes';
import type { ServerFacts } from '../../../lib/platform/python/server';
import { version } from './judge';

const { judge, passes } = version;
const sync = (s: Partial<ServerFacts> = {}): ServerFacts => ({ workerType: 'sync', workers: 2, preload: false, ...s });
const mib = (cls: string) => APP_ENGINE_INSTANCE_CLASSES[cls].memoryMiB;

describe('GAE-SERVER-MEMORY', () => {
  test('the class or the scaling type only known at apply makes it unknown, not failed', () => {
    const failing = { server: sync({ memoryMiB: mib('F1') + 1 }) };
    for (const fact of ['instanceClass', 'scalingType']) version.unknownSkips('GAE-SERVER-MEMORY', failing, fact);
  });

  const ID = 'GAE-SERVER-MEMORY';

  test("the workers' memory at the class's memory passes, above it fails with the next class of the family", () => {
    passes(ID, { server: sync({ memoryMiB: mib('F1') }) });
    const [v] = judge(ID, { server: sync({ memoryMiB: mib('F1') + 0.01 }) }).violations;
    assert.equal(v.fact, 'server');
    assert.match(v.message, /^2 workers need .* more than the 384 MB \(366\.21Mi\) of F1$/);
    assert.equal(v.fix, 'use F2 (768 MB) or run fewer workers');
    // Exactly the memory of F2: F2 is big enough.
    assert.match(judge(ID, { server: sync({ memoryMiB: mib('F2') }) }).violations[0].fix, /^use F2 /);
    assert.match(judge(ID, { server: sync({ memoryMiB: mib('F2') + 1 }) }).violations[0].fix, /^use F4 /);
  });

  test('basic and manual scaling default to B2 and suggest a B class; past the largest, fewer workers', () => {
    const basic = { scalingType: 'basic' as const, basicMaxInstances: 1 };
    passes(ID, { ...basic, server: sync({ memoryMiB: mib('B2') }) });
    const [v] = judge(ID, { ...basic, server: sync({ memoryMiB: mib('B2') + 1 }) }).violations;
    assert.match(v.message, /of B2$/);
    assert.equal(v.fix, 'use B4 (1536 MB) or run fewer workers');
    const [most] = judge(ID, { ...basic, instanceClass: 'B8', server: sync({ memoryMiB: mib('B8') + 1 }) }).violations;
    assert.equal(most.fix, 'run fewer workers or lower their memory');
  });

  test('not judged for an unknown class or undeclared memory', () => {
    passes(ID, { instanceClass: 'F3', server: sync({ memoryMiB: 100_000 }) });
    passes(ID, { server: sync() });
    passes(ID, {});
  });
});

describe('GAE-SERVER-TIMEOUT and GAE-SERVER-TIMEOUT-DEADLINE', () => {
  test('a request timeout or scaling type only known at apply makes them unknown, not failed', () => {
    version.unknownSkips('GAE-SERVER-TIMEOUT', { server: sync(), requestTimeout: 31 }, 'requestTimeout');
    version.unknownSkips('GAE-SERVER-TIMEOUT-DEADLINE', { server: sync({ timeout: 599 }) }, 'scalingType');
  });

  test('a sync timeout at the declared request timeout passes, one second short fails; 0 passes', () => {
    const ID = 'GAE-SERVER-TIMEOUT';
    passes(ID, { server: sync({ timeout: 60 }), requestTimeout: 60 });
    passes(ID, { server: sync({ timeout: 0 }), requestTimeout: 600 });
    passes(ID, { server: sync(), requestTimeout: 30 }); // gunicorn's default 30 s
    const [v] = judge(ID, { server: sync(), requestTimeout: 31 }).violations;
    assert.equal(v.fact, 'server');
    assert.match(v.message, /after its 30 s timeout, and 30 s is shorter than the 31 s requests the app must serve/);
    assert.match(v.fix, /at least 31\)/);
    assert.match(judge(ID, { server: sync({ timeout: 59 }), requestTimeout: 60 }).violations[0].message, /its 59 s /);
    passes(ID, { server: sync({ timeout: 59 }) });
    passes(ID, { server: sync({ workerType: 'gthread', timeout: 5 }), requestTimeout: 60 });
    passes(ID, { requestTimeout: 60 });
  });

  test("without a declared request timeout, the scaling type's deadline: 10 min automatic, 24 h basic", () => {
    const ID = 'GAE-SERVER-TIMEOUT-DEADLINE';
    passes(ID, { server: sync({ timeout: 600 }) });
    const [v] = judge(ID, { server: sync({ timeout: 599 }) }).violations;
    assert.match(v.message, /shorter than the 10 min that automatic scaling lets a request run/);
    const basic = { scalingType: 'basic' as const, basicMaxInstances: 1 };
    passes(ID, { ...basic, server: sync({ timeout: 86400 }) });
    assert.match(
      judge(ID, { ...basic, server: sync({ timeout: 86399 }) }).violations[0].message,
      /the 24 h that basic scaling lets a request run/,
    );
    // A declared request timeout is GAE-SERVER-TIMEOUT's.
    passes(ID, { server: sync({ timeout: 10 }), requestTimeout: 5 });
  });
});

describe('GAE-SERVER-CAPACITY', () => {
  const ID = 'GAE-SERVER-CAPACITY';

  test('the default 10 concurrent requests against workers × threads', () => {
    passes(ID, { server: sync({ workerType: 'gthread', workers: 2, threads: 5 }) });
    const [v] = judge(ID, { server: sync({ workerType: 'gthread', workers: 3, threads: 3 }) }).violations;
    assert.equal(v.fact, 'maxConcurrentRequests');
    assert.match(v.message, /^max_concurrent_requests 10 \(the platform default\) exceeds gunicorn's capacity of 9 /);
    assert.match(v.message, /\(3 workers × 3 threads\)$/);
    assert.equal(v.fix, 'set max_concurrent_requests to 9, or raise workers or threads');
  });

  test('a written max_concurrent_requests at the capacity passes, one more fails; one thread by default', () => {
    passes(ID, { server: sync({ workers: 12 }), maxConcurrentRequests: 12 });
    const [v] = judge(ID, { server: sync({ workers: 12 }), maxConcurrentRequests: 13 }).violations;
    assert.match(v.message, /^max_concurrent_requests 13 exceeds gunicorn's capacity of 12 \(12 workers × 1 thread\)$/);
    // One of each in the singular (it said "1 workers × 1 threads").
    assert.match(
      judge(ID, { server: sync({ workers: 1 }), maxConcurrentRequests: 2 }).violations[0].message,
      /\(1 worker × 1 thread\)$/,
    );
  });

  test('only automatic scaling sends concurrent requests; async workers and unknown worker counts are not judged', () => {
    passes(ID, { scalingType: 'basic', basicMaxInstances: 1, server: sync({ workers: 1 }) });
    passes(ID, { scalingType: 'manual', manualInstances: 1, server: sync({ workers: 1 }) });
    passes(ID, { server: sync({ workerType: 'async', workers: 1 }) });
    passes(ID, { server: sync({ workers: undefined }) });
  });
});

describe('GAE-SERVER-ENTRYPOINT', () => {
  test('an entrypoint only known at apply is unknown, not failed', () => {
    version.unknownSkips(
      'GAE-SERVER-ENTRYPOINT',
      { serverProfile: true, ownEntrypoint: 'gunicorn main:app' },
      'ownEntrypoint',
    );
  });

  const ID = 'GAE-SERVER-ENTRYPOINT';

  test('a server profile and an entrypoint of its own together are refused; either alone passes', () => {
    const [v] = judge(ID, { serverProfile: true, ownEntrypoint: 'gunicorn main:app' }).violations;
    assert.equal(v.fact, 'ownEntrypoint');
    assert.equal(v.fix, 'pass only one of them');
    passes(ID, { serverProfile: true });
    passes(ID, { serverProfile: false, ownEntrypoint: 'gunicorn main:app' });
    passes(ID, { ownEntrypoint: 'gunicorn main:app' });
  });
});
