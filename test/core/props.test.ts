import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SERVICE_PROPS } from '../../lib/cloud-run/service-props';
import { array, boolean, enumOf, number, object, record, shapeProblems, string } from '../../lib/core/props';
import { Gunicorn, Probe } from '../../lib';

enum Color {
  RED = 'red',
}
interface Sample {
  readonly name: string;
  readonly size?: number;
  readonly tags?: string[];
  readonly labels?: Record<string, string>;
  readonly color?: Color;
  readonly on?: boolean;
}
const SAMPLE = object<Sample>({
  name: string,
  size: number.optional(),
  tags: array(string).optional(),
  labels: record(string).optional(),
  color: enumOf(Color, 'Color').optional(),
  on: boolean.optional(),
});

describe('prop shapes', () => {
  test('the quick check and the explanation agree: a value fits exactly when nothing is explained', () => {
    const values: unknown[] = [
      { name: 'a' },
      { name: 'a', size: 1, tags: ['x'], labels: { k: 'v' }, color: 'red', on: true },
      { name: 'a', size: Number.NaN },
      { name: 'a', size: Number.POSITIVE_INFINITY },
      { name: 'a', size: '1' },
      { name: 'a', tags: 'x' },
      { name: 'a', tags: ['x', 1] },
      { name: 'a', labels: ['v'] },
      { name: 'a', labels: { k: 1 } },
      { name: 'a', color: 'blue' },
      { name: 'a', extra: 1 },
      { size: 1 },
      null,
      undefined,
      'a',
      [],
    ];
    for (const v of values) {
      assert.equal(SAMPLE.is(v), shapeProblems(SAMPLE, v).length === 0, String(v));
    }
    assert.ok(SAMPLE.is(values[1]));
    assert.equal(values.filter((v) => SAMPLE.is(v)).length, 2);
  });

  test('a value that fails is explained by prop, a misspelt key with the closest prop', () => {
    assert.deepEqual(shapeProblems(SAMPLE, { name: 'a' }), []);
    const problems = shapeProblems(SAMPLE, { name: 1, colour: 'red' });
    assert.deepEqual(problems.map((p) => p.prop).sort(), ['colour', 'name']);
    assert.match(problems.find((p) => p.prop === 'colour')?.rule ?? '', /'colour' is not a known prop/);
    assert.match(problems.find((p) => p.prop === 'colour')?.fix ?? '', /did you mean 'color'/);
  });

  test('construct props with factory instances pass without zod; plain objects in their place do not', () => {
    const props = {
      region: 'us-central1',
      image: 'i',
      server: Gunicorn.wsgi({ app: 'main:app' }),
      startupProbe: Probe.tcp(),
    };
    assert.ok(SERVICE_PROPS.is(props));
    assert.ok(!SERVICE_PROPS.is({ ...props, server: { app: 'main:app' } }));
  });

  test('a shape is tied to its interface at compile time', () => {
    // @ts-expect-error a prop of the interface is missing from the shape
    object<Sample>({ name: string });
    object<Sample>({
      name: string,
      size: number.optional(),
      tags: array(string).optional(),
      labels: record(string).optional(),
      color: enumOf(Color, 'Color').optional(),
      on: boolean.optional(),
      // @ts-expect-error a key the interface does not have
      colour: string.optional(),
    });
    // @ts-expect-error a field of the wrong type
    object<{ readonly size: number }>({ size: string });
  });
});
