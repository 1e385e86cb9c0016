import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  CLOUD_RUN_CONCURRENCY,
  CLOUD_RUN_REQUEST_RULES,
  CLOUD_RUN_REQUEST_TIMEOUT,
  defaultConcurrency,
} from '../../../lib/platform/cloud-run/requests';
import { judge, only, onlyErrorsUnsuppressible, reported } from './judge';

describe('request concurrency', () => {
  test('the default is 80 from 1 vCPU, 1 below', () => {
    assert.equal(defaultConcurrency(1), CLOUD_RUN_CONCURRENCY.default);
    assert.equal(defaultConcurrency(0.999), CLOUD_RUN_CONCURRENCY.belowOneCpu);
    assert.deepEqual([CLOUD_RUN_CONCURRENCY.default, CLOUD_RUN_CONCURRENCY.belowOneCpu], [80, 1]);
  });

  test('GCR-CONCURRENCY-RANGE names the value given and the bounds', () => {
    for (const concurrency of [0, 1001, 2.5, Number.NaN]) {
      const v = only('GCR-CONCURRENCY-RANGE', { concurrency });
      assert.equal(v.fact, 'concurrency');
      assert.match(v.message, new RegExp(`concurrency ${concurrency} is outside 1 to 1000`));
      assert.match(v.fix, /whole number from 1 to 1000/);
    }
    for (const concurrency of [1, 1000, undefined])
      assert.deepEqual(reported('GCR-CONCURRENCY-RANGE', { concurrency }), []);
    assert.equal(judge('GCR-CONCURRENCY-RANGE', { concurrency: 0 }, ['concurrency']).status, 'unknown');
  });

  test('GCR-CONCURRENCY-ONE: concurrency 1 with a full vCPU (unset CPU is 1)', () => {
    for (const cpu of [undefined, 1]) {
      const v = only('GCR-CONCURRENCY-ONE', { concurrency: 1, cpu });
      assert.equal(v.fact, 'concurrency');
      assert.match(v.message, /one instance \(and one cold start\) per concurrent request/);
    }
    assert.deepEqual(reported('GCR-CONCURRENCY-ONE', { concurrency: 1, cpu: 0.999 }), []);
    assert.deepEqual(reported('GCR-CONCURRENCY-ONE', { concurrency: 2 }), []);
    assert.deepEqual(reported('GCR-CONCURRENCY-ONE', {}), []);
    for (const unknown of ['concurrency', 'cpu'])
      assert.equal(judge('GCR-CONCURRENCY-ONE', { concurrency: 1, cpu: 0.5 }, [unknown]).status, 'unknown', unknown);
  });
});

describe('request timeout', () => {
  test('GCR-REQUEST-TIMEOUT: 1 to 3600 s; the value and the fix are given', () => {
    assert.deepEqual([CLOUD_RUN_REQUEST_TIMEOUT.min, CLOUD_RUN_REQUEST_TIMEOUT.max], [1, 3600]);
    for (const timeoutSeconds of [0.999, 3600.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      const v = only('GCR-REQUEST-TIMEOUT', { timeoutSeconds });
      assert.equal(v.fact, 'timeoutSeconds');
      assert.match(v.message, new RegExp(`request timeout ${timeoutSeconds} s is outside 1 to 3600 seconds`));
      assert.match(v.fix, /Cloud Run job/);
    }
    for (const timeoutSeconds of [1, 3600, undefined])
      assert.deepEqual(reported('GCR-REQUEST-TIMEOUT', { timeoutSeconds }), []);
    assert.equal(judge('GCR-REQUEST-TIMEOUT', { timeoutSeconds: 0 }, ['timeoutSeconds']).status, 'unknown');
  });

  test('GCR-LONG-REQUEST-TIMEOUT: above 900 s up to the 3600 s maximum (past it the error says it)', () => {
    assert.equal(CLOUD_RUN_REQUEST_TIMEOUT.longSeconds, 900);
    for (const timeoutSeconds of [901, 3600]) {
      const v = only('GCR-LONG-REQUEST-TIMEOUT', { timeoutSeconds });
      assert.equal(v.fact, 'timeoutSeconds');
      assert.match(v.message, new RegExp(`request timeout ${timeoutSeconds} s is above 15 minutes`));
      assert.match(v.fix, /retry/);
    }
    for (const timeoutSeconds of [900, 3601, undefined])
      assert.deepEqual(reported('GCR-LONG-REQUEST-TIMEOUT', { timeoutSeconds }), []);
    assert.equal(judge('GCR-LONG-REQUEST-TIMEOUT', { timeoutSeconds: 901 }, ['timeoutSeconds']).status, 'unknown');
  });
});

test('errors of these rules cannot be suppressed, warnings and notes can', () =>
  onlyErrorsUnsuppressible(CLOUD_RUN_REQUEST_RULES));
