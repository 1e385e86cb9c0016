// A Celery worker on a Cloud Run worker pool: no endpoint, no requests, CPU always allocated, a fixed number of
// instances. The broker is a Memorystore for Redis instance on a private IP, reached over Direct VPC egress (no
// connector to pay for). The profile renders the worker command with one prefork child per vCPU and recycles a child
// past 600 MiB, and the pool warns unless 2 children × 600 MiB fit its 2 GiB (GCR-CELERY-MEMORY).
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { RedisInstance } from '@cdktf/provider-google/lib/redis-instance';
import { TerraformStack } from 'cdktf';
import { Celery, CloudRunWorkerPool, VpcAccess, VpcEgress, WorkerPoolScaling } from 'cdktf-gcp-serverless';
import type { Construct } from 'constructs';

export class CloudRunCeleryWorkerStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new GoogleProvider(this, 'google', { project: 'my-project', region: 'europe-west1' });

    // The broker: Redis with AUTH on the VPC; the broker URL (with the AUTH string) is kept in Secret Manager.
    new RedisInstance(this, 'Broker', {
      name: 'celery-broker',
      region: 'europe-west1',
      tier: 'STANDARD_HA',
      memorySizeGb: 1,
      authEnabled: true,
      authorizedNetwork: 'projects/my-project/global/networks/default',
    });

    new CloudRunWorkerPool(this, 'Worker', {
      region: 'europe-west1',
      image:
        'europe-docker.pkg.dev/my-project/apps/worker@sha256:7d3c9a1b2e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b',
      workerPoolName: 'orders-celery',
      cpu: 2,
      memory: '2Gi',
      // celery -A orders worker --pool prefork --concurrency 2 --max-tasks-per-child 500
      //   --max-memory-per-child 614400 --queues orders,emails
      worker: Celery.worker({
        app: 'orders',
        maxTasksPerChild: 500,
        maxMemoryPerChild: '600Mi',
        queues: ['orders', 'emails'],
      }),
      scaling: WorkerPoolScaling.manual(2), // billed around the clock: the warning says so
      secrets: { CELERY_BROKER_URL: { secret: 'celery-broker-url' } },
      vpcAccess: VpcAccess.directVpc({
        network: 'default',
        subnetwork: 'default',
        egress: VpcEgress.PRIVATE_RANGES_ONLY,
      }),
    });
  }
}
