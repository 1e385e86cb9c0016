/**
 * fromAppYaml writes what the file means: keys App Engine reads as unset stay unset, nothing the file does not say is
 * added, and each choice the library would make otherwise is reported (applyRecommendations opts into them).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AppEngineStandardService } from '../../lib/app-engine/app-engine-standard-service';
import { Deployment } from '../../lib/app-engine/deployment';
import { ValidationError } from '../../lib/core/validation';
import { PolicyChecks } from '../../lib';
import { infos, newStack, only, synth, warnings } from '../support/synth';

const deployment = Deployment.zip('https://storage.googleapis.com/b/app.zip');

function load(yaml: string, applyRecommendations = false) {
  const stack = newStack();
  AppEngineStandardService.fromAppYaml(stack, 'svc', { yaml, deployment, applyRecommendations });
  const json = synth(stack);
  return { stack, json: only(json, 'google_app_engine_standard_app_version'), all: json };
}

function refused(yaml: string): ValidationError {
  try {
    AppEngineStandardService.fromAppYaml(newStack(), 'svc', { yaml, deployment });
  } catch (e) {
    assert.ok(e instanceof ValidationError, `expected a ValidationError, got ${String(e)}`);
    return e;
  }
  assert.fail('the app.yaml was accepted');
}

const RUNTIME = 'runtime: python313\n';

describe('fromAppYaml: keys App Engine reads as unset', () => {
  test('an env_variables key with only comments under it, and an empty service_account, are unset', () => {
    const { json } = load(`${RUNTIME}env_variables:\n  # DJANGO_SETTINGS_MODULE: mysite.settings\nservice_account:\n`);
    assert.equal(json.env_variables, undefined);
    assert.equal(json.service_account, undefined);
  });
});

describe('fromAppYaml: keys that are not in the python3 reference but mean something', () => {
  test('default_expiration becomes the expiration of each static handler without its own', () => {
    const { json } = load(`${RUNTIME}entrypoint: gunicorn -b :$PORT main:app
default_expiration: 1d 2h
handlers:
- url: /static
  static_dir: static
- url: /favicon\\.ico
  static_files: favicon.ico
  upload: favicon\\.ico
  expiration: 5m
- url: /.*
  script: auto
`);
    assert.equal(json.handlers[0].static_files.expiration, '93600s');
    assert.equal(json.handlers[1].static_files.expiration, '300s');
    assert.equal(json.handlers[2].static_files, undefined);
  });

  test('module is read as service, with a warning; module and service together are refused', () => {
    const { json, stack } = load(`${RUNTIME}module: backend\n`);
    assert.equal(json.service, 'backend');
    assert.ok(
      warnings(stack).some(
        (w) => w.startsWith("app.yaml module = 'backend'") && w.includes('[GAE-YAML-DEPRECATED-KEY]'),
      ),
    );
    assert.match(
      refused(`${RUNTIME}module: a\nservice: b\n`).message,
      /both 'module' and 'service'.*\[GAE-YAML-DEPRECATED-KEY\]/,
    );
  });

  test('admin_console is a legacy key: a warning, never "unknown key"', () => {
    const { stack } = load(`${RUNTIME}admin_console:\n  pages:\n  - name: Stats\n    url: /stats\n`);
    const w = warnings(stack).find((x) => x.startsWith('app.yaml admin_console'));
    assert.match(w ?? '', /no effect on python3.*\[GAE-YAML-NO-EFFECT\]/);
  });
});

describe('fromAppYaml: what production configs deploy', () => {
  test('GAE_USE_SOCKETS_HTTPLIB (chromestatus) is kept and warned about; a runtime variable is refused', () => {
    const { json, stack } = load(`${RUNTIME}env_variables:\n  GAE_USE_SOCKETS_HTTPLIB: ''\n  REDISPORT: 6379\n`);
    assert.deepEqual(json.env_variables, { GAE_USE_SOCKETS_HTTPLIB: '', REDISPORT: '6379' });
    assert.ok(warnings(stack).some((w) => w.includes('[GAE-ENV-RESERVED]')));
    assert.match(refused(`${RUNTIME}env_variables:\n  GAE_SERVICE: x\n`).message, /\[GAE-ENV-NAME\]/);
  });

  test('a script other than auto: with an entrypoint (catapult) a warning and written as auto; without one refused', () => {
    const { json, stack } = load(`${RUNTIME}entrypoint: gunicorn -b :$PORT dashboard.dispatcher:APP
handlers:
- url: /.*
  script: dashboard.dispatcher.APP
  secure: always
`);
    assert.equal(json.handlers[0].script.script_path, 'auto');
    assert.ok(
      warnings(stack).some(
        (w) =>
          w.startsWith("app.yaml handlers[0].script = 'dashboard.dispatcher.APP'") && w.includes('[GAE-YAML-SCRIPT]'),
      ),
    );
    const e = refused(`${RUNTIME}handlers:\n- url: /.*\n  script: main.app\n`);
    assert.deepEqual(
      e.problems.map((p) => [p.prop, p.ruleId]),
      [['app.yaml handlers[0].script', 'GAE-YAML-SCRIPT']],
    );
  });

  test('inbound mail is kept (it works with app_engine_apis); without app_engine_apis, and XMPP, are warned about', () => {
    const mail = load(`${RUNTIME}app_engine_apis: true\ninbound_services:\n- mail\n- mail_bounce\n`);
    assert.deepEqual(mail.json.inbound_services, ['INBOUND_SERVICE_MAIL', 'INBOUND_SERVICE_MAIL_BOUNCE']);
    assert.equal(mail.json.app_engine_apis, true);
    assert.deepEqual(
      warnings(mail.stack).filter((w) => w.includes('inbound_services')),
      [],
    );
    const bare = load(`${RUNTIME}inbound_services:\n- mail\n- xmpp_message\n- warmup\n`);
    assert.deepEqual(bare.json.inbound_services, [
      'INBOUND_SERVICE_WARMUP',
      'INBOUND_SERVICE_MAIL',
      'INBOUND_SERVICE_XMPP_MESSAGE',
    ]);
    const w = warnings(bare.stack).filter((x) => x.startsWith('app.yaml inbound_services'));
    assert.equal(w.length, 2);
    assert.ok(w[0].includes('app_engine_apis: true') && w[0].includes('[GAE-YAML-INBOUND-SERVICE]'));
    assert.ok(w[1].includes('no effect on python3') && w[1].includes('[GAE-YAML-NO-EFFECT]'));
  });
});

describe('fromAppYaml: nothing the file does not say', () => {
  const SCALED = `${RUNTIME}instance_class: F2
entrypoint: gunicorn -b :$PORT -w 4 --threads 2 --timeout 0 main:app
automatic_scaling:
  min_instances: 1
  max_instances: 5
handlers:
- url: /.*
  script: auto
`;

  test('no max_concurrent_requests, warmup or HTTPS-only the file did not write; each is reported instead', () => {
    const { json, stack } = load(SCALED);
    assert.equal(json.automatic_scaling.max_concurrent_requests, undefined);
    assert.equal(json.inbound_services, undefined);
    assert.equal(json.handlers[0].security_level, 'SECURE_DEFAULT');
    const w = warnings(stack);
    assert.ok(w.some((x) => x.includes('[GAE-WARMUP-MIN-INSTANCES]')));
    // The warning names the handler's key in the file and what the import wrote for it (it named 'handlers = undefined').
    assert.ok(
      w.some(
        (x) => x.startsWith("app.yaml handlers[0].secure = 'SECURE_DEFAULT': handler") && x.includes('[GAE-HTTPS]'),
      ),
      w.join('\n'),
    );
    // App Engine's default of 10 against gunicorn's 8: the capacity warning, with the value to write, said once (it was
    // said a second time as an information about the same missing setting).
    const capacity = [...w, ...infos(stack)].filter((x) => x.includes('max_concurrent_requests'));
    assert.equal(capacity.length, 1, capacity.join('\n'));
    assert.match(
      capacity[0],
      /max_concurrent_requests 10 \(the platform default\) exceeds gunicorn's capacity of 8 .*\[GAE-SERVER-CAPACITY\]\. set max_concurrent_requests to 8/,
    );
  });

  test('a server that could take more than App Engine sends is an information: nothing is wrong, more would fit', () => {
    const { stack } = load(SCALED.replace('-w 4 --threads 2', '-w 4 --threads 8'));
    const said = [...warnings(stack), ...infos(stack)].filter((x) => x.includes('max_concurrent_requests'));
    assert.equal(said.length, 1, said.join('\n'));
    assert.match(
      said[0],
      /^app\.yaml automatic_scaling\.max_concurrent_requests = .*gunicorn serves 32 at once \[GAE-YAML-RECOMMENDATION\]/,
    );
    assert.ok(infos(stack).includes(said[0]));
  });

  test("applyRecommendations: the library's choices (max_concurrent_requests, warmup, SECURE_ALWAYS)", () => {
    const { json } = load(SCALED, true);
    assert.equal(json.automatic_scaling.max_concurrent_requests, 8);
    assert.deepEqual(json.inbound_services, ['INBOUND_SERVICE_WARMUP']);
    assert.equal(json.handlers[0].security_level, 'SECURE_ALWAYS');
  });

  test("a file without handlers gets none (App Engine's default handler), warned about by GAE-HTTPS", () => {
    const { json, stack } = load(`${RUNTIME}entrypoint: gunicorn -b :$PORT main:app\n`);
    assert.equal(json.handlers, undefined);
    assert.ok(warnings(stack).some((w) => w.includes('no handler is written') && w.includes('[GAE-HTTPS]')));
    assert.equal(
      load(`${RUNTIME}entrypoint: gunicorn -b :$PORT main:app\n`, true).json.handlers[0].security_level,
      'SECURE_ALWAYS',
    );
  });

  test('gunicorn -c config.py reads workers and threads from a file: capacity and timeouts are not judged as 1 × 1', () => {
    const { stack } = load(`${RUNTIME}entrypoint: gunicorn -c gunicorn.conf.py main:app
automatic_scaling:
  max_concurrent_requests: 80
  max_instances: 3
handlers:
- url: /.*
  script: auto
  secure: always
`);
    assert.deepEqual(
      warnings(stack).filter((w) => /GAE-SERVER-/.test(w)),
      [],
    );
  });
});

describe('fromAppYaml: YAML that cannot be read is a ValidationError, never a ReferenceError', () => {
  test('an alias without its anchor', () => {
    const e = refused(`${RUNTIME}env_variables: *shared\n`);
    assert.deepEqual(
      e.problems.map((p) => p.ruleId),
      ['GAE-YAML-SYNTAX'],
    );
    assert.match(e.message, /malformed YAML: .*alias/i);
  });

  test('an alias bomb stops at the alias limit', () => {
    const bomb = [
      'a: &a ["x","x","x","x","x","x","x","x","x"]',
      'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
      'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
      'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
      'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
      'f: [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
    ].join('\n');
    const e = refused(`${RUNTIME}${bomb}\n`);
    assert.deepEqual(
      e.problems.map((p) => p.ruleId),
      ['GAE-YAML-SYNTAX'],
    );
  });

  test('aliases a real file uses still read', () => {
    const { json } = load(`${RUNTIME}entrypoint: gunicorn -b :$PORT main:app\nenv_variables: &env\n  A: "1"\n`);
    assert.deepEqual(json.env_variables, { A: '1' });
  });
});

describe('fromAppYaml: every finding names its key and carries an id', () => {
  test('a file with one of each', () => {
    const e = refused(`runtime: python313
threadsafe: true
module: api
automatic_scalling:
  max_instances: 2
includes:
- other.yaml
handlers:
- url: /.*
  script: main.app
env_variables:
  GAE_VERSION: x
`);
    for (const p of [...e.problems, ...e.warnings]) {
      assert.ok(p.prop.startsWith('app.yaml '), p.prop);
      assert.match(p.ruleId ?? '', /^GAE-[A-Z0-9-]+$/, `${p.prop}: ${p.rule}`);
    }
  });
});

describe('fromAppYaml: Direct VPC egress', () => {
  test("'vpc_access' is App Engine's Direct VPC egress, which the provider cannot write: refused by name, not as a typo", () => {
    const e = refused(`${RUNTIME}entrypoint: gunicorn -b :$PORT main:app
vpc_access:
  network_interfaces:
  - network: default
    subnetwork: default
  vpc_egress: private-ranges-only
`);
    const found = e.problems.filter((p) => p.prop === 'app.yaml vpc_access');
    assert.equal(found.length, 1, e.message);
    assert.equal(found[0].ruleId, 'GAE-YAML-NOT-SUPPORTED');
    assert.match(found[0].rule, /'vpc_access' cannot be deployed through Terraform/);
    assert.match(found[0].fix, /use vpc_access_connector with a Serverless VPC Access connector/);
    assert.ok(!e.message.includes('spelling'), e.message);
  });
});

describe('fromAppYaml: what the reader records reaches the policy checks', () => {
  test('a file without an entrypoint and with a key of no effect passes the checks, which report the findings', () => {
    // 26 of 115 public app.yaml files made checkStack throw: the reader's ids were not in the rule registry.
    const { stack } = load(`${RUNTIME}threadsafe: true\n`);
    const findings = PolicyChecks.checkStack(stack).filter((f) => f.ruleId.startsWith('GAE-YAML-'));
    assert.deepEqual(findings.map((f) => [f.ruleId, f.level]).sort(), [
      ['GAE-YAML-NO-EFFECT', 'warning'],
      ['GAE-YAML-RECOMMENDATION', 'warning'], // no entrypoint: App Engine's default gunicorn command is written
    ]);
    // max_concurrent_requests left to App Engine (10) against the default command's one sync worker: one warning.
    const capacity = PolicyChecks.checkStack(stack).filter((f) => /max_concurrent_requests/.test(f.problem));
    assert.deepEqual(
      capacity.map((f) => [f.ruleId, f.level]),
      [['GAE-SERVER-CAPACITY', 'warning']],
    );
    assert.ok(PolicyChecks.ruleInfos().some((r) => r.id === 'GAE-YAML-RECOMMENDATION' && r.suppressible));
  });
});
