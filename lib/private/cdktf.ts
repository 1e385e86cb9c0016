/**
 * The only module in `lib/` that imports the CDK for Terraform framework.
 *
 * Moving to CDK Terrain (`cdktn`) means changing the import below (and package.json), nothing else.
 * Public signatures never use these classes: scopes are typed as `constructs.Construct`.
 * @internal
 */
import {
  AnnotationMetadataEntryType,
  App,
  Aspects,
  dependable,
  Fn,
  Op,
  TerraformElement,
  TerraformProvider,
  TerraformResource,
  TerraformStack,
  Token,
} from 'cdktf';
import type { Construct, IConstruct } from 'constructs';

export type { ITerraformDependable } from 'cdktf';
import type { ITerraformDependable } from 'cdktf';

/**
 * cdktf's `Annotations`, writing each message without a stack trace. cdktf's own class captures one (some 14 frames
 * of library internals) unless the app sets `@cdktf/disable_stack_trace_in_metadata`, and `cdktf synth` prints it
 * under every error; our messages already name the construct path, the value and the rule. The metadata types are
 * cdktf's, so the synthesizer, `manifest.json` and the CLI treat these exactly as cdktf's annotations.
 */
export class Annotations {
  public static of(scope: IConstruct): Annotations {
    return new Annotations(scope);
  }

  private constructor(private readonly scope: IConstruct) {}

  public addInfo(message: string): void {
    this.scope.node.addMetadata(AnnotationMetadataEntryType.INFO, message);
  }

  public addWarning(message: string): void {
    this.scope.node.addMetadata(AnnotationMetadataEntryType.WARN, message);
  }

  public addError(message: string): void {
    this.scope.node.addMetadata(AnnotationMetadataEntryType.ERROR, message);
  }
}

/**
 * True when synth goes on past error annotations, as under `cdktf synth`, which sets the variable (any value, as cdktf
 * reads it), prints every annotation and then fails; false under a plain `app.synth()`, which throws at the first stack
 * with an error annotation.
 */
export function continuesOnErrorAnnotations(): boolean {
  return process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS !== undefined;
}

/** True when `value` is (or contains) an unresolved cdktf token, which synth-time checks must skip. */
export function isUnresolved(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  // A string token is `${TfToken[…]}` (a list token `#{TfToken[…]}`): a string without `{` holds none, and the common
  // case skips cdktf's scan.
  if (typeof value === 'string') return value.includes('{') && Token.isUnresolved(value);
  if (typeof value === 'number') return Token.isUnresolved(value);
  if (Array.isArray(value)) return Token.isUnresolved(value) || value.some(isUnresolved);
  if (typeof value === 'object') return Token.isUnresolved(value);
  return false;
}

/** `value` when it is known at synth time; undefined when it is (or contains) a token, which the rules skip. */
export function knownValue<T>(value: T): T | undefined {
  return isUnresolved(value) ? undefined : value;
}

/** The stack that contains `scope`, as a plain construct (for callers that only need its tree). */
export function stackOf(scope: IConstruct): TerraformStack {
  return TerraformStack.of(scope);
}

/** True when `x` is a Terraform stack. */
export function isStack(x: unknown): x is TerraformStack {
  return TerraformStack.isStack(x);
}

/** The output directory of the app that contains `scope`, or undefined outside an App (policy check reports). */
export function appOutdir(scope: IConstruct): string | undefined {
  try {
    return App.of(scope).outdir;
  } catch {
    return undefined;
  }
}

/** The synthesized Terraform JSON of a stack, overrides included (what lands in cdk.tf.json). */
export function stackTerraform(stack: IConstruct): Record<string, unknown> {
  return (stack as TerraformStack).toTerraform();
}

/**
 * Adds to `stack` (once per `id`) an element whose Terraform JSON fragment, `produce()` at synth, is merged into the
 * stack's JSON like any resource's: how records reach a resource's `"//"` object without an override per record.
 */
export function addStackFragment(stack: IConstruct, id: string, produce: () => Record<string, unknown>): void {
  if (stack.node.tryFindChild(id) !== undefined) return;
  new (class extends TerraformElement {
    public override toTerraform(): Record<string, unknown> {
      return produce();
    }
  })(stack as Construct, id);
}

/** The Terraform address (`type.name`) of a resource construct; undefined for any other construct. */
export function resourceAddress(c: IConstruct): string | undefined {
  return TerraformResource.isTerraformResource(c) ? `${c.terraformResourceType}.${c.friendlyUniqueId}` : undefined;
}

/**
 * `value == equals` as a Terraform boolean, for a value only known at apply time (an enum prop given as a token, such
 * as billing, whose rendering is a boolean).
 */
export function isEqualAtApply(value: string, equals: string): boolean {
  return Token.asAny(Fn.conditional(Op.eq(value, equals), true, false)) as unknown as boolean;
}

/** A stack in an app of its own that is never synthesized: for building constructs only to read what they find. */
export function scratchStack(id: string): Construct {
  return new TerraformStack(new App({ stackTraces: false }), id);
}

/**
 * Adds `target` to what `resource` waits for (its `depends_on`), written as cdktf writes a `dependsOn` given when the
 * resource was created.
 */
export function addDependency(resource: TerraformElementWithDependencies, target: ITerraformDependable): void {
  resource.dependsOn = [...(resource.dependsOn ?? []), dependable(target)];
}

/** A resource or data source: what can wait for others. */
export interface TerraformElementWithDependencies {
  dependsOn?: string[];
}

/**
 * Runs `fn` each time the stack of `scope` is synthesized, before the aspects of the constructs below `scope` (an
 * aspect on `scope`, which cdktf visits first).
 */
export function eachSynth(scope: IConstruct, fn: () => void): void {
  Aspects.of(scope).add({
    visit: (node) => {
      if (node === scope) fn();
    },
  });
}

/**
 * Runs `fn` when the stack of `scope` is first synthesized, when every construct of the app exists (an aspect on
 * `scope`): for links to constructs that may be created after this one.
 */
export function atSynth(scope: IConstruct, fn: () => void): void {
  let done = false;
  eachSynth(scope, () => {
    if (done) return;
    done = true;
    fn();
  });
}

/**
 * The project of the stack's default `google` provider (the one without an alias), when it is a literal: what a
 * resource with no `project` of its own is created in. Undefined when the stack has no such provider, several, or a
 * project known only at apply.
 */
export function defaultGoogleProject(scope: IConstruct): string | undefined {
  const defaults = stackOf(scope)
    .node.children.filter(
      (c): c is TerraformProvider & { project?: string; alias?: string } =>
        c instanceof TerraformProvider && c.terraformResourceType === 'google',
    )
    .filter((p) => p.alias === undefined);
  const project = defaults.length === 1 ? defaults[0].project : undefined;
  return knownValue(project);
}
