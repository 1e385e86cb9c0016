/**
 * How a Cloud Run service splits its traffic among revisions, and the tags that give a revision a URL of its own.
 * Sources: googleapis/googleapis `google/cloud/run/v2/traffic_target.proto` ("Specifies percent of the traffic to
 * this Revision. This defaults to zero if unspecified"); "Rollbacks, gradual rollouts, and traffic migration"
 * (https://cloud.google.com/run/docs/rollouts-rollbacks-traffic-migration); "Set minimum instances for services"
 * (https://cloud.google.com/run/docs/configuring/min-instances).
 */
import { CheckLevel } from '../../core/levels';
import { Pack } from '../rule';
import { type CloudRunRule, type CloudRunViolation, SERVICE, type TrafficFacts } from './facts';

/** The most characters a tag and the service name take together: they form one DNS label of the tag's URL. */
export const CLOUD_RUN_TAG_WITH_SERVICE_MAX = 46;
/** The fewest characters of a tag. */
export const CLOUD_RUN_TAG_MIN = 3;
/** A tag: an RFC 1035 label (lowercase letters, digits and hyphens, a letter first, no hyphen last). */
const TAG = /^[a-z]([a-z0-9-]*[a-z0-9])?$/;

/** The percent a target gets (unset: 0). */
const percentOf = (t: TrafficFacts) => t.percent ?? 0;

/** A traffic target as messages name it. */
function target(t: TrafficFacts): string {
  return t.type === 'revision' ? `revision '${t.revision ?? '?'}'` : 'the latest revision';
}

const TRAFFIC_PAGE =
  '"Rollbacks, gradual rollouts, and traffic migration", https://cloud.google.com/run/docs/rollouts-rollbacks-traffic-migration';

export const CLOUD_RUN_TRAFFIC_RULES: readonly CloudRunRule[] = [
  {
    id: 'GCR-TRAFFIC-SPLIT',
    pack: Pack.PLATFORM,
    level: CheckLevel.ERROR,
    suppressible: false,
    appliesTo: SERVICE,
    title: 'Traffic percents are whole numbers from 0 to 100 that sum to 100; a revision target names its revision',
    explanation:
      "A traffic block divides every request among revisions: shares that do not add up to 100 leave requests with no revision or promise more than all of them, so the split cannot work. An error, although the sum is Knative Serving's validation (Cloud Run's v1 API is Knative's), not stated in a Cloud Run v2 page. A revision target without a revision name routes nowhere.",
    source: `${TRAFFIC_PAGE}; googleapis/googleapis google/cloud/run/v2/traffic_target.proto; knative/serving pkg/apis/serving/v1/route_validation.go ("Traffic targets sum to %d, want 100")`,
    reads: ['traffic'],
    check: ({ traffic }) => {
      if (traffic === undefined || traffic.length === 0) return undefined;
      let violations: CloudRunViolation[] | undefined;
      const add = (fact: CloudRunViolation['fact'], message: string, fix: string) =>
        (violations ??= []).push({ fact, message, fix });
      let sum = 0;
      for (let i = 0; i < traffic.length; i++) {
        const t = traffic[i];
        const p = percentOf(t);
        sum += p;
        if (!Number.isInteger(p) || p < 0 || p > 100)
          add(`traffic.${i}`, `${target(t)} gets ${p}%: a percent is a whole number from 0 to 100`, 'use 0 to 100');
        if (t.type === 'revision' && (t.revision === undefined || t.revision === ''))
          add(`traffic.${i}`, 'a revision target names no revision', 'name the revision, or target the latest');
      }
      if (Number.isFinite(sum) && Math.abs(sum - 100) > 1e-9) {
        add(
          'traffic',
          `the traffic targets sum to ${sum}%, not 100%`,
          'make the percents add up to 100 (a tag-only target gets 0)',
        );
      }
      return violations;
    },
  },
  {
    id: 'GCR-TRAFFIC-TAG',
    pack: Pack.PLATFORM,
    level: CheckLevel.ERROR,
    suppressible: false,
    appliesTo: SERVICE,
    title:
      'Traffic tags are lowercase DNS labels used once, of at least 3 characters, and with the service name at most 46',
    explanation:
      'A tag names the URL https://TAG---SERVICE-….run.app: it is an RFC 1035 label, one per target, and Cloud Run rejects a tag and service name longer than 46 characters together ("Combined traffic tag and service name cannot exceed 46 characters"). Tags shorter than 3 characters have been refused by Cloud Run too (reported by users, not documented): a warning.',
    source:
      'Cloud Run API error quoted in PolicyEngine/policyengine-api issue 3729 ("Combined traffic tag and service name cannot exceed 46 characters") and PolicyEngine/policyengine-sim-api issue 656 (tags of at least three characters); "Network endpoint groups: NetworkEndpointGroupCloudRun.tag" (RFC 1035), https://cloud.google.com/compute/docs/reference/rest/v1/networkEndpointGroups',
    scope: { reads: ['traffic'], when: ({ traffic }) => traffic?.some((t) => t.tag !== undefined) === true },
    reads: ['traffic', 'name'],
    check: ({ traffic, name }) => {
      if (traffic === undefined) return undefined;
      let violations: CloudRunViolation[] | undefined;
      const tags = new Set<string>();
      for (let i = 0; i < traffic.length; i++) {
        const tag = traffic[i].tag;
        if (tag === undefined || tag === '') continue;
        const at = `traffic.${i}.tag` as const;
        if (!TAG.test(tag)) {
          (violations ??= []).push({
            fact: at,
            message: `tag '${tag}' is not a DNS label: lowercase letters, digits and hyphens, a letter first, no hyphen last`,
            fix: `use e.g. '${
              tag
                .toLowerCase()
                .replace(/[^a-z0-9-]+/g, '-')
                .replace(/^[^a-z]+/, '')
                .replace(/-+$/, '') || 'canary'
            }'`,
          });
        } else if (tag.length < CLOUD_RUN_TAG_MIN) {
          (violations ??= []).push({
            fact: at,
            message: `tag '${tag}' has fewer than ${CLOUD_RUN_TAG_MIN} characters, which Cloud Run has refused`,
            fix: `use a tag of at least ${CLOUD_RUN_TAG_MIN} characters`,
            level: CheckLevel.WARNING,
          });
        }
        if (name !== undefined && tag.length + name.length > CLOUD_RUN_TAG_WITH_SERVICE_MAX) {
          (violations ??= []).push({
            fact: at,
            message: `tag '${tag}' and service name '${name}' together have ${tag.length + name.length} characters; Cloud Run allows ${CLOUD_RUN_TAG_WITH_SERVICE_MAX}`,
            fix: `shorten the tag to ${Math.max(0, CLOUD_RUN_TAG_WITH_SERVICE_MAX - name.length)} characters or the service name`,
          });
        }
        if (tags.has(tag)) {
          (violations ??= []).push({
            fact: at,
            message: `tag '${tag}' is used twice`,
            fix: 'give each tag to one target',
          });
        }
        tags.add(tag);
      }
      return violations;
    },
  },
  {
    id: 'GCR-TRAFFIC-MIN-INSTANCES',
    pack: Pack.COST,
    level: CheckLevel.WARNING,
    suppressible: true,
    appliesTo: SERVICE,
    title: 'Revision-level min instances are kept by every revision the traffic block names or tags',
    explanation:
      'Min instances set on the revision template start for each revision referenced in the traffic split (even at 0%) or given a tag, so a canary or tagged revision keeps its own idle instances. Service-level min instances are divided among the revisions that receive traffic instead.',
    source: '"Set minimum instances for services", https://cloud.google.com/run/docs/configuring/min-instances',
    scope: { reads: ['traffic'], when: ({ traffic }) => (traffic?.length ?? 0) > 1 },
    reads: ['traffic', 'minInstances'],
    check: ({ traffic, minInstances = 0 }) => {
      if (!traffic || !(minInstances > 0)) return undefined;
      const kept = traffic.filter((t, i) => traffic.findIndex((o) => target(o) === target(t)) === i);
      if (kept.length < 2) return undefined;
      return {
        fact: 'minInstances',
        message: `${kept.length} revisions are named or tagged in the traffic block (${kept.map(target).join(', ')}), and each keeps the ${minInstances} revision-level min instance(s): up to ${kept.length * minInstances} idle instances`,
        fix: 'set min instances at the service level (divided by traffic share), or drop the revision-level minimum',
      };
    },
  },
];
