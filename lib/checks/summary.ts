/**
 * What each service, worker pool, job (with the Cloud Scheduler jobs that run it) and App Engine version of a stack
 * will really be, one line each, read back from the synthesized Terraform JSON
 * through the same fact extractors the policy checks use (so it describes what Terraform will deploy, not what the
 * props said), with the open findings of each service counted. `PolicyChecks.applyTo(app, { summary: true })` prints
 * it at synth, `PolicyChecks.summary(stack)` returns it.
 */
import { plural } from '../core/text';
import type { FactSet } from '../platform/rule';
import { type CloudRunFacts, hasGpu, isRequestBilled, type VolumeFacts } from '../platform/cloud-run/facts';
import { VOLUME_KINDS } from '../platform/cloud-run/volumes';
import { startupBudgetSeconds } from '../platform/cloud-run/probes';
import { CLOUD_RUN_JOB_LIMITS } from '../platform/cloud-run/jobs';
import { CLOUD_RUN_WORKER_POOL_DEFAULT_INSTANCES } from '../platform/cloud-run/scaling';
import { CLOUD_SCHEDULER_LIMITS, runJobOf, type SchedulerFacts } from '../platform/cloud-run/scheduler';
import { formatMoney, type ResolvedCostOptions, type ResourceCost } from '../platform/cost';
import { costOptions, resourceCost, taskHour } from './cost-report';
import { appEngineVersionFacts } from './facts/app-engine';
import { cloudRunFacts } from './facts/cloud-run';
import { schedulerFacts } from './facts/scheduler';
import { TerraformModel, type TfResource } from './model';
import { summarize } from './report';
import { type Finding, FindingStatus } from './types';

/** A fact as text: `?` when only known at apply time, `-` when not written, else its value (or `fallback`). */
function fact<F>(set: FactSet<F>, key: keyof F & string, fallback?: unknown): string {
  if (set.unknown.has(key)) return '?';
  const value = set.facts[key] ?? fallback;
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

/** The counts of some resources (one, or a job and its schedules), with the ids of their open failures. */
function countsOf(findings: readonly Finding[], ...addresses: string[]): string {
  const mine = findings.filter((f) => addresses.includes(f.address));
  const open = mine.filter((f) => f.status === FindingStatus.FAIL && !f.suppressed);
  const ids = [...new Set(open.map((f) => f.ruleId))];
  return `${counts(mine, false)}${ids.length > 0 ? ` (${ids.join(', ')})` : ''}`;
}

/** What a revision has beyond one container: its GPU, sidecars, volumes and traffic split (nothing when none). */
function revisionExtras(set: FactSet<CloudRunFacts>): string {
  const f = set.facts;
  const parts: string[] = [];
  if (hasGpu(f)) parts.push(`GPU ${fact(set, 'gpuType')}`);
  const sidecars = (f.containers ?? []).filter((c) => !c.ingress);
  if (sidecars.length > 0) parts.push(`sidecars ${sidecars.map((c) => c.name ?? '?').join(', ')}`);
  if (f.volumes && f.volumes.length > 0) {
    // A volume with a value only known at apply is read as a placeholder without name or source.
    const volume = (v: VolumeFacts, i: number) =>
      set.unknown.has(`volumes.${i}`)
        ? '? (known at apply)'
        : `${v.name ?? '?'} (${v.kinds.length === 0 ? 'no source' : v.kinds.map((k) => VOLUME_KINDS[k].name).join('+')})`;
    parts.push(`volumes ${f.volumes.map(volume).join(', ')}`);
  }
  if (f.traffic && f.traffic.length > 0) {
    const target = (t: (typeof f.traffic)[number]) =>
      `${t.percent ?? 0}% ${t.type === 'revision' ? t.revision : 'latest'}${t.tag ? ` (${t.tag})` : ''}`;
    parts.push(`traffic ${f.traffic.map(target).join(' / ')}`);
  }
  return parts.map((p) => `, ${p}`).join('');
}

/** The floor of a resource for the summary: `floor ≈ $49.93/month`, `floor $0`, or `floor unknown (why)`. */
function floorText(cost: ResourceCost | undefined): string {
  if (!cost || cost.floor === undefined) return `floor unknown${cost ? ` (${cost.unknown.join('; ')})` : ''}`;
  return cost.floor === 0 ? 'floor 0' : `floor ≈ ${formatMoney(cost.floor, cost.currency)}/month (${cost.floorBasis})`;
}

/**
 * The summary of one stack: a line with its counts, then one line per Cloud Run service and App Engine version.
 * @param stack the stack name
 * @param json the stack's synthesized Terraform JSON
 * @param findings the findings of the policy checks on that JSON
 */
export function stackSummary(
  stack: string,
  json: Record<string, unknown>,
  findings: readonly Finding[],
  cost: ResolvedCostOptions = costOptions(),
): string {
  const lines = [`${stack}: ${counts(findings, true)}`];
  const model = new TerraformModel(json);
  const floor = (r: TfResource) => floorText(resourceCost(r, model, cost));
  for (const r of model.byType.get('google_cloud_run_v2_service') ?? []) {
    const set = cloudRunFacts(r, model);
    const f = set.facts;
    const billing = ['cpuIdle', 'resourcesWritten'].some((k) => set.unknown.has(k))
      ? '?'
      : isRequestBilled(f)
        ? 'request-based'
        : 'instance-based';
    const probe = [...set.unknown].some((k) => k.startsWith('startupProbe'))
      ? '?'
      : f.startupProbe
        ? `${f.startupProbe.kind.toUpperCase()} ${startupBudgetSeconds(f.startupProbe)} s`
        : 'default TCP 240 s';
    const instances =
      f.scalingMode === 'MANUAL'
        ? `${fact(set, 'manualInstances')} (manual)`
        : `${fact(set, 'minInstances', 0)}..${fact(set, 'maxInstances')}${f.serviceMinInstances ? ` (service min ${fact(set, 'serviceMinInstances')})` : ''}`;
    lines.push(
      `  Cloud Run ${fact(set, 'name')}: billing ${billing}, concurrency ${fact(set, 'concurrency')}, instances ${instances}, startup probe ${probe}${revisionExtras(set)}, ${floor(r)}; ${countsOf(findings, r.address)}`,
    );
  }
  lines.push(...backgroundWork(model, findings, cost));
  for (const r of model.byType.get('google_app_engine_standard_app_version') ?? []) {
    const set = appEngineVersionFacts(r, model);
    const f = set.facts;
    const instances =
      f.scalingType === 'manual'
        ? `${fact(set, 'manualInstances')} resident`
        : f.scalingType === 'basic'
          ? `0..${fact(set, 'basicMaxInstances')}, idle after ${fact(set, 'idleTimeout', 900)} s`
          : `${fact(set, 'minInstances', 0)}..${fact(set, 'maxInstances')}${f.minIdleInstances ? `, ${fact(set, 'minIdleInstances')} idle` : ''}`;
    const warmup = set.unknown.has('inboundServices')
      ? '?'
      : Array.isArray(f.inboundServices) && f.inboundServices.includes('INBOUND_SERVICE_WARMUP')
        ? 'on'
        : 'off';
    const concurrency =
      f.scalingType === 'automatic' ? `max concurrent requests ${fact(set, 'maxConcurrentRequests')}, ` : '';
    lines.push(
      `  App Engine ${fact(set, 'service')}/${fact(set, 'versionId')}: ${fact(set, 'scalingType')} scaling on ${fact(set, 'instanceClass')}, ${concurrency}instances ${instances}, warmup ${warmup}, ${floor(r)}; ${countsOf(findings, r.address)}`,
    );
  }
  return lines.join('\n');
}

/** A schedule as text: `'0 3 * * *' Europe/Paris` (`?` for what is only known at apply time). */
function scheduleText(set: FactSet<SchedulerFacts>): string {
  const zone = fact(set, 'timeZone', CLOUD_SCHEDULER_LIMITS.defaultTimeZone);
  return `${set.unknown.has('schedule') ? '?' : `'${set.facts.schedule ?? '-'}'`} ${zone}`;
}

/**
 * One line per worker pool (its scaling; CPU always allocated) and per job (its tasks, retries and timeout, and the
 * Cloud Scheduler jobs that run it), then one per scheduler job that runs no job of the stack.
 */
function backgroundWork(model: TerraformModel, findings: readonly Finding[], cost: ResolvedCostOptions): string[] {
  const lines: string[] = [];
  for (const r of model.byType.get('google_cloud_run_v2_worker_pool') ?? []) {
    const set = cloudRunFacts(r, model);
    const f = set.facts;
    const manual = fact(set, 'manualInstances', CLOUD_RUN_WORKER_POOL_DEFAULT_INSTANCES);
    const scaling =
      f.scalingMode === 'AUTOMATIC'
        ? `automatic ${fact(set, 'minInstances', '-')}..${fact(set, 'maxInstances')} instances on CPU`
        : `manual ${manual} instance${manual === '1' ? '' : 's'}`;
    lines.push(
      `  Cloud Run worker pool ${fact(set, 'name')}: scaling ${set.unknown.has('scalingMode') ? '?' : scaling}, billing instance-based (always on), ${floorText(resourceCost(r, model, cost))}; ${countsOf(findings, r.address)}`,
    );
  }
  const schedules = (model.byType.get('google_cloud_scheduler_job') ?? []).map((r) => ({
    r,
    set: schedulerFacts(r, model),
    matched: false,
  }));
  for (const r of model.byType.get('google_cloud_run_v2_job') ?? []) {
    const set = cloudRunFacts(r, model);
    const name = set.facts.name;
    const mine = schedules.filter((s) => {
      const run = runJobOf(s.set.facts.uri);
      return run !== undefined && run.job === name && (run.region === undefined || run.region === set.facts.region);
    });
    for (const s of mine) s.matched = true;
    const job = (key: 'taskCount' | 'parallelism' | 'maxRetries' | 'timeoutSeconds', fallback: number) =>
      set.unknown.has(`job.${key}`) ? undefined : (set.facts.job?.[key] ?? fallback);
    const count = (n: number | undefined, word: string, many?: string) =>
      n === undefined ? `? ${many}` : plural(n, word, many);
    const parallelism = job('parallelism', 0);
    const tasks = `${count(job('taskCount', CLOUD_RUN_JOB_LIMITS.defaultTaskCount), 'task', 'tasks')}${parallelism === 0 ? '' : ` (${parallelism ?? '?'} at once)`}`;
    const retries = count(job('maxRetries', CLOUD_RUN_JOB_LIMITS.defaultRetries), 'retry', 'retries');
    const timeout = job('timeoutSeconds', CLOUD_RUN_JOB_LIMITS.defaultTimeoutSeconds) ?? '?';
    const schedule =
      mine.length === 0 ? 'no schedule' : `schedule ${mine.map((s) => scheduleText(s.set)).join(' and ')}`;
    lines.push(
      `  Cloud Run job ${fact(set, 'name')}: ${tasks}, ${retries}, task timeout ${timeout} s, billing instance-based while tasks run${taskHour(resourceCost(r, model, cost))}, ${schedule}; ${countsOf(findings, r.address, ...mine.map((s) => s.r.address))}`,
    );
  }
  for (const s of schedules) {
    if (s.matched) continue;
    lines.push(
      `  Cloud Scheduler ${fact(s.set, 'name')}: schedule ${scheduleText(s.set)}; ${countsOf(findings, s.r.address)}`,
    );
  }
  return lines;
}
