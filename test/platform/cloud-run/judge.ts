/** Runs platform rules directly on facts, as the boundary tests do, for the tests of lib/platform/cloud-run/ file by file. */
import assert from 'node:assert/strict';
import { CheckLevel } from '../../../lib/core/levels';
import { CLOUD_RUN_RULES } from '../../../lib/platform/cloud-run';
import type { CloudRunFacts } from '../../../lib/platform/cloud-run/facts';
import { evaluateRule, type FactRule, type RuleMeta } from '../../../lib/platform/rule';

const NOW = new Date('2026-11-29T00:00:00Z');

/** Helpers that judge facts of type F by rule id, over `rules`. */
export function ruleTests<F>(rules: ReadonlyArray<FactRule<F>>) {
  /**
   * Rule `id` judged on `facts` (`unknown`: the fact paths not known at synth time): its status and its violations
   * (none unless it fails), each with its fact, message, fix and level (unset: the rule's).
   */
  const judge = (id: string, facts: F, unknown: readonly string[] = []) => {
    const rule = rules.find((r) => r.id === id);
    assert.ok(rule, `no rule ${id}`);
    const outcome = evaluateRule(rule, { facts, unknown: new Set(unknown) }, { now: NOW });
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

/**
 * The status of rule `id` (from `rules`, every Cloud Run rule unless given) on `facts`, and the fact (as a string),
 * message, fix and level of each violation (none unless it fails). `unknown` lists the fact paths that are tokens.
 */
export function judge<F = CloudRunFacts>(
  id: string,
  facts: F,
  unknown: string[] = [],
  rules: ReadonlyArray<FactRule<F>> = CLOUD_RUN_RULES as unknown as ReadonlyArray<FactRule<F>>,
) {
  const { status, violations } = ruleTests(rules).judge(id, facts, unknown);
  return {
    status,
    violations: violations.map(({ fact, message, fix, level }) => ({ fact: String(fact), message, fix, level })),
  };
}

/** The facts rule `id` reports on `facts`, in order (none when it passes). */
export const reported = (id: string, facts: CloudRunFacts, unknown: string[] = []) =>
  judge(id, facts, unknown).violations.map((v) => v.fact);

/** The one violation rule `id` reports on `facts` (asserts there is exactly one). */
export function only(id: string, facts: CloudRunFacts) {
  const { violations } = judge(id, facts);
  assert.equal(violations.length, 1, `${id} should report once on ${JSON.stringify(facts)}`);
  return violations[0];
}

/** Asserts the README's promise on `rules`: errors cannot be suppressed, warnings and notes can. */
export function onlyErrorsUnsuppressible(rules: readonly RuleMeta[]): void {
  assert.ok(rules.length > 0);
  for (const r of rules) assert.equal(r.suppressible, r.level !== CheckLevel.ERROR, r.id);
}
