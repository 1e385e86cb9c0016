// The Cloud Run guide's recommended Python service: gunicorn with 1 worker, 8 threads and no worker timeout,
// request-based billing, an HTTP startup probe (the app is not preloaded), and a bounded number of instances.
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { TerraformOutput, TerraformStack } from 'cdktf';
import { CloudRunService, Gunicorn } from 'cdktf-gcp-serverless';
import type { Construct } from 'constructs';

export class CloudRunPythonApiStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new GoogleProvider(this, 'google', { project: 'my-project', region: 'europe-west1' });

    const api = new CloudRunService(this, 'Api', {
      region: 'europe-west1',
      image:
        'europe-docker.pkg.dev/my-project/apps/api@sha256:4c1e4b3a0f5d6e7c8b9a0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a',
      // gunicorn --bind :8080 --workers 1 --threads 8 --timeout 0 main:app
      server: Gunicorn.wsgi({ app: 'main:app', workers: 1, threads: 8, timeout: 0 }),
      maxInstances: 20,
      // No startupProbe: one is derived, an HTTP probe on '/' (10 s × 24 = the whole 240 s budget), because
      // without --preload gunicorn binds the port before its worker has imported the app.
      secrets: { DATABASE_URL: { secret: 'api-database-url' } },
      env: { LOG_LEVEL: 'info' },
    });
    api.grantInvoke('serviceAccount:frontend@my-project.iam.gserviceaccount.com');

    new TerraformOutput(this, 'url', { value: api.uri });
  }
}
