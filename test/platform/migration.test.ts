/**
 * App Engine to Cloud Run: the findings of a migration as rules, and the Cloud Run size of each instance class (the
 * class's memory from "The App Engine standard environment" instance classes, 384/768/1536/3072 MB, in MiB rounded up
 * to 256 and at least 512; 1 vCPU, 2 for B8 as `gcloud beta app migrate-to-run` maps it).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CheckLevel } from '../../lib/core/levels';
import { ResourceKind } from '../../lib/platform/kinds';
import {
  BUNDLED_SERVICE_REPLACEMENTS,
  cloudRunResourcesFor,
  INBOUND_BUNDLED_SERVICE,
  MIGRATION_RULES,
  MigrationFinding,
  WARMUP_PATH,
} from '../../lib/platform/migration';
import { Pack } from '../../lib/platform/rule';

describe('migration findings', () => {
  test('one rule per finding; construct intent only; errors cannot be suppressed', () => {
    assert.deepEqual(
      MIGRATION_RULES.map((r) => r.id),
      Object.values(MigrationFinding),
    );
    for (const r of MIGRATION_RULES) {
      assert.deepEqual(r.appliesTo, [ResourceKind.CONSTRUCT], r.id);
      assert.equal(r.suppressible, r.level !== CheckLevel.ERROR, r.id);
      assert.ok(r.title.length > 0 && r.explanation.length > 0, r.id);
      assert.match(r.source, /https:\/\/|googlecloudsdk|app2run/, r.id);
    }
    const levelOf = (id: MigrationFinding) => MIGRATION_RULES.find((r) => r.id === id)!;
    assert.deepEqual(
      [MigrationFinding.BUNDLED_SERVICES, MigrationFinding.MAPPED, MigrationFinding.STATIC_FILES].map((id) => [
        levelOf(id).level,
        levelOf(id).suppressible,
      ]),
      [
        [CheckLevel.ERROR, false],
        [CheckLevel.INFO, true],
        [CheckLevel.WARNING, true],
      ],
    );
  });

  test('sign-in, public access and the runtime account are security findings; the rest platform', () => {
    const security = MIGRATION_RULES.filter((r) => r.pack === Pack.SECURITY).map((r) => r.id);
    assert.deepEqual(security, [MigrationFinding.LOGIN, MigrationFinding.PUBLIC, MigrationFinding.SERVICE_ACCOUNT]);
    assert.equal(MIGRATION_RULES.filter((r) => r.pack === Pack.PLATFORM).length, MIGRATION_RULES.length - 3);
  });

  test('bundled services each have a replacement; mail inbound services need Mail', () => {
    assert.equal(BUNDLED_SERVICE_REPLACEMENTS.Memcache, 'Memorystore');
    assert.match(BUNDLED_SERVICE_REPLACEMENTS['Task Queues'], /Cloud Tasks/);
    assert.deepEqual(INBOUND_BUNDLED_SERVICE, { mail: 'Mail', mail_bounce: 'Mail' });
    for (const service of Object.values(INBOUND_BUNDLED_SERVICE)) assert.ok(BUNDLED_SERVICE_REPLACEMENTS[service]);
    assert.equal(WARMUP_PATH, '/_ah/warmup');
  });
});

describe('Cloud Run size of an instance class', () => {
  test('memory: the class memory in MiB, rounded up to 256 MiB, at least 512 MiB', () => {
    // 384 MB = 366.2 MiB → 512 (the gen2 minimum).
    assert.deepEqual(cloudRunResourcesFor('F1'), { cpu: 1, memory: '512Mi' });
    assert.deepEqual(cloudRunResourcesFor('B1'), { cpu: 1, memory: '512Mi' });
    // 768 MB = 732.4 MiB → 3 × 256 = 768 MiB.
    assert.deepEqual(cloudRunResourcesFor('F2'), { cpu: 1, memory: '768Mi' });
    // 1536 MB = 1464.8 MiB → 6 × 256 = 1536 MiB.
    assert.deepEqual(cloudRunResourcesFor('F4'), { cpu: 1, memory: '1536Mi' });
    assert.deepEqual(cloudRunResourcesFor('B4'), { cpu: 1, memory: '1536Mi' });
    // 3072 MB = 2929.7 MiB → 12 × 256 = 3072 MiB = 3 GiB.
    assert.deepEqual(cloudRunResourcesFor('F4_1G'), { cpu: 1, memory: '3Gi' });
  });

  test('cpu: 2 only above 2.4 GHz (B8 at 4.8 GHz); B4_1G at 2.4 GHz gets 1', () => {
    assert.deepEqual(cloudRunResourcesFor('B8'), { cpu: 2, memory: '3Gi' });
    assert.deepEqual(cloudRunResourcesFor('B4_1G'), { cpu: 1, memory: '3Gi' });
  });

  test('no size for a class that does not exist', () => {
    for (const c of ['F8', 'f1', '', 'toString', 'constructor']) assert.equal(cloudRunResourcesFor(c), undefined, c);
  });
});
