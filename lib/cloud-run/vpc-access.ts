import { VpcEgress } from './enums';

/** Options of Direct VPC egress. */
export interface DirectVpcOptions {
  /**
   * The VPC network name or self link.
   * @default - inferred by Cloud Run from the subnetwork
   */
  readonly network?: string;
  /** The subnetwork name or self link, in the service's region. */
  readonly subnetwork: string;
  /**
   * Network tags applied to the instances (for firewall rules).
   * @default - none
   */
  readonly tags?: string[];
  /**
   * Which outbound traffic goes through the VPC.
   * @default VpcEgress.PRIVATE_RANGES_ONLY
   */
  readonly egress?: VpcEgress;
}

/** Outbound access to a VPC network: Direct VPC egress or a Serverless VPC Access connector. */
export class VpcAccess {
  /** Direct VPC egress through a subnetwork (no connector to pay for). */
  public static directVpc(options: DirectVpcOptions): VpcAccess {
    return new VpcAccess(undefined, options, options.egress ?? VpcEgress.PRIVATE_RANGES_ONLY);
  }

  /**
   * A Serverless VPC Access connector.
   * @param connector the connector's id, e.g. `projects/p/locations/us-central1/connectors/c`
   * @param egress which outbound traffic goes through it (default: private ranges only)
   */
  public static connector(connector: string, egress: VpcEgress = VpcEgress.PRIVATE_RANGES_ONLY): VpcAccess {
    return new VpcAccess(connector, undefined, egress);
  }

  /** The connector, for connector access. */
  public readonly connectorId?: string;
  /** The Direct VPC settings, for Direct VPC egress. */
  public readonly directVpcOptions?: DirectVpcOptions;
  /** Which outbound traffic goes through the VPC. */
  public readonly egress: VpcEgress;

  private constructor(connector: string | undefined, direct: DirectVpcOptions | undefined, egress: VpcEgress) {
    this.connectorId = connector;
    this.directVpcOptions = direct;
    this.egress = egress;
  }
}
