/**
 * Conformance on Terraform: what Google accepts draws no error (besides the security policy errors a fixture names),
 * what Google rejects draws the error of the rule that knows why. The fixtures and their sources are in
 * terraform-fixtures.ts.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkTerraform } from '../../lib/checks/engine';
import { RULES_BY_ID } from '../../lib/checks/registry';
import { Pack } from '../../lib/platform/rule';
import { TERRAFORM_FIXTURES } from './terraform-fixtures';

const NOW = new Date('2026-11-29T00:00:00Z');

/** The error-level rule ids a configuration draws (suppressions aside: fixtures have none). */
const errors = (json: unknown) =>
  [
    ...new Set(
      checkTerraform(json, { now: NOW })
        .filter((f) => f.status === 'fail' && f.level === 'error')
        .map((f) => f.ruleId),
    ),
  ].sort();

describe('conformance: Terraform configurations Google accepts or rejects', () => {
  for (const fixture of TERRAFORM_FIXTURES) {
    test(`${fixture.google}: ${fixture.name}`, () => {
      assert.ok(fixture.source.length > 20, 'every fixture cites its source');
      const found = errors(fixture.json);
      const expected = [...(fixture.errors ?? [])].sort();
      if (fixture.google === 'accepted') {
        // No false-positive error: only the security policy errors the fixture names on purpose.
        for (const id of expected) assert.equal(RULES_BY_ID.get(id)?.pack, Pack.SECURITY, `${id} is a policy error`);
        assert.deepEqual(found, expected);
      } else {
        assert.ok(expected.length > 0, 'a rejected fixture names the rules that know why');
        for (const id of expected) assert.ok(found.includes(id), `${id} missing from ${found.join(', ')}`);
      }
    });
  }
});
