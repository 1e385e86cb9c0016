/**
 * The options of the policy checks (`PolicyChecks.applyTo`, `checkStack`, `summary`, `checkTerraform`), checked like
 * construct props: every problem at once in one `ValidationError`, misspelt keys, levels, packs and rule ids with a
 * suggestion. A platform error (a rule no suppression can silence) cannot be silenced through options either: its
 * level cannot be lowered and it cannot be disabled.
 * @internal
 */
import { CheckLevel, levelRank } from '../core/levels';
import {
  array,
  boolean,
  date,
  enumOf,
  type Fields,
  number,
  object,
  record,
  shapeProblems,
  type Shape,
  string,
} from '../core/props';
import { ADDRESS, suppressionProblem } from '../core/suppression-records';
import { closest } from '../core/text';
import { show, ValidationError, type ValidationProblem } from '../core/validation';
import type { CostOptions } from '../platform/cost/model';
import type { PricingOptions } from '../platform/pricing';
import { Pack } from '../platform/rule';
import { RULES_BY_ID } from './registry';
import type { CheckOptions } from './types';

/** The shape of the cost options (their ranges are checked where they are resolved, platform/cost/model.ts). */
const COST_OPTIONS = object<CostOptions>(
  {
    pricing: object<PricingOptions>(
      {
        currency: string.optional(),
        exchangeRate: number.optional(),
        discountPercent: number.optional(),
        overrides: record(number).optional(),
      },
      'the pricing options',
    ).optional(),
    freeTier: boolean.optional(),
    requestDurationMs: number.optional(),
    requestConcurrency: number.optional(),
  },
  'the cost options',
);

/** The fields every check run takes (what `CheckOptions` and `PolicyCheckOptions` share). */
export const RUN_OPTION_FIELDS = {
  cost: COST_OPTIONS.optional(),
  packs: array(enumOf(Pack, 'Packs')).optional(),
  levels: record(enumOf(CheckLevel, 'CheckLevel')).optional(),
  disabledRules: array(string).optional(),
  neverSuppress: array(string).optional(),
  reportUnknown: boolean.optional(),
  now: date.optional(),
} satisfies Partial<Fields<CheckOptions>>;

const SUPPRESSION = object<NonNullable<CheckOptions['suppressions']>[number]>(
  {
    ruleId: string,
    reason: string,
    expires: string.optional(),
    constructPath: string.optional(),
    address: string.optional(),
  },
  'a suppression { ruleId, reason, address or constructPath, expires? }',
);

/** The shape of `CheckOptions`. */
export const CHECK_OPTIONS: Shape<CheckOptions> = object<CheckOptions>(
  { ...RUN_OPTION_FIELDS, suppressions: array(SUPPRESSION).optional() },
  'the check options',
);

const problem = (prop: string, value: unknown, rule: string, fix: string): ValidationProblem => ({
  level: CheckLevel.ERROR,
  prop,
  value: show(value),
  rule,
  fix,
});

/** The problem of a rule id that names no rule, with the closest id as a suggestion; undefined for a known id. */
function unknownRule(prop: string, id: string): ValidationProblem | undefined {
  if (RULES_BY_ID.has(id)) return undefined;
  const near = closest(id.toUpperCase(), [...RULES_BY_ID.keys()], Math.max(3, Math.floor(id.length / 3)));
  return problem(
    prop,
    id,
    'no rule has this id',
    near ? `did you mean ${near}?` : 'use an id from PolicyChecks.ruleInfos() (the README lists them)',
  );
}

const isList = (v: unknown): v is unknown[] => Array.isArray(v);
const isMap = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const LEVELS: readonly unknown[] = Object.values(CheckLevel);

/**
 * What the options ask that the shapes cannot say: known rule ids, and platform errors kept as errors. Reads only
 * the values of the right type (the others have their shape problem), so both kinds are reported at once.
 */
function meaningProblems(options: Record<string, unknown>): ValidationProblem[] {
  const out: ValidationProblem[] = [];
  const push = (p: ValidationProblem | undefined) => p && out.push(p);
  const { levels, disabledRules, neverSuppress, suppressions } = options;
  for (const [id, level] of Object.entries(isMap(levels) ? levels : {})) {
    const rule = RULES_BY_ID.get(id);
    if (!rule) push(unknownRule(`options.levels.${id}`, id));
    else if (!rule.suppressible && LEVELS.includes(level) && levelRank(level as CheckLevel) < levelRank(rule.level)) {
      push(
        problem(
          `options.levels.${id}`,
          level,
          `${id} cannot be suppressed, so its level cannot be lowered either`,
          'fix the configuration it finds; levels may be raised, and FailOn.NONE reports without failing',
        ),
      );
    }
  }
  (isList(disabledRules) ? disabledRules : []).forEach((id, i) => {
    if (typeof id !== 'string') return;
    const rule = RULES_BY_ID.get(id);
    if (!rule) push(unknownRule(`options.disabledRules.${i}`, id));
    else if (!rule.suppressible) {
      push(
        problem(
          `options.disabledRules.${i}`,
          id,
          `${id} cannot be suppressed, so it cannot be disabled either`,
          'fix the configuration it finds; FailOn.NONE reports without failing',
        ),
      );
    }
  });
  (isList(neverSuppress) ? neverSuppress : []).forEach(
    (id, i) => typeof id === 'string' && push(unknownRule(`options.neverSuppress.${i}`, id)),
  );
  (isList(suppressions) ? suppressions : []).forEach((s, i) => {
    if (!isMap(s)) return;
    const prop = `options.suppressions.${i}`;
    const wrong = suppressionProblem(s);
    if (wrong) push(problem(prop, s, wrong, 'give a rule id and a reason that says why the finding is acceptable'));
    else if (s.ruleId !== '*') push(unknownRule(`${prop}.ruleId`, s.ruleId as string));
    if (typeof s.address === 'string' && !ADDRESS.test(s.address)) {
      push(
        problem(
          `${prop}.address`,
          s.address,
          'not a Terraform address like google_cloud_run_v2_service.api',
          'give the resource type and name',
        ),
      );
    }
  });
  return out;
}

/**
 * Every problem of a check run's options (`options` as given, under the prop `options`); empty when they are fine.
 * `undefined` is no options at all; `null` is a mistake.
 */
export function optionProblems<T extends CheckOptions>(shape: Shape<T>, options: unknown): ValidationProblem[] {
  if (options === undefined) return [];
  const misshapen = shapeProblems(shape, options, 'options');
  return isMap(options) ? [...misshapen, ...meaningProblems(options)] : misshapen;
}

/** Throws a `ValidationError` (`kind` at `path`) listing every problem of the options, if any. */
export function validateOptions<T extends CheckOptions>(shape: Shape<T>, options: unknown, path: string, kind: string) {
  const problems = optionProblems(shape, options);
  if (problems.length > 0) throw new ValidationError(path, kind, problems);
}
