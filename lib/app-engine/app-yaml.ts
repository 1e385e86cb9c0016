/**
 * Reads an app.yaml (python3 runtimes) into {@link AppEngineStandardServiceProps}: every unknown, misspelt or
 * ineffective key is reported by name, and the values set aside for being wrong are recorded, so the whole file is
 * checked in one go.
 * @internal
 */
import { readFileSync } from 'node:fs';
import { yaml } from '../core/lazy';
import { CheckLevel } from '../core/levels';
import { valueAt } from '../core/props';
import { closest, escapeTemplates } from '../core/text';
import { Derived, type ValidationProblem } from '../core/validation';
import { type AppYamlImport, type AppYamlOverrides, convert } from './app-yaml-convert';
import {
  AppYamlFinding,
  keyPath,
  knownKeys,
  NO_EFFECT,
  NOT_SUPPORTED,
  problem,
  SetAside,
  schemas,
  type AppYaml,
} from './app-yaml-schema';

/**
 * Sets the value at `path` aside. An environment variable keeps its name (its value as JSON text) so that every name
 * is still checked; anything else is removed and its prop becomes unknown.
 */
function setValueAside(root: Record<string, unknown>, path: readonly PropertyKey[], setAside: SetAside): void {
  const parent = valueAt(root, path.slice(0, -1));
  const last = path[path.length - 1];
  if (path.length === 2 && path[0] === 'env_variables' && parent !== null && typeof parent === 'object') {
    (parent as Record<PropertyKey, unknown>)[last] = JSON.stringify((parent as Record<PropertyKey, unknown>)[last]);
    return;
  }
  setAside.add(path);
  remove(root, path);
}

/**
 * The data without its empty keys: `env_variables:` with only comments under it, or `service_account:` left empty, is
 * YAML null, which App Engine's own reader takes as "not set" (gcloud declares these keys `validation.Optional`, so
 * None passes and nothing is sent). Null list items go too.
 */
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((v) => v !== null && v !== undefined).map(withoutNulls);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) if (v !== null && v !== undefined) out[key] = withoutNulls(v);
  return out;
}

/** How many aliases a file may expand: far above any real app.yaml, far below an alias bomb. */
const MAX_ALIAS_COUNT = 100;

function remove(root: Record<string, unknown>, path: readonly PropertyKey[]): void {
  if (path.length === 0) return;
  const parent = valueAt(root, path.slice(0, -1));
  if (parent === null || typeof parent !== 'object') return;
  delete (parent as Record<PropertyKey, unknown>)[path[path.length - 1]];
}

/** An app.yaml read and checked against the python3 schema, before it means anything on a platform. */
export interface ParsedAppYaml {
  /** The problems of the file (syntax, unknown keys, wrong values; the platform keys when asked). */
  readonly problems: ValidationProblem[];
  /** The file's name in messages. */
  readonly source: string;
  /** The keys that passed the schema; undefined when the file is unusable (not YAML, not a mapping, unreadable). */
  readonly data?: AppYaml;
  /** The values set aside for being wrong or misspelt (already reported). */
  readonly setAside: SetAside;
  /** `module` when the file names its service with the deprecated key. */
  readonly serviceKey: 'service' | 'module';
  /**
   * The keys App Engine knows that python3 ignores or the Terraform resource cannot carry ({@link NO_EFFECT},
   * {@link NOT_SUPPORTED}), with their values, taken out before the schema check.
   */
  readonly platformKeys: Readonly<Record<string, unknown>>;
}

/**
 * Reads app.yaml text or a file and checks it against the python3 schema. `source` names it in messages.
 * @param reportPlatformKeys report the keys python3 ignores or Terraform cannot carry, as App Engine sees them
 */
export function parseAppYaml(input: { yaml?: string; file?: string }, reportPlatformKeys: boolean): ParsedAppYaml {
  const problems: ValidationProblem[] = [];
  const unusable = (source: string): ParsedAppYaml => ({
    problems,
    source,
    setAside: new SetAside(new Set()),
    serviceKey: 'service',
    platformKeys: {},
  });
  const fail = (prop: string, value: unknown, rule: string, fix: string, id = AppYamlFinding.VALUE) => {
    problems.push(problem(CheckLevel.ERROR, prop, value, rule, fix, id));
    return unusable(input.file ?? 'app.yaml');
  };
  if ((input.yaml === undefined) === (input.file === undefined)) {
    return fail(
      'yaml, file',
      new Derived(input.yaml === undefined ? 'neither given' : 'both given'),
      'fromAppYaml needs exactly one of yaml (the text) or file (a path)',
      'pass one of them',
    );
  }
  const source = input.file ?? 'app.yaml';
  let text = input.yaml ?? '';
  if (input.file !== undefined) {
    try {
      text = readFileSync(input.file, 'utf8');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      return fail(
        'file',
        input.file,
        `cannot read the app.yaml file (${code === 'ENOENT' ? 'no such file' : (code ?? String(e))})`,
        'pass the path of an existing app.yaml',
      );
    }
  }
  const doc = yaml().parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    for (const err of doc.errors) {
      const line = err.linePos?.[0];
      problems.push(
        problem(
          CheckLevel.ERROR,
          source,
          new Derived(line ? `line ${line.line}, column ${line.col}` : 'the text'),
          `malformed YAML: ${err.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`,
          'fix the YAML syntax',
          AppYamlFinding.SYNTAX,
        ),
      );
    }
    return unusable(source);
  }
  let js: unknown;
  try {
    // An alias that names no anchor, or more aliases than any app.yaml needs (an alias bomb), throws here.
    js = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    return fail(
      source,
      new Derived('the text'),
      `malformed YAML: ${(e as Error).message.split('\n')[0]}`,
      `define every anchor before its aliases, and expand at most ${MAX_ALIAS_COUNT} aliases`,
      AppYamlFinding.SYNTAX,
    );
  }
  // Strings go into Terraform JSON, where `${` and `%{` start templates; in app.yaml they are plain text (`${PORT}` in
  // a shell entrypoint), so they are escaped as Terraform's literal forms. YAML cannot hold cdktf tokens.
  const data: unknown = escapeTemplates(withoutNulls(js));
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return fail(
      source,
      data,
      'an app.yaml must be a mapping of keys such as runtime and entrypoint',
      'write the keys at the top level',
    );
  }
  const record = { ...(data as Record<string, unknown>) };

  // `module` is the deprecated name of `service` (gcloud appinfo.py: MODULE is Deprecated(SERVICE)); both together
  // are refused (appinfo_errors.py, ModuleAndServiceDefined).
  let serviceKey: 'service' | 'module' = 'service';
  if ('module' in record) {
    if ('service' in record) {
      problems.push(
        problem(
          CheckLevel.ERROR,
          `${source} module`,
          record.module,
          "the file has both 'module' and 'service' (module is the deprecated name of service)",
          "keep only 'service'",
          AppYamlFinding.DEPRECATED_KEY,
        ),
      );
    } else {
      problems.push(
        problem(
          CheckLevel.WARNING,
          `${source} module`,
          record.module,
          "'module' is the deprecated name of 'service'; read as service",
          "rename it to 'service'",
          AppYamlFinding.DEPRECATED_KEY,
        ),
      );
      record.service = record.module;
      serviceKey = 'module';
    }
    delete record.module;
  }

  // Keys that do nothing on python3, or that the Terraform resource cannot carry: reported by name, then set aside.
  const platformKeys: Record<string, unknown> = {};
  for (const key of [...Object.keys(NO_EFFECT), ...Object.keys(NOT_SUPPORTED)]) {
    if (key in record) platformKeys[key] = record[key];
  }
  for (const [key, fix] of Object.entries(NO_EFFECT)) {
    if (key in record && reportPlatformKeys) {
      problems.push(
        problem(
          CheckLevel.WARNING,
          `${source} ${key}`,
          record[key],
          `'${key}' has no effect on python3 runtimes`,
          fix,
          AppYamlFinding.NO_EFFECT,
        ),
      );
    }
    delete record[key];
  }
  for (const [key, fix] of Object.entries(NOT_SUPPORTED)) {
    if (key in record && reportPlatformKeys) {
      problems.push(
        problem(
          CheckLevel.ERROR,
          `${source} ${key}`,
          record[key],
          `'${key}' cannot be deployed through Terraform`,
          fix,
          AppYamlFinding.NOT_SUPPORTED,
        ),
      );
    }
    delete record[key];
  }

  // Check the whole file in one go: report every schema issue, set the offending values aside and go on with the
  // rest, so that unknown keys, wrong types and the platform rules of what remains are all reported at once.
  const setAside = new SetAside(new Set(Object.keys(record)));
  let parsed = schemas().appYaml.safeParse(record);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys) {
          const suggestion = closest(key, knownKeys(issue.path), Math.max(1, Math.floor(key.length / 3)));
          problems.push(
            problem(
              CheckLevel.ERROR,
              `${source} ${keyPath([...issue.path, key])}`,
              valueAt(record, [...issue.path, key]),
              `unknown key '${key}'`,
              suggestion ? `did you mean '${suggestion}'?` : 'remove it or fix its spelling',
              AppYamlFinding.UNKNOWN_KEY,
            ),
          );
          remove(record, [...issue.path, key]);
          // A misspelling of a key that is not there: what the user meant for that key is not known.
          if (suggestion && valueAt(record, [...issue.path, suggestion]) === undefined) {
            setAside.add([...issue.path, suggestion]);
          }
        }
        continue;
      }
      const at = keyPath(issue.path) || 'the file';
      const value = valueAt(record, issue.path);
      problems.push(
        problem(
          CheckLevel.ERROR,
          `${source} ${at}`,
          value,
          value === undefined ? `'${at}' is required` : `wrong value: ${issue.message}`,
          'write it as the app.yaml reference documents',
          AppYamlFinding.VALUE,
        ),
      );
      setValueAside(record, issue.path, setAside);
    }
    // What is left may still fail because of what was taken out (a block without its required key, a list with a
    // hole): already reported, so set the whole top-level key aside without reporting it again.
    for (let pass = 0; pass < 3; pass++) {
      parsed = schemas().appYaml.safeParse(record);
      if (parsed.success) break;
      for (const issue of parsed.error.issues) {
        const top = issue.path.slice(0, 1);
        setAside.add(top);
        remove(record, top);
      }
    }
    if (!parsed.success) return { ...unusable(source), setAside, serviceKey, platformKeys };
  }
  if (parsed.data.runtime === undefined && !setAside.has('runtime')) {
    problems.push(
      problem(
        CheckLevel.ERROR,
        `${source} runtime`,
        undefined,
        "'runtime' is required",
        "add e.g. 'runtime: python312'",
        AppYamlFinding.VALUE,
      ),
    );
    setAside.add(['runtime']);
  }
  return { problems, source, data: parsed.data, setAside, serviceKey, platformKeys };
}

/** Reads app.yaml text or a file into the props of an App Engine standard version. */
export function readAppYaml(input: { yaml?: string; file?: string }, overrides: AppYamlOverrides): AppYamlImport {
  const { problems, source, data, setAside, serviceKey } = parseAppYaml(input, true);
  if (!data) return { problems, labels: {}, unknownProps: [], faithful: overrides.applyRecommendations !== true };
  const read = convert(data, source, overrides, problems, setAside);
  return serviceKey === 'service' ? read : { ...read, labels: { ...read.labels, service: `${source} ${serviceKey}` } };
}
