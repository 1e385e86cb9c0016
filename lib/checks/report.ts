/**
 * Reports of a check run: a JSON document, a SARIF 2.1.0 log and a terminal-readable text grouped by resource.
 * Pure functions (the caller writes the files).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CheckLevel } from '../core/levels';
import { plural } from '../core/text';
import type { InputSummary } from './engine';
import { ruleInfos } from './registry';
import { type Finding, FindingStatus, type RuleInfo } from './types';

export const TOOL_NAME = 'cdktf-gcp-serverless';
const INFORMATION_URI = 'https://github.com/cdktf-gcp-serverless/cdktf-gcp-serverless#policy-checks';
/** The README's rule table, where each rule's id, level and what it applies to are listed. */
const RULES_URI = 'https://github.com/cdktf-gcp-serverless/cdktf-gcp-serverless#rules';

let version: string | undefined;
/**
 * The package version (read once from package.json; `0.0.0` when not found). The package.json is one folder up from
 * the published bundles (`dist/index.js`, `dist/cli/main.js`) and two up from this file in `lib/` or tsc's `dist/`.
 */
export function toolVersion(): string {
  version ??=
    [1, 2]
      .map((up) => packageVersion(join(__dirname, ...Array<string>(up).fill('..'), 'package.json')))
      .find((v) => v !== undefined) ?? '0.0.0';
  return version;
}

function packageVersion(file: string): string | undefined {
  try {
    const pkg = JSON.parse(readFileSync(file, 'utf8'));
    return pkg.name === TOOL_NAME && typeof pkg.version === 'string' ? pkg.version : undefined;
  } catch {
    return undefined;
  }
}

/** Counts by level and status. */
export interface CheckSummary {
  readonly errors: number;
  readonly warnings: number;
  readonly infos: number;
  readonly unknown: number;
  readonly suppressed: number;
}

/** Counts of open (unsuppressed) failures per level, unknown results and suppressed findings. */
export function summarize(findings: readonly Finding[]): CheckSummary {
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  let unknown = 0;
  let suppressed = 0;
  for (const f of findings) {
    if (f.suppressed) suppressed++;
    else if (f.status === FindingStatus.UNKNOWN) unknown++;
    else if (f.level === CheckLevel.ERROR) errors++;
    else if (f.level === CheckLevel.WARNING) warnings++;
    else infos++;
  }
  return { errors, warnings, infos, unknown, suppressed };
}

/**
 * One finding as the CLI's `--format json` prints it and the JSON report stores it. Built in one literal, in print
 * order; properties left `undefined` are not printed.
 */
export function findingToJson(f: Finding, stack?: string): object {
  return {
    ruleId: f.ruleId,
    level: f.level,
    status: f.status,
    pack: f.pack,
    stack,
    address: f.address,
    constructPath: f.constructPath,
    file: f.file,
    attribute: f.attribute,
    message: f.message,
    fix: f.fix,
    suppressed: f.suppressed || undefined,
  };
}

/** The findings as the CLI's `--format json` prints them and the JSON report stores them. */
export function findingsToJson(findings: readonly Finding[], stack?: string): object[] {
  const out: object[] = new Array(findings.length);
  for (let i = 0; i < findings.length; i++) out[i] = findingToJson(findings[i], stack);
  return out;
}

/** How much text `writeFindingsJson` gathers before it writes. */
const CHUNK_LENGTH = 64 * 1024;

/**
 * Writes the findings of one or more stacks as the CLI's `--format json` prints them: a JSON array with one finding
 * per line (readable, greppable) and a final newline, as the `findings` of `head` when given; `stack` is set on each
 * finding when given. The text goes out in
 * chunks of about 64 KiB, and each finding's JSON object is built just before it is printed, so a report of thousands
 * of findings is never held in memory a second time.
 */
export function writeFindingsJson(
  groups: ReadonlyArray<{ findings: readonly Finding[]; stack?: string }>,
  write: (text: string) => void,
  head?: object,
): void {
  // With a head, the array is the `findings` of a report object: `{"tool":…,"summary":…,"findings": [ … ]}`.
  const open = head ? `${JSON.stringify(head).slice(0, -1)},"findings": [` : '[';
  const close = head ? ']}\n' : ']\n';
  let chunk = open;
  let first = true;
  for (const { findings, stack } of groups) {
    for (let i = 0; i < findings.length; i++) {
      chunk += `${first ? '\n' : ',\n'}  ${JSON.stringify(findingToJson(findings[i], stack))}`;
      first = false;
      if (chunk.length >= CHUNK_LENGTH) {
        write(chunk);
        chunk = '';
      }
    }
  }
  write(first ? `${chunk}${close}` : `${chunk}\n${close}`);
}

/** The JSON report of one stack, with its cost report (see cost-report.ts) when given. */
export function jsonReport(findings: readonly Finding[], stack: string, input?: InputSummary, cost?: object): object {
  return {
    tool: { name: TOOL_NAME, version: toolVersion() },
    stack,
    summary: summarize(findings),
    ...(input ? { input } : {}),
    ...(cost ? { cost } : {}),
    findings: findingsToJson(findings),
  };
}

/** The summaries of several inputs (stacks) as one. */
export function mergeInputSummaries(summaries: readonly InputSummary[]): InputSummary {
  return {
    resources: summaries.reduce((n, s) => n + s.resources, 0),
    types: [...new Set(summaries.flatMap((s) => s.types))].sort(),
    skipped: summaries.reduce((n, s) => n + s.skipped, 0),
    skippedTypes: [...new Set(summaries.flatMap((s) => s.skippedTypes))].sort(),
    repeated: summaries.flatMap((s) => s.repeated),
    notCreated: summaries.flatMap((s) => s.notCreated),
    deleted: summaries.flatMap((s) => s.deleted),
    moduleCalls: summaries.flatMap((s) => s.moduleCalls),
  };
}

/**
 * What a run checked, in one line: `42 resources of 6 types checked; 3 resources of other types skipped; 2 module
 * calls not followed (…)`.
 */
export function describeInput(s: InputSummary): string {
  const parts = [`${plural(s.resources, 'resource')} of ${plural(s.types.length, 'type')} checked`];
  if (s.repeated.length > 0) {
    parts.push(`${s.repeated.length} of them with count or for_each, judged once for every instance`);
  }
  if (s.skipped > 0) {
    const types = s.skippedTypes.length > 3 ? [...s.skippedTypes.slice(0, 3), '…'] : s.skippedTypes;
    parts.push(`${plural(s.skipped, 'resource')} of other types skipped (${types.join(', ')})`);
  }
  if (s.notCreated.length > 0) {
    parts.push(`${plural(s.notCreated.length, 'declaration')} with count = 0 or an empty for_each (nothing created)`);
  }
  if (s.deleted.length > 0) parts.push(`${plural(s.deleted.length, 'resource')} being deleted not judged`);
  const followed = s.moduleCalls.filter((c) => c.followed).length;
  if (followed > 0) parts.push(`${plural(followed, 'local module call')} followed`);
  const notFollowed = s.moduleCalls.filter((c) => !c.followed);
  if (notFollowed.length > 0) {
    const sources = notFollowed.map((c) => `${c.address} = ${c.source ?? '(source not a literal)'}`);
    const shown = sources.length > 3 ? [...sources.slice(0, 3), `${sources.length - 3} more`] : sources;
    parts.push(`${plural(notFollowed.length, 'module call')} not followed (${shown.join(', ')})`);
  }
  return parts.join('; ');
}

const SARIF_LEVEL: Readonly<Record<string, string>> = { error: 'error', warning: 'warning', info: 'note' };

function sarifRule(r: RuleInfo) {
  return {
    id: r.id,
    name: r.id,
    shortDescription: { text: r.title },
    fullDescription: { text: r.explanation },
    helpUri: RULES_URI,
    defaultConfiguration: { level: SARIF_LEVEL[r.level] },
    properties: {
      pack: r.pack,
      suppressible: r.suppressible,
      appliesTo: r.appliesTo,
      resourceTypes: r.resourceTypes,
      source: r.source,
    },
  };
}

/** Where a finding is in a file, for SARIF: the file's URI and, when found, the line its resource starts on. */
export interface SarifLocation {
  readonly uri: string;
  readonly startLine?: number;
}

/** One group of findings in a SARIF log: their stack, and where they are (`locate`, else the file `artifactUri`). */
export interface SarifRun {
  readonly findings: readonly Finding[];
  readonly artifactUri?: string;
  readonly stack?: string;
  readonly locate?: (f: Finding) => SarifLocation | undefined;
}

/**
 * A SARIF 2.1.0 log. Each result has logical locations for the construct path and the Terraform address, and a
 * physical location: where `locate` finds it, else the run's `artifactUri` (GitHub code scanning rejects a whole log
 * whose results have no physical location). Suppressed findings carry `suppressions[]` with the justification (so they
 * are not mistaken for open issues); unknown results are `kind: review`.
 */
export function sarifReport(runs: readonly SarifRun[], input?: InputSummary): object {
  const rules = ruleInfos();
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: TOOL_NAME,
            version: toolVersion(),
            informationUri: INFORMATION_URI,
            rules: rules.map(sarifRule),
          },
        },
        ...(input ? { properties: { input: { ...input, description: describeInput(input) } } } : {}),
        results: runs.flatMap(({ findings, artifactUri, stack, locate }) =>
          findings.map((f) => {
            const where = locate?.(f) ?? (artifactUri === undefined ? undefined : { uri: artifactUri });
            const unknown = f.status === FindingStatus.UNKNOWN;
            const logicalLocations: object[] = [];
            if (f.constructPath) logicalLocations.push({ fullyQualifiedName: f.constructPath, kind: 'module' });
            logicalLocations.push({
              name: f.address,
              fullyQualifiedName: stack ? `${stack}/${f.address}` : f.address,
              kind: 'resource',
            });
            return {
              ruleId: f.ruleId,
              ...(ruleIndex.has(f.ruleId) ? { ruleIndex: ruleIndex.get(f.ruleId) } : {}),
              kind: unknown ? 'review' : 'fail',
              level: unknown ? 'none' : SARIF_LEVEL[f.level],
              message: { text: f.message },
              locations: [
                {
                  ...(where
                    ? {
                        physicalLocation: {
                          artifactLocation: { uri: where.uri },
                          ...(where.startLine === undefined ? {} : { region: { startLine: where.startLine } }),
                        },
                      }
                    : {}),
                  logicalLocations,
                },
              ],
              ...(f.suppressed
                ? {
                    suppressions: [
                      {
                        kind: 'external',
                        status: 'accepted',
                        justification: f.suppressed.reason,
                        ...(f.suppressed.expires ? { properties: { expires: f.suppressed.expires } } : {}),
                      },
                    ],
                  }
                : {}),
              properties: {
                status: f.status,
                pack: f.pack,
                ...(f.attribute ? { attribute: f.attribute } : {}),
                fix: f.fix,
              },
            };
          }),
        ),
      },
    ],
  };
}

const LABEL: Readonly<Record<string, string>> = { error: 'ERROR  ', warning: 'WARNING', info: 'INFO   ' };

/**
 * Text for a terminal, grouped by resource. Unknown results of one resource are folded into one line; suppressed
 * findings are listed with their reason. `color` adds ANSI colours. With several groups, each starts with its `heading`
 * (default `Stack <stack>`).
 */
export function textReport(
  groups: ReadonlyArray<{ findings: readonly Finding[]; stack?: string; heading?: string }>,
  options: { color?: boolean; input?: InputSummary } = {},
): string {
  const c = (code: string, s: string) => (options.color ? `\u001b[${code}m${s}\u001b[0m` : s);
  const colour: Readonly<Record<string, string>> = { error: '31', warning: '33', info: '36' };
  const lines: string[] = options.input ? [describeInput(options.input), ''] : [];
  const all: Finding[] = [];
  for (const { findings, stack, heading = stack === undefined ? undefined : `Stack ${stack}` } of groups) {
    for (const f of findings) all.push(f);
    const byResource = new Map<string, Finding[]>();
    for (const f of findings) {
      const key = f.address;
      const list = byResource.get(key);
      if (list) list.push(f);
      else byResource.set(key, [f]);
    }
    if (heading !== undefined && groups.length > 1) lines.push(c('1', heading), '');
    for (const [address, list] of byResource) {
      const path = list.find((f) => f.constructPath)?.constructPath;
      lines.push(`${c('1', address)}${path ? `  (${path})` : ''}`);
      const unknown: Finding[] = [];
      for (const f of list) {
        if (f.status === FindingStatus.UNKNOWN && !f.suppressed) {
          unknown.push(f);
          continue;
        }
        const label = f.suppressed ? 'SUPPR. ' : LABEL[f.level];
        lines.push(
          `  ${c(f.suppressed ? '2' : colour[f.level], label)} ${f.ruleId}: ${f.problem}${f.attribute ? ` [${f.attribute}]` : ''}`,
        );
        lines.push(`          fix: ${f.fix}`);
        if (f.suppressed)
          lines.push(
            `          suppressed: ${f.suppressed.reason}${f.suppressed.expires ? ` (until ${f.suppressed.expires})` : ''}`,
          );
      }
      if (unknown.length > 0) {
        const attrs = [...new Set(unknown.map((f) => f.attribute ?? '?'))].join(', ');
        lines.push(
          `  ${c('2', 'UNKNOWN')} ${plural(unknown.length, 'rule')} could not be evaluated because ${attrs} ${attrs.includes(',') ? 'are' : 'is'} not known at synth time: ${unknown.map((f) => f.ruleId).join(', ')}`,
        );
      }
      lines.push('');
    }
  }
  const s = summarize(all);
  lines.push(
    `${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')}, ${s.infos} info, ${s.unknown} unknown, ${s.suppressed} suppressed`,
  );
  return lines.join('\n');
}
