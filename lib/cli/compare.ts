/**
 * `check --compare <base> <path>`: what a change does to cost and findings, for change review in CI. Both sides are
 * read like `check` reads its path (cdktf.out folders, files, plans); stacks are paired by name (a single input on each
 * side is one pair). Prints the floor before → after per resource and per stack, and the findings the change adds and
 * resolves, as text, JSON or a Markdown table fit for a pull-request comment.
 */
import { failsAt, runChecks } from '../checks/engine';
import { InputError } from '../checks/input/errors';
import { findingToJson } from '../checks/report';
import { type CheckOptions, type Finding, FindingStatus } from '../checks/types';
import { formatMaybe, formatMoney, type PricedResource, type ResolvedCostOptions } from '../platform/cost';
import { costsOf, type NamedCost } from './cost';
import { UsageError } from './files';
import type { Input } from './inputs';

/** One resource whose floor the change touches. */
export interface FloorChange {
  readonly stack?: string;
  readonly address: string;
  /** Undefined: not in that side (added or removed); `null`: unknown. */
  readonly before?: number | null;
  readonly after?: number | null;
  readonly basisBefore?: string;
  readonly basisAfter?: string;
}

/** What a change does. */
export interface Comparison {
  readonly currency: string;
  readonly floorBefore: number;
  readonly floorAfter: number;
  readonly changes: readonly FloorChange[];
  readonly newFindings: ReadonlyArray<{ stack?: string; finding: Finding }>;
  readonly resolvedFindings: ReadonlyArray<{ stack?: string; finding: Finding }>;
}

interface Side {
  readonly stacks: ReadonlyArray<{ name?: string; findings: Finding[] }>;
  readonly costs: readonly NamedCost[];
}

function sideOf(inputs: readonly Input[], options: CheckOptions, cost: ResolvedCostOptions): Side {
  const stacks = inputs.map((input) => {
    try {
      return { name: input.name, findings: runChecks(input.configuration, options).findings };
    } catch (e) {
      if (e instanceof InputError) throw new UsageError(`${input.file ?? input.name}: ${e.message}`);
      throw e;
    }
  });
  return { stacks, costs: costsOf(inputs, cost) };
}

/** Open failures, by a key that survives a change of wording (money in a message changes with the numbers). */
function openFailures(side: Side, single: boolean): Map<string, { stack?: string; finding: Finding }> {
  const out = new Map<string, { stack?: string; finding: Finding }>();
  for (const s of side.stacks) {
    const stack = single ? undefined : s.name;
    for (const f of s.findings) {
      if (f.status !== FindingStatus.FAIL || f.suppressed) continue;
      out.set([stack, f.ruleId, f.address, f.attribute].join('\n'), { stack, finding: f });
    }
  }
  return out;
}

/** Compares two sides already read. */
export function compare(
  base: readonly Input[],
  head: readonly Input[],
  options: CheckOptions,
  cost: ResolvedCostOptions,
): Comparison {
  const before = sideOf(base, options, cost);
  const after = sideOf(head, options, cost);
  const single = base.length === 1 && head.length === 1;
  const priced = (side: Side) => {
    const out = new Map<string, { stack?: string; r: PricedResource }>();
    for (const c of side.costs) {
      const stack = single ? undefined : c.stack;
      for (const r of c.cost.resources) out.set(`${stack ?? ''}\n${r.address}`, { stack, r });
    }
    return out;
  };
  const b = priced(before);
  const a = priced(after);
  const net = (r: PricedResource) => (r.cost.floor === undefined ? null : r.cost.floor - r.freeTierApplied);
  const changes: FloorChange[] = [];
  for (const key of new Set([...b.keys(), ...a.keys()])) {
    const x = b.get(key);
    const y = a.get(key);
    const change: FloorChange = {
      stack: (x ?? y)!.stack,
      address: (x ?? y)!.r.address,
      before: x ? net(x.r) : undefined,
      after: y ? net(y.r) : undefined,
      basisBefore: x?.r.cost.floorBasis,
      basisAfter: y?.r.cost.floorBasis,
    };
    if (change.before !== change.after || change.basisBefore !== change.basisAfter) changes.push(change);
  }
  const delta = (c: FloorChange) => (c.after ?? 0) - (c.before ?? 0);
  changes.sort((p, q) => Math.abs(delta(q)) - Math.abs(delta(p)));
  const fb = openFailures(before, single);
  const fa = openFailures(after, single);
  return {
    currency: cost.prices.currency,
    floorBefore: before.costs.reduce((n, c) => n + c.cost.floor, 0),
    floorAfter: after.costs.reduce((n, c) => n + c.cost.floor, 0),
    changes,
    newFindings: [...fa].filter(([k]) => !fb.has(k)).map(([, v]) => v),
    resolvedFindings: [...fb].filter(([k]) => !fa.has(k)).map(([, v]) => v),
  };
}

const signed = (n: number, currency: string) => `${n >= 0 ? '+' : '-'}${formatMoney(Math.abs(n), currency)}`;
const side = (n: number | null | undefined, currency: string) =>
  n === undefined ? '(none)' : formatMaybe(n ?? undefined, currency);
const where = (stack: string | undefined, address: string) => (stack ? `${stack}: ${address}` : address);
function change(c: FloorChange, currency: string): string {
  if (c.before === null || c.after === null) return 'unknown';
  return signed((c.after ?? 0) - (c.before ?? 0), currency);
}

/** The comparison as text. */
export function compareText(c: Comparison): string {
  const cur = c.currency;
  const lines = [
    `Monthly floor (after free tiers): ${formatMoney(c.floorBefore, cur)} -> ${formatMoney(c.floorAfter, cur)} (${signed(c.floorAfter - c.floorBefore, cur)})`,
  ];
  for (const x of c.changes) {
    const basis =
      x.basisBefore === x.basisAfter ? x.basisAfter : `${x.basisBefore ?? '(none)'} -> ${x.basisAfter ?? '(none)'}`;
    lines.push(
      `  ${where(x.stack, x.address)}: ${side(x.before, cur)} -> ${side(x.after, cur)} (${change(x, cur)}); ${basis}`,
    );
  }
  const findings = (title: string, list: Comparison['newFindings']) => {
    lines.push('', `${title} (${list.length})${list.length === 0 ? '' : ':'}`);
    for (const { stack, finding: f } of list)
      lines.push(`  ${f.level.toUpperCase()} ${f.ruleId} ${where(stack, f.address)}: ${f.problem}`);
  };
  findings('New findings', c.newFindings);
  findings('Resolved findings', c.resolvedFindings);
  return lines.join('\n');
}

/** Markdown for a pull-request comment: `|` and line breaks in cells escaped. */
export function compareMarkdown(c: Comparison): string {
  const cur = c.currency;
  const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
  const lines = [
    '### Cost and findings',
    '',
    `Monthly floor (no traffic, after free tiers): **${formatMoney(c.floorBefore, cur)} → ${formatMoney(c.floorAfter, cur)}** (${signed(c.floorAfter - c.floorBefore, cur)})`,
    '',
  ];
  if (c.changes.length > 0) {
    lines.push('| resource | before | after | change | what |', '| --- | ---: | ---: | ---: | --- |');
    for (const x of c.changes)
      lines.push(
        `| \`${cell(where(x.stack, x.address))}\` | ${side(x.before, cur)} | ${side(x.after, cur)} | ${change(x, cur)} | ${cell(x.basisAfter ?? x.basisBefore ?? '')} |`,
      );
    lines.push('');
  }
  const findings = (title: string, list: Comparison['newFindings']) => {
    lines.push(`**${title} (${list.length})**`, '');
    if (list.length === 0) return;
    lines.push('| level | rule | resource | problem |', '| --- | --- | --- | --- |');
    for (const { stack, finding: f } of list)
      lines.push(`| ${f.level} | ${f.ruleId} | \`${cell(where(stack, f.address))}\` | ${cell(f.problem)} |`);
    lines.push('');
  };
  findings('New findings', c.newFindings);
  findings('Resolved findings', c.resolvedFindings);
  return lines.join('\n');
}

/** The comparison as JSON. */
export function compareJson(c: Comparison): object {
  const round = (n: number | null | undefined) => (n === undefined || n === null ? n : Math.round(n * 100) / 100);
  return {
    currency: c.currency,
    floorBefore: round(c.floorBefore),
    floorAfter: round(c.floorAfter),
    changes: c.changes.map((x) => ({ ...x, before: round(x.before), after: round(x.after) })),
    newFindings: c.newFindings.map(({ stack, finding }) => findingToJson(finding, stack)),
    resolvedFindings: c.resolvedFindings.map(({ stack, finding }) => findingToJson(finding, stack)),
  };
}

/**
 * Runs `check --compare <base> <path>`; resolves to the exit code: 1 when the change adds an open finding at the
 * `--fail-on` level or its floor exceeds `--budget`, else 0.
 */
export async function runCompare(
  basePath: string,
  path: string,
  flags: { format: string; failOn: string; options: CheckOptions; cost: ResolvedCostOptions; budget?: number },
  read: (path: string) => Promise<Input[]>,
  write: (text: string) => void,
): Promise<number> {
  const c = compare(await read(basePath), await read(path), flags.options, flags.cost);
  if (flags.format === 'json') write(`${JSON.stringify(compareJson(c), null, 2)}\n`);
  else if (flags.format === 'markdown') write(`${compareMarkdown(c)}\n`);
  else write(`${compareText(c)}\n`);
  const failing = failsAt(
    c.newFindings.map((n) => n.finding),
    flags.failOn,
  );
  return failing || (flags.budget !== undefined && c.floorAfter > flags.budget) ? 1 : 0;
}
