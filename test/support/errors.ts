import assert from 'node:assert/strict';
import { Errors } from '../../lib';
import type { ValidationError } from '../../lib/core/validation';

/** The ValidationError `run` throws; fails the test when it throws anything else, or nothing. */
export function refused(run: () => unknown): ValidationError {
  let caught: unknown;
  try {
    run();
  } catch (e) {
    caught = e;
  }
  assert.ok(Errors.isValidationError(caught), `expected a ValidationError, got ${String(caught)}`);
  return caught;
}

/** `prop: rule id` (or the rule's text, for a problem no rule found) of each problem of an error. */
export const found = (e: ValidationError): string[] => e.problems.map((p) => `${p.prop}: ${p.ruleId ?? p.rule}`);
