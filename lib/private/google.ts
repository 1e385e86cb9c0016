/**
 * The only module in `lib/` that imports `@cdktf/provider-google`, always by deep path: the package root loads
 * about 1,470 modules (seconds, hundreds of MB) and that cost must never reach users of this library.
 *
 * Moving to `@cdktn/provider-google` means changing the paths below, nothing else.
 * @internal
 */
export { AppEngineApplication } from '@cdktf/provider-google/lib/app-engine-application';
export { AppEngineStandardAppVersion } from '@cdktf/provider-google/lib/app-engine-standard-app-version';
export type { AppEngineStandardAppVersionConfig } from '@cdktf/provider-google/lib/app-engine-standard-app-version';
export { CloudRunV2Service } from '@cdktf/provider-google/lib/cloud-run-v2-service';
export type {
  CloudRunV2ServiceConfig,
  CloudRunV2ServiceTemplateContainers,
  CloudRunV2ServiceTemplateContainersEnv,
  CloudRunV2ServiceTemplateContainersLivenessProbe,
  CloudRunV2ServiceTemplateContainersStartupProbe,
} from '@cdktf/provider-google/lib/cloud-run-v2-service';
export { CloudRunV2ServiceIamMember } from '@cdktf/provider-google/lib/cloud-run-v2-service-iam-member';
export type { CloudRunV2Job, CloudRunV2JobConfig } from '@cdktf/provider-google/lib/cloud-run-v2-job';
export type { CloudRunV2JobIamMember } from '@cdktf/provider-google/lib/cloud-run-v2-job-iam-member';
export type {
  CloudRunV2WorkerPool,
  CloudRunV2WorkerPoolConfig,
} from '@cdktf/provider-google/lib/cloud-run-v2-worker-pool';
export type { CloudSchedulerJob } from '@cdktf/provider-google/lib/cloud-scheduler-job';
export { SecretManagerSecretIamMember } from '@cdktf/provider-google/lib/secret-manager-secret-iam-member';
export { ServiceAccount } from '@cdktf/provider-google/lib/service-account';

/**
 * Provider classes of features most stacks do not use (the App Engine default account, volumes' and CMEK's IAM
 * grants, IAP, jobs, worker pools and their schedules), loaded on first use: each module costs load time for every
 * user of the library.
 */
type Module<T> = { [name: string]: T };
function loaded<T>(path: string, name: string): () => T {
  let cls: T | undefined;
  return () => (cls ??= (require(path) as Module<T>)[name]);
}

/** The data source of the App Engine default service account (only app.yaml imports need it). */
export const dataAppEngineDefaultServiceAccount = loaded<
  typeof import('@cdktf/provider-google/lib/data-google-app-engine-default-service-account').DataGoogleAppEngineDefaultServiceAccount
>(
  '@cdktf/provider-google/lib/data-google-app-engine-default-service-account',
  'DataGoogleAppEngineDefaultServiceAccount',
);
export const projectIamMember = loaded<typeof import('@cdktf/provider-google/lib/project-iam-member').ProjectIamMember>(
  '@cdktf/provider-google/lib/project-iam-member',
  'ProjectIamMember',
);
export const storageBucketIamMember = loaded<
  typeof import('@cdktf/provider-google/lib/storage-bucket-iam-member').StorageBucketIamMember
>('@cdktf/provider-google/lib/storage-bucket-iam-member', 'StorageBucketIamMember');
export const kmsCryptoKeyIamMember = loaded<
  typeof import('@cdktf/provider-google/lib/kms-crypto-key-iam-member').KmsCryptoKeyIamMember
>('@cdktf/provider-google/lib/kms-crypto-key-iam-member', 'KmsCryptoKeyIamMember');
export const dataGoogleProject = loaded<
  typeof import('@cdktf/provider-google/lib/data-google-project').DataGoogleProject
>('@cdktf/provider-google/lib/data-google-project', 'DataGoogleProject');
export const iapWebCloudRunServiceIamMember = loaded<
  typeof import('@cdktf/provider-google/lib/iap-web-cloud-run-service-iam-member').IapWebCloudRunServiceIamMember
>('@cdktf/provider-google/lib/iap-web-cloud-run-service-iam-member', 'IapWebCloudRunServiceIamMember');
export const cloudRunV2Job = loaded<typeof import('@cdktf/provider-google/lib/cloud-run-v2-job').CloudRunV2Job>(
  '@cdktf/provider-google/lib/cloud-run-v2-job',
  'CloudRunV2Job',
);
export const cloudRunV2JobIamMember = loaded<
  typeof import('@cdktf/provider-google/lib/cloud-run-v2-job-iam-member').CloudRunV2JobIamMember
>('@cdktf/provider-google/lib/cloud-run-v2-job-iam-member', 'CloudRunV2JobIamMember');
export const cloudRunV2WorkerPool = loaded<
  typeof import('@cdktf/provider-google/lib/cloud-run-v2-worker-pool').CloudRunV2WorkerPool
>('@cdktf/provider-google/lib/cloud-run-v2-worker-pool', 'CloudRunV2WorkerPool');
export const cloudSchedulerJob = loaded<
  typeof import('@cdktf/provider-google/lib/cloud-scheduler-job').CloudSchedulerJob
>('@cdktf/provider-google/lib/cloud-scheduler-job', 'CloudSchedulerJob');
