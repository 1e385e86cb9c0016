// Every example app, each in its own stack. `cdktf synth` (see cdktf.json) and `npm run synth` run this file.
// Examples import the library by its package name, as users do; tsconfig maps the name to lib/.
import { App } from 'cdktf';

/** Builds every example stack into `app`. */
export function buildExamples(app: App): void {
  void app;
}

if (require.main === module) {
  const app = new App();
  buildExamples(app);
  app.synth();
}
