/**
 * The value readers every fact extractor uses (unknown kept apart from unset), and `FactBuilder`.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { FactBuilder, toBoolean, toMap, toNumber, toSeconds, toText } from '../../../lib/checks/facts/values';
import { UNKNOWN } from '../../../lib/checks/model';

describe('value readers', () => {
  test('unset stays unset and unknown stays unknown, for every reader', () => {
    for (const read of [toNumber, toBoolean, toText, toMap, toSeconds]) {
      assert.equal(read(undefined), undefined, read.name);
      assert.equal(read(UNKNOWN), UNKNOWN, read.name);
    }
  });

  test('toNumber: numbers, numeric strings (blanks around allowed), NaN for anything else', () => {
    assert.equal(toNumber(0), 0);
    assert.equal(toNumber(-2.5), -2.5);
    assert.equal(toNumber('8'), 8);
    assert.equal(toNumber(' 8 '), 8);
    assert.equal(toNumber('1e3'), 1000);
    for (const value of ['', '   ', 'eight', 'Infinity', '8s', true, null, {}, [8]])
      assert.ok(Number.isNaN(toNumber(value)), JSON.stringify(value));
  });

  test('toBoolean: booleans and their strings; anything else unset', () => {
    assert.equal(toBoolean(true), true);
    assert.equal(toBoolean(false), false);
    assert.equal(toBoolean('true'), true);
    assert.equal(toBoolean('false'), false);
    for (const value of ['True', 'yes', 1, 0, null, {}])
      assert.equal(toBoolean(value), undefined, JSON.stringify(value));
  });

  test('toText: strings as they are, numbers and booleans as strings, anything else unset', () => {
    assert.equal(toText(''), '');
    assert.equal(toText('a'), 'a');
    assert.equal(toText(1.5), '1.5');
    assert.equal(toText(false), 'false');
    for (const value of [null, {}, ['a']]) assert.equal(toText(value), undefined, JSON.stringify(value));
  });

  test('toMap: an object; anything else (a list, a string) unknown', () => {
    const map = { a: '1' };
    assert.equal(toMap(map), map);
    for (const value of [['a'], 'a', 1, null]) assert.equal(toMap(value), UNKNOWN, JSON.stringify(value));
  });

  test('toSeconds: an API duration; NaN when malformed or not a string', () => {
    assert.equal(toSeconds('300s'), 300);
    assert.equal(toSeconds('0.5s'), 0.5);
    for (const value of ['300', '5m', '', 300, {}]) assert.ok(Number.isNaN(toSeconds(value)), JSON.stringify(value));
  });
});

interface Facts {
  readonly cpu?: number;
  readonly memory?: number;
  readonly probe?: { readonly period?: number };
}

describe('FactBuilder', () => {
  const SHARED = { cpu: 'limits.cpu', memory: 'limits.memory' };
  const builder = () => new FactBuilder<Facts>({ cpu: undefined, memory: undefined, probe: undefined }, SHARED);

  test('known: the value, or undefined with the path marked unknown', () => {
    const b = builder();
    assert.equal(b.known('cpu', 2), 2);
    assert.equal(b.known('memory', undefined), undefined);
    assert.equal(b.isUnknown('cpu'), false);
    assert.equal(b.isUnknown('memory'), false);
    assert.equal(b.known('memory', UNKNOWN), undefined);
    assert.equal(b.isUnknown('memory'), true);
    assert.deepEqual([...b.build().unknown], ['memory']);
  });

  test('a fact set without an unknown fact has an empty unknown set', () => {
    const b = builder();
    b.facts.cpu = b.known('cpu', 1);
    const set = b.build();
    assert.equal(set.unknown.size, 0);
    assert.deepEqual(set.facts, { cpu: 1, memory: undefined, probe: undefined });
    assert.equal(set.attributes, SHARED);
  });

  test('attributes: the shared table, else the path; a resource of its own leaves the shared table alone', () => {
    const b = builder();
    assert.equal(b.attributeOf('cpu'), 'limits.cpu');
    assert.equal(b.attributeOf('probe.period'), 'probe.period');
    b.at('cpu', 'limits.cpu');
    assert.equal(b.build().attributes, SHARED);
    b.at('cpu', 'resources.cpu');
    b.at('memory', 'resources.memory');
    assert.equal(b.attributeOf('cpu'), 'resources.cpu');
    assert.equal(b.attributeOf('memory'), 'resources.memory');
    // The resource records only where it differs, over the shared table.
    assert.deepEqual(Object.keys(b.build().attributes!), ['cpu', 'memory']);
    assert.deepEqual(SHARED, { cpu: 'limits.cpu', memory: 'limits.memory' });
    assert.equal(builder().attributeOf('cpu'), 'limits.cpu');
  });

  test('markUnknown: every path unknown, read from the attribute given', () => {
    const b = builder();
    b.markUnknown('limits', 'cpu', 'memory');
    b.markUnknown('probe.period_seconds', 'probe.period');
    assert.deepEqual([...b.build().unknown].sort(), ['cpu', 'memory', 'probe.period']);
    assert.equal(b.attributeOf('cpu'), 'limits');
    assert.equal(b.attributeOf('memory'), 'limits');
    assert.equal(b.attributeOf('probe.period'), 'probe.period_seconds');
    assert.deepEqual(SHARED, { cpu: 'limits.cpu', memory: 'limits.memory' });
  });
});
