/**
 * Who and what a Cloud Run revision lets in and runs: customer-managed encryption keys and Binary Authorization.
 * (Public access through `invoker_iam_disabled` is judged with the public invoker rule, which reads ingress too.)
 * Sources: "Using customer managed encryption keys" (https://cloud.google.com/run/docs/securing/using-cmek);
 * googleapis/googleapis `google/cloud/run/v2/vendor_settings.proto` (BinaryAuthorization: "oneof binauthz_method",
 * breakglass_justification: "If use_default is False, then it must be empty").
 */
import { CheckLevel } from '../../core/levels';
import { Pack } from '../rule';
import { type CloudRunRule, type CloudRunViolation, V2 } from './facts';

/** A Cloud KMS key: `projects/P/locations/L/keyRings/R/cryptoKeys/K`. */
export const KMS_CRYPTO_KEY = /^projects\/[^/]+\/locations\/[^/]+\/keyRings\/[^/]+\/cryptoKeys\/[^/]+$/;
/**
 * A Binary Authorization policy for Cloud Run: `projects/P/platforms/cloudRun/NAME` as the API field documents it, or
 * `projects/P/platforms/cloudRun/policies/NAME`, the platform policy's resource name.
 */
export const BINARY_AUTHORIZATION_POLICY = /^projects\/[^/]+\/platforms\/cloudRun\/(policies\/)?[^/]+$/;
/** The role the Cloud Run service agent needs on a CMEK key. */
export const CMEK_ROLE = 'roles/cloudkms.cryptoKeyEncrypterDecrypter';

/** The Cloud Run service agent of a project, which encrypts and decrypts with a CMEK key. */
export function cloudRunServiceAgent(projectNumber: string): string {
  return `service-${projectNumber}@serverless-robot-prod.iam.gserviceaccount.com`;
}

const CMEK_PAGE = '"Using customer managed encryption keys", https://cloud.google.com/run/docs/securing/using-cmek';

export const CLOUD_RUN_ACCESS_RULES: readonly CloudRunRule[] = [
  {
    id: 'GCR-ENCRYPTION-KEY',
    pack: Pack.PLATFORM,
    level: CheckLevel.ERROR,
    suppressible: false,
    appliesTo: V2,
    title: 'A customer-managed encryption key is a Cloud KMS key name: projects/…/locations/…/keyRings/…/cryptoKeys/…',
    explanation:
      'encryption_key names the Cloud KMS key that encrypts the container image; a key ring, a key version or a short name is not a key. The Cloud Run service agent (service-PROJECT_NUMBER@serverless-robot-prod.iam.gserviceaccount.com) needs roles/cloudkms.cryptoKeyEncrypterDecrypter on it.',
    source: `${CMEK_PAGE}; hashicorp/terraform-provider-google website/docs/r/cloud_run_v2_service.html.markdown (template.encryption_key)`,
    reads: ['encryptionKey'],
    check: ({ encryptionKey }) =>
      encryptionKey !== undefined && !KMS_CRYPTO_KEY.test(encryptionKey)
        ? {
            fact: 'encryptionKey',
            message: `'${encryptionKey}' is not a Cloud KMS key name`,
            fix: "write 'projects/PROJECT/locations/REGION/keyRings/RING/cryptoKeys/KEY'",
          }
        : undefined,
  },
  {
    id: 'GCR-BINARY-AUTHORIZATION',
    pack: Pack.PLATFORM,
    level: CheckLevel.ERROR,
    suppressible: false,
    appliesTo: V2,
    title:
      'Binary Authorization uses the default policy or a named one (projects/…/platforms/cloudRun/…), not both (breakglass with a named policy: a warning)',
    explanation:
      "The API takes either use_default or a policy (a oneof the provider does not enforce) and a policy as its resource name. It documents a breakglass justification as empty unless use_default is true, yet the provider's acceptance tests apply one with a named policy: a warning.",
    source:
      'googleapis/googleapis google/cloud/run/v2/vendor_settings.proto (BinaryAuthorization); hashicorp/terraform-provider-google google/services/cloudrunv2/resource_cloud_run_v2_service_test.go (cloudRunServiceWithDirectVPCAndNamedBinAuthPolicyUpdate); "Binary Authorization for Cloud Run", https://cloud.google.com/binary-authorization/docs/run/enabling-binauthz-cloud-run',
    reads: ['binaryAuthorization'],
    check: ({ binaryAuthorization: b }) => {
      if (!b) return undefined;
      let violations: CloudRunViolation[] | undefined;
      const add = (message: string, fix: string) =>
        (violations ??= []).push({ fact: 'binaryAuthorization', message, fix });
      const policy = b.policy !== undefined && b.policy !== '';
      if (b.useDefault === true && policy)
        add('use_default and a policy are both set; the API takes one', 'keep use_default or the policy');
      if (policy && !BINARY_AUTHORIZATION_POLICY.test(b.policy!))
        add(`policy '${b.policy}' is not a Cloud Run policy name`, "write 'projects/PROJECT/platforms/cloudRun/NAME'");
      if (b.breakglassJustification && b.useDefault !== true) {
        (violations ??= []).push({
          fact: 'binaryAuthorization',
          message:
            'the API documents a breakglass justification with use_default = true only (the provider applies one with a named policy)',
          fix: 'use the default policy for breakglass, or check that the named policy honours it',
          level: CheckLevel.WARNING,
        });
      }
      return violations;
    },
  },
];
