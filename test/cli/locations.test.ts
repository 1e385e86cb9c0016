import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { declarationLine } from '../../lib/cli/locations';

describe('declarationLine: where a resource is declared', () => {
  test('HCL: the resource or data block, with or without quotes and spacing', () => {
    const hcl = [
      'provider "google" {}',
      '',
      'resource "google_cloud_run_v2_service" "api" {',
      '  name = "api"',
      '}',
      '  resource   "google_cloud_run_v2_service"   "api_v2"   {',
      '}',
      'data "google_project" "p" {',
      '}',
    ].join('\n');
    assert.equal(declarationLine(hcl, 'google_cloud_run_v2_service.api'), 3);
    // A name that another name starts with is not mistaken for it.
    assert.equal(declarationLine(hcl, 'google_cloud_run_v2_service.api_v2'), 6);
    assert.equal(declarationLine(hcl, 'data.google_project.p'), 8);
    // Instances and module paths name the declaration in the module's file.
    assert.equal(declarationLine(hcl, 'module.app.google_cloud_run_v2_service.api[0]'), 3);
    assert.equal(declarationLine(hcl, 'google_cloud_run_v2_service.api["eu"]'), 3);
    assert.equal(declarationLine(hcl, 'google_cloud_run_v2_service.missing'), undefined);
  });

  test('Terraform JSON, pretty or on one line: the name key under the type key', () => {
    const body = {
      resource: {
        google_service_account: { api: { account_id: 'api' } },
        google_cloud_run_v2_service: { other: { name: 'o' }, api: { name: 'api' } },
      },
    };
    const pretty = JSON.stringify(body, null, 2);
    const lines = pretty.split('\n');
    // The service's "api" key, not the account's declared before it under another type.
    assert.equal(declarationLine(pretty, 'google_cloud_run_v2_service.api'), lines.lastIndexOf('      "api": {') + 1);
    assert.notEqual(lines.lastIndexOf('      "api": {'), lines.indexOf('      "api": {'));
    assert.equal(declarationLine(pretty, 'google_service_account.api'), 4);
    assert.equal(declarationLine(JSON.stringify(body), 'google_cloud_run_v2_service.api'), 1);
  });

  test('a plan: the line of the instance address', () => {
    const plan = JSON.stringify(
      {
        format_version: '1.2',
        planned_values: {
          root_module: {
            resources: [
              { address: 'google_cloud_run_v2_service.api["a"]', type: 'google_cloud_run_v2_service', name: 'api' },
              { address: 'google_cloud_run_v2_service.api["b"]', type: 'google_cloud_run_v2_service', name: 'api' },
            ],
          },
        },
      },
      null,
      2,
    );
    const lines = plan.split('\n');
    assert.equal(
      declarationLine(plan, 'google_cloud_run_v2_service.api["b"]'),
      lines.findIndex((l) => l.includes('api[\\"b\\"]')) + 1,
    );
  });
});
