/**
 * What the app decides and finds about its own configuration, as construct metadata that travels into the
 * synthesized JSON:
 *
 * - suppressions (`Suppressions.add`, `addByAddress`; the way aws-cdk records acknowledgements and cdk-nag its rule
 *   suppressions), and
 * - the findings constructs make about their props (warnings; errors stop the construct), recorded rather than
 *   annotated at once, so that each problem is reported once and a suppression silences it wherever it is reported.
 *
 * Both are written at synth into the `"//"` comment object of the resource they concern (a stack-wide suppression,
 * or one whose address is not in the stack, into the stack's), under `cdktf-gcp-serverless`: the policy checks in the
 * app and the command-line checker on `cdktf.out` read the same records from the same JSON and report the same. Terraform
 * ignores `"//"` properties. cdktf's HCL output (`SYNTH_HCL_OUTPUT`) has no `"//"`, so they do not travel there.
 *
 * Without the policy checks, a construct's own validation annotates its recorded findings at synth (those a
 * suppression covers excepted); with them, the checks report them together with their own, once per rule and
 * resource.
 */
import type { IConstruct } from 'constructs';
import { addStackFragment, Annotations, isStack, resourceAddress, stackOf } from '../private/cdktf';
import { CheckLevel } from './levels';
import {
  ADDRESS,
  covers,
  expiryTime,
  type RecordedFinding,
  type Records,
  RECORDS_KEY,
  type ScopedSuppression,
  type Suppression,
  suppressionProblem,
} from './suppression-records';
import { array, isApplyTimeString, object, shapeProblems, string } from './props';
import { show, ValidationError, type ValidationProblem } from './validation';

export type { ScopedSuppression, Suppression } from './suppression-records';

/** The construct metadata type suppressions are written under. @internal */
export const SUPPRESSION_METADATA = 'cdktf-gcp-serverless/suppressions';

/** The construct metadata type a construct's findings about its props are recorded under. @internal */
export const FINDING_METADATA = 'cdktf-gcp-serverless/finding';

/** One metadata entry: suppressions of the construct it is written on, or of one Terraform address. */
interface SuppressionEntry {
  readonly address?: string;
  readonly suppressions: Suppression[];
}

/** A construct's finding about its props, as recorded on it. @internal */
export interface FindingEntry {
  readonly ruleId: string;
  readonly level: CheckLevel;
  /** What is wrong, with the prop and the value given. */
  readonly problem: string;
  readonly fix: string;
  /** False for a rule no suppression can silence. */
  readonly suppressible: boolean;
}

const SUPPRESSION_LIST = array(
  object<Suppression>(
    { ruleId: string, reason: string, expires: string.optional() },
    'a suppression { ruleId, reason }',
  ),
  { why: 'give at least one suppression', fix: 'pass [{ ruleId, reason }]' },
);

/** The path of a scope for messages; `(app)` for the root, `(not a construct)` for anything else. */
function pathOf(scope: unknown): string {
  try {
    const path = (scope as IConstruct).node.path;
    return typeof path === 'string' ? path || '(app)' : '(not a construct)';
  } catch {
    return '(not a construct)';
  }
}

/**
 * The suppressions as given, checked all at once (the scope, the list, each entry's shape, reason and expiry); a
 * `ValidationError` listing every problem otherwise.
 */
function validated(scope: IConstruct, prop: string, suppressions: Suppression[], more: ValidationProblem[] = []) {
  const problems = [...more];
  const path = pathOf(scope);
  if (path === '(not a construct)') {
    problems.push({
      level: CheckLevel.ERROR,
      prop: 'scope',
      value: show(scope),
      rule: 'expected a construct (a stack, an app or a construct in one)',
      fix: 'pass the construct whose findings to suppress',
    });
  }
  const misshapen = shapeProblems(SUPPRESSION_LIST, suppressions, prop);
  problems.push(...misshapen);
  if (misshapen.length === 0) {
    suppressions.forEach((s, i) => {
      const problem =
        suppressionProblem(s) ??
        (isApplyTimeString(s.ruleId)
          ? 'a rule id is known when the app is written, not a value known at apply time'
          : undefined);
      if (problem) {
        problems.push({
          level: CheckLevel.ERROR,
          prop: `${prop}.${i}`,
          value: show(s),
          rule: problem,
          fix: 'give a rule id and a reason that says why the finding is acceptable',
        });
      }
    });
  }
  if (problems.length > 0) throw new ValidationError(path, 'Suppressions', problems);
  return suppressions.map((s) => ({
    ruleId: s.ruleId,
    reason: s.reason.trim(),
    ...(s.expires !== undefined ? { expires: s.expires } : {}),
  }));
}

/** Accepting findings, with a reason: on a construct and its children, or on a Terraform address. */
export class Suppressions {
  /**
   * Suppresses findings of `scope` and every construct under it (a stack: the whole stack). Each suppression needs a
   * reason (≥ 10 characters) and may expire; the policy checks ignore, and report, a suppression of a rule that
   * cannot be suppressed (what the platform rejects). The suppression is written into the synthesized JSON, so
   * `cdktf-gcp-serverless check cdktf.out` honours it too (call it after creating the stacks of `scope`).
   */
  public static add(scope: IConstruct, suppressions: Suppression[]): void {
    const entry: SuppressionEntry = { suppressions: validated(scope, 'suppressions', suppressions) };
    scope.node.addMetadata(SUPPRESSION_METADATA, entry);
    travel(scope);
  }

  /**
   * Suppresses findings of one Terraform address (`google_cloud_run_v2_service.api`) in the stacks `scope` belongs
   * to (or contains); for resources whose construct you do not hold (raw JSON, generated names). The address may name
   * a resource in a module (`module.app.google_cloud_run_v2_service.api`); it covers every instance of the resource.
   */
  public static addByAddress(scope: IConstruct, address: string, suppressions: Suppression[]): void {
    const bad: ValidationProblem[] =
      typeof address === 'string' && ADDRESS.test(address)
        ? []
        : [
            {
              level: CheckLevel.ERROR,
              prop: 'address',
              value: show(address),
              rule: 'not a Terraform address like google_cloud_run_v2_service.api',
              fix: 'give the resource type and name, as in the synthesized JSON',
            },
          ];
    const entry: SuppressionEntry = { address, suppressions: validated(scope, 'suppressions', suppressions, bad) };
    scope.node.addMetadata(SUPPRESSION_METADATA, entry);
    travel(scope);
  }
}

/**
 * Every suppression recorded in a stack's tree: on the stack, its constructs, and its ancestors (the app), whose
 * suppressions apply to the whole stack.
 * @internal
 */
export function suppressionsOf(stack: IConstruct): ScopedSuppression[] {
  const out: ScopedSuppression[] = [];
  const visit = (c: IConstruct, path: string) => {
    for (const m of c.node.metadata) {
      if (m.type !== SUPPRESSION_METADATA) continue;
      const entry = m.data as SuppressionEntry;
      for (const s of entry.suppressions) {
        out.push(entry.address !== undefined ? { ...s, address: entry.address } : { ...s, constructPath: path });
      }
    }
  };
  for (const c of stack.node.scopes) visit(c, stack.node.path);
  for (const c of stack.node.findAll()) if (c !== stack) visit(c, c.node.path);
  return out;
}

/** The stacks `scope` belongs to: its own, or (an app) every stack under it. */
function stacksOf(scope: IConstruct): IConstruct[] {
  if (isStack(scope)) return [scope];
  for (const c of scope.node.scopes) if (isStack(c)) return [c];
  return scope.node.findAll().filter((c) => isStack(c));
}

/** The id of the element that writes a stack's records. */
const RECORDS_ELEMENT = `${RECORDS_KEY}-records`;

/** Writes the records of the stacks of `scope` into their synthesized JSON (once per stack). @internal */
export function travel(scope: IConstruct): void {
  for (const stack of stacksOf(scope)) {
    (stack as unknown as Record<symbol, unknown>)[SUPPRESSIONS] = undefined;
    addStackFragment(stack, RECORDS_ELEMENT, () => recordsFragment(stack));
  }
}

/** A records object being filled. */
interface Filling {
  suppressions: ScopedSuppression[];
  findings: RecordedFinding[];
}

const filling = (): Filling => ({ suppressions: [], findings: [] });

function compact(r: Filling): Records {
  return {
    ...(r.suppressions.length > 0 ? { suppressions: r.suppressions } : {}),
    ...(r.findings.length > 0 ? { findings: r.findings } : {}),
  };
}

/**
 * The Terraform resource a construct's findings concern: the construct itself when it is one, its default child
 * (`Resource`), else the first resource under it; undefined when there is none.
 */
function mainResource(c: IConstruct): IConstruct | undefined {
  if (resourceAddress(c) !== undefined) return c;
  const main = c.node.defaultChild;
  if (main !== undefined && resourceAddress(main) !== undefined) return main;
  return c.node.findAll().find((d) => resourceAddress(d) !== undefined);
}

/**
 * The records of a stack as a Terraform JSON fragment: on each resource those that concern it, on the stack the
 * stack-wide ones and those whose target is not in the stack. Computed at synth, so it holds everything recorded until
 * then.
 */
function recordsFragment(stack: IConstruct): Record<string, unknown> {
  const byAddress = new Map<string, Filling>();
  const addresses = new Map<IConstruct, string>();
  for (const c of stack.node.findAll()) {
    const address = resourceAddress(c);
    if (address !== undefined) addresses.set(c, address);
  }
  const known = new Set(addresses.values());
  const onStack = filling();
  const on = (address: string) => {
    let r = byAddress.get(address);
    if (!r) byAddress.set(address, (r = filling()));
    return r;
  };
  const stackPath = stack.node.path;
  const visit = (c: IConstruct, wide: boolean) => {
    for (const m of c.node.metadata) {
      if (m.type === SUPPRESSION_METADATA) {
        const entry = m.data as SuppressionEntry;
        for (const s of entry.suppressions) {
          if (entry.address !== undefined) {
            (known.has(entry.address) ? on(entry.address) : onStack).suppressions.push({
              ...s,
              address: entry.address,
            });
          } else if (wide) {
            onStack.suppressions.push({ ...s, constructPath: stackPath });
          } else {
            const path = c.node.path;
            // The resources in the construct's own subtree (not a scan of the stack per suppression).
            const under = c.node.findAll().filter((d) => addresses.has(d));
            if (under.length === 0) onStack.suppressions.push({ ...s, constructPath: path });
            for (const r of under) on(addresses.get(r)!).suppressions.push({ ...s, constructPath: path });
          }
        }
      } else if (m.type === FINDING_METADATA) {
        const { ruleId, level, problem, fix } = m.data as FindingEntry;
        const main = mainResource(c);
        (main ? on(addresses.get(main)!) : onStack).findings.push({
          ruleId,
          level,
          constructPath: c.node.path,
          problem,
          fix,
        });
      }
    }
  };
  // The stack and its ancestors (the app) apply to the whole stack.
  for (const c of stack.node.scopes) visit(c, true);
  for (const c of stack.node.findAll()) if (c !== stack) visit(c, false);

  const fragment: Record<string, unknown> = {};
  const stackRecords = compact(onStack);
  if (Object.keys(stackRecords).length > 0) fragment['//'] = { [RECORDS_KEY]: stackRecords };
  if (byAddress.size > 0) {
    const resource: Record<string, Record<string, unknown>> = {};
    for (const [address, records] of byAddress) {
      const dot = address.indexOf('.');
      const type = address.slice(0, dot);
      (resource[type] ??= {})[address.slice(dot + 1)] = { '//': { [RECORDS_KEY]: compact(records) } };
    }
    fragment.resource = resource;
  }
  return fragment;
}

const CHECKED = Symbol.for('cdktf-gcp-serverless/policy-checks');
/** A stack's suppressions, read once for all its constructs' validations; dropped when a suppression is added. */
const SUPPRESSIONS = Symbol.for('cdktf-gcp-serverless/suppressions');

/** The suppressions of a stack, read once until one is added (constructs' validations share them). */
function cachedSuppressions(stack: IConstruct): ScopedSuppression[] {
  const holder = stack as unknown as Record<symbol, ScopedSuppression[] | undefined>;
  return (holder[SUPPRESSIONS] ??= suppressionsOf(stack));
}
const ANNOTATING = Symbol.for('cdktf-gcp-serverless/annotating');

/** Marks a stack as judged by the policy checks, which then report the findings its constructs record. @internal */
export function markChecked(stack: IConstruct): void {
  (stack as unknown as Record<symbol, boolean>)[CHECKED] = true;
}

/** True when the policy checks judge this stack. @internal */
export function isChecked(stack: IConstruct): boolean {
  return (stack as unknown as Record<symbol, boolean>)[CHECKED] === true;
}

/** The findings a construct recorded about its props. @internal */
export function recordedFindings(scope: IConstruct): FindingEntry[] {
  return scope.node.metadata.filter((m) => m.type === FINDING_METADATA).map((m) => m.data as FindingEntry);
}

/** How a recorded finding reads as an annotation (as constructs have always written their warnings). @internal */
export function findingText(f: FindingEntry): string {
  return `${f.problem} [${f.ruleId}]. ${f.fix}`;
}

/**
 * Records a construct's finding about its props (see the module comment): reported at synth by the policy checks
 * when they judge the stack, else by the construct's own validation, and written into the synthesized JSON.
 * @internal
 */
export function recordFinding(scope: IConstruct, finding: FindingEntry): void {
  scope.node.addMetadata(FINDING_METADATA, finding);
  travel(scope);
  const marked = scope as unknown as Record<symbol, boolean>;
  if (marked[ANNOTATING] !== undefined) return;
  marked[ANNOTATING] = false;
  scope.node.addValidation({
    validate: () => {
      const stack = stackOf(scope);
      // With the policy checks, the checks report it (once); validate() may run more than once.
      if (isChecked(stack) || marked[ANNOTATING]) return [];
      marked[ANNOTATING] = true;
      const now = Date.now();
      const active = cachedSuppressions(stack).filter((s) => s.expires === undefined || now < expiryTime(s.expires)!);
      const main = mainResource(scope);
      const address = main ? resourceAddress(main) : undefined;
      for (const f of recordedFindings(scope)) {
        const target = { ruleId: f.ruleId, address, constructPath: scope.node.path };
        if (f.suppressible && active.some((s) => covers(s, target))) continue;
        if (f.level === CheckLevel.ERROR) Annotations.of(scope).addError(findingText(f));
        else if (f.level === CheckLevel.WARNING) Annotations.of(scope).addWarning(findingText(f));
        else Annotations.of(scope).addInfo(findingText(f));
      }
      return [];
    },
  });
}
