/**
 * Public types of the policy checks. Enums and interfaces only (jsii-compatible: no generics, no string-literal
 * unions in public signatures).
 */
import type { CheckLevel } from '../core/levels';
import type { ScopedSuppression } from '../core/suppressions';
import type { CostOptions } from '../platform/cost/model';
import type { ResourceKind } from '../platform/kinds';
import { Pack } from '../platform/rule';

/** The packs, for `packs:` options. */
export class Packs {
  /** Platform correctness: the limits the constructs enforce. */
  public static readonly PLATFORM: Pack = Pack.PLATFORM;
  /** Security: public access, service accounts, secrets, image pinning, HTTPS, firewall. */
  public static readonly SECURITY: Pack = Pack.SECURITY;
  /** Cost and operations: scaling bounds, idle instances, deletion protection, gen1. */
  public static readonly COST: Pack = Pack.COST;
  /** Every pack (the default). */
  public static readonly ALL: Pack[] = [Pack.PLATFORM, Pack.SECURITY, Pack.COST];
}

/** Whether a rule failed or could not be evaluated. */
export enum FindingStatus {
  /** The rule is broken. */
  FAIL = 'fail',
  /** A value the rule reads is not known at synth time (`${var.x}`, a reference, a function); not a pass. */
  UNKNOWN = 'unknown',
}

/** The lowest level that fails a check run. */
export enum FailOn {
  /** Only errors fail (the default). */
  ERROR = 'error',
  /** Errors and warnings fail. */
  WARNING = 'warning',
  /** Nothing fails: findings are only reported. */
  NONE = 'none',
}

/** A suppression that was applied to a finding. */
export interface AppliedSuppression {
  /** Why the finding is accepted. */
  readonly reason: string;
  /** ISO date (YYYY-MM-DD) after which the suppression stops applying. */
  readonly expires?: string;
}

/** One result of the policy checks. */
export interface Finding {
  /** Stable rule id, e.g. `GCR-CPU-VALUE`. */
  readonly ruleId: string;
  /** Effective level (after overrides). Unknown results are `info`. */
  readonly level: CheckLevel;
  /** Failed, or could not be evaluated. */
  readonly status: FindingStatus;
  /** The pack the rule belongs to. */
  readonly pack: Pack;
  /** Terraform address, e.g. `google_cloud_run_v2_service.api`. */
  readonly address: string;
  /** Construct path, when the JSON came from cdktf. */
  readonly constructPath?: string;
  /** The file that declares the resource, when the input was read from files (a module folder's `.tf` file). */
  readonly file?: string;
  /** The Terraform attribute the finding is about, e.g. `template.containers[0].resources.limits.cpu`. */
  readonly attribute?: string;
  /** The full message: rule id, address, construct path, what is wrong and the fix. */
  readonly message: string;
  /** What is wrong, on its own. */
  readonly problem: string;
  /** What to do about it. */
  readonly fix: string;
  /** Set when a suppression accepts this finding (it then fails nothing). */
  readonly suppressed?: AppliedSuppression;
}

/** Options of a check run. */
export interface CheckOptions {
  /**
   * Packs to run.
   * @default Packs.ALL
   */
  readonly packs?: Pack[];
  /**
   * Per-rule level overrides, by rule id.
   * @default each rule's own level
   */
  readonly levels?: { [ruleId: string]: CheckLevel };
  /**
   * Rule ids not to run.
   * @default none
   */
  readonly disabledRules?: string[];
  /**
   * Suppressions to apply.
   * @default none
   */
  readonly suppressions?: ScopedSuppression[];
  /**
   * Extra rule ids that cannot be suppressed (added to the built-in set of platform errors).
   * @default only the built-in set
   */
  readonly neverSuppress?: string[];
  /**
   * Report rules that could not be evaluated.
   * @default true
   */
  readonly reportUnknown?: boolean;
  /**
   * "Today", for suppression expiry and the rules about dates (the App Engine runtime support schedule).
   * @default the current date
   */
  readonly now?: Date;
  /**
   * The prices and assumptions of the money in cost messages and cost reports.
   * @default list prices in USD, free tiers subtracted, requests of 200 ms one at a time
   */
  readonly cost?: CostOptions;
}

/** Metadata of one rule, for documentation and SARIF. */
export interface RuleInfo {
  /** Stable rule id, e.g. `GCR-CPU-VALUE`. */
  readonly id: string;
  /** Default level. */
  readonly level: CheckLevel;
  /** The pack the rule belongs to. */
  readonly pack: Pack;
  /** One line: what the rule checks. */
  readonly title: string;
  /** Why it matters. */
  readonly explanation: string;
  /** The public source of the fact: a Google page or a project file. */
  readonly source: string;
  /** The resource kinds the rule judges (`construct`: construct intent, judged by the constructs only). */
  readonly appliesTo: ResourceKind[];
  /** Terraform resource types the rule judges. */
  readonly resourceTypes: string[];
  /** False for rules no suppression can silence (what the platform rejects). */
  readonly suppressible: boolean;
}

/** The findings of one stack or file, for `PolicyChecks.sarifReport`. */
export interface SarifRun {
  /** The findings, suppressed and unknown ones included. */
  readonly findings: Finding[];
  /**
   * The synthesized file the findings are about, relative to the repository root (e.g.
   * `cdktf.out/stacks/prod/cdk.tf.json`), written as each result's physical location.
   * @default - results carry only logical locations (construct path and Terraform address)
   */
  readonly artifactUri?: string;
  /**
   * The stack name, prefixed to each Terraform address in the logical locations.
   * @default - addresses are not prefixed
   */
  readonly stack?: string;
}
