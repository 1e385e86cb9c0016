/**
 * What each service of a stack will really be, one line per service, read back from the synthesized Terraform JSON
 * through the same fact extractors the policy checks use (so it describes what Terraform will deploy, not what the
 * props said), with the open findings of each service counted. `PolicyChecks.applyTo(app, { summary: true })` prints
 * it at synth, `PolicyChecks.summary(stack)` returns it.
 */
import { plural } from '../core/text';
import { isRequestBilled } from '../platform/cloud-run/facts';
import { startupBudgetSeconds } from '../platform/cloud-run/probes';
import { appEngineVersionFacts } from './facts/app-engine';
import { cloudRunFacts } from './facts/cloud-run';
import { TerraformModel } from './model';
import { summarize } from './report';
import { type Finding, FindingStatus } from './types';

/** A fact as text: `-` when not written, `?` when only known at apply time. */
function show(value: unknown): string {
  if (value === undefined) return '-';
  if (typeof value === 'symbol') return '?';
  return String(value);
}

/** The counts of a list of findings: `0 errors, 1 warning, 2 info`, then unknown and suppressed when there are any. */
function counts(findings: readonly Finding[], always: boolean): string {
  const s = summarize(findings);
  const parts = [plural(s.errors, 'error'), plural(s.warnings, 'warning'), plural(s.infos, 'info', 'info')];
  if (always || s.unknown > 0) parts.push(`${s.unknown} unknown`);
  if (always || s.suppressed > 0) parts.push(`${s.suppressed} suppressed`);
  return parts.join(', ');
}

/** The counts of one resource, with the ids of its open failures. */
function countsOf(findings: readonly Finding[], address: string): string {
  const mine = findings.filter((f) => f.address === address);
  const open = mine.filter((f) => f.status === FindingStatus.FAIL && !f.suppressed);
  const ids = [...new Set(open.map((f) => f.ruleId))];
  return `${counts(mine, false)}${ids.length > 0 ? ` (${ids.join(', ')})` : ''}`;
}

/**
 * The summary of one stack: a line with its counts, then one line per Cloud Run service and App Engine version.
 * @param stack the stack name
 * @param json the stack's synthesized Terraform JSON
 * @param findings the findings of the policy checks on that JSON
 */
export function stackSummary(stack: string, json: Record<string, unknown>, findings: readonly Finding[]): string {
  const lines = [`${stack}: ${counts(findings, true)}`];
  const model = new TerraformModel(json);
  for (const r of model.byType.get('google_cloud_run_v2_service') ?? []) {
    const { facts: f } = cloudRunFacts(r, model);
    const billing = isRequestBilled(f) ? 'request-based' : 'instance-based';
    const probe = f.startupProbe
      ? `${show(f.startupProbe.kind).toUpperCase()} ${startupBudgetSeconds(f.startupProbe)} s`
      : 'default TCP 240 s';
    lines.push(
      `  Cloud Run ${show(f.name)}: billing ${billing}, concurrency ${show(f.concurrency)}, instances ${show(f.minInstances ?? 0)}..${show(f.maxInstances)}, startup probe ${probe}; ${countsOf(findings, r.address)}`,
    );
  }
  for (const r of model.byType.get('google_app_engine_standard_app_version') ?? []) {
    const { facts: f } = appEngineVersionFacts(r, model);
    const instances =
      f.scalingType === 'manual'
        ? `${show(f.manualInstances)} resident`
        : f.scalingType === 'basic'
          ? `0..${show(f.basicMaxInstances)}, idle after ${show(f.idleTimeout ?? 900)} s`
          : `${show(f.minInstances ?? 0)}..${show(f.maxInstances)}${f.minIdleInstances ? `, ${show(f.minIdleInstances)} idle` : ''}`;
    const warmup = Array.isArray(f.inboundServices) && f.inboundServices.includes('INBOUND_SERVICE_WARMUP');
    const concurrency =
      f.scalingType === 'automatic' ? `max concurrent requests ${show(f.maxConcurrentRequests)}, ` : '';
    lines.push(
      `  App Engine ${show(f.service)}/${show(f.versionId)}: ${show(f.scalingType)} scaling on ${show(f.instanceClass)}, ${concurrency}instances ${instances}, warmup ${warmup ? 'on' : 'off'}; ${countsOf(findings, r.address)}`,
    );
  }
  return lines.join('\n');
}
