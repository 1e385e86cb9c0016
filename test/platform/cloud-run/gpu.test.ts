import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CheckLevel } from '../../../lib/core/levels';
import { CLOUD_RUN_RULES } from '../../../lib/platform/cloud-run';
import type { CloudRunFacts } from '../../../lib/platform/cloud-run/facts';
import { CLOUD_RUN_GPU_REGIONS, CLOUD_RUN_GPUS } from '../../../lib/platform/cloud-run/gpu';
import { ruleTests } from './judge';

const { judge, status, reported, only } = ruleTests<CloudRunFacts>(CLOUD_RUN_RULES);

/** An L4 service that has what the GPU needs: 4 vCPU, 16 GiB, instance-based billing. */
const l4: CloudRunFacts = { gpuCount: 1, gpuType: 'nvidia-l4', cpu: 4, memoryMiB: 16 * 1024, cpuIdle: false };
/** An RTX PRO 6000 service with its 20 vCPU and 80 GiB, in a preview launch stage. */
const rtx: CloudRunFacts = {
  ...l4,
  gpuType: 'nvidia-rtx-pro-6000',
  cpu: 20,
  memoryMiB: 80 * 1024,
  launchStage: 'BETA',
};

describe('GCR-GPU', () => {
  const id = 'GCR-GPU';

  test('no GPU and no accelerator (unset or empty) passes; a GPU count only known at apply is unknown, not passed', () => {
    for (const facts of [{}, { gpuType: '' }, { cpu: 2 }])
      assert.equal(status(id, facts), 'pass', JSON.stringify(facts));
    assert.equal(status(id, { ...l4, cpu: 2 }, ['gpuCount']), 'unknown');
    // A GPU count only known at apply, nothing else written: whether there is a GPU at all is unknown.
    for (const rule of ['GCR-GPU', 'GCR-GPU-TYPE', 'GCR-GPU-REGION', 'GCR-GPU-MAX-INSTANCES']) {
      assert.equal(status(rule, {}, ['gpuCount']), 'unknown', rule);
    }
  });

  test('the CPU and memory each GPU type needs, at the limit and one step below', () => {
    assert.deepEqual(
      Object.entries(CLOUD_RUN_GPUS).map(([k, g]) => [k, g.minCpu, g.minMemoryMiB / 1024, g.preview]),
      [
        ['nvidia-l4', 4, 16, false],
        ['nvidia-rtx-pro-6000', 20, 80, true],
      ],
    );
    assert.equal(status(id, l4), 'pass');
    assert.equal(status(id, rtx), 'pass');
    const cpu = only(id, { ...l4, cpu: 2 });
    assert.equal(cpu.fact, 'cpu');
    assert.match(cpu.message, /^an NVIDIA L4 GPU needs at least 4 vCPU; 2 is too little/);
    assert.equal(cpu.fix, 'set cpu to at least 4');
    const memory = only(id, { ...l4, memoryMiB: 16 * 1024 - 1 });
    assert.equal(memory.fact, 'memoryMiB');
    assert.match(memory.message, /^an NVIDIA L4 GPU needs at least 16Gi of memory; 16383Mi is too little/);
    assert.equal(memory.fix, 'set memory to at least 16Gi');
    assert.deepEqual(reported(id, { ...rtx, cpu: 19.999 }), ['cpu']);
    assert.deepEqual(reported(id, { ...rtx, memoryMiB: 80 * 1024 - 1 }), ['memoryMiB']);
    assert.match(only(id, { ...rtx, cpu: 8 }).message, /NVIDIA RTX PRO 6000 Blackwell GPU needs at least 20 vCPU/);
  });

  test('unwritten CPU and memory are the 1 vCPU and 512 MiB defaults; malformed ones are not compared', () => {
    const unset = judge(id, { ...l4, cpu: undefined, memoryMiB: undefined }).violations;
    assert.deepEqual(
      unset.map((v) => v.fact),
      ['cpu', 'memoryMiB'],
    );
    assert.match(unset[0].message, /; 1 is too little/);
    assert.match(unset[1].message, /; 512Mi is too little/);
    assert.equal(status(id, { ...l4, cpu: Number.NaN, memoryMiB: Number.NaN }), 'pass');
  });

  test('exactly one GPU, its type named', () => {
    for (const gpuCount of [2, Number.NaN]) {
      const v = only(id, { ...l4, gpuCount });
      assert.equal(v.fact, 'gpuCount');
      assert.match(
        v.message,
        new RegExp(`^nvidia\\.com/gpu = ${gpuCount}: Cloud Run attaches exactly one GPU per instance`),
      );
    }
    for (const gpuType of [undefined, '']) {
      const v = only(id, { ...l4, gpuType });
      assert.equal(v.fact, 'gpuType');
      assert.match(v.message, /a GPU needs its type in node_selector\.accelerator/);
    }
    // A type Cloud Run does not document has no minimums here (GCR-GPU-TYPE warns about it).
    assert.equal(status(id, { ...l4, gpuType: 'nvidia-t4', cpu: 1, memoryMiB: 512 }), 'pass');
  });

  test('instance-based billing', () => {
    for (const f of [{ cpuIdle: true }, { cpuIdle: undefined, resourcesWritten: false }]) {
      const v = only(id, { ...l4, ...f });
      assert.equal(v.fact, 'cpuIdle');
      assert.match(v.message, /^a GPU service must use instance-based billing/);
    }
    assert.equal(status(id, { ...l4, cpuIdle: undefined, resourcesWritten: true }), 'pass');
    assert.equal(status(id, { ...l4, cpuIdle: true, workload: 'job' }), 'pass');
  });

  test('every problem at once, in order', () => {
    assert.deepEqual(reported(id, { gpuCount: 2, cpuIdle: true }), ['gpuType', 'gpuCount', 'cpuIdle']);
    assert.deepEqual(reported(id, { gpuCount: 2, gpuType: 'nvidia-l4', cpuIdle: true }), [
      'gpuCount',
      'cpu',
      'memoryMiB',
      'cpuIdle',
    ]);
  });

  test('an accelerator without a GPU is a warning; no GPU and no accelerator is out of scope', () => {
    for (const gpuCount of [undefined, 0]) {
      const v = only(id, { gpuCount, gpuType: 'nvidia-l4' });
      assert.equal(v.fact, 'gpuType');
      assert.equal(v.level, CheckLevel.WARNING);
      assert.match(
        v.message,
        /^node_selector\.accelerator is nvidia-l4, but the container does not ask for nvidia\.com\/gpu/,
      );
    }
    for (const f of [{}, { gpuCount: 0 }, { gpuType: '' }, { gpuCount: 0, gpuType: '' }])
      assert.equal(status(id, { ...f, cpuIdle: true }, ['cpu', 'memoryMiB']), 'pass', JSON.stringify(f));
    assert.equal(status(id, { gpuType: 'nvidia-l4' }, ['cpu']), 'unknown');
    assert.equal(status(id, { gpuCount: 1 }, ['cpu']), 'unknown');
  });
});

describe('GCR-GPU-TYPE', () => {
  test('a type named like an object method (constructor, toString) is no documented type', () => {
    for (const gpuType of ['constructor', 'toString']) {
      assert.equal(judge('GCR-GPU-TYPE', { ...l4, gpuType }).violations[0]?.fact, 'gpuType', gpuType);
    }
  });

  test('a GPU count only known at apply makes it unknown, not passed', () => {
    assert.equal(status('GCR-GPU-TYPE', { ...l4, gpuType: 'nvidia-t4' }, ['gpuCount']), 'unknown');
  });

  const id = 'GCR-GPU-TYPE';

  test('a documented type, a Preview one with a preview launch stage', () => {
    for (const f of [l4, rtx, { ...rtx, launchStage: 'ALPHA' }, { ...l4, gpuType: undefined }, { ...l4, gpuType: '' }])
      assert.equal(status(id, f), 'pass', JSON.stringify(f));
    const unknown = only(id, { ...l4, gpuType: 'nvidia-t4' });
    assert.equal(unknown.fact, 'gpuType');
    assert.match(
      unknown.message,
      /^'nvidia-t4' is not a GPU type Cloud Run documents \(nvidia-l4, nvidia-rtx-pro-6000\)/,
    );
    const ga = only(id, { ...rtx, launchStage: undefined });
    assert.equal(ga.fact, 'gpuType');
    assert.match(
      ga.message,
      /the NVIDIA RTX PRO 6000 Blackwell is in Preview, and the launch stage is GA \(not written\)/,
    );
    assert.match(ga.fix, /launch_stage = 'BETA'/);
    assert.match(only(id, { ...rtx, launchStage: 'GA' }).message, /the launch stage is GA$/);
  });

  test('without a GPU, out of scope', () => {
    assert.equal(status(id, { gpuType: 'nvidia-t4' }), 'pass');
    assert.equal(status(id, { gpuCount: 0, gpuType: 'nvidia-t4' }, ['launchStage']), 'pass');
    assert.equal(status(id, { gpuCount: 1, gpuType: 'nvidia-t4' }, ['launchStage']), 'unknown');
  });
});

describe('GCR-GPU-REGION', () => {
  const id = 'GCR-GPU-REGION';

  test('a region where Cloud Run documents GPUs', () => {
    for (const region of [...CLOUD_RUN_GPU_REGIONS, undefined]) assert.equal(status(id, { ...l4, region }), 'pass');
    assert.ok(CLOUD_RUN_GPU_REGIONS.includes('us-central1'));
    const v = only(id, { ...l4, region: 'us-west1' });
    assert.equal(v.fact, 'region');
    assert.match(v.message, /^Cloud Run does not document GPUs in us-west1/);
    assert.match(v.fix, /deploy to one of us-central1, .*, or check that the current GPU page lists us-west1/);
    assert.equal(status(id, { region: 'us-west1' }), 'pass');
    assert.equal(status(id, { gpuCount: 0, region: 'us-west1' }), 'pass');
    assert.equal(status(id, { gpuCount: 0 }, ['region']), 'pass');
  });
});

describe('GCR-GPU-MAX-INSTANCES', () => {
  const id = 'GCR-GPU-MAX-INSTANCES';

  test('a GPU service sets max instances', () => {
    for (const maxInstances of [undefined, 0]) {
      const v = only(id, { ...l4, maxInstances });
      assert.equal(v.fact, 'maxInstances');
      assert.match(v.message, /as many GPUs as the zonal-redundancy GPU quota of the region allows/);
    }
    assert.match(
      only(id, { ...l4, gpuZonalRedundancyDisabled: true }).message,
      /as many GPUs as the non-zonal-redundancy GPU quota/,
    );
    for (const f of [{ maxInstances: 1 }, { scalingMode: 'MANUAL' as const }, { gpuCount: 0 }, { gpuCount: undefined }])
      assert.equal(status(id, { ...l4, ...f }), 'pass', JSON.stringify(f));
  });

  test('the message prices an instance when its region is known', () => {
    const priced = only(id, { ...l4, region: 'us-central1' }).message;
    assert.match(priced, /; each instance ≈ \S+ an hour \(\S+ a month\)$/);
    assert.doesNotMatch(only(id, l4).message, /an hour/);
    assert.doesNotMatch(judge(id, { ...l4, region: 'us-central1' }, ['region']).violations[0].message, /an hour/);
  });
});
