/**
 * Each factory on its own: the construct it is given to with otherwise valid props, so that the factory's options
 * alone decide (they are checked by the construct, under the prop's name).
 */
import type { TerraformStack } from 'cdktf';
import type fc from 'fast-check';
import { AppEngineStandardService, CloudRunService, Deployment } from '../../../lib';
import { bothMoods, type Gen, materialize } from '../arbitraries';
import type { ConstructTarget } from '../harness';
import { deployment, handler, scaling } from './app-engine';
import { gunicorn, IMAGE, probe, vpcAccess } from './cloud-run-service';

/** A target that builds `make(stack, value)` with the factory call fuzzed as `value`. */
function on(
  name: string,
  arbitrary: (g: Gen) => fc.Arbitrary<unknown>,
  make: (stack: TerraformStack, value: unknown) => void,
): ConstructTarget<never> {
  return {
    name,
    kind: 'construct',
    // A factory on its own: fewer cases than a construct (its options are fuzzed in the constructs' targets too).
    fullRuns: 2000,
    input: bothMoods(arbitrary) as fc.Arbitrary<never>,
    build: (stack, input) => make(stack, materialize(stack, input)),
  };
}

/** A Cloud Run service whose prop `prop` is the factory call fuzzed. */
const onCloudRun = (name: string, prop: string, arbitrary: (g: Gen) => fc.Arbitrary<unknown>) =>
  on(name, arbitrary, (stack, value) => {
    new CloudRunService(stack, 'Api', { region: 'us-central1', image: IMAGE, maxInstances: 3, [prop]: value });
  });

/** An App Engine version whose prop `prop` is the factory call fuzzed. */
const onAppEngine = (name: string, prop: string, arbitrary: (g: Gen) => fc.Arbitrary<unknown>) =>
  on(name, arbitrary, (stack, value) => {
    new AppEngineStandardService(stack, 'Web', {
      runtime: 'python312',
      deployment: Deployment.zip('https://storage.googleapis.com/b/app.zip'),
      [prop]: prop === 'handlers' ? [value] : value,
    });
  });

export const targets: Array<ConstructTarget<never>> = [
  onCloudRun('Probe (startupProbe)', 'startupProbe', probe),
  onCloudRun('Probe (livenessProbe)', 'livenessProbe', probe),
  onCloudRun('Gunicorn (Cloud Run)', 'server', gunicorn),
  onCloudRun('VpcAccess', 'vpcAccess', vpcAccess),
  onAppEngine('Gunicorn (App Engine)', 'server', gunicorn),
  onAppEngine('Handler', 'handlers', handler),
  onAppEngine('Deployment', 'deployment', deployment),
  onAppEngine('Scaling', 'scaling', scaling),
];
