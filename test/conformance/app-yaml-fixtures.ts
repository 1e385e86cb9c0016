/**
 * app.yaml files in the shapes real python3 ones take (Google's python-docs-samples, chromestatus, catapult, public
 * apps), written for this suite; none is copied. Each says what App Engine does with it, with the public source.
 */
export interface AppYamlFixture {
  readonly name: string;
  readonly google: 'accepted' | 'rejected';
  readonly source: string;
  /** For a rejected file: the ids of the errors that say why. */
  readonly errors?: readonly string[];
  readonly yaml: string;
}

export const APP_YAML_FIXTURES: readonly AppYamlFixture[] = [
  {
    name: 'a runtime and nothing else',
    google: 'accepted',
    source: 'GoogleCloudPlatform/python-docs-samples appengine/standard_python3/hello_world/app.yaml',
    yaml: 'runtime: python313\n',
  },
  {
    name: 'Django: env_variables with only a comment under it, static files, script auto',
    google: 'accepted',
    source:
      'GoogleCloudPlatform/python-docs-samples appengine/standard_python3/django/app.yaml; gcloud appinfo.py (env_variables is validation.Optional: null means not set)',
    yaml: `# [START django_app]
runtime: python313

env_variables:
  # This setting is used in settings.py to configure your ALLOWED_HOSTS
  # APPENGINE_URL: PROJECT_ID.uc.r.appspot.com

handlers:
# This configures Google App Engine to serve the files in the app's static
# directory.
- url: /static
  static_dir: static/

# This handler routes all requests not caught above to your main app.
- url: /.*
  script: auto
`,
  },
  {
    name: 'inbound mail through the bundled Mail service',
    google: 'accepted',
    source: 'GoogleCloudPlatform/python-docs-samples appengine/standard_python3/bundled-services/mail/flask/app.yaml',
    yaml: 'runtime: python312\napp_engine_apis: true\n\ninbound_services:\n- mail\n- mail_bounce\n',
  },
  {
    name: 'a large automatic-scaling frontend: default_expiration, a GAE_ variable, warmup, VPC connector, secure handlers',
    google: 'accepted',
    source: 'GoogleChrome/chromium-dashboard app.yaml (python313, deployed at chromestatus.com)',
    yaml: `runtime: python313
service: default
instance_class: F4_1G
app_engine_apis: true
default_expiration: 10d

automatic_scaling:
  min_idle_instances: 1
  max_pending_latency: 0.2s
  target_cpu_utilization: 0.8

env_variables:
  GAE_USE_SOCKETS_HTTPLIB: ''
  REDISHOST: 10.0.0.3
  REDISPORT: 6379

inbound_services:
- warmup

vpc_access_connector:
  name: projects/my-project/locations/us-central1/connectors/redis-connector

handlers:
- url: /static
  static_dir: static
  secure: always
- url: /robots.txt
  static_files: static/robots.txt
  upload: static/robots.txt
  expiration: 1h
  secure: always
- url: /.*
  script: auto
  secure: always
`,
  },
  {
    name: 'handlers naming a WSGI object as script, next to a gthread entrypoint',
    google: 'accepted',
    source: 'catapult-project/catapult dashboard/app.yaml (script: dashboard.dispatcher.APP with an entrypoint)',
    yaml: `runtime: python313
entrypoint: gunicorn -b:$PORT dashboard.dispatcher:APP --worker-class gthread --threads 10 --timeout 60
app_engine_apis: true
instance_class: F4_1G
automatic_scaling:
  max_concurrent_requests: 80
  max_instances: 150
  min_instances: 1
inbound_services:
- warmup
handlers:
- url: /favicon.ico
  static_files: dashboard/static/favicon.ico
  upload: dashboard/static/favicon.ico
  secure: always
- url: /.*
  script: dashboard.dispatcher.APP
  secure: always
`,
  },
  {
    name: 'a basic-scaling worker service with a config file for gunicorn',
    google: 'accepted',
    source:
      '"app.yaml Configuration File" (basic_scaling, entrypoint), https://cloud.google.com/appengine/docs/standard/reference/app-yaml',
    yaml: `runtime: python312
service: worker
instance_class: B2
entrypoint: gunicorn -c gunicorn.conf.py main:app
basic_scaling:
  max_instances: 3
  idle_timeout: 10m
`,
  },
  {
    name: 'the deprecated module key, an empty service_account, and the legacy admin_console',
    google: 'accepted',
    source:
      'gcloud googlecloudsdk/third_party/appengine/api/appinfo.py (MODULE deprecated for SERVICE; SERVICE_ACCOUNT and ADMIN_CONSOLE optional)',
    yaml: `runtime: python312
module: backend
service_account:
admin_console:
  pages:
  - name: Stats
    url: /stats
`,
  },
  {
    name: 'a deprecated runtime',
    google: 'rejected',
    source:
      '"Runtime support schedule" (python37 deprecated 2025-01-31), https://cloud.google.com/appengine/docs/standard/lifecycle/support-schedule',
    errors: ['GAE-RUNTIME'],
    yaml: 'runtime: python37\n',
  },
  {
    name: 'a script other than auto without an entrypoint',
    google: 'rejected',
    source:
      'GoogleCloudPlatform/python-docs-samples issue 5264 ("script field for handler ... must be set to \'auto\' for runtime python38")',
    errors: ['GAE-YAML-SCRIPT'],
    yaml: 'runtime: python312\nhandlers:\n- url: /.*\n  script: main.app\n',
  },
  {
    name: 'an F class with basic scaling, and a variable the runtime sets',
    google: 'rejected',
    source:
      '"app.yaml Configuration File" (scaling elements), https://cloud.google.com/appengine/docs/standard/reference/app-yaml; edvisor-io/meteor-google-cloud issue 4 ("The environment variable(s) \'GAE_SERVICE\' are not allowed")',
    errors: ['GAE-CLASS-SCALING', 'GAE-ENV-NAME'],
    yaml: 'runtime: python312\ninstance_class: F2\nbasic_scaling:\n  max_instances: 2\nenv_variables:\n  GAE_SERVICE: x\n',
  },
];
