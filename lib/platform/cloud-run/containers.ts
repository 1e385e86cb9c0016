/**
 * The containers of a revision: the ingress container and its sidecars. Sources: "Deploying container images to Cloud
 * Run" (https://cloud.google.com/run/docs/deploying), multiple containers: "You can deploy up to 10 containers per
 * instance including the ingress container", "only one container can have the port exposed", "for a service
 * containing sidecars, there is no default port for the ingress container", "If you have containers that depend on
 * other containers, you must use healthchecks in your deployment"; "Container runtime contract"
 * (https://cloud.google.com/run/docs/container-contract): CPU and memory limits "on each container separately"; "GPU
 * support for services" (https://cloud.google.com/run/docs/configuring/services/gpu): "the GPU can only be attached
 * to one container".
 */
import { CheckLevel } from '../../core/levels';
import { formatCpu, formatMiB } from '../../core/quantity';
import { Pack } from '../rule';
import {
  type CloudRunFacts,
  type CloudRunRule,
  type CloudRunViolation,
  type ContainerFacts,
  V2,
  workloadOf,
} from './facts';
import {
  CLOUD_RUN_MEMORY,
  CLOUD_RUN_RESOURCE_DEFAULTS,
  CLOUD_RUN_WHOLE_CPUS,
  isAllowedCpu,
  memoryBoundsForCpu,
} from './resources';

/** The most containers one instance runs, the ingress container included. */
export const CLOUD_RUN_MAX_CONTAINERS = 10;
/** A container name: a DNS label (RFC 1123). */
const CONTAINER_NAME = /^(?=.{1,63}$)[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;
/** The most vCPU one instance gets without a GPU (the last row of the CPU table). */
export const CLOUD_RUN_MAX_CPU = 8;

/** How many containers a revision has (none written: none). */
const count = ({ containers }: Readonly<CloudRunFacts>) => containers?.length ?? 0;

/** Rules about several containers: they pass a revision of one, whatever is unknown about it. */
export const SIDECARS: CloudRunRule['scope'] = {
  reads: ['containers.length'],
  when: (f) => count(f) > 1,
};

/** A container name the API takes: a DNS label, or no name at all. */
const validName = (name: string | undefined) => name === undefined || CONTAINER_NAME.test(name);

/** One container named as a DNS label (or not named): nothing for the container rules to judge. */
const soleValidContainer = (f: Readonly<CloudRunFacts>) => count(f) <= 1 && validName(f.containers?.[0]?.name);

const DEPLOYING =
  '"Deploying container images to Cloud Run" (multiple containers), https://cloud.google.com/run/docs/deploying';

/** A container as messages name it. */
export const named = (c: ContainerFacts, i: number) =>
  c.name === undefined ? `container ${i + 1}` : `container '${c.name}'`;

/** The names in `dependsOn` graphs that start a cycle, as paths (`a → b → a`). */
function cycles(containers: readonly ContainerFacts[]): Array<{ index: number; path: string[] }> {
  const byName = new Map(containers.map((c, i) => [c.name, i]));
  const found: Array<{ index: number; path: string[] }> = [];
  const reported = new Set<number>();
  const visit = (i: number, path: number[]): void => {
    containers[i].dependsOn?.forEach((next) => {
      const j = byName.get(next);
      if (j === undefined) return;
      const at = path.indexOf(j);
      if (at >= 0) {
        const loop = path.slice(at);
        if (!loop.some((k) => reported.has(k))) {
          loop.forEach((k) => reported.add(k));
          found.push({ index: j, path: [...loop, j].map((k) => containers[k].name!) });
        }
        return;
      }
      visit(j, [...path, j]); // the path holds each container once, so it ends
    });
  };
  containers.forEach((_, i) => visit(i, [i]));
  return found;
}

export const CLOUD_RUN_CONTAINER_RULES: readonly CloudRunRule[] = [
  {
    id: 'GCR-CONTAINERS',
    pack: Pack.PLATFORM,
    level: CheckLevel.ERROR,
    suppressible: false,
    appliesTo: V2,
    title:
      'At most 10 containers named as DNS labels; in a service exactly one declares the port (the ingress container); a GPU on one container only',
    explanation:
      'Cloud Run runs up to 10 containers per instance, each named as a DNS label (RFC 1123). In a service only the ingress container exposes a port, and with sidecars it has no default port, so it must declare one. A GPU attaches to one container. Containers with a name each (they reach each other by name) are a warning when names are missing or repeated.',
    source: `${DEPLOYING}; googleapis/googleapis google/cloud/run/v2/k8s.min.proto (Container.name: "specified as a DNS_LABEL (RFC 1123)"); "GPU support for services", https://cloud.google.com/run/docs/configuring/services/gpu`,
    scope: { reads: ['containers.length', 'containers.0.name'], when: (f) => !soleValidContainer(f) },
    reads: ['containers', 'workload'],
    check: (f) => {
      const { containers } = f;
      if (containers === undefined) return undefined;
      let violations: CloudRunViolation[] | undefined;
      const add = (v: CloudRunViolation) => (violations ??= []).push(v);
      if (containers.length > CLOUD_RUN_MAX_CONTAINERS) {
        add({
          fact: 'containers',
          message: `${containers.length} containers: Cloud Run runs at most ${CLOUD_RUN_MAX_CONTAINERS} per instance, the ingress container included`,
          fix: 'merge or remove sidecars',
        });
      }
      if (workloadOf(f) === 'service' && containers.length > 1) {
        const withPorts = containers.filter((c) => c.hasPorts).length;
        if (withPorts !== 1) {
          add({
            fact: 'containers',
            message:
              withPorts === 0
                ? 'no container declares a port: with sidecars the ingress container has no default port'
                : `${withPorts} containers declare a port; only the ingress container may`,
            fix: 'declare the container port on the ingress container only',
          });
        }
      }
      const gpus = containers.filter((c) => (c.gpuCount ?? 0) > 0).length;
      if (gpus > 1) {
        add({
          fact: 'containers',
          message: `${gpus} containers ask for a GPU; the GPU attaches to one container`,
          fix: 'keep nvidia.com/gpu on one container',
        });
      }
      for (let i = 0; i < containers.length; i++) {
        const name = containers[i].name;
        if (validName(name)) continue; // so it has a name
        add({
          fact: `containers.${i}`,
          message: `container name '${name}' is not a DNS label: lowercase letters, digits and hyphens, at most 63, no hyphen at either end`,
          fix: `use e.g. '${
            name!
              .toLowerCase()
              .replace(/[^a-z0-9-]+/g, '-')
              .replace(/^-+|-+$/g, '')
              .slice(0, 63) || 'sidecar'
          }'`,
        });
      }
      if (containers.length > 1) {
        const names = containers.map((c) => c.name);
        for (let i = 0; i < containers.length; i++) {
          const name = names[i];
          const repeated = name !== undefined && names.indexOf(name) < i;
          if (name === undefined || repeated) {
            add({
              fact: `containers.${i}`,
              message: repeated
                ? `container name '${name}' is used twice`
                : `${named(containers[i], i)} has no name, so no other container can depend on it or reach it by name`,
              fix: 'give every container its own name',
              level: CheckLevel.WARNING,
            });
          }
        }
      }
      return violations;
    },
  },
  {
    id: 'GCR-CONTAINER-DEPENDS',
    pack: Pack.PLATFORM,
    level: CheckLevel.ERROR,
    suppressible: false,
    appliesTo: V2,
    title: 'depends_on names other containers of the revision, without a cycle',
    explanation:
      'A container waits until every container it depends on is healthy: a name that is no container, the container itself, or a cycle leaves instances that never start.',
    source: `${DEPLOYING}; hashicorp/terraform-provider-google website/docs/r/cloud_run_v2_service.html.markdown (containers.depends_on)`,
    scope: {
      reads: ['containers.length', 'containers.0.dependsOn'],
      when: (f) => count(f) > 1 || f.containers?.[0]?.dependsOn !== undefined,
    },
    reads: ['containers'],
    check: ({ containers }) => {
      if (containers === undefined) return undefined;
      let violations: CloudRunViolation[] | undefined;
      const names = new Set(containers.map((c) => c.name).filter((n) => n !== undefined));
      for (let i = 0; i < containers.length; i++) {
        for (const dep of containers[i].dependsOn ?? []) {
          if (dep === containers[i].name || !names.has(dep)) {
            (violations ??= []).push({
              fact: `containers.${i}.dependsOn`,
              message:
                dep === containers[i].name
                  ? `${named(containers[i], i)} depends on itself`
                  : `${named(containers[i], i)} depends on '${dep}', which is no container of the revision`,
              fix: `name one of ${[...names].map((n) => `'${n}'`).join(', ') || 'the other containers'}`,
            });
          }
        }
      }
      for (const cycle of cycles(containers)) {
        if (cycle.path.length <= 2) continue; // a container depending on itself is reported above
        (violations ??= []).push({
          fact: `containers.${cycle.index}.dependsOn`,
          message: `the containers wait for each other in a cycle (${cycle.path.join(' → ')}), so none starts`,
          fix: 'break the cycle: a sidecar the app needs should not wait for the app',
        });
      }
      return violations;
    },
  },
  {
    id: 'GCR-CONTAINER-DEPENDS-PROBE',
    pack: Pack.PLATFORM,
    level: CheckLevel.WARNING,
    suppressible: true,
    appliesTo: V2,
    title: 'A container others depend on has a startup probe',
    explanation:
      'Cloud Run starts a container once the containers it depends on are healthy, which it learns from their health checks: without a startup probe a depended-on container counts as started at once, before it serves.',
    source: DEPLOYING,
    scope: SIDECARS,
    reads: ['containers'],
    check: ({ containers }) => {
      if (containers === undefined) return undefined;
      let violations: CloudRunViolation[] | undefined;
      for (let i = 0; i < containers.length; i++) {
        const c = containers[i];
        if (c.startupProbe !== undefined) continue;
        // No container can depend on one without a name: none waits for it.
        const waiting = containers.filter((o) => o !== c && o.dependsOn?.includes(c.name!));
        if (waiting.length === 0) continue;
        (violations ??= []).push({
          fact: `containers.${i}`,
          message: `${waiting.map((w) => named(w, containers.indexOf(w))).join(' and ')} wait${waiting.length === 1 ? 's' : ''} for '${c.name}', which has no startup probe, so ${waiting.length === 1 ? 'it starts' : 'they start'} before '${c.name}' is ready`,
          fix: `give '${c.name}' a startup probe on a port it listens on`,
        });
      }
      return violations;
    },
  },
  {
    id: 'GCR-CONTAINER-PROBE-PORT',
    pack: Pack.PLATFORM,
    level: CheckLevel.ERROR,
    suppressible: false,
    appliesTo: V2,
    title: 'The startup probe of a container without a port names the port it checks',
    explanation:
      "A probe's port defaults to the container port; a sidecar declares none, so its probe must name the port the sidecar listens on (or be left out).",
    source:
      'hashicorp/terraform-provider-google website/docs/r/cloud_run_v2_service.html.markdown (startup_probe.tcp_socket.port: "If not specified, defaults to the exposed port of the container")',
    scope: SIDECARS,
    reads: ['containers'],
    check: ({ containers }) => {
      if (containers === undefined || containers.length < 2) return undefined;
      let violations: CloudRunViolation[] | undefined;
      for (let i = 0; i < containers.length; i++) {
        const c = containers[i];
        if (c.hasPorts || !c.startupProbe || c.startupProbePort !== undefined) continue;
        (violations ??= []).push({
          fact: `containers.${i}.startupProbe`,
          message: `the ${c.startupProbe.kind.toUpperCase()} startup probe of ${named(c, i)} names no port, and the container declares none`,
          fix: 'give the probe the port the container listens on, or drop the probe',
        });
      }
      return violations;
    },
  },
  {
    id: 'GCR-CONTAINER-RESOURCES',
    pack: Pack.PLATFORM,
    level: CheckLevel.ERROR,
    suppressible: false,
    appliesTo: V2,
    title:
      "Each sidecar's CPU and memory are valid limits; all containers together stay within 8 vCPU and 32 GiB (without a GPU)",
    explanation:
      'CPU and memory limits are set per container, and each is a Cloud Run CPU value and a memory quantity; an instance holds at most 8 vCPU and 32 GiB without a GPU. How the per-CPU memory table applies to the sum of several containers is not documented: memory above what the summed CPU allows is a warning.',
    source:
      '"Container runtime contract", https://cloud.google.com/run/docs/container-contract; "Configure CPU limits for services", https://cloud.google.com/run/docs/configuring/services/cpu; "Configure memory limits for services", https://cloud.google.com/run/docs/configuring/services/memory-limits',
    scope: SIDECARS,
    reads: ['containers'],
    check: ({ containers }) => {
      if (containers === undefined || containers.length < 2) return undefined;
      let violations: CloudRunViolation[] | undefined;
      const add = (v: CloudRunViolation) => (violations ??= []).push(v);
      let cpu = 0;
      let memory = 0;
      for (let i = 0; i < containers.length; i++) {
        const c = containers[i];
        const ccpu = c.cpu ?? CLOUD_RUN_RESOURCE_DEFAULTS.cpu;
        const cmem = c.memoryMiB ?? CLOUD_RUN_RESOURCE_DEFAULTS.memoryMiB;
        cpu += ccpu;
        memory += cmem;
        if (c.ingress) continue; // the ingress container's limits are GCR-CPU-VALUE's and GCR-MEMORY-*'s
        if (!isAllowedCpu(ccpu) && !(Number.isInteger(ccpu) && ccpu > CLOUD_RUN_MAX_CPU && (c.gpuCount ?? 0) > 0)) {
          add({
            fact: `containers.${i}.cpu`,
            message: `${named(c, i)} asks for ${Number.isNaN(ccpu) ? 'a CPU that is not a quantity' : `${ccpu} vCPU`}; Cloud Run accepts 0.08 to below 1 vCPU (in steps of 0.001) or ${CLOUD_RUN_WHOLE_CPUS.join(', ')}`,
            fix: 'use a CPU value from the table, e.g. 0.5 or 1',
          });
        }
        if (!(cmem > 0) || !Number.isFinite(cmem)) {
          add({
            fact: `containers.${i}.memoryMiB`,
            message: `${named(c, i)} has a memory limit that is not a positive quantity`,
            fix: "write it like '256Mi' or '1Gi'",
          });
        }
      }
      const gpu = containers.some((c) => (c.gpuCount ?? 0) > 0);
      if (!Number.isFinite(cpu) || !Number.isFinite(memory) || gpu) return violations;
      if (cpu > CLOUD_RUN_MAX_CPU + 1e-9) {
        add({
          fact: 'containers',
          message: `the containers ask for ${formatCpu(cpu)} vCPU together; an instance has at most ${CLOUD_RUN_MAX_CPU}`,
          fix: 'lower the CPU of the sidecars or of the app',
        });
      }
      if (memory > CLOUD_RUN_MEMORY.maxMiB) {
        add({
          fact: 'containers',
          message: `the containers ask for ${formatMiB(memory)} of memory together; an instance has at most 32Gi`,
          fix: 'lower the memory of the sidecars or of the app',
        });
      } else if (memory > memoryBoundsForCpu(cpu).maxMiB) {
        // Above 8 vCPU the last row (32 GiB) holds, so only the CPU is reported.
        add({
          fact: 'containers',
          message: `the containers ask for ${formatMiB(memory)} of memory together, more than ${formatCpu(cpu)} vCPU allow in the CPU table (${formatMiB(memoryBoundsForCpu(cpu).maxMiB)})`,
          fix: 'raise the CPU of a container or lower memory',
          level: CheckLevel.WARNING,
        });
      }
      return violations;
    },
  },
];
