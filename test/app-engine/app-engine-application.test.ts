import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AppEngineApplication, DatabaseType } from '../../lib/app-engine/app-engine-application';
import { ValidationError } from '../../lib/core/validation';
import { newStack, only, synth, warnings } from '../support/synth';

describe('AppEngineApplication', () => {
  test('missing or mistyped props are reported by name, not as a crash', () => {
    assert.throws(
      () => new AppEngineApplication(newStack(), 'app', undefined as never),
      (e) => e instanceof ValidationError && /props = undefined \(not set\)/.test(e.message),
    );
    assert.throws(
      () => new AppEngineApplication(newStack(), 'app', { locationId: 'us-central', location: 'x' } as never),
      (e) => e instanceof ValidationError && /location = 'x': 'location' is not a known prop/.test(e.message),
    );
  });

  test('an application refused at creation (and caught) is not the application of its project: a retry is built', () => {
    const stack = newStack();
    assert.throws(
      () => new AppEngineApplication(stack, 'Bad', { locationId: 'europe-west1' }),
      (e) => e instanceof ValidationError && /GAE-APP-LOCATION/.test(e.message),
    );
    const good = new AppEngineApplication(stack, 'Good', { locationId: 'europe-west' });
    assert.equal(only(synth(stack), 'google_app_engine_application').location_id, 'europe-west');
    // The built one still counts.
    assert.throws(
      () => new AppEngineApplication(stack, 'Third', { locationId: 'europe-west' }),
      (e) =>
        e instanceof ValidationError &&
        e.problems.some((p) => p.ruleId === 'GAE-APP-PER-PROJECT' && p.rule.includes(`(${good.node.path})`)),
    );
  });

  test('renders location, database type and IAP', () => {
    const stack = newStack();
    new AppEngineApplication(stack, 'app', {
      locationId: 'us-central',
      databaseType: DatabaseType.CLOUD_FIRESTORE,
      iap: { oauth2ClientId: 'id', oauth2ClientSecret: 'secret' },
    });
    const json = only(synth(stack), 'google_app_engine_application');
    assert.equal(json.location_id, 'us-central');
    assert.equal(json.database_type, 'CLOUD_FIRESTORE');
    assert.deepEqual(json.iap, { oauth2_client_id: 'id', oauth2_client_secret: 'secret', enabled: true });
  });

  test('a Cloud Run region name is an error that says which id was meant', () => {
    assert.throws(
      () => new AppEngineApplication(newStack(), 'app', { locationId: 'us-central1' }),
      (e) =>
        e instanceof ValidationError &&
        /locationId = 'us-central1'.*App Engine calls that location 'us-central'.*GAE-APP-LOCATION/.test(e.message),
    );
    assert.throws(
      () => new AppEngineApplication(newStack(), 'app', { locationId: 'europe-west1' }),
      (e) => e instanceof ValidationError && /use 'europe-west'/.test(e.message),
    );
  });

  test('an unlisted but well-formed region is a warning', () => {
    const stack = newStack();
    new AppEngineApplication(stack, 'app', { locationId: 'europe-north1' });
    assert.ok(warnings(stack).some((w) => w.includes('GAE-APP-LOCATION-UNLISTED')));
  });

  test('one application per project', () => {
    const stack = newStack();
    new AppEngineApplication(stack, 'app', { locationId: 'us-central', project: 'p1' });
    new AppEngineApplication(stack, 'other', { locationId: 'us-central', project: 'p2' });
    assert.throws(
      () => new AppEngineApplication(stack, 'again', { locationId: 'europe-west', project: 'p1' }),
      (e) => e instanceof ValidationError && /project = 'p1'.*exactly one/.test(e.message),
    );
  });
});
