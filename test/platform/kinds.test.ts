/** The Terraform resource types behind each resource kind a rule applies to. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ResourceKind, TERRAFORM_TYPES } from '../../lib/platform/kinds';

describe('resource kinds', () => {
  test('each kind has its Terraform types; IAM members, bindings and policies of every Cloud Run resource', () => {
    assert.deepEqual(TERRAFORM_TYPES[ResourceKind.CLOUD_RUN_SERVICE], ['google_cloud_run_v2_service']);
    assert.deepEqual(TERRAFORM_TYPES[ResourceKind.CLOUD_RUN_SERVICE_V1], ['google_cloud_run_service']);
    assert.deepEqual(TERRAFORM_TYPES[ResourceKind.CLOUD_RUN_JOB], ['google_cloud_run_v2_job']);
    assert.deepEqual(TERRAFORM_TYPES[ResourceKind.CLOUD_RUN_WORKER_POOL], ['google_cloud_run_v2_worker_pool']);
    assert.deepEqual(TERRAFORM_TYPES[ResourceKind.CLOUD_RUN_IAM], [
      'google_cloud_run_v2_service_iam_member',
      'google_cloud_run_v2_service_iam_binding',
      'google_cloud_run_v2_service_iam_policy',
      'google_cloud_run_v2_job_iam_member',
      'google_cloud_run_v2_job_iam_binding',
      'google_cloud_run_v2_job_iam_policy',
      'google_cloud_run_v2_worker_pool_iam_member',
      'google_cloud_run_v2_worker_pool_iam_binding',
      'google_cloud_run_v2_worker_pool_iam_policy',
      'google_cloud_run_service_iam_member',
      'google_cloud_run_service_iam_binding',
      'google_cloud_run_service_iam_policy',
    ]);
    assert.deepEqual(TERRAFORM_TYPES[ResourceKind.CLOUD_SCHEDULER_JOB], ['google_cloud_scheduler_job']);
    assert.deepEqual(TERRAFORM_TYPES[ResourceKind.APP_ENGINE_STANDARD_VERSION], [
      'google_app_engine_standard_app_version',
    ]);
    assert.deepEqual(TERRAFORM_TYPES[ResourceKind.APP_ENGINE_FLEXIBLE_VERSION], [
      'google_app_engine_flexible_app_version',
    ]);
    assert.deepEqual(TERRAFORM_TYPES[ResourceKind.APP_ENGINE_APPLICATION], ['google_app_engine_application']);
    assert.deepEqual(TERRAFORM_TYPES[ResourceKind.APP_ENGINE_FIREWALL_RULE], ['google_app_engine_firewall_rule']);
    // Construct intent: no Terraform resource records it.
    assert.deepEqual(TERRAFORM_TYPES[ResourceKind.CONSTRUCT], []);
  });
});
