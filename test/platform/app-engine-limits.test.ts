import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { APP_ENGINE_VERSION_RULES } from '../../lib/platform/app-engine';
import {
  APP_ENGINE_DEFAULT_ENTRYPOINT,
  APP_ENGINE_PYTHON_RUNTIMES,
  NEWEST_PYTHON_RUNTIME,
  pythonRuntimeStatus,
  RUNTIME_SUPPORT_WARNING_DAYS,
} from '../../lib/platform/app-engine/runtime';
import { evaluate } from '../../lib/platform/rule';
import { version } from './app-engine/judge';

const RULES = new Map(APP_ENGINE_VERSION_RULES.map((r) => [r.id, r]));
const { judge, reported, passes } = version;

describe('App Engine scaling rules at their limits', () => {
  test('GAE-UTILIZATION-RANGE: 0.5 and 0.95 pass, one step past fails, each target on its own', () => {
    const id = 'GAE-UTILIZATION-RANGE';
    for (const fact of ['targetCpuUtilization', 'targetThroughputUtilization'] as const) {
      for (const ok of [0.5, 0.6, 0.95, 0, -0.5]) passes(id, { [fact]: ok });
      for (const bad of [0.49, 0.951, 0.001, 1, Number.POSITIVE_INFINITY]) {
        assert.deepEqual(reported(id, { [fact]: bad }), [fact], `${fact} ${bad}`);
      }
    }
    assert.deepEqual(judge(id, { targetCpuUtilization: 0.4, targetThroughputUtilization: 0.96 }).violations, [
      {
        fact: 'targetCpuUtilization',
        message: '0.4 is outside 0.5 to 0.95',
        fix: 'use a value from 0.5 to 0.95 (the default is 0.6), or leave it unset',
      },
      {
        fact: 'targetThroughputUtilization',
        message: '0.96 is outside 0.5 to 0.95',
        fix: 'use a value from 0.5 to 0.95 (the default is 0.6), or leave it unset',
      },
    ]);
  });

  test('GAE-UTILIZATION-RANGE: an unknown target is not judged, the known one still is', () => {
    const id = 'GAE-UTILIZATION-RANGE';
    const facts = { targetCpuUtilization: 0.1, targetThroughputUtilization: 0.1 };
    assert.deepEqual(reported(id, facts, ['targetCpuUtilization']), ['targetThroughputUtilization']);
    assert.deepEqual(reported(id, facts, ['targetThroughputUtilization']), ['targetCpuUtilization']);
    assert.equal(judge(id, facts, ['targetCpuUtilization', 'targetThroughputUtilization']).status, 'unknown');
  });

  test('GAE-MAX-CONCURRENT-REQUESTS: whole numbers 1 to 1000', () => {
    const id = 'GAE-MAX-CONCURRENT-REQUESTS';
    for (const ok of [1, 10, 1000]) passes(id, { maxConcurrentRequests: ok });
    passes(id, {});
    for (const bad of [0, 1001, 1.5, Number.NaN]) {
      assert.deepEqual(reported(id, { maxConcurrentRequests: bad }), ['maxConcurrentRequests'], String(bad));
    }
    assert.deepEqual(judge(id, { maxConcurrentRequests: 2.5 }).violations, [
      { fact: 'maxConcurrentRequests', message: '2.5 is outside 1 to 1000', fix: 'use a whole number from 1 to 1000' },
    ]);
  });

  test('GAE-AUTOMATIC-INSTANCES: each count at its limits and one step past, whole numbers only', () => {
    const id = 'GAE-AUTOMATIC-INSTANCES';
    const limits = [
      ['minInstances', 0, 1000],
      ['maxInstances', 0, 2147483647],
      ['minIdleInstances', 0, 1000],
      ['maxIdleInstances', 1, 1000],
    ] as const;
    for (const [fact, min, max] of limits) {
      passes(id, { [fact]: min });
      passes(id, { [fact]: max });
      for (const bad of [min - 1, max + 1, min + 0.5]) {
        assert.deepEqual(judge(id, { [fact]: bad }).violations, [
          { fact, message: `${bad} is outside ${min} to ${max}`, fix: `use a whole number from ${min} to ${max}` },
        ]);
      }
    }
    // Every count out of range is reported, in order.
    assert.deepEqual(reported(id, { minInstances: -1, maxInstances: -1, minIdleInstances: -1, maxIdleInstances: 0 }), [
      'minInstances',
      'maxInstances',
      'minIdleInstances',
      'maxIdleInstances',
    ]);
  });

  test('GAE-AUTOMATIC-INSTANCES: min not above max, for instances and idle instances', () => {
    const id = 'GAE-AUTOMATIC-INSTANCES';
    passes(id, { minInstances: 2, maxInstances: 2 });
    passes(id, { minInstances: 3, maxInstances: 0 }); // 0: no cap
    passes(id, { minIdleInstances: 3, maxIdleInstances: 3 });
    passes(id, { minInstances: 3 });
    passes(id, { maxInstances: 1, minIdleInstances: 3 });
    assert.deepEqual(judge(id, { minInstances: 3, maxInstances: 2 }).violations, [
      {
        fact: 'minInstances',
        message: 'min instances 3 is above max instances 2',
        fix: 'lower minInstances to at most 2 or raise maxInstances',
      },
    ]);
    assert.deepEqual(judge(id, { minIdleInstances: 4, maxIdleInstances: 3 }).violations, [
      {
        fact: 'minIdleInstances',
        message: 'min idle instances 4 is above max idle instances 3',
        fix: 'lower minIdleInstances to at most 3 or raise maxIdleInstances',
      },
    ]);
    assert.deepEqual(reported(id, { minInstances: 3, maxInstances: 2, minIdleInstances: 4, maxIdleInstances: 3 }), [
      'minInstances',
      'minIdleInstances',
    ]);
    // A count out of range is the only problem reported: the order of two counts is not judged on top of it.
    assert.deepEqual(reported(id, { minInstances: 1001, maxInstances: 5 }), ['minInstances']);
    assert.deepEqual(reported(id, { minIdleInstances: 1001, maxIdleInstances: 5 }), ['minIdleInstances']);
  });

  test('GAE-AUTOMATIC-INSTANCES: unknown counts are neither range-checked nor compared', () => {
    const id = 'GAE-AUTOMATIC-INSTANCES';
    for (const fact of ['minInstances', 'maxInstances', 'minIdleInstances', 'maxIdleInstances'] as const) {
      assert.equal(judge(id, { [fact]: -5 }, [fact]).status, 'unknown', fact);
    }
    const inverted = { minInstances: 3, maxInstances: 2, minIdleInstances: 4, maxIdleInstances: 3 };
    assert.deepEqual(reported(id, inverted, ['minInstances']), ['minIdleInstances']);
    assert.deepEqual(reported(id, inverted, ['maxInstances']), ['minIdleInstances']);
    assert.deepEqual(reported(id, inverted, ['minIdleInstances']), ['minInstances']);
    assert.deepEqual(reported(id, inverted, ['maxIdleInstances']), ['minInstances']);
    // One unknown count does not hide another's range.
    assert.deepEqual(reported(id, { minInstances: 5, maxInstances: -1 }, ['minInstances']), ['maxInstances']);
  });

  test('GAE-PENDING-LATENCY: 0 to 10 seconds, malformed durations named, min not above max', () => {
    const id = 'GAE-PENDING-LATENCY';
    for (const fact of ['minPendingLatency', 'maxPendingLatency'] as const) {
      for (const ok of [0, 0.03, 10]) passes(id, { [fact]: ok });
      assert.deepEqual(judge(id, { [fact]: 10.5 }).violations, [
        {
          fact,
          message: '10.5 s is outside 0 to 10 seconds',
          fix: "write a duration from 0 to 10 seconds, e.g. 0.030 (app.yaml: '30ms')",
        },
      ]);
      assert.deepEqual(reported(id, { [fact]: -0.001 }), [fact]);
      assert.deepEqual(
        judge(id, { [fact]: Number.NaN }).violations.map((v) => v.message),
        ['the duration is malformed'],
      );
      assert.equal(judge(id, { [fact]: 11 }, [fact]).status, 'unknown');
    }
    assert.deepEqual(reported(id, { minPendingLatency: 11, maxPendingLatency: -1 }), [
      'minPendingLatency',
      'maxPendingLatency',
    ]);
    passes(id, { minPendingLatency: 2, maxPendingLatency: 2 });
    assert.deepEqual(judge(id, { minPendingLatency: 2, maxPendingLatency: 1 }).violations, [
      {
        fact: 'minPendingLatency',
        message: 'min pending latency 2 s is above max pending latency 1 s',
        fix: 'lower minPendingLatency to at most 1 s',
      },
    ]);
    // Out of range first: the order is not judged on top of it.
    assert.deepEqual(reported(id, { minPendingLatency: 11, maxPendingLatency: 5 }), ['minPendingLatency']);
    // Unknown on either side: not compared.
    for (const fact of ['minPendingLatency', 'maxPendingLatency']) {
      assert.equal(judge(id, { minPendingLatency: 2, maxPendingLatency: 1 }, [fact]).status, 'unknown', fact);
    }
  });

  test('GAE-BASIC-SCALING: max instances 1 to 200 (unset fails), idle timeout positive and finite', () => {
    const id = 'GAE-BASIC-SCALING';
    const basic = { scalingType: 'basic' as const };
    for (const ok of [1, 200]) passes(id, { ...basic, basicMaxInstances: ok });
    for (const bad of [0, 201, 1.5]) {
      assert.deepEqual(judge(id, { ...basic, basicMaxInstances: bad }).violations, [
        {
          fact: 'basicMaxInstances',
          message: `basic scaling max instances ${bad} is outside 1 to 200`,
          fix: 'use a whole number from 1 to 200',
        },
      ]);
    }
    assert.deepEqual(
      judge(id, basic).violations.map((v) => v.message),
      ['basic scaling max instances unset is outside 1 to 200'],
    );
    for (const ok of [0.001, 900]) passes(id, { ...basic, basicMaxInstances: 1, idleTimeout: ok });
    for (const bad of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      assert.deepEqual(judge(id, { ...basic, basicMaxInstances: 1, idleTimeout: bad }).violations, [
        {
          fact: 'idleTimeout',
          message: 'the idle timeout must be a positive duration',
          fix: "write it like 900 seconds (app.yaml: '15m')",
        },
      ]);
    }
    assert.deepEqual(reported(id, { ...basic, basicMaxInstances: 0, idleTimeout: 0 }), [
      'basicMaxInstances',
      'idleTimeout',
    ]);
  });

  test('GAE-BASIC-SCALING: only basic scaling is judged, and only what is known', () => {
    const id = 'GAE-BASIC-SCALING';
    const wrong = { basicMaxInstances: 0, idleTimeout: 0 };
    passes(id, { ...wrong, scalingType: 'automatic' });
    passes(id, { ...wrong, scalingType: 'manual', manualInstances: 1 });
    assert.equal(judge(id, { ...wrong, scalingType: 'basic' }, ['scalingType']).status, 'unknown');
    assert.deepEqual(reported(id, { ...wrong, scalingType: 'basic' }, ['basicMaxInstances']), ['idleTimeout']);
    assert.deepEqual(reported(id, { ...wrong, scalingType: 'basic' }, ['idleTimeout']), ['basicMaxInstances']);
  });

  test('GAE-MANUAL-INSTANCES: a whole number of at least 1, unset fails, other scaling types not judged', () => {
    const id = 'GAE-MANUAL-INSTANCES';
    const manual = { scalingType: 'manual' as const };
    for (const ok of [1, 2, 100]) passes(id, { ...manual, manualInstances: ok });
    for (const bad of [0, -1, 1.5]) {
      assert.deepEqual(judge(id, { ...manual, manualInstances: bad }).violations, [
        {
          fact: 'manualInstances',
          message: `manual scaling instances ${bad} must be a whole number of at least 1`,
          fix: 'use 1 or more instances',
        },
      ]);
    }
    assert.deepEqual(
      judge(id, manual).violations.map((v) => v.message),
      ['manual scaling instances unset must be a whole number of at least 1'],
    );
    passes(id, { manualInstances: 0 });
    assert.equal(judge(id, { ...manual, manualInstances: 0 }, ['manualInstances']).status, 'unknown');
    passes(id, { scalingType: 'basic', basicMaxInstances: 1, manualInstances: 0 });
  });
});

describe('App Engine runtime rules on the days their schedule changes', () => {
  const on = (day: string) => new Date(`${day}T00:00:00Z`);
  const at = (id: string, day: string) => pythonRuntimeStatus(id, on(day)).status;
  const fix = "use 'python314' (supported until 2030-10-10)";

  test('the six-month warning starts exactly 183 days before end of support', () => {
    assert.equal(RUNTIME_SUPPORT_WARNING_DAYS, 183);
    assert.equal(at('python311', '2027-04-23'), 'supported');
    assert.equal(at('python311', '2027-04-24'), 'ending');
    assert.equal(at('python311', '2027-10-23'), 'ending');
    assert.equal(at('python311', '2027-10-24'), 'end-of-support');
    assert.equal(at('python311', '2028-10-23'), 'end-of-support');
    assert.equal(at('python311', '2028-10-24'), 'deprecated');
    assert.deepEqual(pythonRuntimeStatus('python311', on('2026-11-29')), {
      status: 'supported',
      runtime: APP_ENGINE_PYTHON_RUNTIMES.find((r) => r.id === 'python311'),
    });
  });

  test('every runtime of the table stands where its schedule puts it on 2026-11-29', () => {
    const statuses = APP_ENGINE_PYTHON_RUNTIMES.map((r) => [r.id, at(r.id, '2026-11-29')]);
    assert.deepEqual(statuses, [
      ['python315', 'supported'],
      ['python314', 'supported'],
      ['python313', 'supported'],
      ['python312', 'supported'],
      ['python311', 'supported'],
      ['python310', 'end-of-support'],
      ['python39', 'deprecated'],
      ['python38', 'deprecated'],
      ['python37', 'deprecated'],
      ['python27', 'deprecated'],
    ]);
    for (const [id, since] of [
      ['python39', '2026-10-01'],
      ['python38', '2025-10-01'],
      ['python37', '2025-01-31'],
      ['python27', '2026-01-31'],
    ]) {
      assert.match(
        judge('GAE-RUNTIME', { runtime: id }).violations[0].message,
        new RegExp(`^${id} is deprecated since ${since}:`),
      );
    }
  });

  test('an unknown runtime is judged by no runtime rule', () => {
    for (const id of [
      'GAE-RUNTIME',
      'GAE-RUNTIME-END-OF-SUPPORT',
      'GAE-RUNTIME-SUPPORT-ENDING',
      'GAE-PYTHON-RUNTIME',
    ]) {
      assert.equal(judge(id, { runtime: 'nodejs22' }, ['runtime']).status, 'unknown', id);
    }
    assert.equal(judge('GAE-ENTRYPOINT', { entrypoint: '' }, ['entrypoint']).status, 'unknown');
  });

  test('runtime ids: python3 and one or two digits; newer minors than the table are supported', () => {
    for (const id of ['python316', 'python399']) assert.equal(at(id, '2026-11-29'), 'supported', id);
    for (const id of ['python3100', 'python316x', 'xpython316', 'python3']) {
      assert.equal(at(id, '2026-11-29'), 'not-an-id', id);
    }
    assert.deepEqual(pythonRuntimeStatus('python316', on('2026-11-29')), { status: 'supported' });
  });

  test('the runtime to suggest is the newest with a schedule (not the preview), supported on every day any is', () => {
    assert.equal(NEWEST_PYTHON_RUNTIME.id, 'python314');
    for (let t = on('2023-01-01').getTime(); t < on('2033-01-01').getTime(); t += 7 * 86_400_000) {
      const day = new Date(t);
      const anySupported = APP_ENGINE_PYTHON_RUNTIMES.some(
        (r) => r.schedule !== undefined && pythonRuntimeStatus(r.id, day).status === 'supported',
      );
      if (anySupported)
        assert.equal(pythonRuntimeStatus(NEWEST_PYTHON_RUNTIME.id, day).status, 'supported', day.toISOString());
    }
  });

  test('GAE-RUNTIME names a malformed id and a deprecated runtime, with the runtime to use', () => {
    const id = 'GAE-RUNTIME';
    for (const ok of ['python312', 'python310', 'nodejs22']) passes(id, { runtime: ok });
    passes(id, {});
    assert.deepEqual(judge(id, { runtime: 'python3' }).violations, [
      {
        fact: 'runtime',
        message:
          "'python3' is not an App Engine runtime id: Python runtimes are written python<major><minor>, e.g. 'python312'",
        fix,
      },
    ]);
    assert.deepEqual(judge(id, { runtime: 'python39' }).violations, [
      {
        fact: 'runtime',
        message:
          'python39 is deprecated since 2026-10-01: App Engine no longer deploys it, even where an organization policy re-enabled it',
        fix,
      },
    ]);
  });

  test('GAE-RUNTIME-END-OF-SUPPORT and GAE-RUNTIME-SUPPORT-ENDING name the dates', () => {
    assert.deepEqual(judge('GAE-RUNTIME-END-OF-SUPPORT', { runtime: 'python310' }).violations, [
      {
        fact: 'runtime',
        message:
          'python310 reached end of support on 2026-10-04: deployments are refused unless your organization has an organization-policy exemption (until 2027-10-01)',
        fix,
      },
    ]);
    for (const ok of ['python311', 'python39', 'nodejs22', 'python3'])
      passes('GAE-RUNTIME-END-OF-SUPPORT', { runtime: ok });
    passes('GAE-RUNTIME-END-OF-SUPPORT', {});
    const rule = RULES.get('GAE-RUNTIME-SUPPORT-ENDING')!;
    const [ending] = evaluate(
      [rule],
      { facts: { scalingType: 'automatic', runtime: 'python311' }, unknown: new Set() },
      { now: on('2027-06-01') },
    );
    assert.deepEqual(ending.status === 'fail' ? ending.violations : [], [
      {
        fact: 'runtime',
        message: 'python311 reaches end of support on 2027-10-24; deployments will be refused from then on',
        fix,
      },
    ]);
    passes('GAE-RUNTIME-SUPPORT-ENDING', { runtime: 'nodejs22' });
    passes('GAE-RUNTIME-SUPPORT-ENDING', {});
  });

  test('GAE-PYTHON-RUNTIME and GAE-ENTRYPOINT', () => {
    assert.deepEqual(judge('GAE-PYTHON-RUNTIME', { runtime: 'nodejs22' }).violations, [
      {
        fact: 'runtime',
        message:
          'AppEngineStandardService deploys Python apps (it renders a gunicorn entrypoint); this is not a Python runtime',
        fix: "use a python3 runtime such as 'python312'",
      },
    ]);
    for (const ok of [{ runtime: 'python312' }, { runtime: 'python3' }, {}]) passes('GAE-PYTHON-RUNTIME', ok);
    for (const empty of ['', '  ']) {
      assert.deepEqual(judge('GAE-ENTRYPOINT', { entrypoint: empty }).violations, [
        {
          fact: 'entrypoint',
          message: 'the entrypoint must start a web server on $PORT',
          fix: "use e.g. 'gunicorn -b :$PORT main:app'",
        },
      ]);
    }
    for (const ok of [{ entrypoint: ' gunicorn -b :$PORT main:app ' }, {}]) passes('GAE-ENTRYPOINT', ok);
    assert.equal(APP_ENGINE_DEFAULT_ENTRYPOINT, 'gunicorn -b :$PORT main:app');
  });
});
