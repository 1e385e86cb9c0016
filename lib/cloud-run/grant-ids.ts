/**
 * Construct ids of the IAM bindings the Cloud Run constructs make, derived from what each binding grants rather than
 * from its position, so adding or removing one grant leaves the Terraform address of every other unchanged.
 * @internal
 */
import { createHash } from 'node:crypto';
import type { Construct } from 'constructs';
import { isUnresolved } from '../private/cdktf';

/** The longest readable part of an id; a longer value is cut and given its hash. */
const MAX_READABLE = 100;

/**
 * `value` as a readable construct id part, one-to-one: kept as is when it is made of letters, digits, `_` and `-`
 * only (a secret id, a project id, most bucket names), which cdktf keeps in the Terraform address; otherwise each run
 * of other characters (`/`, which construct ids may not contain, `:`, `@`, `.`) becomes `-` and a hash of the whole
 * value is added, so two values the mapping would merge (`projects/p/secrets/x` and `projects-p-secrets-x`) stay
 * apart: `projects-p-secrets-x-0dc3542a`.
 */
export function grantIdPart(value: string): string {
  if (/^[A-Za-z0-9_-]+$/.test(value) && value.length <= MAX_READABLE) return value;
  const readable = value
    .replace(/[^A-Za-z0-9_-]+/g, '-')
    .slice(0, MAX_READABLE)
    .replace(/^-+|-+$/g, '');
  const hash = createHash('sha256').update(value).digest('hex').slice(0, 8);
  return readable === '' ? hash : `${readable}-${hash}`;
}

/**
 * The ids of one kind of binding in `scope` (`SecretAccess`, `Invoker`, …): `<prefix>-<value>[-<qualifier>]`, one
 * per value and qualifier (a value granted again gets no id: the binding exists). A value that is a token cannot be
 * read at synth, so it is named by its position among the token values of this kind, `<prefix>Ref<n>` (no hyphen:
 * never the id of a readable value); its address changes when a token value before it is removed. An id already taken
 * in the scope (a value written as another's mapped form with its hash) gets `-2`, `-3`, … in the order of the calls.
 */
export class GrantIds {
  private readonly granted = new Set<string>();
  private references = 0;

  constructor(
    private readonly scope: Construct,
    private readonly prefix: string,
  ) {}

  /** The id of the binding granting `value` (with `qualifier`, such as a role), or undefined when already granted. */
  public next(value: string, qualifier?: string): string | undefined {
    const key = qualifier === undefined ? value : `${value}\u0000${qualifier}`;
    if (this.granted.has(key)) return undefined;
    this.granted.add(key);
    const base = isUnresolved(value) ? `${this.prefix}Ref${++this.references}` : `${this.prefix}-${grantIdPart(value)}`;
    const id = qualifier === undefined ? base : `${base}-${qualifier}`;
    let unique = id;
    for (let n = 2; this.scope.node.tryFindChild(unique) !== undefined; n++) unique = `${id}-${n}`;
    return unique;
  }
}
