/**
 * Building blocks of the fuzz targets: values a caller may pass (valid, at the edge, of the wrong type, only known at
 * apply time), and factory calls written as recipes, which `materialize` turns into the real thing inside a stack
 * (tokens need a stack, and a recipe can be replayed, so that the same case synthesizes twice).
 */
import fc from 'fast-check';
import { TerraformVariable } from 'cdktf';
import type { Construct } from 'constructs';
import {
  BinaryAuthorization,
  Celery,
  Deployment,
  Django,
  Gpu,
  Gunicorn,
  Handler,
  ManualScaling,
  Probe,
  Scaling,
  Traffic,
  Volume,
  VpcAccess,
  WorkerPoolScaling,
} from '../../lib';

/** A number only known at apply time (becomes `${var.…}`). */
export const TOKEN_NUMBER = Symbol('token number');
/** A string only known at apply time. */
export const TOKEN_STRING = Symbol('token string');

/** A factory call, made when the case runs: `{ [FACTORY]: 'Probe.http', args: [options] }`. */
export const FACTORY = Symbol('factory');
export interface Recipe {
  readonly [FACTORY]: keyof typeof FACTORIES;
  readonly args: readonly unknown[];
}

const FACTORIES = {
  'Probe.http': (a: unknown[]) => Probe.http(...(a as [never])),
  'Probe.tcp': (a: unknown[]) => Probe.tcp(...(a as [never])),
  'Probe.grpc': (a: unknown[]) => Probe.grpc(...(a as [never])),
  'Gunicorn.wsgi': (a: unknown[]) => Gunicorn.wsgi(...(a as [never])),
  'Gunicorn.asgi': (a: unknown[]) => Gunicorn.asgi(...(a as [never])),
  'VpcAccess.directVpc': (a: unknown[]) => VpcAccess.directVpc(...(a as [never])),
  'VpcAccess.connector': (a: unknown[]) => VpcAccess.connector(...(a as [never, never])),
  'Handler.script': (a: unknown[]) => Handler.script(...(a as [never, never])),
  'Handler.staticFiles': (a: unknown[]) => Handler.staticFiles(...(a as [never, never])),
  'Deployment.zip': (a: unknown[]) => Deployment.zip(...(a as [never, never])),
  'Deployment.files': (a: unknown[]) => Deployment.files(...(a as [never])),
  'Scaling.automatic': (a: unknown[]) => Scaling.automatic(...(a as [never])),
  'Scaling.basic': (a: unknown[]) => Scaling.basic(...(a as [never])),
  'Scaling.manual': (a: unknown[]) => Scaling.manual(...(a as [never])),
  'Volume.cloudSql': (a: unknown[]) => Volume.cloudSql(...(a as [never, never])),
  'Volume.bucket': (a: unknown[]) => Volume.bucket(...(a as [never, never])),
  'Volume.nfs': (a: unknown[]) => Volume.nfs(...(a as [never, never, never])),
  'Volume.inMemory': (a: unknown[]) => Volume.inMemory(...(a as [never])),
  'Volume.secret': (a: unknown[]) => Volume.secret(...(a as [never, never, never])),
  'Traffic.latest': (a: unknown[]) => Traffic.latest(...(a as [never, never])),
  'Traffic.revision': (a: unknown[]) => Traffic.revision(...(a as [never, never, never])),
  'ManualScaling.instances': (a: unknown[]) => ManualScaling.instances(...(a as [never])),
  'Gpu.nvidiaL4': (a: unknown[]) => Gpu.nvidiaL4(...(a as [never])),
  'Gpu.nvidiaRtxPro6000': (a: unknown[]) => Gpu.nvidiaRtxPro6000(...(a as [never])),
  'BinaryAuthorization.projectDefault': (a: unknown[]) => BinaryAuthorization.projectDefault(...(a as [never])),
  'BinaryAuthorization.policy': (a: unknown[]) => BinaryAuthorization.policy(...(a as [never])),
  'Celery.worker': (a: unknown[]) => Celery.worker(...(a as [never])),
  'Django.manage': (a: unknown[]) => Django.manage(...(a as [never, never])),
  'WorkerPoolScaling.manual': (a: unknown[]) => WorkerPoolScaling.manual(...(a as [never])),
  'WorkerPoolScaling.automatic': (a: unknown[]) => WorkerPoolScaling.automatic(...(a as [never])),
} as const;

/** A recipe of a factory call. */
export function call(factory: keyof typeof FACTORIES, ...args: fc.Arbitrary<unknown>[]): fc.Arbitrary<Recipe> {
  return fc.tuple(...args).map((values) => ({ [FACTORY]: factory, args: values }) as Recipe);
}

/**
 * `value` with its token markers replaced by tokens of `scope`'s stack and its recipes by factory calls; everything
 * else (wrong types included) as it is. Plain objects and lists are copied, so a case can be materialized twice.
 */
export function materialize(scope: Construct, value: unknown): unknown {
  let n = TOKENS_MADE.get(scope) ?? 0;
  const seen = new WeakSet<object>();
  const walk = (v: unknown): unknown => {
    if (v !== null && typeof v === 'object') {
      if (seen.has(v)) return v; // a cycle (the circular wrong value): kept as it is
      seen.add(v);
    }
    if (v === TOKEN_NUMBER) return new TerraformVariable(scope, `n${n++}`, { type: 'number' }).numberValue;
    if (v === TOKEN_STRING) return new TerraformVariable(scope, `s${n++}`, { type: 'string' }).stringValue;
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === 'object' && [Object.prototype, null].includes(Object.getPrototypeOf(v))) {
      const recipe = v as Partial<Recipe>;
      if (recipe[FACTORY] !== undefined) return FACTORIES[recipe[FACTORY]]((recipe.args ?? []).map(walk));
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    }
    return v;
  };
  const out = walk(value);
  TOKENS_MADE.set(scope, n);
  return out;
}

/** How many tokens each scope has (their ids must differ across calls). */
const TOKENS_MADE = new WeakMap<Construct, number>();

/** An object that refers to itself. */
function circular(): Record<string, unknown> {
  const o: Record<string, unknown> = { a: 1 };
  o.self = o;
  return o;
}

/** Values of the wrong type for almost any prop. */
export const wrong: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, -0, Number.MAX_SAFE_INTEGER + 2),
  fc.string({ maxLength: 8 }),
  fc.boolean(),
  fc.constant([]),
  fc.constant({}),
  fc.constant(Symbol('s')),
  fc.constant(() => 1),
  fc.constant(new Date(Number.NaN)),
  fc.constant(new Map()),
  fc.constant(undefined).map(circular),
  fc.jsonValue({ maxDepth: 2 }),
);

/** A whole number around the limits given (each limit, one step either side, and a few in between). */
export function around(...limits: number[]): fc.Arbitrary<number> {
  const edges = limits.flatMap((l) => [l - 1, l, l + 1]);
  return fc.oneof(
    fc.constantFrom(...edges),
    fc.integer({ min: Math.floor(Math.min(...limits)) - 5, max: Math.ceil(Math.max(...limits)) + 5 }),
  );
}

/**
 * The generators of prop values, in one of two moods: `calm` draws values meant to be valid (and tokens), so that a
 * good share of cases is accepted and its output judged; `chaos` adds edges one step past each limit, fractions,
 * misspellings, misspelt keys and values of every wrong type. A target builds its props with both and mixes them.
 */
export class Gen {
  constructor(public readonly chaos: boolean) {}

  /** `good`, and in chaos sometimes a wrong value; sometimes a token of the same kind. */
  mix<T>(good: fc.Arbitrary<T>, token?: typeof TOKEN_NUMBER | typeof TOKEN_STRING): fc.Arbitrary<unknown> {
    const arbitraries: Array<fc.WeightedArbitrary<unknown>> = [{ weight: 8, arbitrary: good }];
    if (this.chaos) arbitraries.push({ weight: 1, arbitrary: wrong });
    if (token) arbitraries.push({ weight: 1, arbitrary: fc.constant(token) });
    return arbitraries.length === 1 ? good : fc.oneof(...arbitraries);
  }

  /** A number prop: calm, one of `valid`; chaos, around the limits (each, one step either side), fractions too. */
  num(valid: readonly number[], limits: readonly number[] = valid): fc.Arbitrary<unknown> {
    if (!this.chaos) return this.mix(fc.constantFrom(...valid), TOKEN_NUMBER);
    return this.mix(
      fc.oneof(
        { weight: 4, arbitrary: around(...limits) },
        { weight: 1, arbitrary: fc.double({ min: -10, max: 5000, noNaN: true }) },
      ),
      TOKEN_NUMBER,
    );
  }

  /** A string prop: calm, one of `valid`; chaos, `invalid` ones and random strings too. */
  text(valid: readonly string[], invalid: readonly string[] = []): fc.Arbitrary<unknown> {
    if (!this.chaos) return this.mix(fc.constantFrom(...valid), TOKEN_STRING);
    return this.mix(
      fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom(...valid, ...invalid) },
        { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
      ),
      TOKEN_STRING,
    );
  }

  /** An enum prop: its members (and tokens); in chaos a misspelling too. */
  member(values: Record<string, string>): fc.Arbitrary<unknown> {
    const members = Object.values(values);
    if (!this.chaos) return this.mix(fc.constantFrom(...members), TOKEN_STRING);
    const misspelt = members.map((m) => m.toLowerCase().slice(1));
    return this.mix(
      fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom(...members) },
        { weight: 1, arbitrary: fc.constantFrom(...misspelt) },
      ),
      TOKEN_STRING,
    );
  }

  /** A boolean prop. */
  get flag(): fc.Arbitrary<unknown> {
    return this.mix(fc.boolean());
  }

  /** A list of some of `items` (in chaos, a wrong value in its place sometimes). */
  list(items: readonly string[], maxLength = 3): fc.Arbitrary<unknown> {
    return this.mix(fc.array(fc.constantFrom(...items), { maxLength }));
  }

  /** A list of values drawn from `item` (factory recipes, props records). */
  many(item: fc.Arbitrary<unknown>, maxLength = 2): fc.Arbitrary<unknown> {
    return this.mix(fc.array(item, { maxLength }));
  }

  /** A map from some names (calm: the `valid` ones) to values. */
  map(valid: readonly string[], invalid: readonly string[], value: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
    const names = this.chaos ? [...valid, ...invalid] : valid;
    return this.mix(fc.dictionary(fc.constantFrom(...names), value, { maxKeys: 3 }));
  }

  /**
   * A props record: each key optional (`required` keys always present); in chaos sometimes with a misspelt extra key,
   * so that a typo next to other problems is exercised.
   */
  props(
    fields: Record<string, fc.Arbitrary<unknown>>,
    required: readonly string[] = [],
  ): fc.Arbitrary<Record<string, unknown>> {
    const record = fc.record(fields, { requiredKeys: required as string[] });
    if (!this.chaos) return record;
    const typos = Object.keys(fields).map((k) => `${k.slice(0, -1)}${k.slice(-1).toUpperCase()}`);
    return fc
      .tuple(record, fc.option(fc.constantFrom(...typos), { freq: 8 }))
      .map(([r, typo]) => (typo === null ? r : { ...r, [typo]: 1 }));
  }

  /** Options of a factory: calm, the props; chaos, also none or a wrong value. */
  options(fields: Record<string, fc.Arbitrary<unknown>>, required: readonly string[] = []): fc.Arbitrary<unknown> {
    const given = this.props(fields, required);
    return this.chaos && required.length === 0 ? fc.option(this.mix(given), { nil: undefined }) : this.mix(given);
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && !(FACTORY in v);

/**
 * Props drawn in three ways, a third each: calm; in chaos; and calm with one prop taken from a chaos draw, so that a
 * single wrong value, edge or typo meets otherwise valid props (the case most callers are in).
 */
export function bothMoods<T>(build: (g: Gen) => fc.Arbitrary<T>): fc.Arbitrary<T> {
  const calm = build(new Gen(false));
  const chaos = build(new Gen(true));
  const oneOff = fc.tuple(calm, chaos, fc.nat()).map(([c, x, i]) => {
    if (!isRecord(c) || !isRecord(x)) return x;
    const keys = Object.keys(x);
    if (keys.length === 0) return c;
    const key = keys[i % keys.length];
    return { ...c, [key]: x[key] } as T;
  });
  return fc.oneof(calm, chaos, oneOff);
}
