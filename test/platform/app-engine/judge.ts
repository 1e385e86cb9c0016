/** Judging one App Engine rule on facts, as the rule tests of test/platform/ do. */
import assert from 'node:assert/strict';
import { APP_ENGINE_APPLICATION_RULES, APP_ENGINE_VERSION_RULES } from '../../../lib/platform/app-engine';
import type { AppEngineApplicationFacts, AppEngineVersionFacts } from '../../../lib/platform/app-engine/facts';
import { evaluate, type FactRule } from '../../../lib/platform/rule';

/** The day rules are judged on unless a test gives another. */
export const NOW = new Date('2026-11-29T00:00:00Z');

/** `judge`, `reported` and `passes` over `rules`, with `base` under the facts of every case. */
function judging<F>(rules: ReadonlyArray<FactRule<F>>, base: F) {
  const byId = new Map(rules.map((r) => [r.id, r]));
  /** Rule `id`'s status on `facts` (`unknown`: unknown fact paths), and each violation's fact, message and fix. */
  const judge = (id: string, facts: Partial<F>, unknown: string[] = [], now = NOW) => {
    const rule = byId.get(id);
    assert.ok(rule, `no rule ${id}`);
    const [outcome] = evaluate([rule], { facts: { ...base, ...facts }, unknown: new Set(unknown) }, { now });
    const violations = outcome.status === 'fail' ? outcome.violations : [];
    return { status: outcome.status, violations: violations.map(({ fact, message, fix }) => ({ fact, message, fix })) };
  };
  /** The facts rule `id` reports on `facts`, in order (none when it passes). */
  const reported = (id: string, facts: Partial<F>, unknown: string[] = []) =>
    judge(id, facts, unknown).violations.map((v) => v.fact);
  const passes = (id: string, facts: Partial<F>) =>
    assert.equal(judge(id, facts).status, 'pass', `${id} should pass ${JSON.stringify(facts)}`);
  /** Rule `id` fails on `facts`, and reports unknown instead when `unknown` is. */
  const unknownSkips = (id: string, facts: Partial<F>, unknown: string) => {
    assert.equal(judge(id, facts).status, 'fail', `${id} should fail ${JSON.stringify(facts)}`);
    assert.equal(judge(id, facts, [unknown]).status, 'unknown', `${id} with ${unknown} unknown`);
  };
  return { judge, reported, passes, unknownSkips };
}

/** Version rules, on automatic scaling unless the facts say otherwise. */
export const version = judging<AppEngineVersionFacts>(APP_ENGINE_VERSION_RULES, { scalingType: 'automatic' });
/** Application rules. */
export const application = judging<AppEngineApplicationFacts>(APP_ENGINE_APPLICATION_RULES, {});
