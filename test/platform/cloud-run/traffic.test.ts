import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CheckLevel } from '../../../lib/core/levels';
import { ResourceKind } from '../../../lib/platform/kinds';
import {
  CLOUD_RUN_TAG_MIN,
  CLOUD_RUN_TAG_WITH_SERVICE_MAX,
  CLOUD_RUN_TRAFFIC_RULES,
} from '../../../lib/platform/cloud-run/traffic';
import { judge, only, reported } from './judge';

const latest = (percent?: number, tag?: string) => ({ type: 'latest' as const, percent, tag });
const revision = (name: string | undefined, percent?: number, tag?: string) => ({
  type: 'revision' as const,
  revision: name,
  percent,
  tag,
});

describe('GCR-TRAFFIC-SPLIT', () => {
  test('whole percents from 0 to 100 summing to 100 pass; no traffic block passes', () => {
    assert.deepEqual(reported('GCR-TRAFFIC-SPLIT', { traffic: [latest(100)] }), []);
    assert.deepEqual(reported('GCR-TRAFFIC-SPLIT', { traffic: [latest(90), revision('r1', 10), latest(0, 'x')] }), []);
    assert.deepEqual(reported('GCR-TRAFFIC-SPLIT', { traffic: [revision('r1', 100), latest(undefined, 'c')] }), []);
    assert.deepEqual(reported('GCR-TRAFFIC-SPLIT', { traffic: [] }), []);
    assert.deepEqual(reported('GCR-TRAFFIC-SPLIT', {}), []);
  });

  test('a sum one off either way fails with the sum', () => {
    for (const [a, sum] of [
      [98, 99],
      [100, 101],
    ]) {
      const v = only('GCR-TRAFFIC-SPLIT', { traffic: [latest(a), revision('r1', 1)] });
      assert.equal(v.fact, 'traffic');
      assert.match(v.message, new RegExp(`sum to ${sum}%, not 100%`));
    }
    // Unset percents are 0.
    assert.match(only('GCR-TRAFFIC-SPLIT', { traffic: [latest()] }).message, /sum to 0%/);
  });

  test('a percent below 0, above 100 or fractional is reported at its target', () => {
    const { violations } = judge('GCR-TRAFFIC-SPLIT', { traffic: [latest(101), revision('r1', -1)] });
    assert.deepEqual(
      violations.map((v) => v.fact),
      ['traffic.0', 'traffic.1'],
    );
    assert.match(violations[0].message, /the latest revision gets 101%: a percent is a whole number from 0 to 100/);
    assert.match(violations[1].message, /revision 'r1' gets -1%/);
    assert.equal(violations[0].fix, 'use 0 to 100');
    const half = judge('GCR-TRAFFIC-SPLIT', { traffic: [latest(50.5), revision('r1', 49.5)] }).violations;
    assert.deepEqual(
      half.map((v) => v.fact),
      ['traffic.0', 'traffic.1'],
    );
  });

  test('a revision target without a revision name routes nowhere', () => {
    for (const name of [undefined, '']) {
      const { violations } = judge('GCR-TRAFFIC-SPLIT', { traffic: [latest(50), revision(name, 50)] });
      assert.deepEqual(
        violations.map((v) => [v.fact, v.message]),
        [['traffic.1', 'a revision target names no revision']],
      );
      assert.match(violations[0].fix, /name the revision/);
    }
    const [percent] = judge('GCR-TRAFFIC-SPLIT', { traffic: [revision(undefined, 101)] }).violations;
    assert.match(percent.message, /revision '\?' gets 101%/);
  });

  test('a sum that is not a finite number is not reported again', () => {
    for (const odd of [Number.NaN, Number.POSITIVE_INFINITY]) {
      const { violations } = judge('GCR-TRAFFIC-SPLIT', { traffic: [latest(odd), revision('r', 100)] });
      assert.deepEqual(
        violations.map((v) => v.fact),
        ['traffic.0'],
        String(odd),
      );
    }
  });

  test('a token traffic block is unknown', () => {
    assert.equal(judge('GCR-TRAFFIC-SPLIT', { traffic: [latest(1)] }, ['traffic']).status, 'unknown');
  });
});

describe('GCR-TRAFFIC-TAG', () => {
  const tags = (...t: string[]) => t.map((tag, i) => latest(i === 0 ? 100 : 0, tag));

  test('DNS labels of at least 3 characters pass; a shorter one is a warning naming the minimum', () => {
    assert.equal(CLOUD_RUN_TAG_MIN, 3);
    assert.deepEqual(reported('GCR-TRAFFIC-TAG', { traffic: tags('abc', 'canary-2') }), []);
    assert.equal(only('GCR-TRAFFIC-TAG', { traffic: tags('a') }).level, CheckLevel.WARNING);
    const v = only('GCR-TRAFFIC-TAG', { traffic: tags('ab') });
    assert.equal(v.fact, 'traffic.0.tag');
    assert.equal(v.level, CheckLevel.WARNING);
    assert.match(v.message, /'ab' has fewer than 3 characters/);
    assert.match(v.fix, /at least 3 characters/);
  });

  test('a tag that is not a DNS label is an error with a cleaned-up suggestion', () => {
    for (const [tag, suggestion] of [
      ['Canary_1', 'canary-1'],
      ['1-blue', 'blue'],
      ['blue-', 'blue'],
      ['-', 'canary'],
      ['a b', 'a-b'],
      ['a  b', 'a-b'],
      ['A.B.c--', 'a-b-c'],
    ]) {
      const v = only('GCR-TRAFFIC-TAG', { traffic: tags(tag) });
      assert.equal(v.level, undefined, tag);
      assert.match(v.message, new RegExp(`tag '${tag.replace('.', '\\.')}' is not a DNS label`), tag);
      assert.equal(v.fix, `use e.g. '${suggestion}'`, tag);
    }
  });

  test('tag and service name at 46 characters together pass; 47 fail with the count and the room left', () => {
    assert.equal(CLOUD_RUN_TAG_WITH_SERVICE_MAX, 46);
    assert.deepEqual(reported('GCR-TRAFFIC-TAG', { name: 'a'.repeat(40), traffic: tags('canary') }), []);
    const v = only('GCR-TRAFFIC-TAG', { name: 'a'.repeat(41), traffic: tags('canary') });
    assert.equal(v.fact, 'traffic.0.tag');
    assert.match(v.message, /together have 47 characters; Cloud Run allows 46/);
    assert.match(v.fix, /shorten the tag to 5 characters/);
    const long = only('GCR-TRAFFIC-TAG', { name: 'a'.repeat(49), traffic: tags('canary') });
    assert.match(long.fix, /shorten the tag to 0 characters/);
    // Without a service name only the tag is judged.
    assert.deepEqual(reported('GCR-TRAFFIC-TAG', { traffic: tags('c'.repeat(47)) }), []);
  });

  test('a tag used twice is reported at its second use; empty and unset tags are skipped', () => {
    const { violations } = judge('GCR-TRAFFIC-TAG', {
      traffic: [latest(100, 'blue'), revision('r', 0, ''), revision('s', 0), revision('t', 0, 'blue')],
    });
    assert.deepEqual(
      violations.map((v) => [v.fact, v.message]),
      [['traffic.3.tag', "tag 'blue' is used twice"]],
    );
    assert.match(violations[0].fix, /each tag to one target/);
  });

  test('every problem of a tag at once', () => {
    const facts = { name: 'a'.repeat(45), traffic: tags('ab', 'ab') };
    assert.deepEqual(reported('GCR-TRAFFIC-TAG', facts), [
      'traffic.0.tag',
      'traffic.0.tag',
      'traffic.1.tag',
      'traffic.1.tag',
      'traffic.1.tag',
    ]);
  });

  test('a token name skips the rule only where a tag is written', () => {
    assert.equal(judge('GCR-TRAFFIC-TAG', { traffic: tags('canary') }, ['name']).status, 'unknown');
    assert.equal(judge('GCR-TRAFFIC-TAG', { traffic: [latest(100)] }, ['name']).status, 'pass');
    assert.equal(
      judge('GCR-TRAFFIC-TAG', { traffic: [latest(100, 'canary'), revision('r', 0)] }, ['name']).status,
      'unknown',
    );
    assert.equal(judge('GCR-TRAFFIC-TAG', {}, ['name']).status, 'pass');
    assert.equal(judge('GCR-TRAFFIC-TAG', { traffic: [latest(100)] }, ['traffic']).status, 'unknown');
    assert.equal(judge('GCR-TRAFFIC-TAG', {}).status, 'pass');
  });
});

describe('GCR-TRAFFIC-MIN-INSTANCES', () => {
  test('two distinct revisions with revision-level min instances: each keeps them', () => {
    const v = only('GCR-TRAFFIC-MIN-INSTANCES', {
      minInstances: 2,
      traffic: [latest(90), revision('r1', 10)],
    });
    assert.equal(v.fact, 'minInstances');
    assert.match(
      v.message,
      /^2 revisions are named or tagged .*\(the latest revision, revision 'r1'\).* the 2 revision-level/,
    );
    assert.match(v.message, /up to 4 idle instances/);
    assert.match(v.fix, /service level/);
  });

  test('targets naming the same revision count once', () => {
    assert.deepEqual(
      reported('GCR-TRAFFIC-MIN-INSTANCES', { minInstances: 1, traffic: [latest(100), latest(0, 'x')] }),
      [],
    );
    const v = only('GCR-TRAFFIC-MIN-INSTANCES', {
      minInstances: 1,
      traffic: [latest(50), revision('r1', 50), revision('r1', 0, 'x'), latest(0, 'y'), revision('r2', 0)],
    });
    assert.match(v.message, /^3 revisions .*up to 3 idle/);
  });

  test('no min instances, 0, or a single target: nothing to say', () => {
    const traffic = [latest(90), revision('r1', 10)];
    assert.deepEqual(reported('GCR-TRAFFIC-MIN-INSTANCES', { traffic }), []);
    assert.deepEqual(reported('GCR-TRAFFIC-MIN-INSTANCES', { traffic, minInstances: 0 }), []);
    assert.deepEqual(reported('GCR-TRAFFIC-MIN-INSTANCES', { traffic, minInstances: Number.NaN }), []);
    assert.deepEqual(reported('GCR-TRAFFIC-MIN-INSTANCES', { traffic: [latest(100)], minInstances: 3 }), []);
    assert.deepEqual(reported('GCR-TRAFFIC-MIN-INSTANCES', { minInstances: 3 }), []);
  });

  test('a token minimum matters only with more than one target', () => {
    const two = [latest(90), revision('r1', 10)];
    assert.equal(judge('GCR-TRAFFIC-MIN-INSTANCES', { traffic: two }, ['minInstances']).status, 'unknown');
    assert.equal(judge('GCR-TRAFFIC-MIN-INSTANCES', { traffic: [latest(100)] }, ['minInstances']).status, 'pass');
    assert.equal(judge('GCR-TRAFFIC-MIN-INSTANCES', {}, ['minInstances']).status, 'pass');
    assert.equal(judge('GCR-TRAFFIC-MIN-INSTANCES', { traffic: [latest(100)] }, ['traffic']).status, 'unknown');
  });
});

describe('traffic rule metadata', () => {
  test('split and tags are platform errors, revision minimums a cost warning, on v2 services', () => {
    const [split, tag, min] = CLOUD_RUN_TRAFFIC_RULES;
    assert.deepEqual([split.id, tag.id, min.id], ['GCR-TRAFFIC-SPLIT', 'GCR-TRAFFIC-TAG', 'GCR-TRAFFIC-MIN-INSTANCES']);
    for (const r of [split, tag]) {
      assert.equal(r.level, CheckLevel.ERROR);
      assert.equal(r.suppressible, false);
    }
    assert.equal(min.level, CheckLevel.WARNING);
    assert.equal(min.suppressible, true);
    for (const r of CLOUD_RUN_TRAFFIC_RULES) assert.deepEqual(r.appliesTo, [ResourceKind.CLOUD_RUN_SERVICE]);
  });
});
