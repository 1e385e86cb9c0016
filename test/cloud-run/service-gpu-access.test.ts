import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { TerraformVariable } from 'cdktf';
import { Billing, BinaryAuthorization, CloudRunService, Gpu, Ingress, checkStack } from '../../lib';
import { IMAGE, serviceTests } from '../support/cloud-run';
import { newStack, only, resources, synth, warnings } from '../support/synth';

const BASE = { region: 'us-central1', image: IMAGE, maxInstances: 3 };
const { build, rejects } = serviceTests(BASE);
const KEY = 'projects/p/locations/us-central1/keyRings/run/cryptoKeys/images';

describe('CloudRunService GPUs', () => {
  test('an L4 derives instance billing and the 4 vCPU / 16 GiB it needs, with one GPU and its accelerator', () => {
    const { res, container, svc } = build({ gpu: Gpu.nvidiaL4() });
    assert.deepEqual(container.resources.limits, { cpu: '4', memory: '16Gi', 'nvidia.com/gpu': '1' });
    assert.equal(container.resources.cpu_idle, false);
    assert.equal(svc.billing, Billing.INSTANCE);
    assert.deepEqual(res.template.node_selector, { accelerator: 'nvidia-l4' });
    assert.equal(res.template.gpu_zonal_redundancy_disabled, false);
    assert.equal(res.launch_stage, undefined);
    assert.deepEqual(warnings(svc), []);
  });

  test('zonal redundancy off is written; the CPU/memory caps of CPU-only instances do not apply', () => {
    const { res } = build({ gpu: Gpu.nvidiaL4({ zonalRedundancy: false }), cpu: 8, memory: '32Gi' });
    assert.equal(res.template.gpu_zonal_redundancy_disabled, true);
    const rtx = build({ gpu: Gpu.nvidiaRtxPro6000(), cpu: 24, memory: '96Gi' });
    assert.deepEqual(rtx.container.resources.limits, { cpu: '24', memory: '96Gi', 'nvidia.com/gpu': '1' });
  });

  test('the Preview RTX PRO 6000 is written with launch_stage BETA', () => {
    const { res, container } = build({ gpu: Gpu.nvidiaRtxPro6000() });
    assert.equal(res.launch_stage, 'BETA');
    assert.deepEqual(container.resources.limits, { cpu: '20', memory: '80Gi', 'nvidia.com/gpu': '1' });
  });

  test('too little CPU or memory for the type, or request billing, is refused', () => {
    rejects(
      { gpu: Gpu.nvidiaL4(), cpu: 2, memory: '8Gi', billing: Billing.REQUEST },
      /cpu = 2: an NVIDIA L4 GPU needs at least 4 vCPU.*\[GCR-GPU\]/,
      /memory = '8Gi': an NVIDIA L4 GPU needs at least 16Gi of memory/,
      /billing = Billing\.REQUEST: a GPU service must use instance-based billing/,
    );
  });

  test('a region without documented GPUs, and no max instances, are warnings', () => {
    const { svc } = build({ gpu: Gpu.nvidiaL4(), region: 'europe-west2', maxInstances: undefined });
    const w = warnings(svc);
    assert.ok(
      w.some((x) =>
        /region = 'europe-west2': Cloud Run does not document GPUs in europe-west2 \[GCR-GPU-REGION\]/.test(x),
      ),
      w.join('\n'),
    );
    assert.ok(
      w.some((x) =>
        /maxInstances = undefined \(not set\): the GPU service sets no max instances.*zonal-redundancy GPU quota.*\[GCR-GPU-MAX-INSTANCES\]/.test(
          x,
        ),
      ),
    );
  });

  test('misspelt GPU options are refused', () => {
    rejects(
      { gpu: Gpu.nvidiaL4({ zonalRedundant: false } as never) },
      /gpu\.zonalRedundant = false: 'zonalRedundant' is not a known prop/,
    );
  });
});

describe('CloudRunService access', () => {
  test('invokerIamDisabled is written and acknowledged as intent in the policy checks', () => {
    const { res, stack } = build({ invokerIamDisabled: true });
    assert.equal(res.invoker_iam_disabled, true);
    const publicInvoker = checkStack(stack).filter((f) => f.ruleId === 'GCR-PUBLIC-INVOKER');
    assert.equal(publicInvoker.length, 1);
    assert.match(publicInvoker[0].suppressed?.reason ?? '', /invokerIamDisabled: true on CloudRunService 'test\/Api'/);
  });

  test('custom audiences, session affinity and Binary Authorization are written', () => {
    const { res } = build({
      customAudiences: ['https://api.example.com'],
      sessionAffinity: true,
      binaryAuthorization: BinaryAuthorization.projectDefault({ breakglassJustification: 'INC-42' }),
    });
    assert.deepEqual(res.custom_audiences, ['https://api.example.com']);
    assert.equal(res.template.session_affinity, true);
    assert.deepEqual(res.binary_authorization, { use_default: true, breakglass_justification: 'INC-42' });
    const named = build({ binaryAuthorization: BinaryAuthorization.policy('projects/p/platforms/cloudRun/strict') });
    assert.deepEqual(named.res.binary_authorization, { policy: 'projects/p/platforms/cloudRun/strict' });
    rejects(
      { binaryAuthorization: BinaryAuthorization.policy('strict') },
      /binaryAuthorization = 'strict': policy 'strict' is not a Cloud Run policy name \[GCR-BINARY-AUTHORIZATION\]/,
    );
  });

  test('a CMEK key is written, its format checked, and the Cloud Run service agent granted the key role first', () => {
    const { res, json } = build({ encryptionKey: KEY });
    assert.equal(res.template.encryption_key, KEY);
    const grant = only(json, 'google_kms_crypto_key_iam_member');
    assert.equal(grant.crypto_key_id, KEY);
    assert.equal(grant.role, 'roles/cloudkms.cryptoKeyEncrypterDecrypter');
    assert.match(
      grant.member,
      /^serviceAccount:service-\$\{data\.google_project\.\w+\.number\}@serverless-robot-prod\.iam\.gserviceaccount\.com$/,
    );
    assert.deepEqual(res.depends_on, [
      `google_kms_crypto_key_iam_member.${Object.keys(resources(json, 'google_kms_crypto_key_iam_member'))[0]}`,
    ]);
    rejects(
      { encryptionKey: 'projects/p/locations/us-central1/keyRings/run' },
      /encryptionKey = 'projects\/p\/locations\/us-central1\/keyRings\/run': .* is not a Cloud KMS key name \[GCR-ENCRYPTION-KEY\]/,
    );
  });

  test('a key given as a reference is written as is, its format not judged, and the agent granted on it', () => {
    const stack = newStack();
    const key = new TerraformVariable(stack, 'key', { type: 'string' }).stringValue;
    new CloudRunService(stack, 'Api', { ...BASE, encryptionKey: key });
    const json = synth(stack);
    assert.equal(only(json, 'google_cloud_run_v2_service').template.encryption_key, '${var.key}');
    assert.equal(only(json, 'google_kms_crypto_key_iam_member').crypto_key_id, '${var.key}');
  });

  test('grantIapAccess grants the IAP role to the member and run.invoker to the IAP service agent once', () => {
    const stack = newStack();
    const svc = new CloudRunService(stack, 'Api', { ...BASE, ingress: Ingress.INTERNAL_AND_LOAD_BALANCER });
    svc.grantIapAccess('group:staff@example.com');
    svc.grantIapAccess('user:ana@example.com');
    const json = synth(stack);
    const iap = Object.values(resources(json, 'google_iap_web_cloud_run_service_iam_member'));
    assert.deepEqual(
      iap.map((m) => [m.member, m.role]),
      [
        ['group:staff@example.com', 'roles/iap.httpsResourceAccessor'],
        ['user:ana@example.com', 'roles/iap.httpsResourceAccessor'],
      ],
    );
    const invoker = only(json, 'google_cloud_run_v2_service_iam_member');
    assert.match(
      invoker.member,
      /^serviceAccount:service-\$\{data\.google_project\.\w+\.number\}@gcp-sa-iap\.iam\.gserviceaccount\.com$/,
    );
    assert.equal(invoker.role, 'roles/run.invoker');
    assert.throws(
      () => svc.grantIapAccess('allUsers'),
      /grantIapAccess\(member\) = 'allUsers'.*\[GCR-INVOKER-MEMBER\]/s,
    );
  });

  test('the checker finds no error in a GPU service with CMEK and Binary Authorization', () => {
    const { stack } = build({
      gpu: Gpu.nvidiaL4({ zonalRedundancy: false }),
      encryptionKey: KEY,
      binaryAuthorization: BinaryAuthorization.projectDefault(),
    });
    assert.deepEqual(
      checkStack(stack).filter((f) => f.status === 'fail' && f.level === 'error'),
      [],
    );
  });
});
