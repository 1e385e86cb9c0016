import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CheckLevel } from '../../../lib/core/levels';
import { APP_YAML_RULES, AppYamlFinding } from '../../../lib/platform/app-engine/app-yaml-findings';
import { ResourceKind } from '../../../lib/platform/kinds';
import { Pack } from '../../../lib/platform/rule';

describe('the app.yaml findings as rules', () => {
  test('one rule per finding, about construct intent, citing the app.yaml reference', () => {
    assert.deepEqual(
      APP_YAML_RULES.map((r) => r.id),
      Object.values(AppYamlFinding),
    );
    for (const r of APP_YAML_RULES) {
      assert.equal(r.pack, Pack.PLATFORM, r.id);
      assert.deepEqual(r.appliesTo, [ResourceKind.CONSTRUCT], r.id);
      assert.match(r.source, /https:\/\/cloud\.google\.com\/appengine\/docs\/standard\/reference\/app-yaml/, r.id);
    }
  });

  test('what the file cannot mean is an error no suppression accepts; what it records is a warning or information', () => {
    const level = (id: AppYamlFinding) => APP_YAML_RULES.find((r) => r.id === id)!;
    const { SYNTAX, UNKNOWN_KEY, VALUE, NOT_SUPPORTED, NO_EFFECT, DEPRECATED_KEY, SCRIPT, INBOUND_SERVICE } =
      AppYamlFinding;
    for (const [ids, expected, suppressible] of [
      [[SYNTAX, UNKNOWN_KEY, VALUE, NOT_SUPPORTED], CheckLevel.ERROR, false],
      [[NO_EFFECT, DEPRECATED_KEY, SCRIPT, INBOUND_SERVICE], CheckLevel.WARNING, true],
    ] as const) {
      for (const id of ids) {
        assert.equal(level(id).level, expected, id);
        assert.equal(level(id).suppressible, suppressible, id);
      }
    }
    assert.equal(level(AppYamlFinding.RECOMMENDATION).level, CheckLevel.INFO);
    assert.equal(level(AppYamlFinding.RECOMMENDATION).suppressible, true);
  });
});
