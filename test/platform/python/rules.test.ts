import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { overMemory } from '../../../lib/platform/python/rules';

describe('overMemory', () => {
  const limit = { mib: 512, what: 'the 512Mi limit', fix: (need: number) => `raise it to ${need}` };

  test('processes needing exactly the limit fit; more do not, with what they need and the fix for it', () => {
    assert.equal(overMemory('2 workers', 512, limit), undefined);
    assert.deepEqual(overMemory('2 workers', 1024, limit), {
      message: '2 workers need 1Gi, more than the 512Mi limit',
      fix: 'raise it to 1024',
    });
    assert.match(overMemory('4 Celery children', 512.5, limit)?.message ?? '', /^4 Celery children need 512\.50Mi,/);
  });

  test('no limit, or a limit or need that is not a finite number, is not judged', () => {
    assert.equal(overMemory('2 workers', 1024, undefined), undefined);
    assert.equal(overMemory('2 workers', 1024, { ...limit, mib: Number.NaN }), undefined);
    assert.equal(overMemory('2 workers', 1024, { ...limit, mib: Number.POSITIVE_INFINITY }), undefined);
    assert.equal(overMemory('2 workers', Number.NaN, limit), undefined);
    assert.equal(overMemory('2 workers', Number.POSITIVE_INFINITY, limit), undefined);
  });
});
