#!/usr/bin/env node
/**
 * `cdktf-gcp-serverless check <path>`: runs the policy checks over a Terraform configuration — a `cdktf.out`
 * directory, one stack directory, a Terraform module directory (`*.tf` and `*.tf.json`), one `*.tf` or `*.tf.json`
 * file, or a plan from `terraform show -json` — and exits 0 (no error), 1 (an error, or a warning with
 * `--fail-on warning`) or 2 (usage or input error, or no resource the checks judge; reported on one line).
 *
 * Loads neither cdktf nor the provider: it must start fast on a CI runner.
 */
import { locator, relativeUri } from './locations';
import { parseArgs } from 'node:util';
import { type InputSummary, externalSuppressionFindings, failsAt, runChecks } from '../checks/engine';
import { InputError } from '../checks/input/errors';
import {
  describeInput,
  mergeInputSummaries,
  type SarifRun,
  sarifReport,
  summarize,
  TOOL_NAME,
  textReport,
  toolVersion,
  writeFindingsJson,
} from '../checks/report';
import type { CheckOptions, Finding } from '../checks/types';
import type { ScopedSuppression } from '../core/suppression-records';
import { escapeControl, hasControl } from '../core/validation';
import { Pack } from '../platform/rule';
import { acceptedValue, ArgumentError, isFileSystemError, isParseArgsError, reasonOf } from './files';
import { type Input, inputsOf, UsageError } from './inputs';
import { readSuppressionsFile } from './suppressions-file';
import { runCompare } from './compare';
import { COST_FLAGS, COST_USAGE, costJson, costRequest, costsOf, costText, overBudget, resolvedOptions } from './cost';

/** Where the CLI writes. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Colour text output (default: false). */
  readonly color?: boolean;
}

const USAGE = `Usage: ${TOOL_NAME} check <path> [--format text|json|sarif|markdown] [--fail-on error|warning|none] [--packs platform,security,cost] [--suppressions FILE] [--no-unknown] [--cost] [--budget N] [--no-free-tier] [--compare <base>]
       ${TOOL_NAME} migrate <app.yaml> --image IMAGE --region REGION (see migrate --help)

  <path>   a cdktf.out directory, a stack directory, a Terraform module directory (*.tf, *.tf.json; local modules
           are followed), a *.tf or *.tf.json file, or a plan from \`terraform show -json\`
  --suppressions FILE
           YAML or JSON: a list of { ruleId, reason, address or constructPath, expires? }
${COST_USAGE}

Exit codes: 0 no error-level finding, 1 an error (or a warning with --fail-on warning), 2 usage or input error, or
no google_cloud_run_* or google_app_engine_* resource found.`;

/** The first line of the usage, printed after an argument error. */
const USAGE_LINE = USAGE.split('\n')[0];

function parsePacks(value: string | undefined): Pack[] | undefined {
  if (value === undefined) return undefined;
  const known = Object.values(Pack);
  return value
    .split(',')
    .map((p) => p.trim().toLowerCase())
    .filter(Boolean)
    .map((p) => acceptedValue('pack', p, known));
}

interface Result {
  readonly input: Input;
  readonly findings: Finding[];
  readonly summary: InputSummary;
}

/** Checks every input; suppressions of the file are judged across all of them (one stale entry is reported once). */
function check(inputs: readonly Input[], options: CheckOptions): { results: Result[]; external: Finding[] } {
  const used = new Set<ScopedSuppression>();
  const results = inputs.map((input) => {
    try {
      const run = runChecks(input.configuration, options, { externalJudgedByCaller: true });
      for (const s of run.usedExternal) used.add(s);
      return { input, findings: run.findings, summary: run.summary };
    } catch (e) {
      if (e instanceof InputError) throw new UsageError(`${input.file ?? input.name}: ${e.message}`);
      throw e;
    }
  });
  if (options.suppressions === undefined) return { results, external: [] };
  const addresses = [...new Set(results.flatMap((r) => r.findings.map((f) => f.address)))];
  return { results, external: externalSuppressionFindings(options, used, addresses) };
}

/** Runs the CLI; resolves to the exit code. Never rejects on bad input. */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    // `migrate` builds a construct (so loads cdktf): its module is loaded only for it.
    if (argv[0] === 'migrate') return await (await import('./migrate')).migrate(argv.slice(1), io);
    const { values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', default: 'text' },
        'fail-on': { type: 'string', default: 'error' },
        packs: { type: 'string' },
        suppressions: { type: 'string' },
        'no-unknown': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', short: 'v', default: false },
        ...COST_FLAGS,
      },
    });
    if (values.help) {
      io.stdout(`${USAGE}\n`);
      return 0;
    }
    if (values.version) {
      io.stdout(`${toolVersion()}\n`);
      return 0;
    }
    const [command, path, ...extra] = positionals;
    if (command !== 'check')
      throw new ArgumentError(
        command === undefined
          ? 'missing command: check or migrate'
          : `unknown command '${command}' (use check or migrate)`,
      );
    if (path === undefined)
      throw new ArgumentError(
        'missing <path>: a cdktf.out directory, a stack or module directory, a *.tf or *.tf.json file, or a plan',
      );
    if (extra.length > 0) throw new ArgumentError(`unexpected argument '${extra[0]}'`);
    const formats = values.compare === undefined ? ['text', 'json', 'sarif'] : ['text', 'json', 'markdown'];
    // The other command's format is a missing or extra --compare, not an unknown word.
    if (values.format === 'markdown' && values.compare === undefined)
      throw new ArgumentError(
        '--format markdown is the report of --compare <base>: add --compare, or use text, json or sarif',
      );
    if (values.format === 'sarif' && values.compare !== undefined)
      throw new ArgumentError('--compare reports in text, json or markdown, not sarif');
    const format = acceptedValue('--format', values.format, formats);
    const failOn = acceptedValue('--fail-on', values['fail-on'], ['error', 'warning', 'none']);
    const packs = parsePacks(values.packs);
    const suppressions = values.suppressions === undefined ? undefined : readSuppressionsFile(values.suppressions);
    const cost = costRequest(values);
    if (values.compare !== undefined) {
      const options = { packs, reportUnknown: !values['no-unknown'], suppressions };
      const costOptions = cost?.options ?? resolvedOptions(values['no-free-tier']);
      const flags = { format, failOn, options, cost: costOptions, budget: cost?.budget };
      return await runCompare(values.compare, path, flags, inputsOf, (text) => io.stdout(escapeLines(text)));
    }

    const inputs = await inputsOf(path);
    const { results, external } = check(inputs, { packs, reportUnknown: !values['no-unknown'], suppressions });
    const input = cleanSummary(mergeInputSummaries(results.map((r) => r.summary)));
    // A clean pass on input where nothing was judged would be a lie.
    if (input.resources === 0) {
      throw new UsageError(
        `no google_cloud_run_* or google_app_engine_* resource found in ${path}: ${describeInput(input)}`,
      );
    }

    const multi = results.length > 1;
    const groups: Array<{ findings: Finding[]; stack?: string; heading?: string }> = results.map(
      ({ input: i, findings }) => ({
        findings: findings.map(cleanFinding),
        stack: multi ? escapeControl(i.name) : undefined,
      }),
    );
    if (external.length > 0) {
      // Findings about the suppressions file (an entry unused, expired or not allowed) are about that file, not a stack.
      const file = values.suppressions!;
      groups.push({
        findings: external.map((f) => cleanFinding({ ...f, file })),
        heading: `Suppressions file ${escapeControl(file)}`,
      });
    }
    const all = groups.flatMap((g) => g.findings);
    const costs = cost && costsOf(inputs, cost.options);
    if (format === 'json') {
      const head = {
        tool: { name: TOOL_NAME, version: toolVersion() },
        summary: summarize(all),
        input,
        ...(costs && cost ? { cost: costJson(costs, cost) } : {}),
      };
      writeFindingsJson(groups, (text) => io.stdout(text), head);
    } else if (format === 'sarif') {
      // Each finding is located in the file that declares its resource, else in the input's file.
      const runs: SarifRun[] = results.map(({ input: i, findings }) => ({
        findings: findings.map(cleanFinding),
        stack: multi ? escapeControl(i.name) : undefined,
        locate: locator(i.file),
      }));
      if (external.length > 0) {
        // Findings about the suppressions file (a suppression that matched nothing) are located in that file.
        runs.push({ findings: external.map(cleanFinding), artifactUri: relativeUri(values.suppressions!) });
      }
      io.stdout(`${JSON.stringify(sarifReport(runs, input), null, 2)}\n`);
    } else {
      io.stdout(`${textReport(groups, { color: io.color, input })}\n`);
      if (costs && cost) io.stdout(`\n${escapeLines(costText(costs, cost))}\n`);
    }
    return failsAt(all, failOn) || (costs && cost && overBudget(costs, cost).length > 0) ? 1 : 0;
  } catch (e) {
    // Every error is one line, with what came from the input (names, keys, excerpts) escaped.
    const say = (text: string) => io.stderr(`${TOOL_NAME}: ${escapeControl(text)}\n`);
    // An argument error (an unknown option, value or command, a missing path) is followed by the usage line.
    if (e instanceof UsageError) {
      say(e.message);
      if (e instanceof ArgumentError) io.stderr(`${USAGE_LINE}\n`);
      return 2;
    }
    if (isParseArgsError(e)) {
      say(e.message.split('\n')[0]);
      io.stderr(`${USAGE_LINE}\n`);
      return 2;
    }
    if (isFileSystemError(e)) {
      say(`cannot read ${e.path ?? 'the input'}: ${reasonOf(e)}`);
      return 2;
    }
    if (e instanceof RangeError) {
      say(`cannot read the input: it is nested too deeply or too large (${e.message})`);
      return 2;
    }
    say(`internal error: ${e instanceof Error ? e.message : String(e)}`);
    return 2;
  }
}

/** Text of several lines with the control characters of each line (from names in the input) escaped. */
const escapeLines = (text: string): string => text.split('\n').map(escapeControl).join('\n');

/** A finding with the control characters of its text (from names and values in the input) escaped. */
function cleanFinding(f: Finding): Finding {
  const fields = ['address', 'constructPath', 'file', 'attribute', 'message', 'problem', 'fix'] as const;
  if (!fields.some((k) => f[k] !== undefined && hasControl(f[k]!))) return f;
  const out: Record<string, unknown> = { ...f };
  for (const k of fields) if (f[k] !== undefined) out[k] = escapeControl(f[k]!);
  return out as unknown as Finding;
}

/** What was read, with the names from the input (types, addresses, module sources) escaped. */
function cleanSummary(s: InputSummary): InputSummary {
  const list = (xs: readonly string[]) => xs.map(escapeControl);
  return {
    ...s,
    types: list(s.types),
    skippedTypes: list(s.skippedTypes),
    repeated: list(s.repeated),
    notCreated: list(s.notCreated),
    deleted: list(s.deleted),
    moduleCalls: s.moduleCalls.map((c) => ({
      ...c,
      address: escapeControl(c.address),
      source: c.source === undefined ? undefined : escapeControl(c.source),
    })),
  };
}

if (require.main === module) {
  // A reader that stops early (`| head`) closes the pipe: the rest of the output is dropped, quietly, and the exit code
  // is still the check's (Node would otherwise throw the write's EPIPE as an unhandled error with a stack trace).
  const closed = new Set<NodeJS.WriteStream>();
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code !== 'EPIPE') throw e;
      closed.add(stream);
    });
  }
  const writeTo = (stream: NodeJS.WriteStream) => (text: string) => {
    if (!closed.has(stream)) stream.write(text);
  };
  void run(process.argv.slice(2), {
    stdout: writeTo(process.stdout),
    stderr: writeTo(process.stderr),
    color: process.stdout.isTTY === true && !process.env.NO_COLOR,
  }).then((code) => {
    process.exitCode = code;
  });
}
