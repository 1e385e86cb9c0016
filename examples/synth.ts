// `npm run synth`: synthesizes every example into cdktf.out/ with the policy checks applied, then prints per service
// what a person wants at a glance. The summary reads the synthesized JSON through the same fact extractors the policy
// checks use, so it describes what Terraform will deploy, not what the props said.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { App } from 'cdktf';
import { type Finding, FindingStatus, PolicyChecks } from 'cdktf-gcp-serverless';
import { appEngineVersionFacts } from '../lib/checks/facts/app-engine';
import { cloudRunFacts } from '../lib/checks/facts/cloud-run';
import { TerraformModel } from '../lib/checks/model';
import { isRequestBilled } from '../lib/platform/cloud-run/facts';
import { startupBudgetSeconds } from '../lib/platform/cloud-run/probes';
import { buildExamples } from './main';

const outdir = resolve(__dirname, '..', 'cdktf.out');
const app = new App({ outdir, stackTraces: false });
buildExamples(app);
PolicyChecks.applyTo(app);
app.synth();

const manifest = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8'));
const show = (v: unknown) => (v === undefined ? '-' : typeof v === 'symbol' ? '?' : String(v));
let totalErrors = 0;

for (const [stackId, stack] of Object.entries<{ synthesizedStackPath: string }>(manifest.stacks)) {
  const json = JSON.parse(readFileSync(join(outdir, stack.synthesizedStackPath), 'utf8'));
  // The findings as the checks reported them for this stack, suppressions applied.
  const report = JSON.parse(readFileSync(join(outdir, 'checks', `${stackId}.json`), 'utf8'));
  const findings = (report.findings as Finding[]).filter((f) => f.status === FindingStatus.FAIL && !f.suppressed);
  const suppressed = (report.findings as Finding[]).filter((f) => f.suppressed).length;
  const count = (address: string) => {
    const mine = findings.filter((f) => f.address === address);
    const n = (level: string) => mine.filter((f) => f.level === level).length;
    return `${n('error')} errors, ${n('warning')} warnings, ${n('info')} info${mine.length ? ` (${[...new Set(mine.map((f) => f.ruleId))].join(', ')})` : ''}`;
  };
  totalErrors += findings.filter((f) => f.level === 'error').length;
  console.log(
    `\n${stackId}  →  ${join('cdktf.out', stack.synthesizedStackPath)}${suppressed ? `  (${suppressed} suppressed)` : ''}`,
  );
  const model = new TerraformModel(json);
  for (const r of model.byType.get('google_cloud_run_v2_service') ?? []) {
    const { facts: f } = cloudRunFacts(r);
    const billing = isRequestBilled(f) ? 'request-based' : 'instance-based';
    const probe = f.startupProbe
      ? `${f.startupProbe.kind.toUpperCase()} ${startupBudgetSeconds(f.startupProbe)} s`
      : 'default TCP 240 s';
    console.log(
      `  Cloud Run ${show(f.name)}: billing ${billing}, concurrency ${show(f.concurrency)}, instances ${show(f.minInstances ?? 0)}..${show(f.maxInstances)}, startup probe ${probe}; ${count(r.address)}`,
    );
  }
  for (const r of model.byType.get('google_app_engine_standard_app_version') ?? []) {
    const { facts: f } = appEngineVersionFacts(r);
    const scaling = f.scalingType;
    const instances =
      f.scalingType === 'manual'
        ? `${show(f.manualInstances)} resident`
        : f.scalingType === 'basic'
          ? `0..${show(f.basicMaxInstances)}, idle after ${show(f.idleTimeout ?? 900)} s`
          : `${show(f.minInstances ?? 0)}..${show(f.maxInstances)}${f.minIdleInstances ? `, ${f.minIdleInstances} idle` : ''}`;
    const warmup = (f.inboundServices ?? []).includes('INBOUND_SERVICE_WARMUP');
    console.log(
      `  App Engine ${show(f.service)}/${show(f.versionId)}: ${scaling} scaling on ${show(f.instanceClass)}, ${f.scalingType === 'automatic' ? `max concurrent requests ${show(f.maxConcurrentRequests)}, ` : ''}instances ${instances}, warmup ${warmup ? 'on' : 'off'}; ${count(r.address)}`,
    );
  }
}

console.log(
  `\nreports: ${join('cdktf.out', 'checks')}/<stack>.{json,sarif}; ${totalErrors === 0 ? 'no error-level finding' : `${totalErrors} error-level findings`}`,
);
