// `npm run synth`: synthesizes every example into cdktf.out/ with the policy checks applied. The checks print, per
// stack, what each service will really be (read back from the synthesized JSON) and its open findings: the library's
// `summary: true`, which any app can turn on.
import { resolve } from 'node:path';
import { App } from 'cdktf';
import { PolicyChecks } from 'cdktf-gcp-serverless';
import { buildExamples } from './main';

const app = new App({ outdir: resolve(__dirname, '..', 'cdktf.out') });
buildExamples(app);
PolicyChecks.applyTo(app, { summary: true });
app.synth();
console.log(
  '\nTerraform JSON: cdktf.out/stacks/<stack>/cdk.tf.json; check reports: cdktf.out/checks/<stack>.{json,sarif}',
);
