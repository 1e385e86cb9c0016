/**
 * `literalJsonencode`: the value of `"${jsonencode(<literal HCL>)}"` as the HCL converter writes it, and `undefined`
 * for anything only known at apply.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { literalJsonencode } from '../../../lib/checks/facts/jsonencode';
import { checkTerraform } from '../../../lib/checks/engine';
import { FindingStatus } from '../../../lib/checks/types';
import { tf } from '../fixtures';

const encoded = (hcl: string) => literalJsonencode(`\${jsonencode(${hcl})}`);

describe('literalJsonencode', () => {
  test('a policy as the converter writes it: newline-separated attributes, nested tuples and objects', () => {
    const policy = `\${jsonencode({
  bindings = [{
    role    = "roles/run.invoker"
    members = ["allUsers", "user:a@example.com"]
  }]
  version = 1
})}`;
    assert.deepEqual(literalJsonencode(policy), {
      bindings: [{ role: 'roles/run.invoker', members: ['allUsers', 'user:a@example.com'] }],
      version: 1,
    });
  });

  test('blanks around the call and its argument, and after every item', () => {
    assert.deepEqual(literalJsonencode('${ jsonencode( [ 1 , 2 ] ) }'), [1, 2]);
    assert.deepEqual(encoded('\t{ a = 1 }\r\n'), { a: 1 });
    assert.deepEqual(encoded('[\n1,\n2\n]'), [1, 2]);
    assert.deepEqual(encoded('[\n]'), []);
    assert.deepEqual(encoded('\n{ a = 1 }'), { a: 1 });
    assert.deepEqual(literalJsonencode('${jsonencode(\n  [1]\n)}'), [1]);
    assert.deepEqual(encoded('{\n\n a = 1\n\n b = 2 }'), { a: 1, b: 2 });
  });

  test('numbers, booleans, null', () => {
    assert.equal(encoded('42'), 42);
    assert.equal(encoded('-1.5'), -1.5);
    assert.equal(encoded('2e3'), 2000);
    assert.equal(encoded('1.5E-1'), 0.15);
    assert.equal(encoded('-12.25'), -12.25);
    assert.equal(encoded('1e10'), 1e10);
    assert.equal(encoded('25e-12'), 25e-12);
    assert.equal(encoded('true'), true);
    assert.equal(encoded('false'), false);
    assert.equal(encoded('null'), null);
    assert.deepEqual(encoded('[true, false, null]'), [true, false, null]);
  });

  test('objects: `=` or `:`, comma or newline between attributes, quoted or bare keys, empty', () => {
    assert.deepEqual(encoded('{ a = 1, b: "x" }'), { a: 1, b: 'x' });
    assert.deepEqual(encoded('{ "role-x" = 1 }'), { 'role-x': 1 });
    assert.deepEqual(encoded('{ _a-b9 = 1 }'), { '_a-b9': 1 });
    assert.deepEqual(encoded('{}'), {});
    assert.deepEqual(encoded('[]'), []);
    assert.deepEqual(encoded('{ a = 1, }'), { a: 1 });
    assert.deepEqual(encoded('[1, ]'), [1]);
  });

  test('strings: escapes, \\u, and the template escapes `$${` and `%%{`', () => {
    assert.equal(encoded('"a\\nb\\rc\\td\\"e\\\\f"'), 'a\nb\rc\td"e\\f');
    assert.equal(encoded('"\\u00e9\\u0041"'), 'éA');
    assert.equal(encoded('"\\u00E9a"'), 'éa');
    assert.equal(encoded('"\\u00e91234"'), 'é1234');
    assert.equal(encoded('"$${var.x} %%{if}"'), '${var.x} %{if}');
    assert.equal(encoded('"$ and % and {"'), '$ and % and {');
    assert.equal(encoded('"a$"'), 'a$');
    assert.equal(encoded('"a$$b %%c"'), 'a$$b %%c');
    // Only `$${` and `%%{` are escapes: a doubled other character, or `$` and `{` apart, stay as written.
    assert.equal(encoded('"aa{"'), 'aa{');
    assert.equal(encoded('"$x{ %x{"'), '$x{ %x{');
    assert.equal(encoded('"$%{"'), undefined);
  });

  test('anything only known at apply, or not a literal, is undefined', () => {
    for (const hcl of [
      'var.members',
      '{ a = var.x }',
      '["${var.x}"]',
      '["%{if x}y%{endif}"]',
      '"a\nb"',
      '"unterminated',
      '"\\q"',
      '"\\u12"',
      '"\\u12zz"',
      '"\\u12zz0041"',
      '"\\q0041"',
      '"\\',
      '{ a - 1 }',
      '{ a\n= 1 }',
      '{ 1= 1, a = 2 }',
      '[x, 1]',
      '{ a 1 }',
      '{ 1a = 1 }',
      '{ a = 1 b = 2 }',
      '[1 2]',
      '[1',
      '{ a = 1',
      '1 2',
      '',
      'truthy',
    ])
      assert.equal(encoded(hcl), undefined, hcl);
  });

  test('only a whole-string jsonencode call is read', () => {
    for (const value of [
      'jsonencode({})',
      '${jsonencode({})} ',
      'x${jsonencode({})}',
      '${jsonencode({})}x',
      '${tostring(1)}',
    ])
      assert.equal(literalJsonencode(value), undefined, value);
  });

  test('nesting deeper than the call stack allows is not read (no exception escapes)', () => {
    const deep = 100_000;
    assert.equal(encoded('['.repeat(deep) + ']'.repeat(deep)), undefined);
    assert.deepEqual(encoded('[[[1]]]'), [[[1]]]);
  });

  test('a public invoker policy nested that deep is unknown, not a rule error', () => {
    const deep = 100_000;
    const json = tf('google_cloud_run_v2_service_iam_policy', {
      name: 'api',
      location: 'europe-west1',
      policy_data: `\${jsonencode(${'['.repeat(deep)}${']'.repeat(deep)})}`,
    });
    const [finding] = checkTerraform(json).filter((f) => f.ruleId === 'GCR-PUBLIC-INVOKER');
    assert.equal(finding.status, FindingStatus.UNKNOWN);
    assert.doesNotMatch(finding.message, /rule error/);
  });

  test('a key written twice: the last one, as JSON reads it back', () => {
    assert.deepEqual(encoded('{ a = 1\n a = 2 }'), { a: 2 });
  });
});
