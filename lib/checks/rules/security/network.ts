/**
 * Network exposure rules that read the Terraform configuration itself: App Engine firewall and TLS policy. (Cloud Run
 * ingress and App Engine HTTPS handlers are platform fact rules shared with the constructs, in the security.ts of
 * lib/platform/cloud-run and lib/platform/app-engine.)
 * @internal
 */
import { CheckLevel } from '../../../core/levels';
import { ResourceKind } from '../../../platform/kinds';
import { Pack } from '../../../platform/rule';
import { field, isUnknown, UNKNOWN } from '../../model';
import { fail, type TerraformRule, unknown } from '../../rule';

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
