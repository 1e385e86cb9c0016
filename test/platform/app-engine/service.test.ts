import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { version } from './judge';

const { judge, reported, passes } = version;

describe('GAE-VERSION-ID', () => {
  const ID = 'GAE-VERSION-ID';

  test('63 characters pass, 64 are refused with the count', () => {
    passes(ID, { versionId: 'a'.repeat(63) });
    passes(ID, { versionId: 'v1-2' });
    passes(ID, {});
    const [v] = judge(ID, { versionId: 'a'.repeat(64) }).violations;
    assert.equal(v.fact, 'versionId');
    assert.match(v.message, /has 64 characters; the limit is 63/);
    assert.equal(v.fix, 'shorten it');
  });

  test('other characters, or a hyphen at either end, are refused with a well-formed id to use', () => {
    const suggestion = (versionId: string) => {
      const { violations } = judge(ID, { versionId });
      assert.equal(violations.length, 1, versionId);
      assert.match(violations[0].message, /lowercase letters, digits and hyphens/);
      return /'(.*)'/.exec(violations[0].fix)?.[1];
    };
    assert.equal(suggestion('V1'), 'v1');
    assert.equal(suggestion('-v1'), 'v1');
    assert.equal(suggestion('v1-'), 'v1');
    assert.equal(suggestion('Release_2'), 'release-2');
    // The reserved prefix is dropped from the suggestion, in any case, only at the start.
    assert.equal(suggestion('AH-Build'), 'build');
    assert.equal(suggestion('V1-ah-X'), 'v1-ah-x');
    // Nothing usable left: v1.
    assert.equal(suggestion('___'), 'v1');
  });

  test('default, latest and the ah- prefix are reserved', () => {
    for (const versionId of ['default', 'latest', 'ah-builtin']) {
      const [v] = judge(ID, { versionId }).violations;
      assert.equal(v.message, `'${versionId}' is reserved`);
      assert.match(v.fix, /another id/);
    }
    passes(ID, { versionId: 'defaults' });
    passes(ID, { versionId: 'v-ah-1' });
  });
});

describe('GAE-SERVICE-ID', () => {
  const ID = 'GAE-SERVICE-ID';

  test('63 characters pass, 64 fail; the suggestion is cut to 63', () => {
    passes(ID, { service: 'a'.repeat(63) });
    passes(ID, {});
    const [v] = judge(ID, { service: 'a'.repeat(64) }).violations;
    assert.equal(v.fact, 'service');
    assert.match(v.message, new RegExp(`'a{64}' is not a valid service id`));
    assert.match(v.fix, new RegExp(`e\\.g\\. 'a{63}'$`));
  });

  test('other characters and hyphens at either end fail, with a slug to use (default when nothing is left)', () => {
    for (const [service, slug] of [
      ['My_Service', 'my-service'],
      ['-api', 'api'],
      ['api-', 'api'],
      ['___', 'default'],
    ]) {
      const [v] = judge(ID, { service }).violations;
      assert.match(v.fix, new RegExp(`e\\.g\\. '${slug}'$`), service);
    }
  });
});

describe('GAE-HOSTNAME-LENGTH', () => {
  const ID = 'GAE-HOSTNAME-LENGTH';
  // v1-dot-api-dot- is 15 characters.
  const facts = (projectLength: number) => ({ versionId: 'v1', service: 'api', project: 'p'.repeat(projectLength) });

  test('VERSION-dot-SERVICE-dot-PROJECT of 63 characters passes, 64 fail, with the room left for the version id', () => {
    passes(ID, facts(48));
    const [v] = judge(ID, facts(49)).violations;
    assert.equal(v.fact, 'versionId');
    assert.match(v.message, /^v1-dot-api-dot-p{49} has 64 characters; App Engine allows at most 63/);
    assert.equal(v.fix, 'shorten the version id to at most 1 characters (or the service id)');
    assert.equal(
      judge(ID, facts(50)).violations[0].fix,
      'shorten the service id and the version id',
      'no room left for any version id',
    );
  });

  test('without a service the default service is counted', () => {
    // v1-dot-default-dot- is 19 characters.
    passes(ID, { ...facts(44), service: undefined });
    assert.match(
      judge(ID, { ...facts(45), service: undefined }).violations[0].message,
      /^v1-dot-default-dot-p{45} has 64 /,
    );
  });

  test('not judged without a version id or project, or for a domain-scoped project', () => {
    passes(ID, { ...facts(60), versionId: undefined });
    passes(ID, { ...facts(60), project: undefined });
    passes(ID, { ...facts(60), project: `example.com:${'p'.repeat(60)}` });
  });
});

describe('GAE-DEFAULT-SERVICE-DELETE', () => {
  const ID = 'GAE-DEFAULT-SERVICE-DELETE';

  test('the default service, named or not, cannot be deleted with its version; another service can', () => {
    for (const service of [undefined, 'default']) {
      assert.deepEqual(reported(ID, { service, deleteServiceOnDestroy: true }), ['deleteServiceOnDestroy']);
      passes(ID, { service, deleteServiceOnDestroy: false });
      passes(ID, { service });
    }
    passes(ID, { service: 'api', deleteServiceOnDestroy: true });
    assert.match(judge(ID, { deleteServiceOnDestroy: true }).violations[0].fix, /deleteServiceOnDestroy off/);
  });
});

describe('GAE-DEPLOYMENT', () => {
  const ID = 'GAE-DEPLOYMENT';

  test('no sources fail; one or more pass', () => {
    const [v] = judge(ID, { deploymentSources: 0 }).violations;
    assert.equal(v.fact, 'deploymentSources');
    assert.match(v.fix, /Deployment\.zip/);
    for (const deploymentSources of [undefined, 1, 3]) passes(ID, { deploymentSources });
  });
});

describe('the App Engine service account rules', () => {
  test('GAE-SERVICE-ACCOUNT: an email; GAE-DEFAULT-SA: not the App Engine default account', () => {
    passes('GAE-SERVICE-ACCOUNT', { serviceAccount: { email: 'app@p.iam.gserviceaccount.com', isDefault: false } });
    assert.deepEqual(reported('GAE-SERVICE-ACCOUNT', { serviceAccount: { email: 'app', isDefault: false } }), [
      'serviceAccount',
    ]);
    const [v] = judge('GAE-DEFAULT-SA', { serviceAccount: { isDefault: true } }).violations;
    assert.equal(v.fact, 'serviceAccount');
    assert.match(v.message, /the App Engine default service account/);
    passes('GAE-DEFAULT-SA', { serviceAccount: { email: 'app@p.iam.gserviceaccount.com', isDefault: false } });
  });
});

describe('the service rules with an unknown fact', () => {
  test('a rule that would fail reports unknown instead', () => {
    const { unknownSkips } = version;
    unknownSkips('GAE-VERSION-ID', { versionId: 'V1' }, 'versionId');
    unknownSkips('GAE-SERVICE-ID', { service: 'My_Service' }, 'service');
    unknownSkips('GAE-HOSTNAME-LENGTH', { versionId: 'v1', service: 'api', project: 'p'.repeat(60) }, 'project');
    unknownSkips('GAE-DEFAULT-SERVICE-DELETE', { deleteServiceOnDestroy: true }, 'service');
    unknownSkips('GAE-DEPLOYMENT', { deploymentSources: 0 }, 'deploymentSources');
  });
});
