/**
 * WEB_CONCURRENCY as gunicorn reads it from a Cloud Run container's env or an App Engine version's env_variables, and
 * `setServer`, which applies it to the server a command line runs.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { FactBuilder } from '../../../lib/checks/facts/values';
import { appEngineWebConcurrency, cloudRunWebConcurrency, setServer } from '../../../lib/checks/facts/web-concurrency';
import { UNKNOWN } from '../../../lib/checks/model';
import type { ServerFacts } from '../../../lib/platform/python/server';

const AT = 'template.containers[0].env';
const IMAGE = `${AT} (WEB_CONCURRENCY may come from the image)`;

describe('cloudRunWebConcurrency', () => {
  test('a literal count, read where it is written', () => {
    assert.deepEqual(
      cloudRunWebConcurrency(
        [
          { name: 'MODE', value: 'x' },
          { name: 'WEB_CONCURRENCY', value: '3' },
        ],
        AT,
      ),
      { workers: 3, attribute: `${AT}[1].value` },
    );
    assert.deepEqual(cloudRunWebConcurrency([{ name: 'WEB_CONCURRENCY', value: 0 }], AT), {
      workers: 0,
      attribute: `${AT}[0].value`,
    });
  });

  test('the last entry of the name wins', () => {
    const env = [
      { name: 'WEB_CONCURRENCY', value: '2' },
      { name: 'WEB_CONCURRENCY', value: '5' },
    ];
    assert.deepEqual(cloudRunWebConcurrency(env, AT), { workers: 5, attribute: `${AT}[1].value` });
  });

  test('a secret (v2 value_source, v1 value_from), a variable or not a whole number: unknown where written', () => {
    for (const entry of [
      // (a secret wins over a value written beside it)
      { name: 'WEB_CONCURRENCY', value: '3', value_source: { secret_key_ref: { secret: 's' } } },
      { name: 'WEB_CONCURRENCY', value: '3', value_from: { secret_key_ref: { name: 's' } } },
      { name: 'WEB_CONCURRENCY', value: '${var.w}' },
      { name: 'WEB_CONCURRENCY', value: 'four' },
      { name: 'WEB_CONCURRENCY' },
    ])
      assert.deepEqual(
        cloudRunWebConcurrency([entry], AT),
        { workers: UNKNOWN, attribute: `${AT}[0].value` },
        JSON.stringify(entry),
      );
  });

  test('none written: the image may set it; a name only known at apply may be it; the list unknown', () => {
    assert.deepEqual(cloudRunWebConcurrency([], AT), { workers: UNKNOWN, attribute: IMAGE });
    assert.deepEqual(cloudRunWebConcurrency([{ name: 'MODE', value: '1' }], AT), {
      workers: UNKNOWN,
      attribute: IMAGE,
    });
    assert.deepEqual(
      cloudRunWebConcurrency(
        [
          { name: '${var.k}', value: '1' },
          { name: 'MODE', value: '1' },
        ],
        AT,
      ),
      { workers: UNKNOWN, attribute: AT },
    );
    assert.deepEqual(cloudRunWebConcurrency(UNKNOWN, AT), { workers: UNKNOWN, attribute: AT });
    // A literal WEB_CONCURRENCY after a name only known at apply is still read.
    assert.deepEqual(
      cloudRunWebConcurrency(
        [
          { name: '${var.k}', value: '1' },
          { name: 'WEB_CONCURRENCY', value: '2' },
        ],
        AT,
      ),
      { workers: 2, attribute: `${AT}[1].value` },
    );
  });
});

describe('appEngineWebConcurrency', () => {
  test('a literal count in env_variables', () => {
    assert.deepEqual(appEngineWebConcurrency({ WEB_CONCURRENCY: '4', MODE: 'x' }), {
      workers: 4,
      attribute: 'env_variables.WEB_CONCURRENCY',
    });
    assert.deepEqual(appEngineWebConcurrency({ WEB_CONCURRENCY: 'four' }), {
      workers: UNKNOWN,
      attribute: 'env_variables.WEB_CONCURRENCY',
    });
    assert.deepEqual(appEngineWebConcurrency({ WEB_CONCURRENCY: '${var.w}' }), {
      workers: UNKNOWN,
      attribute: 'env_variables.WEB_CONCURRENCY',
    });
  });

  test('not set: undefined (gunicorn default); a map or key only known at apply: unknown', () => {
    assert.equal(appEngineWebConcurrency(undefined), undefined);
    assert.equal(appEngineWebConcurrency({ MODE: 'x' }), undefined);
    assert.equal(appEngineWebConcurrency({}), undefined);
    for (const env of [UNKNOWN, ['WEB_CONCURRENCY'], 'x', { '${var.k}': '2' }, { MODE: 'x', '${var.k}': '2' }])
      assert.deepEqual(appEngineWebConcurrency(env), { workers: UNKNOWN, attribute: 'env_variables' }, String(env));
  });
});

describe('setServer', () => {
  const SERVER: ServerFacts = { workerType: 'gthread', workers: undefined, threads: 2, timeout: 0, preload: false };
  const builder = () =>
    new FactBuilder<{ server?: ServerFacts }>({ server: undefined }, { server: 'command', 'server.workers': 'x' });

  test('without WEB_CONCURRENCY the server as read; unknown or unset as they are', () => {
    const b = builder();
    setServer(b, SERVER, undefined);
    assert.equal(b.facts.server, SERVER);
    const unknown = builder();
    setServer(unknown, UNKNOWN, { workers: 3, attribute: 'env' });
    assert.equal(unknown.facts.server, undefined);
    assert.deepEqual([...unknown.build().unknown], ['server']);
    const none = builder();
    setServer(none, undefined, { workers: 3, attribute: 'env' });
    assert.equal(none.facts.server, undefined);
    assert.equal(none.build().unknown.size, 0);
  });

  test('a count sets the workers; an unreadable one marks only server.workers, where it is written', () => {
    const b = builder();
    setServer(b, SERVER, { workers: 3, attribute: 'env' });
    assert.deepEqual(b.facts.server, { ...SERVER, workers: 3 });
    assert.equal(b.build().unknown.size, 0);
    const unreadable = builder();
    setServer(unreadable, { ...SERVER, workers: 9 }, { workers: UNKNOWN, attribute: 'env[0].value' });
    assert.deepEqual(unreadable.facts.server, { ...SERVER, workers: undefined });
    assert.deepEqual([...unreadable.build().unknown], ['server.workers']);
    assert.equal(unreadable.attributeOf('server.workers'), 'env[0].value');
  });
});
