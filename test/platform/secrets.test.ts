/**
 * Secrets in plain environment values: names that say a variable holds one (whole words, camelCase or not, not a
 * pointer to one), values that look like one (each pattern at its shortest and one character short), and when a
 * variable holds nothing.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isSecretName, plainSecretProblem, secretValueKind } from '../../lib/platform/secrets';

describe('secret names', () => {
  test('a secret word anywhere in the name, whatever the separator or case', () => {
    for (const name of [
      'PASSWORD',
      'DB_PASSWORD',
      'db-passwd',
      'dbPassword',
      'db2Password',
      'MYSQL_PWD',
      'PASS',
      'SECRET',
      'GITHUB_TOKEN',
      'apiKey',
      'APIKEY',
      'CREDENTIALS',
      'GOOGLE_CREDENTIAL',
      'privatekey',
      'SENTRY_DSN',
      'token.value',
      'PASSWORD_',
      '_PASSWORD',
    ])
      assert.equal(isSecretName(name), true, name);
  });

  test('two-word names: API_KEY, PRIVATE_KEY, ... in that order', () => {
    for (const name of [
      'API_KEY',
      'STRIPE_API_KEY',
      'PRIVATE_KEY',
      'AWS_ACCESS_KEY',
      'SECRET_KEY',
      'AUTH_KEY',
      'SIGNING_KEY',
      'ENCRYPTION_KEY',
      'CLIENT_SECRET',
      'clientSecret',
    ])
      assert.equal(isSecretName(name), true, name);
    for (const name of ['KEY', 'KEY_API', 'ACCESS', 'API', 'PRIVATE', 'API_X_KEY', 'PUBLIC_KEY', 'CLIENT'])
      assert.equal(isSecretName(name), false, name);
  });

  test('not a secret: other words, words that only contain a secret word, and pointers to a secret', () => {
    for (const name of [
      '',
      '___',
      'DEBUG',
      'PASSWORDS',
      'PASSWORD2',
      'PASSPORT',
      'BYPASS',
      'TOKENIZER',
      'PASSWORD_FILE',
      'DB_PASSWORD_URL',
      'dbPasswordPath',
      'SECRET_NAME',
      'API_KEY_ID',
      'TOKEN_TTL',
      'SECRET_VERSION',
      'PASSWORD_MIN',
      'PASSWORD_URL_',
      'TOKEN_SCOPES',
    ])
      assert.equal(isSecretName(name), false, name);
  });
});

describe('secret-looking values', () => {
  const digits = (n: number) => '0123456789'.repeat(4).slice(0, n);
  test('each kind at its shortest; one character short, or with text around it, is not one', () => {
    const cases: Array<[string, string | undefined]> = [
      ['-----BEGIN PRIVATE KEY-----\nMIIE', 'a PEM private key'],
      ['x-----BEGIN RSA PRIVATE KEY-----', 'a PEM private key'],
      ['-----BEGIN PUBLIC KEY-----\nMIIE', undefined],
      [`AKIA${'A1'.repeat(8)}`, 'an AWS access key id'],
      [`AKIA${'A1'.repeat(8)}X`, undefined],
      [`AKIA${'A1'.repeat(7)}A`, undefined],
      [`xAKIA${'A1'.repeat(8)}`, undefined],
      [`AKIA${'a1'.repeat(8)}`, undefined],
      [`AIza${'aZ0_-'.repeat(7)}`, 'a Google API key'],
      [`AIza${'aZ0_-'.repeat(7)}x`, undefined],
      [`xAIza${'aZ0_-'.repeat(7)}`, undefined],
      [`AIza${'aZ0_-'.repeat(6)}abcd`, undefined],
      [`ghp_${'aZ0'.repeat(10)}`, 'a GitHub token'],
      [`ghs_${'aZ0'.repeat(12)}`, 'a GitHub token'],
      ...['o', 'u', 'r'].map((k): [string, string] => [`gh${k}_${'aZ0'.repeat(10)}`, 'a GitHub token']),
      [`ghp_${'aZ0'.repeat(10).slice(1)}`, undefined],
      [`ghx_${'aZ0'.repeat(10)}`, undefined],
      [`xghp_${'aZ0'.repeat(10)}`, undefined],
      [`ghp_${'aZ0'.repeat(10)}!`, undefined],
      [`xoxb-${digits(10)}`, 'a Slack token'],
      [`xoxp-12-AB-${digits(7)}`, 'a Slack token'],
      [`xoxb-${digits(9)}`, undefined],
      ...['a', 'o', 's', 'r'].map((k): [string, string] => [`xox${k}-abcdefghij`, 'a Slack token']),
      [`xoxz-${digits(10)}`, undefined],
      [`xxoxb-${digits(10)}`, undefined],
      [`xoxb-${digits(10)}!`, undefined],
      [`sk_live_${digits(16)}`, 'a Stripe live key'],
      [`rk_live_${'Ab'.repeat(8)}`, 'a Stripe live key'],
      [`sk_live_${digits(15)}`, undefined],
      [`sk_test_${digits(16)}`, undefined],
      [`sk_live_${digits(16)}!`, undefined],
      [`xsk_live_${digits(16)}`, undefined],
      ['postgres://app:s3cret@db/app', 'a URL with an embedded password'],
      ['a://b:c@', 'a URL with an embedded password'],
      ['redis+tls://u:p@host', 'a URL with an embedded password'],
      // Redis URLs often carry a password and no user name.
      ['redis://:s3cret@cache:6379/0', 'a URL with an embedded password'],
      ['redis://:@cache:6379/0', undefined],
      ['a.b-c1://u:p@host', 'a URL with an embedded password'],
      ['https://host/x:y@z', undefined],
      ['https://u:p/q@host', undefined],
      ['https://u:p q@host', undefined],
      ['https://a@b:c@host', undefined],
      ['https://example.com/path', undefined],
      ['https://user@example.com', undefined],
      ['https://host:8080/x@y', undefined],
      ['1https://u:p@host', undefined],
      ['https://u:p@', 'a URL with an embedded password'],
      ['https://u :p@host', undefined],
      ['a://b:c', undefined],
      ['hello world, a plain value', undefined],
    ];
    for (const [value, kind] of cases) assert.equal(secretValueKind(value), kind, value);
  });

  test('values under 8 characters are never taken for a secret', () => {
    assert.equal(secretValueKind('a://b:c@'), 'a URL with an embedded password');
    assert.equal(secretValueKind('://b:c@'), undefined);
    assert.equal(secretValueKind(''), undefined);
  });
});

describe('plain secret problems', () => {
  test('a secret name with a literal value, or filled from a reference, is a problem; empty or unset is not', () => {
    const literal = plainSecretProblem({ name: 'DB_PASSWORD', value: 'hunter2' });
    assert.match(literal!, /^environment variable DB_PASSWORD holds a secret in plain text; /);
    assert.equal(literal!.includes('reference'), false);
    const ref = plainSecretProblem({ name: 'DB_PASSWORD', valueFromReference: true });
    assert.match(ref!, /DB_PASSWORD holds a secret in plain text \(filled from a variable or reference/);
    assert.equal(plainSecretProblem({ name: 'DB_PASSWORD', value: '' }), undefined);
    assert.equal(plainSecretProblem({ name: 'DB_PASSWORD' }), undefined);
    assert.equal(plainSecretProblem({ name: 'DB_PASSWORD', valueFromReference: false }), undefined);
    assert.match(plainSecretProblem({ name: 'DB_PASSWORD', value: 'x', valueFromReference: false })!, /DB_PASSWORD/);
  });

  test('any name with a secret-looking literal value is a problem naming what it looks like', () => {
    assert.equal(
      plainSecretProblem({ name: 'DATABASE_URL', value: 'postgres://app:s3cret@db/app' }),
      'environment variable DATABASE_URL holds what looks like a URL with an embedded password in plain text',
    );
    assert.equal(plainSecretProblem({ name: 'DATABASE_URL', value: 'postgres://db/app' }), undefined);
    assert.equal(plainSecretProblem({ name: 'DATABASE_URL', valueFromReference: true }), undefined);
  });
});
