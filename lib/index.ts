// Public API of cdktf-gcp-serverless. Only constructs, props interfaces, enums and factory classes are exported;
// no cdktf class appears in a public signature, so the library stays usable from CDK Terrain (cdktn).

// Shared
export { CheckLevel } from './core/levels';
export { Suppressions } from './core/suppressions';
export type { ScopedSuppression, Suppression } from './core/suppressions';
export { ValidationError } from './core/validation';
export type { ValidationProblem } from './core/validation';
export { Gunicorn, ServerModel } from './python/gunicorn';
export type { GunicornAsgiOptions, GunicornWsgiOptions } from './python/gunicorn';

// Cloud Run
export { CloudRunService } from './cloud-run/cloud-run-service';
export type { CloudRunServiceProps } from './cloud-run/cloud-run-service';
export { Probe, ProbeType } from './cloud-run/probe';
export type { GrpcProbeOptions, HttpProbeOptions, ProbeOptions, TcpProbeOptions } from './cloud-run/probe';
export type { SecretEnv } from './cloud-run/secret-env';
export { Billing, ExecutionEnvironment, Ingress, VpcEgress } from './cloud-run/enums';
export { VpcAccess } from './cloud-run/vpc-access';
export type { DirectVpcOptions } from './cloud-run/vpc-access';

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
export { CheckInputError, checkTerraform } from './checks/engine';
export { checkStack, PolicyChecks } from './checks/policy-checks';
export type { PolicyCheckOptions } from './checks/policy-checks';
export { ruleInfos } from './checks/registry';
export { sarifReport } from './checks/report';
export { FailOn, FindingStatus, Packs } from './checks/types';
export type { AppliedSuppression, CheckOptions, Finding, RuleInfo } from './checks/types';
export { ResourceKind } from './platform/kinds';
export { Pack } from './platform/rule';
