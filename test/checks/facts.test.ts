/**
 * What the fact extractors read from raw resources: the facts behind the shared platform rules.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkTerraform } from '../../lib/checks/engine';
import { FindingStatus } from '../../lib/checks/types';
import { type Json, mutated, standardVersion, status, tf, v2Service } from './fixtures';

const STD = 'google_app_engine_standard_app_version';
const V2 = 'google_cloud_run_v2_service';

describe('App Engine env_variables', () => {
  test('an interpolated variable name makes GAE-ENV-NAME unknown, not a failure', () => {
    const json = tf(
      STD,
      mutated(standardVersion, (b) => (b.env_variables = { '${var.k}': 'v', MODE: 'prod' })),
    );
    assert.equal(status(json, 'GAE-ENV-NAME'), 'unknown');
    const findings = checkTerraform(json).filter((f) => f.ruleId === 'GAE-ENV-NAME');
    assert.deepEqual(
      findings.map((f) => f.attribute),
      ['env_variables'],
    );
  });

  test('literal names are still judged', () => {
    const json = tf(
      STD,
      mutated(standardVersion, (b) => (b.env_variables = { '1X': 'v' })),
    );
    assert.equal(status(json, 'GAE-ENV-NAME'), 'fail');
  });
});

/** The findings of one rule (any status). */
const findingsOf = (json: Json, ruleId: string) => checkTerraform(json).filter((f) => f.ruleId === ruleId);

describe('WEB_CONCURRENCY sets the worker count when the gunicorn command does not', () => {
  const version = (shell: string, env: Json, maxConcurrentRequests: number) =>
    tf(
      STD,
      mutated(standardVersion, (b) => {
        b.entrypoint.shell = shell;
        b.env_variables = env;
        b.automatic_scaling.max_concurrent_requests = maxConcurrentRequests;
      }),
    );
  const PLAIN = 'gunicorn -b :$PORT main:app';

  test('App Engine: WEB_CONCURRENCY=4 makes the capacity 4 workers, not 1', () => {
    assert.equal(status(version(PLAIN, { WEB_CONCURRENCY: '4' }, 4), 'GAE-SERVER-CAPACITY'), 'pass');
    const over = findingsOf(version(PLAIN, { WEB_CONCURRENCY: '4' }, 8), 'GAE-SERVER-CAPACITY');
    assert.equal(over.length, 1);
    assert.equal(over[0].status, FindingStatus.FAIL);
    assert.match(over[0].message, /capacity of 4 \(4 workers × 1 thread\)/);
    // Without it, gunicorn's default of 1 worker.
    assert.equal(status(version(PLAIN, { MODE: 'prod' }, 4), 'GAE-SERVER-CAPACITY'), 'fail');
  });

  test('App Engine: a worker count on the command line wins over WEB_CONCURRENCY', () => {
    for (const shell of [`${PLAIN} -w 1`, `${PLAIN} -w1`, `${PLAIN} --workers=1`, `${PLAIN} --workers 1`]) {
      assert.equal(status(version(shell, { WEB_CONCURRENCY: '4' }, 4), 'GAE-SERVER-CAPACITY'), 'fail', shell);
    }
  });

  test('App Engine: an unreadable WEB_CONCURRENCY makes the server unknown, where it is written', () => {
    for (const env of [{ WEB_CONCURRENCY: '${var.workers}' }, { WEB_CONCURRENCY: 'four' }, '${var.env}']) {
      assert.equal(status(version(PLAIN, env, 4), 'GAE-SERVER-CAPACITY'), 'unknown', JSON.stringify(env));
    }
    assert.deepEqual(
      findingsOf(version(PLAIN, { WEB_CONCURRENCY: '${var.workers}' }, 4), 'GAE-SERVER-CAPACITY').map(
        (f) => f.attribute,
      ),
      ['env_variables.WEB_CONCURRENCY'],
    );
    // A key only known at apply may be WEB_CONCURRENCY.
    assert.equal(status(version(PLAIN, { '${var.k}': '2' }, 4), 'GAE-SERVER-CAPACITY'), 'unknown');
    // With a worker count on the command line, the environment does not matter.
    assert.equal(status(version(`${PLAIN} -w 4`, '${var.env}', 4), 'GAE-SERVER-CAPACITY'), 'pass');
  });

  const service = (mutate: (container: Json) => void) =>
    tf(
      V2,
      mutated(v2Service, (b) => {
        // concurrency 8, 2 threads, and no --workers
        b.template.containers[0].args = ['--threads', '2', '--timeout', '0', '--preload', 'main:app'];
        mutate(b.template.containers[0]);
      }),
    );
  const webConcurrency = (value: Json) => (c: Json) => c.env.push({ name: 'WEB_CONCURRENCY', value });

  test('Cloud Run: WEB_CONCURRENCY in the container env sets the workers GCR-SERVER-CAPACITY judges', () => {
    assert.equal(status(service(webConcurrency('4')), 'GCR-SERVER-CAPACITY'), 'pass');
    const under = findingsOf(service(webConcurrency('2')), 'GCR-SERVER-CAPACITY');
    assert.equal(under.length, 1);
    assert.equal(under[0].status, FindingStatus.FAIL);
    assert.match(under[0].message, /capacity of 4 \(2 workers × 2 threads\)/);
    // sh -c runs gunicorn with the same environment.
    const viaShell = service((c) => {
      c.command = ['sh', '-c'];
      c.args = ['exec gunicorn --threads 2 main:app'];
      c.env.push({ name: 'WEB_CONCURRENCY', value: '2' });
    });
    assert.equal(status(viaShell, 'GCR-SERVER-CAPACITY'), 'fail');
    // --workers on the command line wins.
    const flagged = service((c) => {
      c.args = ['-w', '4', ...c.args];
      c.env.push({ name: 'WEB_CONCURRENCY', value: '2' });
    });
    assert.equal(status(flagged, 'GCR-SERVER-CAPACITY'), 'pass');
  });

  test('both platforms: a worker count a place the checker cannot read may set is unknown, said so; never guessed', () => {
    // Cloud Run: without WEB_CONCURRENCY in env, the image's environment may set it.
    const image = findingsOf(
      service(() => undefined),
      'GCR-SERVER-CAPACITY',
    );
    assert.deepEqual(
      image.map((f) => [f.status, f.attribute]),
      [[FindingStatus.UNKNOWN, 'template.containers[0].env (WEB_CONCURRENCY may come from the image)']],
    );
    // Only the capacity needs the count: the timeout is still judged.
    assert.equal(
      status(
        service(() => undefined),
        'GCR-SERVER-TIMEOUT',
      ),
      'pass',
    );
    // App Engine: a version's environment is env_variables and the runtime's own variables, so gunicorn's default 1.
    assert.equal(status(version(PLAIN, { MODE: 'prod' }, 4), 'GAE-SERVER-CAPACITY'), 'fail');
  });

  test('Cloud Run: a WEB_CONCURRENCY from a secret, an interpolation or an unknown name is unknown', () => {
    const secret = service((c) =>
      c.env.push({ name: 'WEB_CONCURRENCY', value_source: { secret_key_ref: { secret: 's', version: '1' } } }),
    );
    assert.equal(status(secret, 'GCR-SERVER-CAPACITY'), 'unknown');
    const interpolated = findingsOf(service(webConcurrency('${var.workers}')), 'GCR-SERVER-CAPACITY');
    assert.deepEqual(
      interpolated.map((f) => [f.status, f.attribute]),
      [[FindingStatus.UNKNOWN, 'template.containers[0].env[1].value']],
    );
    assert.equal(
      status(
        service((c) => c.env.push({ name: '${var.name}', value: '2' })),
        'GCR-SERVER-CAPACITY',
      ),
      'unknown',
    );
    assert.equal(
      status(
        service((c) => (c.env = '${var.env}')),
        'GCR-SERVER-CAPACITY',
      ),
      'unknown',
    );
  });
});
