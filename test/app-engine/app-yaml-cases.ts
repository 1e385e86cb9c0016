/**
 * The registry's fixtures for the findings of the app.yaml reader (GAE-YAML-*): a file that does not give the finding
 * and one that does, read by the reader itself.
 */
import { Construct } from 'constructs';
import { readAppYaml } from '../../lib/app-engine/app-yaml';
import { Deployment } from '../../lib/app-engine/deployment';
import { resolveVersion } from '../../lib/app-engine/standard-service-settings';
import { Problems } from '../../lib/core/problems';
import { AppYamlFinding } from '../../lib/platform/app-engine/app-yaml-findings';
import { newStack } from '../support/synth';

type Status = 'pass' | 'fail';

const deployment = Deployment.zip('https://storage.googleapis.com/b/app.zip');

/** Whether reading `yaml` (and resolving what it reads, where the recommendations are made) gives `ruleId`. */
function readingStatus(ruleId: string, yaml: string): Status {
  const { props, ...context } = readAppYaml({ yaml }, { deployment });
  if (context.problems.some((p) => p.ruleId === ruleId)) return 'fail';
  if (!props) return 'pass';
  const s = resolveVersion(props, context, new Problems(new Construct(newStack(), 'x'), 'test'));
  return ruleId === AppYamlFinding.RECOMMENDATION && s.recommendations.length > 0 ? 'fail' : 'pass';
}

const NEVER_UNKNOWN = 'the finding reads app.yaml text, which cannot hold a cdktf token';

/** A file the reader takes as it is: an entrypoint, a concurrency, nothing without effect. */
const CLEAN = `runtime: python312
entrypoint: gunicorn -b :$PORT -w 2 --threads 4 main:app
automatic_scaling:
  max_concurrent_requests: 8
`;

const c = (ruleId: AppYamlFinding, fail: string, pass = CLEAN) => ({
  pass: () => readingStatus(ruleId, pass),
  fail: () => readingStatus(ruleId, fail),
  neverUnknown: NEVER_UNKNOWN,
});

export const APP_YAML_CASES = {
  [AppYamlFinding.SYNTAX]: c(AppYamlFinding.SYNTAX, 'runtime: [python312\n'),
  [AppYamlFinding.UNKNOWN_KEY]: c(AppYamlFinding.UNKNOWN_KEY, `${CLEAN}automatic_scalling:\n  max_instances: 2\n`),
  [AppYamlFinding.VALUE]: c(AppYamlFinding.VALUE, 'runtime: python312\nautomatic_scaling:\n  max_instances: many\n'),
  [AppYamlFinding.NO_EFFECT]: c(AppYamlFinding.NO_EFFECT, `${CLEAN}threadsafe: true\n`),
  [AppYamlFinding.NOT_SUPPORTED]: c(AppYamlFinding.NOT_SUPPORTED, `${CLEAN}includes:\n- other.yaml\n`),
  [AppYamlFinding.DEPRECATED_KEY]: c(AppYamlFinding.DEPRECATED_KEY, `${CLEAN}module: api\n`),
  [AppYamlFinding.SCRIPT]: c(AppYamlFinding.SCRIPT, `${CLEAN}handlers:\n- url: /.*\n  script: main.app\n`),
  [AppYamlFinding.INBOUND_SERVICE]: c(AppYamlFinding.INBOUND_SERVICE, `${CLEAN}inbound_services:\n- mail\n`),
  [AppYamlFinding.RECOMMENDATION]: c(AppYamlFinding.RECOMMENDATION, 'runtime: python312\n'),
};
