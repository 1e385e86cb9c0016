/**
 * What a rule applies to: the kinds of resource the policy checks know, each with the Terraform types that carry it,
 * and `CONSTRUCT` for rules about a construct's intent, which no Terraform resource records.
 */

/** A kind of resource a rule applies to. */
export enum ResourceKind {
  /** A Cloud Run service (`google_cloud_run_v2_service`). */
  CLOUD_RUN_SERVICE = 'cloud-run-service',
  /** A Cloud Run service of the v1 API (`google_cloud_run_service`). */
  CLOUD_RUN_SERVICE_V1 = 'cloud-run-service-v1',
  /** A Cloud Run job (`google_cloud_run_v2_job`). */
  CLOUD_RUN_JOB = 'cloud-run-job',
  /** A Cloud Run worker pool (`google_cloud_run_v2_worker_pool`). */
  CLOUD_RUN_WORKER_POOL = 'cloud-run-worker-pool',
  /** An IAM member, binding or policy on a Cloud Run service, job or worker pool. */
  CLOUD_RUN_IAM = 'cloud-run-iam',
  /** A Cloud Scheduler job (`google_cloud_scheduler_job`), such as one that runs a Cloud Run job on a schedule. */
  CLOUD_SCHEDULER_JOB = 'cloud-scheduler-job',
  /** An App Engine standard version (`google_app_engine_standard_app_version`). */
  APP_ENGINE_STANDARD_VERSION = 'app-engine-standard-version',
  /** An App Engine flexible version (`google_app_engine_flexible_app_version`). */
  APP_ENGINE_FLEXIBLE_VERSION = 'app-engine-flexible-version',
  /** The App Engine application of a project (`google_app_engine_application`). */
  APP_ENGINE_APPLICATION = 'app-engine-application',
  /** An App Engine firewall rule (`google_app_engine_firewall_rule`). */
  APP_ENGINE_FIREWALL_RULE = 'app-engine-firewall-rule',
  /** A construct's intent (props no Terraform attribute records); judged by the constructs only. */
  CONSTRUCT = 'construct',
}

const iam = (prefix: string) => ['member', 'binding', 'policy'].map((kind) => `${prefix}_iam_${kind}`);

/**
 * The Terraform types of each kind.
 * @internal
 */
export const TERRAFORM_TYPES: Readonly<Record<ResourceKind, readonly string[]>> = {
  [ResourceKind.CLOUD_RUN_SERVICE]: ['google_cloud_run_v2_service'],
  [ResourceKind.CLOUD_RUN_SERVICE_V1]: ['google_cloud_run_service'],
  [ResourceKind.CLOUD_RUN_JOB]: ['google_cloud_run_v2_job'],
  [ResourceKind.CLOUD_RUN_WORKER_POOL]: ['google_cloud_run_v2_worker_pool'],
  [ResourceKind.CLOUD_RUN_IAM]: [
    ...iam('google_cloud_run_v2_service'),
    ...iam('google_cloud_run_v2_job'),
    ...iam('google_cloud_run_v2_worker_pool'),
    ...iam('google_cloud_run_service'),
  ],
  [ResourceKind.CLOUD_SCHEDULER_JOB]: ['google_cloud_scheduler_job'],
  [ResourceKind.APP_ENGINE_STANDARD_VERSION]: ['google_app_engine_standard_app_version'],
  [ResourceKind.APP_ENGINE_FLEXIBLE_VERSION]: ['google_app_engine_flexible_app_version'],
  [ResourceKind.APP_ENGINE_APPLICATION]: ['google_app_engine_application'],
  [ResourceKind.APP_ENGINE_FIREWALL_RULE]: ['google_app_engine_firewall_rule'],
  [ResourceKind.CONSTRUCT]: [],
};

/**
 * True for a rule about construct intent, which no Terraform attribute records: the policy checks never run it.
 * @internal
 */
export function isConstructOnly(rule: { readonly appliesTo: readonly ResourceKind[] }): boolean {
  return rule.appliesTo.includes(ResourceKind.CONSTRUCT);
}

/**
 * True when the construct of `kind` judges `rule`: the rule applies to that kind, or is about construct intent and
 * names no kind (every construct judges it). A construct-intent rule that names kinds beside `CONSTRUCT` is judged by
 * the constructs of those kinds only.
 * @internal
 */
export function judgedByConstructOf(
  rule: { readonly appliesTo: readonly ResourceKind[] },
  kind: ResourceKind,
): boolean {
  return rule.appliesTo.includes(kind) || (isConstructOnly(rule) && rule.appliesTo.length === 1);
}
