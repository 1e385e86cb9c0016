/**
 * What the fact extractors read from raw resources: the facts behind the shared platform rules.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkTerraform } from '../../lib/checks/engine';
import { mutated, standardVersion, status, tf } from './fixtures';

const STD = 'google_app_engine_standard_app_version';

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
