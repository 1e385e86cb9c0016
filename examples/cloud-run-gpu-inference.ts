// GPU inference on Cloud Run: one NVIDIA L4 per instance. The GPU selects instance-based billing and the 4 vCPU and
// 16 GiB an L4 needs; without zonal redundancy a GPU second costs less (best effort if a zone fails). The model
// weights are read from a Cloud Storage bucket mounted read-only (the runtime account gets objectViewer, and Cloud
// Storage FUSE's caches count against memory). Max instances stay within the project's GPU quota.
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { TerraformStack } from 'cdktf';
import { CloudRunService, Gpu, Gunicorn, Ingress, Volume } from 'cdktf-gcp-serverless';
import type { Construct } from 'constructs';

export class CloudRunGpuInferenceStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new GoogleProvider(this, 'google', { project: 'my-project', region: 'europe-west4' });

    new CloudRunService(this, 'Inference', {
      region: 'europe-west4',
      image:
        'europe-docker.pkg.dev/my-project/apps/inference@sha256:5e3c1a9f7d5b3e1c9a7f5d3b1e9c7a5f3d1b9e7c5a3f1d9b7e5c3a1f9d7b5e3c',
      gpu: Gpu.nvidiaL4({ zonalRedundancy: false }), // → 4 vCPU, 16Gi, Billing.INSTANCE
      maxInstances: 2,
      // One uvicorn worker owns the GPU; it loads the model before serving, so the HTTP startup probe waits for it.
      server: Gunicorn.asgi({ app: 'serve:app', workers: 1, concurrencyPerWorker: 4, memoryPerWorker: '12Gi' }),
      volumes: [Volume.bucket('my-project-models', { readOnly: true, mountPath: '/models' })],
      env: { MODEL_DIR: '/models/llama-3-8b' },
      ingress: Ingress.INTERNAL_ONLY,
    });
  }
}
