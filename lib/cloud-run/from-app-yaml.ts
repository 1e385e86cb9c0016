/**
 * An App Engine standard app.yaml (python3) → the props of a {@link CloudRunService}, and the migration report: every
 * key the app.yaml reader knows is either written as its Cloud Run equivalent or reported with the reason it does not
 * apply and what to do instead (a finding with a rule id, see platform/migration.ts); none is dropped silently.
 *
 * The file is read by the App Engine reader (lib/app-engine/app-yaml.ts), which checks syntax, keys and types; what
 * the keys mean on Cloud Run is decided here. Besides the props, the migration keeps how each prop is written in
 * TypeScript, so the command line can print the code a person would write.
 * @internal
 */
import { parseAppYaml } from '../app-engine/app-yaml';
import { AppYamlFinding, type AppYaml, type PlatformKey } from '../app-engine/app-yaml-schema';
import { CheckLevel } from '../core/levels';
import { Derived, show, type ValidationProblem } from '../core/validation';
import { APP_ENGINE_DEFAULT_CLASS, instanceClassSpec } from '../platform/app-engine/instance-classes';
import { APP_ENGINE_REQUEST_DEADLINE } from '../platform/app-engine/requests';
import { APP_ENGINE_AUTOMATIC } from '../platform/app-engine/scaling';
import type { AppEngineScalingType } from '../platform/app-engine/facts';
import { CLOUD_RUN_REQUEST_TIMEOUT } from '../platform/cloud-run/requests';
import {
  BUNDLED_SERVICE_REPLACEMENTS,
  cloudRunResourcesFor,
  INBOUND_BUNDLED_SERVICE,
  MigrationFinding,
  WARMUP_PATH,
} from '../platform/migration';
import { GUNICORN_DEFAULTS, webConcurrencyWorkers } from '../platform/python/server';
import { Gunicorn } from '../python/gunicorn';
import { parseGunicornCommand, shellWords } from '../python/gunicorn-command';
import { Billing, VpcEgress } from './enums';
import { ManualScaling } from './manual-scaling';
import { Probe } from './probe';
import type { CloudRunServiceProps } from './service-props';
import { VpcAccess } from './vpc-access';
import { ownEntry } from '../core/tables';

/**
 * Options of {@link CloudRunService.fromAppYaml}: the app.yaml, what it cannot say (the image and the region), and any
 * prop of the service, which wins over what the file says.
 */
export interface CloudRunServiceFromAppYamlOptions extends CloudRunServiceProps {
  /**
   * The app.yaml text. Give exactly one of `yaml` and `file`.
   * @default - read from `file`
   */
  readonly yaml?: string;
  /**
   * Path of the app.yaml file. Give exactly one of `yaml` and `file`.
   * @default - `yaml` is used
   */
  readonly file?: string;
}

/** The result of migrating an app.yaml. */
export interface Migration {
  /** The props of the service (what the file says, then the overrides); undefined when the file is unusable. */
  readonly props?: CloudRunServiceProps;
  /** The problems of the file and the migration's findings, errors included. */
  readonly problems: readonly ValidationProblem[];
  /** How a prop made by one of our factories is written in TypeScript (`Gunicorn.wsgi({ ... })`). */
  readonly code: Readonly<Record<string, string>>;
  /** The app.yaml key each migrated prop comes from (`app.yaml instance_class`). */
  readonly sources: Readonly<Record<string, string>>;
  /** The props written from App Engine's default because the file does not set their key. */
  readonly defaults: readonly string[];
  /** The library's exports the code uses. */
  readonly imports: readonly string[];
}

/**
 * Why an app.yaml key that python3 ignores, or that configures something else, means nothing to a Cloud Run service:
 * one entry for each key the reader sets aside (a key added there without one here does not compile).
 */
const PLATFORM_KEYS: Readonly<Record<PlatformKey, { id: MigrationFinding; rule: string; fix: string }>> = {
  threadsafe: {
    id: MigrationFinding.NOT_APPLICABLE,
    rule: 'Cloud Run sends an instance up to `concurrency` requests at once; threads are gunicorn settings',
    fix: 'set --threads in the entrypoint (1 if the app is not threadsafe)',
  },
  libraries: {
    id: MigrationFinding.NOT_APPLICABLE,
    rule: 'the image holds the dependencies',
    fix: 'list them in requirements.txt and install them in the image',
  },
  api_version: { id: MigrationFinding.NOT_APPLICABLE, rule: 'a python27 setting', fix: 'nothing to do' },
  builtins: { id: MigrationFinding.NOT_APPLICABLE, rule: 'a python27 setting', fix: 'nothing to do' },
  skip_files: {
    id: MigrationFinding.NOT_APPLICABLE,
    rule: 'the image build decides which files the container has',
    fix: 'list the files to leave out in .dockerignore (or .gcloudignore for source builds)',
  },
  application: {
    id: MigrationFinding.NOT_APPLICABLE,
    rule: 'the project is not part of the service',
    fix: 'set project (or the provider project)',
  },
  version: {
    id: MigrationFinding.NOT_APPLICABLE,
    rule: 'Cloud Run names each revision itself',
    fix: 'use traffic tags to reach a revision by name',
  },
  runtime_config: {
    id: MigrationFinding.NOT_APPLICABLE,
    rule: 'a flexible-environment setting',
    fix: 'nothing to do',
  },
  admin_console: {
    id: MigrationFinding.NOT_APPLICABLE,
    rule: 'a first-generation Admin Console setting',
    fix: 'nothing to do',
  },
  build_env_variables: {
    id: MigrationFinding.MANUAL_STEP,
    rule: 'build-time variables belong to the image build, not to the service',
    fix: 'pass them to the build (buildpacks read GOOGLE_* variables: gcloud run deploy --source --set-build-env-vars)',
  },
  error_handlers: {
    id: MigrationFinding.MANUAL_STEP,
    rule: 'Cloud Run has no error pages of its own: the container answers every request',
    fix: 'serve the error pages from the app (or from a load balancer with custom error responses)',
  },
  includes: {
    id: MigrationFinding.MANUAL_STEP,
    rule: 'the included files were not read, so their settings are not migrated',
    fix: 'merge the included settings into this app.yaml and migrate it again',
  },
  vpc_access: {
    id: MigrationFinding.MANUAL_STEP,
    rule: 'Direct VPC egress is not migrated: the network interface and egress setting were not read',
    fix: 'give the service vpcAccess: VpcAccess.directVpc({ network, subnetwork, egress }) with the same network and egress',
  },
};

/** What each handler key becomes (the others are static-handler keys, reported with the static handlers). */
const STATIC_KEYS = [
  'static_dir',
  'static_files',
  'upload',
  'mime_type',
  'expiration',
  'http_headers',
  'require_matching_file',
  'application_readable',
] as const;

/** A literal in TypeScript: strings single-quoted, objects with bare keys where they are identifiers. */
export function tsLiteral(value: unknown): string {
  if (typeof value === 'string') {
    return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r')}'`;
  }
  if (Array.isArray(value)) return `[${value.map(tsLiteral).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return '{}';
    const key = (k: string) => (/^[A-Za-z_$][\w$]*$/.test(k) ? k : tsLiteral(k));
    return `{ ${entries.map(([k, v]) => `${key(k)}: ${tsLiteral(v)}`).join(', ')} }`;
  }
  return String(value);
}

/** The server an entrypoint runs: the Gunicorn model when it is a plain gunicorn command, else undefined. */
interface EntrypointServer {
  readonly server: Gunicorn;
  readonly code: string;
  /** True for a sync worker (one thread, no worker class), which gunicorn's timeout binds. */
  readonly sync: boolean;
  /** The worker timeout in effect (0: none). */
  readonly timeout: number;
  /** The requests it serves at once (workers × threads); undefined for async workers, which have no such bound. */
  readonly capacity?: number;
}

/** gunicorn flags the model writes itself, with whether they take a value. */
const MODEL_FLAGS: Readonly<Record<string, boolean>> = {
  '-w': true,
  '--workers': true,
  '--threads': true,
  '-t': true,
  '--timeout': true,
  '-k': true,
  '--worker-class': true,
  '-b': true,
  '--bind': true,
  '--preload': false,
};

/**
 * A gunicorn entrypoint as the Gunicorn model, when the model can say all of it: gunicorn first (after `exec`), no
 * shell syntax, no config file, no variable other than $PORT in the bind, a WSGI (sync, gthread) or uvicorn worker.
 * `webConcurrency` is env_variables' WEB_CONCURRENCY, which gunicorn's default worker count reads.
 */
function gunicornServer(entrypoint: string, webConcurrency: number | undefined): EntrypointServer | undefined {
  const withoutPort = entrypoint.replace(/\$\$?\{PORT\}|\$PORT\b/g, '8080');
  if (/[;&|`<>()$\\]/.test(withoutPort)) return undefined;
  let words = shellWords(entrypoint);
  if (words[0] === 'exec') words = words.slice(1);
  if (words[0] !== 'gunicorn') return undefined;
  const cmd = parseGunicornCommand(words);
  if (!cmd || cmd.hasExternalConfig || cmd.app === undefined) return undefined;
  const rest = words.slice(1);
  // Every word but the flags the model writes: the app (gunicorn's one positional, `module:callable`; the last word
  // when none has a colon) and the arguments kept as given, in order.
  const kept: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const word = rest[i];
    const eq = word.indexOf('=');
    const flag = word.startsWith('--') && eq > 0 ? word.slice(0, eq) : word;
    if (flag in MODEL_FLAGS) {
      if (MODEL_FLAGS[flag] && flag === word) i++;
      continue;
    }
    if (!/^-[wtkb].+$/.test(word)) kept.push(word);
  }
  const colon = kept.map((w, i) => (!w.startsWith('-') && w.includes(':') ? i : -1)).filter((i) => i >= 0);
  const at = colon.length > 0 ? colon[colon.length - 1] : kept.length - 1;
  const app = at >= 0 && !kept[at].startsWith('-') ? kept[at] : undefined;
  const extraArgs = kept.filter((_, i) => i !== at);
  // A value flag without a number (`--workers $(nproc)` was refused above; `--threads x` is not a number).
  const numeric = (flag: RegExp, value: number | undefined) => value !== undefined || !rest.some((w) => flag.test(w));
  if (
    app === undefined ||
    !/^[A-Za-z_][\w.]*(:[A-Za-z_][\w.]*(\(.*\))?)?$/.test(app) ||
    !numeric(/^(-w|--workers)/, cmd.workers) ||
    !numeric(/^--threads/, cmd.threads) ||
    !numeric(/^(-t|--timeout)/, cmd.timeout)
  ) {
    return undefined;
  }
  const workers = cmd.workers ?? webConcurrency ?? GUNICORN_DEFAULTS.workers;
  const timeout = cmd.timeout ?? GUNICORN_DEFAULTS.timeoutSeconds;
  const workerClass = cmd.workerClass;
  const tail = { timeout, preload: cmd.preload || undefined, extraArgs: extraArgs.length > 0 ? extraArgs : undefined };
  if (workerClass === undefined || /^(sync|gthread)$|^gunicorn\.workers\.(sync|gthread)\./.test(workerClass)) {
    const threads = cmd.threads ?? GUNICORN_DEFAULTS.threads;
    const options = { app, workers, threads, ...tail };
    return {
      server: Gunicorn.wsgi(options),
      code: `Gunicorn.wsgi(${tsLiteral(options)})`,
      sync: threads <= 1 && workerClass !== 'gthread',
      timeout,
      capacity: workers * threads,
    };
  }
  if (/^uvicorn(_worker)?\./.test(workerClass)) {
    const options = { app, workers, workerClass, ...tail };
    return { server: Gunicorn.asgi(options), code: `Gunicorn.asgi(${tsLiteral(options)})`, sync: false, timeout };
  }
  return undefined;
}

/** The app.yaml's keys as Cloud Run service props, with the report. */
class Migrator {
  readonly problems: ValidationProblem[] = [];
  readonly props: Record<string, unknown> = {};
  readonly code: Record<string, string> = {};
  readonly sources: Record<string, string> = {};
  readonly defaults = new Set<string>();
  readonly imports = new Set<string>(['CloudRunService']);
  /** The request timeout the scaling type allows on Cloud Run, whatever the server (for a server given instead). */
  deadlineTimeout: number = CLOUD_RUN_REQUEST_TIMEOUT.max;

  constructor(
    private readonly y: AppYaml,
    private readonly source: string,
  ) {}

  /** The props each finding is about: a finding about a prop the options give no longer applies. */
  readonly concerns = new Map<ValidationProblem, readonly string[]>();

  /** Tags the last finding with the props it is about. */
  about(...props: string[]) {
    this.concerns.set(this.problems[this.problems.length - 1], props);
  }

  report(
    id: MigrationFinding | AppYamlFinding,
    level: CheckLevel,
    key: string,
    value: unknown,
    rule: string,
    fix: string,
  ) {
    this.problems.push({ level, prop: `${this.source} ${key}`, value: show(value), rule, fix, ruleId: id });
  }

  info(id: MigrationFinding, key: string, value: unknown, rule: string, fix = 'nothing to do') {
    this.report(id, CheckLevel.INFO, key, value, rule, fix);
  }

  /** Sets a prop from an app.yaml key; `code` (and the exports it names) when a factory makes it. */
  set(prop: string, value: unknown, key: string, code?: string, ...imports: string[]) {
    this.props[prop] = value;
    this.sources[prop] = `${this.source} ${key}`;
    this.defaults.delete(prop);
    if (code !== undefined) this.code[prop] = code;
    for (const name of imports) this.imports.add(name);
  }

  /** Sets a prop from an app.yaml key (`written`), or from what App Engine does when the file does not set `key`. */
  setFrom(prop: string, value: unknown, key: string, written: boolean) {
    this.set(prop, value, key);
    if (!written) this.defaults.add(prop);
  }

  run(platformKeys: Readonly<Record<string, unknown>>, serviceKey: string): void {
    const y = this.y;
    for (const [key, value] of Object.entries(platformKeys)) {
      const fate = PLATFORM_KEYS[key as PlatformKey];
      const level = fate.id === MigrationFinding.MANUAL_STEP ? CheckLevel.WARNING : CheckLevel.INFO;
      this.report(fate.id, level, key, value, `'${key}' does not apply to Cloud Run: ${fate.rule}`, fate.fix);
    }
    if (y.env !== undefined) {
      if (y.env === 'standard') {
        this.info(MigrationFinding.NOT_APPLICABLE, 'env', y.env, 'Cloud Run has one environment');
      } else {
        this.report(
          AppYamlFinding.VALUE,
          CheckLevel.ERROR,
          'env',
          y.env,
          'only App Engine standard app.yaml files are migrated',
          "migrate a standard environment app.yaml (no 'env', or 'env: standard')",
        );
      }
    }
    if (y.runtime !== undefined) {
      const version = /^python3(\d+)$/.exec(y.runtime);
      this.info(
        MigrationFinding.NOT_APPLICABLE,
        'runtime',
        y.runtime,
        'Cloud Run runs the image, which brings its own Python',
        version
          ? `build the image on Python 3.${version[1]} (e.g. FROM python:3.${version[1]}-slim, or gcloud run deploy --source with buildpacks)`
          : 'build the image on the Python version the app needs',
      );
    }
    if (y.service !== undefined) {
      this.set('serviceName', y.service, serviceKey);
      this.info(MigrationFinding.MAPPED, serviceKey, y.service, `written as serviceName '${y.service}'`);
      this.about('serviceName');
    }
    const scalingType = this.scaling();
    this.resources(scalingType);
    const server = this.entrypoint();
    this.requestTimeout(scalingType, server);
    this.environment();
    this.inbound();
    this.handlers();
  }

  /** The scaling block → instances, concurrency and billing; returns the App Engine scaling type. */
  private scaling(): AppEngineScalingType {
    const y = this.y;
    const blocks = (['automatic_scaling', 'basic_scaling', 'manual_scaling'] as const).filter((k) => y[k]);
    if (blocks.length > 1) {
      this.report(
        AppYamlFinding.VALUE,
        CheckLevel.ERROR,
        blocks.join(', '),
        blocks,
        'only one scaling element may be given',
        'keep one of them',
      );
    }
    if (y.basic_scaling) {
      const b = y.basic_scaling;
      this.set('maxInstances', b.max_instances, 'basic_scaling.max_instances');
      this.set('billing', Billing.INSTANCE, 'basic_scaling', 'Billing.INSTANCE', 'Billing');
      this.info(
        MigrationFinding.MAPPED,
        'basic_scaling',
        b,
        `basic scaling: instances start on request and stop when idle, with the CPU allocated for their whole life; written as maxInstances ${b.max_instances}, no min instances and instance-based billing`,
        "Google's migration tools keep max_instances instances running (min = max); set minInstances only if the app must stay warm",
      );
      if (b.idle_timeout !== undefined) {
        this.info(
          MigrationFinding.NOT_APPLICABLE,
          'basic_scaling.idle_timeout',
          b.idle_timeout,
          'Cloud Run stops an idle instance on its own (after at most 15 minutes)',
          'nothing to do; set minInstances to keep instances running',
        );
      }
      return 'basic';
    }
    if (y.manual_scaling) {
      const n = y.manual_scaling.instances;
      this.set(
        'manualScaling',
        ManualScaling.instances(n),
        'manual_scaling.instances',
        `ManualScaling.instances(${n})`,
        'ManualScaling',
      );
      this.set('billing', Billing.INSTANCE, 'manual_scaling', 'Billing.INSTANCE', 'Billing');
      this.info(
        MigrationFinding.MAPPED,
        'manual_scaling.instances',
        n,
        `resident instances: written as manual scaling of ${n} instance(s) with instance-based billing`,
      );
      return 'manual';
    }
    const a = y.automatic_scaling ?? {};
    if (a.min_instances !== undefined) {
      this.set('minInstances', a.min_instances, 'automatic_scaling.min_instances');
      this.info(MigrationFinding.MAPPED, 'automatic_scaling.min_instances', a.min_instances, 'written as minInstances');
      this.about('minInstances');
    }
    if (a.max_instances !== undefined && a.max_instances > 0) {
      this.set('maxInstances', a.max_instances, 'automatic_scaling.max_instances');
      this.info(MigrationFinding.MAPPED, 'automatic_scaling.max_instances', a.max_instances, 'written as maxInstances');
      this.about('maxInstances');
    } else if (a.max_instances !== undefined) {
      this.info(
        MigrationFinding.NOT_APPLICABLE,
        'automatic_scaling.max_instances',
        a.max_instances,
        '0 lifts the cap on App Engine; a Cloud Run service always has one (100 by default)',
        'set maxInstances to the most instances the app and its database can take',
      );
    }
    if (a.max_concurrent_requests !== undefined) {
      this.set('concurrency', a.max_concurrent_requests, 'automatic_scaling.max_concurrent_requests');
      this.info(
        MigrationFinding.MAPPED,
        'automatic_scaling.max_concurrent_requests',
        a.max_concurrent_requests,
        'written as concurrency',
      );
      this.about('concurrency');
    } else {
      const concurrency = APP_ENGINE_AUTOMATIC.maxConcurrentRequests.default;
      this.setFrom('concurrency', concurrency, 'automatic_scaling.max_concurrent_requests', false);
      // A gunicorn that serves fewer at once draws GCR-SERVER-CAPACITY's warning about this same concurrency, with the
      // value to write: said once, there.
      const capacity = this.entrypointServer()?.capacity;
      if (capacity === undefined || capacity >= concurrency) {
        this.info(
          MigrationFinding.DEFAULT,
          'automatic_scaling.max_concurrent_requests',
          undefined,
          `App Engine sends an instance at most ${concurrency} concurrent requests when max_concurrent_requests is not set: written as concurrency ${concurrency} (Cloud Run's own default is 80)`,
          capacity === undefined
            ? 'raise concurrency to what the server serves at once (workers × threads)'
            : capacity > concurrency
              ? `raise concurrency to ${capacity}, what gunicorn serves at once (workers × threads)`
              : 'nothing to do: gunicorn serves as many at once',
        );
        this.about('concurrency');
      }
    }
    const notApplicable: Array<[keyof typeof a, string, string]> = [
      [
        'target_cpu_utilization',
        'Cloud Run starts instances at targets of its own (about 60% of concurrency and of CPU)',
        'tune concurrency instead',
      ],
      [
        'target_throughput_utilization',
        'Cloud Run starts instances at targets of its own (about 60% of concurrency and of CPU)',
        'tune concurrency instead',
      ],
      [
        'min_pending_latency',
        'Cloud Run has no pending queue to tune: it starts an instance when the others are at concurrency',
        'keep instances warm with minInstances if requests must not wait for a cold start',
      ],
      [
        'max_pending_latency',
        'Cloud Run has no pending queue to tune: it starts an instance when the others are at concurrency',
        'keep instances warm with minInstances if requests must not wait for a cold start',
      ],
      [
        'max_idle_instances',
        'Cloud Run keeps idle instances for up to 15 minutes on its own, and bills them only as min instances or with instance-based billing',
        'nothing to do',
      ],
      [
        'min_idle_instances',
        'Cloud Run has no idle-instance pool on top of the serving instances',
        'set minInstances: Cloud Run keeps that many instances warm (billed while idle)',
      ],
    ];
    for (const [key, rule, fix] of notApplicable) {
      if (a[key] !== undefined) {
        this.info(MigrationFinding.NOT_APPLICABLE, `automatic_scaling.${key}`, a[key], rule, fix);
      }
    }
    this.info(
      MigrationFinding.DEFAULT,
      'automatic_scaling',
      y.automatic_scaling ?? new Derived('not set'),
      "automatic scaling: written with Cloud Run's request-based billing (CPU only while requests are served); Google's migration tool writes instance-based billing",
      'set backgroundWork: true (instance-based billing) if the app works outside requests',
    );
    this.about('billing', 'backgroundWork');
    return 'automatic';
  }

  /** instance_class → cpu and memory. */
  private resources(scalingType: AppEngineScalingType): void {
    const given = this.y.instance_class;
    const instanceClass = given ?? APP_ENGINE_DEFAULT_CLASS[scalingType];
    const resources = cloudRunResourcesFor(instanceClass);
    if (!resources) {
      this.report(
        AppYamlFinding.VALUE,
        CheckLevel.ERROR,
        'instance_class',
        given,
        `'${given}' is not an App Engine standard instance class`,
        'use F1, F2, F4, F4_1G, B1, B2, B4, B4_1G or B8',
      );
      return;
    }
    const spec = instanceClassSpec(instanceClass)!;
    this.setFrom('cpu', resources.cpu, 'instance_class', given !== undefined);
    this.setFrom('memory', resources.memory, 'instance_class', given !== undefined);
    const what = `${instanceClass} (${spec.memoryMB} MB, ${spec.cpuGHz} GHz) → cpu ${resources.cpu}, memory '${resources.memory}': the class's memory rounded up (Google's migration tool maps the first-generation sizes, 256 MiB to 2 GiB), 1 vCPU (2 for B8) as Google maps it`;
    if (given !== undefined) {
      this.info(MigrationFinding.MAPPED, 'instance_class', given, what);
      this.about('cpu', 'memory');
      return;
    }
    this.info(
      MigrationFinding.DEFAULT,
      'instance_class',
      undefined,
      `App Engine runs ${instanceClass} instances with ${scalingType} scaling when instance_class is not set: ${what}`,
    );
    this.about('cpu', 'memory');
  }

  private server?: { readonly read: EntrypointServer | undefined };

  /** The Gunicorn model of the entrypoint (App Engine's default without one), when it is a plain gunicorn command. */
  private entrypointServer(): EntrypointServer | undefined {
    const webConcurrency = () => webConcurrencyWorkers(this.y.env_variables?.[GUNICORN_DEFAULTS.webConcurrency]);
    this.server ??= { read: gunicornServer(this.y.entrypoint ?? 'gunicorn -b :$PORT main:app', webConcurrency()) };
    return this.server.read;
  }

  /** entrypoint → the server (Gunicorn model) or a shell command. */
  private entrypoint(): EntrypointServer | undefined {
    const y = this.y;
    if (y.entrypoint === undefined) {
      const server = this.entrypointServer()!;
      this.set('server', server.server, 'entrypoint', server.code, 'Gunicorn');
      this.info(
        MigrationFinding.DEFAULT,
        'entrypoint',
        undefined,
        `without an entrypoint App Engine starts 'gunicorn -b :$PORT main:app' (gunicorn's defaults: one sync worker, 30 s timeout): written as ${server.code}`,
        'add gunicorn to requirements.txt (App Engine installed it itself), and size workers and threads for the instance',
      );
      this.about('server', 'command', 'args');
      return server;
    }
    const server = this.entrypointServer();
    if (server) {
      this.set('server', server.server, 'entrypoint', server.code, 'Gunicorn');
      this.info(
        MigrationFinding.ENTRYPOINT,
        'entrypoint',
        y.entrypoint,
        `gunicorn read into the Gunicorn model: ${server.code}, so the startup probe, concurrency, timeout and memory checks apply`,
      );
      this.about('server', 'command', 'args');
      return server;
    }
    this.set('command', ['/bin/sh', '-c', y.entrypoint], 'entrypoint');
    this.info(
      MigrationFinding.ENTRYPOINT,
      'entrypoint',
      y.entrypoint,
      'kept as given, run by a shell as App Engine runs it ($PORT is the container port): it is not a plain gunicorn command the Gunicorn model can write (shell syntax, a config file, variables or another server)',
      'if it runs gunicorn, pass server: Gunicorn.wsgi(...) instead so the server checks apply',
    );
    this.about('server', 'command', 'args');
    return undefined;
  }

  /** The scaling type's request deadline → requestTimeout, within Cloud Run's limit and the sync worker's timeout. */
  private requestTimeout(scalingType: AppEngineScalingType, server: EntrypointServer | undefined): void {
    const deadline = APP_ENGINE_REQUEST_DEADLINE[scalingType];
    const workerLimit = server?.sync && server.timeout > 0 ? server.timeout : undefined;
    const longest = Math.min(deadline, workerLimit ?? deadline);
    const timeout = Math.min(longest, CLOUD_RUN_REQUEST_TIMEOUT.max);
    this.deadlineTimeout = Math.min(deadline, CLOUD_RUN_REQUEST_TIMEOUT.max);
    const key = `${scalingType}_scaling` as const;
    this.setFrom('requestTimeout', timeout, key, this.y[key] !== undefined);
    const why =
      workerLimit !== undefined && workerLimit < deadline
        ? `the sync gunicorn worker is killed after ${workerLimit} s (as it was on App Engine, whose ${scalingType}-scaling deadline is ${deadline} s)`
        : `App Engine ends ${scalingType}-scaling requests after ${deadline} s`;
    this.info(
      MigrationFinding.DEFAULT,
      key,
      new Derived(`${scalingType} scaling`),
      `${why}: written as requestTimeout ${timeout}`,
      workerLimit !== undefined
        ? 'set the gunicorn timeout to 0 (or use threads) to let requests run longer'
        : 'nothing to do',
    );
    this.about('requestTimeout');
    if (longest > CLOUD_RUN_REQUEST_TIMEOUT.max) {
      this.report(
        MigrationFinding.REQUEST_TIMEOUT,
        CheckLevel.WARNING,
        key,
        new Derived(`${scalingType} scaling`),
        `requests may run ${deadline / 3600} h on App Engine with ${scalingType} scaling; Cloud Run ends them after ${CLOUD_RUN_REQUEST_TIMEOUT.max / 60} minutes`,
        'move work longer than an hour to a Cloud Run job, or split it into Cloud Tasks',
      );
    }
  }

  /** env_variables, service_account, vpc_access_connector, app_engine_apis. */
  private environment(): void {
    const y = this.y;
    if (y.env_variables !== undefined) {
      const env = Object.fromEntries(Object.entries(y.env_variables).map(([k, v]) => [k, String(v)]));
      this.set('env', env, 'env_variables');
      this.info(
        MigrationFinding.MAPPED,
        'env_variables',
        new Derived(Object.keys(env).join(', ') || 'none'),
        'written as env',
        'move secrets among them to Secret Manager (secrets)',
      );
      this.about('env');
    }
    if (y.service_account !== undefined) {
      this.set('serviceAccount', y.service_account, 'service_account');
      this.info(MigrationFinding.MAPPED, 'service_account', y.service_account, 'written as serviceAccount');
      this.about('serviceAccount');
    } else {
      this.report(
        MigrationFinding.SERVICE_ACCOUNT,
        CheckLevel.WARNING,
        'service_account',
        undefined,
        'the app ran as the App Engine default account (PROJECT_ID@appspot.gserviceaccount.com); the service runs as a dedicated account with no role',
        'grant the dedicated account the roles the app needs (Datastore, Cloud Storage, ...), or pass serviceAccount',
      );
      this.about('serviceAccount');
    }
    const vpc = y.vpc_access_connector;
    if (vpc !== undefined) {
      const egress = vpc.egress_setting === 'all-traffic' ? VpcEgress.ALL_TRAFFIC : VpcEgress.PRIVATE_RANGES_ONLY;
      this.set(
        'vpcAccess',
        VpcAccess.connector(vpc.name, egress),
        'vpc_access_connector',
        `VpcAccess.connector(${tsLiteral(vpc.name)}, VpcEgress.${egress})`,
        'VpcAccess',
        'VpcEgress',
      );
      this.info(
        MigrationFinding.MAPPED,
        'vpc_access_connector',
        vpc,
        `written as VpcAccess.connector with VpcEgress.${egress}`,
        "check that the connector is in the service's region (App Engine used the app's); consider Direct VPC egress (VpcAccess.directVpc), which needs no connector",
      );
      this.about('vpcAccess');
    }
    if (y.app_engine_apis === true) {
      const replacements = Object.entries(BUNDLED_SERVICE_REPLACEMENTS)
        .map(([service, replacement]) => `${service} → ${replacement}`)
        .join('; ');
      this.report(
        MigrationFinding.BUNDLED_SERVICES,
        CheckLevel.ERROR,
        'app_engine_apis',
        true,
        'the legacy bundled services exist only on App Engine, and the app may call any of them',
        `replace each service the app uses with its Google Cloud product (${replacements}), then remove app_engine_apis`,
      );
    } else if (y.app_engine_apis === false) {
      this.info(MigrationFinding.NOT_APPLICABLE, 'app_engine_apis', false, 'no bundled service to replace');
    }
  }

  /** inbound_services: warmup → a startup probe; mail → an error; the others do not apply. */
  private inbound(): void {
    for (const service of this.y.inbound_services ?? []) {
      if (service === 'warmup') {
        this.set(
          'startupProbe',
          Probe.http({ path: WARMUP_PATH }),
          'inbound_services',
          `Probe.http({ path: '${WARMUP_PATH}' })`,
          'Probe',
        );
        this.info(
          MigrationFinding.WARMUP,
          'inbound_services',
          service,
          `Cloud Run sends no warmup request: written as an HTTP startup probe on ${WARMUP_PATH}, assuming the app serves it (as App Engine warmup required)`,
          'if the app does not serve /_ah/warmup, pass startupProbe with a path it serves',
        );
        this.about('startupProbe');
        continue;
      }
      const bundled = ownEntry(INBOUND_BUNDLED_SERVICE, service);
      if (bundled !== undefined) {
        this.report(
          MigrationFinding.BUNDLED_SERVICES,
          CheckLevel.ERROR,
          'inbound_services',
          service,
          `'${service}' is received through the bundled ${bundled} service, which exists only on App Engine`,
          `receive mail through ${BUNDLED_SERVICE_REPLACEMENTS[bundled]} (an inbound webhook to the service), then remove '${service}'`,
        );
        continue;
      }
      this.info(
        MigrationFinding.NOT_APPLICABLE,
        'inbound_services',
        service,
        `Cloud Run has no '${service}' inbound service (nor had python3 App Engine)`,
        'remove it',
      );
    }
  }

  /** handlers: script auto is the container; static, login, secure and the rest are reported. */
  private handlers(): void {
    const handlers = this.y.handlers ?? [];
    const statics: string[] = [];
    const logins: string[] = [];
    const publicUrls: string[] = [];
    const secureAlways: number[] = [];
    for (const [i, h] of handlers.entries()) {
      const at = `handlers[${i}]`;
      const isStatic = h.static_dir !== undefined || h.static_files !== undefined;
      if (isStatic) statics.push(`${h.url} → ${h.static_dir ?? h.static_files}`);
      else {
        const used = STATIC_KEYS.filter((k) => h[k] !== undefined);
        for (const k of used) {
          this.info(
            MigrationFinding.NOT_APPLICABLE,
            `${at}.${k}`,
            h[k],
            'a static-file setting on a handler that serves no files',
            'remove it',
          );
        }
      }
      if (h.script !== undefined && h.script !== 'auto') {
        this.info(
          MigrationFinding.NOT_APPLICABLE,
          `${at}.script`,
          h.script,
          'the container serves every URL; python3 App Engine ignored a script other than auto too',
          'route in the app',
        );
      }
      if (h.login === 'required' || h.login === 'admin') logins.push(`${h.url} (${h.login})`);
      else if (!isStatic) publicUrls.push(h.url);
      if (h.auth_fail_action !== undefined) {
        this.info(
          MigrationFinding.NOT_APPLICABLE,
          `${at}.auth_fail_action`,
          h.auth_fail_action,
          'Identity-Aware Proxy decides what an unauthenticated caller gets (a sign-in page for browsers)',
        );
      }
      if (h.secure === 'always') secureAlways.push(i);
      else if (h.secure !== undefined) {
        this.info(
          MigrationFinding.NOT_APPLICABLE,
          `${at}.secure`,
          h.secure,
          'Cloud Run serves HTTPS only and redirects HTTP requests to HTTPS, whatever the handler allowed',
          'make sure clients follow the redirect',
        );
      }
      if (h.redirect_http_response_code !== undefined) {
        this.info(
          MigrationFinding.NOT_APPLICABLE,
          `${at}.redirect_http_response_code`,
          h.redirect_http_response_code,
          'Cloud Run chooses the status of its HTTP-to-HTTPS redirect itself',
        );
      }
    }
    // One note for every handler that asked for HTTPS, not one a handler.
    if (secureAlways.length > 0) {
      this.info(
        MigrationFinding.MAPPED,
        secureAlways.length === 1 ? `handlers[${secureAlways[0]}].secure` : 'handlers.secure',
        secureAlways.length === 1
          ? 'always'
          : new Derived(`always on ${secureAlways.map((i) => `handlers[${i}]`).join(', ')}`),
        'Cloud Run is HTTPS-only: it redirects every HTTP request to HTTPS',
      );
    }
    if (statics.length > 0) {
      this.report(
        MigrationFinding.STATIC_FILES,
        CheckLevel.WARNING,
        'handlers',
        new Derived(statics.join('; ')),
        `Cloud Run serves no static files: ${statics.length} static handler(s) (with their upload, expiration, headers and mime types${this.y.default_expiration !== undefined ? ', and default_expiration' : ''}) are not migrated`,
        'serve the files from the app (e.g. WhiteNoise), from a Cloud Storage bucket, or through Cloud CDN behind a load balancer',
      );
    } else if (this.y.default_expiration !== undefined) {
      this.info(
        MigrationFinding.NOT_APPLICABLE,
        'default_expiration',
        this.y.default_expiration,
        'the expiration of static handlers, and the file has none',
        'remove it',
      );
    }
    if (logins.length > 0) {
      this.report(
        MigrationFinding.LOGIN,
        CheckLevel.WARNING,
        'handlers',
        new Derived(logins.join('; ')),
        `App Engine required Google sign-in on ${logins.join(', ')}; Cloud Run authorizes the whole service, so the service is not public${publicUrls.length > 0 ? ` (and ${publicUrls.join(', ')}, public on App Engine, are not either)` : ''}`,
        'turn on IAP for the service and grant people access with grantIapAccess (or check sign-in in the app and make the service public)',
      );
    } else {
      this.setFrom('allowUnauthenticated', true, 'handlers', this.y.handlers !== undefined);
      this.info(
        MigrationFinding.PUBLIC,
        'handlers',
        new Derived(publicUrls.length === 0 ? 'no handler' : publicUrls.join(', ')),
        'App Engine served the app to anyone: written as allowUnauthenticated: true',
        'pass allowUnauthenticated: false for a private service',
      );
      this.about('allowUnauthenticated');
    }
  }
}

/**
 * Migrates an app.yaml to the props of a Cloud Run service: what the file says, then `options` other than the file
 * itself (which win). `image` and `region` are required props, so they come with the options.
 */
export function migrateAppYaml(options: CloudRunServiceFromAppYamlOptions): Migration {
  const { yaml, file, ...overrides } = options ?? ({} as CloudRunServiceFromAppYamlOptions);
  const typed = (name: string, value: unknown) =>
    value === undefined || typeof value === 'string'
      ? []
      : [
          {
            level: CheckLevel.ERROR,
            prop: name,
            value: show(value),
            rule: `${name} must be a string`,
            fix: name === 'yaml' ? 'pass the app.yaml text' : 'pass the path of the app.yaml file',
          },
        ];
  const wrong = [...typed('yaml', yaml), ...typed('file', file)];
  if (wrong.length > 0) return { problems: wrong, code: {}, sources: {}, defaults: [], imports: [] };
  const parsed = parseAppYaml({ yaml, file }, false);
  // The reader's notes (the deprecated `module`) are migration notes here; its errors stay the file's.
  const problems: ValidationProblem[] = parsed.problems.map((p) =>
    p.level === CheckLevel.ERROR ? p : { ...p, level: CheckLevel.INFO, ruleId: MigrationFinding.MAPPED },
  );
  if (!parsed.data) return { problems, code: {}, sources: {}, defaults: [], imports: [] };
  const m = new Migrator(parsed.data, parsed.source);
  m.run(parsed.platformKeys, parsed.serviceKey);
  const given = Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined));
  // A server or command given replaces the entrypoint's (they cannot be combined).
  const migrated: Record<string, unknown> = { ...m.props };
  if ('server' in given || 'command' in given || 'args' in given) {
    delete migrated.server;
    delete migrated.command;
    // The file's gunicorn timeout no longer bounds the requests: the scaling type's deadline does.
    migrated.requestTimeout = m.deadlineTimeout;
  }
  if ('manualScaling' in given || 'minInstances' in given || 'maxInstances' in given) delete migrated.manualScaling;
  for (const prop of Object.keys(given)) {
    delete m.code[prop];
    delete m.sources[prop];
    m.defaults.delete(prop);
  }
  const props = { ...migrated, ...given } as unknown as CloudRunServiceProps;
  // A finding about what an option decides instead of the file no longer applies.
  const findings = m.problems.filter((p) => !(m.concerns.get(p) ?? []).some((prop) => prop in given));
  return {
    props,
    problems: [...problems, ...findings],
    code: m.code,
    sources: m.sources,
    defaults: [...m.defaults],
    imports: [...m.imports].filter(
      (name) => Object.values(m.code).some((c) => c.includes(`${name}.`)) || name === 'CloudRunService',
    ),
  };
}

/** A prop a rule names, with the app.yaml key it was migrated from: `concurrency (app.yaml automatic_scaling.…)`. */
export function fromAppYamlKey(
  at: { readonly prop: string; readonly value: unknown },
  migration: Migration | undefined,
): { readonly prop: string; readonly value: unknown } {
  const source = migration?.sources[at.prop];
  if (source === undefined) return at;
  const from = migration!.defaults.includes(at.prop) ? `App Engine's default, ${source} not set` : `from ${source}`;
  return { ...at, prop: `${at.prop} (${from})` };
}

const MIGRATION = Symbol('cdktf-gcp-serverless/app-yaml-migration');

/** `props` carrying the migration that made them (a non-enumerable, symbol-keyed property). */
export function withMigration(props: CloudRunServiceProps, migration: Migration): CloudRunServiceProps {
  Object.defineProperty(props, MIGRATION, { value: migration, enumerable: false });
  return props;
}

/** The migration `props` were made by, if they were read from an app.yaml. */
export function migrationOf(props: unknown): Migration | undefined {
  if (props === null || typeof props !== 'object') return undefined;
  return (props as { [MIGRATION]?: Migration })[MIGRATION];
}
