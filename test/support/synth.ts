import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { type App, TerraformStack, Testing } from 'cdktf';

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

/** The annotations of one type written on a construct and its children. */
function annotations(scope: Scope, type: string): string[] {
  return scope.node
    .findAll()
    .flatMap((c) => c.node.metadata)
    .filter((m) => m.type === type)
    .map((m) => String(m.data));
}

/** Warning annotations written on a construct and its children. */
export const warnings = (scope: Scope): string[] => annotations(scope, '@cdktf/warn');

/** Information annotations written on a construct and its children. */
export const infos = (scope: Scope): string[] => annotations(scope, '@cdktf/info');
