// A stack written with raw provider resources, not this library's constructs: only the policy checks guard it.
// The checks read the synthesized Terraform JSON, so they judge these resources exactly as they judge ours, and an
// accepted trade-off is recorded as a suppression with its reason (and an expiry) instead of being silenced.
import { CloudRunV2Service } from '@cdktf/provider-google/lib/cloud-run-v2-service';
import { CloudRunV2ServiceIamMember } from '@cdktf/provider-google/lib/cloud-run-v2-service-iam-member';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import { TerraformStack } from 'cdktf';
import { PolicyChecks, Suppressions } from 'cdktf-gcp-serverless';
import type { Construct } from 'constructs';

export class RawResourcesStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new GoogleProvider(this, 'google', { project: 'my-project' });

    const identity = new ServiceAccount(this, 'identity', { accountId: 'legacy-api-run', displayName: 'legacy API' });
    const service = new CloudRunV2Service(this, 'legacy-api', {
      name: 'legacy-api',
      location: 'us-central1',
      ingress: 'INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER',
      deletionProtection: true,
      template: {
        serviceAccount: identity.email,
        maxInstanceRequestConcurrency: 8,
        timeout: '60s',
        scaling: { minInstanceCount: 1, maxInstanceCount: 5 },
        containers: [
          {
            image:
              'us-docker.pkg.dev/my-project/apps/legacy@sha256:5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f',
            command: ['gunicorn'],
            args: ['--bind', ':8080', '--workers', '2', '--threads', '4', '--timeout', '0', 'legacy.wsgi:application'],
            ports: { containerPort: 8080 },
            // cpu_idle written explicitly: without it a resources block means instance-based billing.
            resources: { limits: { cpu: '2', memory: '1Gi' }, cpuIdle: true },
            startupProbe: { httpGet: { path: '/healthz' }, periodSeconds: 10, failureThreshold: 24, timeoutSeconds: 5 },
          },
        ],
      },
    });
    // A public API behind an external load balancer with Cloud Armor: the ingress keeps the run.app URL closed.
    new CloudRunV2ServiceIamMember(this, 'public', {
      name: service.name,
      location: 'us-central1',
      role: 'roles/run.invoker',
      member: 'allUsers',
    });

    Suppressions.add(this, [
      {
        ruleId: 'GCR-PUBLIC-INVOKER',
        reason: 'Public API served only through the external load balancer with Cloud Armor (ingress LB-only)',
      },
      {
        ruleId: 'GCR-MIN-INSTANCES-COST',
        reason: 'One warm instance keeps p99 latency within the SLO; cost approved until the rewrite ships',
        expires: '2027-06-30',
      },
    ]);
    PolicyChecks.applyTo(this);
  }
}
