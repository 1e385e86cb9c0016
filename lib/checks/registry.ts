/**
 * Every rule, what it applies to, and how the checker reads the facts it judges.
 *
 * Platform rules (and the security rules that are facts a construct also has) come from lib/platform, the single
 * source of truth the constructs use; the rules that need the whole Terraform configuration live in ./rules. Each
 * rule says which resource kinds it applies to; the registry maps kinds to Terraform types and checks, when it loads,
 * that every kind a fact rule applies to has a fact extractor. Nothing here reads the spelling of a rule id.
 * @internal
 */
import { CheckLevel } from '../core/levels';
import { APP_ENGINE_APPLICATION_RULES, APP_ENGINE_VERSION_RULES } from '../platform/app-engine';
import { CLOUD_RUN_RULES } from '../platform/cloud-run';
import { CLOUD_RUN_INVOKER_RULES } from '../platform/cloud-run/invoker';
import { CLOUD_SCHEDULER_RULES } from '../platform/cloud-run/scheduler';
import { APP_YAML_RULES } from '../platform/app-engine/app-yaml-findings';
import { ResourceKind } from '../platform/kinds';
import { MIGRATION_RULES } from '../platform/migration';
import { type FactRule, type FactSet, Pack, type RuleMeta } from '../platform/rule';
import { appEngineApplicationFacts, appEngineVersionFacts } from './facts/app-engine';
import { cloudRunFacts } from './facts/cloud-run';
import { schedulerFacts } from './facts/scheduler';
import type { TerraformModel, TfResource } from './model';
import { type CheckRule, fromFactRule, fromTerraformRule, type TerraformRule, typesOf } from './rule';
import { CLOUD_RUN_DELETION_PROTECTION_OFF } from './rules/cost/operations';
import { APP_ENGINE_FIREWALL_OPEN, APP_ENGINE_SSL_POLICY } from './rules/security/network';
import { PUBLIC_INVOKER } from './rules/security/public-invoker';
import type { RuleInfo } from './types';

/** Rules over one kind of facts, and the resource kinds the checker can read those facts from. */
interface FactFamily<F> {
  readonly rules: ReadonlyArray<FactRule<F>>;
  readonly kinds: readonly ResourceKind[];
  readonly extract?: (resource: TfResource, model: TerraformModel) => FactSet<F>;
}

const family = <F>(f: FactFamily<F>) => f as FactFamily<unknown>;

const FACT_FAMILIES: ReadonlyArray<FactFamily<unknown>> = [
  family({
    rules: CLOUD_RUN_RULES,
    kinds: [
      ResourceKind.CLOUD_RUN_SERVICE,
      ResourceKind.CLOUD_RUN_SERVICE_V1,
      ResourceKind.CLOUD_RUN_JOB,
      ResourceKind.CLOUD_RUN_WORKER_POOL,
    ],
    extract: cloudRunFacts,
  }),
  family({
    rules: APP_ENGINE_VERSION_RULES,
    kinds: [ResourceKind.APP_ENGINE_STANDARD_VERSION, ResourceKind.APP_ENGINE_FLEXIBLE_VERSION],
    extract: appEngineVersionFacts,
  }),
  family({
    rules: APP_ENGINE_APPLICATION_RULES,
    kinds: [ResourceKind.APP_ENGINE_APPLICATION],
    extract: appEngineApplicationFacts,
  }),
  family({ rules: CLOUD_SCHEDULER_RULES, kinds: [ResourceKind.CLOUD_SCHEDULER_JOB], extract: schedulerFacts }),
  family({ rules: CLOUD_RUN_INVOKER_RULES, kinds: [] }),
];

const TERRAFORM_RULES: readonly TerraformRule[] = [
  PUBLIC_INVOKER as TerraformRule,
  APP_ENGINE_FIREWALL_OPEN,
  APP_ENGINE_SSL_POLICY,
  CLOUD_RUN_DELETION_PROTECTION_OFF,
];

/** Rules about suppressions themselves; always on. */
export const SUPPRESSION_RULES: readonly RuleMeta[] = [
  {
    id: 'CHECKS-SUPPRESSION-UNUSED',
    level: CheckLevel.WARNING,
    pack: Pack.SECURITY,
    suppressible: false,
    appliesTo: [],
    title: 'A suppression matches no finding',
    explanation:
      'A suppression that matches nothing is stale (the problem was fixed, the rule id is misspelt, or the resource moved) and would silently hide a future finding; remove it.',
    source: 'this library (policy checks)',
  },
  {
    id: 'CHECKS-SUPPRESSION-EXPIRED',
    level: CheckLevel.WARNING,
    pack: Pack.SECURITY,
    suppressible: false,
    appliesTo: [],
    title: 'A suppression has expired',
    explanation:
      'Past its expiry date a suppression no longer applies and the findings it covered are reported again; fix them, or renew the suppression with a new date and reason.',
    source: 'this library (policy checks)',
  },
  {
    id: 'CHECKS-SUPPRESSION-NOT-ALLOWED',
    level: CheckLevel.WARNING,
    pack: Pack.SECURITY,
    suppressible: false,
    appliesTo: [],
    title: 'A suppression targets a rule that cannot be suppressed',
    explanation:
      'Rules for what the platform rejects at deploy time cannot be suppressed: the deployment would fail anyway. The suppression is ignored.',
    source: 'this library (policy checks)',
  },
];

/** Checks what the registry relies on: unique ids, and an extractor for every kind a fact rule applies to. */
function validate(): void {
  const seen = new Set<string>();
  const all: RuleMeta[] = [
    ...FACT_FAMILIES.flatMap((f) => f.rules),
    ...TERRAFORM_RULES,
    ...APP_YAML_RULES,
    ...MIGRATION_RULES,
    ...SUPPRESSION_RULES,
  ];
  for (const rule of all) {
    if (seen.has(rule.id)) throw new Error(`duplicate rule id ${rule.id}`);
    seen.add(rule.id);
  }
  for (const f of FACT_FAMILIES) {
    for (const rule of f.rules) {
      if (rule.appliesTo.length === 0) throw new Error(`${rule.id} applies to nothing`);
      const unread = rule.appliesTo.filter((k) => k !== ResourceKind.CONSTRUCT && !f.kinds.includes(k));
      if (unread.length > 0) throw new Error(`${rule.id} applies to ${unread.join(', ')}, whose facts nothing reads`);
    }
  }
  for (const rule of TERRAFORM_RULES) {
    if (rule.appliesTo.includes(ResourceKind.CONSTRUCT)) throw new Error(`${rule.id} reads Terraform, not intent`);
  }
}

function buildRules(): CheckRule[] {
  validate();
  const rules: CheckRule[] = [];
  for (const f of FACT_FAMILIES) {
    for (const rule of f.rules) {
      if (f.extract && typesOf(rule).length > 0) rules.push(fromFactRule(rule, f.extract));
    }
  }
  for (const rule of TERRAFORM_RULES) rules.push(fromTerraformRule(rule));
  return rules;
}

/** Every rule the checker runs on Terraform, in a stable order. */
export const ALL_RULES: readonly CheckRule[] = buildRules();

/**
 * Every rule there is: those the checker runs, those about construct intent, the findings of the app.yaml reader
 * (which an imported service records) and of an app.yaml migration (which a migrated service records), and those
 * about suppressions.
 */
export const EVERY_RULE: readonly RuleMeta[] = [
  ...FACT_FAMILIES.flatMap((f) => f.rules),
  ...TERRAFORM_RULES,
  ...APP_YAML_RULES,
  ...MIGRATION_RULES,
  ...SUPPRESSION_RULES,
];

/** Rules by id. */
export const RULES_BY_ID: ReadonlyMap<string, RuleMeta> = new Map(EVERY_RULE.map((r) => [r.id, r] as const));

/** Ids of the rules no suppression can silence. */
export const NEVER_SUPPRESS: ReadonlySet<string> = new Set(EVERY_RULE.filter((r) => !r.suppressible).map((r) => r.id));

/** Metadata of every rule (for documentation and reports). */
export function ruleInfos(): RuleInfo[] {
  return EVERY_RULE.map((r) => ({
    id: r.id,
    level: r.level,
    pack: r.pack,
    title: r.title,
    explanation: r.explanation,
    source: r.source,
    appliesTo: [...r.appliesTo],
    resourceTypes: typesOf(r),
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
