/**
 * Every input gets a clear answer: wrong types, misspelt keys and enum values, unprintable values, factory options,
 * tokens per value, and what a construct accepts passing its own checks.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { TerraformVariable } from 'cdktf';
import {
  Billing,
  CloudRunService,
  type CloudRunServiceProps,
  Errors,
  ExecutionEnvironment,
  Gunicorn,
  Ingress,
  PolicyChecks,
  Probe,
  VpcAccess,
  VpcEgress,
} from '../../lib';
import { SERVICE_ACCOUNT_ID } from '../../lib/platform/service-account';
import type { ValidationError } from '../../lib/core/validation';
import { found, refused as refusedBy } from '../support/errors';
import { newStack, only, resources, synth } from '../support/synth';

const BASE = {
  region: 'us-central1',
  image: 'us-docker.pkg.dev/p/r/app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
  maxInstances: 10,
};

function refused(props: Record<string, unknown>): ValidationError {
  const e = refusedBy(() => new CloudRunService(newStack(), 'Api', { ...BASE, ...props } as CloudRunServiceProps));
  assert.equal(e.constructPath, 'test/Api');
  return e;
}

const tokenNumber = (stack = newStack()) => new TerraformVariable(stack, 'n', { type: 'number' }).numberValue;
const tokenString = (stack = newStack()) => new TerraformVariable(stack, 's', { type: 'string' }).stringValue;

describe('CloudRunService: values that cannot be printed are printed safely', () => {
  test('a BigInt, a circular object, a symbol, a function and a Proxy that throws', () => {
    const circular: Record<string, unknown> = { a: 1 };
    circular.self = circular;
    const hostile = new Proxy(
      {},
      {
        get: () => {
          throw new Error('boom');
        },
        ownKeys: () => {
          throw new Error('boom');
        },
      },
    );
    const e = refused({ cpu: 10n, labels: circular, memory: Symbol('m'), image: () => 1, env: hostile });
    assert.match(e.message, /cpu = 10n: expected a number, got a bigint\. Fix: pass a Number, not a BigInt: 10/);
    assert.match(e.message, /labels\.self = \{"a":1,"self":"\[circular\]"\}/);
    assert.match(e.message, /memory = Symbol\(m\)/);
    assert.match(e.message, /image = \[function image\]/);
    assert.match(e.message, /env = \(unreadable\): the value cannot be read/);
  });

  test('a long value is cut, and control characters never break the one-line problem', () => {
    const e = refused({ serviceName: `a\n\u001b[31m${'x'.repeat(500)}` });
    const line = e.message.split('\n').find((l) => l.includes('serviceName'))!;
    assert.ok(line.length < 600, line);
    assert.ok(!line.includes('\u001b') && line.includes('\\u001b'), line);
  });
});

describe('CloudRunService: factory options are checked by the construct, under the prop name', () => {
  test('wrong types never throw a TypeError and are reported with the construct path', () => {
    const e = refused({
      startupProbe: Probe.http({ path: 123 as never, port: Number.NaN }),
      server: Gunicorn.wsgi({ app: 'main:app', extraArgs: 5 as never, preload: 'false' as never }),
      vpcAccess: VpcAccess.directVpc(undefined as never),
    });
    assert.deepEqual(found(e).sort(), [
      'server.extraArgs: expected a list of strings, got a number',
      'server.preload: expected a boolean, got a string',
      'startupProbe.path: expected a string, got a number',
      'startupProbe.port: expected a number, got NaN',
      'vpcAccess: expected the options of VpcAccess.directVpc (it is required)',
    ]);
    assert.match(e.message, /server\.preload = 'false'.*Fix: write the boolean false, not the string 'false'/);
  });

  test('misspelt option keys and enum values get the closest as a suggestion', () => {
    const e = refused({
      startupProbe: Probe.tcp({ periodSecond: 5 } as never),
      server: Gunicorn.wsgi({ app: 'main:app', wrokers: 2 } as never),
      vpcAccess: VpcAccess.connector('projects/p/locations/l/connectors/c', 'bogus' as VpcEgress),
      ingress: 'internal' as Ingress,
    });
    assert.match(
      e.message,
      /startupProbe\.periodSecond = 5: 'periodSecond' is not a known option\. Fix: did you mean 'periodSeconds'\?/,
    );
    assert.match(e.message, /server\.wrokers = 2: .*did you mean 'workers'\?/);
    assert.match(e.message, /vpcAccess\.egress = 'bogus': 'bogus' is not one of VpcEgress\.ALL_TRAFFIC/);
    assert.match(e.message, /ingress = 'internal': .*did you mean Ingress\.INTERNAL_ONLY/);
  });

  test('a string where a list is expected is refused, not rendered letter by letter', () => {
    const e = refused({ server: Gunicorn.wsgi({ app: 'main:app', extraArgs: '--preload' as never }) });
    assert.match(
      e.message,
      /server\.extraArgs = '--preload': expected a list of strings, got a string\. Fix: wrap it in a list: \['--preload'\]/,
    );
  });

  test('a probe port outside 1 to 65535 is refused by the probe rule', () => {
    const e = refused({ startupProbe: Probe.tcp({ port: 70000 }), livenessProbe: Probe.http({ port: 0 }) });
    assert.deepEqual(found(e), ['startupProbe.port: GCR-STARTUP-PROBE', 'livenessProbe.port: GCR-LIVENESS-PROBE']);
    const stack = newStack();
    new CloudRunService(stack, 'Api', { ...BASE, startupProbe: Probe.tcp({ port: 65535 }) });
    assert.equal(
      only(synth(stack), 'google_cloud_run_v2_service').template.containers[0].startup_probe.tcp_socket.port,
      65535,
    );
  });
});

describe('CloudRunService: extraArgs cannot contradict the flags the profile renders', () => {
  const args = (extraArgs: string[]) => refused({ server: Gunicorn.wsgi({ app: 'main:app', extraArgs }) });
  test('every spelling of a rendered flag is refused, with the option that sets it', () => {
    for (const extra of [
      ['--timeout', '30'],
      ['--timeout=30'],
      ['-t30'],
      ['--time', '30'],
      ['-w', '4'],
      ['--bind=:80'],
      ['--preload'],
      ['--threads', '2'],
    ]) {
      const e = args(extra);
      assert.deepEqual(
        e.problems.map((p) => p.prop),
        ['server.extraArgs.0'],
        extra.join(' '),
      );
    }
    assert.match(args(['--timeout', '30']).message, /remove it; --timeout is set by timeout/);
    assert.match(args(['--preload']).message, /--preload is set by preload: true/);
  });

  test('an abbreviated --worker-class is refused as -k is, at the index of the option', () => {
    const message = (extraArgs: string[]) => args(extraArgs).message;
    const byPrefix = message(['--log-level', 'info', '--worker-cl', 'gevent']);
    assert.match(
      byPrefix,
      /server\.extraArgs\.2 = \["--worker-cl","gevent"\]: worker class 'gevent' is not a sync or gthread worker/,
    );
    assert.equal(byPrefix.replace('"--worker-cl"', '"-k"'), message(['--log-level', 'info', '-k', 'gevent']));
  });

  test('other flags are kept, and the result passes the checks', () => {
    const stack = newStack();
    const svc = new CloudRunService(stack, 'Api', {
      ...BASE,
      server: Gunicorn.wsgi({ app: 'main:app', extraArgs: ['--log-level', 'debug', '--max-requests=1000'] }),
    });
    assert.match(svc.commandLine!, /--log-level debug --max-requests=1000 main:app$/);
    const errors = PolicyChecks.checkTerraform(synth(stack)).filter((f) => f.level === 'error' && !f.suppressed);
    assert.deepEqual(errors, []);
  });

  test('an ASGI profile refuses --worker-class but leaves --threads alone', () => {
    refused({ server: Gunicorn.asgi({ app: 'main:app', extraArgs: ['-k', 'sync'] }) });
    new CloudRunService(newStack(), 'Api', {
      ...BASE,
      server: Gunicorn.asgi({ app: 'main:app', extraArgs: ['--threads', '2'] }),
    });
  });
});

describe('CloudRunService: every problem at once', () => {
  test('a misspelt key does not hide the range errors of the other props', () => {
    const e = refused({ cpu: 6, memroy: '8Gi' });
    assert.deepEqual(found(e), ["memroy: 'memroy' is not a known prop", 'memory: GCR-MEMORY-FOR-CPU']);
    assert.match(e.message, /did you mean 'memory'\?/);
  });

  test('an invalid server app does not hide the timeout, probe and memory rules', () => {
    const e = refused({
      server: Gunicorn.wsgi({ app: 'not an app', workers: 4, threads: 1, timeout: 30, memoryPerWorker: '300Mi' }),
      startupProbe: Probe.tcp(),
      requestTimeout: 600,
    });
    assert.deepEqual(
      found(e).sort(),
      [
        'server.app: the app must be a Python import path such as `main:app` or `mysite.wsgi:application`',
        'server: GCR-SERVER-MEMORY',
        'server: GCR-SERVER-TIMEOUT',
        'startupProbe: GCR-SERVER-STARTUP-PROBE',
      ].sort(),
    );
  });

  test('a wrong-typed prop is set aside: the rules reading it are skipped, the others judge', () => {
    const e = refused({ memory: 512, cpu: 3, concurrency: 2000 });
    assert.deepEqual(found(e), [
      'memory: expected a string, got a number',
      'cpu: GCR-CPU-VALUE',
      'concurrency: GCR-CONCURRENCY-RANGE',
    ]);
  });
});

describe('CloudRunService: memory quantities are Kubernetes quantities', () => {
  test('spaces anywhere are refused with the fix', () => {
    for (const memory of ['512Mi ', ' 1Gi', '1 Gi', '1Gi\n']) {
      const e = refused({ memory });
      assert.deepEqual(found(e), ['memory: GCR-MEMORY-RANGE'], JSON.stringify(memory));
      assert.match(e.message, /memory is not a valid quantity.*Fix: write it like '512Mi' or '2Gi'/);
    }
  });
});

describe('CloudRunService: tokens skip exactly the rules that read their value', () => {
  test('one token in a probe option leaves the other options judged', () => {
    const stack = newStack();
    const failureThreshold = tokenNumber(stack);
    let caught: unknown;
    try {
      new CloudRunService(stack, 'Api', {
        ...BASE,
        startupProbe: Probe.http({ periodSeconds: 500, failureThreshold }),
      });
    } catch (e) {
      caught = e;
    }
    assert.ok(Errors.isValidationError(caught));
    assert.deepEqual(found(caught), ['startupProbe.periodSeconds: GCR-STARTUP-PROBE']);
  });

  test('a token timeout keeps the concurrency derived from workers × threads', () => {
    const stack = newStack();
    const svc = new CloudRunService(stack, 'Api', {
      ...BASE,
      server: Gunicorn.wsgi({ app: 'main:app', threads: 4, timeout: tokenNumber(stack) }),
    });
    assert.equal(svc.concurrency, 4);
  });

  test('enum props given as tokens are accepted, and billing renders as a condition on the token', () => {
    const stack = newStack();
    new CloudRunService(stack, 'Api', {
      ...BASE,
      ingress: tokenString(stack) as Ingress,
      billing: new TerraformVariable(stack, 'b', { type: 'string' }).stringValue as Billing,
      executionEnvironment: new TerraformVariable(stack, 'e', { type: 'string' }).stringValue as ExecutionEnvironment,
    });
    const res = only(synth(stack), 'google_cloud_run_v2_service');
    assert.equal(res.ingress, '${var.s}');
    assert.equal(res.template.execution_environment, '${var.e}');
    assert.equal(res.template.containers[0].resources.cpu_idle, '${(var.b == "REQUEST") ? true : false}');
  });

  test('a token billing skips the billing rules only', () => {
    const stack = newStack();
    let caught: unknown;
    try {
      new CloudRunService(stack, 'Api', {
        ...BASE,
        backgroundWork: true,
        billing: tokenString(stack) as Billing,
        cpu: 3,
      });
    } catch (e) {
      caught = e;
    }
    assert.ok(Errors.isValidationError(caught));
    assert.deepEqual(found(caught), ['cpu: GCR-CPU-VALUE']);
  });
});

describe('CloudRunService: derived names never collide', () => {
  test('two services whose names share a long prefix get different valid account ids', () => {
    const stack = newStack();
    for (const serviceName of ['customer-orders-processing-service-eu', 'customer-orders-processing-service-us']) {
      new CloudRunService(stack, serviceName, { ...BASE, serviceName });
    }
    const ids = Object.values(resources(synth(stack), 'google_service_account')).map((a) => a.account_id as string);
    assert.equal(new Set(ids).size, 2, ids.join());
    for (const id of ids) {
      assert.ok(id.length <= SERVICE_ACCOUNT_ID.maxLength && id.length >= SERVICE_ACCOUNT_ID.minLength, id);
      assert.match(id, SERVICE_ACCOUNT_ID.pattern);
      assert.match(id, /-run$/);
    }
  });
});
