// The README's rule table, generated from the rule registry so the two never disagree (and the table of the app.yaml
// reader's findings, from their list).
import { ruleInfos } from '../../lib/checks/registry';
import { APP_YAML_RULES } from '../../lib/platform/app-engine/app-yaml-findings';

export const RULES_START = '<!-- rules:start -->';
export const RULES_END = '<!-- rules:end -->';

/** What a rule applies to, as the table says it: its kinds; `construct (kinds)` for construct intent of some kinds. */
function appliesTo(kinds: readonly string[]): string {
  const others = kinds.filter((k) => k !== 'construct');
  if (kinds.length === 0) return 'suppressions';
  return others.length < kinds.length && others.length > 0 ? `construct (${others.join(', ')})` : kinds.join(', ');
}

/** The Markdown table of every rule: id, pack, default level, whether it can be suppressed, what it judges and checks. */
export function rulesTable(): string {
  const rows = ruleInfos().map(
    (r) =>
      `| \`${r.id}\` | ${r.pack} | ${r.level} | ${r.suppressible ? 'yes' : 'no'} | ${appliesTo(r.appliesTo)} | ${r.title.replace(/\|/g, '\\|')} |`,
  );
  return [
    '| id | pack | level | suppressible | applies to | checks |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}

/** README text with the table between the markers replaced. */
export function withRulesTable(readme: string): string {
  const start = readme.indexOf(RULES_START);
  const end = readme.indexOf(RULES_END);
  if (start < 0 || end < start) throw new Error('README.md has no rules markers');
  return `${readme.slice(0, start + RULES_START.length)}\n${rulesTable()}\n${readme.slice(end)}`;
}

export const FINDINGS_START = '<!-- app-yaml-findings:start -->';
export const FINDINGS_END = '<!-- app-yaml-findings:end -->';

/** The Markdown table of the app.yaml reader's findings. */
export function appYamlFindingsTable(): string {
  const rows = APP_YAML_RULES.map((r) => `| \`${r.id}\` | ${r.level} | ${r.explanation.replace(/\|/g, '\\|')} |`);
  return ['| id | level | finds |', '| --- | --- | --- |', ...rows].join('\n');
}

/** README text with both generated tables replaced. */
export function withGeneratedTables(readme: string): string {
  const withRules = withRulesTable(readme);
  const start = withRules.indexOf(FINDINGS_START);
  const end = withRules.indexOf(FINDINGS_END);
  if (start < 0 || end < start) throw new Error('README.md has no app.yaml findings markers');
  return `${withRules.slice(0, start + FINDINGS_START.length)}\n${appYamlFindingsTable()}\n${withRules.slice(end)}`;
}
