import { Construct, type IConstruct } from 'constructs';
import { acceptProps, shapeProblems } from '../core/props';
import { CheckLevel } from '../core/levels';
import { Problems } from '../core/problems';
import { Errors, ValidationError } from '../core/validation';
import { APP_ENGINE_VERSION_RULES } from '../platform/app-engine';
import type { AppEngineVersionFacts } from '../platform/app-engine/facts';
import { APP_ENGINE_DEFAULT_SERVICE, DEFAULT_SERVICE_FIRST } from '../platform/app-engine/service';
import { judge, rulesFor } from '../platform/judge';
import { ResourceKind } from '../platform/kinds';
import { type FactSet, unknownFactsOf } from '../platform/rule';
import { serviceAccountIdFor } from '../platform/service-account';
import {
  addDependency,
  Annotations,
  atSynth,
  continuesOnErrorAnnotations,
  defaultGoogleProject,
  eachSynth,
  isUnresolved,
  stackOf,
} from '../private/cdktf';
import { AppEngineStandardAppVersion, dataAppEngineDefaultServiceAccount, ServiceAccount } from '../private/google';
import { AppEngineApplication } from './app-engine-application';
import { isBuilt, markBuilt } from './built';
import { readAppYaml } from './app-yaml';
import { AppYamlFinding } from './app-yaml-schema';
import { APP_YAML_OPTIONS, type AppYamlServiceOptions } from './app-yaml-options';
import { importContextOf, withImportContext } from './import-context';
import type { ScalingType } from './scaling';
import { type AppEngineStandardServiceProps, STANDARD_SERVICE_PROPS } from './standard-service-props';
import { PROP_OF_FACT, versionFacts, versionProp } from './standard-service-facts';
import { renderVersion } from './standard-service-render';
import { resolveVersion, type VersionSettings } from './standard-service-settings';

export type { AppYamlServiceOptions } from './app-yaml-options';
export { InboundService, VpcConnectorEgress } from './standard-service-props';
export type { AppEngineStandardServiceProps, VpcAccessConnectorOptions } from './standard-service-props';

/**
 * The rules an App Engine standard version construct judges itself with when it is created. GAE-DEFAULT-SERVICE-FIRST
 * reads what else the stack holds: it is judged at synth, when every construct exists (see `judgeStack`).
 */
const VERSION_RULES = rulesFor(APP_ENGINE_VERSION_RULES, ResourceKind.APP_ENGINE_STANDARD_VERSION).filter(
  (r) => r !== DEFAULT_SERVICE_FIRST,
);

/** What a built version was judged on, for the rules judged at synth. */
interface Judged {
  readonly set: FactSet<AppEngineVersionFacts>;
  readonly settings: VersionSettings;
}

/**
 * What the App Engine versions of one stack share at synth, kept on the stack itself (a symbol-keyed property; no state
 * in this module): what each version was judged on, the versions whose synth errors are written as annotations, and
 * the stack's built applications and versions, found in one walk of the tree per synth (each version reading the
 * whole tree made a stack of 2,000 versions take 15 s to synthesize).
 */
interface StackState {
  readonly judged: Map<IConstruct, Judged>;
  readonly annotated: Set<IConstruct>;
  index?: {
    readonly applications: AppEngineApplication[];
    /** The versions of a `default` service (whatever their project). */
    readonly defaultVersions: AppEngineStandardService[];
    /** The default google provider's literal project (see defaultGoogleProject). */
    readonly providerProject: string | undefined;
  };
}
const STATE = Symbol('cdktf-gcp-serverless/app-engine-versions');

function stateOf(scope: IConstruct): StackState {
  const stack = stackOf(scope) as unknown as Record<symbol, StackState | undefined>;
  const existing = stack[STATE];
  if (existing) return existing;
  const state: StackState = { judged: new Map(), annotated: new Set() };
  Object.defineProperty(stack, STATE, { value: state });
  // A new walk at each synth: constructs added between two syntheses are counted.
  eachSynth(stackOf(scope), () => (state.index = undefined));
  return state;
}

function indexOf(scope: IConstruct): NonNullable<StackState['index']> {
  const state = stateOf(scope);
  if (state.index) return state.index;
  const applications: AppEngineApplication[] = [];
  const defaultVersions: AppEngineStandardService[] = [];
  for (const c of stackOf(scope).node.findAll()) {
    if (c instanceof AppEngineApplication && isBuilt(c)) applications.push(c);
    else if (
      c instanceof AppEngineStandardService &&
      isBuilt(c) &&
      state.judged.get(c)?.settings.service === APP_ENGINE_DEFAULT_SERVICE
    )
      defaultVersions.push(c);
  }
  return (state.index = { applications, defaultVersions, providerProject: defaultGoogleProject(scope) });
}

/** The project a `project` prop creates a resource in: its own, else the default provider's literal project. */
type ProjectOf = (project: string | undefined) => string | undefined;

/**
 * True when two resources may be in the same project: equal, or one unknown (no project and no provider project the
 * stack tells). Enough to order resources, never to report an error.
 */
function maybeSameProject(a: string | undefined, b: string | undefined): boolean {
  return a === b || a === undefined || b === undefined;
}

/** True when two resources are surely in the same project: both known and equal, or neither set anywhere. */
function sameProject(a: string | undefined, b: string | undefined): boolean {
  return a === b;
}

/**
 * A version of an App Engine standard service running a Python app (over `google_app_engine_standard_app_version`).
 *
 * It makes the scaling type, the instance class and the gunicorn entrypoint explicit and refuses the combinations that
 * cannot work: F classes with basic/manual scaling, requests longer than the scaling type's deadline, more workers than
 * the class memory holds, reserved environment variables, and the ranges of every scaling option.
 */
export class AppEngineStandardService extends Construct {
  /** The underlying provider resource (escape hatch). */
  public readonly resource: AppEngineStandardAppVersion;
  /** The instance class the version runs on. */
  public readonly instanceClass: string;
  /** The scaling type. */
  public readonly scalingType: ScalingType;
  /** The entrypoint shell command. */
  public readonly entrypoint: string;
  /**
   * The email of the service account the version runs as: the dedicated one unless `serviceAccount` was given, or, for
   * an app.yaml without service_account read as written, the App Engine default account.
   */
  public readonly serviceAccountEmail: string;

  /** The key of the dedicated account this version would share (project and account id), when it uses one. */
  private accountKey?: string;
  /** True for the version that created the dedicated account of its service in the stack. */
  private ownsAccount = false;

  /**
   * A version from a real app.yaml (python3 runtimes). app.yaml spellings are converted to the Admin API's; unknown,
   * misspelt and ineffective keys are reported by name, with the same checks as the props. Every problem of the file
   * is reported in one error: a wrong or misspelt key is set aside and the rest of the file is still checked.
   */
  public static fromAppYaml(scope: Construct, id: string, options: AppYamlServiceOptions): AppEngineStandardService {
    const path = scope.node.path ? `${scope.node.path}/${id}` : id;
    const misshapen = shapeProblems(APP_YAML_OPTIONS, options);
    if (misshapen.length > 0) throw new ValidationError(path, 'AppEngineStandardService', misshapen);
    const { props, ...context } = readAppYaml({ yaml: options.yaml, file: options.file }, options);
    if (!props) {
      const of = (level: CheckLevel) => context.problems.filter((p) => p.level === level);
      throw new ValidationError(path, 'AppEngineStandardService', of(CheckLevel.ERROR), of(CheckLevel.WARNING));
    }
    return new AppEngineStandardService(scope, id, withImportContext(props, context));
  }

  constructor(scope: Construct, id: string, props: AppEngineStandardServiceProps) {
    super(scope, id);
    // props → shape check → settings (defaults applied once, tokens marked unknown) → facts → rules → resources.
    const problems = new Problems(this, 'AppEngineStandardService');
    // Props read from an app.yaml went through its own schema and bring the problems found there.
    const context = importContextOf(props);
    // Props of the wrong shape are reported and set aside: the rules judge the others (all problems at once).
    const accepted = context ? undefined : acceptProps(STANDARD_SERVICE_PROPS, props, problems);
    if (accepted && !accepted.usable) problems.report();
    props = accepted?.props ?? props;
    for (const p of context?.problems ?? []) problems.push(p);
    const s = resolveVersion(props, context, problems);
    const facts = versionFacts(s);
    const unknown = accepted ? unknownFactsOf(facts.unknown, PROP_OF_FACT, accepted.setAside) : facts.unknown;
    judge(VERSION_RULES, { ...facts, unknown }, problems, (fact) => versionProp(s, fact), { now: new Date() });
    for (const r of s.recommendations) {
      problems.add(r.level, s.labels[r.prop] ?? r.prop, r.value, r.message, r.fix, AppYamlFinding.RECOMMENDATION);
    }
    problems.report();
    stateOf(this).judged.set(this, { set: { facts: facts.facts, unknown }, settings: s });

    this.instanceClass = s.instanceClass;
    this.scalingType = s.scaling.type;
    this.entrypoint = s.entrypoint;
    // Identity: a version may run as its own user-managed service account (app.yaml `service_account`, the Admin API
    // Version's `serviceAccount`); without one it runs as the App Engine default account. Source: "Configure service
    // accounts" (https://cloud.google.com/appengine/docs/standard/configure-service-accounts, per-version service
    // account) and the Admin API's apps.services.versions resource
    // (https://cloud.google.com/appengine/docs/admin-api/reference/rest/v1/apps.services.versions).
    // An app.yaml without service_account, read as written, runs as the App Engine default account, as it would with
    // gcloud (GAE-DEFAULT-SA warns); the library's dedicated account is one of the recommendations it opts into.
    const defaultAccount =
      props.serviceAccount === undefined && s.appEngineDefaultAccount
        ? new (dataAppEngineDefaultServiceAccount())(this, 'DefaultServiceAccount', { project: props.project })
        : undefined;
    this.serviceAccountEmail =
      props.serviceAccount ??
      defaultAccount?.email ??
      this.dedicatedAccount(props, isUnresolved(s.service) ? id : s.service);
    this.resource = new AppEngineStandardAppVersion(
      this,
      'Resource',
      renderVersion(s, s.appEngineDefaultAccount ? undefined : this.serviceAccountEmail),
    );
    // A version, and the default account's lookup, need the application of their project. With the application in the
    // same stack (created before or after this construct) and no dependency, Terraform could create the version first,
    // and would read the lookup when it plans, before the application (and its default account) exists. App Engine
    // deploys no other service of an application before its default one ("Structuring web services in App Engine",
    // https://cloud.google.com/appengine/docs/standard/configuration-files): a version of another service waits for the
    // default service's versions in the stack, which Terraform would otherwise create at the same time. Constructs
    // whose constructor threw (caught by the app) are in the tree but not counted (see built.ts).
    atSynth(this, () => {
      for (const app of applicationsOf(this, maybeSameProject)) {
        addDependency(this.resource, app.resource);
        if (defaultAccount) addDependency(defaultAccount, app.resource);
      }
      if (isUnresolved(s.service) || s.service === APP_ENGINE_DEFAULT_SERVICE) return;
      for (const v of defaultVersionsOf(this)) addDependency(this.resource, v.resource);
    });
    this.node.addValidation({ validate: () => judgeStack(this) });
    markBuilt(this);
  }

  /**
   * The service name, as a reference to the version's `service`: a resource that names the service through it (a
   * traffic split, a dispatch rule, an output) is created after this version, where a plain string would let
   * Terraform create both at once and fail with "not found".
   */
  public get service(): string {
    // A getter: the reference (a token, which cdktf builds with a stack trace) is made only when it is read.
    return this.resource.service;
  }

  /**
   * The email of the service's dedicated account. One account per service, shared by the versions of that service in
   * the stack: deploying a new versionId keeps the identity (and its role bindings), and a version kept with
   * noopOnDestroy never loses the account it runs as. The first version of the service creates it; the others find
   * that version in the construct tree.
   */
  private dedicatedAccount(props: AppEngineStandardServiceProps, service: string): string {
    const accountId = appEngineAccountId(service);
    this.accountKey = `${isUnresolved(props.project) ? this.node.id : (props.project ?? '')}/${accountId}`;
    const owner = stackOf(this)
      .node.findAll()
      .find(
        (c): c is AppEngineStandardService =>
          c instanceof AppEngineStandardService &&
          c !== this &&
          isBuilt(c) &&
          c.ownsAccount &&
          c.accountKey === this.accountKey,
      );
    if (owner) return owner.serviceAccountEmail;
    this.ownsAccount = true;
    return new ServiceAccount(this, 'ServiceAccount', {
      accountId,
      displayName: `App Engine service ${service}`,
      project: props.project,
    }).email;
  }
}

/**
 * The account id of a service's dedicated service account: `api-gae` (see `serviceAccountIdFor`).
 * @internal
 */
export function appEngineAccountId(service: string): string {
  return serviceAccountIdFor(service, '-gae');
}

/** The built applications in `version`'s stack whose project matches its own (`same`: equal, or maybe the same). */
function applicationsOf(
  version: AppEngineStandardService,
  same: (a: string | undefined, b: string | undefined) => boolean,
): AppEngineApplication[] {
  const projectOf = projectResolver(version);
  const project = projectOf(judgedOf(version).settings.given.project);
  return indexOf(version).applications.filter((app) => same(projectOf(app.project), project));
}

function projectResolver(scope: IConstruct): ProjectOf {
  const fallback = indexOf(scope).providerProject;
  return (project) => project ?? fallback;
}

/** The built versions of the `default` service in `version`'s stack that may be of its project (itself included). */
function defaultVersionsOf(version: AppEngineStandardService): AppEngineStandardService[] {
  const projectOf = projectResolver(version);
  const { judged } = stateOf(version);
  const project = projectOf(judged.get(version)!.settings.given.project);
  return indexOf(version).defaultVersions.filter((v) =>
    maybeSameProject(projectOf(judged.get(v)!.settings.given.project), project),
  );
}

function judgedOf(version: AppEngineStandardService): Judged {
  return stateOf(version).judged.get(version)!;
}

/**
 * The facts of a version with those only the whole stack tells (`defaultVersionInStack`), once every construct exists.
 * Judged only when the stack surely creates the version's application (the same `project`, both set or both unset); a
 * version of `default` that may be of the project (its `project` unset, or equal) counts.
 * @internal
 */
export function stackFactsOf(version: AppEngineStandardService): FactSet<AppEngineVersionFacts> {
  const { set } = judgedOf(version);
  const createsApplication = applicationsOf(version, sameProject).length > 0;
  const defaultVersionInStack = createsApplication ? defaultVersionsOf(version).length > 0 : undefined;
  return { facts: { ...set.facts, defaultVersionInStack }, unknown: set.unknown };
}

/**
 * The validation of a version: the rules that read what else the stack holds. Their errors are thrown as the
 * construct's ValidationError under `app.synth()`; under `cdktf synth` (which goes on past error annotations) each is
 * written as an error annotation, printed once without a trace, and the CLI fails after every stack.
 */
function judgeStack(version: AppEngineStandardService): string[] {
  const problems = new Problems(version, 'AppEngineStandardService');
  const { settings } = judgedOf(version);
  judge([DEFAULT_SERVICE_FIRST], stackFactsOf(version), problems, (fact) => versionProp(settings, fact), {
    now: new Date(),
  });
  if (problems.errorCount === 0) return [];
  try {
    problems.report();
  } catch (e) {
    if (!Errors.isValidationError(e) || !continuesOnErrorAnnotations()) throw e;
    const { annotated } = stateOf(version);
    if (!annotated.has(version)) {
      annotated.add(version);
      for (const p of e.problems) {
        Annotations.of(version).addError(`${p.prop} = ${p.value}: ${p.rule} [${p.ruleId}]. ${p.fix}`);
      }
    }
  }
  return [];
}
