import assert from 'node:assert/strict';
import { CloudRunService, type CloudRunServiceProps } from '../../lib';
import { ValidationError } from '../../lib/core/validation';
import { newStack, only, synth } from './synth';

/** An image pinned by digest, as every test service runs one. */
export const IMAGE =
  'us-docker.pkg.dev/p/r/app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';

/** Builders of CloudRunService over compliant `base` props: synthesized, or expected to be refused. */
export function serviceTests(base: CloudRunServiceProps) {
  /** Synthesizes one service and returns the stack JSON, the service resource, its first container and the construct. */
  const build = (props: Partial<CloudRunServiceProps> = {}, id = 'Api') => {
    const stack = newStack();
    const svc = new CloudRunService(stack, id, { ...base, ...props });
    const json = synth(stack);
    const res = only(json, 'google_cloud_run_v2_service');
    return { json, svc, res, stack, container: res.template.containers[0], containers: res.template.containers };
  };
  /** Asserts construction fails with a ValidationError whose message matches every pattern. */
  const rejects = (props: Partial<CloudRunServiceProps>, ...patterns: RegExp[]): ValidationError => {
    let caught: unknown;
    try {
      new CloudRunService(newStack(), 'Api', { ...base, ...props });
    } catch (e) {
      caught = e;
    }
    assert.ok(caught instanceof ValidationError, `expected a ValidationError, got ${caught}`);
    for (const p of patterns) assert.match(caught.message, p);
    return caught;
  };
  return { build, rejects };
}
