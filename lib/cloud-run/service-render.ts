/**
 * The settings of a Cloud Run service as the provider's `google_cloud_run_v2_service` config.
 * @internal
 */
import { toApiDuration } from '../core/duration';
import { formatCpu } from '../core/quantity';
import { isEqualAtApply, isUnresolved } from '../private/cdktf';
import type { CloudRunV2ServiceConfig, CloudRunV2ServiceTemplateContainers } from '../private/google';
import { renderEnv } from './container-env';
import { Billing } from './enums';
import { renderVpcAccess } from './network';
import type { ServiceSettings } from './service-settings';
import { renderMounts, renderVolumes } from './volume-settings';

const cpuLimit = (cpu: number) => (isUnresolved(cpu) ? cpu.toString() : formatCpu(cpu));

/** The service resource's config; it runs as `serviceAccountEmail`. */
export function renderService(s: ServiceSettings, serviceAccountEmail: string): CloudRunV2ServiceConfig {
  const argv = s.server?.argv(s.port);
  // A billing token is compared at apply time (an enum token is not one of our values here).
  const cpuIdle = isUnresolved(s.billing) ? isEqualAtApply(s.billing, Billing.REQUEST) : s.billing === Billing.REQUEST;
  const withSidecars = s.sidecars.length > 0;
  const volumeMounts = (c: number) => renderMounts(s.volumes, s.mounts[c]);
  const main: CloudRunV2ServiceTemplateContainers = {
    // Written when given; without sidecars the default name is left out (the container needs none).
    name: withSidecars || s.given.containerName !== undefined ? s.containerName : undefined,
    image: s.image,
    command: argv ? argv.slice(0, 1) : s.command,
    args: argv ? argv.slice(1) : s.args,
    ports: { containerPort: s.port, name: 'http1' },
    resources: {
      limits: {
        cpu: cpuLimit(s.cpu),
        memory: s.memory,
        ...(s.gpu ? { 'nvidia.com/gpu': '1' } : {}),
      },
      cpuIdle,
      startupCpuBoost: s.startupCpuBoost,
    },
    env: renderEnv(s.env),
    startupProbe: s.startupRendered,
    livenessProbe: s.livenessRendered,
    volumeMounts: volumeMounts(0),
  };
  const sidecars = s.sidecars.map((sc, i): CloudRunV2ServiceTemplateContainers => ({
    name: sc.given.name,
    image: sc.given.image,
    command: sc.given.command,
    args: sc.given.args,
    // The same billing on every container of the revision.
    resources: { limits: { cpu: cpuLimit(sc.cpu), memory: sc.memory }, cpuIdle },
    env: renderEnv(sc.env),
    startupProbe: sc.startupRendered,
    dependsOn: sc.given.dependsOn,
    volumeMounts: volumeMounts(i + 1),
  }));
  return {
    name: s.serviceName,
    location: s.region,
    project: s.project,
    description: s.description,
    ingress: s.ingress,
    deletionProtection: s.deletionProtection,
    labels: s.labels,
    launchStage: s.launchStage,
    invokerIamDisabled: s.invokerIamDisabled,
    customAudiences: s.customAudiences,
    binaryAuthorization: s.binaryAuthorization && {
      useDefault: s.binaryAuthorization.policyName === undefined ? true : undefined,
      policy: s.binaryAuthorization.policyName,
      breakglassJustification: s.binaryAuthorization.options.breakglassJustification,
    },
    scaling:
      s.serviceMinInstances !== undefined || s.manualScaling
        ? {
            minInstanceCount: s.serviceMinInstances,
            scalingMode: s.manualScaling ? 'MANUAL' : undefined,
            manualInstanceCount: s.manualScaling?.instanceCount,
          }
        : undefined,
    traffic: s.traffic?.map((t) => t._render()),
    template: {
      serviceAccount: serviceAccountEmail,
      executionEnvironment: s.executionEnvironment,
      maxInstanceRequestConcurrency: s.concurrency,
      timeout: isUnresolved(s.requestTimeout) ? `${s.requestTimeout}s` : toApiDuration(s.requestTimeout),
      scaling: { minInstanceCount: s.minInstances, maxInstanceCount: s.maxInstances },
      vpcAccess: renderVpcAccess(s.vpcAccess),
      sessionAffinity: s.sessionAffinity,
      encryptionKey: s.encryptionKey,
      nodeSelector: s.gpu && { accelerator: s.gpu.accelerator },
      gpuZonalRedundancyDisabled: s.gpu ? s.gpu.options.zonalRedundancy === false : undefined,
      volumes: renderVolumes(s.volumes),
      containers: [main, ...sidecars],
    },
  };
}
