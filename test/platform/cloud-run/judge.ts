/** Runs platform rules directly on facts, for the tests of lib/platform/cloud-run/ file by file. */
import assert from 'node:assert/strict';
import { evaluateRule, type FactRule } from '../../../lib/platform/rule';

/** Helpers that judge facts of type F by rule id, over `rules`. */
export function ruleTests<F>(rules: ReadonlyArray<FactRule<F>>) {
  /**
   * Rule `id` judged on `facts` (`unknown`: the fact paths not known at synth time): its status and its violations
   * (none unless it fails), each with its fact, message, fix and level (unset: the rule's).
   */
  const judge = (id: string, facts: F, unknown: readonly string[] = []) => {
    const rule = rules.find((r) => r.id === id);
    assert.ok(rule, `no rule ${id}`);
    const set = { facts, unknown: new Set(unknown) };
    const outcome = evaluateRule(rule, set, { now: new Date('2026-11-29T00:00:00Z') });
    return { status: outcome.status, violations: outcome.status === 'fail' ? [...outcome.violations] : [] };
  };
  return {
    judge,
    /** The status of rule `id` on `facts`. */
    status: (id: string, facts: F, unknown: readonly string[] = []) => judge(id, facts, unknown).status,
    /** The facts rule `id` reports on `facts`, in order (none when it passes). */
    reported: (id: string, facts: F, unknown: readonly string[] = []) =>
      judge(id, facts, unknown).violations.map((v) => v.fact),
    /** The one violation rule `id` reports on `facts`. */
    only: (id: string, facts: F) => {
      const { violations } = judge(id, facts);
      const said = violations.map((v) => v.message).join('; ');
      assert.equal(violations.length, 1, `${id} on ${JSON.stringify(facts)}: ${said}`);
      return violations[0];
    },
  };
}
