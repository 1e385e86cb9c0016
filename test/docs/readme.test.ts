import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, test } from 'node:test';
import { APP_YAML_FINDINGS } from '../../lib/app-engine/app-yaml-schema';
import { ruleInfos } from '../../lib/checks/registry';
import { withGeneratedTables } from './rules-table';

const README = readFileSync(resolve(__dirname, '..', '..', 'README.md'), 'utf8');

describe('README', () => {
  test('its rule table is the one generated from the registry (run `npm run docs` after changing a rule)', () => {
    assert.equal(README, withGeneratedTables(README));
    for (const rule of ruleInfos()) assert.ok(README.includes(`\`${rule.id}\``), rule.id);
  });

  test('gives the two set-up commands that CI and a fresh machine use', () => {
    assert.ok(README.includes('npm ci && npm run synth'));
    assert.ok(README.includes('npm ci && npm test'));
  });

  test('every rule id it mentions exists', () => {
    const known = new Set([...ruleInfos().map((r) => r.id), ...Object.keys(APP_YAML_FINDINGS)]);
    const mentioned = [...README.matchAll(/\b(G(?:CR|AE|IAM)-[A-Z0-9-]+[A-Z0-9])\b/g)].map((m) => m[1]);
    assert.deepEqual([...new Set(mentioned.filter((id) => !known.has(id)))], []);
  });
});
