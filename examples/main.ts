// Every example app, each in its own stack. `cdktf synth` (see cdktf.json) and `npm run synth` run this file.
// Examples import the library by its package name, as users do; tsconfig maps the name to lib/.
import { App } from 'cdktf';
import { PolicyChecks } from 'cdktf-gcp-serverless';
import { CloudRunPythonApiStack } from './cloud-run-python-api';
import { CloudRunCeleryWorkerStack } from './cloud-run-celery-worker';
import { CloudRunNightlyJobStack } from './cloud-run-nightly-job';
import { CloudRunWorkerStack } from './cloud-run-worker';
import { CloudRunDjangoStack } from './cloud-run-django';
import { CloudRunCanaryStack } from './cloud-run-canary';
import { CloudRunGpuInferenceStack } from './cloud-run-gpu-inference';
import { RawResourcesStack } from './raw-resources';
import { AppEngineBackendStack } from './app-engine-backend';
import { AppEngineWebStack } from './app-engine-web';
import { CloudRunFromAppEngineStack } from './cloud-run-from-app-engine';

/** Builds every example stack into `app`. */
export function buildExamples(app: App): void {
  new CloudRunPythonApiStack(app, 'cloud-run-python-api');
  new CloudRunWorkerStack(app, 'cloud-run-worker');
  new CloudRunDjangoStack(app, 'cloud-run-django');
  new CloudRunCanaryStack(app, 'cloud-run-canary');
  new CloudRunGpuInferenceStack(app, 'cloud-run-gpu-inference');
  new CloudRunCeleryWorkerStack(app, 'cloud-run-celery-worker');
  new CloudRunNightlyJobStack(app, 'cloud-run-nightly-job');
  new AppEngineWebStack(app, 'app-engine-web');
  new AppEngineBackendStack(app, 'app-engine-backend');
  new CloudRunFromAppEngineStack(app, 'cloud-run-from-app-engine');
  new RawResourcesStack(app, 'raw-resources');
}

if (require.main === module) {
  const app = new App();
  buildExamples(app);
  PolicyChecks.applyTo(app);
  app.synth();
}
