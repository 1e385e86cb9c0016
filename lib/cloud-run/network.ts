/**
 * Outbound access to a VPC as the provider writes it, shared by the constructs that run containers.
 * @internal
 */
import type { VpcAccess } from './vpc-access';

/** The `vpc_access` block of a template: a connector, or Direct VPC egress through one network interface. */
export function renderVpcAccess(access: VpcAccess | undefined) {
  if (!access) return undefined;
  if (access.connectorId !== undefined) return { connector: access.connectorId, egress: access.egress };
  const d = access.directVpcOptions!;
  return { egress: access.egress, networkInterfaces: [{ network: d.network, subnetwork: d.subnetwork, tags: d.tags }] };
}
