// Public API of cdktf-gcp-serverless. Only constructs, props interfaces, enums and factory classes are exported;
// no cdktf class appears in a public signature, so the library stays usable from CDK Terrain (cdktn).

import { PolicyChecks } from './checks/policy-checks';

// Shared
export { CheckLevel } from './core/levels';
export { Suppressions } from './core/suppressions';
export type { ScopedSuppression, Suppression } from './core/suppressions';
export { Errors } from './core/validation';
export type { ValidationProblem } from './core/validation';
export { Gunicorn, ServerModel } from './python/gunicorn';
export type { GunicornAsgiOptions, GunicornWsgiOptions } from './python/gunicorn';
export { Celery, CeleryPool } from './python/celery';
export type { CeleryWorkerOptions } from './python/celery';
export { Django } from './python/django';
export type { DjangoManageOptions } from './python/django';

// Cloud Run
export { CloudRunService } from './cloud-run/cloud-run-service';
export type { CloudRunServiceFromAppYamlOptions, CloudRunServiceProps } from './cloud-run/cloud-run-service';
export { Probe, ProbeType } from './cloud-run/probe';
export type {
  AnyProbeOptions,
  GrpcProbeOptions,
  HttpProbeOptions,
  ProbeOptions,
  TcpProbeOptions,
} from './cloud-run/probe';
export type { SecretEnv } from './cloud-run/secret-env';
export { Billing, ExecutionEnvironment, Ingress, VpcEgress } from './cloud-run/enums';
export { VpcAccess } from './cloud-run/vpc-access';
export type { DirectVpcOptions } from './cloud-run/vpc-access';
export { Volume, VolumeType } from './cloud-run/volume';
export type {
  AnyVolumeOptions,
  BucketVolumeOptions,
  InMemoryVolumeOptions,
  NfsVolumeOptions,
  SecretVolumeItem,
  SecretVolumeOptions,
  VolumeMountOptions,
} from './cloud-run/volume';
export type { Sidecar } from './cloud-run/sidecar';
export { Traffic } from './cloud-run/traffic';
export type { TrafficOptions } from './cloud-run/traffic';
export { ManualScaling } from './cloud-run/manual-scaling';
export { Gpu } from './cloud-run/gpu';
export type { GpuOptions } from './cloud-run/gpu';
export { BinaryAuthorization } from './cloud-run/binary-authorization';
export type { DefaultPolicyOptions } from './cloud-run/binary-authorization';
export type { CloudRunContainerProps } from './cloud-run/container-props';
export { CloudRunWorkerPool } from './cloud-run/cloud-run-worker-pool';
export type { CloudRunWorkerPoolProps } from './cloud-run/cloud-run-worker-pool';
export { WorkerPoolScaling, WorkerPoolScalingMode } from './cloud-run/worker-pool-scaling';
export type { AutomaticWorkerPoolScalingOptions } from './cloud-run/worker-pool-scaling';
export { CloudRunJob } from './cloud-run/cloud-run-job';
export type { CloudRunJobProps } from './cloud-run/cloud-run-job';
export { JobSchedule } from './cloud-run/job-schedule';
export type { JobScheduleOptions } from './cloud-run/job-schedule';

// App Engine
export { AppEngineApplication, DatabaseType, ServingStatus } from './app-engine/app-engine-application';
export type { AppEngineApplicationProps, IapOptions } from './app-engine/app-engine-application';
export { AppEngineStandardService, InboundService, VpcConnectorEgress } from './app-engine/app-engine-standard-service';
export type {
  AppEngineStandardServiceProps,
  AppYamlServiceOptions,
  VpcAccessConnectorOptions,
} from './app-engine/app-engine-standard-service';
export { Deployment } from './app-engine/deployment';
export type { DeploymentFile } from './app-engine/deployment';
export { AuthFailAction, Handler, Login, SecurityLevel } from './app-engine/handler';
export type { HandlerOptions, StaticFilesOptions } from './app-engine/handler';
export { InstanceClass } from './app-engine/instance-class';
export { Scaling, ScalingType } from './app-engine/scaling';
export type { AutomaticScalingOptions, BasicScalingOptions, ManualScalingOptions } from './app-engine/scaling';

// Policy checks
export { PolicyChecks } from './checks/policy-checks';
export type { PolicyCheckOptions } from './checks/policy-checks';
export { FailOn, FindingStatus, Packs } from './checks/types';
export type { AppliedSuppression, CheckOptions, Finding, RuleInfo, SarifRun } from './checks/types';
export { ResourceKind } from './platform/kinds';
export { Pack } from './platform/rule';
export type { CostOptions } from './platform/cost/model';
export type { PricingOptions } from './platform/pricing';

// Functions of 0.1.0, kept for TypeScript and JavaScript callers; jsii (and so Python) sees only the static methods.
/** The findings of the checks on a Terraform JSON configuration. @deprecated Use `PolicyChecks.checkTerraform`. */
export const checkTerraform = PolicyChecks.checkTerraform;
/** The findings of the checks on one stack. @deprecated Use `PolicyChecks.checkStack`. */
export const checkStack = PolicyChecks.checkStack;
/** Every rule, described. @deprecated Use `PolicyChecks.ruleInfos`. */
export const ruleInfos = PolicyChecks.ruleInfos;
/** A SARIF 2.1.0 log of findings. @deprecated Use `PolicyChecks.sarifReport`. */
export const sarifReport = PolicyChecks.sarifReport;
