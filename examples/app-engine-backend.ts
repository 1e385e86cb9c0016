// A basic-scaling backend for long tasks on App Engine standard, imported from its app.yaml: requests may take up to
// an hour (basic scaling allows 24 hours).
import * as path from 'node:path';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { TerraformStack } from 'cdktf';
import { AppEngineStandardService, Deployment } from 'cdktf-gcp-serverless';
import type { Construct } from 'constructs';

export class AppEngineBackendStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new GoogleProvider(this, 'google', { project: 'my-project' });

    AppEngineStandardService.fromAppYaml(this, 'reports', {
      file: path.join(__dirname, 'app-engine-backend', 'app.yaml'),
      deployment: Deployment.zip('https://storage.googleapis.com/my-project-builds/reports-v3.zip'),
      versionId: 'v3',
      requestTimeout: 3600,
      deleteServiceOnDestroy: true,
      // The library's choices where the file is silent: a dedicated service account (the file names none), and
      // max_concurrent_requests from gunicorn's capacity. Without it the version means exactly what the file says.
      applyRecommendations: true,
    });
  }
}
