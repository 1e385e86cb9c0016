// A background worker on Cloud Run: the app consumes a queue in threads that run outside requests, so it needs
// instance-based billing (CPU never throttled) and a warm instance. The app is preloaded, so gunicorn binds the port
// only once the app has imported and a TCP startup probe is a faithful readiness signal.
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { TerraformStack } from 'cdktf';
import { CloudRunService, Gunicorn, Ingress, Probe } from 'cdktf-gcp-serverless';
import type { Construct } from 'constructs';

export class CloudRunWorkerStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new GoogleProvider(this, 'google', { project: 'my-project', region: 'us-central1' });

    new CloudRunService(this, 'Worker', {
      region: 'us-central1',
      image:
        'us-docker.pkg.dev/my-project/apps/worker@sha256:9f8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a39281706f5e4d3c2b1a0',
      serviceName: 'orders-worker',
      cpu: 2,
      memory: '2Gi',
      backgroundWork: true, // → Billing.INSTANCE (cpu_idle = false)
      minInstances: 1,
      maxInstances: 3,
      server: Gunicorn.wsgi({ app: 'worker:app', threads: 4, preload: true, memoryPerWorker: '400Mi' }),
      startupProbe: Probe.tcp(), // fine with preload: 240 s budget, written explicitly
      livenessProbe: Probe.http({ path: '/healthz', periodSeconds: 30, timeoutSeconds: 5 }),
      ingress: Ingress.INTERNAL_ONLY,
    });
  }
}
