/**
 * The cost of a stack: its resources' floors added up, the free tiers subtracted once per pool (Cloud Run's monthly
 * free tier per billing account, App Engine's daily free instance-hours per application and class family), most
 * expensive first.
 */
import type { ResolvedCostOptions, ResourceCost } from './model';

/** One resource of a stack with its cost. */
export interface PricedResource {
  readonly address: string;
  readonly constructPath?: string;
  readonly cost: ResourceCost;
  /** The free tier subtracted from this resource's floor in the stack (0 when none). */
  readonly freeTierApplied: number;
}

/** A stack's floor. */
export interface StackCost {
  readonly currency: string;
  /** Resources, most expensive floor first (unknown floors last). */
  readonly resources: readonly PricedResource[];
  /** The sum of the known floors, before free tiers. */
  readonly grossFloor: number;
  /** What the free tiers took off (0 when turned off). */
  readonly freeTierSubtracted: number;
  /** The free tiers, in words, by pool. */
  readonly freeTiers: ReadonlyArray<{ readonly pool: string; readonly describe: string; readonly used: number }>;
  /** `grossFloor - freeTierSubtracted`: the floor of the resources whose floor is known. */
  readonly floor: number;
  /** Addresses of the resources whose floor is unknown (the total is then a lower bound). */
  readonly unknown: readonly string[];
}

/** The stack's cost from its resources' costs. */
export function stackCost(
  items: ReadonlyArray<{ address: string; constructPath?: string; cost: ResourceCost }>,
  options: Pick<ResolvedCostOptions, 'freeTier' | 'prices'>,
): StackCost {
  const ordered = [...items].sort((a, b) => (b.cost.floor ?? -1) - (a.cost.floor ?? -1));
  const remaining = new Map<string, number>();
  const used = new Map<string, { describe: string; used: number }>();
  const resources: PricedResource[] = ordered.map((item) => {
    const claim = item.cost.freeTier;
    let applied = 0;
    if (options.freeTier && claim && item.cost.floor !== undefined) {
      const left = remaining.get(claim.pool) ?? claim.poolValue;
      applied = Math.min(left, claim.value, item.cost.floor);
      remaining.set(claim.pool, left - applied);
      const u = used.get(claim.pool) ?? { describe: claim.describe, used: 0 };
      u.used += applied;
      used.set(claim.pool, u);
    }
    return { ...item, freeTierApplied: applied };
  });
  const grossFloor = resources.reduce((n, r) => n + (r.cost.floor ?? 0), 0);
  const freeTierSubtracted = resources.reduce((n, r) => n + r.freeTierApplied, 0);
  return {
    currency: options.prices.currency,
    resources,
    grossFloor,
    freeTierSubtracted,
    freeTiers: [...used].map(([pool, u]) => ({ pool, describe: u.describe, used: u.used })),
    floor: grossFloor - freeTierSubtracted,
    unknown: resources.filter((r) => r.cost.floor === undefined).map((r) => r.address),
  };
}
