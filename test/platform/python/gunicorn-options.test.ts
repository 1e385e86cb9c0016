/**
 * The one reader of gunicorn's command-line options: each word as gunicorn's argparse parser reads it, with the index of
 * the word each option starts at.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type GunicornArg, readGunicornArgs } from '../../../lib/platform/python/gunicorn-options';

/** Each argument as `index kind name=value`, for compact comparisons. */
const read = (words: string[]) =>
  readGunicornArgs(words).map((a: GunicornArg) =>
    a.kind === 'option'
      ? `${a.index} ${a.option.name}${a.value === undefined ? '' : `=${a.value}`}`
      : a.kind === 'ambiguous'
        ? `${a.index} ambiguous ${a.candidates.join(' ')}`
        : `${a.index} ${a.kind}`,
  );

describe('readGunicornArgs', () => {
  test('every spelling of an option that takes a value', () => {
    for (const words of [['--workers', '4'], ['--workers=4'], ['-w', '4'], ['-w4'], ['-w=4']]) {
      assert.deepEqual(read(words), ['0 --workers=4'], words.join(' '));
    }
    assert.deepEqual(read(['--worker-cl', 'gevent', '--time=30', '--thr', '8']), [
      '0 --worker-class=gevent',
      '2 --timeout=30',
      '3 --threads=8',
    ]);
  });

  test('an ambiguous prefix names the options it begins; an unknown option is unknown', () => {
    assert.deepEqual(read(['--worker', '4']), [
      '0 ambiguous --workers --worker-class --worker-connections --worker-tmp-dir',
      '1 positional',
    ]);
    assert.deepEqual(read(['--worker-c=gevent']), ['0 ambiguous --worker-class --worker-connections']);
    assert.deepEqual(read(['--wrokers', '4', '-x']), ['0 unknown', '1 positional', '2 unknown']);
  });

  test('an exact spelling wins over the longer options it begins', () => {
    assert.deepEqual(read(['--log-config', 'a.ini', '--reload', '--paste', 'p.ini']), [
      '0 --log-config=a.ini',
      '2 --reload',
      '3 --paste=p.ini',
    ]);
    assert.deepEqual(read(['--log-file', 'x']), ['0 --error-logfile=x'], 'a second long spelling');
  });

  test('flags take no value: the next word is read on its own', () => {
    assert.deepEqual(read(['--preload', 'main:app']), ['0 --preload', '1 positional']);
    assert.deepEqual(read(['--pre', 'main:app']), ['0 --preload', '1 positional']);
    assert.deepEqual(read(['--preload=true']), ['0 unknown']);
    assert.deepEqual(read(['-D', 'main:app']), ['0 --daemon', '1 positional']);
    // Short flags combine with the short option after them.
    assert.deepEqual(read(['-Dw4']), ['0 --daemon', '0 --workers=4']);
    assert.deepEqual(read(['-DRw', '2']), ['0 --daemon', '0 --enable-stdio-inheritance', '0 --workers=2']);
    assert.deepEqual(read(['-Dx']), ['0 --daemon', '0 unknown']);
  });

  test('a value is a word that is no option: `-`, a negative number, a word with a blank', () => {
    assert.deepEqual(read(['--access-logfile', '-']), ['0 --access-logfile=-']);
    assert.deepEqual(read(['--timeout', '-1']), ['0 --timeout=-1']);
    assert.deepEqual(read(['-n', 'my -app']), ['0 --name=my -app']);
    assert.deepEqual(read(['--log-level', '--threads', '2']), ['0 --log-level', '1 --threads=2']);
    assert.deepEqual(read(['-w', '--', '2']), ['0 --workers', '2 positional']);
    // `-w 4` in one argv word is -w with ' 4'.
    assert.deepEqual(read(['-w 4']), ['0 --workers= 4']);
  });

  test('--proxy-protocol takes a mode only, so the app after it stays the app', () => {
    assert.deepEqual(read(['--proxy-protocol', 'v2', 'main:app']), ['0 --proxy-protocol=v2', '2 positional']);
    assert.deepEqual(read(['--proxy-protocol', 'main:app']), ['0 --proxy-protocol', '1 positional']);
  });

  test('words after -- are positional', () => {
    assert.deepEqual(read(['--', '--workers', '2']), ['1 positional', '2 positional']);
  });
});
