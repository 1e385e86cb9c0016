// A Django app on Cloud Run talking to Cloud SQL through the Unix socket Cloud Run mounts at /cloudsql: no Cloud SQL
// Auth Proxy to run beside it. The volume grants the runtime service account roles/cloudsql.client on the
// instance's project; the database password and Django's secret key come from Secret Manager.
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { TerraformStack } from 'cdktf';
import { CloudRunService, Gunicorn, Ingress, Volume } from 'cdktf-gcp-serverless';
import type { Construct } from 'constructs';

/** The Cloud SQL instance's connection name: its socket is /cloudsql/<connection name>. */
const DATABASE = 'my-project:europe-west1:shop-db';

export class CloudRunDjangoStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new GoogleProvider(this, 'google', { project: 'my-project', region: 'europe-west1' });

    new CloudRunService(this, 'Shop', {
      region: 'europe-west1',
      image:
        'europe-docker.pkg.dev/my-project/apps/shop@sha256:2b7d4f0e9c8a1b3d5f7e9a0c2e4f6a8b0d2c4e6f8a0b2d4f6e8a0c2e4f6a8b0d',
      cpu: 1,
      memory: '1Gi',
      maxInstances: 10,
      // gunicorn --workers 1 --threads 8 --timeout 0 shop.wsgi:application; HTTP startup probe on '/' (not preloaded)
      server: Gunicorn.wsgi({ app: 'shop.wsgi:application', memoryPerWorker: '300Mi' }),
      volumes: [Volume.cloudSql([DATABASE])], // mounted at /cloudsql
      env: {
        DJANGO_SETTINGS_MODULE: 'shop.settings.production',
        DB_HOST: `/cloudsql/${DATABASE}`, // psycopg connects to the socket in this directory
        DB_NAME: 'shop',
        DB_USER: 'shop',
      },
      secrets: {
        DB_PASSWORD: { secret: 'shop-db-password' },
        DJANGO_SECRET_KEY: { secret: 'shop-django-secret-key' },
      },
      ingress: Ingress.INTERNAL_AND_LOAD_BALANCER,
    });
  }
}
