import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  APP_ENGINE_DATABASE_TYPES,
  APP_ENGINE_LOCATIONS,
  suggestLocation,
} from '../../../lib/platform/app-engine/application';
import { application } from './judge';

const { judge, reported, passes } = application;
/** The ids of the location rules that fail for `locationId`. */
const locationRules = (locationId: string) =>
  ['GAE-APP-LOCATION', 'GAE-APP-LOCATION-UNLISTED'].filter((id) => judge(id, { locationId }).status === 'fail');

describe('App Engine application locations', () => {
  test('every listed location passes both location rules; unset passes', () => {
    for (const locationId of APP_ENGINE_LOCATIONS) assert.deepEqual(locationRules(locationId), [], locationId);
    passes('GAE-APP-LOCATION', {});
    passes('GAE-APP-LOCATION-UNLISTED', {});
  });

  test('the Compute names of us-central and europe-west are refused with the App Engine name', () => {
    for (const [region, location] of [
      ['us-central1', 'us-central'],
      ['europe-west1', 'europe-west'],
    ]) {
      assert.deepEqual(locationRules(region), ['GAE-APP-LOCATION']);
      const [v] = judge('GAE-APP-LOCATION', { locationId: region }).violations;
      assert.equal(v.fact, 'locationId');
      assert.match(v.message, new RegExp(`App Engine calls that location '${location}'`));
      assert.equal(v.fix, `use '${location}'`);
      assert.equal(suggestLocation(region), location);
    }
  });

  test('a well-formed region App Engine does not list is a warning only, with the nearest id', () => {
    for (const region of ['europe-north1', 'europe-north12', 'africa-south1']) {
      assert.deepEqual(locationRules(region), ['GAE-APP-LOCATION-UNLISTED'], region);
    }
    const [v] = judge('GAE-APP-LOCATION-UNLISTED', { locationId: 'us-east5' }).violations;
    assert.equal(v.fact, 'locationId');
    assert.match(v.message, /'us-east5' is not in the list/);
    assert.match(v.fix, /nearest known id is 'us-east[14]'$/);
  });

  test('anything else is refused with the closest id (prototype names included)', () => {
    for (const [locationId, closest] of [
      ['us-centrl', 'us-central'],
      ['Europe-west2', 'europe-west2'],
      ['europe-west2x', 'europe-west2'],
      ['uscentral', 'us-central'],
      ['constructor', undefined],
      ['toString', undefined],
    ] as const) {
      assert.deepEqual(locationRules(locationId), ['GAE-APP-LOCATION'], locationId);
      const [v] = judge('GAE-APP-LOCATION', { locationId }).violations;
      assert.equal(v.message, `'${locationId}' is not an App Engine location id`);
      assert.equal(v.fix, `did you mean '${suggestLocation(locationId)}'?`);
      if (closest) assert.equal(suggestLocation(locationId), closest);
    }
  });

  test('suggestLocation reads aliases and typos regardless of case and spaces', () => {
    assert.equal(suggestLocation(' US-Central1 '), 'us-central');
    assert.equal(suggestLocation('EUROPE-WEST3'), 'europe-west3');
    // Left in, the blank would make us-west1 as close as us-west2 (two edits each), and the first id wins a tie.
    assert.equal(judge('GAE-APP-LOCATION', { locationId: 'us-wes2 ' }).violations[0].fix, "did you mean 'us-west2'?");
    assert.ok(APP_ENGINE_LOCATIONS.includes(suggestLocation('constructor')));
  });
});

describe('GAE-APP-DATABASE-TYPE and GAE-APP-PER-PROJECT', () => {
  test('CLOUD_DATASTORE is refused; the accepted types and unset pass', () => {
    assert.deepEqual(reported('GAE-APP-DATABASE-TYPE', { databaseType: APP_ENGINE_DATABASE_TYPES.legacy }), [
      'databaseType',
    ]);
    assert.match(
      judge('GAE-APP-DATABASE-TYPE', { databaseType: 'CLOUD_DATASTORE' }).violations[0].fix,
      /CLOUD_DATASTORE_COMPATIBILITY/,
    );
    for (const databaseType of [...APP_ENGINE_DATABASE_TYPES.accepted, undefined]) {
      passes('GAE-APP-DATABASE-TYPE', { databaseType });
    }
  });

  test('a second application in the same project is refused, naming the first', () => {
    const [v] = judge('GAE-APP-PER-PROJECT', { sameProject: ['Stack/First', 'Stack/Second'] }).violations;
    assert.equal(v.fact, 'sameProject');
    assert.match(v.message, /\(Stack\/First\)/);
    passes('GAE-APP-PER-PROJECT', { sameProject: [] });
    passes('GAE-APP-PER-PROJECT', {});
  });
});

describe('application rules and values only known at apply', () => {
  test('a location, database type or project only known at apply makes each rule unknown, not failed', () => {
    application.unknownSkips('GAE-APP-LOCATION', { locationId: 'us-central1' }, 'locationId');
    application.unknownSkips('GAE-APP-LOCATION-UNLISTED', { locationId: 'mars-north1' }, 'locationId');
    application.unknownSkips('GAE-APP-DATABASE-TYPE', { databaseType: 'CLOUD_DATASTORE' }, 'databaseType');
    application.unknownSkips(
      'GAE-APP-PER-PROJECT',
      { sameProject: ['google_app_engine_application.b'] },
      'sameProject',
    );
  });
});
