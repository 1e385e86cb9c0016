/**
 * The policy engine: a Terraform configuration in (synthesized JSON, Terraform JSON in any shape, a plan, or modules
 * the command line read), findings out. Pure (no cdktf, no file system), O(resources × applicable rules) through the
 * type index of each module.
 *
 * Besides its own findings, it reports the records the app wrote into the JSON (see core/suppressions): the findings
 * constructs made about their props, once per rule and resource (a construct's finding and the same rule's failure on
 * the resource are one problem), and the suppressions made in the app, applied like any other.
 */
import { closest } from '../core/text';
import { CheckLevel, levelRank } from '../core/levels';
import {
  expiryTime,
  type RecordedFinding,
  RECORDS_KEY,
  resourceOfInstance,
  type ScopedSuppression,
  suppressionProblem,
} from '../core/suppression-records';
import { CheckInputError } from '../core/validation';
import { Pack } from '../platform/rule';
import { costOptions } from './cost-report';
import { type Configuration, configurationOf, type ModuleCallOutcome } from './input/configuration';
import { InputError } from './input/errors';
import { isObject, type Json } from './input/json';
import { modelOf, type TerraformModel, type TfResource } from './model';
import { ALL_RULES, NEVER_SUPPRESS, RULES_BY_ID, rulesByType } from './registry';
import type { CheckResult, CheckRule, RuleResult } from './rule';
import { CHECK_OPTIONS, validateOptions } from './options';
import { type CheckOptions, type Finding, FindingStatus } from './types';

export { CheckInputError };

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

function location(address: string, constructPath: string | undefined, repeat?: string): string {
  const note = repeat ? `every instance of its ${repeat}` : undefined;
  const inner = constructPath && note ? `${constructPath}; ${note}` : (constructPath ?? note);
  return inner ? `${address} (${inner})` : address;
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
  repeat?: string,
) {
  return message(
    '[',
    ruleId,
    '] ',
    location(address, path, repeat),
    ': ',
    problem,
    attribute ? ` [${attribute}]` : '',
    '. Fix: ',
    fix,
    '.',
  );
}

/** What a check run read: the resources it judged and what it did not judge, and why. */
export interface InputSummary {
  /** Resources of the types the checks judge (count/for_each declarations once each). */
  readonly resources: number;
  /** Their types, sorted. */
  readonly types: readonly string[];
  /** Resources of other types (not judged). */
  readonly skipped: number;
  /** Their types, sorted. */
  readonly skippedTypes: readonly string[];
  /** Addresses of the resources declared with count or for_each, judged once for every instance. */
  readonly repeated: readonly string[];
  /** Declarations that create nothing (`count = 0`, an empty literal `for_each`). */
  readonly notCreated: readonly string[];
  /** Plan instances being deleted (not judged). */
  readonly deleted: readonly string[];
  /** Module calls, followed or not. */
  readonly moduleCalls: readonly ModuleCallOutcome[];
}

interface Run {
  findings: Finding[];
  summary: InputSummary;
  outcomes?: RuleOutcome[];
  /** The caller's suppressions (`external`) that matched a finding of this run. */
  usedExternal: Set<ScopedSuppression>;
}

/** How `runChecks` treats the caller's suppressions (CheckOptions.suppressions). @internal */
export interface RunOptions {
  /** Also return every rule outcome (passes included). */
  readonly outcomes?: boolean;
  /**
   * Leave the reports about the caller's suppressions (unused, expired, not allowed) to the caller, who judges them
   * across several runs (the command line over several stacks).
   */
  readonly externalJudgedByCaller?: boolean;
}

function selectRules(options: CheckOptions): CheckRule[] {
  const packs = new Set<Pack>(options.packs ?? [Pack.PLATFORM, Pack.SECURITY, Pack.COST]);
  const disabled = new Set(options.disabledRules ?? []);
  return ALL_RULES.filter((r) => packs.has(r.pack) && !disabled.has(r.id));
}

/** Every Terraform type some rule judges (whatever the packs selected): what "a resource the checks judge" means. */
const JUDGED_TYPES: ReadonlySet<string> = new Set(ALL_RULES.flatMap((r) => r.resourceTypes));

/** The records the app wrote into a `"//"` object (see core/suppressions), checked for shape. */
function recordsIn(comment: Json, where: string): { suppressions: Json[]; findings: Json[] } | undefined {
  if (!isObject(comment)) return undefined;
  const records = comment[RECORDS_KEY];
  if (records === undefined) return undefined;
  const list = (key: string): Json[] => {
    const value = isObject(records) ? (records[key] ?? []) : undefined;
    if (!Array.isArray(value) || !value.every(isObject)) {
      throw new InputError(`${where}: "//".${RECORDS_KEY}.${key} must be a list of objects`);
    }
    return value;
  };
  return { suppressions: list('suppressions'), findings: list('findings') };
}

const LEVELS = new Set<string>([CheckLevel.ERROR, CheckLevel.WARNING, CheckLevel.INFO]);

/** A recorded finding as the checks report it; `InputError` when malformed or of an unknown rule. */
function recordedFinding(r: Json, resource: TfResource | undefined, where: string, options: CheckOptions): Finding {
  const rule = RULES_BY_ID.get(r.ruleId);
  if (!rule || !LEVELS.has(r.level) || typeof r.problem !== 'string' || typeof r.fix !== 'string') {
    throw new InputError(
      `${where}: a recorded finding needs a known ruleId, a level, a problem and a fix (found ${JSON.stringify(r)})`,
    );
  }
  const f = r as RecordedFinding;
  const address = resource?.address ?? f.constructPath ?? '(stack)';
  const constructPath = typeof f.constructPath === 'string' ? f.constructPath : undefined;
  return {
    ruleId: f.ruleId,
    level: options.levels?.[f.ruleId] ?? f.level,
    status: FindingStatus.FAIL,
    pack: rule.pack,
    address,
    constructPath,
    problem: f.problem,
    fix: f.fix,
    message: failMessage(f.ruleId, address, constructPath !== address ? constructPath : undefined, f.problem, f.fix),
  };
}

/** Reads the suppressions recorded in the JSON, each once (a construct's suppression is copied onto each resource). */
function recordedSuppressions(records: Json[], resource: TfResource | undefined, into: Map<string, ScopedSuppression>) {
  for (const r of records) {
    const scope =
      typeof r.address === 'string'
        ? { address: r.address }
        : typeof r.constructPath === 'string'
          ? { constructPath: r.constructPath }
          : resource
            ? { address: resource.address }
            : {};
    const s: ScopedSuppression = {
      ruleId: r.ruleId,
      reason: r.reason,
      ...(r.expires !== undefined ? { expires: r.expires } : {}),
      ...scope,
    };
    into.set(JSON.stringify([s.ruleId, s.reason, s.expires, s.address, s.constructPath]), s);
  }
}

/**
 * Runs the checks over a configuration: every module instance, the records of the app, the suppressions. Throws
 * `InputError` for input Terraform would refuse or records that are malformed.
 * @internal
 */
export function runChecks(config: Configuration, options: CheckOptions = {}, run: RunOptions = {}): Run {
  const rules = selectRules(options);
  const byType = rulesByType(rules);
  const levels = options.levels ?? {};
  // What every rule judges with: the day of the run (the runtime support schedules).
  const context = { now: options.now ?? new Date(), cost: costOptions(options.cost) };
  const reportUnknown = options.reportUnknown !== false;
  const findings: Finding[] = [];
  const outcomes: RuleOutcome[] | undefined = run.outcomes ? [] : undefined;
  const recorded: Finding[] = [];
  const suppressions = new Map<string, ScopedSuppression>();
  const judgedTypes = new Set<string>();
  const skippedTypes = new Set<string>();
  const repeated: string[] = [];
  const notCreated: string[] = [];
  let judged = 0;
  let skipped = 0;

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
        file: resource.file,
        attribute: result.attributes[0],
        problem,
        fix,
        message: message(
          '[',
          rule.id,
          '] ',
          location(resource.address, resource.constructPath, resource.repeat),
          ': ',
          problem,
          '. ',
          rule.title,
          '.',
        ),
      });
      return;
    }
    // A level asked for is the level reported; otherwise the rule's, or the lower one the context justifies.
    const level =
      levels[rule.id] ?? (result.level && levelRank(result.level) < levelRank(rule.level) ? result.level : rule.level);
    findings.push({
      ruleId: rule.id,
      level,
      status: FindingStatus.FAIL,
      pack: rule.pack,
      address: resource.address,
      constructPath: resource.constructPath,
      file: resource.file,
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
        resource.repeat,
      ),
    });
  };

  /**
   * Runs the rules of one type over its resources. A function of its own, so the JIT optimises this loop once, rather
   * than the whole of `evaluate` again at each new resource type. Indexed loops: this runs resources × rules times,
   * mostly before the JIT has optimised it, where `for...of` allocates an iterator result per step.
   */
  const judge = (resources: readonly TfResource[], typeRules: readonly CheckRule[], model: TerraformModel): void => {
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

  const packs = new Set<Pack>(options.packs ?? [Pack.PLATFORM, Pack.SECURITY, Pack.COST]);
  const disabled = new Set(options.disabledRules ?? []);
  const take = (records: ReturnType<typeof recordsIn>, resource: TfResource | undefined, where: string) => {
    if (!records) return;
    recordedSuppressions(records.suppressions, resource, suppressions);
    for (const r of records.findings) {
      const f = recordedFinding(r, resource, where, options);
      if (packs.has(f.pack) && !disabled.has(f.ruleId)) recorded.push(f);
    }
  };
  take(recordsIn(config.comment, 'the configuration'), undefined, 'the configuration');
  for (const instance of config.modules) {
    const model = modelOf(instance);
    notCreated.push(...model.notCreated);
    for (const [type, resources] of model.byType) {
      if (JUDGED_TYPES.has(type)) {
        judged += resources.length;
        judgedTypes.add(type);
        for (const r of resources) if (r.repeat) repeated.push(r.address);
      } else {
        skipped += resources.length;
        skippedTypes.add(type);
      }
      for (const r of resources) take(recordsIn(r.config['//'], r.address), r, r.address);
      const typeRules = byType.get(type);
      if (typeRules) judge(resources, typeRules, model);
    }
  }
  const merged = mergeRecorded(findings, recorded);
  const { findings: out, usedExternal } = applySuppressions(merged, rules, [...suppressions.values()], options, run);
  return {
    findings: out,
    outcomes,
    usedExternal,
    summary: {
      resources: judged,
      types: [...judgedTypes].sort(),
      skipped,
      skippedTypes: [...skippedTypes].sort(),
      repeated,
      notCreated,
      deleted: config.deleted,
      moduleCalls: config.moduleCalls,
    },
  };
}

/**
 * The checks' findings and the constructs' recorded ones as one list, one finding per rule and resource: a recorded
 * finding gives way to the checks' failure of the same rule on the same resource (the same problem, seen in the
 * Terraform), and replaces the checks' "unknown" for it (the construct knew the value).
 */
function mergeRecorded(findings: Finding[], recorded: readonly Finding[]): Finding[] {
  if (recorded.length === 0) return findings;
  const key = (f: Finding) => `${f.ruleId}\n${f.address}`;
  const failed = new Set<string>();
  for (const f of findings) if (f.status === FindingStatus.FAIL) failed.add(key(f));
  const kept = recorded.filter((f) => !failed.has(key(f)));
  const known = new Set(kept.map(key));
  return [...findings.filter((f) => f.status === FindingStatus.FAIL || !known.has(key(f))), ...kept];
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
      // The finding's address, the resource of an instance address (`google_x.y[0]` → `google_x.y`), or none.
      const base = resourceOfInstance(f.address);
      for (const address of base === f.address ? [f.address, undefined] : [f.address, base, undefined]) {
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

function metaFinding(
  ruleId: string,
  s: ScopedSuppression,
  problem: string,
  fix: string,
  options: CheckOptions,
): Finding {
  const rule = RULES_BY_ID.get(ruleId)!;
  const { address, constructPath } = suppressionTarget(s);
  return {
    ruleId,
    level: options.levels?.[ruleId] ?? rule.level,
    status: FindingStatus.FAIL,
    pack: rule.pack,
    address,
    constructPath: constructPath !== address ? constructPath : undefined,
    problem,
    fix,
    message: `[${ruleId}] ${address}: ${problem}. Fix: ${fix}.`,
  };
}

/** Sorts suppressions into those that apply and findings about those that cannot (not allowed, expired). */
function sortSuppressions(
  suppressions: readonly ScopedSuppression[],
  options: CheckOptions,
): { active: ScopedSuppression[]; meta: Finding[] } {
  const now = (options.now ?? new Date()).getTime();
  const never = new Set([...NEVER_SUPPRESS, ...(options.neverSuppress ?? [])]);
  const meta: Finding[] = [];
  const active: ScopedSuppression[] = [];
  for (const s of suppressions) {
    const problem = invalidSuppression(s);
    if (problem) throw new InputError(problem);
    const target = suppressionTarget(s).address;
    if (s.ruleId !== '*' && never.has(s.ruleId)) {
      meta.push(
        metaFinding(
          'CHECKS-SUPPRESSION-NOT-ALLOWED',
          s,
          `${s.ruleId} cannot be suppressed (the platform rejects the configuration), so the suppression on ${target} is ignored`,
          `fix the ${s.ruleId} finding and remove the suppression`,
          options,
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
          options,
        ),
      );
      continue;
    }
    active.push(s);
  }
  return { active, meta };
}

/**
 * Findings about suppressions that matched nothing (those of rules that did not run excepted: not stale). A
 * suppression naming an address a few edits from one the run has findings on (`apii` for `api`) is told that address.
 */
function unusedSuppressions(
  active: readonly ScopedSuppression[],
  used: ReadonlySet<ScopedSuppression>,
  running: ReadonlySet<string>,
  options: CheckOptions,
  addresses: readonly string[] = [],
): Finding[] {
  return active
    .filter((s) => !used.has(s) && (s.ruleId === '*' || running.has(s.ruleId)))
    .map((s) => {
      const near = s.address === undefined ? undefined : closest(s.address, addresses, 3);
      return metaFinding(
        'CHECKS-SUPPRESSION-UNUSED',
        s,
        `the suppression of ${s.ruleId} on ${suppressionTarget(s).address} matches no finding`,
        near !== undefined && near !== s.address
          ? `did you mean the address '${near}'? Otherwise remove it (the problem is fixed, or the rule id is wrong)`
          : 'remove it (the problem is fixed, or the rule id or target is wrong)',
        options,
      );
    });
}

/**
 * Findings about the caller's suppressions judged across several runs: those not allowed or expired, and those no run
 * used. For the command line, which applies one suppressions file to several stacks.
 * @internal
 */
export function externalSuppressionFindings(
  options: CheckOptions,
  used: ReadonlySet<ScopedSuppression>,
  addresses: readonly string[] = [],
): Finding[] {
  const { active, meta } = sortSuppressions(options.suppressions ?? [], options);
  const running = new Set(selectRules(options).map((r) => r.id));
  return [...meta, ...unusedSuppressions(active, used, running, options, addresses)];
}

function applySuppressions(
  findings: Finding[],
  rules: readonly CheckRule[],
  recorded: readonly ScopedSuppression[],
  options: CheckOptions,
  run: RunOptions,
): { findings: Finding[]; usedExternal: Set<ScopedSuppression> } {
  const external = options.suppressions ?? [];
  const usedExternal = new Set<ScopedSuppression>();
  if (recorded.length === 0 && external.length === 0) return { findings, usedExternal };
  const never = new Set([...NEVER_SUPPRESS, ...(options.neverSuppress ?? [])]);
  const running = new Set(rules.map((r) => r.id));
  const own = sortSuppressions(recorded, options);
  const theirs = sortSuppressions(external, options);
  const externalActive = new Set(theirs.active);
  const used = new Set<ScopedSuppression>();
  const index = new SuppressionIndex([...own.active, ...theirs.active]);
  const out = findings.map((f) => {
    if (never.has(f.ruleId)) return f;
    const s = index.match(f);
    if (!s) return f;
    used.add(s);
    if (externalActive.has(s)) usedExternal.add(s);
    return { ...f, suppressed: s.expires ? { reason: s.reason, expires: s.expires } : { reason: s.reason } };
  });
  const addresses = [...new Set(findings.map((f) => f.address))];
  const meta = [...own.meta, ...unusedSuppressions(own.active, used, running, options, addresses)];
  if (!run.externalJudgedByCaller)
    meta.push(...theirs.meta, ...unusedSuppressions(theirs.active, used, running, options, addresses));
  return { findings: [...out, ...meta], usedExternal };
}

function inputError(e: unknown): never {
  if (e instanceof InputError) throw new CheckInputError(e.message);
  throw e;
}

/** A JSON document as a configuration; `CheckInputError` when it is no Terraform configuration or plan. */
function configuration(json: unknown): Configuration {
  try {
    return configurationOf(json);
  } catch (e) {
    return inputError(e);
  }
}

/**
 * Checks a Terraform configuration and returns every finding: failures and, unless `reportUnknown: false`, rules that
 * could not be evaluated. `json` is synthesized Terraform JSON (`cdk.tf.json`), Terraform JSON in any shape the JSON
 * syntax allows (HCL converted with @cdktf/hcl2json included), or a plan from `terraform show -json`. The suppressions
 * and construct findings the app wrote into the JSON are reported too. Pure: nothing is written. Throws
 * `CheckInputError` when the JSON is not a Terraform configuration or plan, and a `ValidationError` listing every
 * problem of the options.
 */
export function checkTerraform(json: unknown, options: CheckOptions = {}): Finding[] {
  validateOptions(CHECK_OPTIONS, options, 'options', 'PolicyChecks.checkTerraform');
  try {
    return runChecks(configuration(json), options).findings;
  } catch (e) {
    return inputError(e);
  }
}

/** Every rule outcome (passes included) per resource; for tests and coverage reports. @internal */
export function ruleOutcomes(json: unknown, options: CheckOptions = {}): RuleOutcome[] {
  return runChecks(configuration(json), options, { outcomes: true }).outcomes!;
}

/** True when the findings fail a run at the given level (`error` or `warning`); suppressed findings never fail. */
export function failsAt(findings: readonly Finding[], failOn: string): boolean {
  if (failOn === 'none') return false;
  const threshold = failOn === 'warning' ? 2 : 3;
  return findings.some((f) => !f.suppressed && f.status === FindingStatus.FAIL && levelRank(f.level) >= threshold);
}
