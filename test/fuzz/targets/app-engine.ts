/** AppEngineStandardService (props and app.yaml) and AppEngineApplication from fuzzed input. */
import fc from 'fast-check';
import {
  AppEngineApplication,
  AppEngineStandardService,
  CloudRunService,
  AuthFailAction,
  DatabaseType,
  InboundService,
  InstanceClass,
  Login,
  SecurityLevel,
  ServingStatus,
  VpcConnectorEgress,
} from '../../../lib';
import { bothMoods, call, Gen, materialize } from '../arbitraries';
import type { ConstructTarget } from '../harness';
import { gunicorn, IMAGE } from './cloud-run-service';

const ZIP = 'https://storage.googleapis.com/my-builds/app.zip';

/** A deployment recipe. */
export function deployment(g: Gen): fc.Arbitrary<unknown> {
  return g.mix(
    fc.oneof(
      call('Deployment.zip', g.text([ZIP], ['']), fc.option(g.num([3, 100], [0, 1]), { nil: undefined })),
      call(
        'Deployment.files',
        g.mix(
          fc.array(
            g.props(
              { name: g.text(['main.py']), sourceUrl: g.text([`${ZIP}/main.py`]), sha1Sum: g.text(['da39a3ee']) },
              ['name', 'sourceUrl'],
            ),
            { minLength: g.chaos ? 0 : 1, maxLength: 2 },
          ),
        ),
      ),
    ),
  );
}

/** A scaling recipe of one of the three types. */
export function scaling(g: Gen): fc.Arbitrary<unknown> {
  return g.mix(
    fc.oneof(
      call(
        'Scaling.automatic',
        g.options({
          minInstances: g.num([0, 1], [0, 1000]),
          maxInstances: g.num([1, 10], [0, 1, 1000]),
          minIdleInstances: g.num([0, 1], [0, 1000]),
          maxIdleInstances: g.num([1, 5], [0, 1000]),
          maxConcurrentRequests: g.num([10, 80], [1, 1000]),
          targetCpuUtilization: g.num([0.6, 0.8], [0.5, 0.95]),
          targetThroughputUtilization: g.num([0.6], [0.5, 0.95]),
          minPendingLatency: g.num([0.03, 1], [0, 15]),
          maxPendingLatency: g.num([1, 5], [0, 10, 15]),
        }),
      ),
      call(
        'Scaling.basic',
        g.options({ maxInstances: g.num([1, 5], [1, 200]), idleTimeout: g.num([300, 900], [1, 3600]) }, [
          'maxInstances',
        ]),
      ),
      call('Scaling.manual', g.options({ instances: g.num([1, 2], [0, 1, 20]) }, ['instances'])),
    ),
  );
}

/** A handler recipe. */
export function handler(g: Gen): fc.Arbitrary<unknown> {
  const common = {
    securityLevel: g.member(SecurityLevel),
    login: g.member(Login),
    authFailAction: g.member(AuthFailAction),
    redirectHttpResponseCode: g.num([301, 302], [300, 301, 307, 308]),
  };
  return g.mix(
    fc.oneof(
      call('Handler.script', g.text(['/.*', '/api/.*'], ['(', '']), g.options(common)),
      call(
        'Handler.staticFiles',
        g.text(['/static/(.*)'], ['']),
        g.options(
          {
            ...common,
            path: g.text(['static/\\1']),
            uploadPathRegex: g.text(['static/.*']),
            expiration: g.num([60, 3600], [0, 1]),
            httpHeaders: g.map(['X-Frame-Options'], ['bad header'], g.text(['DENY'])),
            mimeType: g.text(['text/css']),
            requireMatchingFile: g.flag,
            applicationReadable: g.flag,
          },
          ['path', 'uploadPathRegex'],
        ),
      ),
    ),
  );
}

/** Props of an App Engine standard version. */
export function standardProps(g: Gen): fc.Arbitrary<Record<string, unknown>> {
  return g.props(
    {
      service: g.text(['default', 'api'], ['Api', 'x'.repeat(70), '-bad']),
      versionId: g.text(['v1', 'v2-3'], ['default', 'latest', 'ah-x', 'V1', 'x'.repeat(70)]),
      runtime: g.text(['python312', 'python311', 'python313'], ['python3', 'python27', 'nodejs20', 'python39']),
      deployment: deployment(g),
      instanceClass: g.chaos ? g.member(InstanceClass) : fc.constantFrom(undefined),
      scaling: g.chaos ? scaling(g) : fc.constantFrom(undefined),
      server: gunicorn(g),
      ...(g.chaos
        ? {
            entrypoint: g.text(['gunicorn -b :$PORT main:app'], ['python main.py', 'gunicorn -w 2 -t 30 main:app', '']),
          }
        : {}),
      env: g.map(['APP_MODE'], ['GAE_SERVICE', 'GAE_X', '1BAD', 'DB_PASSWORD'], g.text(['on'])),
      backgroundThreads: g.flag,
      requestTimeout: g.num([60, 600], [1, 600, 601, 86400, 86401]),
      warmup: g.flag,
      inboundServices: g.list(
        g.chaos ? [...Object.values(InboundService), 'INBOUND_SERVICE_NOPE'] : [InboundService.WARMUP],
        2,
      ),
      serviceAccount: g.text(['web@p.iam.gserviceaccount.com'], ['p@appspot.gserviceaccount.com', 'nope']),
      vpcAccessConnector: g.mix(
        g.props(
          { name: g.text(['projects/p/locations/us-central1/connectors/c']), egress: g.member(VpcConnectorEgress) },
          ['name'],
        ),
      ),
      handlers: g.mix(fc.array(handler(g), { minLength: g.chaos ? 0 : 1, maxLength: 3 })),
      appEngineApis: g.flag,
      deleteServiceOnDestroy: g.chaos ? g.flag : fc.constantFrom(false),
      noopOnDestroy: g.flag,
      project: g.text(['my-project']),
    },
    ['runtime', 'deployment'],
  );
}

/** app.yaml lines App Engine accepts, each on its own. */
const VALID_YAML = [
  'service: api',
  'instance_class: F2',
  'entrypoint: gunicorn -b :$PORT -w 2 main:app',
  'automatic_scaling:\n  min_instances: 1\n  max_instances: 10\n  max_concurrent_requests: 80',
  'env_variables:\n  APP_MODE: prod',
  'handlers:\n- url: /static\n  static_dir: static\n- url: /.*\n  script: auto\n  secure: always',
  'inbound_services:\n- warmup',
  'default_expiration: 4d 5h',
  'service_account: web@p.iam.gserviceaccount.com',
  'vpc_access_connector:\n  name: projects/p/locations/us-central1/connectors/c',
];
/** app.yaml lines that are wrong, ineffective or malformed. */
const INVALID_YAML = [
  'runtime: python27',
  'service: *nope',
  'instance_class: B8',
  'automatic_scaling:\n  target_cpu_utilization: 1.5',
  'basic_scaling:\n  max_instances: 3\n  idle_timeout: 10m',
  'manual_scaling:\n  instances: 0',
  'env_variables:\n  GAE_SERVICE: x',
  'handlers:\n- url: /.*\n  scrpit: auto',
  'inbound_services:\n- mail',
  'threadsafe: true',
  'includes:\n- other.yaml',
  'a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b, *b, *b, *b, *b]',
  '\t- not yaml: [',
];

/** An app.yaml: calm, a runtime and lines that work; chaos, any lines in any order, and noise. */
export const appYaml: fc.Arbitrary<string> = fc.oneof(
  fc.subarray(VALID_YAML, { maxLength: 6 }).map((lines) => ['runtime: python312', ...lines].join('\n')),
  fc
    .tuple(
      fc
        .subarray([...VALID_YAML, ...INVALID_YAML, 'runtime: python312'], { maxLength: 7 })
        .chain((lines) => fc.shuffledSubarray(lines, { minLength: lines.length })),
      fc.option(fc.string({ maxLength: 20 }), { freq: 5 }),
    )
    .map(([lines, noise]) => [...lines, ...(noise === null ? [] : [noise])].join('\n')),
);

export const targets: Array<ConstructTarget<never>> = [
  {
    name: 'AppEngineStandardService',
    kind: 'construct',
    input: bothMoods(standardProps) as fc.Arbitrary<never>,
    build: (stack, input) => {
      new AppEngineStandardService(stack, 'Web', materialize(stack, input) as never);
    },
  },
  {
    name: 'AppEngineStandardService.fromAppYaml',
    kind: 'construct',
    input: fc.record({
      yaml: appYaml,
      apply: fc.boolean(),
      deployment: deployment(new Gen(false)),
    }) as fc.Arbitrary<never>,
    build: (stack, input: { yaml: string; apply: boolean; deployment: unknown }) => {
      AppEngineStandardService.fromAppYaml(stack, 'Web', {
        yaml: input.yaml,
        deployment: materialize(stack, input.deployment) as never,
        applyRecommendations: input.apply,
      });
    },
  },
  {
    // The migration of the same files to Cloud Run (issue 15): every key mapped or reported, never a crash.
    name: 'CloudRunService.fromAppYaml',
    kind: 'construct',
    input: fc.record({
      yaml: appYaml,
      region: fc.constantFrom('europe-west1', 'us-central1', 'us-central', 'Europe'),
      overrides: fc.option(fc.record({ maxInstances: fc.constantFrom(5, 0, -1, 2.5) }, { requiredKeys: [] })),
    }) as fc.Arbitrary<never>,
    build: (stack, input: { yaml: string; region: string; overrides: Record<string, unknown> | null }) => {
      CloudRunService.fromAppYaml(stack, 'Run', {
        yaml: input.yaml,
        image: IMAGE,
        region: input.region,
        ...(input.overrides ?? {}),
      });
    },
  },
  {
    name: 'AppEngineApplication',
    kind: 'construct',
    input: bothMoods((g) =>
      g.props(
        {
          locationId: g.text(['us-central', 'europe-west', 'europe-west2'], ['us-central1', 'europe-west1', 'mars']),
          databaseType: g.member(DatabaseType),
          authDomain: g.text(['example.com']),
          servingStatus: g.member(ServingStatus),
          iap: g.mix(
            g.props({ oauth2ClientId: g.text(['id']), oauth2ClientSecret: g.text(['s']), enabled: g.flag }, [
              'oauth2ClientId',
              'oauth2ClientSecret',
            ]),
          ),
          splitHealthChecks: g.flag,
          project: g.text(['my-project']),
        },
        ['locationId'],
      ),
    ) as fc.Arbitrary<never>,
    build: (stack, input) => {
      new AppEngineApplication(stack, 'App', materialize(stack, input) as never);
    },
  },
];
