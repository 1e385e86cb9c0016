/**
 * App Engine standard instance classes (second-generation runtimes): memory, CPU, the gunicorn workers the python3
 * runtime recommends, the scaling types each family allows. Sources: "The App Engine standard environment", instance
 * classes (https://cloud.google.com/appengine/docs/standard); "Python 3 runtime environment", entrypoint best
 * practices (https://cloud.google.com/appengine/docs/standard/python3/runtime#entrypoint_best_practices); "App
 * Engine pricing" (https://cloud.google.com/appengine/pricing).
 */
import { CheckLevel } from '../../core/levels';
import { mbToMiB } from '../../core/quantity';
import { Pack } from '../rule';
import { type AppEngineScalingType, type AppEngineVersionFacts, VERSION, type VersionRule } from './facts';
import { ownEntry } from '../../core/tables';

/** One row of the instance-class table. */
export interface InstanceClassSpec {
  /** F (frontend: automatic scaling) or B (backend: basic or manual scaling). */
  readonly family: 'F' | 'B';
  /** Memory limit in MB as the table writes it, runtime overhead included. */
  readonly memoryMB: number;
  /** The same memory in MiB, the unit every memory rule compares in. */
  readonly memoryMiB: number;
  /** Nominal CPU in GHz (not a fixed clock speed). */
  readonly cpuGHz: number;
  /** gunicorn workers the python3 runtime recommends for the class. */
  readonly recommendedWorkers: number;
  /** Hourly price relative to F1/B1; free-tier hours are counted in F1/B1 equivalents. */
  readonly billingWeight: number;
}

const spec = (
  family: 'F' | 'B',
  memoryMB: number,
  cpuGHz: number,
  recommendedWorkers: number,
  billingWeight: number,
): InstanceClassSpec => ({ family, memoryMB, memoryMiB: mbToMiB(memoryMB), cpuGHz, recommendedWorkers, billingWeight });

/** Second-generation instance classes (prices relative to F1/B1 from the pricing page). */
export const APP_ENGINE_INSTANCE_CLASSES: Readonly<Record<string, InstanceClassSpec>> = {
  F1: spec('F', 384, 0.6, 2, 1),
  F2: spec('F', 768, 1.2, 4, 2),
  F4: spec('F', 1536, 2.4, 8, 4),
  F4_1G: spec('F', 3072, 2.4, 8, 6),
  B1: spec('B', 384, 0.6, 2, 1),
  B2: spec('B', 768, 1.2, 4, 2),
  B4: spec('B', 1536, 2.4, 8, 4),
  B4_1G: spec('B', 3072, 2.4, 8, 6),
  B8: spec('B', 3072, 4.8, 8, 8),
};

/** The class App Engine uses when none is written: F1 with automatic scaling, B2 with basic or manual scaling. */
export const APP_ENGINE_DEFAULT_CLASS: Readonly<Record<AppEngineScalingType, string>> = {
  automatic: 'F1',
  basic: 'B2',
  manual: 'B2',
};

/** The spec of a class, or undefined for an unknown class. */
export function instanceClassSpec(instanceClass: string): InstanceClassSpec | undefined {
  return ownEntry(APP_ENGINE_INSTANCE_CLASSES, instanceClass);
}

/** The class a version runs on: the one written, or the default of its scaling type. */
export function effectiveInstanceClass(f: Pick<AppEngineVersionFacts, 'instanceClass' | 'scalingType'>): string {
  return f.instanceClass ?? APP_ENGINE_DEFAULT_CLASS[f.scalingType];
}

/** The scaling types a class family allows. */
export function scalingTypesForFamily(family: 'F' | 'B'): AppEngineScalingType[] {
  return family === 'F' ? ['automatic'] : ['basic', 'manual'];
}

export const APP_ENGINE_INSTANCE_CLASS_RULES: readonly VersionRule[] = [
  {
    id: 'GAE-INSTANCE-CLASS',
    pack: Pack.PLATFORM,
    level: CheckLevel.ERROR,
    suppressible: false,
    appliesTo: VERSION,
    title: 'The instance class must be a second-generation class: F1, F2, F4, F4_1G, B1, B2, B4, B4_1G or B8',
    explanation: 'The provider accepts any string and the Admin API rejects unknown classes at deploy time.',
    source: '"The App Engine standard environment", instance classes, https://cloud.google.com/appengine/docs/standard',
    reads: ['instanceClass'],
    check: ({ instanceClass }) =>
      instanceClass !== undefined && !instanceClassSpec(instanceClass)
        ? {
            fact: 'instanceClass',
            message: `'${instanceClass}' is not an App Engine standard instance class`,
            fix: `use one of ${Object.keys(APP_ENGINE_INSTANCE_CLASSES).join(', ')}`,
          }
        : undefined,
  },
  {
    id: 'GAE-CLASS-SCALING',
    pack: Pack.PLATFORM,
    level: CheckLevel.ERROR,
    suppressible: false,
    appliesTo: VERSION,
    title: 'F classes need automatic scaling; B classes need basic or manual scaling',
    explanation:
      '"Basic and manual instance classes require you to specify either the basic_scaling element or the manual_scaling element"; automatic scaling is "applicable only for applications that use an instance class of F1 or higher". The API rejects other pairs.',
    source:
      '"app.yaml Configuration File" (scaling elements), https://cloud.google.com/appengine/docs/standard/reference/app-yaml',
    reads: ['instanceClass', 'scalingType'],
    check: ({ instanceClass = '', scalingType }) => {
      const spec = instanceClassSpec(instanceClass);
      if (!spec || scalingTypesForFamily(spec.family).includes(scalingType)) return undefined;
      if (spec.family === 'F') {
        // Every F class has the B class of its size (F1 and B1, ..., F4_1G and B4_1G).
        return {
          fact: 'instanceClass',
          message: `${instanceClass} is an automatic-scaling (F) class and cannot run with ${scalingType} scaling`,
          fix: `use a B class such as B${instanceClass.slice(1)} with ${scalingType} scaling, or switch to automatic scaling`,
        };
      }
      const f = `F${instanceClass.slice(1)}`;
      return {
        fact: 'instanceClass',
        message: `${instanceClass} is a basic/manual (B) class and needs a basic_scaling or manual_scaling block; without one the version scales automatically`,
        fix: `add basic or manual scaling, or use an F class such as ${instanceClassSpec(f) ? f : 'F2'}`,
      };
    },
  },
];
