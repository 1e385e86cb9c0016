/**
 * How a Cloud Run service or job reaches a VPC network through a Serverless VPC Access connector. Source: "Connecting
 * to a VPC network" (https://cloud.google.com/appengine/docs/standard/connecting-vpc), which creates connectors for
 * App Engine, Cloud Run and Cloud Run functions alike: "REGION: a region for your connector, matching the region of
 * your serverless service or job"; a connector is named `projects/PROJECT_ID/locations/REGION/connectors/NAME`.
 */
import { CheckLevel } from '../../core/levels';
import { Pack } from '../rule';
import { type CloudRunRule, SERVICES_AND_JOBS } from './facts';

/** A connector's full name, with its region; a short name is looked up in the service's own region. */
const CONNECTOR_NAME = /^projects\/[^/]+\/locations\/([^/]+)\/connectors\/[^/]+$/;

/** The region in a connector's full name; undefined for a short name (the service's region) or another form. */
export function connectorRegion(connector: string): string | undefined {
  return CONNECTOR_NAME.exec(connector)?.[1];
}

const CONNECTING_VPC =
  '"Connecting to a VPC network", https://cloud.google.com/appengine/docs/standard/connecting-vpc (REGION: "matching the region of your serverless service or job")';

export const CLOUD_RUN_NETWORK_RULES: readonly CloudRunRule[] = [
  {
    id: 'GCR-VPC-CONNECTOR-REGION',
    pack: Pack.PLATFORM,
    level: CheckLevel.ERROR,
    suppressible: false,
    appliesTo: SERVICES_AND_JOBS,
    title: 'A Serverless VPC Access connector is in the region of the service or job that uses it',
    explanation:
      'A connector is regional and serves the services and jobs of its own region; one named in another region (projects/…/locations/REGION/connectors/…) cannot be used. A connector given by its short name is looked up in the region of the service or job.',
    source: CONNECTING_VPC,
    // Without a connector (or with one given by its short name) there is nothing to compare, whatever the region.
    scope: { reads: ['vpcConnectorRegion'], when: ({ vpcConnectorRegion }) => vpcConnectorRegion !== undefined },
    reads: ['vpcConnectorRegion', 'region'],
    check: ({ vpcConnectorRegion, region }) =>
      vpcConnectorRegion !== undefined && region !== undefined && vpcConnectorRegion !== region
        ? {
            fact: 'vpcConnectorRegion',
            message: `the connector is in ${vpcConnectorRegion}, the workload in ${region}: a connector serves its own region only`,
            fix: `use a connector in ${region}, or deploy to ${vpcConnectorRegion}`,
          }
        : undefined,
  },
];
