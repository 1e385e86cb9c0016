import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CLOUD_RUN_RULES } from '../../../lib/platform/cloud-run';
import type { CloudRunFacts, ContainerFacts, ProbeFacts } from '../../../lib/platform/cloud-run/facts';
import { CLOUD_RUN_PROBE_LIMITS } from '../../../lib/platform/cloud-run/probes';
import { ruleTests } from './judge';

const { judge, status, reported } = ruleTests<CloudRunFacts>(CLOUD_RUN_RULES);

const ingress = (startupProbe?: ProbeFacts): ContainerFacts => ({
  name: 'app',
  ingress: true,
  hasPorts: true,
  startupProbe,
});
const side = (name: string, startupProbe?: ProbeFacts): ContainerFacts => ({
  name,
  ingress: false,
  hasPorts: false,
  startupProbe,
});
const tcp = (more: Partial<ProbeFacts> = {}): ProbeFacts => ({ kind: 'tcp', port: 9000, ...more });

describe('GCR-SIDECAR-STARTUP-PROBE', () => {
  const id = 'GCR-SIDECAR-STARTUP-PROBE';
  const withSidecar = (probe: ProbeFacts, main?: ProbeFacts): CloudRunFacts => ({
    containers: [ingress(main), side('proxy', probe)],
  });

  test("a sidecar's startup probe keeps the startup ranges, each value at its limit and one step past it", () => {
    const { maxPeriod, maxInitialDelay } = CLOUD_RUN_PROBE_LIMITS.startup;
    const max = CLOUD_RUN_PROBE_LIMITS.maxTimeout;
    const at = tcp({ periodSeconds: maxPeriod, initialDelaySeconds: maxInitialDelay, timeoutSeconds: max });
    assert.equal(status(id, withSidecar(at)), 'pass');
    assert.equal(
      status(id, withSidecar(tcp({ periodSeconds: 1, initialDelaySeconds: 0, failureThreshold: 1 }))),
      'pass',
    );
    const cases: Array<[Partial<ProbeFacts>, string]> = [
      [{ periodSeconds: maxPeriod + 1 }, 'periodSeconds'],
      [{ periodSeconds: 0 }, 'periodSeconds'],
      [{ initialDelaySeconds: maxInitialDelay + 1 }, 'initialDelaySeconds'],
      [{ initialDelaySeconds: -1 }, 'initialDelaySeconds'],
      [{ timeoutSeconds: max + 1 }, 'timeoutSeconds'],
      [{ timeoutSeconds: 0 }, 'timeoutSeconds'],
      [{ failureThreshold: 0 }, 'failureThreshold'],
      [{ port: 65536 }, 'port'],
    ];
    for (const [more, value] of cases)
      assert.deepEqual(reported(id, withSidecar(tcp(more))), [`containers.1.startupProbe.${value}`], value);
  });

  test('the message names the sidecar and the value; the fix the range', () => {
    const [v] = judge(id, withSidecar(tcp({ periodSeconds: 500 }))).violations;
    assert.match(v.message, /^the startup probe of container 'proxy': periodSeconds 500 is outside 1 to 240 seconds/);
    assert.equal(v.fix, 'use a period between 1 and 240');
    // An unnamed sidecar is named by its place.
    const unnamed: CloudRunFacts = {
      containers: [ingress(), { ingress: false, hasPorts: false, startupProbe: tcp({ periodSeconds: 500 }) }],
    };
    assert.match(judge(id, unnamed).violations[0].message, /^the startup probe of container 2:/);
  });

  test('an HTTP probe path of a sidecar starts with /', () => {
    const http = (path: string): ProbeFacts => ({ kind: 'http', port: 9000, path });
    assert.equal(status(id, withSidecar(http('/healthz'))), 'pass');
    const [v] = judge(id, withSidecar(http('healthz'))).violations;
    assert.equal(v.fact, 'containers.1.startupProbe.path');
    assert.match(v.message, /container 'proxy': an HTTP probe path must start with \//);
    // A TCP probe has no path to judge.
    assert.equal(status(id, withSidecar(tcp({ path: 'x' }))), 'pass');
  });

  test('every sidecar is judged, all problems at once; the serving container is left to GCR-STARTUP-PROBE', () => {
    const facts: CloudRunFacts = {
      containers: [
        ingress(tcp({ periodSeconds: 500 })),
        side('a', tcp({ periodSeconds: 500, timeoutSeconds: 0 })),
        side('b'),
        side('c', tcp({ failureThreshold: 0 })),
      ],
    };
    assert.deepEqual(reported(id, facts), [
      'containers.1.startupProbe.periodSeconds',
      'containers.1.startupProbe.timeoutSeconds',
      'containers.3.startupProbe.failureThreshold',
    ]);
    assert.deepEqual(reported('GCR-STARTUP-PROBE', { ...facts, startupProbe: tcp({ periodSeconds: 500 }) }), [
      'startupProbe.periodSeconds',
    ]);
  });

  test('one container: nothing to judge, whatever is unknown; a sidecar only known at apply: unknown', () => {
    assert.equal(status(id, { containers: [ingress(tcp({ periodSeconds: 500 }))] }), 'pass');
    assert.equal(status(id, { containers: [ingress()] }, ['containers.0.startupProbe']), 'pass');
    assert.equal(status(id, withSidecar(tcp()), ['containers.1.startupProbe']), 'unknown');
  });
});

describe('GCR-STARTUP-BUDGET', () => {
  const id = 'GCR-STARTUP-BUDGET';
  const startup = (periodSeconds: number, failureThreshold: number): CloudRunFacts => ({
    startupProbe: { kind: 'http', periodSeconds, failureThreshold },
  });

  test('a period past its 240 s maximum is left to GCR-STARTUP-PROBE: one finding, not a second with a fix that is already true', () => {
    // Period 300 × 1 is past the 240 s budget too; the budget rule's fix would say "lower failureThreshold to 1".
    assert.equal(status(id, startup(300, 1)), 'pass');
    assert.deepEqual(reported('GCR-STARTUP-PROBE', startup(300, 1)), ['startupProbe.periodSeconds']);
    // At the maximum period the budget rule still judges the threshold.
    assert.equal(status(id, startup(240, 1)), 'pass');
    const [v] = judge(id, startup(240, 2)).violations;
    assert.match(v.message, /periodSeconds 240 × failureThreshold 2 = 480 s exceeds the 240 s startup budget/);
    assert.match(v.fix, /^lower failureThreshold to 1 /);
    // For a job (600 s budget) too.
    assert.equal(status(id, { ...startup(241, 3), workload: 'job' }), 'pass');
    assert.equal(status(id, { ...startup(240, 3), workload: 'job' }), 'fail');
  });
});
