/**
 * Conformance of fromAppYaml: every file App Engine accepts is imported without an error, every file it rejects is
 * refused with the error that says why. The fixtures and their sources are in app-yaml-fixtures.ts.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AppEngineStandardService } from '../../lib/app-engine/app-engine-standard-service';
import { Deployment } from '../../lib/app-engine/deployment';
import { ValidationError } from '../../lib/core/validation';
import { newStack, synth } from '../support/synth';
import { APP_YAML_FIXTURES } from './app-yaml-fixtures';

const deployment = Deployment.zip('https://storage.googleapis.com/my-bucket/app.zip');

describe('conformance: app.yaml files App Engine accepts or rejects', () => {
  for (const fixture of APP_YAML_FIXTURES) {
    test(`${fixture.google}: ${fixture.name}`, () => {
      assert.ok(fixture.source.length > 20, 'every fixture cites its source');
      const stack = newStack();
      let error: unknown;
      try {
        AppEngineStandardService.fromAppYaml(stack, 'svc', { yaml: fixture.yaml, deployment });
      } catch (e) {
        error = e;
      }
      if (fixture.google === 'accepted') {
        assert.equal(error, undefined, String(error));
        assert.ok(synth(stack).resource.google_app_engine_standard_app_version, 'a version is written');
        return;
      }
      assert.ok(error instanceof ValidationError, `refused with a ValidationError, not ${String(error)}`);
      const ids = error.problems.map((p) => p.ruleId);
      for (const id of fixture.errors ?? []) assert.ok(ids.includes(id), `${id} missing from ${ids.join(', ')}`);
    });
  }
});
