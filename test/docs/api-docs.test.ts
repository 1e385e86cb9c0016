import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { exportedNames, readApi, renderApi } from './api-model';

/** Interfaces the library returns (results), whose optional members have no default to document. */
const OUTPUT_TYPES = new Set(['ValidationProblem', 'Finding', 'RuleInfo', 'AppliedSuppression']);

describe('public API documentation', () => {
  const items = readApi();

  test('the public API exports constructs, props, enums and factory classes', () => {
    const names = items.map((i) => i.name);
    for (const name of [
      'CloudRunService',
      'CloudRunServiceProps',
      'Gunicorn',
      'Probe',
      'Billing',
      'Errors',
      'PolicyChecks',
    ]) {
      assert.ok(names.includes(name), name);
    }
  });

  test('every exported class, interface and enum has a summary', () => {
    const missing = items.filter((i) => i.doc.length === 0).map((i) => `${i.file}: ${i.name}`);
    assert.deepEqual(missing, []);
  });

  test('every prop of every exported interface has TSDoc, and every optional input a @default', () => {
    const problems: string[] = [];
    for (const item of items.filter((i) => i.kind === 'interface')) {
      for (const m of item.members) {
        if (m.doc.length === 0) problems.push(`${item.name}.${m.name}: no TSDoc`);
        if (m.optional && m.defaultTag === undefined && !OUTPUT_TYPES.has(item.name))
          problems.push(`${item.name}.${m.name}: optional without @default`);
      }
    }
    assert.deepEqual(problems, []);
  });

  test('every public member of exported classes and every enum member is documented', () => {
    const problems = items
      .filter((i) => i.kind !== 'interface')
      .flatMap((i) =>
        i.members.filter((m) => m.kind !== 'constructor' && m.doc.length === 0).map((m) => `${i.name}.${m.name}`),
      );
    assert.deepEqual(problems, []);
  });

  test('public signatures never expose zod, generics beyond Record/Array, or string-literal unions', () => {
    const bad = items.flatMap((i) =>
      i.members.filter((m) => /\bz\.|Zod|<T\b|'[^']*' \|/.test(m.signature)).map((m) => `${i.name}: ${m.signature}`),
    );
    assert.deepEqual(bad, []);
  });

  test('the reference renders every item', () => {
    const md = renderApi(items);
    for (const item of items) assert.ok(md.includes(`\`${item.name}\``), item.name);
  });

  test('the reference has every export of lib/index.ts, the static methods that replace the 0.1.0 functions included', () => {
    assert.deepEqual(items.map((i) => i.name).sort(), exportedNames().sort());
    const statics = items
      .find((i) => i.name === 'PolicyChecks')!
      .members.filter((m) => m.kind === 'static method')
      .map((m) => m.name);
    for (const fn of items.filter((i) => i.kind === 'function')) {
      assert.ok(statics.includes(fn.name), `PolicyChecks.${fn.name}`);
      assert.match(fn.deprecated ?? '', new RegExp(`PolicyChecks\\.${fn.name}`));
    }
  });

  test('links resolve: no raw {@link} tag is left, and every link points at an item of the reference', () => {
    const md = renderApi(items);
    assert.ok(!md.includes('{@link'), 'a raw {@link} tag');
    const anchors = new Set([...md.matchAll(/^## (\w+) `(\w+)`$/gm)].map((m) => `#${m[1]}-${m[2].toLowerCase()}`));
    const targets = [...md.matchAll(/\]\((#[^)]+)\)/g)].map((m) => m[1]);
    assert.ok(targets.length > 0);
    assert.deepEqual(
      targets.filter((t) => !anchors.has(t)),
      [],
    );
  });
});
