/**
 * How a rule is run over facts: which reads are unknown (a value inside a fact, a fact containing it), when a rule is
 * out of scope, when it is skipped, run on the known values only, or judged; and which facts a construct sets aside.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  evaluate,
  evaluateRule,
  type FactRule,
  isKnown,
  outOfScope,
  type RuleContext,
  unknownFactsOf,
  unknownReads,
  type Violation,
} from '../../lib/platform/rule';
import { fakeRule } from './fake-rule';

interface Facts {
  readonly a?: number;
  readonly b?: number;
  readonly probe?: { readonly period?: number };
}
const NOW = new Date('2026-11-29T00:00:00Z');
const set = (facts: Facts, unknown: string[] = []) => ({ facts, unknown: new Set(unknown) });
const violation = (message: string): Violation<Facts> => ({ fact: 'a', message, fix: 'lower a' });
/** A rule reading `reads`, returning what `check` returns and recording how it was called. */
const rule = (
  reads: FactRule<Facts>['reads'],
  check: FactRule<Facts>['check'],
  extra: Partial<FactRule<Facts>> = {},
): FactRule<Facts> => fakeRule<Facts>({ reads, check, ...extra });

describe('unknown reads', () => {
  test('a read is unknown when listed, when a value inside it is, or when a fact containing it is', () => {
    const unknown = new Set(['probe.period', 'server']);
    assert.deepEqual(unknownReads(['probe'], unknown), ['probe']);
    assert.deepEqual(unknownReads(['probe.period'], unknown), ['probe.period']);
    assert.deepEqual(unknownReads(['server.workers'], unknown), ['server.workers']);
    assert.deepEqual(unknownReads(['server'], unknown), ['server']);
    assert.deepEqual(unknownReads(['a', 'probe', 'b', 'server.workers'], unknown), ['probe', 'server.workers']);
  });

  test('a shared prefix that is not a whole path segment does not count', () => {
    const unknown = new Set(['probe.period', 'server']);
    assert.deepEqual(unknownReads(['prob', 'probe.periodSeconds', 'servers', 'serve', 'a.period'], unknown), []);
    // A dot at the same position in a different path.
    assert.deepEqual(unknownReads(['x'], new Set(['a.b'])), []);
    assert.deepEqual(unknownReads(['a.b'], new Set(['x'])), []);
    assert.deepEqual(unknownReads(['a', 'b'], new Set()), []);
  });

  test('isKnown: everything when the context lists nothing; otherwise what is not under an unknown path', () => {
    assert.equal(isKnown({ now: NOW }, 'a'), true);
    const context: RuleContext = { now: NOW, unknown: new Set(['probe.period']) };
    assert.equal(isKnown(context, 'probe.period'), false);
    assert.equal(isKnown(context, 'probe'), false);
    assert.equal(isKnown(context, 'probe.timeout'), true);
    assert.equal(isKnown(context, 'a'), true);
  });
});

describe('evaluating a rule', () => {
  test('known facts: the rule judges them with the context as given and the unknown set', () => {
    const calls: Array<[Facts, RuleContext, ReadonlySet<string>]> = [];
    const r = rule(['a'], (f, c, u) => {
      calls.push([f, c, u]);
      return f.a !== undefined && f.a > 1 ? violation(`a is ${f.a}`) : undefined;
    });
    const context = { now: NOW };
    assert.deepEqual(evaluateRule(r, set({ a: 1 }), context), { rule: r, status: 'pass' });
    const fail = evaluateRule(r, set({ a: 2 }, ['b']), context);
    assert.equal(fail.status, 'fail');
    assert.deepEqual(fail.status === 'fail' && fail.violations, [violation('a is 2')]);
    assert.equal(calls.length, 2);
    assert.equal(calls[1][1], context);
    assert.deepEqual([...calls[1][2]], ['b']);
  });

  test('a rule may return several violations, or none as an empty list', () => {
    const two = rule(['a'], () => [violation('one'), violation('two')]);
    const o = evaluateRule(two, set({ a: 1 }), { now: NOW });
    assert.deepEqual(o.status === 'fail' && o.violations.map((v) => v.message), ['one', 'two']);
    assert.equal(
      evaluateRule(
        rule(['a'], () => []),
        set({}),
        { now: NOW },
      ).status,
      'pass',
    );
  });

  test('an unknown read: the rule is not run and says which facts are unknown', () => {
    let ran = false;
    const r = rule(['a', 'b'], () => {
      ran = true;
      return violation('x');
    });
    assert.deepEqual(evaluateRule(r, set({ a: 1 }, ['b']), { now: NOW }), {
      rule: r,
      status: 'unknown',
      unknownFacts: ['b'],
    });
    assert.equal(ran, false);
  });

  test('a per-value rule runs on the known values with the unknown paths in its context', () => {
    const seen: Array<ReadonlySet<string> | undefined> = [];
    const r = rule(
      ['a', 'probe.period'],
      (f, c) => {
        seen.push(c.unknown);
        return isKnown(c, 'a') && f.a === 5 ? violation('a is 5') : undefined;
      },
      { perValue: true },
    );
    const fail = evaluateRule(r, set({ a: 5 }, ['probe.period']), { now: NOW });
    assert.equal(fail.status, 'fail');
    assert.deepEqual([...seen[0]!], ['probe.period']);
    // Nothing wrong with the known values: unknown, naming the unknown ones.
    assert.deepEqual(evaluateRule(r, set({ a: 1 }, ['probe.period']), { now: NOW }), {
      rule: r,
      status: 'unknown',
      unknownFacts: ['probe.period'],
    });
    // All known: no unknown paths in the context, and a pass.
    assert.equal(evaluateRule(r, set({ a: 1 }), { now: NOW }).status, 'pass');
    assert.equal(seen[2], undefined);
  });

  test('a rule whose scope is known not to apply passes, however unknown the rest', () => {
    const scoped = (when: boolean) =>
      rule(['a', 'b'], () => violation('x'), { scope: { reads: ['a'], when: (f) => f.a === 1 || when } });
    assert.equal(outOfScope(scoped(false), set({ a: 2 }, ['b'])), true);
    assert.equal(evaluateRule(scoped(false), set({ a: 2 }, ['b']), { now: NOW }).status, 'pass');
    // In scope: unknown.
    assert.equal(outOfScope(scoped(false), set({ a: 1 }, ['b'])), false);
    assert.equal(evaluateRule(scoped(false), set({ a: 1 }, ['b']), { now: NOW }).status, 'unknown');
    // The scope itself unknown: unknown.
    assert.equal(outOfScope(scoped(false), set({ a: 2 }, ['a'])), false);
    assert.equal(evaluateRule(scoped(false), set({ a: 2 }, ['a']), { now: NOW }).status, 'unknown');
    // No scope: never out of it.
    assert.equal(
      outOfScope(
        rule(['a'], () => undefined),
        set({}),
      ),
      false,
    );
    // Out of scope with everything known: the rule still runs (the scope only settles unknown reads).
    assert.equal(evaluateRule(scoped(false), set({ a: 2 }), { now: NOW }).status, 'fail');
  });

  test('evaluate runs every rule, in order', () => {
    const pass = rule(['a'], () => undefined, { id: 'PASS' });
    const fail = rule(['a'], () => violation('x'), { id: 'FAIL' });
    assert.deepEqual(
      evaluate([pass, fail, pass], set({}), { now: NOW }).map((o) => [o.rule.id, o.status]),
      [
        ['PASS', 'pass'],
        ['FAIL', 'fail'],
        ['PASS', 'pass'],
      ],
    );
  });
});

describe('facts set aside', () => {
  test('the facts of the props named, and of props inside them, join the unknown ones', () => {
    const propOfFact = { cpu: 'cpu', memoryMiB: 'memory', 'probe.period': 'startupProbe.periodSeconds', cpus: 'cpus' };
    assert.deepEqual([...unknownFactsOf(new Set(['region']), propOfFact, ['cpu', 'startupProbe'])].sort(), [
      'cpu',
      'probe.period',
      'region',
    ]);
    assert.deepEqual([...unknownFactsOf(new Set(['region']), propOfFact, [])], ['region']);
    assert.deepEqual([...unknownFactsOf(new Set(), propOfFact, ['startupProbe.periodSeconds'])], ['probe.period']);
    assert.deepEqual([...unknownFactsOf(new Set(), propOfFact, ['start'])], []);
  });
});
