/**
 * GCR-PUBLIC-INVOKER: `allUsers` / `allAuthenticatedUsers` may call a Cloud Run service, run a job or hold a role on a
 * worker pool, judged with the service's ingress setting.
 * @internal
 */
import { CheckLevel } from '../../../core/levels';
import type { IngressFacts } from '../../../platform/cloud-run/facts';
import { ingressOfV1, ingressOfV2 } from '../../../platform/cloud-run/security';
import { ResourceKind } from '../../../platform/kinds';
import { Pack } from '../../../platform/rule';
import {
  blocks,
  field,
  isUnknown,
  type Json,
  type TerraformModel,
  type TfResource,
  UNKNOWN,
  type Unknown,
} from '../../model';
import { literalJsonencode } from '../../facts/jsonencode';
import { fail, type RuleResult, type TerraformRule, unknown } from '../../rule';

const PUBLIC_MEMBERS = new Set(['allUsers', 'allAuthenticatedUsers']);
const INVOKER_ROLE = 'roles/run.invoker';

type Target = 'v2' | 'job' | 'pool' | 'v1';
/** IAM resource types, the kind of target they grant on, and the field that names the target. */
const IAM_TYPES: ReadonlyArray<{ type: string; target: Target; nameField: string }> = (
  [
    ['google_cloud_run_v2_service_iam', 'v2', 'name'],
    ['google_cloud_run_v2_job_iam', 'job', 'name'],
    ['google_cloud_run_v2_worker_pool_iam', 'pool', 'name'],
    ['google_cloud_run_service_iam', 'v1', 'service'],
  ] as const
).flatMap(([prefix, target, nameField]) =>
  ['member', 'binding', 'policy'].map((kind) => ({ type: `${prefix}_${kind}`, target, nameField })),
);
const IAM_BY_TYPE = new Map(IAM_TYPES.map((t) => [t.type, t]));
/**
 * The resource types an IAM resource of each kind can grant on. The v1 and v2 APIs manage the same services, so a v1
 * IAM resource may name a service declared as `google_cloud_run_v2_service` (as Google's own Cloud Run samples in
 * terraform-google-modules/terraform-docs-samples do), and the reverse.
 */
const SERVICE_TYPES = ['google_cloud_run_v2_service', 'google_cloud_run_service'];
const TARGET_TYPES: Record<Target, readonly string[]> = {
  v2: SERVICE_TYPES,
  job: ['google_cloud_run_v2_job'],
  pool: ['google_cloud_run_v2_worker_pool'],
  v1: SERVICE_TYPES,
};

type Ingress = IngressFacts;

/** The effective ingress of a Cloud Run service resource (unset means all traffic). */
export function serviceIngress(service: TfResource): Ingress | Unknown {
  if (service.type === 'google_cloud_run_service') {
    const metadata = blocks(service.config, 'metadata');
    if (metadata === UNKNOWN) return UNKNOWN;
    const annotations = field(metadata[0], 'annotations');
    if (annotations === UNKNOWN) return UNKNOWN;
    const value = annotations?.['run.googleapis.com/ingress'];
    if (value !== undefined && (typeof value !== 'string' || isUnknown(value))) return UNKNOWN;
    return ingressOfV1(value);
  }
  const value = field(service.config, 'ingress');
  if (value === UNKNOWN) return UNKNOWN;
  return ingressOfV2(typeof value === 'string' ? value : undefined);
}

/**
 * True when a member cannot be public: it names its principal type (`serviceAccount:`, `user:`, `group:`, `domain:`,
 * `principal://`…) before any interpolation, which `allUsers` and `allAuthenticatedUsers` never do. Source: "Principal
 * identifiers", https://cloud.google.com/iam/docs/principal-identifiers.
 */
function typedMember(member: unknown): boolean {
  if (typeof member !== 'string') return false;
  const cut = member.search(/[$%]\{/);
  const literal = cut < 0 ? member : member.slice(0, cut);
  return /^([A-Za-z]+:|principal(Set)?:\/\/)/.test(literal);
}

/** A member that may be public: unknown, and not typed before its interpolation. */
const mayBePublic = (member: unknown) => (member === UNKNOWN || isUnknown(member)) && !typedMember(member);

/** The bindings of a literal IAM policy document: `{ "bindings": [{ "role", "members" }] }`. */
function policyBindings(parsed: Json): Array<{ role: Json; members: Json[]; attribute: string }> {
  const list = Array.isArray(parsed?.bindings) ? parsed.bindings : [];
  return list.map((b: Json) => ({
    role: b?.role,
    members: Array.isArray(b?.members) ? b.members : [],
    attribute: 'policy_data',
  }));
}

/** Role → members granted, read from a member, binding or policy resource; `UNKNOWN` when they cannot be read. */
function grants(
  r: TfResource,
  model: TerraformModel,
): Array<{ role: Json; members: Json[]; attribute: string }> | Unknown {
  // The member as written: an interpolation inside it (`serviceAccount:${…}`) is judged by its literal prefix.
  if (r.type.endsWith('_member'))
    return [{ role: field(r.config, 'role'), members: [r.config.member], attribute: 'member' }];
  if (r.type.endsWith('_binding')) {
    const members = field(r.config, 'members');
    if (members === UNKNOWN || !Array.isArray(members)) return UNKNOWN;
    return [{ role: field(r.config, 'role'), members, attribute: 'members' }];
  }
  const policy = r.config.policy_data;
  const data = model.referenced(policy);
  if (data && data.type === 'google_iam_policy') {
    const bindings = blocks(data.config, 'binding');
    if (bindings === UNKNOWN) return UNKNOWN;
    return bindings.map((b) => {
      const members = field(b, 'members');
      return {
        role: field(b, 'role'),
        members: Array.isArray(members) ? members : [UNKNOWN],
        attribute: `policy_data (${data.address})`,
      };
    });
  }
  if (typeof policy === 'string' && isUnknown(policy)) {
    // `jsonencode({ bindings = [...] })` of a literal policy, as an HCL-to-JSON converter writes it.
    const literal = literalJsonencode(policy);
    return literal === undefined ? UNKNOWN : policyBindings(literal);
  }
  if (typeof policy === 'string') {
    try {
      return policyBindings(JSON.parse(policy));
    } catch {
      return UNKNOWN;
    }
  }
  return UNKNOWN;
}

const EACH_VALUE_NAME = /^\$\{each\.value(\.name|\["name"\])\}$/;

/** The Cloud Run resource an IAM resource grants on; `UNKNOWN` when it cannot be found in this configuration. */
function target(r: TfResource, model: TerraformModel): TfResource | Unknown {
  const spec = IAM_BY_TYPE.get(r.type)!;
  const value = r.config[spec.nameField];
  // Resource chaining: `for_each = google_cloud_run_v2_service.x` with the name `each.value.name` grants on every
  // instance of that service ("The for_each meta-argument", Terraform language docs).
  const referenced = model.referenced(EACH_VALUE_NAME.test(String(value)) ? r.config.for_each : value);
  if (referenced) return TARGET_TYPES[spec.target].includes(referenced.type) ? referenced : UNKNOWN;
  if (typeof value !== 'string' || isUnknown(value)) return UNKNOWN;
  const short = value.slice(value.lastIndexOf('/') + 1);
  const found = model.byLiteralName(TARGET_TYPES[spec.target], short);
  return found.length === 1 ? found[0] : UNKNOWN;
}

const INGRESS_TEXT: Record<Ingress, string> = {
  all: 'ingress allows all traffic',
  internal: 'ingress is internal only',
  'internal-and-load-balancer': 'ingress is internal and Cloud Load Balancing',
};

function judge(
  who: string,
  role: string,
  attribute: string,
  target: Target,
  ingress: Ingress | Unknown,
  targetAttr: string,
): RuleResult {
  if (role !== INVOKER_ROLE) {
    return fail(
      `${role} is granted to ${who}, so anyone ${who === 'allUsers' ? 'on the internet' : 'with a Google account'} holds it`,
      `grant ${role} to named principals only`,
      attribute,
    );
  }
  if (target === 'job') {
    return fail(
      `${INVOKER_ROLE} on a job is granted to ${who}, so anyone can start its executions`,
      'grant roles/run.invoker to the scheduler or workflow service account only',
      attribute,
    );
  }
  if (target === 'pool') {
    return fail(
      `${INVOKER_ROLE} on a worker pool is granted to ${who}; a worker pool serves no requests, so this only opens it up`,
      'remove the grant',
      attribute,
    );
  }
  if (ingress === UNKNOWN) return unknown(targetAttr);
  if (ingress === 'all') {
    return fail(
      `${INVOKER_ROLE} is granted to ${who} and ${INGRESS_TEXT.all}, so anyone can call the service from the internet`,
      'grant roles/run.invoker to named principals, or set ingress to INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER behind a load balancer with IAP or Cloud Armor; for a deliberately public site, suppress with the reason',
      attribute,
    );
  }
  return fail(
    `${INVOKER_ROLE} is granted to ${who}; ${INGRESS_TEXT[ingress]}, so the network path is restricted but there is no caller authentication`,
    'keep it only if the load balancer (IAP, Cloud Armor) or the network authenticates callers; otherwise grant the role to named principals',
    attribute,
    CheckLevel.INFO,
  );
}

export const PUBLIC_INVOKER: TerraformRule = {
  id: 'GCR-PUBLIC-INVOKER',
  // A warning: Google accepts public access and many services are public on purpose. A team that forbids it raises
  // the level (levels: { 'GCR-PUBLIC-INVOKER': CheckLevel.ERROR }) or gates on warnings.
  level: CheckLevel.WARNING,
  pack: Pack.SECURITY,
  title:
    'Cloud Run services and jobs must not be invokable by allUsers or allAuthenticatedUsers unless ingress is restricted (nor worker pools open to them)',
  explanation:
    'An IAM member, binding or policy (also through data.google_iam_policy) granting roles/run.invoker to allUsers or allAuthenticatedUsers, or invoker_iam_disabled = true, makes the service callable without authentication. Judged with the ingress setting: a warning with ingress ALL (the default), information with INTERNAL_ONLY or INTERNAL_LOAD_BALANCER (a public API behind a load balancer with IAP/Cloud Armor is a legitimate design). Any other role granted to the public is a warning too. Google accepts all of these, so none is an error; raise the level to gate on it. Prior art: CKV_GCP_102, KICS 07a27a3b, Sonar S6404; policy resources, v2 jobs and invoker_iam_disabled are not covered by those tools.',
  source:
    '"Allowing public (unauthenticated) access", https://cloud.google.com/run/docs/authenticating/public; "Restrict network ingress for Cloud Run", https://cloud.google.com/run/docs/securing/ingress',
  appliesTo: [ResourceKind.CLOUD_RUN_IAM, ResourceKind.CLOUD_RUN_SERVICE],
  suppressible: true,
  check: (r, model) => {
    if (r.type === 'google_cloud_run_v2_service') {
      const disabled = field(r.config, 'invoker_iam_disabled');
      if (disabled === UNKNOWN) return unknown('invoker_iam_disabled');
      if (disabled !== true && disabled !== 'true') return undefined;
      const ingress = serviceIngress(r);
      if (ingress === UNKNOWN) return unknown('ingress');
      const result = judge(
        'everyone (invoker_iam_disabled = true)',
        INVOKER_ROLE,
        'invoker_iam_disabled',
        'v2',
        ingress,
        'ingress',
      );
      return result.status === 'fail'
        ? {
            ...result,
            fix: 'remove invoker_iam_disabled and grant roles/run.invoker to named principals, or restrict ingress',
          }
        : result;
    }
    const list = grants(r, model);
    if (list === UNKNOWN) return unknown(r.type.endsWith('_policy') ? 'policy_data' : 'members');
    const results: RuleResult[] = [];
    let svc: TfResource | Unknown | undefined;
    const spec = IAM_BY_TYPE.get(r.type)!;
    for (const { role, members, attribute } of list) {
      const publicMembers = members.filter((m) => typeof m === 'string' && PUBLIC_MEMBERS.has(m));
      const unknownMember = members.some(mayBePublic);
      if (publicMembers.length === 0) {
        if (unknownMember) results.push(unknown(attribute));
        continue;
      }
      if (role === UNKNOWN || isUnknown(role)) {
        results.push(unknown('role'));
        continue;
      }
      svc ??= spec.target === 'job' || spec.target === 'pool' ? UNKNOWN : target(r, model);
      const ingress = svc === UNKNOWN ? UNKNOWN : serviceIngress(svc);
      const targetAttr =
        svc === UNKNOWN ? `${spec.nameField} (the service is not in this configuration)` : `${svc.address}.ingress`;
      for (const who of publicMembers)
        results.push(judge(who, String(role), attribute, spec.target, ingress, targetAttr));
    }
    return results;
  },
};
