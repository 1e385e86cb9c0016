#!/usr/bin/env node
/**
 * `cdktf-gcp-serverless check <path>`: runs the policy checks over synthesized Terraform JSON — a `cdktf.out`
 * directory, one stack directory, or a `*.tf.json` file — and exits 0 (no error), 1 (an error, or a warning with
 * `--fail-on warning`) or 2 (usage or input error, reported on one line).
 *
 * Loads neither cdktf nor the provider: it must start fast on a CI runner.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { CheckInputError, checkTerraform, failsAt } from '../checks/engine';
import { sarifReport, TOOL_NAME, textReport, toolVersion, writeFindingsJson } from '../checks/report';
import type { Finding } from '../checks/types';
import { Pack } from '../platform/rule';

/** Where the CLI writes. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Colour text output (default: false). */
  readonly color?: boolean;
}

const USAGE = `Usage: ${TOOL_NAME} check <path> [--format text|json|sarif] [--fail-on error|warning|none] [--packs platform,security,cost] [--no-unknown]

  <path>   a cdktf.out directory, a stack directory (with cdk.tf.json) or a *.tf.json file

Exit codes: 0 no error-level finding, 1 an error (or a warning with --fail-on warning), 2 usage or input error.`;

class UsageError extends Error {}

interface Input {
  readonly file: string;
  readonly stack: string;
}

/** The Terraform JSON files a path designates. */
function inputs(path: string): Input[] {
  if (!existsSync(path)) throw new UsageError(`no such file or directory: ${path}`);
  const stat = statSync(path);
  if (stat.isFile()) return [{ file: path, stack: basename(path).replace(/(\.tf)?\.json$/, '') }];
  if (!stat.isDirectory()) throw new UsageError(`not a file or directory: ${path}`);
  if (existsSync(join(path, 'cdk.tf.json'))) return [{ file: join(path, 'cdk.tf.json'), stack: basename(path) }];
  const stacksDir = join(path, 'stacks');
  if (existsSync(stacksDir) && statSync(stacksDir).isDirectory()) {
    const found = readdirSync(stacksDir)
      .sort()
      .filter((name) => existsSync(join(stacksDir, name, 'cdk.tf.json')))
      .map((name) => ({ file: join(stacksDir, name, 'cdk.tf.json'), stack: name }));
    if (found.length > 0) return found;
  }
  const files = readdirSync(path)
    .sort()
    .filter((name) => name.endsWith('.tf.json'))
    .map((name) => ({ file: join(path, name), stack: name.replace(/\.tf\.json$/, '') }));
  if (files.length > 0) return files;
  throw new UsageError(`no Terraform JSON found in ${path} (expected cdk.tf.json, stacks/*/cdk.tf.json or *.tf.json)`);
}

function load(input: Input): unknown {
  let text: string;
  try {
    text = readFileSync(input.file, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${input.file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${input.file} is not valid JSON: ${(e as Error).message}`);
  }
}

function parsePacks(value: string | undefined): Pack[] | undefined {
  if (value === undefined) return undefined;
  const known = Object.values(Pack) as string[];
  const packs = value
    .split(',')
    .map((p) => p.trim().toLowerCase())
    .filter(Boolean);
  const bad = packs.find((p) => !known.includes(p));
  if (bad !== undefined) throw new UsageError(`unknown pack '${bad}' (use ${known.join(', ')})`);
  return packs as Pack[];
}

/** Runs the CLI; returns the exit code. Never throws on bad input. */
export function run(argv: readonly string[], io: CliIo): number {
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', default: 'text' },
        'fail-on': { type: 'string', default: 'error' },
        packs: { type: 'string' },
        'no-unknown': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', short: 'v', default: false },
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
      throw new UsageError(
        command === undefined ? 'missing command: check' : `unknown command '${command}' (use check)`,
      );
    if (path === undefined)
      throw new UsageError('missing <path>: a cdktf.out directory, a stack directory or a *.tf.json file');
    if (extra.length > 0) throw new UsageError(`unexpected argument '${extra[0]}'`);
    const format = values.format;
    if (!['text', 'json', 'sarif'].includes(format))
      throw new UsageError(`unknown --format '${format}' (use text, json or sarif)`);
    const failOn = values['fail-on'];
    if (!['error', 'warning', 'none'].includes(failOn))
      throw new UsageError(`unknown --fail-on '${failOn}' (use error, warning or none)`);
    const packs = parsePacks(values.packs);

    const results: Array<{ input: Input; findings: Finding[] }> = [];
    for (const input of inputs(path)) {
      const json = load(input);
      try {
        results.push({ input, findings: checkTerraform(json, { packs, reportUnknown: !values['no-unknown'] }) });
      } catch (e) {
        if (e instanceof CheckInputError) throw new UsageError(`${input.file} is ${e.message}`);
        throw e;
      }
    }

    const multi = results.length > 1;
    if (format === 'json') {
      writeFindingsJson(
        results.map(({ input, findings }) => ({ findings, stack: multi ? input.stack : undefined })),
        (text) => io.stdout(text),
      );
    } else if (format === 'sarif') {
      const runs = results.map(({ input, findings }) => ({
        findings,
        stack: multi ? input.stack : undefined,
        artifactUri: relative(process.cwd(), input.file).split('\\').join('/'),
      }));
      io.stdout(`${JSON.stringify(sarifReport(runs), null, 2)}\n`);
    } else {
      io.stdout(
        `${textReport(
          results.map(({ input, findings }) => ({ findings, stack: input.stack })),
          { color: io.color },
        )}\n`,
      );
    }
    return results.some(({ findings }) => failsAt(findings, failOn)) ? 1 : 0;
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`${TOOL_NAME}: ${e.message}\n`);
      return 2;
    }
    const code = (e as { code?: string }).code;
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`${TOOL_NAME}: ${(e as Error).message.split('\n')[0]}\n${USAGE.split('\n')[0]}\n`);
      return 2;
    }
    io.stderr(`${TOOL_NAME}: internal error: ${(e as Error).message ?? String(e)}\n`);
    return 2;
  }
}

if (require.main === module) {
  process.exitCode = run(process.argv.slice(2), {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    color: process.stdout.isTTY === true && !process.env.NO_COLOR,
  });
}
