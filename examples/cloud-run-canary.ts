// A canary rollout: the revision serving today keeps 90% of the requests while the revision this deployment creates
// (the latest) gets 10%, and a tag gives it a URL of its own (https://canary---orders-….run.app) to test before
// shifting more traffic. It keeps no instance warm: a minimum set on the revision (minInstances) would be kept by each
// revision the traffic block names; set one for the service (serviceMinInstances) to have it divided among them.
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { TerraformStack } from 'cdktf';
import { CloudRunService, Gunicorn, Ingress, Traffic } from 'cdktf-gcp-serverless';
import type { Construct } from 'constructs';

export class CloudRunCanaryStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new GoogleProvider(this, 'google', { project: 'my-project', region: 'us-central1' });

    new CloudRunService(this, 'Orders', {
      region: 'us-central1',
      image:
        'us-docker.pkg.dev/my-project/apps/orders@sha256:7c1e3a5b7d9f1e3a5c7b9d1f3e5a7c9b1d3f5e7a9c1b3d5f7e9a1c3b5d7f9e1a',
      server: Gunicorn.wsgi({ app: 'orders.main:app' }),
      maxInstances: 20,
      traffic: [Traffic.revision('orders-00041-xyz', 90), Traffic.latest(10, { tag: 'canary' })],
      ingress: Ingress.INTERNAL_AND_LOAD_BALANCER,
    });
  }
}
