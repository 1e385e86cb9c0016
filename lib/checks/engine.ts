/**
 * The policy engine: synthesized Terraform JSON in, findings out. Pure (no cdktf, no file system), O(resources ×
 * applicable rules) through the type index of the JSON itself.
 */
import { CheckLevel, levelRank } from '../core/levels';
import { expiryTime, type ScopedSuppression, suppressionProblem } from '../core/suppressions';
import { Pack } from '../platform/rule';
import { notTerraformReason, TerraformModel, type TfResource } from './model';
import { ALL_RULES, NEVER_SUPPRESS, RULES_BY_ID, rulesByType } from './registry';
import type { CheckResult, CheckRule, RuleResult } from './rule';
import { type CheckOptions, type Finding, FindingStatus } from './types';

/** Thrown for input that is not a Terraform JSON configuration (the CLI turns it into one line and exit code 2). */
export class CheckInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CheckInputError';
  }
}

/** Why a suppression cannot be applied (it is malformed, or names a rule that does not exist), or `undefined`. */
function invalidSuppression(s: ScopedSuppression): string | undefined {
  const problem = suppressionProblem(s);
  if (problem) return problem;
  if (s.ruleId !== '*' && !RULES_BY_ID.has(s.ruleId)) return `the suppression names an unknown rule id '${s.ruleId}'`;
  return undefined;
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

/**
 * A message from its parts, as one flat string. (A template literal would build a rope of some ten pieces that printing
 * the report copies into a new string again; on a 10,000-resource stack those extra megabytes of long-lived strings
 * force a full garbage collection in the middle of printing.)
 */
function message(...parts: string[]): string {
  return parts.join('');
}

function failMessage(
  ruleId: string,
  address: string,
  path: string | undefined,
  problem: string,
  fix: string,
  attribute?: string,
) {
  return message(
    '[',
    ruleId,
    '] ',
    location(address, path),
    ': ',
    problem,
    attribute ? ` [${attribute}]` : '',
    '. Fix: ',
    fix,
    '.',
  );
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
  // What every rule judges with: the day of the run (the runtime support schedules).
  const context = { now: options.now ?? new Date() };
  const reportUnknown = options.reportUnknown !== false;
  const findings: Finding[] = [];
  const outcomes: RuleOutcome[] | undefined = withOutcomes ? [] : undefined;

  const report = (rule: CheckRule, resource: TfResource, result: RuleResult): void => {
    if (result.status === 'unknown') {
      if (!reportUnknown) return;
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
        message: message(
          '[',
          rule.id,
          '] ',
          location(resource.address, resource.constructPath),
          ': ',
          problem,
          '. ',
          rule.title,
          '.',
        ),
      });
      return;
    }
    const configured = levels[rule.id] ?? rule.level;
    const level = result.level && levelRank(result.level) < levelRank(configured) ? result.level : configured;
    findings.push({
      ruleId: rule.id,
      level,
      status: FindingStatus.FAIL,
      pack: rule.pack,
      address: resource.address,
      constructPath: resource.constructPath,
      attribute: result.attribute,
      problem: result.message,
      fix: result.fix,
      message: failMessage(
        rule.id,
        resource.address,
        resource.constructPath,
        result.message,
        result.fix,
        result.attribute,
      ),
    });
  };

  /**
   * Runs the rules of one type over its resources. A function of its own, so the JIT optimises this loop once, rather
   * than the whole of `evaluate` again at each new resource type. Indexed loops: this runs resources × rules times,
   * mostly before the JIT has optimised it, where `for...of` allocates an iterator result per step.
   */
  const judge = (resources: readonly TfResource[], typeRules: readonly CheckRule[]): void => {
    for (let i = 0; i < resources.length; i++) {
      const resource = resources[i];
      // What rules derive from this resource (see CheckRule.derive) lives only while its rules run.
      let derive: CheckRule['derive'];
      let derived: unknown;
      for (let j = 0; j < typeRules.length; j++) {
        const rule = typeRules[j];
        let raw: CheckResult;
        try {
          if (rule.derive !== undefined && rule.derive !== derive) {
            derived = rule.derive(resource, model);
            derive = rule.derive;
          }
          raw = rule.check(resource, model, derived, context);
        } catch (e) {
          // A rule must never crash the run on odd input: report it as unknown.
          raw = { status: 'unknown', attributes: [`(rule error: ${(e as Error).message})`] };
        }
        if (raw === undefined || (Array.isArray(raw) && raw.length === 0)) {
          outcomes?.push({ ruleId: rule.id, address: resource.address, status: 'pass' });
          continue;
        }
        if (!Array.isArray(raw)) {
          outcomes?.push({ ruleId: rule.id, address: resource.address, status: (raw as RuleResult).status });
          report(rule, resource, raw as RuleResult);
          continue;
        }
        const results = raw as readonly RuleResult[];
        if (outcomes) {
          const failed = results.some((r) => r.status === 'fail');
          outcomes.push({ ruleId: rule.id, address: resource.address, status: failed ? 'fail' : 'unknown' });
        }
        for (let k = 0; k < results.length; k++) report(rule, resource, results[k]);
      }
    }
  };

  for (const [type, typeRules] of byType) {
    const resources = model.byType.get(type);
    if (resources) judge(resources, typeRules);
  }
  return { findings: applySuppressions(findings, rules, options), outcomes };
}

/**
 * Active suppressions indexed by rule id (or `*`), address and construct path, so that matching a finding takes a few
 * lookups (one per ancestor of its construct path) rather than a scan of every suppression: linear in findings however
 * many suppressions there are. It picks what a scan in order would: the first suppression that matches.
 */
class SuppressionIndex {
  /** Rule id → address (`undefined`: any) → construct path (`undefined`: any) → position of the first suppression. */
  private readonly index = new Map<string, Map<string | undefined, Map<string | undefined, number>>>();

  constructor(private readonly suppressions: readonly ScopedSuppression[]) {
    for (let i = 0; i < suppressions.length; i++) {
      const { ruleId, address, constructPath } = suppressions[i];
      let byAddress = this.index.get(ruleId);
      if (!byAddress) {
        byAddress = new Map();
        this.index.set(ruleId, byAddress);
      }
      let byPath = byAddress.get(address);
      if (!byPath) {
        byPath = new Map();
        byAddress.set(address, byPath);
      }
      if (!byPath.has(constructPath)) byPath.set(constructPath, i);
    }
  }

  /**
   * The first suppression that matches a finding: same rule (or `*`), same address (or none), and a construct path
   * (or none) that is the finding's or one of its ancestors.
   */
  public match(f: Finding): ScopedSuppression | undefined {
    let first = Number.POSITIVE_INFINITY;
    const consider = (position: number | undefined) => {
      if (position !== undefined && position < first) first = position;
    };
    for (const ruleId of [f.ruleId, '*']) {
      const byAddress = this.index.get(ruleId);
      if (!byAddress) continue;
      for (const address of [f.address, undefined]) {
        const byPath = byAddress.get(address);
        if (!byPath) continue;
        consider(byPath.get(undefined));
        const p = f.constructPath;
        if (p === undefined) continue;
        // `p` itself and each prefix that ends before a `/`.
        for (let cut = p.indexOf('/'); cut >= 0; cut = p.indexOf('/', cut + 1)) consider(byPath.get(p.slice(0, cut)));
        consider(byPath.get(p));
      }
    }
    return first === Number.POSITIVE_INFINITY ? undefined : this.suppressions[first];
  }
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
    const problem = invalidSuppression(s);
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
  const index = new SuppressionIndex(active);
  const out = findings.map((f) => {
    if (never.has(f.ruleId)) return f;
    const s = index.match(f);
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
