/**
 * The Django management command profile (Django.manage) resolved for a job: the argv it renders and every check of the
 * command and its options, with the prop and the value of each problem.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { TerraformVariable } from 'cdktf';
import { Construct } from 'constructs';
import { Problems } from '../../lib/core/problems';
import type { ValidationProblem } from '../../lib/core/validation';
import { Django, type DjangoManageOptions } from '../../lib/python/django';
import { refused } from '../support/errors';
import { newStack } from '../support/synth';

/** Resolves `task` and returns its argv with the problems it reported. */
function resolve(task: Django) {
  const problems = new Problems(new Construct(newStack(), 'x'), 'test');
  const argv = task._resolve(problems, 'task');
  const reported: readonly ValidationProblem[] =
    problems.errorCount === 0 ? [] : refused(() => problems.report()).problems;
  return { argv, reported, props: reported.map((p) => p.prop) };
}
const tokenString = () => new TerraformVariable(newStack(), 's', { type: 'string' }).stringValue;

describe('Django.manage renders', () => {
  test('python manage.py COMMAND by default', () => {
    const { argv, reported } = resolve(Django.manage('clearsessions'));
    assert.deepEqual(argv, ['python', 'manage.py', 'clearsessions']);
    assert.deepEqual(reported, []);
  });

  test('the arguments after the command, then the settings module, from the manage.py given', () => {
    const task = Django.manage('migrate', {
      args: ['--noinput', 'app'],
      settings: 'mysite.settings.production',
      managePy: 'src/manage.py',
    });
    assert.deepEqual(resolve(task).argv, [
      'python',
      'src/manage.py',
      'migrate',
      '--noinput',
      'app',
      '--settings',
      'mysite.settings.production',
    ]);
  });

  test('names itself by its command', () => {
    assert.equal(String(Django.manage('clearsessions')), "Django.manage('clearsessions')");
  });
});

describe('Django.manage is checked', () => {
  test('the command: named like a Python module', () => {
    for (const command of ['clearsessions', 'clear_sessions', '_x', 'A1']) {
      assert.deepEqual(resolve(Django.manage(command)).props, [], command);
    }
    for (const command of [
      '',
      '1cmd',
      'clear-sessions',
      'x y',
      ' x',
      'x ',
      'x.y',
      42 as unknown as string,
      ['migrate'] as unknown as string,
    ]) {
      assert.deepEqual(resolve(Django.manage(command)).props, ['task.command'], String(command));
    }
    assert.deepEqual(resolve(Django.manage(tokenString())).props, [], 'a token is not judged');
    const [problem] = resolve(Django.manage('clear-sessions')).reported;
    assert.equal(problem.value, "'clear-sessions'");
    assert.match(problem.fix, /'clearsessions'/);
  });

  test('the settings module: a dotted Python path', () => {
    for (const settings of ['mysite', 'my_site.settings.prod', '_s.p1']) {
      assert.deepEqual(resolve(Django.manage('migrate', { settings })).props, [], settings);
    }
    for (const settings of ['', 'mysite/settings', 'mysite.', '.mysite', '1x', 'a..b', 'a.1b', 'a b', 'a-b']) {
      assert.deepEqual(resolve(Django.manage('migrate', { settings })).props, ['task.settings'], settings);
    }
    assert.deepEqual(resolve(Django.manage('migrate', { settings: tokenString() })).props, [], 'a token');
    assert.equal(resolve(Django.manage('migrate', { settings: 'a/b' })).reported[0].value, "'a/b'");
  });

  test('options of the wrong shape are reported under options, and the argv stays strings', () => {
    const wrong = resolve(Django.manage('migrate', { args: 'x', settings: 42 } as unknown as DjangoManageOptions));
    assert.deepEqual(wrong.props, ['task.options.args', 'task.options.settings']);
    assert.deepEqual(wrong.argv, ['python', 'manage.py', 'migrate']);
    const numbers = resolve(Django.manage('migrate', { args: [1] } as unknown as DjangoManageOptions));
    assert.deepEqual(numbers.props, ['task.options.args.0']);
    assert.deepEqual(numbers.argv, ['python', 'manage.py', 'migrate', '1']);
  });

  test('no options given at all', () => {
    assert.deepEqual(resolve(Django.manage('migrate', null as unknown as DjangoManageOptions)).argv, [
      'python',
      'manage.py',
      'migrate',
    ]);
  });
});
