/** CloudRunService from fuzzed props: every prop, with edges, wrong types, tokens and factory recipes. */
import fc from 'fast-check';
import { Billing, CloudRunService, ExecutionEnvironment, Ingress, VpcEgress } from '../../../lib';
import { bothMoods, call, type Gen, materialize } from '../arbitraries';
import type { ConstructTarget } from '../harness';

export const IMAGE =
  'us-docker.pkg.dev/p/r/app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';

/** A probe recipe of one of the three factories, with its options. */
export function probe(g: Gen): fc.Arbitrary<unknown> {
  const timings = {
    initialDelaySeconds: g.num([0, 10], [0, 240, 3600]),
    periodSeconds: g.num([5, 10], [1, 240, 3600]),
    timeoutSeconds: g.num([1, 5], [1, 3600]),
    failureThreshold: g.num([1, 3], [1, 24]),
  };
  const port = g.num([8080], [1, 65535]);
  return g.mix(
    fc.oneof(
      call(
        'Probe.http',
        g.options({
          ...timings,
          path: g.text(['/', '/healthz'], ['healthz', '']),
          port,
          httpHeaders: g.map(['X-A'], ['x b'], g.text(['v'])),
        }),
      ),
      call('Probe.tcp', g.options({ ...timings, port })),
      call('Probe.grpc', g.options({ ...timings, service: g.text(['svc']), port })),
    ),
  );
}

/** A gunicorn recipe, WSGI or ASGI. */
export function gunicorn(g: Gen): fc.Arbitrary<unknown> {
  const common = {
    app: g.text(['main:app', 'mysite.wsgi:application'], ['not an app', '']),
    workers: g.num([1, 2, 4], [1, 8]),
    preload: g.flag,
    timeout: g.num([0, 300, 3600], [0, 30, 300, 3600]),
    memoryPerWorker: g.text(['128Mi', '256Mi'], ['1 Gi', 'lots']),
  };
  return g.mix(
    fc.oneof(
      call(
        'Gunicorn.wsgi',
        g.options(
          {
            ...common,
            threads: g.num([1, 8], [1, 100]),
            extraArgs: g.chaos
              ? g.list([
                  '--log-level',
                  'debug',
                  '--timeout',
                  '30',
                  '-w4',
                  '--preload',
                  '--max-requests=100',
                  '--bind=:80',
                  '-c',
                  'conf.py',
                ])
              : g.list(['--log-level', 'debug', '--max-requests=100', '--access-logfile=-']),
          },
          ['app'],
        ),
      ),
      call(
        'Gunicorn.asgi',
        g.options(
          {
            ...common,
            concurrencyPerWorker: g.num([1, 80], [1, 1000]),
            workerClass: g.text(['uvicorn_worker.UvicornWorker', 'uvicorn.workers.UvicornWorker'], ['sync']),
            extraArgs: g.list(
              g.chaos ? ['--log-level', 'info', '-k', 'gevent', '--threads', '2'] : ['--log-level', 'info'],
            ),
          },
          ['app'],
        ),
      ),
    ),
  );
}

/** A VPC access recipe. */
export function vpcAccess(g: Gen): fc.Arbitrary<unknown> {
  return g.mix(
    fc.oneof(
      call(
        'VpcAccess.directVpc',
        g.options(
          {
            network: g.text(['default']),
            subnetwork: g.text(['sub', 'projects/p/regions/us-central1/subnetworks/s']),
            tags: g.list(['a', 'web'], 2),
            egress: g.member(VpcEgress),
          },
          ['subnetwork'],
        ),
      ),
      call(
        'VpcAccess.connector',
        g.text(['projects/p/locations/us-central1/connectors/c']),
        fc.option(g.member(VpcEgress), { nil: undefined }),
      ),
    ),
  );
}

/** Props of a Cloud Run service. */
export function cloudRunProps(g: Gen): fc.Arbitrary<Record<string, unknown>> {
  return g.props(
    {
      region: g.text(['us-central1', 'europe-west1'], ['us-central', 'global', 'Europe West']),
      image: g.text([IMAGE], ['gcr.io/p/app:v1', 'gcr.io/p/app', 'has space', 'app@sha256:4c1e']),
      serviceName: g.text(['api', 'orders-api'], ['Api', 'x'.repeat(49), 'y'.repeat(50), 'ends-']),
      project: g.text(['my-project']),
      description: g.text(['an api']),
      cpu: g.num([1, 2], [0.08, 0.5, 1, 2, 3, 4, 6, 8, 9]),
      memory: g.text(
        ['512Mi', '1Gi', '2Gi'],
        ['128Mi', '127Mi', '4Gi', '8Gi', '16Gi', '24Gi', '32Gi', '33Gi', '512M', '512Mi ', '1 Gi', '4097Mi'],
      ),
      server: gunicorn(g),
      // Calm cases leave out what contradicts another prop by design (a command next to a server profile, a billing
      // next to backgroundWork): chaos has them.
      ...(g.chaos ? { command: g.list(['python', 'main.py'], 2), args: g.list(['--port', '8080'], 2) } : {}),
      containerPort: g.num([8080, 3000], [1, 8080, 65535]),
      concurrency: g.num([8, 80], [1, 8, 80, 1000]),
      minInstances: g.num([0, 1], [0, 1, 10]),
      maxInstances: g.num([1, 10, 100], [0, 1, 10, 100]),
      ...(g.chaos ? { billing: g.member(Billing) } : {}),
      backgroundWork: g.flag,
      startupProbe: probe(g),
      livenessProbe: probe(g),
      requestTimeout: g.num([60, 300, 3600], [1, 300, 900, 3600]),
      startupCpuBoost: g.flag,
      executionEnvironment: g.member(ExecutionEnvironment),
      ingress: g.member(Ingress),
      allowUnauthenticated: g.flag,
      serviceAccount: g.text(
        ['api@p.iam.gserviceaccount.com'],
        ['123-compute@developer.gserviceaccount.com', 'not-an-email'],
      ),
      env: g.map(
        ['APP_MODE', 'LOG_LEVEL'],
        ['PORT', 'K_SERVICE', '1BAD', 'DB_PASSWORD', 'with space'],
        g.text(['on', ''], ['x'.repeat(40)]),
      ),
      secrets: g.map(
        ['DATABASE_URL', 'API_TOKEN'],
        ['PORT', 'APP_MODE', 'bad name'],
        g.mix(
          g.props(
            {
              secret: g.text(['db-password', 'projects/p/secrets/s'], ['bad/secret', '']),
              version: g.text(['latest', '3'], ['0', 'v1']),
            },
            ['secret'],
          ),
        ),
      ),
      vpcAccess: vpcAccess(g),
      labels: g.map(['team', 'cost-center'], ['Team', '1x'], g.text(['web', ''], ['Web'])),
      deletionProtection: g.flag,
      ...features(g),
    },
    ['region', 'image'],
  );
}

/** A `Volume` factory call of any kind, mounted anywhere (on a container named or not). */
export function volumeRecipe(g: Gen): fc.Arbitrary<unknown> {
  const mount = {
    mountPath: g.text(['/data', '/cloudsql'], ['data', '/', '/dev']),
    container: g.text(['app', 'otel'], ['missing']),
  };
  return g.mix(
    fc.oneof(
      call('Volume.cloudSql', g.list(['p:us-central1:db'], 2), g.options(mount)),
      call('Volume.bucket', g.text(['models'], ['Bad Bucket']), g.options({ ...mount, readOnly: g.flag })),
      call(
        'Volume.nfs',
        g.text(['10.0.0.2']),
        g.text(['/share'], ['share']),
        g.options({ ...mount, readOnly: g.flag }),
      ),
      call('Volume.inMemory', g.options({ ...mount, sizeLimit: g.text(['64Mi', '1Gi'], ['64 Mi', 'lots']) })),
      call(
        'Volume.secret',
        g.text(['tls-cert'], ['bad/secret']),
        fc.constant(undefined),
        g.options({ ...mount, defaultMode: g.num([0o444, 0o400], [0, 0o777, 0o1000]) }),
      ),
    ),
  );
}

/** The props of issue 13: volumes, sidecars, traffic, service-level and manual scaling, GPUs and access settings. */
function features(g: Gen): Record<string, fc.Arbitrary<unknown>> {
  const volume = volumeRecipe(g);
  const sidecar = g.mix(
    g.props(
      {
        name: g.text(['otel', 'proxy'], ['Bad_Name', 'app']),
        image: g.text(['otel/opentelemetry-collector:0.99.0']),
        cpu: g.num([0.5, 1], [0.08, 1, 2, 9]),
        memory: g.text(['256Mi', '512Mi'], ['1 Gi']),
        env: g.map(['OTEL_LEVEL'], ['PORT'], g.text(['info'])),
        startupProbe: probe(g),
        dependsOn: g.list(['app', 'otel'], 1),
      },
      ['name', 'image'],
    ),
  );
  const traffic = g.mix(
    fc.oneof(
      call('Traffic.latest', g.num([100, 50], [0, 100, 101]), g.options({ tag: g.text(['canary'], ['Canary!']) })),
      call(
        'Traffic.revision',
        g.text(['api-00001-abc']),
        g.num([50, 90], [0, 100, 101]),
        g.options({ tag: g.text(['stable']) }),
      ),
    ),
  );
  const gpu = g.mix(
    fc.oneof(
      call('Gpu.nvidiaL4', g.options({ zonalRedundancy: g.flag })),
      call('Gpu.nvidiaRtxPro6000', g.options({ zonalRedundancy: g.flag })),
    ),
  );
  const binaryAuthorization = g.mix(
    fc.oneof(
      call('BinaryAuthorization.projectDefault', g.options({ breakglassJustification: g.text(['incident 42']) })),
      call('BinaryAuthorization.policy', g.text(['projects/p/platforms/cloudRun/policies/strict'], ['strict'])),
    ),
  );
  if (!g.chaos) {
    // Calm cases draw combinations meant to be valid, so that a good share is accepted and its output judged: one
    // volume at its default path, a sidecar nothing depends on, all traffic on the latest revision.
    return {
      volumes: g.many(
        fc.oneof(
          call('Volume.inMemory', g.options({ sizeLimit: g.text(['64Mi']) })),
          call('Volume.bucket', g.text(['models']), g.options({ readOnly: g.flag })),
          call('Volume.secret', g.text(['tls-cert']), fc.constant(undefined), fc.constant(undefined)),
        ),
        1,
      ),
      sidecars: g.many(
        g.props({ name: g.text(['otel']), image: g.text(['otel/opentelemetry-collector:0.99.0']) }, ['name', 'image']),
        1,
      ),
      traffic: g.many(call('Traffic.latest', fc.constant(100), fc.constant(undefined)), 1),
      invokerIamDisabled: g.flag,
      customAudiences: g.list(['https://api.example.com'], 1),
      sessionAffinity: g.flag,
      encryptionKey: g.text(['projects/p/locations/us-central1/keyRings/r/cryptoKeys/k']),
      binaryAuthorization: call('BinaryAuthorization.projectDefault', fc.constant(undefined)),
    };
  }
  return {
    volumes: g.many(volume),
    sidecars: g.many(sidecar),
    containerName: g.text(['app'], ['App', '']),
    traffic: g.many(traffic),
    serviceMinInstances: g.num([0, 1], [0, 1, 5]),
    manualScaling: g.mix(call('ManualScaling.instances', g.num([1, 2], [0, 1, 3]))),
    gpu,
    invokerIamDisabled: g.flag,
    customAudiences: g.list(['https://api.example.com'], 1),
    sessionAffinity: g.flag,
    encryptionKey: g.text(['projects/p/locations/us-central1/keyRings/r/cryptoKeys/k'], ['k']),
    binaryAuthorization,
  };
}

export const targets: Array<ConstructTarget<Record<string, unknown>>> = [
  {
    name: 'CloudRunService',
    kind: 'construct',
    input: bothMoods(cloudRunProps),
    build: (stack, input) => {
      new CloudRunService(stack, 'Api', materialize(stack, input) as never);
    },
  },
];
