/**
 * The shapes real configurations take once converted from HCL (the converter `@cdktf/hcl2json` and hand-written
 * Terraform JSON): every block body a list, resource bodies lists, `locals`/`terraform` lists of blocks, meta-arguments
 * as interpolations. Own fixtures, written in those shapes.
 */
import { type Json, mutated, v2Service } from './fixtures';

const V2 = 'google_cloud_run_v2_service';

/** Nested block types of the fixtures (maps such as `limits`, `labels`, `annotations` stay objects, as HCL writes them). */
const BLOCKS = new Set([
  'template',
  'containers',
  'resources',
  'startup_probe',
  'liveness_probe',
  'http_get',
  'tcp_socket',
  'grpc',
  'scaling',
  'ports',
  'env',
  'value_source',
  'secret_key_ref',
  'metadata',
  'spec',
  'vpc_access',
  'entrypoint',
  'deployment',
  'zip',
  'automatic_scaling',
  'basic_scaling',
  'manual_scaling',
  'standard_scheduler_settings',
  'handlers',
  'script',
  'static_files',
  'liveness_check',
  'readiness_check',
  'binding',
]);

/** A body with every nested block written as a list of bodies, as the converter writes it. */
export function asBlockLists(body: Json): Json {
  if (Array.isArray(body)) return body.map(asBlockLists);
  if (body === null || typeof body !== 'object') return body;
  const out: Json = {};
  for (const [key, value] of Object.entries(body)) {
    if (BLOCKS.has(key) && value !== null && typeof value === 'object') {
      out[key] = (Array.isArray(value) ? value : [value]).map(asBlockLists);
    } else out[key] = value;
  }
  return out;
}

/**
 * A Terraform JSON configuration in the converter's shape: resource bodies as one-element lists, nested blocks as
 * lists, `locals` and `terraform` as lists of blocks.
 */
export function asConverted(json: Json): Json {
  const out: Json = {
    ...json,
    terraform: [{ required_providers: [{ google: { source: 'hashicorp/google', version: '~> 6.0' } }] }],
    locals: [{ region: 'europe-west1' }, { labels: { team: 'web' } }],
  };
  for (const section of ['resource', 'data']) {
    if (!json[section]) continue;
    out[section] = {};
    for (const [type, byName] of Object.entries<Json>(json[section])) {
      out[section][type] = {};
      for (const [name, body] of Object.entries<Json>(byName)) out[section][type][name] = [asBlockLists(body)];
    }
  }
  return out;
}

/** The same configuration with `resource` written as a list of one-type objects (also valid JSON syntax). */
export function asResourceList(json: Json): Json {
  return { ...json, resource: Object.entries(json.resource).map(([type, byName]) => ({ [type]: byName })) };
}

/** A plan in the shape `terraform show -json` prints (own fixture): a root service, a module's services, a deletion. */
export function plan(): Json {
  const values = (body: Json) => asBlockLists(body);
  const service = mutated(v2Service, (b) => {
    b.template.containers[0].resources.limits.cpu = '3';
    b.template.containers[0].image = 'gcr.io/p/app:v1';
  });
  return {
    format_version: '1.2',
    terraform_version: '1.9.8',
    planned_values: {
      root_module: {
        resources: [{ address: `${V2}.api`, mode: 'managed', type: V2, name: 'api', values: values(service) }],
        child_modules: [
          {
            address: 'module.run',
            resources: [
              {
                address: `module.run.${V2}.svc[0]`,
                mode: 'managed',
                type: V2,
                name: 'svc',
                index: 0,
                values: values(service),
              },
              {
                address: `module.run.${V2}.each["eu"]`,
                mode: 'managed',
                type: V2,
                name: 'each',
                index: 'eu',
                values: values(v2Service()),
              },
            ],
          },
        ],
      },
    },
    resource_changes: [
      {
        address: `${V2}.api`,
        mode: 'managed',
        type: V2,
        name: 'api',
        change: {
          actions: ['create'],
          after: values(service),
          after_unknown: { template: [{ service_account: true }] },
        },
      },
      {
        address: `module.run.${V2}.svc[0]`,
        module_address: 'module.run',
        mode: 'managed',
        type: V2,
        name: 'svc',
        index: 0,
        change: {
          actions: ['update'],
          before: {},
          after: values(service),
          after_unknown: { template: [{ containers: [{ resources: true }] }] },
        },
      },
      {
        address: `module.run.${V2}.each["eu"]`,
        module_address: 'module.run',
        mode: 'managed',
        type: V2,
        name: 'each',
        index: 'eu',
        change: { actions: ['no-op'], before: values(v2Service()), after: values(v2Service()), after_unknown: {} },
      },
      {
        address: `${V2}.old`,
        mode: 'managed',
        type: V2,
        name: 'old',
        change: { actions: ['delete'], before: values(service), after: null },
      },
    ],
  };
}
