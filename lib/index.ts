// Public API of cdktf-gcp-serverless. Only constructs, props interfaces, enums and factory classes are exported;
// no cdktf class appears in a public signature, so the library stays usable from CDK Terrain (cdktn).

export type { CloudRunServiceProps } from './cloud-run/cloud-run-service';
// Cloud Run
export { CloudRunService } from './cloud-run/cloud-run-service';
export type { GrpcProbeOptions, HttpProbeOptions, ProbeOptions, TcpProbeOptions } from './cloud-run/probe';
export { Probe, ProbeType } from './cloud-run/probe';
export type { SecretEnv } from './cloud-run/secret-env';
export { Billing, ExecutionEnvironment, Ingress, VpcEgress } from './cloud-run/settings';
export type { DirectVpcOptions } from './cloud-run/vpc-access';
export { VpcAccess } from './cloud-run/vpc-access';
export type { ValidationProblem } from './core/validation';
// Shared
export { ValidationError } from './core/validation';
export type { GunicornAsgiOptions, GunicornWsgiOptions } from './python/gunicorn';
export { Gunicorn, ServerModel } from './python/gunicorn';

// App Engine

// Policy checks
