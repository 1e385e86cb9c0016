/**
 * Network exposure rules: Cloud Run ingress, App Engine HTTPS handlers, App Engine firewall, App Engine TLS policy.
 * @internal
 */
import { CheckLevel } from '../../../core/levels';
import { ResourceKind } from '../../../platform/kinds';
import { Pack } from '../../../platform/rule';
import { blocks, field, isUnknown, UNKNOWN } from '../../model';
import { fail, type RuleResult, type TerraformRule, unknown } from '../../rule';
import { serviceIngress } from './public-invoker';

export const CLOUD_RUN_INGRESS_ALL: TerraformRule = {
  id: 'GCR-INGRESS-ALL',
  level: CheckLevel.INFO,
  pack: Pack.SECURITY,
  title: 'Cloud Run ingress allows all traffic',
  explanation:
    'With ingress ALL (the default when ingress is not written) the run.app URL is reachable from the internet, bypassing any load balancer, Cloud Armor or IAP in front of the service. Restrict it to INTERNAL_LOAD_BALANCER when a load balancer fronts the service. Prior art: ecc-266, organization policy run.allowedIngress.',
  source: '"Restrict network ingress for Cloud Run", https://cloud.google.com/run/docs/securing/ingress',
  appliesTo: [ResourceKind.CLOUD_RUN_SERVICE, ResourceKind.CLOUD_RUN_SERVICE_V1],
  suppressible: true,
  check: (r) => {
    const ingress = serviceIngress(r);
    const attribute =
      r.type === 'google_cloud_run_service' ? 'metadata.annotations["run.googleapis.com/ingress"]' : 'ingress';
    if (ingress === UNKNOWN) return unknown(attribute);
    return ingress === 'all'
      ? fail(
          'ingress allows all traffic, so the run.app URL is reachable from the internet',
          r.type === 'google_cloud_run_service'
            ? "set the run.googleapis.com/ingress annotation to 'internal-and-cloud-load-balancing' if a load balancer fronts the service"
            : 'set ingress = INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER if a load balancer fronts the service',
          attribute,
        )
      : undefined;
  },
};

export const APP_ENGINE_HTTPS: TerraformRule = {
  id: 'GAE-HTTPS',
  level: CheckLevel.ERROR,
  pack: Pack.SECURITY,
  title: 'App Engine handlers must redirect HTTP to HTTPS (security_level = SECURE_ALWAYS)',
  explanation:
    'A handler without security_level SECURE_ALWAYS serves plain HTTP (SECURE_DEFAULT and SECURE_OPTIONAL accept both, SECURE_NEVER redirects HTTPS to HTTP). A version without handlers gets the default handler, which accepts HTTP. Prior art: CIS GCP 4.10, KICS 52b7bc15, Sonar S6407.',
  source:
    '"app.yaml Configuration File" (handlers: secure), https://cloud.google.com/appengine/docs/standard/reference/app-yaml',
  appliesTo: [ResourceKind.APP_ENGINE_STANDARD_VERSION, ResourceKind.APP_ENGINE_FLEXIBLE_VERSION],
  suppressible: true,
  check: (r) => {
    const handlers = blocks(r.config, 'handlers');
    if (handlers === UNKNOWN) return unknown('handlers');
    if (handlers.length === 0) {
      return fail(
        'no handler is written, so the default handler serves the app over plain HTTP too',
        "add a handler { url_regex = '/.*', security_level = 'SECURE_ALWAYS', script { script_path = 'auto' } }",
        'handlers',
      );
    }
    const results: RuleResult[] = [];
    for (let i = 0; i < handlers.length; i++) {
      const level = field(handlers[i], 'security_level');
      if (level === 'SECURE_ALWAYS') continue;
      const attribute = `handlers[${i}].security_level`;
      if (level === UNKNOWN) {
        results.push(unknown(attribute));
        continue;
      }
      const url = field(handlers[i], 'url_regex');
      results.push(
        fail(
          `handler ${typeof url === 'string' ? `'${url}'` : i} has security_level ${level ?? 'unset (SECURE_DEFAULT)'}, so it serves plain HTTP`,
          "set security_level = 'SECURE_ALWAYS' on every handler",
          attribute,
        ),
      );
    }
    return results;
  },
};

const OPEN_RANGES = new Set(['*', '0.0.0.0/0', '::/0']);

export const APP_ENGINE_FIREWALL_OPEN: TerraformRule = {
  id: 'GAE-FIREWALL-OPEN',
  level: CheckLevel.WARNING,
  pack: Pack.SECURITY,
  title: 'App Engine firewall rules should not allow every source address',
  explanation:
    'An ALLOW rule for *, 0.0.0.0/0 or ::/0 opens the app to the whole internet, which makes the firewall pointless (and, before a DENY default rule, overrides it). Prior art: ecc-256.',
  source: '"Controlling access with firewalls", https://cloud.google.com/appengine/docs/standard/application-security',
  appliesTo: [ResourceKind.APP_ENGINE_FIREWALL_RULE],
  suppressible: true,
  check: (r) => {
    const action = field(r.config, 'action');
    const range = field(r.config, 'source_range');
    if (action === UNKNOWN) return unknown('action');
    if (action !== 'ALLOW') return undefined;
    if (range === UNKNOWN || (typeof range === 'string' && isUnknown(range))) return unknown('source_range');
    return typeof range === 'string' && OPEN_RANGES.has(range.trim())
      ? fail(
          `priority ${field(r.config, 'priority') ?? '?'} allows every source address (${range})`,
          'allow only the ranges that must reach the app (a load balancer, an office, a partner) and end with a DENY * default rule',
          'source_range',
        )
      : undefined;
  },
};

export const APP_ENGINE_SSL_POLICY: TerraformRule = {
  id: 'GAE-SSL-POLICY',
  level: CheckLevel.INFO,
  pack: Pack.SECURITY,
  title: 'App Engine should use the MODERN TLS policy',
  explanation:
    'ssl_policy DEFAULT (or unset) still accepts TLS 1.0 and 1.1 on custom domains; MODERN requires TLS 1.2. Prior art: none in IaC tools (App Engine Admin API SslPolicy).',
  source:
    'App Engine Admin API, apps resource (SslSettings / sslPolicy), https://cloud.google.com/appengine/docs/admin-api/reference/rest/v1/apps',
  appliesTo: [ResourceKind.APP_ENGINE_APPLICATION],
  suppressible: true,
  check: (r) => {
    const policy = field(r.config, 'ssl_policy');
    if (policy === UNKNOWN) return unknown('ssl_policy');
    return policy === 'MODERN'
      ? undefined
      : fail(
          `ssl_policy is ${policy ?? 'unset (DEFAULT)'}, which accepts TLS 1.0 and 1.1`,
          "set ssl_policy = 'MODERN' unless old clients must connect (google provider 6.50, i.e. @cdktf/provider-google 16, lacks the attribute; newer provider versions have it)",
          'ssl_policy',
        );
  },
};
