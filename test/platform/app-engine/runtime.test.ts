import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { pythonRuntimeStatus } from '../../../lib/platform/app-engine/runtime';
import { version } from './judge';

const at = (id: string, time: string) => pythonRuntimeStatus(id, new Date(time)).status;

describe('the runtime schedule by the second', () => {
  test('a status changes at midnight UTC of its day, not a second earlier', () => {
    assert.equal(at('python311', '2028-10-23T23:59:59Z'), 'end-of-support');
    assert.equal(at('python311', '2028-10-24T00:00:00Z'), 'deprecated');
    assert.equal(at('python311', '2027-10-23T23:59:59Z'), 'ending');
    assert.equal(at('python311', '2027-10-24T00:00:00Z'), 'end-of-support');
    // 183 days before 2027-10-24 is 2027-04-24.
    assert.equal(at('python311', '2027-04-23T23:59:59Z'), 'supported');
    assert.equal(at('python311', '2027-04-24T00:00:00Z'), 'ending');
  });

  test('the rules judge on the day they are given, to the second', () => {
    const { judge } = version;
    const ids = (time: string) =>
      ['GAE-RUNTIME', 'GAE-RUNTIME-END-OF-SUPPORT', 'GAE-RUNTIME-SUPPORT-ENDING'].filter(
        (id) => judge(id, { runtime: 'python311' }, [], new Date(time)).status === 'fail',
      );
    assert.deepEqual(ids('2027-04-23T23:59:59Z'), []);
    assert.deepEqual(ids('2027-04-24T00:00:00Z'), ['GAE-RUNTIME-SUPPORT-ENDING']);
    assert.deepEqual(ids('2027-10-24T00:00:00Z'), ['GAE-RUNTIME-END-OF-SUPPORT']);
    assert.deepEqual(ids('2028-10-24T00:00:00Z'), ['GAE-RUNTIME']);
  });
});
