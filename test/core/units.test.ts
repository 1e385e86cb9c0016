import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseApiDuration, parseAppYamlDuration, toApiDuration } from '../../lib/core/duration';
import { formatCpu, formatMiB, memorySettingMiB, parseCpu, parseMemoryMiB } from '../../lib/core/quantity';

describe('quantities', () => {
  test('memory in binary and decimal units', () => {
    assert.equal(parseMemoryMiB('512Mi'), 512);
    assert.equal(parseMemoryMiB('2Gi'), 2048);
    assert.equal(parseMemoryMiB('1024Ki'), 1);
    assert.equal(parseMemoryMiB('512M')?.toFixed(2), '488.28');
    assert.equal(parseMemoryMiB('1G')?.toFixed(2), '953.67');
    assert.equal(parseMemoryMiB('2 GB'), undefined);
    assert.equal(parseMemoryMiB('-1Gi'), undefined);
    assert.equal(formatMiB(2048), '2Gi');
    assert.equal(formatMiB(1536), '1536Mi');
  });

  test('a memory setting as the rules read it: unset unknown, an invalid one NaN', () => {
    assert.equal(memorySettingMiB('2Gi'), 2048);
    assert.ok(Number.isNaN(memorySettingMiB('2 GB')));
    assert.ok(Number.isNaN(memorySettingMiB(512 as never)), 'a number is no quantity');
    assert.equal(memorySettingMiB(undefined), undefined);
  });

  test('cpu as numbers, strings and millicores', () => {
    assert.equal(parseCpu('1000m'), 1);
    assert.equal(parseCpu('0.5'), 0.5);
    assert.equal(parseCpu(2), 2);
    assert.equal(parseCpu('two'), undefined);
    assert.equal(formatCpu(0.125), '0.125');
  });
});

describe('durations', () => {
  test('API seconds strings both ways', () => {
    assert.equal(toApiDuration(300), '300s');
    assert.equal(toApiDuration(0.03), '0.030s');
    assert.equal(parseApiDuration('3.5s'), 3.5);
    assert.equal(parseApiDuration('5m'), undefined);
  });

  test('app.yaml durations', () => {
    assert.equal(parseAppYamlDuration('30ms'), 0.03);
    assert.equal(parseAppYamlDuration('10m'), 600);
    assert.equal(parseAppYamlDuration('1.5s'), 1.5);
    assert.equal(parseAppYamlDuration('2h'), 7200);
    assert.equal(parseAppYamlDuration('soon'), undefined);
  });
});
