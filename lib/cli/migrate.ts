/**
 * `cdktf-gcp-serverless migrate <app.yaml> --image IMAGE --region REGION`: prints the CloudRunService an App Engine
 * app.yaml migrates to, as the TypeScript a person would write (factories and enums, not the derived Terraform), then
 * the migration report as comments, so the whole output compiles. The report holds the migration's findings and those
 * of the service's own rules, as `CloudRunService.fromAppYaml` reports them at synth. Exit codes: 0 no error, 1 an
 * error (the service cannot work on Cloud Run as the file describes it), 2 usage.
 *
 * Loaded only for this command (it builds the construct, so it loads cdktf); `check` stays light.
 */
import { parseArgs } from 'node:util';
import { CloudRunService } from '../cloud-run/cloud-run-service';
import {
  type CloudRunServiceFromAppYamlOptions,
  type Migration,
  migrateAppYaml,
  tsLiteral,
} from '../cloud-run/from-app-yaml';
import { CheckLevel } from '../core/levels';
import { plural } from '../core/text';
import { FINDING_METADATA, type FindingEntry } from '../core/suppressions';
import { Errors, escapeControl, type ValidationProblem } from '../core/validation';
import { scratchStack } from '../private/cdktf';
import { isParseArgsError } from './files';
import type { CliIo } from './main';

export const MIGRATE_USAGE = `Usage: cdktf-gcp-serverless migrate <app.yaml> --image IMAGE --region REGION [--id ID] [--project PROJECT]

  Prints the CloudRunService the App Engine app.yaml migrates to, as TypeScript, and the migration report as comments.
  --image    the container image to run (pin it by digest)
  --region   the Cloud Run region, e.g. europe-west1
  --id       the construct id (default: the app.yaml service, else 'default')
  --project  the project the service is created in (default: the provider's)

Exit codes: 0 no error, 1 an error in the report, 2 usage or an unreadable file.`;

/** One line of the report. */
interface ReportLine {
  readonly level: CheckLevel;
  readonly ruleId?: string;
  /** `prop = value: rule` */
  readonly problem: string;
  readonly fix: string;
}

const ORDER: Readonly<Record<CheckLevel, number>> = {
  [CheckLevel.ERROR]: 0,
  [CheckLevel.WARNING]: 1,
  [CheckLevel.INFO]: 2,
};

const fromProblem = (p: ValidationProblem): ReportLine => ({
  level: p.level,
  ruleId: p.ruleId,
  problem: `${p.prop} = ${p.value}: ${p.rule}`,
  fix: p.fix,
});

/**
 * What the service reports: the findings it records (the migration's and its rules'), or, when it refuses the props,
 * its errors and warnings with the migration's infos.
 */
function serviceReport(id: string, options: CloudRunServiceFromAppYamlOptions, migration: Migration): ReportLine[] {
  const stack = scratchStack('migrate');
  try {
    const service = CloudRunService.fromAppYaml(stack, id, options);
    return service.node
      .findAll()
      .flatMap((c) => c.node.metadata.filter((m) => m.type === FINDING_METADATA).map((m) => m.data as FindingEntry))
      .map((f) => ({ level: f.level, ruleId: f.ruleId, problem: f.problem, fix: f.fix }));
  } catch (e) {
    if (!Errors.isValidationError(e)) throw e;
    const infos = migration.problems.filter((p) => p.level === CheckLevel.INFO);
    return [...e.problems, ...e.warnings, ...infos].map(fromProblem);
  }
}

/** A TypeScript identifier from a construct id: `reports-api` → `reportsApiService`. */
function functionName(constructId: string): string {
  const words = constructId.split(/[^A-Za-z0-9]+/).filter(Boolean);
  const camel = words.map((w, i) => (i === 0 ? w.toLowerCase() : w[0].toUpperCase() + w.slice(1))).join('');
  return `${/^[A-Za-z_]/.test(camel) ? camel : `app${camel}`}Service`;
}

/**
 * The code of the service: a function that adds it to a scope, with the props in the order a person reads them
 * (region and image first) and the app.yaml key each comes from.
 * @param file the app.yaml path, stripped from the key comments
 */
export function migrationSnippet(migration: Migration, id: string, file: string): string {
  const props = migration.props as unknown as Record<string, unknown>;
  const keys = ['region', 'image', ...Object.keys(props).filter((k) => k !== 'region' && k !== 'image')];
  const lines = keys
    .filter((k) => props[k] !== undefined)
    .map((k) => {
      const source = migration.sources[k];
      const key = source?.slice(file.length + 1);
      const from =
        key === undefined
          ? ''
          : migration.defaults.includes(k)
            ? ` // App Engine's default: app.yaml sets no ${key}`
            : ` // app.yaml ${key}`;
      return `    ${k}: ${migration.code[k] ?? tsLiteral(props[k])},${from}`;
    });
  return [
    `// Migrated from ${file} by \`cdktf-gcp-serverless migrate\`: review the report below before deploying.`,
    "import type { Construct } from 'constructs';",
    `import { ${[...migration.imports].sort().join(', ')} } from 'cdktf-gcp-serverless';`,
    '',
    `export function ${functionName(id)}(scope: Construct): CloudRunService {`,
    `  return new CloudRunService(scope, ${tsLiteral(id)}, {`,
    ...lines,
    '  });',
    '}',
  ].join('\n');
}

/** The report as TypeScript comments. */
function reportComments(file: string, lines: readonly ReportLine[]): string {
  const sorted = [...lines].sort((a, b) => ORDER[a.level] - ORDER[b.level]);
  const count = (level: CheckLevel) => lines.filter((l) => l.level === level).length;
  const head = `// Migration report for ${file}: ${plural(count(CheckLevel.ERROR), 'error')}, ${plural(count(CheckLevel.WARNING), 'warning')}, ${plural(count(CheckLevel.INFO), 'info', 'info')}`;
  const body = sorted.map((l) =>
    `// ${l.level} ${l.ruleId ?? '-'}: ${l.problem}. Fix: ${l.fix}`.replace(/[\r\n]+/g, ' '),
  );
  return [head, ...body].join('\n');
}

/** Runs `migrate` with the arguments after the command; resolves to the exit code. */
export async function migrate(argv: readonly string[], io: CliIo): Promise<number> {
  // An argument error: one line, then migrate's usage line (not the check command's), exit code 2.
  const usageError = (what: string) => {
    io.stderr(`cdktf-gcp-serverless migrate: ${escapeControl(what)}\n${MIGRATE_USAGE.split('\n')[0]}\n`);
    return 2;
  };
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        image: { type: 'string' },
        region: { type: 'string' },
        id: { type: 'string' },
        project: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (e) {
    if (isParseArgsError(e)) return usageError(e.message.split('\n')[0]);
    throw e;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(`${MIGRATE_USAGE}\n`);
    return 0;
  }
  const [file, ...extra] = positionals;
  const missing = [
    file === undefined ? '<app.yaml>' : undefined,
    values.image === undefined ? '--image' : undefined,
    values.region === undefined ? '--region' : undefined,
  ].filter((m) => m !== undefined);
  if (missing.length > 0 || extra.length > 0) {
    return usageError(missing.length > 0 ? `missing ${missing.join(', ')}` : `unexpected argument '${extra[0]}'`);
  }
  const options: CloudRunServiceFromAppYamlOptions = {
    file,
    image: values.image!,
    region: values.region!,
    ...(values.project !== undefined ? { project: values.project } : {}),
  };
  const migration = migrateAppYaml(options);
  if (!migration.props) {
    io.stderr(`${reportComments(file, migration.problems.map(fromProblem)).replace(/^\/\/ /gm, '')}\n`);
    return 2;
  }
  const id = values.id ?? migration.props.serviceName ?? 'default';
  const report = serviceReport(id, options, migration);
  io.stdout(`${migrationSnippet(migration, id, file)}\n\n${reportComments(file, report)}\n`);
  return report.some((l) => l.level === CheckLevel.ERROR) ? 1 : 0;
}
