import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { type App, TerraformStack, Testing } from 'cdktf';
import { CheckLevel } from '../../lib/core/levels';
import { FINDING_METADATA, type FindingEntry, findingText } from '../../lib/core/suppressions';

/** A stack with a google provider, as every test needs one for validations to pass. */
export function newStack(id = 'test'): TerraformStack {
  const app = Testing.app();
  const stack = new TerraformStack(app, id);
  new GoogleProvider(stack, 'google', { project: 'my-project' });
  return stack;
}

/** A stack inside an App that really synthesizes (for tests of app.synth() behaviour). */
export function newAppStack(id = 'test'): { app: App; stack: TerraformStack } {
  const app = Testing.app();
  const stack = new TerraformStack(app, id);
  new GoogleProvider(stack, 'google', { project: 'my-project' });
  return { app, stack };
}

/** Synthesizes a stack (running validations) and returns the Terraform JSON as an object. */
export function synth(stack: TerraformStack): any {
  return JSON.parse(Testing.synth(stack, true));
}

/** All resources of one Terraform type, by name. */
export function resources(json: any, type: string): Record<string, any> {
  return json.resource?.[type] ?? {};
}

/** The single resource of a type; fails when there is not exactly one. */
export function only(json: any, type: string): any {
  const all = Object.values(resources(json, type));
  if (all.length !== 1) throw new Error(`expected exactly one ${type}, found ${all.length}`);
  return all[0];
}

/** A construct and its children, as the annotation readers walk them. */
type Scope = { node: { findAll(): Array<{ node: { metadata: Array<{ type: string; data: unknown }> } }> } };

/**
 * The notes of one level on a construct and its children: those it recorded as findings (reported at synth, by the
 * construct or the policy checks) and those it wrote as annotations of `type`, each once.
 */
function notes(scope: Scope, level: CheckLevel, type: string): string[] {
  const metadata = scope.node.findAll().flatMap((c) => c.node.metadata);
  const recorded = metadata
    .filter((m) => m.type === FINDING_METADATA && (m.data as FindingEntry).level === level)
    .map((m) => findingText(m.data as FindingEntry));
  const annotated = metadata.filter((m) => m.type === type).map((m) => String(m.data));
  return [...recorded, ...annotated.filter((a) => !recorded.includes(a))];
}

/** The warnings of a construct and its children. */
export const warnings = (scope: Scope): string[] => notes(scope, CheckLevel.WARNING, '@cdktf/warn');

/** The infos of a construct and its children. */
export const infos = (scope: Scope): string[] => notes(scope, CheckLevel.INFO, '@cdktf/info');

/** The address of every IAM binding the construct made for its runtime account, sorted. */
export function grantAddresses(json: any): string[] {
  const types = [
    'google_secret_manager_secret_iam_member',
    'google_project_iam_member',
    'google_storage_bucket_iam_member',
    'google_kms_crypto_key_iam_member',
  ];
  return types.flatMap((type) => Object.keys(resources(json, type)).map((id) => `${type}.${id}`)).sort();
}
