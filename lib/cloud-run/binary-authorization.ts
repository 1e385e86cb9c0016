import type { Problems } from '../core/problems';
import { object, string } from '../core/props';
import type { BinaryAuthorizationFacts } from '../platform/cloud-run/facts';
import { checkOptions } from './factory-options';

/** Options of the project's default Binary Authorization policy. */
export interface DefaultPolicyOptions {
  /**
   * Deploy images the policy would refuse, with this justification (breakglass; logged for audit).
   * @default - no breakglass
   */
  readonly breakglassJustification?: string;
}

const OPTIONS = object<DefaultPolicyOptions>({ breakglassJustification: string.optional() });

/** Which images a revision may run: those a Binary Authorization policy attests. */
export class BinaryAuthorization {
  /** The project's default Binary Authorization policy (`use_default = true`). */
  public static projectDefault(options: DefaultPolicyOptions = {}): BinaryAuthorization {
    return new BinaryAuthorization(undefined, options);
  }

  /**
   * A Cloud Run platform policy.
   * @param policy its name, `projects/<project>/platforms/cloudRun/<policy>`
   */
  public static policy(policy: string): BinaryAuthorization {
    return new BinaryAuthorization(policy, {});
  }

  /** The platform policy, when one is named; undefined for the project's default policy. */
  public readonly policyName?: string;
  /** The options given. */
  public readonly options: DefaultPolicyOptions;

  private constructor(policy: string | undefined, options: DefaultPolicyOptions) {
    this.policyName = policy;
    this.options = options ?? {};
  }

  /** Checks the arguments and options, reported under `prop`. @internal */
  public _checkOptions(prop: string, problems: Problems): boolean {
    const ok = checkOptions(OPTIONS, this.options, prop, problems);
    return this.policyName === undefined ? ok : checkOptions(string, this.policyName, `${prop}.policy`, problems) && ok;
  }

  /** The settings as the platform rules see them. @internal */
  public _facts(): BinaryAuthorizationFacts {
    return this.policyName === undefined
      ? { useDefault: true, breakglassJustification: this.options.breakglassJustification }
      : { policy: this.policyName };
  }
}
