/**
 * Cloud Run scaling: the instance count bounds, and what idle, fixed and unbounded instances cost. Sources: "Set
 * minimum instances for services" (https://cloud.google.com/run/docs/configuring/min-instances); "Set maximum
 * instances for services" (https://cloud.google.com/run/docs/configuring/max-instances); "Manual scaling"
 * (https://cloud.google.com/run/docs/configuring/services/manual-scaling): "If you set your service to manual scaling,
 * any revision-level minimum and maximum instance settings are ignored"; "Manual scaling for worker pools"
 * (https://cloud.google.com/run/docs/configuring/workerpools/manual-scaling): "all the instances that you requested are
 * billed as active instances, even if they happen to be idle".
 */
import { CheckLevel } from '../../core/levels';
import { ResourceKind } from '../kinds';
import { isKnown, Pack } from '../rule';
import { cloudRunCost } from '../cost/cloud-run';
import { costNote } from '../cost/model';
import {
  CLOUD_RUN_WORKER_POOL_DEFAULT_INSTANCES,
  type CloudRunRule,
  type CloudRunViolation,
  isManuallyScaled,
  isRequestBilled,
  isWhole,
  SERVICE,
  SERVICES_AND_POOLS,
  workloadOf,
  workloadName,
} from './facts';

const MANUAL_PAGE = '"Manual scaling", https://cloud.google.com/run/docs/configuring/services/manual-scaling';

export { CLOUD_RUN_WORKER_POOL_DEFAULT_INSTANCES };

export const CLOUD_RUN_SCALING_RULES: readonly CloudRunRule[] = [
  {
    id: 'GCR-SCALING-RANGE',
    pack: Pack.PLATFORM,
    level: CheckLevel.ERROR,
    suppressible: false,
    appliesTo: SERVICES_AND_POOLS,
    title: 'Min and max instances must be whole numbers with min ≤ max (max 0: not set)',
    explanation:
      'The API rejects a minimum instance count above the maximum. A maximum of 0 is not a limit: the provider does not send 0 and the API reads it as "not set" (GCR-MAX-INSTANCES-UNSET says so).',
    source:
      'GoogleCloudPlatform/magic-modules mmv1/products/cloudrunv2/Service.yaml (template.scaling); hashicorp/terraform-provider-google google/services/cloudrunv2/resource_cloud_run_v2_service.go (empty values are not sent)',
    reads: ['minInstances', 'maxInstances', 'manualInstances', 'serviceMinInstances'],
    perValue: true,
    check: (f, context) => {
      // A count only known at apply time is skipped, and only that count.
      const known = (fact: 'minInstances' | 'maxInstances' | 'manualInstances' | 'serviceMinInstances') =>
        isKnown(context, fact) ? f[fact] : undefined;
      const minInstances = known('minInstances');
      const maxInstances = known('maxInstances');
      const manualInstances = known('manualInstances');
      const serviceMinInstances = known('serviceMinInstances');
      let violations: CloudRunViolation[] | undefined;
      if (serviceMinInstances !== undefined && (!isWhole(serviceMinInstances) || serviceMinInstances < 0)) {
        (violations ??= []).push({
          fact: 'serviceMinInstances',
          message: `service-level min instances ${serviceMinInstances} must be a whole number ≥ 0`,
          fix: 'use 0 or more',
        });
      }
      if (manualInstances !== undefined && (!isWhole(manualInstances) || manualInstances < 0)) {
        (violations ??= []).push({
          fact: 'manualInstances',
          message: `manual instances ${manualInstances} must be a whole number ≥ 0`,
          fix: 'use 0 or more',
        });
      }
      if (minInstances !== undefined && (!isWhole(minInstances) || minInstances < 0)) {
        (violations ??= []).push({
          fact: 'minInstances',
          message: `min instances ${minInstances} must be a whole number ≥ 0`,
          fix: 'use 0 or more',
        });
      }
      if (maxInstances !== undefined && (!isWhole(maxInstances) || maxInstances < 0)) {
        (violations ??= []).push({
          fact: 'maxInstances',
          message: `max instances ${maxInstances} must be a whole number ≥ 1 (0 means not set)`,
          fix: 'use 1 or more',
        });
      }
      if (
        violations === undefined &&
        minInstances !== undefined &&
        maxInstances !== undefined &&
        maxInstances > 0 &&
        minInstances > maxInstances
      ) {
        (violations ??= []).push({
          fact: 'minInstances',
          message: `min instances ${minInstances} is above max instances ${maxInstances}`,
          fix: `lower minInstances to at most ${maxInstances} or raise maxInstances`,
        });
      }
      return violations;
    },
  },
  {
    id: 'GCR-MIN-INSTANCES-COST',
    pack: Pack.COST,
    level: CheckLevel.WARNING,
    suppressible: true,
    appliesTo: SERVICES_AND_POOLS,
    title: 'Minimum instances are billed while idle',
    explanation:
      'Min instances, of the revision or of the service, stay running and are billed even without traffic (at the full rate with instance-based billing). With manual scaling they are ignored (GCR-MANUAL-INSTANCES-COST counts the instances instead).',
    source: '"Set minimum instances for services", https://cloud.google.com/run/docs/configuring/min-instances',
    reads: ['minInstances', 'serviceMinInstances', 'cpuIdle', 'resourcesWritten', 'scalingMode', 'workload'],
    check: (f, context, unknown) => {
      if (isManuallyScaled(f)) return undefined;
      const billed = isRequestBilled(f) ? '' : ' and, with instance-based billing, are billed at the full rate';
      const revision = f.minInstances !== undefined && f.minInstances > 0;
      const service = f.serviceMinInstances !== undefined && f.serviceMinInstances > 0;
      if (!revision && !service) return undefined;
      return {
        fact: revision ? 'minInstances' : 'serviceMinInstances',
        message: `${
          revision
            ? `${f.minInstances} instance(s) stay running around the clock${billed}`
            : `${f.serviceMinInstances} instance(s) (service level, divided among the revisions with traffic) stay running around the clock${billed}`
        }${costNote(cloudRunCost({ facts: f, unknown }, context.cost))}`,
        fix: 'keep it if cold starts cost more than idle instances; otherwise use 0',
      };
    },
  },
  {
    id: 'GCR-MAX-INSTANCES-UNSET',
    pack: Pack.COST,
    level: CheckLevel.WARNING,
    suppressible: true,
    appliesTo: SERVICES_AND_POOLS,
    title: 'Max instances not set: a load spike or a loop can scale (and bill) up to the regional quota',
    explanation:
      "Without max_instance_count (on the revision, or on the service with provider 7 and later; on an autoscaled worker pool, its scaling block) Cloud Run applies a default of 100 or a quota-derived value. 0 is the same as unset (the provider does not send it): it does not stop the service or worker pool. Manual scaling (a worker pool's default) runs a fixed number of instances and has no maximum.",
    source:
      '"Set maximum instances for services", https://cloud.google.com/run/docs/configuring/max-instances; "Manual scaling", https://cloud.google.com/run/docs/configuring/services/manual-scaling; "Configure CPU autoscaling for worker pools", https://cloud.google.com/run/docs/configuring/workerpools/cpu-autoscaling',
    reads: ['maxInstances', 'scalingMode', 'workload'],
    check: (f) =>
      f.scalingMode !== 'MANUAL' && (f.maxInstances === undefined || f.maxInstances === 0)
        ? {
            fact: 'maxInstances',
            message:
              f.maxInstances === 0
                ? `max instances 0 is not sent by the provider, so Cloud Run applies its default maximum; 0 does not stop the ${workloadName(f)}`
                : 'no maximum instance count is set',
            fix: 'set maxInstances to the most your budget and backends can take',
          }
        : undefined,
  },
  {
    id: 'GCR-MANUAL-INSTANCES-COST',
    pack: Pack.COST,
    level: CheckLevel.WARNING,
    suppressible: true,
    appliesTo: [ResourceKind.CLOUD_RUN_SERVICE, ResourceKind.CLOUD_RUN_WORKER_POOL],
    title: 'Manually scaled instances (and every worker pool instance) run and are billed around the clock',
    explanation:
      'Manual scaling runs the instances asked for whatever the traffic, and worker pools (manual with 1 instance unless told otherwise) always allocate CPU, so each instance is billed as active all the time.',
    source:
      '"Manual scaling", https://cloud.google.com/run/docs/configuring/services/manual-scaling; "Manual scaling for worker pools", https://cloud.google.com/run/docs/configuring/workerpools/manual-scaling',
    reads: ['scalingMode', 'manualInstances', 'workload'],
    check: (f, context, unknown) => {
      if (!isManuallyScaled(f)) return undefined;
      const pool = workloadOf(f) === 'worker-pool';
      const instances = f.manualInstances ?? (pool ? CLOUD_RUN_WORKER_POOL_DEFAULT_INSTANCES : 0);
      if (!(instances > 0)) return undefined;
      return {
        fact: 'manualInstances',
        message: `${instances} instance(s)${f.manualInstances === undefined ? ' (the default of a worker pool)' : ''} run around the clock and are billed as active whether they work or idle${costNote(cloudRunCost({ facts: f, unknown }, context.cost))}`,
        fix: pool
          ? 'run as few instances as the work needs, or use CPU autoscaling for bursty work'
          : 'keep it if the load is steady; otherwise use automatic scaling with max instances',
      };
    },
  },
  {
    id: 'GCR-SCALING-MANUAL',
    pack: Pack.PLATFORM,
    level: CheckLevel.WARNING,
    suppressible: true,
    appliesTo: SERVICE,
    title: 'Manual scaling ignores revision min and max instances; a manual instance count needs manual mode',
    explanation:
      'With scaling_mode = MANUAL a service runs manual_instance_count instances (divided among the revisions with traffic) and ignores revision-level minimum and maximum instances; a manual_instance_count without MANUAL mode is ignored, and MANUAL mode without a count runs no instance.',
    source: `${MANUAL_PAGE}; googleapis/googleapis google/cloud/run/v2/vendor_settings.proto (ServiceScaling)`,
    scope: {
      reads: ['scalingMode', 'manualInstances'],
      when: (f) => isManuallyScaled(f) || f.manualInstances !== undefined,
    },
    reads: ['scalingMode', 'manualInstances', 'minInstances', 'maxInstances'],
    check: (f) => {
      if (!isManuallyScaled(f)) {
        return f.manualInstances !== undefined && f.manualInstances > 0
          ? {
              fact: 'manualInstances',
              message: `manual_instance_count ${f.manualInstances} is ignored unless scaling_mode is MANUAL`,
              fix: 'set scaling_mode = MANUAL, or drop the count',
            }
          : undefined;
      }
      let violations: CloudRunViolation[] | undefined;
      if (f.manualInstances === undefined || f.manualInstances === 0) {
        (violations ??= []).push({
          fact: 'manualInstances',
          message: 'manual scaling without a manual instance count runs no instance, so the service serves nothing',
          fix: 'set the manual instance count',
        });
      }
      for (const fact of ['minInstances', 'maxInstances'] as const) {
        const value = f[fact];
        if (value === undefined || value === 0) continue;
        (violations ??= []).push({
          fact,
          message: `revision ${fact === 'minInstances' ? 'min' : 'max'} instances ${value} is ignored with manual scaling`,
          fix: `drop it: manual scaling runs exactly the manual instance count`,
        });
      }
      return violations;
    },
  },
  {
    id: 'GCR-SCALING-COMBINED-MIN',
    pack: Pack.COST,
    level: CheckLevel.WARNING,
    suppressible: true,
    appliesTo: SERVICE,
    title: 'Min instances set both on the service and on the revision',
    explanation:
      'Service-level min instances are divided among the revisions with traffic; revision-level ones are kept by each revision the traffic block names. Google recommends the service level and not combining the two, whose instances add up.',
    source: '"Set minimum instances for services", https://cloud.google.com/run/docs/configuring/min-instances',
    scope: { reads: ['serviceMinInstances'], when: (f) => (f.serviceMinInstances ?? 0) > 0 },
    reads: ['minInstances', 'serviceMinInstances', 'scalingMode'],
    check: (f) =>
      !isManuallyScaled(f) && (f.minInstances ?? 0) > 0 && (f.serviceMinInstances ?? 0) > 0
        ? {
            fact: 'minInstances',
            message: `min instances are set on the revision (${f.minInstances}) and on the service (${f.serviceMinInstances}); Google recommends not combining them`,
            fix: 'keep the service-level minimum only',
          }
        : undefined,
  },
];
