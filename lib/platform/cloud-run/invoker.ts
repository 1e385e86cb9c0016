/**
 * Who may invoke a Cloud Run service, as `CloudRunService.grantInvoke(member)` is asked. Source: "IAM overview"
 * (principal identifiers), https://cloud.google.com/iam/docs/principal-identifiers.
 */
import { CheckLevel } from '../../core/levels';
import { type FactRule, Pack } from '../rule';
import { CONSTRUCT_ONLY } from './facts';

/** What `grantInvoke` is given. */
export interface InvokerFacts {
  readonly member?: string;
}

/** IAM principals with a type prefix (public members are granted through allowUnauthenticated, not grantInvoke). */
const IAM_MEMBER =
  /^((user|serviceAccount|group|domain|deleted:user|deleted:serviceAccount|deleted:group):.+|principal(Set)?:\/\/.+)$/;

export const CLOUD_RUN_INVOKER_RULES: ReadonlyArray<FactRule<InvokerFacts>> = [
  {
    id: 'GCR-INVOKER-MEMBER',
    pack: Pack.SECURITY,
    level: CheckLevel.ERROR,
    suppressible: false,
    appliesTo: CONSTRUCT_ONLY,
    title: 'grantInvoke takes an IAM principal with its type prefix, never a public member',
    explanation:
      'IAM needs the principal type (serviceAccount:, user:, group:, domain:, principal://); public access goes through allowUnauthenticated so that it stays visible in the props.',
    source: '"Principal identifiers", https://cloud.google.com/iam/docs/principal-identifiers',
    reads: ['member'],
    check: ({ member }) => {
      if (member === undefined || IAM_MEMBER.test(member)) return undefined;
      const isPublic = member === 'allUsers' || member === 'allAuthenticatedUsers';
      return {
        fact: 'member',
        message: isPublic
          ? 'public access is not granted through grantInvoke, so that it stays visible in the props'
          : 'an IAM member needs a type prefix',
        fix: isPublic
          ? 'set allowUnauthenticated: true'
          : member.includes('@')
            ? `write 'serviceAccount:${member}' or 'user:${member}'`
            : "write it like 'serviceAccount:name@project.iam.gserviceaccount.com'",
      };
    },
  },
];
