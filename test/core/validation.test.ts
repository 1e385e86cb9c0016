import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { CloudRunService, Errors, PolicyChecks } from '../../lib';
import { CheckLevel } from '../../lib/core/levels';
import { CheckInputError, ValidationError } from '../../lib/core/validation';
import { newStack } from '../support/synth';

const problem = (prop: string) => ({ prop, value: "'x'", rule: 'bad', fix: 'fix it', level: CheckLevel.ERROR });

describe('the errors the library throws', () => {
  test('Errors recognises them, and narrows a caught value so its problems can be read', () => {
    let caught: unknown;
    try {
      new CloudRunService(newStack(), 'Api', { region: 'europe-west1', image: 'i', memory: '8Gi', maxInstances: 1 });
    } catch (e) {
      caught = e;
    }
    assert.ok(Errors.isValidationError(caught));
    assert.deepEqual(
      caught.problems.map((p) => p.ruleId),
      ['GCR-MEMORY-FOR-CPU'],
    );
    assert.equal(caught.constructPath, 'test/Api');
    assert.ok(!Errors.isCheckInputError(caught));
    let input: unknown;
    try {
      PolicyChecks.checkTerraform([1]);
    } catch (e) {
      input = e;
    }
    assert.ok(Errors.isCheckInputError(input) && !Errors.isValidationError(input));
    for (const other of [new Error('x'), null, undefined, 'ValidationError', { problems: [] }]) {
      assert.ok(!Errors.isValidationError(other) && !Errors.isCheckInputError(other));
    }
  });

  test('carry no stack frames, and their name and message only', () => {
    for (const e of [new ValidationError('s/a', 'Thing', [problem('p')]), new CheckInputError('not Terraform')]) {
      assert.ok(!/\n\s+at /.test(e.stack ?? ''), e.stack);
      assert.deepEqual(Object.keys(e), []);
    }
    assert.ok(/\n\s+at /.test(new Error('x').stack ?? ''), 'other errors keep their frames');
  });

  test('count in correct plurals', () => {
    assert.match(new ValidationError('s/a', 'Thing', [problem('p')]).message, /^Thing 's\/a' has 1 problem:\n/);
    const two = new ValidationError('s/a', 'Thing', [problem('p'), problem('q')], [problem('w')]);
    assert.match(two.message, /has 2 problems:\n.*\n.*\nand 1 warning:\n/);
  });

  test('uncaught, Node prints the message once, without frames or a dump of the problems', () => {
    const script = `const { ValidationError } = require(${JSON.stringify(join(__dirname, '..', '..', 'lib', 'core', 'validation.ts'))});
throw new ValidationError('prod/Api', 'CloudRunService', [{ prop: 'memory', value: "'8Gi'", rule: 'too much', fix: 'less', level: 'error' }]);`;
    let stderr = '';
    try {
      execFileSync(process.execPath, ['--import', 'tsx', '-e', script], { encoding: 'utf8', stdio: 'pipe' });
    } catch (e) {
      stderr = (e as { stderr: string }).stderr;
    }
    assert.equal(stderr.split("memory = '8Gi'").length, 2, stderr);
    assert.deepEqual(
      stderr.split('\n').filter((l) => /^\s+at /.test(l)),
      [],
    );
  });
});
