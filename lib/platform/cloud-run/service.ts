/**
 * A Cloud Run service as a whole: its name, region, image, port, labels, execution environment and runtime identity.
 * Sources: googleapis/googleapis `google/cloud/run/v2/service.proto` (service_id); "Cloud Run locations"
 * (https://cloud.google.com/run/docs/locations); "Execution environments"
 * (https://cloud.google.com/run/docs/about-execution-environments).
 */
import { CheckLevel } from '../../core/levels';
import { slugify } from '../../core/text';
import { labelProblems } from '../labels';
import { Pack } from '../rule';
import { DEFAULT_SERVICE_ACCOUNTS, serviceAccountRules } from '../service-account';
import { ResourceKind } from '../kinds';
import {
  type CloudRunFacts,
  type CloudRunRule,
  type CloudRunViolation,
  CONTAINERS,
  isWhole,
  SERVICE,
  SERVICES,
} from './facts';

/** Cloud Run service names: fewer than 50 characters, lowercase letters, digits, hyphens, letter first, no trailing hyphen. */
export const CLOUD_RUN_SERVICE_NAME = { maxLength: 49, pattern: /^[a-z]([a-z0-9-]*[a-z0-9])?$/ } as const;
/** Cloud Run regions: `us-central1`, `europe-west1`, `northamerica-northeast2`. */
const REGION = /^[a-z]+(-[a-z]+)+[0-9]+$/;
/** Where a multi-region service lives (its regions are in `multi_region_settings`). */
const MULTI_REGION = 'global';
/** A region name without its number: an App Engine location id such as `us-central` or `europe-west`. */
const REGION_WITHOUT_NUMBER = /^[a-z]+(-[a-z]+)+$/;

/** A name Cloud Run accepts, derived from any string (e.g. a construct id). */
export function suggestServiceName(raw: string): string {
  return slugify(raw, { maxLength: CLOUD_RUN_SERVICE_NAME.maxLength, start: 'letter', fallback: 'service' });
}

export const CLOUD_RUN_SERVICE_RULES: readonly CloudRunRule[] = [
  {
    id: 'GCR-SERVICE-NAME',
    pack: Pack.PLATFORM,
    level: CheckLevel.ERROR,
    suppressible: false,
    appliesTo: [...SERVICE, ResourceKind.CLOUD_RUN_WORKER_POOL],
    title:
      'Service and worker pool names: fewer than 50 characters, lowercase letters, digits and hyphens, starting with a letter, not ending with a hyphen',
    explanation: 'The Cloud Run v2 API rejects other service and worker pool ids.',
    source:
      'googleapis/googleapis google/cloud/run/v2/service.proto (CreateServiceRequest.service_id) and worker_pool.proto (CreateWorkerPoolRequest.worker_pool_id)',
    reads: ['name'],
    check: ({ name }) => {
      if (name === undefined) return undefined;
      let violations: CloudRunViolation[] | undefined;
      if (name.length > CLOUD_RUN_SERVICE_NAME.maxLength) {
        (violations ??= []).push({
          fact: 'name',
          message: `the name has ${name.length} characters; the limit is 49`,
          fix: 'shorten it to 49 characters or fewer',
        });
      }
      if (!CLOUD_RUN_SERVICE_NAME.pattern.test(name)) {
        (violations ??= []).push({
          fact: 'name',
          message:
            'the name must use lowercase letters, digits and hyphens, start with a letter and not end with a hyphen',
          fix: `use something like '${suggestServiceName(name)}'`,
        });
      }
      return violations;
    },
  },
  {
    id: 'GCR-REGION',
    pack: Pack.PLATFORM,
    level: CheckLevel.ERROR,
    suppressible: false,
    appliesTo: CONTAINERS,
    title: 'The region is a Cloud Run region such as us-central1, not an App Engine location id such as us-central',
    explanation:
      'Cloud Run regions end with a number; App Engine calls two of the same places us-central and europe-west, which Cloud Run rejects. A multi-region service is created in `global` with its regions in multi_region_settings.',
    source:
      '"Cloud Run locations", https://cloud.google.com/run/docs/locations; "Deploy a multi-region service", https://cloud.google.com/run/docs/multiple-regions',
    reads: ['region'],
    check: ({ region }) => {
      if (region === undefined || REGION.test(region) || region === MULTI_REGION) return undefined;
      const likely = REGION_WITHOUT_NUMBER.test(region) ? `${region}1` : undefined;
      return {
        fact: 'region',
        message: likely
          ? `'${region}' is an App Engine location id, not a Cloud Run region`
          : 'a Cloud Run region looks like us-central1 or europe-west1',
        fix: likely ? `use '${likely}'` : 'use a region id such as us-central1',
      };
    },
  },
  {
    id: 'GCR-IMAGE',
    pack: Pack.PLATFORM,
    level: CheckLevel.ERROR,
    suppressible: false,
    appliesTo: CONTAINERS,
    title: 'The container image is a non-empty reference without spaces',
    explanation: 'An image reference names a registry path and a tag or digest; anything else cannot be pulled.',
    source: '"Deploying container images to Cloud Run", https://cloud.google.com/run/docs/deploying',
    reads: ['image'],
    check: ({ image }) =>
      image !== undefined && !/^\S+$/.test(image)
        ? {
            fact: 'image',
            message: 'the image must be a non-empty reference without spaces',
            fix: "use e.g. 'us-docker.pkg.dev/project/repo/app@sha256:…'",
          }
        : undefined,
  },
  {
    id: 'GCR-PORT',
    pack: Pack.PLATFORM,
    level: CheckLevel.ERROR,
    suppressible: false,
    appliesTo: SERVICES,
    title: 'The container port is 1 to 65535',
    explanation: 'Cloud Run sends requests to the container port (and sets $PORT to it); it must be a TCP port number.',
    source:
      '"Configure containers for services" (container port), https://cloud.google.com/run/docs/configuring/services/containers',
    reads: ['containerPort'],
    check: ({ containerPort: port }) =>
      port !== undefined && (!isWhole(port) || port < 1 || port > 65535)
        ? { fact: 'containerPort', message: 'the container port must be 1 to 65535', fix: 'use 8080' }
        : undefined,
  },
  {
    id: 'GCR-LABELS',
    pack: Pack.PLATFORM,
    level: CheckLevel.ERROR,
    suppressible: false,
    appliesTo: CONTAINERS,
    title:
      'Label keys and values: lowercase letters, digits, underscores and hyphens, at most 63; keys start with a letter',
    explanation: 'Google Cloud rejects labels outside these limits on every resource that carries them.',
    source: '"Labels overview" (requirements), https://cloud.google.com/resource-manager/docs/labels-overview',
    reads: ['labels'],
    check: ({ labels }) =>
      labels === undefined
        ? undefined
        : labelProblems(labels)?.map((p): CloudRunViolation => ({
            fact: `labels.${p.key}`,
            message: p.message,
            fix: p.fix,
          })),
  },
  {
    id: 'GCR-GEN1',
    pack: Pack.COST,
    level: CheckLevel.INFO,
    suppressible: true,
    appliesTo: SERVICES,
    title:
      'The gen1 execution environment lacks full Linux compatibility, network file systems and Cloud Run Threat Detection',
    explanation:
      'The first generation starts faster, but only the second has full Linux compatibility, network file systems and Threat Detection.',
    source: '"Execution environments", https://cloud.google.com/run/docs/about-execution-environments',
    reads: ['executionEnvironment', 'cpu'],
    check: ({ executionEnvironment, cpu = 1 }) =>
      executionEnvironment === 'GEN1' && cpu >= 1
        ? {
            fact: 'executionEnvironment',
            message: 'the service runs in the gen1 execution environment',
            fix: 'use gen2 unless cold starts of gen1 matter more',
          }
        : undefined,
  },
  ...serviceAccountRules<CloudRunFacts>({
    prefix: 'GCR',
    platform: DEFAULT_SERVICE_ACCOUNTS.cloudRun,
    appliesTo: CONTAINERS,
    fact: 'serviceAccount',
    what: 'Cloud Run services, jobs and worker pools',
    source: '"Introduction to service identity", https://cloud.google.com/run/docs/securing/service-identity',
  }),
];

/** The port Cloud Run sends requests to (and sets $PORT to) when none is configured (container runtime contract). */
export const CLOUD_RUN_CONTAINER_PORT = 8080;
