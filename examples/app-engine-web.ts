// An automatic-scaling web app on App Engine standard: F2 instances, one resident instance and one idle instance kept
// warm (warmup requests are turned on for them), gunicorn workers from the class, HTTPS only.
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { TerraformStack } from 'cdktf';
import {
  AppEngineApplication,
  AppEngineStandardService,
  DatabaseType,
  Deployment,
  Gunicorn,
  Handler,
  InstanceClass,
  Scaling,
} from 'cdktf-gcp-serverless';
import type { Construct } from 'constructs';

export class AppEngineWebStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new GoogleProvider(this, 'google', { project: 'my-project' });

    new AppEngineApplication(this, 'app', {
      locationId: 'europe-west',
      databaseType: DatabaseType.CLOUD_DATASTORE_COMPATIBILITY,
    });

    new AppEngineStandardService(this, 'web', {
      runtime: 'python312',
      versionId: 'v1',
      deployment: Deployment.zip('https://storage.googleapis.com/my-project-builds/web-v1.zip'),
      instanceClass: InstanceClass.F2,
      scaling: Scaling.automatic({
        minInstances: 1,
        maxInstances: 10,
        minIdleInstances: 1,
        targetCpuUtilization: 0.65,
        targetThroughputUtilization: 0.75,
        maxPendingLatency: 0.5,
      }),
      // F2 → 4 workers × 8 threads: max_concurrent_requests is derived as 32.
      server: Gunicorn.wsgi({ app: 'main:app', memoryPerWorker: '150Mi' }),
      warmup: true,
      requestTimeout: 60,
      env: { DJANGO_SETTINGS_MODULE: 'mysite.settings' },
      handlers: [
        Handler.staticFiles('/static/(.*)', { path: 'static/\\1', uploadPathRegex: 'static/.*', expiration: 86400 }),
        Handler.script('.*'),
      ],
    });
  }
}
