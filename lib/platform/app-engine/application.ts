/**
 * The App Engine application of a project: its location (which cannot change) and database. Sources: "App Engine
 * locations" (https://cloud.google.com/appengine/docs/standard/locations): "Two locations, which are called
 * `europe-west` and `us-central` in App Engine commands and in the Google Cloud console, are called `europe-west1` and
 * `us-central1`, respectively, elsewhere in Google documentation."; "Global locations"
 * (https://cloud.google.com/about/locations).
 */
import { CheckLevel } from '../../core/levels';
import { closest } from '../../core/text';
import { Pack } from '../rule';
import { APPLICATION, type ApplicationRule } from './facts';
import { ownEntry } from '../../core/tables';

/** App Engine location ids. `europe-west` is Belgium, `us-central` is Iowa. */
export const APP_ENGINE_LOCATIONS: readonly string[] = [
  'northamerica-northeast1',
  'northamerica-northeast2',
  'us-central',
  'us-east1',
  'us-east4',
  'us-west1',
  'us-west2',
  'us-west3',
  'us-west4',
  'southamerica-east1',
  'southamerica-west1',
  'europe-west',
  'europe-west2',
  'europe-west3',
  'europe-west6',
  'europe-central2',
  'me-west1',
  'asia-east1',
  'asia-east2',
  'asia-northeast1',
  'asia-northeast2',
  'asia-northeast3',
  'asia-south1',
  'asia-southeast1',
  'asia-southeast2',
  'australia-southeast1',
];

/** Region names used elsewhere in Google Cloud for the two App Engine locations that are spelt differently. */
export const APP_ENGINE_LOCATION_ALIASES: Readonly<Record<string, string>> = {
  'us-central1': 'us-central',
  'europe-west1': 'europe-west',
};

/** Database types the API accepts for a new application (`CLOUD_DATASTORE` only exists on old apps). */
export const APP_ENGINE_DATABASE_TYPES = {
  accepted: ['CLOUD_FIRESTORE', 'CLOUD_DATASTORE_COMPATIBILITY'],
  legacy: 'CLOUD_DATASTORE',
} as const;

/** The App Engine location meant by a region-like string: `us-central1` → `us-central`, a typo → the closest id. */
export function suggestLocation(raw: string): string {
  const lower = raw.trim().toLowerCase();
  return (
    ownEntry(APP_ENGINE_LOCATION_ALIASES, lower) ?? closest(lower, APP_ENGINE_LOCATIONS) ?? APP_ENGINE_LOCATIONS[0]
  );
}

export const APP_ENGINE_APPLICATION_RULES: readonly ApplicationRule[] = [
  {
    id: 'GAE-APP-LOCATION',
    pack: Pack.PLATFORM,
    level: CheckLevel.ERROR,
    suppressible: false,
    appliesTo: APPLICATION,
    title: 'location_id must be an App Engine location id (us-central, europe-west, …), not a Compute region name',
    explanation:
      '"Two locations, which are called europe-west and us-central in App Engine commands and in the Google Cloud console, are called europe-west1 and us-central1, respectively, elsewhere in Google documentation." The location cannot be changed later.',
    source: '"App Engine locations", https://cloud.google.com/appengine/docs/standard/locations',
    reads: ['locationId'],
    check: ({ locationId }) => {
      if (locationId === undefined || APP_ENGINE_LOCATIONS.includes(locationId)) return undefined;
      const alias = ownEntry(APP_ENGINE_LOCATION_ALIASES, locationId);
      if (alias) {
        return {
          fact: 'locationId',
          message: `'${locationId}' is a Cloud Run/Compute region name; App Engine calls that location '${alias}'`,
          fix: `use '${alias}'`,
        };
      }
      if (/^[a-z]+-[a-z]+[0-9]+$/.test(locationId)) return undefined; // a well-formed region: GAE-APP-LOCATION-UNLISTED
      return {
        fact: 'locationId',
        message: `'${locationId}' is not an App Engine location id`,
        fix: `did you mean '${suggestLocation(locationId)}'?`,
      };
    },
  },
  {
    id: 'GAE-APP-LOCATION-UNLISTED',
    pack: Pack.PLATFORM,
    level: CheckLevel.WARNING,
    suppressible: true,
    appliesTo: APPLICATION,
    title: 'location_id is a region where App Engine is not known to run',
    explanation: 'App Engine runs in a subset of Google Cloud regions.',
    source:
      '"App Engine locations", https://cloud.google.com/appengine/docs/standard/locations; "Global locations", https://cloud.google.com/about/locations',
    reads: ['locationId'],
    // Unset: '', which is no region.
    check: ({ locationId = '' }) =>
      !APP_ENGINE_LOCATIONS.includes(locationId) &&
      ownEntry(APP_ENGINE_LOCATION_ALIASES, locationId) === undefined &&
      /^[a-z]+-[a-z]+[0-9]+$/.test(locationId)
        ? {
            fact: 'locationId',
            message: `'${locationId}' is not in the list of App Engine locations`,
            fix: `check the locations page; the nearest known id is '${suggestLocation(locationId)}'`,
          }
        : undefined,
  },
  {
    id: 'GAE-APP-DATABASE-TYPE',
    pack: Pack.PLATFORM,
    level: CheckLevel.ERROR,
    suppressible: false,
    appliesTo: APPLICATION,
    title: 'database_type CLOUD_DATASTORE is rejected for new applications',
    explanation:
      'The provider accepts CLOUD_DATASTORE but the API only creates apps with CLOUD_FIRESTORE or CLOUD_DATASTORE_COMPATIBILITY.',
    source: 'hashicorp/terraform-provider-google website/docs/r/app_engine_application.html.markdown (database_type)',
    reads: ['databaseType'],
    check: ({ databaseType }) =>
      databaseType === APP_ENGINE_DATABASE_TYPES.legacy
        ? {
            fact: 'databaseType',
            message: 'CLOUD_DATASTORE cannot be used for a new application',
            fix: 'use CLOUD_DATASTORE_COMPATIBILITY (Firestore in Datastore mode) or CLOUD_FIRESTORE',
          }
        : undefined,
  },
  {
    id: 'GAE-APP-PER-PROJECT',
    pack: Pack.PLATFORM,
    level: CheckLevel.ERROR,
    suppressible: false,
    appliesTo: APPLICATION,
    title: 'A project holds exactly one App Engine application',
    explanation:
      'The application is created once per project, in one location; a second one for the same project cannot be created.',
    source: '"App Engine locations", https://cloud.google.com/appengine/docs/standard/locations',
    reads: ['sameProject'],
    check: ({ sameProject }) =>
      sameProject !== undefined && sameProject.length > 0
        ? {
            fact: 'sameProject',
            message: `the project already has an App Engine application (${sameProject[0]}); each project holds exactly one`,
            fix: 'create one App Engine application per project and deploy every service into it',
          }
        : undefined,
  },
];
