import { array, enumOf, type FactoryInput, object, optionsOf, type Shape, string } from '../core/props';
import { connectorRegion } from '../platform/cloud-run/network';
import { isUnresolved } from '../private/cdktf';
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

const egress = enumOf(VpcEgress, 'VpcEgress');
const DIRECT_VPC_OPTIONS = object<DirectVpcOptions>(
  { network: string.optional(), subnetwork: string, tags: array(string).optional(), egress: egress.optional() },
  'the options of VpcAccess.directVpc',
);
/** The arguments of `VpcAccess.connector(connector, egress)`, by name. */
const CONNECTOR_ARGUMENTS = object<{ readonly connector: string; readonly egress: VpcEgress }>({
  connector: string,
  egress,
});

/**
 * Outbound access to a VPC network: Direct VPC egress or a Serverless VPC Access connector. The options are checked by
 * the construct they are given to, under the prop's name (`vpcAccess.subnetwork`).
 */
export class VpcAccess {
  /** Direct VPC egress through a subnetwork (no connector to pay for). */
  public static directVpc(options: DirectVpcOptions): VpcAccess {
    const o = optionsOf(options);
    return new VpcAccess(undefined, o, o.egress ?? VpcEgress.PRIVATE_RANGES_ONLY, {
      value: options,
      shape: DIRECT_VPC_OPTIONS as Shape<unknown>,
    });
  }

  /**
   * A Serverless VPC Access connector.
   * @param connector the connector's id, e.g. `projects/p/locations/us-central1/connectors/c`
   * @param egress which outbound traffic goes through it (default: private ranges only)
   */
  public static connector(connector: string, egress: VpcEgress = VpcEgress.PRIVATE_RANGES_ONLY): VpcAccess {
    return new VpcAccess(connector, undefined, egress, {
      value: { connector, egress },
      shape: CONNECTOR_ARGUMENTS as Shape<unknown>,
    });
  }

  /** The connector, for connector access. */
  public readonly connectorId?: string;
  /** The Direct VPC settings, for Direct VPC egress. */
  public readonly directVpcOptions?: DirectVpcOptions;
  /** Which outbound traffic goes through the VPC. */
  public readonly egress: VpcEgress;
  /** What the factory was given, checked by the construct. @internal */
  public readonly _input: FactoryInput;

  /**
   * The region of the connector given by its full name (`projects/p/locations/REGION/connectors/c`): a string, `null`
   * when it is only known at apply (a token), undefined for a short name or no connector. @internal
   */
  public _connectorRegion(): string | null | undefined {
    const id = this.connectorId;
    if (typeof id !== 'string') return undefined;
    // A token elsewhere in the name (the project) leaves the region readable.
    const region = connectorRegion(id);
    return region !== undefined ? (isUnresolved(region) ? null : region) : isUnresolved(id) ? null : undefined;
  }

  private constructor(
    connector: string | undefined,
    direct: DirectVpcOptions | undefined,
    egress: VpcEgress,
    input: FactoryInput,
  ) {
    this._input = input;
    this.connectorId = connector;
    this.directVpcOptions = direct;
    this.egress = egress;
  }
}
