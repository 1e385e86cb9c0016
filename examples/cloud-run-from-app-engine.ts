// The App Engine reports backend (examples/app-engine-backend/app.yaml) migrated to Cloud Run from the same file: B4
// becomes 1 vCPU and 1536Mi, basic scaling becomes instance-based billing with at most 3 instances, the gunicorn
// entrypoint becomes the Gunicorn model, and requests may run the 60 minutes Cloud Run allows. What does not carry
// over (the admin-only login, the 24-hour deadline, the App Engine default account) is reported as MIGRATE-* findings
// in the synth summary; `cdktf-gcp-serverless migrate examples/app-engine-backend/app.yaml --image … --region …`
// prints the same service as code.
import * as path from 'node:path';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { TerraformStack } from 'cdktf';
import { CloudRunService } from 'cdktf-gcp-serverless';
import type { Construct } from 'constructs';

export class CloudRunFromAppEngineStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new GoogleProvider(this, 'google', { project: 'my-project', region: 'europe-west1' });

    const reports = CloudRunService.fromAppYaml(this, 'reports', {
      file: path.join(__dirname, 'app-engine-backend', 'app.yaml'),
      image:
        'europe-docker.pkg.dev/my-project/apps/reports@sha256:4c3b2a1f0e9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b',
      region: 'europe-west1',
      // The app ran as the App Engine default account; this one is granted what the reports need.
      serviceAccount: 'reports@my-project.iam.gserviceaccount.com',
    });
    // The app.yaml's `login: admin`: the service is private, and the admins reach it through IAP.
    reports.grantIapAccess('group:reports-admins@example.com');
  }
}
