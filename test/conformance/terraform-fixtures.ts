/**
 * Terraform configurations in the shapes real ones take (the provider's documented examples and acceptance tests,
 * Google's samples, public modules), written for this suite; none is copied. Each says what Google does with it,
 * with the public source, and which findings it must draw: no error for what Google accepts (a risk it takes, such as
 * a deliberately public service, draws the warning the fixture names), the errors that know why for what it rejects.
 */

/** Terraform JSON is untyped. */
export type Json = any;

export interface TerraformFixture {
  readonly name: string;
  /** What Google does with it. */
  readonly google: 'accepted' | 'rejected';
  /** The public source that says so. */
  readonly source: string;
  /** The error-level rule ids the checker must report, at least (rejected fixtures only). */
  readonly errors?: readonly string[];
  /** The warnings the checker must report, at least (a risk Google accepts). */
  readonly warnings?: readonly string[];
  readonly json: Json;
}

const IMAGE = 'us-docker.pkg.dev/cloudrun/container/hello';
const resource = (type: string, name: string, body: Json): Json => ({ resource: { [type]: { [name]: body } } });
const v2 = (body: Json) =>
  resource('google_cloud_run_v2_service', 'default', { name: 'cloudrun-service', location: 'us-central1', ...body });
const version = (body: Json) =>
  resource('google_app_engine_standard_app_version', 'myapp_v1', {
    version_id: 'v1',
    service: 'myapp',
    runtime: 'python313',
    entrypoint: { shell: 'gunicorn -b :$PORT main:app' },
    deployment: { zip: { source_url: 'https://storage.googleapis.com/my-bucket/hello-world.zip' } },
    ...body,
  });

export const TERRAFORM_FIXTURES: readonly TerraformFixture[] = [
  {
    name: 'v2 service: the smallest documented one',
    google: 'accepted',
    source:
      'hashicorp/terraform-provider-google website/docs/r/cloud_run_v2_service.html.markdown (cloudrunv2_service_basic)',
    json: v2({
      deletion_protection: false,
      ingress: 'INGRESS_TRAFFIC_ALL',
      template: { containers: { image: IMAGE } },
    }),
  },
  {
    name: 'v2 service: probes whose timeout exceeds their period (timeout 6, period 2; timeout 5, period 1)',
    google: 'accepted',
    source:
      'hashicorp/terraform-provider-google google/services/cloudrunv2/resource_cloud_run_v2_service_test.go (TestAccCloudRunV2Service_cloudrunv2ServiceHTTPProbesUpdate, TCPProbesUpdate): applied and imported without error',
    json: v2({
      template: {
        containers: {
          image: IMAGE,
          ports: { container_port: 8080 },
          startup_probe: {
            initial_delay_seconds: 0,
            timeout_seconds: 6,
            period_seconds: 2,
            failure_threshold: 3,
            http_get: { path: '/some-path' },
          },
          liveness_probe: { timeout_seconds: 5, period_seconds: 1, failure_threshold: 3, tcp_socket: { port: 8080 } },
        },
      },
    }),
  },
  {
    name: 'v2 service: an L4 GPU, no cpu_idle, the maximum at the service level',
    google: 'accepted',
    source:
      'GoogleCloudPlatform/magic-modules mmv1/templates/terraform/samples/services/cloudrunv2/cloudrunv2_service_gpu.tf.tmpl; "GPU support for services", https://cloud.google.com/run/docs/configuring/services/gpu',
    json: v2({
      launch_stage: 'GA',
      scaling: { max_instance_count: 1 },
      template: {
        containers: {
          image: IMAGE,
          resources: { limits: { cpu: '4', memory: '16Gi', 'nvidia.com/gpu': '1' }, startup_cpu_boost: true },
        },
        node_selector: { accelerator: 'nvidia-l4' },
        gpu_zonal_redundancy_disabled: true,
      },
    }),
  },
  {
    name: 'v2 service: an RTX PRO 6000 with 20 vCPU and 80 GiB',
    google: 'accepted',
    source:
      '"GPU support for services" ("you must use a minimum of 20 CPU and 80 GiB of memory"), https://cloud.google.com/run/docs/configuring/services/gpu',
    json: v2({
      scaling: { max_instance_count: 1 },
      template: {
        containers: { image: IMAGE, resources: { limits: { cpu: '20', memory: '80Gi', 'nvidia.com/gpu': '1' } } },
        node_selector: { accelerator: 'nvidia-rtx-pro-6000' },
      },
    }),
  },
  {
    name: 'v2 service: manual scaling with a fixed instance count',
    google: 'accepted',
    source: '"Manual scaling", https://cloud.google.com/run/docs/configuring/services/manual-scaling',
    json: v2({
      scaling: { scaling_mode: 'MANUAL', manual_instance_count: 3 },
      template: { containers: { image: IMAGE } },
    }),
  },
  {
    name: 'v2 service: a multi-region service in global',
    google: 'accepted',
    source:
      'hashicorp/terraform-provider-google google/services/cloudrunv2/resource_cloud_run_v2_service_test.go (TestAccCloudRunV2Service_cloudrunv2ServiceWithMultiRegion)',
    json: v2({
      location: 'global',
      multi_region_settings: { regions: ['us-central1', 'us-east1', 'us-west1'] },
      template: { containers: { image: IMAGE } },
    }),
  },
  {
    name: 'v2 service: a sidecar next to the ingress container, max instances written as 0 (not sent)',
    google: 'accepted',
    source:
      '"Deploying container images to Cloud Run" (sidecars), https://cloud.google.com/run/docs/deploying; hashicorp/terraform-provider-google resource_cloud_run_v2_service.go (zero values are not sent)',
    json: v2({
      template: {
        scaling: { min_instance_count: 1, max_instance_count: 0 },
        containers: [
          { name: 'app', image: IMAGE, ports: { container_port: 8080 }, depends_on: ['collector'] },
          {
            name: 'collector',
            image: 'us-docker.pkg.dev/cloud-ops-agents-artifacts/cloud-run-gmp-sidecar/cloud-run-gmp-sidecar:1.1.1',
          },
        ],
      },
    }),
  },
  {
    name: 'v2 service: gunicorn with threads and its default 30 s timeout under a 1-hour request timeout',
    google: 'accepted',
    source:
      'benoitc/gunicorn gunicorn/workers/gthread.py (the main loop notifies the master while threads serve requests)',
    json: v2({
      template: {
        timeout: '3600s',
        scaling: { max_instance_count: 10 },
        containers: {
          image: IMAGE,
          command: ['gunicorn'],
          args: ['--bind', ':8080', '--workers', '2', '--threads', '8', '--preload', 'main:app'],
        },
      },
    }),
  },
  {
    name: 'v2 job: a startup probe budget of 600 s',
    google: 'accepted',
    source:
      '"Configure container health checks for jobs" ("can\'t exceed 600 seconds"), https://cloud.google.com/run/docs/configuring/jobs/healthchecks',
    json: resource('google_cloud_run_v2_job', 'default', {
      name: 'cloudrun-job',
      location: 'us-central1',
      template: {
        template: {
          containers: {
            image: IMAGE,
            startup_probe: { tcp_socket: { port: 8080 }, period_seconds: 60, failure_threshold: 10 },
          },
        },
      },
    }),
  },
  {
    name: 'worker pool: the documented limits sample, and one with an L4 GPU',
    google: 'accepted',
    source:
      'GoogleCloudPlatform/magic-modules mmv1/templates/terraform/samples/services/cloudrunv2/cloudrunv2_worker_pool_limits.tf.tmpl and cloudrunv2_worker_pool_gpu.tf.tmpl',
    json: {
      resource: {
        google_cloud_run_v2_worker_pool: {
          limits: {
            name: 'cloudrun-worker-pool',
            location: 'us-central1',
            deletion_protection: false,
            template: { containers: { image: IMAGE, resources: { limits: { cpu: '2', memory: '1024Mi' } } } },
          },
          gpu: {
            name: 'gpu-worker-pool',
            location: 'us-central1',
            template: {
              containers: { image: IMAGE, resources: { limits: { cpu: '4', memory: '16Gi', 'nvidia.com/gpu': '1' } } },
              node_selector: { accelerator: 'nvidia-l4' },
            },
          },
        },
      },
    },
  },
  {
    name: 'v1 service: GPU with CPU throttling off, the maximum in an annotation',
    google: 'accepted',
    source:
      'GoogleCloudPlatform/magic-modules mmv1/templates/terraform/samples/services/cloudrun/cloud_run_service_gpu.tf.tmpl',
    json: resource('google_cloud_run_service', 'default', {
      name: 'cloudrun-srv',
      location: 'us-central1',
      template: {
        metadata: {
          annotations: { 'autoscaling.knative.dev/maxScale': '1', 'run.googleapis.com/cpu-throttling': 'false' },
        },
        spec: {
          containers: { image: IMAGE, resources: { limits: { cpu: '4', memory: '16Gi', 'nvidia.com/gpu': '1' } } },
          node_selector: { 'run.googleapis.com/accelerator': 'nvidia-l4' },
        },
      },
    }),
  },
  {
    name: 'IAM: a service account member written with a reference, and a jsonencode of a literal private policy',
    google: 'accepted',
    source: '"Principal identifiers", https://cloud.google.com/iam/docs/principal-identifiers',
    json: {
      resource: {
        google_cloud_run_v2_service: {
          api: { name: 'api', location: 'us-central1', template: { containers: { image: IMAGE } } },
        },
        google_cloud_run_v2_service_iam_member: {
          caller: {
            name: '${google_cloud_run_v2_service.api.name}',
            location: 'us-central1',
            role: 'roles/run.invoker',
            member: 'serviceAccount:${google_service_account.caller.email}',
          },
        },
        google_cloud_run_v2_service_iam_policy: {
          policy: {
            name: '${google_cloud_run_v2_service.api.name}',
            location: 'us-central1',
            policy_data:
              '${jsonencode({\n    bindings = [{\n      role    = "roles/run.invoker"\n      members = ["group:ops@example.com"]\n    }]\n  })}',
          },
        },
      },
    },
  },
  {
    name: 'IAM: a deliberately public service (accepted by Google, a warning of the security policy)',
    google: 'accepted',
    source: '"Allowing public (unauthenticated) access", https://cloud.google.com/run/docs/authenticating/public',
    warnings: ['GCR-PUBLIC-INVOKER'],
    json: {
      resource: {
        google_cloud_run_service: {
          default: {
            name: 'cloudrun-srv',
            location: 'us-central1',
            template: { spec: { containers: { image: IMAGE } } },
          },
        },
        google_cloud_run_service_iam_policy: {
          noauth: {
            location: 'us-central1',
            service: '${google_cloud_run_service.default.name}',
            policy_data: '${data.google_iam_policy.noauth.policy_data}',
          },
        },
      },
      data: { google_iam_policy: { noauth: { binding: { role: 'roles/run.invoker', members: ['allUsers'] } } } },
    },
  },
  {
    name: 'App Engine: a python313 version with utilization targets 0 and -1 (the API reads them as not set)',
    google: 'accepted',
    source:
      'GoogleCloudPlatform/magic-modules mmv1/products/appengine/StandardAppVersion.yaml ("Should be a value in the range [0.50, 0.95], zero, or a negative value.")',
    json: version({
      automatic_scaling: {
        max_concurrent_requests: 10,
        standard_scheduler_settings: {
          target_cpu_utilization: 0,
          target_throughput_utilization: -1,
          max_instances: 10,
        },
      },
    }),
  },
  {
    name: 'App Engine: no handlers, a GAE_-prefixed variable production apps set, and a gthread entrypoint',
    google: 'accepted',
    source:
      'GoogleChrome/chromium-dashboard app.yaml (GAE_USE_SOCKETS_HTTPLIB on python313); "app.yaml Configuration File" (handlers optional), https://cloud.google.com/appengine/docs/standard/reference/app-yaml',
    json: version({
      entrypoint: { shell: 'gunicorn -b :$PORT --workers 2 --threads 5 main:app' },
      env_variables: { GAE_USE_SOCKETS_HTTPLIB: 'true', REDISPORT: '6379' },
      automatic_scaling: { max_concurrent_requests: 10, standard_scheduler_settings: { max_instances: 5 } },
    }),
  },
  {
    name: 'App Engine: the application in us-central',
    google: 'accepted',
    source: '"App Engine locations", https://cloud.google.com/appengine/docs/standard/locations',
    json: resource('google_app_engine_application', 'app', { project: 'my-project', location_id: 'us-central' }),
  },
  {
    name: 'Cloud Run: 3 vCPU',
    google: 'rejected',
    source: '"Configure CPU limits for services", https://cloud.google.com/run/docs/configuring/services/cpu',
    errors: ['GCR-CPU-VALUE'],
    json: v2({ template: { containers: { image: IMAGE, resources: { limits: { cpu: '3', memory: '2Gi' } } } } }),
  },
  {
    name: 'Cloud Run: 8 GiB with 1 vCPU',
    google: 'rejected',
    source:
      '"Configure CPU limits for services" (the table; API error "For 1.0 CPU, memory must be between 512Mi and 4Gi inclusive"), https://cloud.google.com/run/docs/configuring/services/cpu',
    errors: ['GCR-MEMORY-FOR-CPU'],
    json: v2({ template: { containers: { image: IMAGE, resources: { limits: { cpu: '1', memory: '8Gi' } } } } }),
  },
  {
    name: 'Cloud Run: a startup probe period of 300 s, and PORT set by hand',
    google: 'rejected',
    source:
      'googleapis/googleapis google/cloud/run/v2/k8s.min.proto (Probe.period_seconds: "Maximum value for startup probe is 240"); "Container runtime contract", https://cloud.google.com/run/docs/container-contract',
    errors: ['GCR-STARTUP-PROBE', 'GCR-ENV-RESERVED'],
    json: v2({
      template: {
        containers: {
          image: IMAGE,
          env: { name: 'PORT', value: '9000' },
          startup_probe: { tcp_socket: { port: 8080 }, period_seconds: 300, failure_threshold: 1 },
        },
      },
    }),
  },
  {
    name: 'App Engine: python27, and an F class with basic scaling',
    google: 'rejected',
    source:
      '"Runtime support schedule" (python27 deprecated 2026-01-31), https://cloud.google.com/appengine/docs/standard/lifecycle/support-schedule; "app.yaml Configuration File" (scaling elements), https://cloud.google.com/appengine/docs/standard/reference/app-yaml',
    errors: ['GAE-RUNTIME', 'GAE-CLASS-SCALING'],
    json: version({ runtime: 'python27', instance_class: 'F1', basic_scaling: { max_instances: 2 } }),
  },
  {
    name: 'App Engine: the application in us-central1',
    google: 'rejected',
    source:
      '"App Engine locations" (us-central1 is called us-central in App Engine), https://cloud.google.com/appengine/docs/standard/locations',
    errors: ['GAE-APP-LOCATION'],
    json: resource('google_app_engine_application', 'app', { project: 'my-project', location_id: 'us-central1' }),
  },
];
