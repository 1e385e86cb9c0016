/**
 * Every input of the App Engine constructs and factories gets a clear answer: no TypeError, every problem at once,
 * misspelt enum values with a suggestion, and nothing accepted that the checks would then refuse.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  AppEngineApplication,
  AppEngineStandardService,
  type AppEngineStandardServiceProps,
  Deployment,
  Handler,
  Login,
  PolicyChecks,
  Scaling,
  SecurityLevel,
} from '../../lib';
import { found, refused } from '../support/errors';
import { newStack, only, synth } from '../support/synth';

const BASE = { runtime: 'python312', deployment: Deployment.zip('https://storage.googleapis.com/b/app.zip') };

const service = (props: Record<string, unknown>) =>
  refused(
    () => new AppEngineStandardService(newStack(), 'svc', { ...BASE, ...props } as AppEngineStandardServiceProps),
  );

describe('App Engine factories: options checked by the construct, never a TypeError', () => {
  test('Handler.staticFiles without options, Deployment.files(null), a BigInt scaling option', () => {
    const e = service({
      handlers: [Handler.staticFiles('/s' as string, undefined as never)],
      deployment: Deployment.files(null as never),
      scaling: Scaling.automatic({ minInstances: 10n as never }),
    });
    assert.deepEqual(found(e).sort(), [
      'deployment.files: expected a list of objects, got null',
      'handlers.0.path: expected a string (it is required)',
      'handlers.0.uploadPathRegex: expected a string (it is required)',
      'scaling.minInstances: expected a number, got a bigint',
    ]);
    assert.equal(e.constructPath, 'test/svc');
    assert.match(e.message, /scaling\.minInstances = 10n/);
  });

  test('misspelt enum values get the member they meant', () => {
    const e = service({
      handlers: [Handler.script('/.*', { securityLevel: 'always' as SecurityLevel, login: 'admin' as Login })],
    });
    assert.match(e.message, /handlers\.0\.securityLevel = 'always'.*did you mean SecurityLevel\.SECURE_ALWAYS/);
    assert.match(e.message, /handlers\.0\.login = 'admin'.*did you mean Login\.ADMIN \('LOGIN_ADMIN'\)/);
  });

  test('Scaling.basic() and Scaling.manual() without options say what is missing', () => {
    const e = service({ scaling: Scaling.basic(undefined as never), instanceClass: 'B2' });
    assert.deepEqual(found(e), ['scaling: expected the options of Scaling.basic (it is required)']);
    assert.deepEqual(found(service({ scaling: Scaling.manual({} as never), instanceClass: 'B2' })), [
      'scaling.instances: expected a number (it is required)',
    ]);
  });
});

describe('App Engine: nothing accepted that loses a default or deploys nothing', () => {
  test('handlers: [] is refused: it would drop the HTTPS-only default', () => {
    const e = service({ handlers: [] });
    assert.deepEqual(found(e), [
      'handlers: an empty list of handlers drops the default HTTPS-only handler, and App Engine then serves the app over HTTP too',
    ]);
  });

  test("Deployment.zip('') deploys nothing: GAE-DEPLOYMENT", () => {
    assert.deepEqual(found(service({ deployment: Deployment.zip('') })), ['deployment: GAE-DEPLOYMENT']);
  });

  test('a misspelt prop does not hide the problems of the others', () => {
    const e = service({ instanceClas: 'F2', instanceClass: 'F3', requestTimeout: 1800 });
    assert.deepEqual(found(e), [
      "instanceClas: 'instanceClas' is not a known prop",
      'instanceClass: GAE-INSTANCE-CLASS',
      'requestTimeout: GAE-REQUEST-DEADLINE',
    ]);
  });

  test('what the construct accepts passes its own checks', () => {
    const stack = newStack();
    new AppEngineStandardService(stack, 'svc', {
      ...BASE,
      handlers: [Handler.script('/.*', { securityLevel: SecurityLevel.SECURE_ALWAYS, login: Login.ADMIN })],
      scaling: Scaling.automatic({ minInstances: 1, maxInstances: 4 }),
    });
    const json = synth(stack);
    assert.equal(only(json, 'google_app_engine_standard_app_version').handlers[0].login, 'LOGIN_ADMIN');
    const errors = PolicyChecks.checkTerraform(json).filter((f) => f.level === 'error' && !f.suppressed);
    assert.deepEqual(errors, []);
  });
});

describe('AppEngineApplication: every problem at once', () => {
  test('a wrong type and a bad location both reported', () => {
    const e = refused(
      () =>
        new AppEngineApplication(newStack(), 'app', { locationId: 'us-central1', databaseType: 'FIRESTORE' as never }),
    );
    assert.deepEqual(found(e), [
      "databaseType: 'FIRESTORE' is not one of DatabaseType.CLOUD_FIRESTORE, DatabaseType.CLOUD_DATASTORE_COMPATIBILITY",
      'locationId: GAE-APP-LOCATION',
    ]);
  });
});

describe('fromAppYaml: aliases', () => {
  test('an alias without its anchor and an alias bomb are GAE-YAML-SYNTAX errors, not ReferenceErrors', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (let i = 0; i < 8; i++)
      bomb.push(
        `${'bcdefghij'[i]}: &${'bcdefghij'[i]} [*${'abcdefghi'[i]}, *${'abcdefghi'[i]}, *${'abcdefghi'[i]}, *${'abcdefghi'[i]}, *${'abcdefghi'[i]}, *${'abcdefghi'[i]}, *${'abcdefghi'[i]}, *${'abcdefghi'[i]}, *${'abcdefghi'[i]}]`,
      );
    for (const yaml of ['runtime: python312\nservice: *nope\n', `runtime: python312\n${bomb.join('\n')}\n`]) {
      const e = refused(() =>
        AppEngineStandardService.fromAppYaml(newStack(), 'svc', { yaml, deployment: BASE.deployment }),
      );
      assert.ok(
        e.problems.some((p) => p.ruleId === 'GAE-YAML-SYNTAX'),
        e.message,
      );
    }
  });
});
