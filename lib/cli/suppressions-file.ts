/**
 * `--suppressions FILE`: suppressions for configurations that no cdktf app wrote (HCL, plans), in YAML or JSON, with
 * the fields of `Suppressions.add` / `addByAddress`:
 *
 * ```yaml
 * suppressions:
 *   - ruleId: GCR-MIN-INSTANCES-COST
 *     address: google_cloud_run_v2_service.worker   # or module.app.google_cloud_run_v2_service.worker
 *     reason: The queue consumer must stay warm; cost approved in FIN-142
 *     expires: 2027-06-30                           # optional
 * ```
 *
 * A top-level list works too. Every problem of the file is reported on one line, naming the entry.
 */
import { ADDRESS, type ScopedSuppression, suppressionProblem } from '../core/suppression-records';
import { RULES_BY_ID } from '../checks/registry';
import { readInputText, UsageError } from './files';

const FIELDS = new Set(['ruleId', 'reason', 'expires', 'address', 'constructPath']);

function parse(file: string, text: string): unknown {
  if (/\.json$/i.test(file)) {
    try {
      return JSON.parse(text);
    } catch (e) {
      throw new UsageError(`${file} is not valid JSON: ${(e as Error).message}`);
    }
  }
  // YAML (JSON is YAML too); loaded only when a suppressions file is given.
  const { parseDocument } = require('yaml') as typeof import('yaml');
  const doc = parseDocument(text);
  if (doc.errors.length > 0) throw new UsageError(`${file} is not valid YAML: ${doc.errors[0].message.split('\n')[0]}`);
  try {
    // An alias without its anchor, or more aliases than a suppressions file needs (an alias bomb), is refused.
    return doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    throw new UsageError(`${file} is not valid YAML: ${(e as Error).message.split('\n')[0]}`);
  }
}

/** The problems of one entry of the file (none: it is a suppression). */
function entryProblems(entry: unknown): string[] {
  if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
    return ['a suppression is an object with ruleId, reason and address'];
  }
  const e = entry as Record<string, unknown>;
  const problems = Object.keys(e)
    .filter((k) => !FIELDS.has(k))
    .map((k) => `unknown field '${k}' (use ${[...FIELDS].join(', ')})`);
  const problem = suppressionProblem(e);
  if (problem) problems.push(problem);
  else if (e.ruleId !== '*' && !RULES_BY_ID.has(e.ruleId as string)) {
    problems.push(`unknown rule id '${String(e.ruleId)}'`);
  }
  if (e.address !== undefined && (typeof e.address !== 'string' || !ADDRESS.test(e.address))) {
    problems.push(`address '${String(e.address)}' is not a Terraform address like google_cloud_run_v2_service.api`);
  }
  if (e.constructPath !== undefined && typeof e.constructPath !== 'string') {
    problems.push('constructPath must be a construct path like prod/Api');
  }
  return problems;
}

/** The suppressions of a file; `UsageError` (one line, every problem of every entry) for anything malformed. */
export function readSuppressionsFile(file: string): ScopedSuppression[] {
  const text = readInputText(file);
  const doc = parse(file, text);
  const list = Array.isArray(doc) ? doc : (doc as { suppressions?: unknown } | null)?.suppressions;
  if (!Array.isArray(list)) {
    throw new UsageError(`${file}: expected a list of suppressions, or an object with a "suppressions" list`);
  }
  const problems = list.flatMap((entry: unknown, i: number) =>
    entryProblems(entry).map((p) => `suppressions[${i}]: ${p}`),
  );
  if (problems.length > 0) throw new UsageError(`${file}: ${problems.join('; ')}`);
  return list.map((entry: Record<string, unknown>) => ({
    ruleId: entry.ruleId as string,
    reason: (entry.reason as string).trim(),
    ...(entry.expires !== undefined ? { expires: entry.expires as string } : {}),
    ...(entry.address !== undefined ? { address: entry.address as string } : {}),
    ...(entry.constructPath !== undefined ? { constructPath: entry.constructPath as string } : {}),
  }));
}
