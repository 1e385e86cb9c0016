import { Construct } from 'constructs';
import { Suppressions } from '../checks/policy-checks';
import { toApiDuration } from '../core/duration';
import { memo, zod } from '../core/lazy';
import { checkShape, instanceOf } from '../core/props';
import { formatCpu, parseMemoryMiB } from '../core/quantity';
import { checkServiceAccount } from '../core/service-account';
import { Derived, Problems } from '../core/validation';
import {
  CLOUD_RUN_CONCURRENCY,
  CLOUD_RUN_MEMORY,
  CLOUD_RUN_REQUEST_TIMEOUT,
  CLOUD_RUN_RULES,
  type CloudRunFacts,
  defaultWorkersForCpu,
  startupBudgetSeconds,
  suggestServiceName,
} from '../platform/cloud-run';
import { evaluate } from '../platform/rule';
import { DEFAULT_SERVICE_ACCOUNTS } from '../platform/service-account';
import { isUnresolved } from '../private/cdktf';
import {
  CloudRunV2Service,
  CloudRunV2ServiceIamMember,
  type CloudRunV2ServiceTemplateContainersEnv,
  SecretManagerSecretIamMember,
  ServiceAccount,
} from '../private/google';
import { Gunicorn, type ResolvedServer, ServerModel } from '../python/gunicorn';
import { Probe, ProbeType } from './probe';
import type { SecretEnv } from './secret-env';
import { Billing, ExecutionEnvironment, Ingress } from './settings';
import { VpcAccess } from './vpc-access';

/** Props of a {@link CloudRunService}. */
export interface CloudRunServiceProps {
  /** The region, e.g. `us-central1` (a Cloud Run region, not an App Engine location such as `us-central`). */
  readonly region: string;
  /** The container image. Pin it by digest (`…@sha256:…`) for reproducible revisions. */
  readonly image: string;
  /**
   * The service name: fewer than 50 characters, lowercase letters, digits and hyphens.
   * @default - derived from the construct id (`Api` → `api`)
   */
  readonly serviceName?: string;
  /**
   * The project.
   * @default - the provider's project
   */
  readonly project?: string;
  /**
   * A description of the service.
   * @default - none
   */
  readonly description?: string;
  /**
   * vCPU per instance: 0.08 to below 1, or 1, 2, 4, 6 or 8.
   * @default 1
   */
  readonly cpu?: number;
  /**
   * Memory per instance, as a quantity (`'512Mi'`, `'2Gi'`).
   * @default '512Mi'
   */
  readonly memory?: string;
  /**
   * The Python server. It renders the container command and drives concurrency, the startup probe, the worker
   * count and timeout checks.
   * @default - the image's own entrypoint; no server-derived settings
   */
  readonly server?: Gunicorn;
  /**
   * The container entrypoint, for images not run through {@link server}.
   * @default - the image's ENTRYPOINT
   */
  readonly command?: string[];
  /**
   * Arguments to the entrypoint, for images not run through {@link server}.
   * @default - the image's CMD
   */
  readonly args?: string[];
  /**
   * The port the server listens on (Cloud Run sets `$PORT` to it).
   * @default 8080
   */
  readonly containerPort?: number;
  /**
   * Maximum concurrent requests per instance (1 to 1000).
   * @default - the server's capacity (workers × threads, at most 1000); 80 without a server; 1 below 1 vCPU
   */
  readonly concurrency?: number;
  /**
   * Instances kept running even without traffic (billed while idle).
   * @default 0
   */
  readonly minInstances?: number;
  /**
   * Most instances Cloud Run may start.
   * @default - the platform default (100, or less per quota); a warning says so
   */
  readonly maxInstances?: number;
  /**
   * Request-based or instance-based billing. Always written as `cpu_idle`, because a `resources` block without it
   * silently means instance-based billing.
   * @default - Billing.INSTANCE when backgroundWork is true, otherwise Billing.REQUEST
   */
  readonly billing?: Billing;
  /**
   * The app works outside requests (background threads, queues, telemetry flushes). Selects instance-based billing
   * so the CPU is not throttled between requests.
   * @default false
   */
  readonly backgroundWork?: boolean;
  /**
   * The startup probe.
   * @default - with a server not preloaded: an HTTP probe on `/` using the whole 240 s budget; otherwise a TCP probe
   * on the container port with Cloud Run's 240 s budget, written explicitly
   */
  readonly startupProbe?: Probe;
  /**
   * The liveness probe.
   * @default - none
   */
  readonly livenessProbe?: Probe;
  /**
   * Seconds a request may take (1 to 3600).
   * @default 300
   */
  readonly requestTimeout?: number;
  /**
   * Give the instance more CPU while it starts (shorter Python import times at cold start).
   * @default true
   */
  readonly startupCpuBoost?: boolean;
  /**
   * The execution environment.
   * @default - ExecutionEnvironment.GEN2, or GEN1 below 1 vCPU or 512 MiB (gen2 needs both)
   */
  readonly executionEnvironment?: ExecutionEnvironment;
  /**
   * Where requests may come from.
   * @default Ingress.ALL (callers still need the invoker role unless allowUnauthenticated is set)
   */
  readonly ingress?: Ingress;
  /**
   * Let anyone invoke the service (grants `roles/run.invoker` to `allUsers`).
   * @default false
   */
  readonly allowUnauthenticated?: boolean;
  /**
   * The email of an existing service account to run as.
   * @default - a dedicated service account is created (never the default compute account)
   */
  readonly serviceAccount?: string;
  /**
   * Plain environment variables. Put secrets in {@link secrets}.
   * @default - none
   */
  readonly env?: Record<string, string>;
  /**
   * Environment variables read from Secret Manager; the runtime service account is granted
   * `roles/secretmanager.secretAccessor` on each secret.
   * @default - none
   */
  readonly secrets?: Record<string, SecretEnv>;
  /**
   * Outbound access to a VPC network.
   * @default - no VPC access
   */
  readonly vpcAccess?: VpcAccess;
  /**
   * Labels on the service.
   * @default - none
   */
  readonly labels?: Record<string, string>;
  /**
   * Refuse `terraform destroy` (and replacements) of the service.
   * @default true
   */
  readonly deletionProtection?: boolean;
}

/** The shape of the props, built on first use (zod loads lazily). */
const propsSchema = memo(() => {
  const z = zod();
  const stringMap = z.record(z.string(), z.string());
  return z
    .object({
      region: z.string(),
      image: z.string(),
      serviceName: z.string().optional(),
      project: z.string().optional(),
      description: z.string().optional(),
      cpu: z.number().optional(),
      memory: z.string().optional(),
      server: instanceOf(Gunicorn, 'expected Gunicorn.wsgi(...) or Gunicorn.asgi(...)').optional(),
      command: z.array(z.string()).optional(),
      args: z.array(z.string()).optional(),
      containerPort: z.number().optional(),
      concurrency: z.number().optional(),
      minInstances: z.number().optional(),
      maxInstances: z.number().optional(),
      billing: z.enum(Billing).optional(),
      backgroundWork: z.boolean().optional(),
      startupProbe: instanceOf(Probe, 'expected Probe.http(...), Probe.tcp(...) or Probe.grpc(...)').optional(),
      livenessProbe: instanceOf(Probe, 'expected Probe.http(...), Probe.tcp(...) or Probe.grpc(...)').optional(),
      requestTimeout: z.number().optional(),
      startupCpuBoost: z.boolean().optional(),
      executionEnvironment: z.enum(ExecutionEnvironment).optional(),
      ingress: z.enum(Ingress).optional(),
      allowUnauthenticated: z.boolean().optional(),
      serviceAccount: z.string().optional(),
      env: stringMap.optional(),
      secrets: z
        .record(z.string(), z.object({ secret: z.string(), version: z.string().optional() }).strict())
        .optional(),
      vpcAccess: instanceOf(VpcAccess, 'expected VpcAccess.directVpc(...) or VpcAccess.connector(...)').optional(),
      labels: stringMap.optional(),
      deletionProtection: z.boolean().optional(),
    })
    .strict();
});

/** Environment variables the Cloud Run container contract reserves. */
const RESERVED_ENV = new Set(['PORT', 'K_SERVICE', 'K_REVISION', 'K_CONFIGURATION']);
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const LABEL_KEY = /^[a-z][a-z0-9_-]{0,62}$/;
const LABEL_VALUE = /^[a-z0-9_-]{0,63}$/;
const REGION = /^[a-z]+(-[a-z]+)+[0-9]+$/;
const IAM_MEMBER =
  /^((user|serviceAccount|group|domain|deleted:user|deleted:serviceAccount|deleted:group):.+|principal(Set)?:\/\/.+)$/;

/** Prop names for the facts the platform rules judge. */
const PROP_OF_FACT: Readonly<Record<keyof CloudRunFacts, string>> = {
  name: 'serviceName',
  cpu: 'cpu',
  memoryMiB: 'memory',
  executionEnvironment: 'executionEnvironment',
  concurrency: 'concurrency',
  cpuIdle: 'billing',
  resourcesWritten: 'billing',
  minInstances: 'minInstances',
  maxInstances: 'maxInstances',
  timeoutSeconds: 'requestTimeout',
  startupProbe: 'startupProbe',
  livenessProbe: 'livenessProbe',
  portName: 'containerPort',
  server: 'server',
};

/**
 * A Cloud Run service for a Python web app, over `google_cloud_run_v2_service`.
 *
 * The server profile drives the container command, the request concurrency, the startup probe and the worker count;
 * `backgroundWork` selects instance-based billing. Everything Cloud Run would reject at apply time, and what cannot
 * work (a TCP startup probe before gunicorn workers have imported the app, a worker timeout shorter than the request
 * timeout), is refused when the construct is created, with every problem listed at once.
 *
 * Secure by default: a dedicated service account, no public invoker unless `allowUnauthenticated`, and billing
 * (`cpu_idle`) always written explicitly.
 */
export class CloudRunService extends Construct {
  /** The underlying `google_cloud_run_v2_service`, for escape hatches (`addOverride`). */
  public readonly resource: CloudRunV2Service;
  /** The service name. */
  public readonly serviceName: string;
  /** The service URL (`https://…run.app`), known after apply. */
  public readonly uri: string;
  /** The email of the service account the service runs as. */
  public readonly serviceAccountEmail: string;
  /** The billing mode written. */
  public readonly billing: Billing;
  /** The request concurrency written. */
  public readonly concurrency: number;
  /** vCPU per instance. */
  public readonly cpu: number;
  /** Memory per instance. */
  public readonly memory: string;
  /** The execution environment written. */
  public readonly executionEnvironment: ExecutionEnvironment;
  /** Seconds the startup probe lets an instance take to start (period × failureThreshold); NaN when its timings are tokens. */
  public readonly startupProbeBudgetSeconds: number;
  /** The server command line, when a server profile is used (`gunicorn --bind :$PORT …`). */
  public readonly commandLine?: string;

  private readonly region: string;
  private readonly project?: string;
  private invokers = 0;

  constructor(scope: Construct, id: string, props: CloudRunServiceProps) {
    super(scope, id);
    const problems = new Problems(this, 'CloudRunService');
    if (!checkShape(propsSchema(), props, problems)) problems.report();

    // Resolve defaults once.
    this.region = props.region;
    this.project = props.project;
    this.cpu = props.cpu ?? 1;
    this.memory = props.memory ?? '512Mi';
    const memoryMiB = isUnresolved(this.memory) ? undefined : (parseMemoryMiB(this.memory) ?? Number.NaN);
    this.serviceName = props.serviceName ?? suggestServiceName(id);
    const fractional = !isUnresolved(this.cpu) && this.cpu < 1;
    this.billing = props.billing ?? (props.backgroundWork ? Billing.INSTANCE : Billing.REQUEST);
    this.executionEnvironment =
      props.executionEnvironment ??
      (fractional || (memoryMiB !== undefined && memoryMiB < CLOUD_RUN_MEMORY.minGen2MiB)
        ? ExecutionEnvironment.GEN1
        : ExecutionEnvironment.GEN2);
    const port = props.containerPort ?? 8080;
    const requestTimeout = props.requestTimeout ?? CLOUD_RUN_REQUEST_TIMEOUT.defaultSeconds;
    const server: ResolvedServer | undefined = props.server?._resolve(
      isUnresolved(this.cpu) ? 1 : defaultWorkersForCpu(this.cpu),
      problems,
      'server',
    );
    this.commandLine = server?.commandLine();
    this.concurrency =
      props.concurrency ?? (fractional ? 1 : server?.known ? Math.min(server.capacity, CLOUD_RUN_CONCURRENCY.max) : 80);
    const startupProbe =
      props.startupProbe ?? (props.server && !props.server.preload ? Probe.http({ path: '/' }) : Probe.tcp());
    const startupRendered = startupProbe._render('startup', port);
    this.startupProbeBudgetSeconds = startupProbe._hasTokens()
      ? Number.NaN
      : startupBudgetSeconds(startupProbe._facts('startup'));

    this.checkIntent(props, problems, port);
    this.checkPlatform(props, problems, { memoryMiB, requestTimeout, server, startupProbe });
    problems.report();

    // Identity.
    let serviceAccountEmail = props.serviceAccount;
    if (serviceAccountEmail === undefined) {
      const base = suggestServiceName(isUnresolved(this.serviceName) ? id : this.serviceName)
        .slice(0, 26)
        .replace(/-+$/, '');
      const accountId = `${base}-run`.length >= 6 ? `${base}-run` : `${base}-run-sa`;
      const account = new ServiceAccount(this, 'ServiceAccount', {
        accountId,
        displayName: `Cloud Run service ${isUnresolved(this.serviceName) ? id : this.serviceName}`,
        project: props.project,
      });
      serviceAccountEmail = account.email;
    }
    this.serviceAccountEmail = serviceAccountEmail;

    // The service.
    const env: CloudRunV2ServiceTemplateContainersEnv[] = [
      ...Object.entries(props.env ?? {}).map(([name, value]) => ({ name, value })),
      ...Object.entries(props.secrets ?? {}).map(([name, ref]) => ({
        name,
        valueSource: { secretKeyRef: { secret: ref.secret, version: ref.version ?? 'latest' } },
      })),
    ];
    const argv = server?.argv(port);
    this.resource = new CloudRunV2Service(this, 'Resource', {
      name: this.serviceName,
      location: props.region,
      project: props.project,
      description: props.description,
      ingress: props.ingress ?? Ingress.ALL,
      deletionProtection: props.deletionProtection ?? true,
      labels: props.labels,
      template: {
        serviceAccount: serviceAccountEmail,
        executionEnvironment: this.executionEnvironment,
        maxInstanceRequestConcurrency: this.concurrency,
        timeout: isUnresolved(requestTimeout) ? `${requestTimeout}s` : toApiDuration(requestTimeout),
        scaling: { minInstanceCount: props.minInstances ?? 0, maxInstanceCount: props.maxInstances },
        vpcAccess: renderVpcAccess(props.vpcAccess),
        containers: [
          {
            image: props.image,
            command: argv ? argv.slice(0, 1) : props.command,
            args: argv ? argv.slice(1) : props.args,
            ports: { containerPort: port, name: 'http1' },
            resources: {
              limits: { cpu: isUnresolved(this.cpu) ? this.cpu.toString() : formatCpu(this.cpu), memory: this.memory },
              cpuIdle: this.billing === Billing.REQUEST,
              startupCpuBoost: props.startupCpuBoost ?? true,
            },
            env: env.length > 0 ? env : undefined,
            startupProbe: startupRendered,
            livenessProbe: props.livenessProbe?._render('liveness', port),
          },
        ],
      },
    });
    this.uri = this.resource.uri;

    if (props.allowUnauthenticated) {
      const invoker = this.addInvoker('PublicInvoker', 'allUsers');
      // Public access asked for by name is intent, not an accident: acknowledge the policy finding on this binding
      // only, with the reason, so reports still list it (as suppressed) and any other public grant still fails.
      Suppressions.add(invoker, [
        { ruleId: 'GCR-PUBLIC-INVOKER', reason: `allowUnauthenticated: true on CloudRunService '${this.node.path}'` },
      ]);
    }
    const granted = new Set<string>();
    for (const ref of Object.values(props.secrets ?? {})) {
      if (granted.has(ref.secret)) continue;
      granted.add(ref.secret);
      new SecretManagerSecretIamMember(this, `SecretAccess${granted.size}`, {
        secretId: ref.secret,
        project: ref.secret.startsWith('projects/') ? undefined : props.project,
        role: 'roles/secretmanager.secretAccessor',
        member: `serviceAccount:${serviceAccountEmail}`,
      });
    }
  }

  /**
   * Lets `member` invoke the service (`roles/run.invoker`).
   * @param member an IAM member: `serviceAccount:…`, `user:…`, `group:…`, `domain:…` or a `principal://` identifier
   */
  public grantInvoke(member: string): void {
    if (!isUnresolved(member) && !IAM_MEMBER.test(member)) {
      const problems = new Problems(this, 'CloudRunService');
      const isPublic = member === 'allUsers' || member === 'allAuthenticatedUsers';
      problems.error(
        'grantInvoke(member)',
        member,
        isPublic
          ? 'public access is not granted through grantInvoke, so that it stays visible in the props'
          : 'an IAM member needs a type prefix',
        isPublic
          ? 'set allowUnauthenticated: true'
          : member.includes('@')
            ? `write 'serviceAccount:${member}' or 'user:${member}'`
            : "write it like 'serviceAccount:name@project.iam.gserviceaccount.com'",
      );
      problems.report();
    }
    this.invokers += 1;
    this.addInvoker(`Invoker${this.invokers}`, member);
  }

  private addInvoker(id: string, member: string): CloudRunV2ServiceIamMember {
    return new CloudRunV2ServiceIamMember(this, id, {
      name: this.resource.name,
      location: this.region,
      project: this.project,
      role: 'roles/run.invoker',
      member,
    });
  }

  /** Checks of intent and of props that only the construct knows. */
  private checkIntent(props: CloudRunServiceProps, problems: Problems, port: number): void {
    if (props.backgroundWork && props.billing === Billing.REQUEST) {
      problems.error(
        'billing',
        new Derived('Billing.REQUEST'),
        'backgroundWork needs instance-based billing: with request-based billing the CPU is throttled between requests, so background threads stall',
        'remove billing (backgroundWork selects Billing.INSTANCE) or set backgroundWork to false',
      );
    }
    if (!isUnresolved(props.region) && !REGION.test(props.region)) {
      const likely = /^[a-z]+(-[a-z]+)+$/.test(props.region) ? `${props.region}1` : undefined;
      problems.error(
        'region',
        props.region,
        likely
          ? `'${props.region}' is an App Engine location id, not a Cloud Run region`
          : 'a Cloud Run region looks like us-central1 or europe-west1',
        likely ? `use '${likely}'` : 'use a region id such as us-central1',
      );
    }
    if (!isUnresolved(props.image) && !/^\S+$/.test(props.image)) {
      problems.error(
        'image',
        props.image,
        'the image must be a non-empty reference without spaces',
        "use e.g. 'us-docker.pkg.dev/project/repo/app@sha256:…'",
      );
    }
    if (!isUnresolved(port) && (!Number.isInteger(port) || port < 1 || port > 65535)) {
      problems.error('containerPort', port, 'the container port must be 1 to 65535', 'use 8080');
    }
    if (props.server && (props.command || props.args)) {
      problems.error(
        props.command ? 'command' : 'args',
        props.command ?? props.args,
        'the server profile renders the container command and arguments',
        'drop command/args, or drop server and write the command yourself',
      );
    }
    for (const [prop, probe] of [
      ['startupProbe', props.startupProbe],
      ['livenessProbe', props.livenessProbe],
    ] as const) {
      const path = probe?.type === ProbeType.HTTP ? probe.options.path : undefined;
      if (path !== undefined && !isUnresolved(path) && !path.startsWith('/')) {
        problems.error(`${prop}.path`, path, 'an HTTP probe path must start with /', "use e.g. '/' or '/healthz'");
      }
    }
    const envNames = Object.keys(props.env ?? {});
    for (const name of [...envNames, ...Object.keys(props.secrets ?? {})]) {
      const prop = envNames.includes(name) ? `env.${name}` : `secrets.${name}`;
      if (!ENV_NAME.test(name)) {
        problems.error(
          prop,
          name,
          'environment variable names must be C identifiers (letters, digits, underscores, not starting with a digit)',
          `rename it, e.g. '${name.replace(/[^A-Za-z0-9_]/g, '_').replace(/^([0-9])/, '_$1')}'`,
        );
      } else if (RESERVED_ENV.has(name)) {
        problems.error(
          prop,
          name,
          `${name} is set by Cloud Run (container runtime contract) and cannot be set`,
          'remove it; read it at runtime instead',
        );
      }
    }
    for (const [name, value] of Object.entries(props.env ?? {})) {
      if (!isUnresolved(value) && value.length > 32768) {
        problems.error(
          `env.${name}`,
          `${value.length} characters`,
          'an environment variable value holds at most 32768 characters',
          'store large values in Secret Manager or Cloud Storage',
        );
      }
    }
    for (const name of Object.keys(props.secrets ?? {})) {
      if (envNames.includes(name)) {
        problems.error(
          `secrets.${name}`,
          name,
          'the same variable is also set in env; Cloud Run takes exactly one value per variable',
          `remove ${name} from env or from secrets`,
        );
      }
    }
    for (const [name, ref] of Object.entries(props.secrets ?? {})) {
      if (
        !isUnresolved(ref.secret) &&
        !/^([a-zA-Z0-9_-]{1,255}|projects\/[^/]+\/secrets\/[a-zA-Z0-9_-]{1,255})$/.test(ref.secret)
      ) {
        problems.error(
          `secrets.${name}.secret`,
          ref.secret,
          'a secret is its id or projects/<project>/secrets/<id>',
          "use e.g. 'db-password'",
        );
      }
      if (ref.version !== undefined && !isUnresolved(ref.version) && !/^(latest|[1-9][0-9]*)$/.test(ref.version)) {
        problems.error(
          `secrets.${name}.version`,
          ref.version,
          "a secret version is 'latest' or a version number",
          "use 'latest' or e.g. '3'",
        );
      }
    }
    checkServiceAccount(props.serviceAccount, 'serviceAccount', problems, DEFAULT_SERVICE_ACCOUNTS.cloudRun);
    for (const [key, value] of Object.entries(props.labels ?? {})) {
      if (!isUnresolved(key) && !LABEL_KEY.test(key)) {
        problems.error(
          `labels.${key}`,
          key,
          'label keys are 1 to 63 lowercase letters, digits, underscores or hyphens, starting with a letter',
          'rename the key',
        );
      }
      if (!isUnresolved(value) && !LABEL_VALUE.test(value)) {
        problems.error(
          `labels.${key}`,
          value,
          'label values are at most 63 lowercase letters, digits, underscores or hyphens',
          'change the value',
        );
      }
    }
  }

  /** Judges the resolved settings with the shared Cloud Run platform rules. */
  private checkPlatform(
    props: CloudRunServiceProps,
    problems: Problems,
    resolved: { memoryMiB?: number; requestTimeout: number; server?: ResolvedServer; startupProbe: Probe },
  ): void {
    const { server } = resolved;
    const facts: CloudRunFacts = {
      name: this.serviceName,
      cpu: this.cpu,
      memoryMiB: resolved.memoryMiB,
      executionEnvironment: this.executionEnvironment === ExecutionEnvironment.GEN2 ? 'GEN2' : 'GEN1',
      concurrency: this.concurrency,
      cpuIdle: this.billing === Billing.REQUEST,
      resourcesWritten: true,
      minInstances: props.minInstances ?? 0,
      maxInstances: props.maxInstances,
      timeoutSeconds: resolved.requestTimeout,
      startupProbe: resolved.startupProbe._facts('startup'),
      livenessProbe: props.livenessProbe?._facts('liveness'),
      portName: 'http1',
      server: server && {
        model: server.profile.model === ServerModel.WSGI ? 'WSGI' : 'ASGI',
        workers: server.workers,
        threads: server.profile.model === ServerModel.WSGI ? server.profile.perWorker : undefined,
        timeout: server.profile.timeout,
        preload: server.profile.preload,
        memoryMiB: server.memoryMiB,
      },
    };
    const unknown = new Set<string>();
    const tokenValued: Partial<Record<keyof CloudRunFacts, unknown>> = {
      name: this.serviceName,
      cpu: this.cpu,
      memoryMiB: this.memory,
      concurrency: this.concurrency,
      minInstances: props.minInstances,
      maxInstances: props.maxInstances,
      timeoutSeconds: resolved.requestTimeout,
    };
    for (const [fact, value] of Object.entries(tokenValued)) if (isUnresolved(value)) unknown.add(fact);
    if (server && !server.known) unknown.add('server');
    if (resolved.startupProbe._hasTokens()) unknown.add('startupProbe');
    if (props.livenessProbe?._hasTokens()) unknown.add('livenessProbe');

    for (const outcome of evaluate(CLOUD_RUN_RULES, { facts, unknown })) {
      if (outcome.status !== 'fail' || outcome.rule.level === 'info') continue;
      for (const issue of outcome.issues) {
        const prop = PROP_OF_FACT[issue.fact];
        const value = this.given(prop, props, resolved);
        if (outcome.rule.level === 'error') problems.error(prop, value, issue.message, issue.fix, outcome.rule.id);
        else problems.warn(prop, value, issue.message, issue.fix, outcome.rule.id);
      }
    }
  }

  /** The value of a prop as given, or the derived value marked as such. */
  private given(
    prop: string,
    props: CloudRunServiceProps,
    resolved: { server?: ResolvedServer; startupProbe: Probe },
  ): unknown {
    const raw = (props as unknown as Record<string, unknown>)[prop];
    const derived = (text: string) => new Derived(text);
    if (prop === 'billing') return derived(`Billing.${this.billing}${props.billing === undefined ? ' (derived)' : ''}`);
    if (prop === 'executionEnvironment') {
      const name = this.executionEnvironment === ExecutionEnvironment.GEN2 ? 'GEN2' : 'GEN1';
      return derived(`ExecutionEnvironment.${name}${raw === undefined ? ' (derived)' : ''}`);
    }
    if (raw !== undefined && !(raw instanceof Gunicorn) && !(raw instanceof Probe)) return raw;
    switch (prop) {
      case 'serviceName':
        return this.serviceName;
      case 'memory':
        return this.memory;
      case 'cpu':
        return this.cpu;
      case 'concurrency':
        return derived(`${this.concurrency} (derived)`);
      case 'server': {
        const s = resolved.server;
        return derived(s ? s.commandLine() : 'undefined');
      }
      case 'startupProbe':
      case 'livenessProbe': {
        const probe = prop === 'startupProbe' ? resolved.startupProbe : props.livenessProbe;
        if (!probe) return undefined;
        const r = probe._render(prop === 'startupProbe' ? 'startup' : 'liveness', 8080);
        const kind = probe.type === ProbeType.HTTP ? 'http' : probe.type === ProbeType.TCP ? 'tcp' : 'grpc';
        return derived(
          `Probe.${kind}({ periodSeconds: ${r.periodSeconds}, timeoutSeconds: ${r.timeoutSeconds}, failureThreshold: ${r.failureThreshold}, initialDelaySeconds: ${r.initialDelaySeconds} })${props[prop] ? '' : ' (derived)'}`,
        );
      }
      default:
        return raw;
    }
  }
}

function renderVpcAccess(access: VpcAccess | undefined) {
  if (!access) return undefined;
  if (access.connectorId !== undefined) return { connector: access.connectorId, egress: access.egress };
  const d = access.directVpcOptions!;
  return { egress: access.egress, networkInterfaces: [{ network: d.network, subnetwork: d.subnetwork, tags: d.tags }] };
}
