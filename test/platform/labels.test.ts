/**
 * Label keys and values ("Labels overview", requirements for labels,
 * https://cloud.google.com/resource-manager/docs/labels-overview#requirements): keys of 1 to 63 lowercase letters,
 * digits, underscores or hyphens starting with a letter; values of at most 63 of the same characters.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { labelProblems } from '../../lib/platform/labels';

const keyOk = (key: string) => labelProblems({ [key]: 'v' }) === undefined;
const valueOk = (value: string) => labelProblems({ k: value }) === undefined;

describe('labels', () => {
  test('keys: a lowercase letter, then up to 62 lowercase letters, digits, _ or -', () => {
    for (const key of ['a', 'env', 'team_name', 'cost-centre', 'a1', `a${'b'.repeat(62)}`]) assert.ok(keyOk(key), key);
    for (const key of ['', '1a', '_a', '-a', 'Env', 'aB', 'a.b', 'a b', 'é', `a${'b'.repeat(63)}`, 'env\n'])
      assert.ok(!keyOk(key), JSON.stringify(key));
  });

  test('values: empty, or up to 63 lowercase letters, digits, _ or -, starting with anything of those', () => {
    for (const value of ['', 'prod', '1', '-', '_x', 'a-b_c9', 'x'.repeat(63)]) assert.ok(valueOk(value), value);
    for (const value of ['Prod', 'a.b', 'a b', 'x'.repeat(64), ' prod', 'prod ']) assert.ok(!valueOk(value), value);
  });

  test('every problem is reported, the key and the value apart, naming the key; none: undefined', () => {
    assert.equal(labelProblems({}), undefined);
    // A value problem alone.
    assert.deepEqual(
      labelProblems({ env: 'Prod' })?.map((p) => [p.key, p.inKey, p.fix]),
      [['env', false, 'change the value']],
    );
    assert.equal(labelProblems({ env: 'prod', team: 'web' }), undefined);
    const problems = labelProblems({ Env: 'Prod', ok: 'fine', team: 'Web' });
    assert.deepEqual(
      problems?.map((p) => [p.key, p.inKey, p.fix]),
      [
        ['Env', true, 'rename the key'],
        ['Env', false, 'change the value'],
        ['team', false, 'change the value'],
      ],
    );
    assert.match(problems![0].message, /^label key 'Env' is not 1 to 63 lowercase letters/);
    assert.match(problems![1].message, /^the value of label 'Env' is not at most 63 lowercase letters/);
  });
});
