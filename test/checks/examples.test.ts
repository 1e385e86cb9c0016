import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Testing } from 'cdktf';
import { buildExamples } from '../../examples/main';
import { checkStack } from '../../lib/checks/policy-checks';
import { FindingStatus } from '../../lib/checks/types';
import { CheckLevel } from '../../lib/core/levels';

describe('the checker over every example stack', () => {
  const app = Testing.app();
  buildExamples(app);
  for (const stack of app.node.children) {
    test(`${stack.node.id}: no error-level finding`, () => {
      const findings = checkStack(stack);
      if (process.env.SHOW_FINDINGS) for (const f of findings) console.log(f.level, f.status, f.message);
      const errors = findings.filter(
        (f) => f.status === FindingStatus.FAIL && f.level === CheckLevel.ERROR && !f.suppressed,
      );
      assert.deepEqual(
        errors.map((f) => f.message),
        [],
      );
    });
  }
});
