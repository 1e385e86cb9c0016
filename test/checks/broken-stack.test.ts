import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AppEngineApplication } from '@cdktf/provider-google/lib/app-engine-application';
import { AppEngineFirewallRule } from '@cdktf/provider-google/lib/app-engine-firewall-rule';
import { AppEngineStandardAppVersion } from '@cdktf/provider-google/lib/app-engine-standard-app-version';
import { CloudRunService } from '@cdktf/provider-google/lib/cloud-run-service';
import { CloudRunV2Job } from '@cdktf/provider-google/lib/cloud-run-v2-job';
import { CloudRunV2Service } from '@cdktf/provider-google/lib/cloud-run-v2-service';
import { CloudRunV2ServiceIamMember } from '@cdktf/provider-google/lib/cloud-run-v2-service-iam-member';
import { newStack } from '../support/synth';
import { checkStack } from '../../lib/checks/policy-checks';
import { FindingStatus } from '../../lib/checks/types';

/** A raw stack with one deliberate problem per rule id listed in EXPECTED. */
function brokenStack() {
  const stack = newStack('broken');
  const api = new CloudRunV2Service(stack, 'api', {
    name: 'Api_Service', // GCR-SERVICE-NAME
    location: 'europe-west1',
    deletionProtection: false, // GCR-DELETION-PROTECTION-OFF
    template: {
      // no service account: GCR-DEFAULT-SA; no scaling: GCR-MAX-INSTANCES-UNSET
      executionEnvironment: 'EXECUTION_ENVIRONMENT_GEN1', // GCR-GEN1
      timeout: '1800s', // GCR-LONG-REQUEST-TIMEOUT; gunicorn default 30 s: GCR-SERVER-TIMEOUT
      maxInstanceRequestConcurrency: 80, // GCR-SERVER-CAPACITY (2 workers)
      containers: [
        {
          image: 'gcr.io/p/api:latest', // GCR-IMAGE-DIGEST
          command: ['gunicorn', '-w', '2', 'main:app'], // no --preload + TCP probe: GCR-SERVER-STARTUP-PROBE
          ports: { containerPort: 8080 },
          resources: { limits: { cpu: '3', memory: '512Mi' } }, // GCR-CPU-VALUE; no cpu_idle: GCR-CPU-IDLE-IMPLICIT
          // GCR-STARTUP-PROBE (period above 240 s); GCR-PROBE-TIMEOUT (timeout above the period)
          startupProbe: { tcpSocket: { port: 8080 }, periodSeconds: 300, timeoutSeconds: 400, failureThreshold: 1 },
          livenessProbe: { tcpSocket: { port: 8080 } }, // GCR-LIVENESS-TCP
          env: [{ name: 'DB_PASSWORD', value: 'hunter2hunter2' }], // GCR-PLAIN-SECRET-ENV
        },
      ],
    },
  });
  new CloudRunV2ServiceIamMember(stack, 'public', {
    name: api.name,
    location: api.location,
    role: 'roles/run.invoker',
    member: 'allUsers', // GCR-PUBLIC-INVOKER (ingress unset = all); GCR-INGRESS-ALL
  });
  api.addOverride('template.scaling', { min_instance_count: 3, max_instance_count: 2 }); // GCR-SCALING-RANGE via escape hatch
  new CloudRunV2Job(stack, 'job', {
    name: 'nightly',
    location: 'europe-west1',
    template: {
      template: { containers: [{ image: 'gcr.io/p/job:1', resources: { limits: { cpu: '1', memory: '16Gi' } } }] },
    }, // GCR-MEMORY-FOR-CPU
  });
  new CloudRunService(stack, 'legacy', {
    name: 'legacy',
    location: 'europe-west1',
    template: { spec: { containerConcurrency: 5000, containers: [{ image: 'gcr.io/p/legacy:1' }] } }, // GCR-CONCURRENCY-RANGE
  });
  new AppEngineApplication(stack, 'app', { locationId: 'us-central1' }); // GAE-APP-LOCATION; GAE-SSL-POLICY
  new AppEngineStandardAppVersion(stack, 'web', {
    service: 'default',
    versionId: 'v1',
    runtime: 'python312',
    instanceClass: 'B2', // GAE-CLASS-SCALING (automatic scaling)
    entrypoint: { shell: 'gunicorn -b :$PORT main:app' },
    deployment: { zip: { sourceUrl: 'https://storage.googleapis.com/b/app.zip' } },
    envVariables: { SECRET_KEY: 'django-insecure-xyz' }, // GAE-PLAIN-SECRET-ENV
    handlers: [{ urlRegex: '/.*', securityLevel: 'SECURE_OPTIONAL', script: { scriptPath: 'auto' } }], // GAE-HTTPS
    // no service account: GAE-DEFAULT-SA
  });
  new AppEngineFirewallRule(stack, 'open', { action: 'ALLOW', sourceRange: '*', priority: 1000 }); // GAE-FIREWALL-OPEN
  return stack;
}

const EXPECTED = [
  'GCR-SERVICE-NAME',
  'GCR-DELETION-PROTECTION-OFF',
  'GCR-DEFAULT-SA',
  'GCR-GEN1',
  'GCR-LONG-REQUEST-TIMEOUT',
  'GCR-SERVER-TIMEOUT',
  'GCR-SERVER-CAPACITY',
  'GCR-IMAGE-DIGEST',
  'GCR-SERVER-STARTUP-PROBE',
  'GCR-CPU-VALUE',
  'GCR-CPU-IDLE-IMPLICIT',
  'GCR-STARTUP-PROBE',
  'GCR-PROBE-TIMEOUT',
  'GCR-LIVENESS-TCP',
  'GCR-PLAIN-SECRET-ENV',
  'GCR-PUBLIC-INVOKER',
  'GCR-INGRESS-ALL',
  'GCR-SCALING-RANGE',
  'GCR-MEMORY-FOR-CPU',
  'GCR-CONCURRENCY-RANGE',
  'GAE-APP-LOCATION',
  'GAE-SSL-POLICY',
  'GAE-CLASS-SCALING',
  'GAE-PLAIN-SECRET-ENV',
  'GAE-HTTPS',
  'GAE-DEFAULT-SA',
  'GAE-FIREWALL-OPEN',
];

describe('a deliberately broken raw stack', () => {
  const findings = checkStack(brokenStack());
  const failed = new Set(findings.filter((f) => f.status === FindingStatus.FAIL).map((f) => f.ruleId));
  for (const id of EXPECTED) {
    test(`finds ${id}`, () => assert.ok(failed.has(id), `${id} not found; found ${[...failed].join(', ')}`));
  }
  test('a period past 240 s is reported once, by GCR-STARTUP-PROBE, not again as a startup budget', () => {
    assert.ok(failed.has('GCR-STARTUP-PROBE'));
    assert.equal(failed.has('GCR-STARTUP-BUDGET'), false);
  });
  test('every finding names its construct path', () => {
    assert.deepEqual(
      findings.filter((f) => f.constructPath === undefined).map((f) => f.message),
      [],
    );
  });
  test('nothing is unknown: every value in the stack is literal', () => {
    assert.deepEqual(
      findings.filter((f) => f.status === FindingStatus.UNKNOWN).map((f) => f.message),
      [],
    );
  });
});
