import type { Problems } from '../core/problems';
import { number } from '../core/props';
import { checkOptions } from './factory-options';

/**
 * Manual scaling of a service (`scaling_mode = MANUAL`): a fixed number of instances, divided among the revisions by
 * their traffic share, running (and billed) whatever the traffic. Revision min and max instances are then ignored.
 */
export class ManualScaling {
  /**
   * Runs `count` instances.
   * @param count the instances of the service (at least 1)
   */
  public static instances(count: number): ManualScaling {
    return new ManualScaling(count);
  }

  /** The instances of the service. */
  public readonly instanceCount: number;

  private constructor(count: number) {
    this.instanceCount = count;
  }

  /** Checks the argument, reported under `prop`. @internal */
  public _checkOptions(prop: string, problems: Problems): boolean {
    return checkOptions(number, this.instanceCount, `${prop}.instanceCount`, problems);
  }

  /** The factory call as it would be written, for messages. @internal */
  public _describe(): string {
    return `ManualScaling.instances(${this.instanceCount})`;
  }
}
