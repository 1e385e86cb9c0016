/**
 * Cloud Run scaling: the instance count bounds, and what idle and unbounded instances cost. Sources: "Set minimum
 * instances for services" (https://cloud.google.com/run/docs/configuring/min-instances); "Set maximum instances for
 * services" (https://cloud.google.com/run/docs/configuring/max-instances).
 */
import { CheckLevel } from '../../core/levels';
import { Pack } from '../rule';
import { type CloudRunRule, type CloudRunViolation, isRequestBilled, isWhole, SERVICES } from './facts';

export const CLOUD_RUN_SCALING_RULES: readonly CloudRunRule[] = [
  {
    id: 'GCR-SCALING-RANGE',
    pack: Pack.PLATFORM,
    level: CheckLevel.ERROR,
    suppressible: false,
    appliesTo: SERVICES,
    title: 'Min and max instances must be whole numbers with min ≤ max (max 0: not set)',
    explanation:
      'The API rejects a minimum instance count above the maximum. A maximum of 0 is not a limit: the provider does not send 0 and the API reads it as "not set" (GCR-MAX-INSTANCES-UNSET says so).',
    source:
      'GoogleCloudPlatform/magic-modules mmv1/products/cloudrunv2/Service.yaml (template.scaling); hashicorp/terraform-provider-google google/services/cloudrunv2/resource_cloud_run_v2_service.go (empty values are not sent)',
    reads: ['minInstances', 'maxInstances'],
    check: ({ minInstances, maxInstances }) => {
      let violations: CloudRunViolation[] | undefined;
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
    appliesTo: SERVICES,
    title: 'Minimum instances are billed while idle',
    explanation:
      'Min instances stay running and are billed even without traffic (at the full rate with instance-based billing).',
    source: '"Set minimum instances for services", https://cloud.google.com/run/docs/configuring/min-instances',
    reads: ['minInstances', 'cpuIdle', 'resourcesWritten'],
    check: (f) =>
      f.minInstances !== undefined && f.minInstances > 0
        ? {
            fact: 'minInstances',
            message: `${f.minInstances} instance(s) stay running around the clock${isRequestBilled(f) ? '' : ' and, with instance-based billing, are billed at the full rate'}`,
            fix: 'keep it if cold starts cost more than idle instances; otherwise use 0',
          }
        : undefined,
  },
  {
    id: 'GCR-MAX-INSTANCES-UNSET',
    pack: Pack.COST,
    level: CheckLevel.WARNING,
    suppressible: true,
    appliesTo: SERVICES,
    title: 'Max instances not set: a traffic spike or a loop can scale (and bill) up to the regional quota',
    explanation:
      'Without max_instance_count Cloud Run applies a default of 100 or a quota-derived value. 0 is the same as unset (the provider does not send it): it does not disable the service.',
    source: '"Set maximum instances for services", https://cloud.google.com/run/docs/configuring/max-instances',
    reads: ['maxInstances'],
    check: ({ maxInstances }) =>
      maxInstances === undefined || maxInstances === 0
        ? {
            fact: 'maxInstances',
            message:
              maxInstances === 0
                ? 'max instances 0 is not sent by the provider, so Cloud Run applies its default maximum; 0 does not disable the service'
                : 'no maximum instance count is set',
            fix: 'set maxInstances to the most your budget and backends can take',
          }
        : undefined,
  },
];
