import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  APP_ENGINE_INSTANCE_CLASSES,
  effectiveInstanceClass,
  instanceClassSpec,
  scalingTypesForFamily,
} from '../../../lib/platform/app-engine/instance-classes';
import { version } from './judge';

const { judge, passes } = version;
const CLASSES = Object.keys(APP_ENGINE_INSTANCE_CLASSES);

describe('the instance-class table', () => {
  test('a class by name, nothing for other names (prototype names included)', () => {
    assert.equal(instanceClassSpec('F2'), APP_ENGINE_INSTANCE_CLASSES.F2);
    for (const name of ['F3', 'f1', 'constructor', 'toString', '']) assert.equal(instanceClassSpec(name), undefined);
  });

  test('memory in MiB is the MB of the table: 384 MB is 366.21 MiB', () => {
    assert.equal(APP_ENGINE_INSTANCE_CLASSES.F1.memoryMiB, (384 * 1000 * 1000) / (1024 * 1024));
  });

  test('the class a version runs on: the one written, else F1 automatic and B2 basic or manual', () => {
    assert.equal(effectiveInstanceClass({ scalingType: 'automatic' }), 'F1');
    assert.equal(effectiveInstanceClass({ scalingType: 'basic' }), 'B2');
    assert.equal(effectiveInstanceClass({ scalingType: 'manual' }), 'B2');
    assert.equal(effectiveInstanceClass({ scalingType: 'manual', instanceClass: 'B8' }), 'B8');
  });

  test('every F class has the B class of its size', () => {
    for (const [name, spec] of Object.entries(APP_ENGINE_INSTANCE_CLASSES).filter(([, s]) => s.family === 'F')) {
      const b = instanceClassSpec(`B${name.slice(1)}`);
      assert.equal(b?.memoryMB, spec.memoryMB, name);
      assert.equal(b?.cpuGHz, spec.cpuGHz, name);
    }
  });

  test('F classes scale automatically, B classes basic or manual', () => {
    assert.deepEqual(scalingTypesForFamily('F'), ['automatic']);
    assert.deepEqual(scalingTypesForFamily('B'), ['basic', 'manual']);
  });
});

describe('GAE-INSTANCE-CLASS', () => {
  test('an instance class only known at apply is unknown, not failed', () => {
    version.unknownSkips('GAE-INSTANCE-CLASS', { instanceClass: 'F3' }, 'instanceClass');
  });

  test('every class of the table passes; another name fails, listing them', () => {
    for (const instanceClass of CLASSES) passes('GAE-INSTANCE-CLASS', { instanceClass });
    passes('GAE-INSTANCE-CLASS', {});
    for (const instanceClass of ['F3', 'f1', 'constructor']) {
      const [v] = judge('GAE-INSTANCE-CLASS', { instanceClass }).violations;
      assert.equal(v.fact, 'instanceClass');
      assert.equal(v.message, `'${instanceClass}' is not an App Engine standard instance class`);
      assert.equal(v.fix, `use one of ${CLASSES.join(', ')}`);
    }
  });
});

describe('GAE-CLASS-SCALING', () => {
  test('the class or the scaling type only known at apply makes it unknown, not failed', () => {
    const failing = { scalingType: 'basic' as const, basicMaxInstances: 1, instanceClass: 'F1' };
    for (const fact of ['instanceClass', 'scalingType']) version.unknownSkips('GAE-CLASS-SCALING', failing, fact);
  });

  const ID = 'GAE-CLASS-SCALING';
  const basic = { scalingType: 'basic' as const, basicMaxInstances: 1 };
  const manual = { scalingType: 'manual' as const, manualInstances: 1 };

  test('each class passes with the scaling types of its family', () => {
    for (const [instanceClass, spec] of Object.entries(APP_ENGINE_INSTANCE_CLASSES)) {
      for (const scaling of spec.family === 'F' ? [{}] : [basic, manual]) passes(ID, { ...scaling, instanceClass });
    }
    passes(ID, basic);
    passes(ID, { ...basic, instanceClass: 'F3' });
  });

  test('an F class with basic or manual scaling: the B class of the same size, else B2', () => {
    for (const scaling of [basic, manual]) {
      for (const [f, b] of [
        ['F1', 'B1'],
        ['F4_1G', 'B4_1G'],
      ]) {
        const [v] = judge(ID, { ...scaling, instanceClass: f }).violations;
        assert.equal(v.fact, 'instanceClass');
        assert.match(
          v.message,
          new RegExp(`^${f} is an automatic-scaling \\(F\\) class and cannot run with ${scaling.scalingType} scaling`),
        );
        assert.match(v.fix, new RegExp(`^use a B class such as ${b} with ${scaling.scalingType} scaling`));
      }
    }
  });

  test('a B class with automatic scaling: the F class of the same size, else F2', () => {
    for (const [b, f] of [
      ['B4', 'F4'],
      ['B8', 'F2'],
    ]) {
      const [v] = judge(ID, { instanceClass: b }).violations;
      assert.match(
        v.message,
        new RegExp(`^${b} is a basic/manual \\(B\\) class and needs a basic_scaling or manual_scaling block`),
      );
      assert.match(v.fix, new RegExp(`use an F class such as ${f}$`));
    }
  });
});
