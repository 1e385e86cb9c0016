/**
 * The policy engine: synthesized Terraform JSON in, findings out. Pure (no cdktf, no file system), O(resources ×
 * applicable rules) through the type index of the JSON itself.
 */
import { notTerraformReason, TerraformModel } from './model';
import { ALL_RULES, NEVER_SUPPRESS, RULES_BY_ID, rulesByType } from './registry';
import { type CheckRule, levelRank, type RuleResult } from './rules/rule';
import { CheckLevel, type CheckOptions, type Finding, FindingStatus, Pack, type ScopedSuppression } from './types';

/** Thrown for input that is not a Terraform JSON configuration (the CLI turns it into one line and exit code 2). */
export class CheckInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CheckInputError';
  }
}

/** The minimum length of a suppression reason. */
export const MIN_REASON_LENGTH = 10;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Why a suppression is invalid, or `undefined`. */
export function suppressionProblem(s: { ruleId?: unknown; reason?: unknown; expires?: unknown }): string | undefined {
  if (typeof s.ruleId !== 'string' || s.ruleId.trim() === '') return 'a suppression needs a ruleId';
  if (typeof s.reason !== 'string' || s.reason.trim().length < MIN_REASON_LENGTH) {
    return `the suppression of ${s.ruleId} needs a reason of at least ${MIN_REASON_LENGTH} characters that says why the finding is acceptable`;
  }
  if (s.expires !== undefined && (typeof s.expires !== 'string' || expiryTime(s.expires) === undefined)) {
    return `the suppression of ${s.ruleId} has expires '${String(s.expires)}'; use an ISO date like 2026-12-31`;
  }
  if (s.ruleId !== '*' && !RULES_BY_ID.has(s.ruleId)) return `the suppression names an unknown rule id '${s.ruleId}'`;
  return undefined;
}

/** The end of the expiry day (UTC), in ms; undefined when malformed. */
function expiryTime(expires: string): number | undefined {
  const m = DATE.exec(expires);
  if (!m) return undefined;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + 1);
  return Number.isNaN(t) ? undefined : t;
}

/** The outcome of one rule on one resource (passes included), for tests and reports. */
export interface RuleOutcome {
  readonly ruleId: string;
  readonly address: string;
  readonly status: 'pass' | 'fail' | 'unknown';
}

function location(address: string, constructPath: string | undefined): string {
  return constructPath ? `${address} (${constructPath})` : address;
}

function failMessage(
  ruleId: string,
  address: string,
  path: string | undefined,
  problem: string,
  fix: string,
  attribute?: string,
) {
  return `[${ruleId}] ${location(address, path)}: ${problem}${attribute ? ` [${attribute}]` : ''}. Fix: ${fix}.`;
}

interface Run {
  findings: Finding[];
  outcomes?: RuleOutcome[];
}

function selectRules(options: CheckOptions): CheckRule[] {
  const packs = new Set<Pack>(options.packs ?? [Pack.PLATFORM, Pack.SECURITY, Pack.COST]);
  const disabled = new Set(options.disabledRules ?? []);
  return ALL_RULES.filter((r) => packs.has(r.pack) && !disabled.has(r.id));
}

function evaluate(json: unknown, options: CheckOptions, withOutcomes: boolean): Run {
  const reason = notTerraformReason(json);
  if (reason) throw new CheckInputError(`not a Terraform JSON configuration: ${reason}`);
  const model = new TerraformModel(json as Record<string, unknown>);
  const rules = selectRules(options);
  const byType = rulesByType(rules);
  const levels = options.levels ?? {};
  const reportUnknown = options.reportUnknown !== false;
  const findings: Finding[] = [];
  const outcomes: RuleOutcome[] | undefined = withOutcomes ? [] : undefined;

  for (const [type, typeRules] of byType) {
    const resources = model.byType.get(type);
    if (!resources) continue;
    for (const resource of resources) {
      for (const rule of typeRules) {
        let raw: RuleResult | readonly RuleResult[] | undefined;
        try {
          raw = rule.check(resource, model);
        } catch (e) {
          // A rule must never crash the run on odd input: report it as unknown.
          raw = { status: 'unknown', attributes: [`(rule error: ${(e as Error).message})`] };
        }
        if (raw === undefined || (Array.isArray(raw) && raw.length === 0)) {
          outcomes?.push({ ruleId: rule.id, address: resource.address, status: 'pass' });
          continue;
        }
        const results: readonly RuleResult[] = Array.isArray(raw) ? raw : [raw as RuleResult];
        const configured = levels[rule.id] ?? rule.level;
        if (outcomes) {
          const failed = results.some((r) => r.status === 'fail');
          outcomes.push({ ruleId: rule.id, address: resource.address, status: failed ? 'fail' : 'unknown' });
        }
        for (const result of results) {
          if (result.status === 'unknown') {
            if (!reportUnknown) continue;
            const attrs = result.attributes.join(', ');
            const problem = `could not be evaluated: ${attrs} ${result.attributes.length > 1 ? 'are' : 'is'} not known at synth time (a variable, reference or function)`;
            const fix = 'check this rule by hand, or write the value as a literal';
            findings.push({
              ruleId: rule.id,
              level: CheckLevel.INFO,
              status: FindingStatus.UNKNOWN,
              pack: rule.pack,
              address: resource.address,
              constructPath: resource.constructPath,
              attribute: result.attributes[0],
              problem,
              fix,
              message: `[${rule.id}] ${location(resource.address, resource.constructPath)}: ${problem}. ${rule.title}.`,
            });
            continue;
          }
          const level = result.level && levelRank(result.level) < levelRank(configured) ? result.level : configured;
          findings.push({
            ruleId: rule.id,
            level,
            status: FindingStatus.FAIL,
            pack: rule.pack,
            address: resource.address,
            constructPath: resource.constructPath,
            attribute: result.attribute,
            problem: result.problem,
            fix: result.fix,
            message: failMessage(
              rule.id,
              resource.address,
              resource.constructPath,
              result.problem,
              result.fix,
              result.attribute,
            ),
          });
        }
      }
    }
  }
  return { findings: applySuppressions(findings, rules, options), outcomes };
}

function matches(s: ScopedSuppression, f: Finding): boolean {
  if (s.ruleId !== '*' && s.ruleId !== f.ruleId) return false;
  if (s.address !== undefined && s.address !== f.address) return false;
  if (s.constructPath !== undefined) {
    const p = f.constructPath;
    if (p === undefined || !(p === s.constructPath || p.startsWith(`${s.constructPath}/`))) return false;
  }
  return true;
}

function suppressionTarget(s: ScopedSuppression): { address: string; constructPath?: string } {
  if (s.address !== undefined) return { address: s.address, constructPath: s.constructPath };
  return { address: s.constructPath ?? '(stack)', constructPath: s.constructPath };
}

function metaFinding(ruleId: string, s: ScopedSuppression, problem: string, fix: string): Finding {
  const rule = RULES_BY_ID.get(ruleId)!;
  const { address, constructPath } = suppressionTarget(s);
  return {
    ruleId,
    level: rule.level,
    status: FindingStatus.FAIL,
    pack: rule.pack,
    address,
    constructPath: constructPath !== address ? constructPath : undefined,
    problem,
    fix,
    message: `[${ruleId}] ${address}: ${problem}. Fix: ${fix}.`,
  };
}

function applySuppressions(findings: Finding[], rules: readonly CheckRule[], options: CheckOptions): Finding[] {
  const suppressions = options.suppressions ?? [];
  if (suppressions.length === 0) return findings;
  const now = (options.now ?? new Date()).getTime();
  const never = new Set([...NEVER_SUPPRESS, ...(options.neverSuppress ?? [])]);
  const running = new Set(rules.map((r) => r.id));
  const meta: Finding[] = [];
  const active: ScopedSuppression[] = [];
  for (const s of suppressions) {
    const problem = suppressionProblem(s);
    if (problem) throw new CheckInputError(problem);
    const target = suppressionTarget(s).address;
    if (s.ruleId !== '*' && never.has(s.ruleId)) {
      meta.push(
        metaFinding(
          'CHECKS-SUPPRESSION-NOT-ALLOWED',
          s,
          `${s.ruleId} cannot be suppressed (the platform rejects the configuration), so the suppression on ${target} is ignored`,
          `fix the ${s.ruleId} finding and remove the suppression`,
        ),
      );
      continue;
    }
    if (s.expires !== undefined && now >= expiryTime(s.expires)!) {
      meta.push(
        metaFinding(
          'CHECKS-SUPPRESSION-EXPIRED',
          s,
          `the suppression of ${s.ruleId} on ${target} expired on ${s.expires} ("${s.reason}") and no longer applies`,
          'fix the findings it covered, or renew it with a new expiry date and reason',
        ),
      );
      continue;
    }
    active.push(s);
  }
  const used = new Set<ScopedSuppression>();
  const out = findings.map((f) => {
    if (never.has(f.ruleId)) return f;
    const s = active.find((candidate) => matches(candidate, f));
    if (!s) return f;
    used.add(s);
    return { ...f, suppressed: s.expires ? { reason: s.reason, expires: s.expires } : { reason: s.reason } };
  });
  for (const s of active) {
    if (used.has(s)) continue;
    // A suppression of a rule that did not run (its pack is off) is not stale.
    if (s.ruleId !== '*' && !running.has(s.ruleId)) continue;
    meta.push(
      metaFinding(
        'CHECKS-SUPPRESSION-UNUSED',
        s,
        `the suppression of ${s.ruleId} on ${suppressionTarget(s).address} matches no finding`,
        'remove it (the problem is fixed, or the rule id or target is wrong)',
      ),
    );
  }
  return [...out, ...meta];
}

/**
 * Checks a synthesized Terraform JSON configuration (the content of `cdk.tf.json`) and returns every finding:
 * failures and, unless `reportUnknown: false`, rules that could not be evaluated. Pure: nothing is written.
 * Throws `CheckInputError` when the JSON is not a Terraform configuration.
 */
export function checkTerraform(json: unknown, options: CheckOptions = {}): Finding[] {
  return evaluate(json, options, false).findings;
}

/** Every rule outcome (passes included) per resource; for tests and coverage reports. @internal */
export function ruleOutcomes(json: unknown, options: CheckOptions = {}): RuleOutcome[] {
  return evaluate(json, options, true).outcomes!;
}

/** True when the findings fail a run at the given level (`error` or `warning`); suppressed findings never fail. */
export function failsAt(findings: readonly Finding[], failOn: string): boolean {
  if (failOn === 'none') return false;
  const threshold = failOn === 'warning' ? 2 : 3;
  return findings.some((f) => !f.suppressed && f.status === FindingStatus.FAIL && levelRank(f.level) >= threshold);
}
