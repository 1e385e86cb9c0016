/**
 * What the checker judges: one or more module instances (the root module, and the local modules the command line
 * follows), what became of each module call, and what a plan deletes.
 * @internal
 */
import type { JsonObject } from './json';
import { isPlanJson, readPlanJson } from './plan';
import { type ModuleCall, type ModuleContent, readTerraformJson } from './terraform-json';

/** A module's declarations at its place in the configuration (`''` for the root, `module.app` for a call). */
export interface ModuleInstance {
  readonly path: string;
  readonly content: ModuleContent;
}

/** A module call, and whether its resources were read. */
export interface ModuleCallOutcome {
  /** `module.app` (`module.app.module.db` when nested). */
  readonly address: string;
  /** Its source as written; undefined when not a literal. */
  readonly source?: string;
  readonly followed: boolean;
}

export interface Configuration {
  readonly modules: readonly ModuleInstance[];
  readonly moduleCalls: readonly ModuleCallOutcome[];
  /** Plan instances being deleted (not judged). */
  readonly deleted: readonly string[];
  /** The root module's `//` comment object (where cdktf writes stack metadata). */
  readonly comment?: JsonObject;
}

/** The address of a module call made in the module at `path`. */
export function callAddress(path: string, call: ModuleCall): string {
  return path ? `${path}.module.${call.name}` : `module.${call.name}`;
}

/** A configuration of one module whose calls are not followed. */
export function singleModule(content: ModuleContent): Configuration {
  return {
    modules: [{ path: '', content }],
    moduleCalls: content.moduleCalls.map((c) => ({ address: callAddress('', c), source: c.source, followed: false })),
    deleted: [],
    comment: content.comment,
  };
}

/** A JSON document read as a configuration: plan JSON (`terraform show -json`) or Terraform JSON in any shape. */
export function configurationOf(json: unknown, file?: string): Configuration {
  if (isPlanJson(json)) {
    const plan = readPlanJson(json as JsonObject);
    return { modules: [{ path: '', content: plan }], moduleCalls: [], deleted: plan.deleted };
  }
  return singleModule(readTerraformJson(json, file));
}
