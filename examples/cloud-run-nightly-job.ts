// A nightly Django management command as a Cloud Run job, run by Cloud Scheduler at 03:00 Paris time. The job runs
// as its own service account (Secret Manager access to the database URL only); the schedule calls the Jobs API with
// an OAuth token of a second account that may run this job and nothing else.
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { TerraformStack } from 'cdktf';
import { CloudRunJob, Django, VpcAccess } from 'cdktf-gcp-serverless';
import type { Construct } from 'constructs';

export class CloudRunNightlyJobStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new GoogleProvider(this, 'google', { project: 'my-project', region: 'europe-west1' });

    const cleanup = new CloudRunJob(this, 'Cleanup', {
      region: 'europe-west1',
      image:
        'europe-docker.pkg.dev/my-project/apps/web@sha256:1f2e3d4c5b6a79880716253a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e',
      jobName: 'nightly-cleanup',
      // python manage.py clearsessions --settings mysite.settings.production
      task: Django.manage('clearsessions', { settings: 'mysite.settings.production' }),
      maxRetries: 1,
      taskTimeout: 1800,
      secrets: { DATABASE_URL: { secret: 'web-database-url' } },
      vpcAccess: VpcAccess.directVpc({ subnetwork: 'default' }), // Cloud SQL on a private IP
    });
    cleanup.schedule('0 3 * * *', { timeZone: 'Europe/Paris', description: 'Delete expired Django sessions' });
  }
}
