/**
 * What `schedulerFacts` reads from a raw `google_cloud_scheduler_job`, and `maskedUri`, which keeps the shape of a
 * run URI whose parts are only known at apply.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { maskedUri, schedulerFacts } from '../../../lib/checks/facts/scheduler';
import { UNKNOWN } from '../../../lib/checks/model';
import { type Json, mutated, schedulerJob } from '../fixtures';
import { asBlockLists } from '../shapes';
import { declared, unknownOf } from './read';

const SCHEDULER = 'google_cloud_scheduler_job';
const factsOf = (body: Json) => schedulerFacts(declared(SCHEDULER, body).r);
const job = (change: (b: Json) => void) => factsOf(mutated(schedulerJob, change));

describe('maskedUri', () => {
  test('each interpolation written {}, nested braces included; literal text kept', () => {
    assert.equal(
      maskedUri('https://run.googleapis.com/v2/projects/${var.p}/locations/${lookup({a = 1}, "a")}/jobs/j:run'),
      'https://run.googleapis.com/v2/projects/{}/locations/{}/jobs/j:run',
    );
    assert.equal(maskedUri('https://x/%{if a}b%{endif}/c'), 'https://x/{}b{}/c');
    assert.equal(maskedUri('https://x/a{b}'), 'https://x/a{b}');
    assert.equal(maskedUri('https://x/{${var.a}}'), 'https://x/{{}}'); // a brace before the interpolation is text
    assert.equal(maskedUri('https://x/$/%'), 'https://x/$/%');
  });

  test('the escapes $${ and %%{ keep one sigil and the brace, and are no interpolation', () => {
    assert.equal(maskedUri('https://x/$${a}'), 'https://x/${a}');
    assert.equal(maskedUri('https://x/%%{a}'), 'https://x/%{a}');
  });

  test('an interpolation left open runs to the end', () => {
    assert.equal(maskedUri('https://x/${var.a'), 'https://x/{}');
  });

  test('nothing but interpolations (and blanks) is unknown; not a string is unknown; unset is undefined', () => {
    assert.equal(maskedUri('${var.uri}'), UNKNOWN);
    assert.equal(maskedUri(' ${var.a}${var.b} '), UNKNOWN);
    assert.equal(maskedUri(['https://x']), UNKNOWN);
    assert.equal(maskedUri(undefined), undefined);
    assert.equal(maskedUri(null), undefined);
    assert.equal(maskedUri('{}'), UNKNOWN);
    assert.equal(maskedUri('x'), 'x');
  });
});

describe('schedulerFacts', () => {
  test('every fact of the compliant job, the same in list form', () => {
    const set = factsOf(schedulerJob());
    assert.deepEqual(set.facts, {
      name: 'nightly-run',
      schedule: '0 3 * * *',
      timeZone: 'Europe/Paris',
      attemptDeadlineSeconds: 320,
      retryCount: 1,
      target: 'http',
      httpMethod: 'POST',
      uri: 'https://run.googleapis.com/v2/projects/{}/locations/europe-west1/jobs/nightly:run',
      oauthToken: true,
      oidcToken: false,
      oauthScope: undefined,
    });
    assert.deepEqual(unknownOf(set), []);
    assert.equal(set.attributes!.oauthScope, 'http_target.oauth_token.scope');
    const listed = asBlockLists(schedulerJob());
    listed.http_target = [{ ...listed.http_target, oauth_token: [listed.http_target.oauth_token] }];
    listed.retry_config = [listed.retry_config];
    assert.deepEqual(factsOf(listed).facts, set.facts);
  });

  test('the target: http, pubsub, App Engine, none; a target block only known at apply is unknown', () => {
    const target = (blocks: Json) =>
      job((b) => {
        delete b.http_target;
        Object.assign(b, blocks);
      });
    assert.equal(target({ pubsub_target: { topic_name: 't' } }).facts.target, 'pubsub');
    assert.equal(target({ app_engine_http_target: { relative_uri: '/' } }).facts.target, 'app-engine');
    const none = target({});
    assert.equal(none.facts.target, undefined);
    assert.equal(none.facts.uri, undefined);
    assert.equal(none.facts.oauthToken, false);
    for (const key of ['http_target', 'pubsub_target', 'app_engine_http_target']) {
      const set = target({ [key]: '${var.target}' });
      assert.equal(set.facts.target, undefined, key);
      assert.ok(set.unknown.has('target'), key);
    }
    const http = target({ http_target: '${var.target}' });
    assert.deepEqual(unknownOf(http), ['httpMethod', 'oauthScope', 'oauthToken', 'oidcToken', 'target', 'uri']);
  });

  test('tokens: oidc instead of oauth, a scope, and each value only known at apply marked on its own', () => {
    const oidc = job((b) => {
      b.http_target.oidc_token = b.http_target.oauth_token;
      delete b.http_target.oauth_token;
    }).facts;
    assert.equal(oidc.oidcToken, true);
    assert.equal(oidc.oauthToken, false);
    assert.equal(job((b) => (b.http_target.oauth_token.scope = 'x')).facts.oauthScope, 'x');
    assert.deepEqual(unknownOf(job((b) => (b.http_target.oauth_token = '${var.t}'))), ['oauthScope', 'oauthToken']);
    assert.deepEqual(unknownOf(job((b) => (b.http_target.oidc_token = '${var.t}'))), ['oidcToken']);
    assert.deepEqual(unknownOf(job((b) => (b.http_target.uri = '${var.uri}'))), ['uri']);
    assert.deepEqual(unknownOf(job((b) => (b.attempt_deadline = '${var.d}'))), ['attemptDeadlineSeconds']);
    assert.deepEqual(unknownOf(job((b) => (b.retry_config = '${var.r}'))), ['retryCount']);
  });

  test('a malformed deadline is NaN; a retry count written as a string is read', () => {
    assert.ok(Number.isNaN(job((b) => (b.attempt_deadline = '5m')).facts.attemptDeadlineSeconds));
    assert.equal(job((b) => (b.retry_config.retry_count = '3')).facts.retryCount, 3);
  });
});
