/**
 * An App Engine service and its versions: ids, what destroying a version does, where the code comes from, and who the
 * version runs as. Sources: "app.yaml Configuration File" (service),
 * https://cloud.google.com/appengine/docs/standard/reference/app-yaml; GoogleCloudPlatform/magic-modules
 * `mmv1/products/appengine/StandardAppVersion.yaml` (version_id, deployment, delete_service_on_destroy).
 */
import { CheckLevel } from '../../core/levels';
import { slugify } from '../../core/text';
import { Pack } from '../rule';
import { DEFAULT_SERVICE_ACCOUNTS, serviceAccountRules } from '../service-account';
import { type AppEngineVersionFacts, CONSTRUCT_ONLY, VERSION, VERSIONS, type VersionRule } from './facts';

/** Version ids: lowercase letters, digits, hyphens; at most 63 characters; reserved `default`, `latest`, `ah-…`. */
export const APP_ENGINE_VERSION_ID = {
  maxLength: 63,
  pattern: /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/,
  reserved: ['default', 'latest'],
  reservedPrefix: 'ah-',
} as const;

/** Service ids: lowercase letters, digits, hyphens, at most 63 characters, no leading or trailing hyphen. */
export const APP_ENGINE_SERVICE_ID = { maxLength: 63, pattern: /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/ } as const;

/** The most characters of `VERSION-dot-SERVICE-dot-PROJECT_ID`, the host name of a version. */
export const APP_ENGINE_HOSTNAME_MAX = 63;

/** The service every application has, which must exist before any other and cannot be deleted. */
export const APP_ENGINE_DEFAULT_SERVICE = 'default';

const SAV = 'GoogleCloudPlatform/magic-modules mmv1/products/appengine/StandardAppVersion.yaml';

/**
 * A new application's first version must be one of its `default` service. Judged by the construct at synth (when
 * every construct of the stack exists), for a version whose application is created in the same stack.
 */
export const DEFAULT_SERVICE_FIRST: VersionRule = {
  id: 'GAE-DEFAULT-SERVICE-FIRST',
  pack: Pack.PLATFORM,
  level: CheckLevel.ERROR,
  suppressible: false,
  appliesTo: CONSTRUCT_ONLY,
  title: "A new application's first service is the default service",
  explanation:
    '"Every App Engine application includes a default service. You must deploy the initial version of your app to the default service before you can create and deploy additional services to your app." A stack that creates the application and only versions of other services cannot be deployed. Judged only when the application is created in the same stack: an existing one may have its default service already.',
  source:
    '"Structuring web services in App Engine" (The default service), https://cloud.google.com/appengine/docs/standard/configuration-files',
  reads: ['service', 'defaultVersionInStack'],
  check: ({ service = APP_ENGINE_DEFAULT_SERVICE, defaultVersionInStack }) =>
    service !== APP_ENGINE_DEFAULT_SERVICE && defaultVersionInStack === false
      ? {
          fact: 'service',
          message: `this stack creates the project's App Engine application but no version of its '${APP_ENGINE_DEFAULT_SERVICE}' service, which must be deployed before any other`,
          fix: `deploy a version of the default service first, or add one to this stack (service '${APP_ENGINE_DEFAULT_SERVICE}' or unset)`,
        }
      : undefined,
};

export const APP_ENGINE_SERVICE_RULES: readonly VersionRule[] = [
  {
    id: 'GAE-VERSION-ID',
    pack: Pack.PLATFORM,
    level: CheckLevel.ERROR,
    suppressible: false,
    appliesTo: VERSION,
    title: 'Version ids: lowercase letters, digits and hyphens, at most 63 characters, not default/latest or ah-…',
    explanation: 'The API rejects other version ids; `default`, `latest` and the `ah-` prefix are reserved.',
    source:
      'GoogleCloudPlatform/magic-modules mmv1/products/appengine/StandardAppVersion.yaml (version_id); "app.yaml Configuration File", https://cloud.google.com/appengine/docs/standard/reference/app-yaml',
    reads: ['versionId'],
    check: ({ versionId: v }) => {
      if (v === undefined) return undefined;
      const r = APP_ENGINE_VERSION_ID;
      const suggestion = slugify(v.replace(/^ah-/i, ''), {
        maxLength: r.maxLength,
        start: 'alphanumeric',
        fallback: 'v1',
      });
      if (v.length > r.maxLength)
        return {
          fact: 'versionId',
          message: `the version id has ${v.length} characters; the limit is 63`,
          fix: 'shorten it',
        };
      if (!r.pattern.test(v)) {
        return {
          fact: 'versionId',
          message: 'a version id may only use lowercase letters, digits and hyphens, not at either end',
          fix: `use something like '${suggestion}'`,
        };
      }
      if ((r.reserved as readonly string[]).includes(v) || v.startsWith(r.reservedPrefix)) {
        return { fact: 'versionId', message: `'${v}' is reserved`, fix: "use another id, e.g. 'v1' or a release tag" };
      }
      return undefined;
    },
  },
  {
    id: 'GAE-SERVICE-ID',
    pack: Pack.PLATFORM,
    level: CheckLevel.ERROR,
    suppressible: false,
    appliesTo: VERSION,
    title: 'Service ids: lowercase letters, digits and hyphens, at most 63 characters, no hyphen at either end',
    explanation: 'The service id becomes part of the version hostname VERSION-dot-SERVICE-dot-PROJECT.',
    source:
      '"app.yaml Configuration File" (service), https://cloud.google.com/appengine/docs/standard/reference/app-yaml',
    reads: ['service'],
    check: ({ service: s }) =>
      s !== undefined && (s.length > APP_ENGINE_SERVICE_ID.maxLength || !APP_ENGINE_SERVICE_ID.pattern.test(s))
        ? {
            fact: 'service',
            message: `'${s}' is not a valid service id`,
            fix: `use lowercase letters, digits and hyphens (at most 63), e.g. '${slugify(s, {
              maxLength: APP_ENGINE_SERVICE_ID.maxLength,
              start: 'alphanumeric',
              fallback: 'default',
            })}'`,
          }
        : undefined,
  },
  {
    id: 'GAE-HOSTNAME-LENGTH',
    pack: Pack.PLATFORM,
    level: CheckLevel.ERROR,
    suppressible: false,
    appliesTo: VERSION,
    title: 'VERSION-dot-SERVICE-dot-PROJECT_ID is at most 63 characters',
    explanation:
      '"The combined length of VERSION-dot-SERVICE-dot-PROJECT_ID, where VERSION is the name of your version, SERVICE is the name of your service, and PROJECT_ID is your project ID, cannot be longer than 63 characters and cannot start or end with a hyphen." Judged when all three are known (a version id App Engine generates is not).',
    source:
      '"app.yaml Configuration File" (service), https://cloud.google.com/appengine/docs/standard/reference/app-yaml; "Quotas and limits" (Maximum characters in Project URL for VERSION-dot-SERVICE-dot-PROJECT_ID URL: 63), https://cloud.google.com/appengine/docs/standard/quotas',
    reads: ['versionId', 'service', 'project'],
    check: ({ versionId, service = APP_ENGINE_DEFAULT_SERVICE, project }) => {
      // A domain-scoped project (example.com:my-app) is written differently in host names: not judged.
      if (versionId === undefined || project === undefined || project.includes(':')) return undefined;
      const host = `${versionId}-dot-${service}-dot-${project}`;
      if (host.length <= APP_ENGINE_HOSTNAME_MAX) return undefined;
      const room = APP_ENGINE_HOSTNAME_MAX - (host.length - versionId.length);
      return {
        fact: 'versionId',
        message: `${host} has ${host.length} characters; App Engine allows at most ${APP_ENGINE_HOSTNAME_MAX} for VERSION-dot-SERVICE-dot-PROJECT_ID`,
        fix:
          room >= 1
            ? `shorten the version id to at most ${room} characters (or the service id)`
            : 'shorten the service id and the version id',
      };
    },
  },
  {
    id: 'GAE-DEFAULT-SERVICE-DELETE',
    pack: Pack.PLATFORM,
    level: CheckLevel.ERROR,
    suppressible: false,
    appliesTo: VERSION,
    title: 'The default service cannot be deleted with a version',
    explanation:
      'delete_service_on_destroy removes the whole service when the version is destroyed; the default service exists as long as the application does, so the deletion fails.',
    source: `${SAV} (delete_service_on_destroy); "app.yaml Configuration File" (service), https://cloud.google.com/appengine/docs/standard/reference/app-yaml`,
    reads: ['service', 'deleteServiceOnDestroy'],
    check: ({ service = APP_ENGINE_DEFAULT_SERVICE, deleteServiceOnDestroy }) =>
      service === APP_ENGINE_DEFAULT_SERVICE && deleteServiceOnDestroy === true
        ? {
            fact: 'deleteServiceOnDestroy',
            message: 'the default service cannot be deleted while the application exists',
            fix: 'leave deleteServiceOnDestroy off for the default service',
          }
        : undefined,
  },
  DEFAULT_SERVICE_FIRST,
  {
    id: 'GAE-DEPLOYMENT',
    pack: Pack.PLATFORM,
    level: CheckLevel.ERROR,
    suppressible: false,
    appliesTo: VERSION,
    title: 'A deployment names a zip archive or at least one file',
    explanation: 'App Engine reads the code of a version from its deployment; an empty one has nothing to run.',
    source: `${SAV} (deployment)`,
    reads: ['deploymentSources'],
    check: ({ deploymentSources }) =>
      deploymentSources === 0
        ? {
            fact: 'deploymentSources',
            message: 'the deployment has no files',
            fix: 'use Deployment.zip(url) or list at least one file',
          }
        : undefined,
  },
  ...serviceAccountRules<AppEngineVersionFacts>({
    prefix: 'GAE',
    platform: DEFAULT_SERVICE_ACCOUNTS.appEngine,
    appliesTo: VERSIONS,
    fact: 'serviceAccount',
    what: 'App Engine versions',
    source:
      '"Configure service accounts" (per-version service account), https://cloud.google.com/appengine/docs/standard/configure-service-accounts',
  }),
];
