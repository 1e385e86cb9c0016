/**
 * The cost flags of `check`: `--cost` (a table after the findings; the cost report in `--format json`), `--budget N`
 * (exit 1 when a stack's floor exceeds N, naming the resources that make it up), `--no-free-tier`.
 */
import { budgetProblem, configurationCost, costOptions, costTable, costToJson } from '../checks/cost-report';
import type { Configuration } from '../checks/input/configuration';
import { InputError } from '../checks/input/errors';
import type { ResolvedCostOptions, StackCost } from '../platform/cost';
import { ArgumentError, UsageError } from './files';

/** The flags, for `parseArgs`. */
export const COST_FLAGS = {
  cost: { type: 'boolean', default: false },
  budget: { type: 'string' },
  'no-free-tier': { type: 'boolean', default: false },
  compare: { type: 'string' },
} as const;

export const COST_USAGE = `  --cost   add the monthly floor and the cost of a million requests of each service, job, worker pool and
           App Engine version (a table after the findings; a "cost" object in --format json)
  --budget N
           exit 1 when a stack's monthly floor (no traffic, after the free tiers) exceeds N
  --no-free-tier
           do not subtract the free tiers
  --compare <base>
           compare <path> with <base> (two cdktf.out folders, two files or two plans): floor before -> after per
           resource, new and resolved findings; --format text, json or markdown (a table for a pull request)`;

/** What the cost flags ask. */
export interface CostRequest {
  readonly table: boolean;
  readonly budget?: number;
  readonly options: ResolvedCostOptions;
}

/** The cost flags read, or undefined when none asks for cost; `ArgumentError` for a budget that is not an amount. */
export function costRequest(values: {
  cost?: boolean;
  budget?: string;
  'no-free-tier'?: boolean;
}): CostRequest | undefined {
  if (!values.cost && values.budget === undefined) return undefined;
  let budget: number | undefined;
  if (values.budget !== undefined) {
    budget = Number(values.budget);
    if (values.budget.trim() === '' || !Number.isFinite(budget) || budget < 0)
      throw new ArgumentError(`--budget '${values.budget}' is not an amount ≥ 0`);
  }
  return { table: values.cost === true, budget, options: resolvedOptions(values['no-free-tier'] === true) };
}

/** The cost options of the command line. */
export function resolvedOptions(noFreeTier: boolean): ResolvedCostOptions {
  try {
    return costOptions({ freeTier: !noFreeTier });
  } catch (e) {
    if (e instanceof InputError) throw new UsageError(e.message);
    throw e;
  }
}

/** One stack's cost. */
export interface NamedCost {
  readonly stack?: string;
  readonly cost: StackCost;
}

/** The cost of each input. */
export function costsOf(
  inputs: ReadonlyArray<{ name?: string; configuration: Configuration }>,
  options: ResolvedCostOptions,
): NamedCost[] {
  return inputs.map((i) => ({ stack: i.name, cost: configurationCost(i.configuration, options) }));
}

/** What `--budget` finds: one line per stack over budget. */
export function overBudget(costs: readonly NamedCost[], request: CostRequest): string[] {
  if (request.budget === undefined) return [];
  return costs.flatMap((c) => budgetProblem(c.cost, request.budget!, c.stack ?? 'the configuration') ?? []);
}

/** The `cost` object of `--format json`. */
export function costJson(costs: readonly NamedCost[], request: CostRequest): object {
  return {
    ...(request.budget === undefined ? {} : { budget: request.budget, overBudget: overBudget(costs, request) }),
    stacks: costs.map((c) => ({ stack: c.stack, ...costToJson(c.cost, request.options) })),
  };
}

/** The text after the findings: the table of each stack (with `--cost`) and the budget lines. */
export function costText(costs: readonly NamedCost[], request: CostRequest): string {
  const parts = request.table
    ? costs.map((c) => costTable(c.cost, request.options, costs.length > 1 ? c.stack : undefined))
    : [];
  for (const line of overBudget(costs, request)) parts.push(`BUDGET  ${line}`);
  return parts.join('\n\n');
}
