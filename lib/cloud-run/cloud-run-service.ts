import { Construct } from 'constructs';
import { acceptProps, withoutProps } from '../core/props';
import { CheckLevel } from '../core/levels';
import { ValidationError } from '../core/validation';
import { Suppressions } from '../core/suppressions';
import { Problems } from '../core/problems';
import { CLOUD_RUN_RULES } from '../platform/cloud-run';
import { CLOUD_RUN_INVOKER_RULES, type InvokerFacts } from '../platform/cloud-run/invoker';
import { startupBudgetSeconds } from '../platform/cloud-run/probes';
import { judge, rulesFor } from '../platform/judge';
import { ResourceKind } from '../platform/kinds';
import { type FactSet, unknownFactsOf } from '../platform/rule';
import { isUnresolved } from '../private/cdktf';
import { CloudRunV2Service, CloudRunV2ServiceIamMember, iapWebCloudRunServiceIamMember } from '../private/google';
import type { Billing, ExecutionEnvironment } from './enums';
import {
  type CloudRunServiceFromAppYamlOptions,
  fromAppYamlKey,
  migrateAppYaml,
  migrationOf,
  withMigration,
} from './from-app-yaml';
import { GrantIds } from './grant-ids';
import { dedicatedServiceAccount, projectNumber } from './runtime-account';
import { PROP_OF_FACT, serviceFacts, serviceProp } from './service-facts';
import { grantKeyToServiceAgent, grantRuntimeAccess } from './service-grants';
import { type CloudRunServiceProps, factoryProblems, SERVICE_PROPS } from './service-props';
import { renderService } from './service-render';
import { resolveService, type ServiceSettings } from './service-settings';

export type { CloudRunServiceProps } from './service-props';
export type { CloudRunServiceFromAppYamlOptions } from './from-app-yaml';

/**
 * What `grantInvoke(member)` judges: the member, unknown when it is a token.
 * @internal
 */
export function invokerFacts(member: string): FactSet<InvokerFacts> {
  return { facts: { member }, unknown: new Set(isUnresolved(member) ? ['member'] : []) };
}

/** The facts of a service with those of the props set aside (wrong shape, already reported) unknown. */
function factsWithout<F>(set: FactSet<F>, setAside: readonly string[]): FactSet<F> {
  return setAside.length === 0 ? set : { ...set, unknown: unknownFactsOf(set.unknown, PROP_OF_FACT, setAside) };
}

/** The rules a Cloud Run service construct judges itself with. */
const SERVICE_RULES = rulesFor(CLOUD_RUN_RULES, ResourceKind.CLOUD_RUN_SERVICE);

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
  /** The email of the service account the service runs as. */
  public readonly serviceAccountEmail: string;
  /** The region the service runs in (its `location`), as given. */
  public readonly region: string;
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

  private readonly settings: ServiceSettings;
  /** The ids of the invoker and IAP bindings, named after their members (one binding per member). */
  private readonly invokerIds = new GrantIds(this, 'Invoker');
  private readonly iapIds = new GrantIds(this, 'IapAccess');

  /**
   * A service migrated from an App Engine standard app.yaml (python3): instance class → cpu and memory, scaling →
   * instances, concurrency (App Engine's 10 when the file says nothing) and billing, a gunicorn entrypoint → `server`,
   * warmup → a startup probe, env_variables, service_account and vpc_access_connector carried over. Every other key is
   * reported as a finding with its reason and what to do instead (MIGRATE-* rules, shown at synth and in the reports);
   * bundled services (app_engine_apis, mail) are errors. Any prop given in `options` wins over the file.
   */
  public static fromAppYaml(scope: Construct, id: string, options: CloudRunServiceFromAppYamlOptions): CloudRunService {
    const migration = migrateAppYaml(options);
    if (!migration.props) {
      const of = (level: CheckLevel) => migration.problems.filter((p) => p.level === level);
      const path = scope.node.path ? `${scope.node.path}/${id}` : id;
      throw new ValidationError(path, 'CloudRunService', of(CheckLevel.ERROR), of(CheckLevel.WARNING));
    }
    return new CloudRunService(scope, id, withMigration(migration.props, migration));
  }

  constructor(scope: Construct, id: string, props: CloudRunServiceProps) {
    super(scope, id);
    // props → shape check → settings (defaults applied once, tokens marked unknown) → facts → rules → resources.
    const problems = new Problems(this, 'CloudRunService');
    // Props migrated from an app.yaml bring the problems of the file and the migration's findings, and the rules
    // name the app.yaml key a prop came from.
    const migration = migrationOf(props);
    for (const p of migration?.problems ?? []) problems.push(p);
    // Props of the wrong shape are reported and set aside: the rules judge the others (all problems at once). The
    // options our factories keep are checked beside them, so that a misspelt prop does not hide a misspelt option.
    const accepted = acceptProps(SERVICE_PROPS, props, problems);
    if (!accepted.usable) problems.report();
    const wrongOptions = factoryProblems(accepted.props, problems);
    props = withoutProps(accepted.props, wrongOptions);
    const setAside = [...accepted.setAside, ...wrongOptions];
    const s = resolveService(id, props, problems);
    judge(
      SERVICE_RULES,
      factsWithout(serviceFacts(s), setAside),
      problems,
      (fact) => fromAppYamlKey(serviceProp(s, fact), migration),
      { now: new Date() },
    );
    problems.report();

    this.settings = s;
    this.cpu = s.cpu;
    this.region = s.region;
    this.memory = s.memory;
    this.billing = s.billing;
    this.concurrency = s.concurrency;
    this.executionEnvironment = s.executionEnvironment;
    this.commandLine = s.server?.commandLine();
    this.startupProbeBudgetSeconds =
      s.startupProbe._tokenOptions().length > 0
        ? Number.NaN
        : startupBudgetSeconds(s.startupProbe._facts(s.startupRendered));

    this.serviceAccountEmail = s.serviceAccount ?? this.dedicatedAccount(id);
    // The revision is created after the bindings it needs: Cloud Run checks the secrets at deployment.
    const keyGrant = grantKeyToServiceAgent(this, s);
    const grants = grantRuntimeAccess(
      this,
      { project: s.project, envs: [s.env, ...s.sidecars.map((sc) => sc.env)], volumes: s.volumes },
      `serviceAccount:${this.serviceAccountEmail}`,
    );
    if (keyGrant) grants.unshift(keyGrant);
    this.resource = new CloudRunV2Service(this, 'Resource', {
      ...renderService(s, this.serviceAccountEmail),
      dependsOn: grants.length > 0 ? grants : undefined,
    });
    if (props.invokerIamDisabled) {
      // As with allowUnauthenticated: public access asked for by name, acknowledged on this resource only.
      Suppressions.add(this.resource, [
        { ruleId: 'GCR-PUBLIC-INVOKER', reason: `invokerIamDisabled: true on CloudRunService '${this.node.path}'` },
      ]);
    }

    if (props.allowUnauthenticated) {
      const invoker = this.addInvoker('PublicInvoker', 'allUsers');
      // Public access asked for by name is intent, not an accident: acknowledge the policy finding on this binding
      // only, with the reason, so reports still list it (as suppressed) and any other public grant still fails.
      Suppressions.add(invoker, [
        { ruleId: 'GCR-PUBLIC-INVOKER', reason: `allowUnauthenticated: true on CloudRunService '${this.node.path}'` },
      ]);
    }
  }

  /**
   * The service name, as a reference to the `google_cloud_run_v2_service`'s `name`: a resource that names the service
   * through it (an IAM member, a scheduler job, an output) is created after it, where a plain string would let
   * Terraform create both at once and fail with "not found".
   */
  public get serviceName(): string {
    // A getter: the reference (a token, which cdktf builds with a stack trace) is made only when it is read.
    return this.resource.name;
  }

  /** The service URL (`https://…run.app`), known after apply. */
  public get uri(): string {
    return this.resource.uri;
  }

  /**
   * Lets `member` invoke the service (`roles/run.invoker`). A member granted already is not granted again. The binding
   * is named after the member (`Invoker-group-team-example-com-…`), so removing one grant leaves the others' Terraform
   * addresses as they were.
   * @param member an IAM member: `serviceAccount:…`, `user:…`, `group:…`, `domain:…` or a `principal://` identifier
   */
  public grantInvoke(member: string): void {
    this.checkMember('grantInvoke(member)', member);
    const id = this.invokerIds.next(member);
    if (id !== undefined) this.addInvoker(id, member);
  }

  /**
   * Lets `member` through Identity-Aware Proxy (`roles/iap.httpsResourceAccessor` on the service's IAP resource), and
   * the IAP service agent invoke the service (`roles/run.invoker`, once). IAP itself is turned on with the service's
   * `iap_enabled`, which the pinned google provider (6.50) only has in its beta: write it with
   * `resource.addOverride('iap_enabled', true)` and the google-beta provider, or with `gcloud run services update
   * --iap`. A member granted already is not granted again; the binding is named after the member, as with grantInvoke.
   * @param member an IAM member: `user:…`, `group:…`, `domain:…`, `serviceAccount:…` or a `principal://` identifier
   */
  public grantIapAccess(member: string): void {
    this.checkMember('grantIapAccess(member)', member);
    const id = this.iapIds.next(member);
    if (id === undefined) return;
    if (this.node.tryFindChild('IapInvoker') === undefined) {
      const agent = `service-${projectNumber(this, this.settings.project)}@gcp-sa-iap.iam.gserviceaccount.com`;
      this.addInvoker('IapInvoker', `serviceAccount:${agent}`);
    }
    new (iapWebCloudRunServiceIamMember())(this, id, {
      cloudRunServiceName: this.resource.name,
      location: this.settings.region,
      project: this.settings.project,
      role: 'roles/iap.httpsResourceAccessor',
      member,
    });
  }

  /** Refuses a member without its type prefix, or a public one. */
  private checkMember(prop: string, member: string): void {
    const problems = new Problems(this, 'CloudRunService');
    judge(CLOUD_RUN_INVOKER_RULES, invokerFacts(member), problems, () => ({ prop, value: member }), {
      now: new Date(),
    });
    problems.report();
  }

  /** A service account of its own, named after the service (never the default compute account). */
  private dedicatedAccount(id: string): string {
    const name = isUnresolved(this.settings.serviceName) ? id : this.settings.serviceName;
    return dedicatedServiceAccount(this, {
      name,
      suffix: '-run',
      displayName: `Cloud Run service ${name}`,
      project: this.settings.project,
    }).email;
  }

  private addInvoker(id: string, member: string): CloudRunV2ServiceIamMember {
    return new CloudRunV2ServiceIamMember(this, id, {
      name: this.resource.name,
      location: this.settings.region,
      project: this.settings.project,
      role: 'roles/run.invoker',
      member,
    });
  }
}
