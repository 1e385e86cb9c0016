/**
 * How a construct judges itself: which rules it runs (its kind's, and construct-intent ones, but not the suppressible
 * security errors left to the policy checks), and what it reports (every violation above info, under the prop the fact
 * comes from, at the violation's level, with the rule's id and suppressibility).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CheckLevel } from '../../lib/core/levels';
import type { Problems } from '../../lib/core/problems';
import { judge, rulesFor } from '../../lib/platform/judge';
import { ResourceKind } from '../../lib/platform/kinds';
import { fakeRule } from './fake-rule';
import { type FactRule, Pack, type RuleContext, type Violation } from '../../lib/platform/rule';

interface Facts {
  readonly a?: number;
  readonly b?: number;
}
const NOW = new Date('2026-11-29T00:00:00Z');

const rule = (id: string, extra: Partial<FactRule<Facts>> = {}) => fakeRule<Facts>({ id, reads: ['a'], ...extra });

/** What `judge` reports, as [level, prop, value, message, fix, rule, suppressible]. */
function reported(rules: ReadonlyArray<FactRule<Facts>>, facts: Facts, unknown: string[] = [], context = { now: NOW }) {
  const added: unknown[][] = [];
  const problems = { add: (...args: unknown[]) => added.push(args) } as unknown as Problems;
  judge(
    rules,
    { facts, unknown: new Set(unknown) },
    problems,
    (fact) => ({ prop: `prop-of-${fact}`, value: facts[fact as keyof Facts] }),
    context,
  );
  return added;
}
const v = (fact: 'a' | 'b', message: string, level?: CheckLevel): Violation<Facts> => ({
  fact,
  message,
  fix: `fix ${fact}`,
  ...(level ? { level } : {}),
});

describe('rules a construct runs', () => {
  test("its kind's rules and construct-intent rules; not other kinds', not suppressible security errors", () => {
    const rules = [
      rule('MINE'),
      rule('INTENT', { appliesTo: [ResourceKind.CONSTRUCT] }),
      rule('OTHER', { appliesTo: [ResourceKind.CLOUD_RUN_JOB] }),
      rule('SEC-ERROR-SUPPRESSIBLE', { pack: Pack.SECURITY, suppressible: true }),
      rule('SEC-ERROR', { pack: Pack.SECURITY }),
      rule('SEC-WARNING', { pack: Pack.SECURITY, level: CheckLevel.WARNING, suppressible: true }),
      rule('PLATFORM-SUPPRESSIBLE', { suppressible: true }),
      rule('COST-SUPPRESSIBLE', { pack: Pack.COST, suppressible: true }),
    ];
    assert.deepEqual(
      rulesFor(rules, ResourceKind.CLOUD_RUN_SERVICE).map((r) => r.id),
      ['MINE', 'INTENT', 'SEC-ERROR', 'SEC-WARNING', 'PLATFORM-SUPPRESSIBLE', 'COST-SUPPRESSIBLE'],
    );
    assert.deepEqual(
      rulesFor(rules, ResourceKind.CLOUD_RUN_JOB).map((r) => r.id),
      ['INTENT', 'OTHER'],
    );
  });
});

describe('judging a construct', () => {
  test('each violation is reported under its prop and value, at its level or the rule’s, with id and suppressibility', () => {
    const rules = [
      rule('ONE', { check: (f) => v('a', `a is ${f.a}`) }),
      rule('TWO', {
        level: CheckLevel.WARNING,
        suppressible: true,
        reads: ['b'],
        check: () => [v('b', 'b first'), v('a', 'a lowered', CheckLevel.WARNING)],
      }),
      rule('OK'),
    ];
    assert.deepEqual(reported(rules, { a: 3, b: 4 }), [
      [CheckLevel.ERROR, 'prop-of-a', 3, 'a is 3', 'fix a', 'ONE', false],
      [CheckLevel.WARNING, 'prop-of-b', 4, 'b first', 'fix b', 'TWO', true],
      [CheckLevel.WARNING, 'prop-of-a', 3, 'a lowered', 'fix a', 'TWO', true],
    ]);
  });

  test('infos are not reported, whether the rule or the violation says info', () => {
    const rules = [
      rule('INFO-RULE', { level: CheckLevel.INFO, check: () => v('a', 'advice') }),
      rule('INFO-VIOLATION', { check: () => [v('a', 'advice', CheckLevel.INFO), v('b', 'real')] }),
    ];
    assert.deepEqual(
      reported(rules, {}).map((p) => [p[5], p[3]]),
      [['INFO-VIOLATION', 'real']],
    );
  });

  test('a rule reading an unknown fact is skipped; a per-value rule runs with the unknown paths in its context', () => {
    const contexts: RuleContext[] = [];
    const rules = [
      rule('READS-B', { reads: ['a', 'b'], check: () => v('a', 'should not run') }),
      rule('PER-VALUE', {
        reads: ['a', 'b'],
        perValue: true,
        check: (_f, c) => {
          contexts.push(c);
          return v('a', 'ran');
        },
      }),
      rule('READS-A', { check: (_f, c) => (contexts.push(c), v('a', 'a known')) }),
    ];
    const context = { now: NOW };
    assert.deepEqual(
      reported(rules, { a: 1 }, ['b'], context).map((p) => [p[5], p[3]]),
      [
        ['PER-VALUE', 'ran'],
        ['READS-A', 'a known'],
      ],
    );
    assert.deepEqual([...contexts[0].unknown!], ['b']);
    assert.equal(contexts[0].now, NOW);
    // A rule whose reads are known gets the context as given.
    assert.equal(contexts[1], context);
  });
});
