/**
 * Conformance on Terraform: what Google accepts draws no error (a risk it takes draws the warning the fixture names),
 * what Google rejects draws the error of the rule that knows why. The fixtures and their sources are in
 * terraform-fixtures.ts.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkTerraform } from '../../lib/checks/engine';
import { TERRAFORM_FIXTURES } from './terraform-fixtures';

const NOW = new Date('2026-11-29T00:00:00Z');

/** The rule ids of a level a configuration draws (suppressions aside: fixtures have none). */
const drawn = (json: unknown, level: 'error' | 'warning') =>
  [
    ...new Set(
      checkTerraform(json, { now: NOW })
        .filter((f) => f.status === 'fail' && f.level === level)
        .map((f) => f.ruleId),
    ),
  ].sort();

describe('conformance: Terraform configurations Google accepts or rejects', () => {
  for (const fixture of TERRAFORM_FIXTURES) {
    test(`${fixture.google}: ${fixture.name}`, () => {
      assert.ok(fixture.source.length > 20, 'every fixture cites its source');
      const found = drawn(fixture.json, 'error');
      const expected = [...(fixture.errors ?? [])].sort();
      if (fixture.google === 'accepted') {
        // No false-positive error: errors are for what the platform rejects or what cannot work.
        assert.deepEqual(found, [], 'no error on what Google accepts');
        assert.equal(expected.length, 0, 'an accepted fixture names no error');
        const warnings = drawn(fixture.json, 'warning');
        for (const id of fixture.warnings ?? []) assert.ok(warnings.includes(id), `${id} missing from ${warnings}`);
      } else {
        assert.ok(expected.length > 0, 'a rejected fixture names the rules that know why');
        for (const id of expected) assert.ok(found.includes(id), `${id} missing from ${found.join(', ')}`);
      }
    });
  }
});
