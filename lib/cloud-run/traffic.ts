import type { Problems } from '../core/problems';
import { number, object, string } from '../core/props';
import { show } from '../core/validation';
import type { TrafficFacts } from '../platform/cloud-run/facts';
import { checkOptions } from './factory-options';

/** Options of a traffic target. */
export interface TrafficOptions {
  /**
   * A tag: the target also gets a URL of its own, `https://TAG---SERVICE-….run.app` (lowercase letters, digits and
   * hyphens; with the service name at most 46 characters).
   * @default - no tag
   */
  readonly tag?: string;
}

const OPTIONS = object<TrafficOptions>({ tag: string.optional() });

/**
 * A share of a service's requests for one revision: `Traffic.latest(10, { tag: 'canary' })` and
 * `Traffic.revision('api-00042-abc', 90)`. The percents of a service's targets sum to 100.
 */
export class Traffic {
  /**
   * A share for the latest ready revision (the one this deployment creates).
   * @param percent 0 to 100 (0 with a tag: a URL without traffic)
   */
  public static latest(percent: number, options: TrafficOptions = {}): Traffic {
    return new Traffic(undefined, percent, options);
  }

  /**
   * A share for a named revision, e.g. the one serving before a canary.
   * @param revision the revision's name (`SERVICE-00042-abc`, or the name a revision template gave it)
   * @param percent 0 to 100
   */
  public static revision(revision: string, percent: number, options: TrafficOptions = {}): Traffic {
    return new Traffic(revision, percent, options);
  }

  /** The revision, for a named revision; undefined for the latest. */
  public readonly revisionName?: string;
  /** The percent of requests. */
  public readonly percent: number;
  /** The options given. */
  public readonly options: TrafficOptions;

  private constructor(revision: string | undefined, percent: number, options: TrafficOptions) {
    this.revisionName = revision;
    this.percent = percent;
    this.options = options ?? {};
  }

  /** Checks the arguments and options, reported under `prop`. @internal */
  public _checkOptions(prop: string, problems: Problems): boolean {
    let ok = checkOptions(OPTIONS, this.options, prop, problems);
    ok = checkOptions(number, this.percent, `${prop}.percent`, problems) && ok;
    if (this.revisionName !== undefined)
      ok = checkOptions(string, this.revisionName, `${prop}.revision`, problems) && ok;
    return ok;
  }

  /** The target as the platform rules see it. @internal */
  public _facts(): TrafficFacts {
    return this.revisionName === undefined
      ? { type: 'latest', percent: this.percent, tag: this.options.tag }
      : { type: 'revision', revision: this.revisionName, percent: this.percent, tag: this.options.tag };
  }

  /** The provider's `traffic` block. @internal */
  public _render(): { type: string; revision?: string; percent: number; tag?: string } {
    return {
      type:
        this.revisionName === undefined
          ? 'TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST'
          : 'TRAFFIC_TARGET_ALLOCATION_TYPE_REVISION',
      revision: this.revisionName,
      percent: this.percent,
      tag: this.options.tag,
    };
  }

  /** The factory call as it would be written, for messages. @internal */
  public _describe(): string {
    const opts = this.options.tag === undefined ? '' : `, ${show(this.options)}`;
    return this.revisionName === undefined
      ? `Traffic.latest(${this.percent}${opts})`
      : `Traffic.revision(${show(this.revisionName)}, ${this.percent}${opts})`;
  }
}
