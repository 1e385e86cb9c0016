/**
 * Cost and operations rules that are not platform facts: deletion protection.
 * (The Cloud Run cost rules — max instances, min instances, billing, gen1 — are platform fact rules: lib/platform.)
 * @internal
 */
import { CheckLevel } from '../../../core/levels';
import { ResourceKind } from '../../../platform/kinds';
import { Pack } from '../../../platform/rule';
import { field, UNKNOWN } from '../../model';
import { fail, type TerraformRule, unknown } from '../../rule';

export const CLOUD_RUN_DELETION_PROTECTION_OFF: TerraformRule = {
  id: 'GCR-DELETION-PROTECTION-OFF',
  level: CheckLevel.INFO,
  pack: Pack.COST,
  title: 'Deletion protection is turned off',
  explanation:
    'The google provider protects v2 services, jobs and worker pools from terraform destroy and from replacements (a name or location change) by default; deletion_protection = false lets a plan delete the resource and its history (revisions, executions). Fine for ephemeral environments, risky in production. Prior art: none (provider-only field).',
  source: 'hashicorp/terraform-provider-google website/docs/r/cloud_run_v2_service.html.markdown (deletion_protection)',
  appliesTo: [ResourceKind.CLOUD_RUN_SERVICE, ResourceKind.CLOUD_RUN_JOB, ResourceKind.CLOUD_RUN_WORKER_POOL],
  suppressible: true,
  check: (r) => {
    const value = field(r.config, 'deletion_protection');
    if (value === UNKNOWN) return unknown('deletion_protection');
    return value === false || value === 'false'
      ? fail(
          'deletion_protection = false, so terraform destroy or a replacing change deletes it',
          'remove deletion_protection (default true) in production; keep false only for ephemeral environments',
          'deletion_protection',
        )
      : undefined;
  },
};
