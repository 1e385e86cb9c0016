/**
 * Outbound access to a VPC as the provider writes it and the rules see it, shared by the constructs that run
 * containers.
 * @internal
 */
import { Derived } from '../core/validation';
import type { PropOfFact } from '../platform/judge';
import type { VpcAccess } from './vpc-access';

/** The `vpc_access` block of a template: a connector, or Direct VPC egress through one network interface. */
export function renderVpcAccess(access: VpcAccess | undefined) {
  if (!access) return undefined;
  if (access.connectorId !== undefined) return { connector: access.connectorId, egress: access.egress };
  const d = access.directVpcOptions!;
  return { egress: access.egress, networkInterfaces: [{ network: d.network, subnetwork: d.subnetwork, tags: d.tags }] };
}

/** The region of a connector given by its full name; a token there is recorded in `unknown`. */
export function vpcConnectorRegion(access: VpcAccess | undefined, unknown: Set<string>): string | undefined {
  const region = access?._connectorRegion();
  if (region === null) unknown.add('vpcConnectorRegion');
  return region ?? undefined;
}

/** The `vpcAccess` prop as a message shows it when a connector rule reports it. */
export function connectorProp(access: VpcAccess | undefined): PropOfFact {
  return { prop: 'vpcAccess', value: new Derived(`VpcAccess.connector('${access?.connectorId}')`) };
}
