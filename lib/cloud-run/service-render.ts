/**
 * The settings of a Cloud Run service as the provider's `google_cloud_run_v2_service` config.
 * @internal
 */
import { toApiDuration } from '../core/duration';
import { formatCpu } from '../core/quantity';
import { isEqualAtApply, isUnresolved } from '../private/cdktf';
import type { CloudRunV2ServiceConfig, CloudRunV2ServiceTemplateContainersEnv } from '../private/google';
import { Billing } from './enums';
import type { ServiceSettings } from './service-settings';
import type { VpcAccess } from './vpc-access';

/** The service resource's config; it runs as `serviceAccountEmail`. */
export function renderService(s: ServiceSettings, serviceAccountEmail: string): CloudRunV2ServiceConfig {
  const env: CloudRunV2ServiceTemplateContainersEnv[] = s.env.map((v) =>
    v.from === 'env'
      ? { name: v.name, value: v.value }
      : {
          name: v.name,
          valueSource: { secretKeyRef: { secret: v.secret!.secret, version: v.secret!.version ?? 'latest' } },
        },
  );
  const argv = s.server?.argv(s.port);
  return {
    name: s.serviceName,
    location: s.region,
    project: s.project,
    description: s.description,
    ingress: s.ingress,
    deletionProtection: s.deletionProtection,
    labels: s.labels,
    template: {
      serviceAccount: serviceAccountEmail,
      executionEnvironment: s.executionEnvironment,
      maxInstanceRequestConcurrency: s.concurrency,
      timeout: isUnresolved(s.requestTimeout) ? `${s.requestTimeout}s` : toApiDuration(s.requestTimeout),
      scaling: { minInstanceCount: s.minInstances, maxInstanceCount: s.maxInstances },
      vpcAccess: renderVpcAccess(s.vpcAccess),
      containers: [
        {
          image: s.image,
          command: argv ? argv.slice(0, 1) : s.command,
          args: argv ? argv.slice(1) : s.args,
          ports: { containerPort: s.port, name: 'http1' },
          resources: {
            limits: { cpu: isUnresolved(s.cpu) ? s.cpu.toString() : formatCpu(s.cpu), memory: s.memory },
            cpuIdle: isUnresolved(s.billing)
              ? isEqualAtApply(s.billing, Billing.REQUEST)
              : s.billing === Billing.REQUEST,
            startupCpuBoost: s.startupCpuBoost,
          },
          env: env.length > 0 ? env : undefined,
          startupProbe: s.startupRendered,
          livenessProbe: s.livenessRendered,
        },
      ],
    },
  };
}

function renderVpcAccess(access: VpcAccess | undefined) {
  if (!access) return undefined;
  if (access.connectorId !== undefined) return { connector: access.connectorId, egress: access.egress };
  const d = access.directVpcOptions!;
  return { egress: access.egress, networkInterfaces: [{ network: d.network, subnetwork: d.subnetwork, tags: d.tags }] };
}
