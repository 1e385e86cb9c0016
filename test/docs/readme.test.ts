import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, test } from 'node:test';
import { Testing, TerraformStack } from 'cdktf';
import { buildExamples } from '../../examples/main';
import { PolicyChecks } from '../../lib';
import { ruleInfos } from '../../lib/checks/registry';
import { withGeneratedTables } from './rules-table';

const README = readFileSync(resolve(__dirname, '..', '..', 'README.md'), 'utf8');

/** The first ```text block after a heading. */
function textBlockAfter(heading: string): string {
  const at = README.indexOf(`\n${heading}\n`);
  const block = /^```text\n([\s\S]*?)^```$/m.exec(README.slice(at));
  assert.ok(at >= 0 && block, `no text block after ${heading}`);
  return block[1];
}

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
    const known = new Set(ruleInfos().map((r) => r.id));
    const mentioned = [...README.matchAll(/\b(G(?:CR|AE|IAM)-[A-Z0-9-]+[A-Z0-9])\b/g)].map((m) => m[1]);
    assert.deepEqual([...new Set(mentioned.filter((id) => !known.has(id)))], []);
  });

  test('the output it shows for `npm run synth` is the summary of each example stack', () => {
    const app = Testing.app();
    buildExamples(app);
    const summaries = app.node.children
      .filter((c): c is TerraformStack => TerraformStack.isStack(c))
      .map((stack) => PolicyChecks.summary(stack));
    assert.ok(textBlockAfter('## Examples').startsWith(`${summaries.join('\n')}\n\n`));
  });

  test('states the tested versions: the provider the tests install, its google provider, the peer range, Node', () => {
    const pkg = JSON.parse(readFileSync(resolve(__dirname, '..', '..', 'package.json'), 'utf8'));
    const provider = JSON.parse(
      readFileSync(require.resolve('@cdktf/provider-google/package.json', { paths: [__dirname] }), 'utf8'),
    );
    const compatibility = README.slice(README.indexOf('## Compatibility'));
    assert.equal(pkg.devDependencies['@cdktf/provider-google'], provider.version);
    assert.ok(compatibility.includes(`**\`@cdktf/provider-google\` ${provider.version}**`), provider.version);
    assert.ok(compatibility.includes(`google provider **${provider.cdktf.provider.version}**`));
    assert.ok(compatibility.includes(`the peer range is \`${pkg.peerDependencies['@cdktf/provider-google']}\``));
    assert.ok(README.includes(`@cdktf/provider-google@${pkg.peerDependencies['@cdktf/provider-google']}`));
    assert.ok(compatibility.includes(`Node **${pkg.engines.node.replace('>=', '')}** or later`));
  });
});
