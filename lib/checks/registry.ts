/**
 * Every policy rule, by pack and by Terraform type.
 *
 * Platform and cost rules for Cloud Run and App Engine come from lib/platform (the single source of truth the
 * constructs use); security rules and the few operations rules that are not platform facts live in ./rules.
 * @internal
 */
import { APP_ENGINE_APPLICATION_RULES, APP_ENGINE_RULES } from '../platform/app-engine';
import { CLOUD_RUN_RULES } from '../platform/cloud-run';
import {
  APP_ENGINE_APPLICATION,
  APP_ENGINE_STANDARD_VERSION,
  appEngineApplicationFacts,
  appEngineVersionFacts,
} from './facts/app-engine-facts';
import { CLOUD_RUN_V1_SERVICE, CLOUD_RUN_V2_JOB, CLOUD_RUN_V2_SERVICE, cloudRunFacts } from './facts/cloud-run-facts';
import { CLOUD_RUN_DELETION_PROTECTION_OFF } from './rules/cost/operations';
import { type CheckRule, fromFactRule } from './rules/rule';
import {
  APP_ENGINE_DEFAULT_SA,
  APP_ENGINE_PLAIN_SECRET_ENV,
  CLOUD_RUN_DEFAULT_SA,
  CLOUD_RUN_IMAGE_DIGEST,
  CLOUD_RUN_PLAIN_SECRET_ENV,
} from './rules/security/containers';
import {
  APP_ENGINE_FIREWALL_OPEN,
  APP_ENGINE_HTTPS,
  APP_ENGINE_SSL_POLICY,
  CLOUD_RUN_INGRESS_ALL,
} from './rules/security/network';
import { PUBLIC_INVOKER } from './rules/security/public-invoker';
import { CheckLevel, Pack, type RuleInfo } from './types';

/** Cloud Run platform rules that make sense for a job (no concurrency, scaling, request timeout or billing choice). */
const JOB_RULES = new Set(['GCR-CPU-VALUE', 'GCR-MEMORY-RANGE', 'GCR-MEMORY-FOR-CPU', 'GCR-STARTUP-PROBE']);
/** Cloud Run rules that only describe v2 services: the v2 name format and the v2 `cpu_idle` default flip. */
const V2_ONLY_RULES = new Set(['GCR-SERVICE-NAME', 'GCR-CPU-IDLE-IMPLICIT']);
/**
 * Platform rules that only read construct intent (memory per worker, the longest request the app must serve, background
 * threads): raw Terraform does not carry these facts, so the rules would always "pass" and are not run by the checker.
 */
const CONSTRUCT_ONLY_RULES = new Set([
  'GCR-SERVER-MEMORY',
  'GAE-SERVER-MEMORY',
  'GAE-SERVER-TIMEOUT',
  'GAE-REQUEST-DEADLINE',
  'GAE-BACKGROUND-THREADS',
]);
/** Platform rules built on gunicorn heuristics: the platform does not reject them, so they stay suppressible. */
const isHeuristic = (id: string) => id.includes('-SERVER-') || id.includes('WARMUP') || id.includes('UNLISTED');

function suppressible(id: string, level: string, category: string): boolean {
  return !(category === 'platform' && level === 'error' && !isHeuristic(id));
}

function cloudRunTypes(id: string): string[] {
  const types = [CLOUD_RUN_V2_SERVICE];
  if (!V2_ONLY_RULES.has(id)) types.push(CLOUD_RUN_V1_SERVICE);
  if (JOB_RULES.has(id)) types.push(CLOUD_RUN_V2_JOB);
  return types;
}

/** Rules about suppressions themselves; always on. */
export const SUPPRESSION_RULES: readonly RuleInfo[] = [
  {
    id: 'CHECKS-SUPPRESSION-UNUSED',
    level: CheckLevel.WARNING,
    pack: Pack.SECURITY,
    title: 'A suppression matches no finding',
    explanation:
      'A suppression that matches nothing is stale (the problem was fixed, the rule id is misspelt, or the resource moved) and would silently hide a future finding; remove it.',
    resourceTypes: [],
    suppressible: false,
  },
  {
    id: 'CHECKS-SUPPRESSION-EXPIRED',
    level: CheckLevel.WARNING,
    pack: Pack.SECURITY,
    title: 'A suppression has expired',
    explanation:
      'Past its expiry date a suppression no longer applies and the findings it covered are reported again; fix them, or renew the suppression with a new date and reason.',
    resourceTypes: [],
    suppressible: false,
  },
  {
    id: 'CHECKS-SUPPRESSION-NOT-ALLOWED',
    level: CheckLevel.WARNING,
    pack: Pack.SECURITY,
    title: 'A suppression targets a rule that cannot be suppressed',
    explanation:
      'Rules for what the platform rejects at deploy time cannot be suppressed: the deployment would fail anyway. The suppression is ignored.',
    resourceTypes: [],
    suppressible: false,
  },
];

function buildRules(): CheckRule[] {
  const rules: CheckRule[] = [];
  for (const rule of CLOUD_RUN_RULES) {
    if (CONSTRUCT_ONLY_RULES.has(rule.id)) continue;
    rules.push(
      fromFactRule(rule, cloudRunTypes(rule.id), cloudRunFacts, {
        suppressible: suppressible(rule.id, rule.level, rule.category),
      }),
    );
  }
  for (const rule of APP_ENGINE_RULES) {
    if (CONSTRUCT_ONLY_RULES.has(rule.id)) continue;
    rules.push(
      fromFactRule(rule, [APP_ENGINE_STANDARD_VERSION], appEngineVersionFacts, {
        suppressible: suppressible(rule.id, rule.level, rule.category),
      }),
    );
  }
  for (const rule of APP_ENGINE_APPLICATION_RULES) {
    rules.push(
      fromFactRule(rule, [APP_ENGINE_APPLICATION], appEngineApplicationFacts, {
        suppressible: suppressible(rule.id, rule.level, rule.category),
      }),
    );
  }
  rules.push(
    PUBLIC_INVOKER,
    CLOUD_RUN_INGRESS_ALL,
    CLOUD_RUN_DEFAULT_SA,
    CLOUD_RUN_PLAIN_SECRET_ENV,
    CLOUD_RUN_IMAGE_DIGEST,
    APP_ENGINE_HTTPS,
    APP_ENGINE_DEFAULT_SA,
    APP_ENGINE_PLAIN_SECRET_ENV,
    APP_ENGINE_FIREWALL_OPEN,
    APP_ENGINE_SSL_POLICY,
    CLOUD_RUN_DELETION_PROTECTION_OFF,
  );
  const seen = new Set<string>();
  for (const rule of rules) {
    if (seen.has(rule.id)) throw new Error(`duplicate rule id ${rule.id}`);
    seen.add(rule.id);
  }
  return rules;
}

/** Every rule, in a stable order. */
export const ALL_RULES: readonly CheckRule[] = buildRules();

/** Rules by id (including the suppression rules). */
export const RULES_BY_ID: ReadonlyMap<string, RuleInfo> = new Map<string, RuleInfo>([
  ...ALL_RULES.map((r) => [r.id, r] as const),
  ...SUPPRESSION_RULES.map((r) => [r.id, r] as const),
]);

/** Ids of the rules no suppression can silence. */
export const NEVER_SUPPRESS: ReadonlySet<string> = new Set(ALL_RULES.filter((r) => !r.suppressible).map((r) => r.id));

/** Metadata of every rule (for documentation and reports). */
export function ruleInfos(): RuleInfo[] {
  return [...ALL_RULES, ...SUPPRESSION_RULES].map((r) => ({
    id: r.id,
    level: r.level,
    pack: r.pack,
    title: r.title,
    explanation: r.explanation,
    resourceTypes: [...r.resourceTypes],
    suppressible: r.suppressible,
  }));
}

/** The rules of the given packs, indexed by Terraform type. */
export function rulesByType(rules: readonly CheckRule[]): Map<string, CheckRule[]> {
  const byType = new Map<string, CheckRule[]>();
  for (const rule of rules) {
    for (const type of rule.resourceTypes) {
      const list = byType.get(type);
      if (list) list.push(rule);
      else byType.set(type, [rule]);
    }
  }
  return byType;
}
