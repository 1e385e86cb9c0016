import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  APP_ENGINE_APPLICATION_RULES,
  APP_ENGINE_VERSION_RULES as APP_ENGINE_RULES,
} from '../../lib/platform/app-engine';
import { suggestLocation } from '../../lib/platform/app-engine/application';
import type { AppEngineApplicationFacts, AppEngineVersionFacts } from '../../lib/platform/app-engine/facts';
import { NEWEST_PYTHON_RUNTIME, pythonRuntimeStatus } from '../../lib/platform/app-engine/runtime';
import { GUNICORN_DEFAULTS } from '../../lib/platform/python/server';
import { evaluate } from '../../lib/platform/rule';
import { parseGunicornCommand, serverFactsOf } from '../../lib/python/gunicorn-command';

/** The day the rules judge at in these tests (runtime schedules depend on it). */
const NOW = new Date('2026-11-29T00:00:00Z');
const base: AppEngineVersionFacts = {
  scalingType: 'automatic',
  maxInstances: 5,
  handlers: [{ static: false, url: '/.*', securityLevel: 'SECURE_ALWAYS' }],
};

/** Ids of the rules that fail for `facts`. */
function failing(facts: Partial<AppEngineVersionFacts>, unknown: string[] = []): string[] {
  return evaluate(APP_ENGINE_RULES, { facts: { ...base, ...facts }, unknown: new Set(unknown) }, { now: NOW })
    .filter((o) => o.status === 'fail')
    .map((o) => o.rule.id);
}
function appFailing(facts: AppEngineApplicationFacts): string[] {
  return evaluate(APP_ENGINE_APPLICATION_RULES, { facts, unknown: new Set() }, { now: NOW })
    .filter((o) => o.status === 'fail')
    .map((o) => o.rule.id);
}
/** The server an entrypoint runs (gunicorn's default worker count when it gives none), needing `memoryMiB`. */
const wsgi = (shell: string, memoryMiB?: number) => ({
  ...serverFactsOf(parseGunicornCommand(shell)!, GUNICORN_DEFAULTS.workers),
  memoryMiB,
});

describe('App Engine platform rules', () => {
  test('ids are unique and every rule cites a source', () => {
    const rules = [...APP_ENGINE_RULES, ...APP_ENGINE_APPLICATION_RULES];
    assert.equal(new Set(rules.map((r) => r.id)).size, rules.length);
    for (const r of rules) {
      assert.ok(r.source.length > 10, r.id);
    }
  });

  test('a plain automatic F1 version passes every rule', () => {
    assert.deepEqual(failing({}), []);
  });

  test('GAE-INSTANCE-CLASS', () => {
    assert.ok(!failing({ instanceClass: 'F4_1G' }).includes('GAE-INSTANCE-CLASS'));
    assert.ok(failing({ instanceClass: 'F3' }).includes('GAE-INSTANCE-CLASS'));
  });

  test('GAE-CLASS-SCALING: F with automatic only, B with basic or manual only', () => {
    assert.ok(!failing({ instanceClass: 'F2' }).includes('GAE-CLASS-SCALING'));
    assert.ok(
      !failing({ instanceClass: 'B2', scalingType: 'basic', basicMaxInstances: 1 }).includes('GAE-CLASS-SCALING'),
    );
    assert.ok(
      !failing({ instanceClass: 'B8', scalingType: 'manual', manualInstances: 1 }).includes('GAE-CLASS-SCALING'),
    );
    assert.ok(
      failing({ instanceClass: 'F1', scalingType: 'basic', basicMaxInstances: 1 }).includes('GAE-CLASS-SCALING'),
    );
    assert.ok(failing({ instanceClass: 'B1' }).includes('GAE-CLASS-SCALING'));
  });

  test('GAE-UTILIZATION-RANGE', () => {
    assert.ok(
      !failing({ targetCpuUtilization: 0.5, targetThroughputUtilization: 0.95 }).includes('GAE-UTILIZATION-RANGE'),
    );
    assert.ok(failing({ targetCpuUtilization: 0.4 }).includes('GAE-UTILIZATION-RANGE'));
    assert.ok(failing({ targetThroughputUtilization: 0.96 }).includes('GAE-UTILIZATION-RANGE'));
    // 0 and negative values are the API's "not set" (the provider documents them as allowed).
    for (const unset of [0, -1, -0.5]) {
      assert.ok(!failing({ targetCpuUtilization: unset }).includes('GAE-UTILIZATION-RANGE'), String(unset));
      assert.ok(!failing({ targetThroughputUtilization: unset }).includes('GAE-UTILIZATION-RANGE'), String(unset));
    }
  });

  test('GAE-MAX-CONCURRENT-REQUESTS', () => {
    assert.ok(!failing({ maxConcurrentRequests: 1000 }).includes('GAE-MAX-CONCURRENT-REQUESTS'));
    assert.ok(failing({ maxConcurrentRequests: 1001 }).includes('GAE-MAX-CONCURRENT-REQUESTS'));
    assert.ok(failing({ maxConcurrentRequests: 0 }).includes('GAE-MAX-CONCURRENT-REQUESTS'));
  });

  test('GAE-AUTOMATIC-INSTANCES: ranges and min not above max', () => {
    assert.ok(
      !failing({ minInstances: 2, maxInstances: 2, minIdleInstances: 1, maxIdleInstances: 3 }).includes(
        'GAE-AUTOMATIC-INSTANCES',
      ),
    );
    assert.ok(!failing({ minInstances: 3, maxInstances: 0 }).includes('GAE-AUTOMATIC-INSTANCES'), '0 = no cap');
    assert.ok(failing({ minInstances: 3, maxInstances: 2 }).includes('GAE-AUTOMATIC-INSTANCES'));
    assert.ok(failing({ minIdleInstances: 4, maxIdleInstances: 3 }).includes('GAE-AUTOMATIC-INSTANCES'));
    assert.ok(failing({ minInstances: 1001 }).includes('GAE-AUTOMATIC-INSTANCES'));
    assert.ok(failing({ maxIdleInstances: 0 }).includes('GAE-AUTOMATIC-INSTANCES'));
  });

  test('GAE-PENDING-LATENCY', () => {
    assert.ok(!failing({ minPendingLatency: 0.03, maxPendingLatency: 10 }).includes('GAE-PENDING-LATENCY'));
    assert.ok(failing({ minPendingLatency: 2, maxPendingLatency: 1 }).includes('GAE-PENDING-LATENCY'));
    assert.ok(failing({ maxPendingLatency: 11 }).includes('GAE-PENDING-LATENCY'));
    assert.ok(failing({ minPendingLatency: Number.NaN }).includes('GAE-PENDING-LATENCY'));
  });

  test('GAE-BASIC-SCALING: max instances 1 to 200', () => {
    const basic = { scalingType: 'basic' as const, instanceClass: 'B2' };
    assert.ok(!failing({ ...basic, basicMaxInstances: 200 }).includes('GAE-BASIC-SCALING'));
    assert.ok(failing({ ...basic, basicMaxInstances: 201 }).includes('GAE-BASIC-SCALING'));
    assert.ok(failing({ ...basic, basicMaxInstances: 0 }).includes('GAE-BASIC-SCALING'));
    assert.ok(failing({ ...basic, basicMaxInstances: 1, idleTimeout: Number.NaN }).includes('GAE-BASIC-SCALING'));
  });

  test('GAE-MANUAL-INSTANCES', () => {
    assert.ok(!failing({ scalingType: 'manual', manualInstances: 1 }).includes('GAE-MANUAL-INSTANCES'));
    assert.ok(failing({ scalingType: 'manual', manualInstances: 0 }).includes('GAE-MANUAL-INSTANCES'));
  });

  test('GAE-REQUEST-DEADLINE: 10 minutes automatic, 24 hours basic/manual', () => {
    assert.ok(!failing({ requestTimeout: 600 }).includes('GAE-REQUEST-DEADLINE'));
    assert.ok(failing({ requestTimeout: 601 }).includes('GAE-REQUEST-DEADLINE'));
    assert.ok(
      !failing({ scalingType: 'basic', basicMaxInstances: 1, requestTimeout: 86400 }).includes('GAE-REQUEST-DEADLINE'),
    );
    assert.ok(
      failing({ scalingType: 'manual', manualInstances: 1, requestTimeout: 86401 }).includes('GAE-REQUEST-DEADLINE'),
    );
  });

  test('background threads are not a rule: python3 may run them under any scaling type', () => {
    assert.ok(!APP_ENGINE_RULES.some((r) => r.id === 'GAE-BACKGROUND-THREADS'));
  });

  test('GAE-WARMUP-MIN-INSTANCES and GAE-WARMUP-SCALING', () => {
    assert.ok(failing({ minIdleInstances: 1 }).includes('GAE-WARMUP-MIN-INSTANCES'));
    assert.ok(
      !failing({ minIdleInstances: 1, inboundServices: ['INBOUND_SERVICE_WARMUP'] }).includes(
        'GAE-WARMUP-MIN-INSTANCES',
      ),
    );
    const basic = { scalingType: 'basic' as const, basicMaxInstances: 1 };
    assert.ok(failing({ ...basic, inboundServices: ['INBOUND_SERVICE_WARMUP'] }).includes('GAE-WARMUP-SCALING'));
    assert.ok(!failing({ inboundServices: ['INBOUND_SERVICE_WARMUP'] }).includes('GAE-WARMUP-SCALING'));
  });

  test('GAE-ENV-NAME', () => {
    assert.ok(!failing({ envNames: ['DATABASE_URL', '_X'] }).includes('GAE-ENV-NAME'));
    assert.ok(failing({ envNames: ['GAE_ENV'] }).includes('GAE-ENV-NAME'));
    assert.ok(!failing({ envNames: ['GOOGLE_CLOUD_PROJECT'] }).includes('GAE-ENV-NAME'));
    assert.ok(failing({ envNames: ['GOOGLE_CLOUD_PROJECT'] }).includes('GAE-ENV-RESERVED'));
    // Other GAE-prefixed names deploy (chromestatus sets GAE_USE_SOCKETS_HTTPLIB): a warning of their own.
    assert.ok(!failing({ envNames: ['GAE_USE_SOCKETS_HTTPLIB'] }).includes('GAE-ENV-NAME'));
    assert.ok(failing({ envNames: ['GAE_USE_SOCKETS_HTTPLIB'] }).includes('GAE-ENV-RESERVED'));
    assert.ok(failing({ envNames: ['PORT'] }).includes('GAE-ENV-RESERVED'));
    assert.ok(!failing({ envNames: ['GAE_ENV'] }).includes('GAE-ENV-RESERVED'));
    assert.ok(failing({ envNames: ['1X'] }).includes('GAE-ENV-NAME'));
  });

  test('GAE-VERSION-ID and GAE-SERVICE-ID', () => {
    assert.ok(
      !failing({ versionId: 'v1-2', service: 'api' }).some((id) => id === 'GAE-VERSION-ID' || id === 'GAE-SERVICE-ID'),
    );
    for (const bad of ['V1', 'latest', 'ah-x', '-v1', 'a'.repeat(64)])
      assert.ok(failing({ versionId: bad }).includes('GAE-VERSION-ID'), bad);
    assert.ok(failing({ service: 'My_Service' }).includes('GAE-SERVICE-ID'));
  });

  test('the runtime table: deprecated, past end of support, ending soon, supported, on a given day', () => {
    const at = (id: string, day: string) => pythonRuntimeStatus(id, new Date(`${day}T00:00:00Z`)).status;
    assert.equal(at('python27', '2026-01-30'), 'end-of-support');
    assert.equal(at('python27', '2026-01-31'), 'deprecated');
    assert.equal(at('python310', '2026-10-03'), 'ending');
    assert.equal(at('python310', '2026-10-04'), 'end-of-support');
    assert.equal(at('python310', '2027-10-01'), 'deprecated');
    assert.equal(at('python311', '2027-04-23'), 'supported');
    assert.equal(at('python311', '2027-04-25'), 'ending');
    assert.equal(at('python315', '2026-11-29'), 'supported'); // preview, no dates yet
    assert.equal(at('python316', '2026-11-29'), 'supported'); // newer than the table
    for (const id of ['python3', 'python3.9', 'python', 'python2', 'python36', 'python25'])
      assert.equal(at(id, '2026-11-29'), 'not-an-id', id);
    assert.equal(NEWEST_PYTHON_RUNTIME.id, 'python314');
  });

  test('GAE-RUNTIME: not a runtime id, or deprecated (no deployment possible), is an error; other languages pass', () => {
    const runtimeRules = (runtime: string) => failing({ runtime }).filter((id) => id.startsWith('GAE-RUNTIME'));
    assert.deepEqual(runtimeRules('python312'), []);
    assert.deepEqual(runtimeRules('python314'), []);
    assert.deepEqual(runtimeRules('nodejs22'), []);
    for (const id of ['python27', 'python37', 'python38', 'python39', 'python3', 'python3.12'])
      assert.deepEqual(runtimeRules(id), ['GAE-RUNTIME'], id);
    // Past end of support, before deprecation: refused unless an organization policy re-enables it (suppressible).
    assert.deepEqual(runtimeRules('python310'), ['GAE-RUNTIME-END-OF-SUPPORT']);
  });

  test('GAE-RUNTIME-SUPPORT-ENDING warns six months ahead, against the day the rule is given', () => {
    const rule = APP_ENGINE_RULES.find((r) => r.id === 'GAE-RUNTIME-SUPPORT-ENDING')!;
    const on = (day: string) =>
      evaluate([rule], { facts: { ...base, runtime: 'python311' }, unknown: new Set() }, { now: new Date(day) })[0]
        .status;
    assert.equal(on('2026-11-29'), 'pass');
    assert.equal(on('2027-06-01'), 'fail');
    assert.equal(on('2027-11-01'), 'pass'); // past end of support: GAE-RUNTIME-END-OF-SUPPORT's to judge
  });

  test('GAE-SERVER-MEMORY: workers × memory per worker within the class', () => {
    // F1: 384 MB, that is 366.21 MiB.
    assert.ok(!failing({ server: wsgi('gunicorn -w 2 main:app', 360) }).includes('GAE-SERVER-MEMORY'));
    assert.ok(failing({ server: wsgi('gunicorn -w 2 main:app', 380) }).includes('GAE-SERVER-MEMORY'));
    assert.ok(
      !failing({ instanceClass: 'F2', server: wsgi('gunicorn -w 2 main:app', 380) }).includes('GAE-SERVER-MEMORY'),
    );
  });

  test('GAE-SERVER-TIMEOUT and GAE-SERVER-TIMEOUT-DEADLINE', () => {
    assert.ok(failing({ server: wsgi('gunicorn -t 30 main:app'), requestTimeout: 60 }).includes('GAE-SERVER-TIMEOUT'));
    assert.ok(!failing({ server: wsgi('gunicorn -t 0 main:app'), requestTimeout: 600 }).includes('GAE-SERVER-TIMEOUT'));
    assert.ok(
      !failing({ server: wsgi('gunicorn -t 120 main:app'), requestTimeout: 120 }).includes('GAE-SERVER-TIMEOUT'),
    );
    assert.ok(
      failing({ server: wsgi('gunicorn -b :$PORT main:app') }).includes('GAE-SERVER-TIMEOUT-DEADLINE'),
      'default 30 s',
    );
    assert.ok(!failing({ server: wsgi('gunicorn --timeout 0 main:app') }).includes('GAE-SERVER-TIMEOUT-DEADLINE'));
  });

  test('GAE-SERVER-TIMEOUT(-DEADLINE): only sync workers are judged; gthread and async workers keep notifying', () => {
    for (const shell of [
      'gunicorn -b :$PORT --threads 8 main:app',
      'gunicorn -b :$PORT -k gthread -t 30 main:app',
      'gunicorn -b :$PORT -k uvicorn_worker.UvicornWorker main:app',
      'gunicorn -b :$PORT -k myapp.workers.Custom main:app',
    ]) {
      const failed = failing({ server: wsgi(shell), requestTimeout: 300 });
      assert.ok(!failed.includes('GAE-SERVER-TIMEOUT'), shell);
      assert.ok(!failing({ server: wsgi(shell) }).includes('GAE-SERVER-TIMEOUT-DEADLINE'), shell);
    }
    assert.ok(failing({ server: wsgi('gunicorn -b :$PORT -k sync main:app') }).includes('GAE-SERVER-TIMEOUT-DEADLINE'));
  });

  test('GAE-SERVER-CAPACITY: max concurrent requests (default 10) vs workers × threads', () => {
    assert.ok(failing({ server: wsgi('gunicorn -w 2 --timeout 0 main:app') }).includes('GAE-SERVER-CAPACITY'));
    assert.ok(
      !failing({ server: wsgi('gunicorn -w 2 --threads 8 --timeout 0 main:app'), maxConcurrentRequests: 16 }).includes(
        'GAE-SERVER-CAPACITY',
      ),
    );
    assert.ok(
      !failing({ server: wsgi('gunicorn -w 2 -k uvicorn_worker.UvicornWorker main:app') }).includes(
        'GAE-SERVER-CAPACITY',
      ),
    );
  });

  test('GAE-RESIDENT-COST, GAE-BILLING-TAIL, GAE-MAX-INSTANCES-UNSET', () => {
    assert.ok(failing({ scalingType: 'manual', manualInstances: 2 }).includes('GAE-RESIDENT-COST'));
    assert.ok(failing({ minInstances: 1, inboundServices: ['INBOUND_SERVICE_WARMUP'] }).includes('GAE-RESIDENT-COST'));
    assert.ok(!failing({}).includes('GAE-RESIDENT-COST'));
    const basic = { scalingType: 'basic' as const, basicMaxInstances: 1 };
    assert.ok(failing({ ...basic, idleTimeout: 300 }).includes('GAE-BILLING-TAIL'));
    assert.ok(!failing({ ...basic }).includes('GAE-BILLING-TAIL'), 'provider default 900 s');
    assert.ok(failing({ maxInstances: undefined }).includes('GAE-MAX-INSTANCES-UNSET'));
  });

  test('a rule that reads an unknown fact is not evaluated', () => {
    assert.ok(
      !failing({ maxConcurrentRequests: 5000 }, ['maxConcurrentRequests']).includes('GAE-MAX-CONCURRENT-REQUESTS'),
    );
  });

  test('application rules: location ids, aliases and database type', () => {
    assert.deepEqual(appFailing({ locationId: 'us-central', databaseType: 'CLOUD_FIRESTORE' }), []);
    assert.deepEqual(appFailing({ locationId: 'us-central1' }), ['GAE-APP-LOCATION']);
    assert.deepEqual(appFailing({ locationId: 'europe-west1' }), ['GAE-APP-LOCATION']);
    assert.deepEqual(appFailing({ locationId: 'us-centrl' }), ['GAE-APP-LOCATION']);
    assert.deepEqual(appFailing({ locationId: 'europe-north1' }), ['GAE-APP-LOCATION-UNLISTED']);
    assert.deepEqual(appFailing({ locationId: 'us-central', databaseType: 'CLOUD_DATASTORE' }), [
      'GAE-APP-DATABASE-TYPE',
    ]);
    assert.equal(suggestLocation('europe-west1'), 'europe-west');
    assert.equal(suggestLocation('us-centrl'), 'us-central');
  });
});
