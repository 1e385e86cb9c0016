/**
 * Security rules over what a Cloud Run resource runs: secrets written as plain environment values, images not pinned
 * by digest, and ingress open to the internet. Constructs and the checker share them; a construct leaves the errors a
 * suppression may accept to the policy checks (see `rulesFor`).
 */
import { CheckLevel } from '../../core/levels';
import { Pack } from '../rule';
import { plainSecretProblem } from '../secrets';
import {
  type CloudRunFacts,
  type CloudRunRule,
  type CloudRunViolation,
  CONTAINERS,
  type EnvFacts,
  type IngressFacts,
  SERVICES,
} from './facts';

/** An image pinned by digest: `@sha256:` and the 64 hex digits of the digest. */
const DIGEST = /@sha256:[0-9a-f]{64}$/;

/** The `ingress` of a v2 service (unset: all traffic). */
export function ingressOfV2(value: string | undefined): IngressFacts {
  if (value === 'INGRESS_TRAFFIC_INTERNAL_ONLY') return 'internal';
  if (value === 'INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER') return 'internal-and-load-balancer';
  return 'all';
}

/** The `run.googleapis.com/ingress` annotation of a v1 service (unset: all traffic). */
export function ingressOfV1(value: string | undefined): IngressFacts {
  if (value === 'internal') return 'internal';
  if (value === 'internal-and-cloud-load-balancing') return 'internal-and-load-balancer';
  return 'all';
}

/** Every container's environment: the ingress container's (fact `env`), then the sidecars' (`sidecarEnv.<i>`). */
function environments(f: Readonly<CloudRunFacts>): Array<{ at: string; env?: readonly EnvFacts[] }> {
  const all: Array<{ at: string; env?: readonly EnvFacts[] }> = [{ at: 'env', env: f.env }];
  f.sidecarEnv?.forEach((env, i) => all.push({ at: `sidecarEnv.${i}`, env }));
  return all;
}

/** Every container's image: the ingress container's (fact `image`), then the sidecars' (`sidecarImages.<i>`). */
function images(f: Readonly<CloudRunFacts>): Array<{ at: string; image?: string }> {
  const all: Array<{ at: string; image?: string }> = [{ at: 'image', image: f.image }];
  f.sidecarImages?.forEach((image, i) => all.push({ at: `sidecarImages.${i}`, image }));
  return all;
}

/** What is wrong with an image reference's pinning, if anything. */
function unpinned(image: string): { message: string; fix: string } | undefined {
  if (DIGEST.test(image)) return undefined;
  const named = image.split('@')[0];
  const base = named.replace(/:[^/:]*$/, '');
  const fix = `pin it by digest: ${base}@sha256:<digest> (gcloud artifacts docker images describe ${named})`;
  if (image.includes('@sha256:')) {
    return {
      message: `image ${image} has a malformed digest: a digest is @sha256: followed by 64 hexadecimal characters`,
      fix,
    };
  }
  const lastPart = image.slice(image.lastIndexOf('/') + 1);
  const tag = lastPart.includes(':') ? lastPart.slice(lastPart.indexOf(':') + 1) : undefined;
  return {
    message:
      tag === undefined || tag === 'latest'
        ? `image ${image} uses ${tag ? 'the :latest tag' : 'no tag (so :latest)'}, which each push moves to a new image`
        : `image ${image} is pinned by tag, which can be moved to another image`,
    fix,
  };
}

export const CLOUD_RUN_SECURITY_RULES: readonly CloudRunRule[] = [
  {
    id: 'GCR-PLAIN-SECRET-ENV',
    pack: Pack.SECURITY,
    // A warning: the platform accepts the value, and the name and value heuristics can be wrong.
    level: CheckLevel.WARNING,
    suppressible: true,
    appliesTo: CONTAINERS,
    title: 'Secrets must come from Secret Manager, not plain environment values',
    explanation:
      'An env value is stored in the revision configuration, readable by anyone with run.services.get and shown in the console and in Terraform state. Flags variables whose name says secret (PASSWORD, SECRET_KEY, API_KEY, TOKEN, ... but not *_URL, *_NAME, *_ID, *_FILE pointers) and values that look like keys (PEM, AWS, Google API keys, GitHub/Slack/Stripe tokens, URLs with passwords), in every container. Prior art: CIS GCP 1.17/1.18 analogue; not covered by checkov or KICS for Cloud Run.',
    source: '"Configure secrets for services", https://cloud.google.com/run/docs/configuring/services/secrets',
    reads: ['env', 'sidecarEnv'],
    check: (f) => {
      let violations: CloudRunViolation[] | undefined;
      for (const { at, env } of environments(f)) {
        for (let i = 0; i < (env ?? []).length; i++) {
          const v = env![i];
          if (v.secret !== undefined) continue;
          const problem = plainSecretProblem(v);
          if (problem === undefined) continue;
          (violations ??= []).push({
            fact: `${at}.${i}` as CloudRunViolation['fact'],
            message: problem,
            fix: 'move the value to Secret Manager and read it from a secret reference (value_source.secret_key_ref; v1: value_from.secret_key_ref) or a secret volume',
            hidesValue: true,
          });
        }
      }
      return violations;
    },
  },
  {
    id: 'GCR-IMAGE-DIGEST',
    pack: Pack.SECURITY,
    level: CheckLevel.WARNING,
    suppressible: true,
    appliesTo: CONTAINERS,
    title: 'Container images should be pinned by digest (@sha256: and 64 hex digits)',
    explanation:
      'A tag (and :latest above all) can be moved to another image, so what runs is not what was reviewed, and a new revision can silently pick up a different image. A digest (`@sha256:` followed by 64 hexadecimal characters) makes deployments reproducible and is what Binary Authorization attests. Prior art: none in checkov/KICS for Cloud Run (supply-chain guidance, SLSA).',
    source:
      '"Deploying container images to Cloud Run" (image digests), https://cloud.google.com/run/docs/deploying; "Container image digests" (sha256 digest format), https://cloud.google.com/artifact-registry/docs/docker/names',
    reads: ['image', 'sidecarImages'],
    check: (f) => {
      let violations: CloudRunViolation[] | undefined;
      for (const { at, image } of images(f)) {
        const problem = image === undefined || image.trim() === '' ? undefined : unpinned(image);
        if (problem) (violations ??= []).push({ fact: at as CloudRunViolation['fact'], ...problem });
      }
      return violations;
    },
  },
  {
    id: 'GCR-INGRESS-ALL',
    pack: Pack.SECURITY,
    level: CheckLevel.INFO,
    suppressible: true,
    appliesTo: SERVICES,
    title: 'Cloud Run ingress allows all traffic',
    explanation:
      'With ingress ALL (the default when ingress is not written) the run.app URL is reachable from the internet, bypassing any load balancer, Cloud Armor or IAP in front of the service. Restrict it to INTERNAL_LOAD_BALANCER when a load balancer fronts the service. Prior art: ecc-266, organization policy run.allowedIngress.',
    source: '"Restrict network ingress for Cloud Run", https://cloud.google.com/run/docs/securing/ingress',
    reads: ['ingress'],
    check: ({ ingress }) =>
      (ingress ?? 'all') === 'all'
        ? {
            fact: 'ingress',
            message: 'ingress allows all traffic, so the run.app URL is reachable from the internet',
            fix: 'restrict ingress to internal and Cloud Load Balancing (v2: INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER; v1: internal-and-cloud-load-balancing) if a load balancer fronts the service',
          }
        : undefined,
  },
];
