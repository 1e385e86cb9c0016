import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CheckLevel } from '../../../lib/core/levels';
import { CLOUD_RUN_RULES } from '../../../lib/platform/cloud-run';
import { CLOUD_RUN_MAX_CONTAINERS, CLOUD_RUN_MAX_CPU } from '../../../lib/platform/cloud-run/containers';
import type { CloudRunFacts, ContainerFacts } from '../../../lib/platform/cloud-run/facts';
import { ruleTests } from './judge';

const { judge, status, reported, only } = ruleTests<CloudRunFacts>(CLOUD_RUN_RULES);

/** The ingress container, named `app`, declaring its port. */
const ingress = (more: Partial<ContainerFacts> = {}): ContainerFacts => ({
  name: 'app',
  ingress: true,
  hasPorts: true,
  ...more,
});
/** A sidecar named `name`, without a port. */
const side = (name: string | undefined, more: Partial<ContainerFacts> = {}): ContainerFacts => ({
  name,
  ingress: false,
  hasPorts: false,
  ...more,
});
const revision = (...containers: ContainerFacts[]): CloudRunFacts => ({ containers });

describe('GCR-CONTAINERS', () => {
  const id = 'GCR-CONTAINERS';

  test('at most 10 containers, the ingress container included', () => {
    assert.equal(CLOUD_RUN_MAX_CONTAINERS, 10);
    const sidecars = (n: number) => Array.from({ length: n }, (_, i) => side(`s${i}`));
    assert.equal(status(id, revision(ingress(), ...sidecars(9))), 'pass');
    const v = only(id, revision(ingress(), ...sidecars(10)));
    assert.equal(v.fact, 'containers');
    assert.match(v.message, /^11 containers: Cloud Run runs at most 10 per instance/);
  });

  test('in a service exactly one container declares the port', () => {
    const none = only(id, revision(ingress({ hasPorts: false }), side('proxy')));
    assert.equal(none.fact, 'containers');
    assert.match(none.message, /no container declares a port: with sidecars the ingress container has no default port/);
    assert.match(
      only(id, revision(ingress(), side('proxy', { hasPorts: true }))).message,
      /^2 containers declare a port; only the ingress container may/,
    );
    assert.equal(status(id, revision(ingress(), side('proxy'))), 'pass');
    // Jobs and worker pools expose no port.
    for (const workload of ['job', 'worker-pool'] as const)
      assert.equal(status(id, { workload, containers: [side('a'), side('b')] }), 'pass', workload);
    assert.equal(status(id, { workload: 'service', containers: [side('a'), side('b')] }), 'fail');
  });

  test('a GPU on one container only', () => {
    assert.equal(status(id, revision(ingress({ gpuCount: 1 }), side('proxy', { gpuCount: 0 }))), 'pass');
    const v = only(id, revision(ingress({ gpuCount: 1 }), side('proxy', { gpuCount: 1 })));
    assert.equal(v.fact, 'containers');
    assert.match(v.message, /^2 containers ask for a GPU; the GPU attaches to one container/);
  });

  test('names are DNS labels; the fix proposes one', () => {
    for (const name of ['app', 'a', '1st', 'my-proxy', 'a'.repeat(63)])
      assert.equal(status(id, revision(ingress({ name }))), 'pass', name);
    for (const [name, fixed] of [
      ['App_Proxy', 'app-proxy'],
      ['-proxy-', 'proxy'],
      ['proxy-', 'proxy'],
      ['my proxy!', 'my-proxy'],
      ['my__proxy', 'my-proxy'],
      ['--proxy--', 'proxy'],
      ['___', 'sidecar'],
      ['a'.repeat(64), 'a'.repeat(63)],
      [`${'b'.repeat(62)}_c`, `${'b'.repeat(62)}-`],
      ['', 'sidecar'],
    ]) {
      const v = only(id, revision(ingress({ name })));
      assert.equal(v.fact, 'containers.0', name);
      assert.match(v.message, new RegExp(`container name '${name}' is not a DNS label`));
      assert.equal(v.fix, `use e.g. '${fixed}'`, name);
    }
    assert.deepEqual(reported(id, revision(ingress(), side('ok'), side('Bad'))), ['containers.2']);
    // A lone container needs no declared port: only its name is wrong.
    assert.deepEqual(reported(id, revision(ingress({ name: 'Bad', hasPorts: false }))), ['containers.0']);
  });

  test('with sidecars, every container has a name of its own: a warning', () => {
    const unnamed = judge(id, revision(ingress(), side(undefined))).violations;
    assert.deepEqual(
      unnamed.map((v) => [v.fact, v.level]),
      [['containers.1', CheckLevel.WARNING]],
    );
    assert.match(
      unnamed[0].message,
      /^container 2 has no name, so no other container can depend on it or reach it by name/,
    );
    const twice = judge(id, revision(ingress(), side('x'), side('app'))).violations;
    assert.deepEqual(
      twice.map((v) => [v.fact, v.level]),
      [['containers.2', CheckLevel.WARNING]],
    );
    assert.match(twice[0].message, /container name 'app' is used twice/);
    // Two containers without a name: neither name is used twice, both are missing.
    const both = judge(id, revision(ingress(), side(undefined), side(undefined))).violations;
    assert.deepEqual(
      both.map((v) => v.fact),
      ['containers.1', 'containers.2'],
    );
    assert.match(both[1].message, /^container 3 has no name/);
    // One container needs no name.
    assert.equal(status(id, revision(ingress({ name: undefined }))), 'pass');
  });

  test('a lone container with a valid name or none is out of scope, whatever is unknown', () => {
    const unknown = ['workload'];
    assert.equal(status(id, revision(ingress()), unknown), 'pass');
    assert.equal(status(id, revision(ingress({ name: undefined })), unknown), 'pass');
    assert.equal(status(id, {}, unknown), 'pass');
    assert.equal(status(id, revision(ingress({ name: 'Bad' })), unknown), 'unknown');
    assert.equal(status(id, revision(ingress(), side('p')), unknown), 'unknown');
    // Without containers written (or with none) there is nothing to judge.
    assert.equal(status(id, {}), 'pass');
    assert.equal(status(id, { containers: [] }, unknown), 'pass');
  });

  test('a lone container whose count or name is only known at apply is unknown', () => {
    for (const unknown of ['containers.length', 'containers.0.name'])
      assert.equal(status(id, revision(ingress()), [unknown]), 'unknown', unknown);
    // Another value of the lone container does not tell whether it is valid: its name does.
    assert.equal(status(id, revision(ingress()), ['containers.0.cpu']), 'pass');
  });
});

describe('GCR-CONTAINER-DEPENDS', () => {
  const id = 'GCR-CONTAINER-DEPENDS';

  test('depends_on names another container', () => {
    assert.equal(status(id, revision(ingress({ dependsOn: ['proxy'] }), side('proxy'))), 'pass');
    const self = only(id, revision(ingress({ dependsOn: ['app'] }), side('proxy')));
    assert.equal(self.fact, 'containers.0.dependsOn');
    assert.match(self.message, /^container 'app' depends on itself$/);
    assert.equal(self.fix, "name one of 'app', 'proxy'");
    const missing = only(id, revision(ingress(), side(undefined, { dependsOn: ['db'] })));
    assert.equal(missing.fact, 'containers.1.dependsOn');
    assert.match(missing.message, /^container 2 depends on 'db', which is no container of the revision/);
    assert.equal(missing.fix, "name one of 'app'");
    assert.equal(only(id, revision(side(undefined, { dependsOn: ['db'] }))).fix, 'name one of the other containers');
  });

  test('a lone container is judged when it depends on something, else out of scope', () => {
    assert.equal(status(id, revision(ingress({ dependsOn: ['db'] }))), 'fail');
    assert.equal(status(id, revision(ingress()), ['containers.0.name']), 'pass');
    assert.equal(status(id, revision(ingress(), side('p')), ['containers.0.name']), 'unknown');
    assert.equal(status(id, revision(ingress({ dependsOn: [] })), ['containers.0.name']), 'unknown');
    for (const facts of [{}, { containers: [] }]) assert.equal(status(id, facts, ['containers.0.name']), 'pass');
    assert.equal(status(id, {}), 'pass');
    // What the lone container depends on, or how many there are, only known at apply: unknown.
    for (const unknown of ['containers.0.dependsOn', 'containers.length'])
      assert.equal(status(id, revision(ingress()), [unknown]), 'unknown', unknown);
  });

  test('cycles are reported once each, with their path', () => {
    const two = judge(
      id,
      revision(ingress({ dependsOn: ['proxy'] }), side('proxy', { dependsOn: ['app'] })),
    ).violations;
    assert.equal(two.length, 1);
    assert.equal(two[0].fact, 'containers.0.dependsOn');
    assert.match(two[0].message, /wait for each other in a cycle \(app → proxy → app\), so none starts/);
    const three = judge(
      id,
      revision(ingress({ dependsOn: ['a'] }), side('a', { dependsOn: ['b'] }), side('b', { dependsOn: ['app'] })),
    ).violations;
    assert.deepEqual(
      three.map((v) => v.message.match(/\((.*)\)/)?.[1]),
      ['app → a → b → app'],
    );
    // Two separate cycles: both; a cycle sharing a container with one reported: not again.
    const apart = revision(
      ingress({ dependsOn: ['a'] }),
      side('a', { dependsOn: ['app'] }),
      side('b', { dependsOn: ['c'] }),
      side('c', { dependsOn: ['b'] }),
    );
    assert.deepEqual(reported(id, apart), ['containers.0.dependsOn', 'containers.2.dependsOn']);
    const shared = revision(
      ingress({ dependsOn: ['a'] }),
      side('a', { dependsOn: ['app', 'b'] }),
      side('b', { dependsOn: ['a'] }),
    );
    assert.equal(reported(id, shared).length, 1);
    // A chain into a cycle: the cycle without the container that leads into it.
    const into = judge(
      id,
      revision(ingress({ dependsOn: ['a'] }), side('a', { dependsOn: ['b'] }), side('b', { dependsOn: ['a'] })),
    ).violations;
    assert.deepEqual(
      into.map((v) => [v.fact, v.message.match(/\((.*)\)/)?.[1]]),
      [['containers.1.dependsOn', 'a → b → a']],
    );
    // A chain that ends is no cycle; an unknown name in it is reported as such.
    assert.equal(
      status(id, revision(ingress({ dependsOn: ['a'] }), side('a', { dependsOn: ['b'] }), side('b'))),
      'pass',
    );
    assert.deepEqual(
      judge(id, revision(ingress({ dependsOn: ['a'] }), side('a', { dependsOn: ['zz'] }))).violations.map(
        (v) => v.fact,
      ),
      ['containers.1.dependsOn'],
    );
  });
});

describe('GCR-CONTAINER-DEPENDS-PROBE', () => {
  const id = 'GCR-CONTAINER-DEPENDS-PROBE';
  const probe = { kind: 'tcp' as const };

  test('a container others wait for has a startup probe', () => {
    assert.equal(status(id, revision(ingress({ dependsOn: ['db'] }), side('db', { startupProbe: probe }))), 'pass');
    assert.equal(status(id, revision(ingress(), side('db'))), 'pass');
    const one = only(id, revision(ingress({ dependsOn: ['db'] }), side('db')));
    assert.equal(one.fact, 'containers.1');
    assert.match(
      one.message,
      /^container 'app' waits for 'db', which has no startup probe, so it starts before 'db' is ready/,
    );
    assert.equal(one.fix, "give 'db' a startup probe on a port it listens on");
    const two = only(id, revision(ingress({ dependsOn: ['db'] }), side('db'), side(undefined, { dependsOn: ['db'] })));
    assert.match(two.message, /^container 'app' and container 3 wait for 'db', .* so they start before 'db' is ready/);
  });

  test('a container depending on itself is not waiting on another; a lone container is out of scope', () => {
    assert.equal(status(id, revision(ingress(), side('db', { dependsOn: ['db'] }))), 'pass');
    assert.equal(status(id, revision(ingress({ dependsOn: ['app'] })), ['containers.0.name']), 'pass');
  });
});

describe('GCR-CONTAINER-PROBE-PORT', () => {
  const id = 'GCR-CONTAINER-PROBE-PORT';

  test("a sidecar's startup probe names its port", () => {
    const v = only(id, revision(ingress(), side('db', { startupProbe: { kind: 'tcp' } })));
    assert.equal(v.fact, 'containers.1.startupProbe');
    assert.match(v.message, /^the TCP startup probe of container 'db' names no port, and the container declares none/);
    for (const ok of [
      revision(ingress(), side('db', { startupProbe: { kind: 'tcp' }, startupProbePort: 5432 })),
      revision(ingress({ startupProbe: { kind: 'http' } }), side('db')),
      revision(ingress({ hasPorts: false, startupProbe: { kind: 'http' } })),
    ])
      assert.equal(status(id, ok), 'pass');
  });
});

describe('the rules about several containers', () => {
  const ids = ['GCR-CONTAINER-DEPENDS-PROBE', 'GCR-CONTAINER-PROBE-PORT', 'GCR-CONTAINER-RESOURCES'];

  test('a revision without containers written, or with none, passes', () => {
    for (const id of ids) {
      // A value inside a container unknown: the count is known, so the rules know they do not apply.
      for (const facts of [{}, { containers: [] }]) assert.equal(status(id, facts, ['containers.0.cpu']), 'pass', id);
      assert.equal(status(id, {}), 'pass', id);
    }
  });

  test('a count of containers only known at apply leaves them unknown', () => {
    for (const id of ids) {
      assert.equal(status(id, revision(ingress()), ['containers.length']), 'unknown', id);
      assert.equal(status(id, revision(ingress()), ['containers.0.cpu']), 'pass', id);
    }
  });
});

describe('GCR-CONTAINER-RESOURCES', () => {
  const id = 'GCR-CONTAINER-RESOURCES';

  test('each sidecar asks for a CPU value Cloud Run accepts', () => {
    const sidecarCpu = (c: Partial<ContainerFacts>) =>
      reported(id, revision(ingress({ cpu: 0.08 }), side('p', c))).filter((f) => f === 'containers.1.cpu');
    for (const cpu of [0.08, 0.5, 1, 2, 4, 6, 8, undefined]) assert.deepEqual(sidecarCpu({ cpu }), [], String(cpu));
    for (const cpu of [0.07, 3, 8.5]) assert.deepEqual(sidecarCpu({ cpu }), ['containers.1.cpu'], String(cpu));
    const v = only(id, revision(ingress(), side('p', { cpu: 3 })));
    assert.equal(v.fact, 'containers.1.cpu');
    assert.match(
      v.message,
      /^container 'p' asks for 3 vCPU; Cloud Run accepts 0\.08 to below 1 vCPU \(in steps of 0\.001\) or 1, 2, 4, 6, 8/,
    );
    assert.match(
      only(id, revision(ingress(), side('p', { cpu: Number.NaN }))).message,
      /asks for a CPU that is not a quantity/,
    );
    // The ingress container's CPU is GCR-CPU-VALUE's.
    assert.equal(status(id, revision(ingress({ cpu: 3 }), side('p', { cpu: 1 }))), 'pass');
  });

  test('with a GPU a sidecar may ask for a whole count above 8', () => {
    assert.equal(status(id, revision(ingress(), side('gpu', { cpu: 10, gpuCount: 1 }))), 'pass');
    for (const c of [{ cpu: 10.5, gpuCount: 1 }, { cpu: 10, gpuCount: 0 }, { cpu: 10 }, { cpu: 7, gpuCount: 1 }])
      assert.ok(reported(id, revision(ingress(), side('gpu', c))).includes('containers.1.cpu'), JSON.stringify(c));
  });

  test('each sidecar has a positive memory quantity', () => {
    for (const memoryMiB of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      const v = only(id, revision(ingress(), side('p', { memoryMiB })));
      assert.equal(v.fact, 'containers.1.memoryMiB', String(memoryMiB));
      assert.match(v.message, /container 'p' has a memory limit that is not a positive quantity/);
    }
    assert.equal(status(id, revision(ingress({ memoryMiB: 0 }), side('p', { memoryMiB: 1 }))), 'pass');
  });

  test('all containers together: at most 8 vCPU and 32 GiB', () => {
    assert.equal(CLOUD_RUN_MAX_CPU, 8);
    assert.equal(
      status(id, revision(ingress({ cpu: 4, memoryMiB: 16384 }), side('p', { cpu: 4, memoryMiB: 16384 }))),
      'pass',
    );
    const cpu = only(
      id,
      revision(ingress({ cpu: 4, memoryMiB: 1024 }), side('p', { cpu: 4 }), side('q', { cpu: 0.08 })),
    );
    assert.equal(cpu.fact, 'containers');
    assert.match(cpu.message, /the containers ask for 8\.08 vCPU together; an instance has at most 8/);
    const memory = judge(
      id,
      revision(ingress({ cpu: 4, memoryMiB: 16384 }), side('p', { cpu: 4, memoryMiB: 16385 })),
    ).violations;
    assert.deepEqual(
      memory.map((v) => [v.fact, v.level]),
      [['containers', undefined]],
    );
    assert.match(memory[0].message, /ask for 32769Mi of memory together; an instance has at most 32Gi/);
    // Sums of fractions that add up to 8 are 8.
    assert.equal(
      status(
        id,
        revision(ingress({ cpu: 6 }), ...[0.1, 0.2, 0.3, 0.4, 0.5, 0.5].map((c, i) => side(`s${i}`, { cpu: c }))),
      ),
      'pass',
    );
  });

  test('memory above what the summed CPU allows is a warning', () => {
    // Two 1 vCPU containers: 2 vCPU allow 8 GiB.
    assert.equal(status(id, revision(ingress({ memoryMiB: 4096 }), side('p', { memoryMiB: 4096 }))), 'pass');
    const v = only(id, revision(ingress({ memoryMiB: 4096 }), side('p', { memoryMiB: 4097 })));
    assert.equal(v.level, CheckLevel.WARNING);
    assert.match(v.message, /8193Mi of memory together, more than 2 vCPU allow in the CPU table \(8Gi\)/);
    // Above 8 vCPU only the CPU is reported.
    assert.deepEqual(
      judge(id, revision(ingress({ cpu: 8, memoryMiB: 30000 }), side('p', { cpu: 1 }))).violations.map((x) => x.level),
      [undefined],
    );
  });

  test('a GPU, or a limit that is not a quantity, leaves the sums unjudged', () => {
    const big = { cpu: 8, memoryMiB: 32768 };
    assert.equal(status(id, revision(ingress({ ...big, gpuCount: 1 }), side('p', big))), 'pass');
    assert.deepEqual(reported(id, revision(ingress(big), side('p', { ...big, cpu: Number.NaN }))), [
      'containers.1.cpu',
    ]);
    assert.deepEqual(reported(id, revision(ingress(big), side('p', { ...big, memoryMiB: Number.NaN }))), [
      'containers.1.memoryMiB',
    ]);
    assert.deepEqual(reported(id, revision(ingress(big), side('p', { ...big, memoryMiB: Number.POSITIVE_INFINITY }))), [
      'containers.1.memoryMiB',
    ]);
  });

  test('a lone container is out of scope', () => {
    assert.equal(status(id, revision(ingress({ cpu: 3 }))), 'pass');
    assert.equal(status(id, revision(ingress({ cpu: 10, memoryMiB: 40000 }))), 'pass');
    assert.equal(status(id, revision(ingress({ cpu: 3 })), ['containers.0.cpu']), 'pass');
    assert.equal(status(id, revision(ingress(), side('p')), ['containers.0.cpu']), 'unknown');
  });
});
