/**
 * A synthetic cdk.tf.json with `count` resources, shaped like cdktf output: Cloud Run services (some breaking rules,
 * some with unresolved references), their IAM members, service accounts and App Engine versions.
 */
export function generateStack(count: number): Record<string, unknown> {
  const services: Record<string, unknown> = {};
  const members: Record<string, unknown> = {};
  const accounts: Record<string, unknown> = {};
  const versions: Record<string, unknown> = {};
  for (let i = 0; i < count; i++) {
    const meta = { '//': { metadata: { path: `big/svc${i}`, uniqueId: `svc${i}` } } };
    switch (i % 10) {
      case 0:
      case 1:
      case 2:
      case 3:
        services[`svc${i}`] = {
          ...meta,
          name: `svc-${i}`,
          location: 'us-central1',
          ingress: i % 3 === 0 ? 'INGRESS_TRAFFIC_ALL' : 'INGRESS_TRAFFIC_INTERNAL_ONLY',
          template: {
            service_account: `\${google_service_account.sa${i - (i % 10) + 8}.email}`,
            max_instance_request_concurrency: i % 7 === 0 ? 80 : 8,
            timeout: '300s',
            scaling: { min_instance_count: i % 5 === 0 ? 1 : 0, max_instance_count: i % 4 === 0 ? undefined : 10 },
            containers: [
              {
                image:
                  i % 2 === 0
                    ? 'gcr.io/p/app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef'
                    : 'gcr.io/p/app:latest',
                command: ['gunicorn'],
                args: ['--bind', ':8080', '--workers', '1', '--threads', '8', '--timeout', '0', 'main:app'],
                ports: { container_port: 8080, name: 'http1' },
                resources: {
                  limits: { cpu: i % 9 === 0 ? '3' : '1', memory: i % 11 === 0 ? '${var.memory}' : '512Mi' },
                  cpu_idle: true,
                },
                env: [
                  { name: 'API_TOKEN', value: 'abc' },
                  { name: 'LOG_LEVEL', value: 'info' },
                ],
                startup_probe: {
                  http_get: { path: '/' },
                  period_seconds: 10,
                  failure_threshold: 24,
                  timeout_seconds: 5,
                },
              },
            ],
          },
        };
        break;
      case 4:
      case 5:
      case 6:
        members[`m${i}`] = {
          ...meta,
          name: `\${google_cloud_run_v2_service.svc${i - (i % 10)}.name}`,
          location: 'us-central1',
          role: 'roles/run.invoker',
          member: i % 3 === 0 ? 'allUsers' : 'serviceAccount:caller@p.iam.gserviceaccount.com',
        };
        break;
      case 7:
        versions[`v${i}`] = {
          ...meta,
          service: 'default',
          version_id: `v${i}`,
          runtime: 'python312',
          instance_class: i % 3 === 0 ? 'B2' : 'F2',
          entrypoint: { shell: 'gunicorn --bind :$PORT --workers 4 --threads 2 --timeout 0 main:app' },
          deployment: { zip: { source_url: 'https://storage.googleapis.com/b/app.zip' } },
          automatic_scaling: {
            max_concurrent_requests: 8,
            standard_scheduler_settings: { target_cpu_utilization: 0.6, max_instances: 10 },
          },
          handlers: [{ url_regex: '/.*', security_level: 'SECURE_ALWAYS', script: { script_path: 'auto' } }],
        };
        break;
      default:
        accounts[`sa${i}`] = { ...meta, account_id: `sa-${i}`, display_name: `sa ${i}` };
    }
  }
  return {
    '//': { metadata: { backend: 'local', stackName: 'big', version: '0.21.0' } },
    provider: { google: [{ project: 'p' }] },
    resource: {
      google_cloud_run_v2_service: services,
      google_cloud_run_v2_service_iam_member: members,
      google_service_account: accounts,
      google_app_engine_standard_app_version: versions,
    },
  };
}
