import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkTerraform } from '../../lib/checks/engine';
import { mutated, tf, v2Service } from './fixtures';

describe('the checker judges each value of a block on its own', () => {
  test('a probe period written as a variable leaves the other timings judged, and says what it could not judge', () => {
    const json = tf(
      'google_cloud_run_v2_service',
      mutated(v2Service, (b) => {
        b.template.containers[0].startup_probe = {
          period_seconds: '${var.period}',
          failure_threshold: 0,
          tcp_socket: { port: 8080 },
        };
      }),
    );
    const findings = checkTerraform(json).filter((f) => f.ruleId === 'GCR-STARTUP-PROBE');
    assert.deepEqual(
      findings.map((f) => [f.status, f.attribute]),
      [
        ['fail', 'template.containers[0].startup_probe'],
        ['unknown', 'template.containers[0].startup_probe.period_seconds'],
      ],
    );
    assert.match(findings[0].problem, /failureThreshold 0 must be a whole number of at least 1/);
    // The budget reads the period: unknown, not a pass.
    assert.deepEqual(
      checkTerraform(json)
        .filter((f) => f.ruleId === 'GCR-STARTUP-BUDGET')
        .map((f) => f.status),
      ['unknown'],
    );
  });
});
