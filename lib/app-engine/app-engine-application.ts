import { Construct, type IConstruct } from 'constructs';
import { acceptProps, boolean, enumOf, object, string } from '../core/props';
import { Problems } from '../core/problems';
import { APP_ENGINE_APPLICATION_RULES } from '../platform/app-engine';
import type { AppEngineApplicationFacts } from '../platform/app-engine/facts';
import { judge, rulesFor } from '../platform/judge';
import { ResourceKind } from '../platform/kinds';
import { isUnresolved, stackOf } from '../private/cdktf';
import { AppEngineApplication as AppEngineApplicationResource } from '../private/google';
import { isBuilt, markBuilt } from './built';

/** The database App Engine creates with the application. */
export enum DatabaseType {
  /** Firestore in Native mode. */
  CLOUD_FIRESTORE = 'CLOUD_FIRESTORE',
  /** Firestore in Datastore mode. */
  CLOUD_DATASTORE_COMPATIBILITY = 'CLOUD_DATASTORE_COMPATIBILITY',
}

/** Whether the application serves traffic. */
export enum ServingStatus {
  /** Serving. */
  SERVING = 'SERVING',
  /** Disabled by the user: no traffic, no billing of instances. */
  USER_DISABLED = 'USER_DISABLED',
}

/** Identity-Aware Proxy in front of the whole application. */
export interface IapOptions {
  /** OAuth2 client id of the IAP brand. */
  readonly oauth2ClientId: string;
  /** OAuth2 client secret (pass a sensitive variable or secret reference, never a literal in code). */
  readonly oauth2ClientSecret: string;
  /**
   * Whether IAP is on.
   * @default true
   */
  readonly enabled?: boolean;
}

/** Props of {@link AppEngineApplication}. */
export interface AppEngineApplicationProps {
  /**
   * The App Engine location id, e.g. `'us-central'`, `'europe-west'`, `'europe-west2'`. App Engine calls Iowa
   * `us-central` and Belgium `europe-west` (not `us-central1` / `europe-west1`). It cannot be changed later.
   */
  readonly locationId: string;
  /**
   * The database created with the application.
   * @default - App Engine's choice
   */
  readonly databaseType?: DatabaseType;
  /**
   * Google Workspace domain whose users may sign in (handlers with login).
   * @default - Google accounts
   */
  readonly authDomain?: string;
  /**
   * Whether the application serves traffic.
   * @default ServingStatus.SERVING
   */
  readonly servingStatus?: ServingStatus;
  /**
   * Identity-Aware Proxy for the application.
   * @default - no IAP
   */
  readonly iap?: IapOptions;
  /**
   * Use split health checks (flexible environment only).
   * @default - App Engine's default
   */
  readonly splitHealthChecks?: boolean;
  /**
   * The project; each project holds exactly one App Engine application.
   * @default - the provider's project
   */
  readonly project?: string;
}

/** The prop each fact comes from. */
const PROP_OF_FACT: Readonly<Record<keyof AppEngineApplicationFacts, keyof AppEngineApplicationProps>> = {
  locationId: 'locationId',
  databaseType: 'databaseType',
  sameProject: 'project',
};

/** The rules an App Engine application construct judges itself with. */
const APPLICATION_RULES = rulesFor(APP_ENGINE_APPLICATION_RULES, ResourceKind.APP_ENGINE_APPLICATION);

/** The shape of the props (types and known keys). */
const APPLICATION_PROPS = object<AppEngineApplicationProps>({
  locationId: string,
  databaseType: enumOf(DatabaseType, 'DatabaseType').optional(),
  authDomain: string.optional(),
  servingStatus: enumOf(ServingStatus, 'ServingStatus').optional(),
  iap: object<IapOptions>({
    oauth2ClientId: string,
    oauth2ClientSecret: string,
    enabled: boolean.optional(),
  }).optional(),
  splitHealthChecks: boolean.optional(),
  project: string.optional(),
});

/**
 * The App Engine application of a project (over `google_app_engine_application`). One per project; its location
 * cannot change after creation.
 */
export class AppEngineApplication extends Construct {
  /** The underlying provider resource (escape hatch). */
  public readonly resource: AppEngineApplicationResource;
  /** The location id. */
  public readonly locationId: string;

  constructor(scope: Construct, id: string, props: AppEngineApplicationProps) {
    super(scope, id);
    const problems = new Problems(this, 'AppEngineApplication');
    // Props of the wrong shape are reported and set aside: the rules judge the others (all problems at once).
    const accepted = acceptProps(APPLICATION_PROPS, props, problems);
    if (!accepted.usable) problems.report();
    props = accepted.props;
    const unknown = new Set<string>();
    for (const prop of accepted.setAside) {
      for (const [fact, of] of Object.entries(PROP_OF_FACT)) if (of === prop) unknown.add(fact);
    }
    for (const fact of ['locationId', 'databaseType'] as const) if (isUnresolved(props[fact])) unknown.add(fact);
    if (isUnresolved(props.project)) unknown.add('sameProject');
    // An application whose constructor threw (caught by the app, which retries) stays in the tree: it is not one.
    const sameProject = stackOf(this)
      .node.findAll()
      .filter(
        (c: IConstruct) => c !== this && c instanceof AppEngineApplication && isBuilt(c) && c.project === props.project,
      )
      .map((c) => c.node.path);
    const facts: AppEngineApplicationFacts = {
      locationId: props.locationId,
      databaseType: props.databaseType,
      sameProject,
    };
    judge(
      APPLICATION_RULES,
      { facts, unknown },
      problems,
      (fact) => {
        const prop = PROP_OF_FACT[fact as keyof AppEngineApplicationFacts];
        return { prop, value: props[prop] };
      },
      { now: new Date() },
    );
    problems.report();
    this.project = props.project;
    this.locationId = props.locationId;
    this.resource = new AppEngineApplicationResource(this, 'Resource', {
      locationId: props.locationId,
      project: props.project,
      databaseType: props.databaseType,
      authDomain: props.authDomain,
      servingStatus: props.servingStatus,
      iap: props.iap
        ? {
            oauth2ClientId: props.iap.oauth2ClientId,
            oauth2ClientSecret: props.iap.oauth2ClientSecret,
            enabled: props.iap.enabled ?? true,
          }
        : undefined,
      featureSettings:
        props.splitHealthChecks === undefined ? undefined : { splitHealthChecks: props.splitHealthChecks },
    });
    markBuilt(this);
  }

  /** The project given in props (undefined: the provider's). */
  public readonly project?: string;
}
