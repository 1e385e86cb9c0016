import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { App, TerraformStack, Testing } from 'cdktf';
import { Annotations } from '../../lib/private/cdktf';
import { newStack } from '../support/synth';

describe('the cdktf funnel', () => {
  test("annotations are cdktf's metadata types, written without a stack trace even when the app asks for traces", () => {
    const stack = new TerraformStack(new App({ outdir: mkdtempSync(join(tmpdir(), 'funnel-')) }), 'traced');
    assert.notEqual(stack.node.tryGetContext('@cdktf/disable_stack_trace_in_metadata'), true);
    Annotations.of(stack).addInfo('i');
    Annotations.of(stack).addWarning('w');
    Annotations.of(stack).addError('e');
    const entries = stack.node.metadata.filter((m) => m.type.startsWith('@cdktf/'));
    assert.deepEqual(
      entries.map((m) => [m.type, m.data]),
      [
        ['@cdktf/info', 'i'],
        ['@cdktf/warn', 'w'],
        ['@cdktf/error', 'e'],
      ],
    );
    assert.ok(entries.every((m) => m.trace === undefined));
  });

  test('cdktf collects them into the manifest like its own', () => {
    const stack = newStack('annotated');
    Annotations.of(stack).addWarning('a warning');
    const outdir = Testing.fullSynth(stack);
    const manifest = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8'));
    assert.deepEqual(manifest.stacks.annotated.annotations, [
      { constructPath: 'annotated', level: '@cdktf/warn', message: 'a warning' },
    ]);
  });
});
