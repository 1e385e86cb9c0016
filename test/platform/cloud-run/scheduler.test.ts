import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CheckLevel } from '../../../lib/core/levels';
import {
  CLOUD_SCHEDULER_LIMITS,
  CLOUD_SCHEDULER_RULES,
  cronProblem,
  isTimeZone,
  runJobOf,
  runJobUri,
  type SchedulerFacts,
  targetsRunJob,
} from '../../../lib/platform/cloud-run/scheduler';
import { rulesFor } from '../../../lib/platform/judge';
import { ResourceKind } from '../../../lib/platform/kinds';
import { Pack } from '../../../lib/platform/rule';
import { ruleTests } from './judge';

const { judge: sch, reported, only } = ruleTests(CLOUD_SCHEDULER_RULES);

/** Google's sample URI of a Cloud Run job run (v2), and the v1 form. */
const V2 = 'https://run.googleapis.com/v2/projects/my-project/locations/europe-west1/jobs/nightly:run';
const V1 = 'https://europe-west1-run.googleapis.com/apis/run.googleapis.com/v1/namespaces/my-project/jobs/nightly:run';

describe('Cloud Run job run URIs', () => {
  test("runJobUri writes the Admin API v2 run URI of Google's sample", () => {
    assert.equal(
      runJobUri('p', 'us-central1', 'j'),
      'https://run.googleapis.com/v2/projects/p/locations/us-central1/jobs/j:run',
    );
  });

  test('targetsRunJob: a URI on the Cloud Run Admin API naming a job, v2 or v1, http or https', () => {
    for (const uri of [
      V2,
      V1,
      V2.replace('https:', 'http:'),
      'https://run.googleapis.com/v2/projects/p/locations/r/jobs/j',
    ])
      assert.ok(targetsRunJob(uri), uri);
    for (const uri of [
      undefined,
      'https://example.com/jobs/nightly:run',
      'https://run.googleapis.com/v2/projects/p/locations/r/services/web',
      `https://example.com/?next=${V2}`,
      'https://run.googleapis.com.example.com/jobs/x',
      'ftp://run.googleapis.com/v2/jobs/x',
    ])
      assert.ok(!targetsRunJob(uri), uri);
  });

  test('runJobOf reads the region and job of a v2 or v1 run URI', () => {
    assert.deepEqual(runJobOf(V2), { region: 'europe-west1', job: 'nightly' });
    assert.deepEqual(runJobOf(V1), { region: 'europe-west1', job: 'nightly' });
    assert.equal(runJobOf(undefined), undefined);
    for (const uri of [
      'https://example.com/hook',
      `${V2}ner`,
      `${V1}ner`,
      V2.replace(':run', ''),
      'https://run.googleapis.com/v2/projects/p/locations//jobs/j:run',
      `ftp://mirror/${V1}`,
    ])
      assert.equal(runJobOf(uri), undefined, uri);
  });

  test('runJobOf: a job known only at apply time is no job; an unknown region is left out', () => {
    assert.equal(runJobOf(runJobUri('p', 'europe-west1', '{}')), undefined);
    assert.equal(runJobOf(runJobUri('p', 'europe-west1', 'job-{}')), undefined);
    assert.deepEqual(runJobOf(runJobUri('p', '{}', 'nightly')), { region: undefined, job: 'nightly' });
    assert.deepEqual(runJobOf(V1.replace('europe-west1-run', '{}-run')), { region: undefined, job: 'nightly' });
  });
});

describe('unix-cron schedules', () => {
  const ok = (schedule: string) => assert.equal(cronProblem(schedule), undefined, schedule);
  /** The problem of `schedule`, asserting its level and that its message and fix hold each pattern given. */
  function problem(schedule: string, level: CheckLevel, message: RegExp, fix?: RegExp) {
    const p = cronProblem(schedule);
    assert.ok(p, `${schedule} should have a problem`);
    assert.equal(p.level, level, `${schedule}: ${p.message}`);
    assert.match(p.message, message, schedule);
    if (fix) assert.match(p.fix, fix, schedule);
    return p;
  }

  test('each field at both ends of its range, and one past each', () => {
    const fields = [
      { name: 'minute', min: 0, max: 59 },
      { name: 'hour', min: 0, max: 23 },
      { name: 'day of the month', min: 1, max: 31 },
      { name: 'month', min: 1, max: 12 },
      { name: 'day of the week', min: 0, max: 7 },
    ];
    fields.forEach(({ name, min, max }, i) => {
      const at = (value: string) => ['*', '*', '*', '*', '*'].map((f, k) => (k === i ? value : f)).join(' ');
      ok(at(String(min)));
      ok(at(String(max)));
      ok(at(`${min}-${max}`));
      for (const out of [min - 1, max + 1].filter((n) => n >= 0)) {
        const range = new RegExp(`'${out}' is outside the ${name} field's ${min}-${max}`);
        problem(at(String(out)), CheckLevel.ERROR, range, new RegExp(`use ${min} to ${max}`));
        problem(at(`${min}-${out}`), CheckLevel.ERROR, range);
      }
    });
  });

  test('months and days of the week by name, in any case; the fix names them', () => {
    for (const s of ['0 0 1 JAN *', '0 0 1 dec *', '0 0 * JAN-DEC *', '0 0 * * SUN', '0 0 * * sat', '0 0 * * MON-FRI'])
      ok(s);
    problem(
      '0 0 * DEC-JAN *',
      CheckLevel.ERROR,
      /the range DEC-JAN in the month field runs backwards/,
      /DEC-JAN|JAN-DEC/,
    );
    problem('0 0 * * SAT-SUN', CheckLevel.ERROR, /range SAT-SUN in the day of the week field runs backwards/);
    // A name stands for its number: JAN is 1 (a range from 1 up passes), SUN 0, SAT 6.
    ok('0 0 * 1-JAN *');
    ok('0 0 * * SUN-0');
    ok('0 0 * * 6-SAT');
    problem('0 0 * * 7-SAT', CheckLevel.ERROR, /runs backwards/);
    problem('0 0 * 2-JAN *', CheckLevel.ERROR, /runs backwards/);
    problem('0 0 * 13 *', CheckLevel.ERROR, /month field's 1-12 \(or JAN to DEC\)/, /use 1 to 12 \(or JAN to DEC\)/);
    problem('0 0 * * 8', CheckLevel.ERROR, /day of the week field's 0-7 \(or SUN to SAT\)/);
    const p = problem('60 * * * *', CheckLevel.ERROR, /minute field's 0-59/);
    assert.doesNotMatch(`${p.message} ${p.fix}`, /\(or/);
  });

  test('a name in the wrong field, or a word that is no name, is a warning', () => {
    problem(
      '0 0 * * JAN',
      CheckLevel.WARNING,
      /'JAN' in the day of the week field is neither a number nor a name/,
      /use 0 to 7 \(or SUN to SAT\)/,
    );
    problem('0 0 * MON *', CheckLevel.WARNING, /'MON' in the month field/);
    problem('MON * * * *', CheckLevel.WARNING, /'MON' in the minute field/, /use 0 to 59$/);
    problem('0 0 ? * *', CheckLevel.WARNING, /'\?' in the day of the month field/);
    problem('a1 * * * *', CheckLevel.WARNING, /'a1' in the minute field/);
    problem('1a * * * *', CheckLevel.WARNING, /'1a' in the minute field/);
    problem('0 0 * 1-FOO *', CheckLevel.WARNING, /'FOO' in the month field/);
  });

  test('L (the last day) is refused, in either case', () => {
    for (const l of ['L', 'l'])
      problem(`0 0 ${l} * *`, CheckLevel.ERROR, /does not support L in the day of the month field/, /use 1 to 31/);
    problem('0 0 1-L * *', CheckLevel.ERROR, /does not support L/);
  });

  test('steps: a whole number of at least 1, after * or a range', () => {
    for (const s of ['*/1 * * * *', '*/15 * * * *', '0-30/10 * * * *', '0 9-17/2 * * *']) ok(s);
    for (const step of ['0', 'x', '1a', 'a1', '-1'])
      problem(
        `*/${step} * * * *`,
        CheckLevel.ERROR,
        new RegExp(`the step '/${step}' in the minute field must be a whole number of at least 1`),
        /\*\/5/,
      );
    problem(
      '5/10 * * * *',
      CheckLevel.WARNING,
      /'5\/10' in the minute field puts a step after a single value/,
      /e\.g\. 5-59\/10$/,
    );
    problem('* 3/2 * * *', CheckLevel.WARNING, /hour field/, /e\.g\. 3-23\/2$/);
  });

  test('ranges run forwards; a range of one value passes', () => {
    ok('5-5 * * * *');
    problem(
      '5-4 * * * *',
      CheckLevel.ERROR,
      /the range 5-4 in the minute field runs backwards/,
      /write it as 4-5, or as a list/,
    );
  });

  test('items that are not unix-cron: a warning, except an empty one', () => {
    for (const item of ['1-2-3', '-5', '*/5/2'])
      problem(
        `${item} * * * *`,
        CheckLevel.WARNING,
        new RegExp(`'${item.replace(/[*/]/g, '\\$&')}' in the minute field is not unix-cron`),
        /write the minute field with/,
      );
    problem('1,,2 * * * *', CheckLevel.ERROR, /the minute field has an empty item/);
    problem('0 1, * * *', CheckLevel.ERROR, /the hour field has an empty item/);
    ok('0,15,30,45 * * * *');
    ok('10 * * * *');
    ok('0 10-12 * * *');
  });

  test('every item of every field is judged, the first problem reported', () => {
    problem('0,60 * * * *', CheckLevel.ERROR, /'60'/);
    problem('* * * * 1,9', CheckLevel.ERROR, /'9' is outside the day of the week field/);
    problem('61 25 * * *', CheckLevel.ERROR, /'61' .*minute/);
  });

  test('five fields, whatever the spacing; another count is refused with the count', () => {
    ok('  0 3 * * *  ');
    ok('0\t3  * * *');
    problem('* * * *', CheckLevel.ERROR, /has 4 field\(s\)/, /write five fields/);
    problem('* * * * * *', CheckLevel.ERROR, /has 6 field\(s\)/);
    problem('', CheckLevel.ERROR, /has 0 field\(s\)/);
    problem('   ', CheckLevel.ERROR, /has 0 field\(s\)/);
    problem('everyday', CheckLevel.ERROR, /has 1 field\(s\)/);
  });

  test('the human-readable format Cloud Scheduler supports is noted as not verified (info), not warned about', () => {
    for (const s of ['every 24 hours', 'Every 5 minutes', '  every monday 09:00'])
      problem(
        s,
        CheckLevel.INFO,
        /alternative \(human-readable\) job format, which it supports but these checks do not read/,
        /unix-cron/,
      );
    problem('0 every * * *', CheckLevel.WARNING, /'every' in the hour field is neither a number nor a name/);
  });
});

describe('Cloud Scheduler time zones', () => {
  test('tz database names and aliases are time zones; blanks, offsets and unknown names are not', () => {
    for (const z of [
      'Europe/Paris',
      'America/New_York',
      'Asia/Calcutta',
      'UTC',
      'utc',
      'Etc/UTC',
      'Etc/GMT+5',
      'Etc/GMT-3',
    ])
      assert.ok(isTimeZone(z), z);
    for (const z of ['', ' Europe/Paris', 'Europe/Paris ', '+01:00', '-05:00', 'Mars/Olympus', 'CEST+1'])
      assert.equal(isTimeZone(z), false, z);
  });

  test('SCH-TIME-ZONE suggests the closest name, or a known one when none is close', () => {
    const id = 'SCH-TIME-ZONE';
    for (const timeZone of [undefined, 'Europe/Paris', 'Etc/UTC']) assert.equal(sch(id, { timeZone }).status, 'pass');
    const typo = only(id, { timeZone: 'Europe/Pariss' });
    assert.equal(typo.fact, 'timeZone');
    assert.match(typo.message, /'Europe\/Pariss' is not a tz database time zone name/);
    assert.equal(typo.fix, "use 'Europe/Paris'");
    assert.equal(only(id, { timeZone: 'Etc/UTX' }).fix, "use 'Etc/UTC'");
    // Three edits away is close for any name; a longer name may be a third of its length away, and no more.
    assert.equal(only(id, { timeZone: 'Etc/Uxyz' }).fix, "use 'Etc/UTC'");
    assert.equal(only(id, { timeZone: 'Asia/Tokyooooo' }).fix, "use 'Asia/Tokyo'");
    assert.equal(only(id, { timeZone: 'Europe/Romexxxx' }).fix, "use 'Europe/Rome'");
    assert.match(only(id, { timeZone: 'Asia/Tokyxxxxx' }).fix, /'Europe\/Paris' or 'Etc\/UTC'/);
    assert.match(only(id, { timeZone: 'Mars/Olympus_Mons' }).fix, /use a name such as 'Europe\/Paris' or 'Etc\/UTC'/);
  });
});

describe('Cloud Scheduler rules', () => {
  test('SCH-NAME: letters, digits, hyphens and underscores, 1 to 500 of them', () => {
    const id = 'SCH-NAME';
    for (const name of [undefined, 'nightly_run-1', 'a', 'a'.repeat(500)])
      assert.equal(sch(id, { name }).status, 'pass');
    for (const name of ['', 'a'.repeat(501), 'bad name!', 'x.y', 'ü'])
      assert.deepEqual(reported(id, { name }), ['name'], name);
    const v = only(id, { name: 'nightly run!' });
    assert.match(v.message, /'nightly run!' is not a scheduler job name/);
    assert.equal(v.fix, "use e.g. 'nightly-run-'");
    assert.equal(only(id, { name: '' }).fix, "use e.g. 'nightly-run'");
    assert.equal(only(id, { name: 'a!!b' }).fix, "use e.g. 'a-b'");
    assert.equal(only(id, { name: `${'a'.repeat(600)}` }).fix, `use e.g. '${'a'.repeat(500)}'`);
    assert.equal(only(id, { name: 'b'.repeat(499) + '!!' }).fix, `use e.g. '${'b'.repeat(499)}-'`);
  });

  test("SCH-CRON: the schedule's problem, at its level", () => {
    const id = 'SCH-CRON';
    assert.equal(sch(id, {}).status, 'pass');
    assert.equal(sch(id, { schedule: '0 3 * * *' }).status, 'pass');
    const error = only(id, { schedule: '0 24 * * *' });
    assert.equal(error.fact, 'schedule');
    assert.equal(error.level, CheckLevel.ERROR);
    assert.match(error.message, /'24' is outside the hour field's 0-23/);
    assert.match(error.fix, /use 0 to 23/);
    assert.equal(only(id, { schedule: 'every 2 hours' }).level, CheckLevel.INFO);
  });

  test('SCH-ATTEMPT-DEADLINE: 15 s to 30 min for HTTP targets, to 24 h for App Engine', () => {
    const id = 'SCH-ATTEMPT-DEADLINE';
    const limits = CLOUD_SCHEDULER_LIMITS.attemptDeadline;
    assert.deepEqual(limits, { http: { min: 15, max: 1800 }, 'app-engine': { min: 15, max: 86400 } });
    for (const [target, max] of [
      ['http', 1800],
      ['app-engine', 86400],
    ] as const) {
      for (const t of [undefined, 15, max]) assert.equal(sch(id, { target, attemptDeadlineSeconds: t }).status, 'pass');
      for (const t of [14, max + 1, Number.NaN])
        assert.deepEqual(
          reported(id, { target, attemptDeadlineSeconds: t }),
          ['attemptDeadlineSeconds'],
          `${target} ${t}`,
        );
    }
    const http = only(id, { target: 'http', attemptDeadlineSeconds: 1801 });
    assert.match(http.message, /attempt deadline 1801 s is outside 15 to 1800 seconds for an HTTP target/);
    assert.match(http.fix, /use 15 to 1800 seconds/);
    assert.match(
      only(id, { target: 'app-engine', attemptDeadlineSeconds: 14 }).message,
      /14 s is outside 15 to 86400 seconds for an App Engine target/,
    );
    assert.match(only(id, { target: 'http', attemptDeadlineSeconds: Number.NaN }).message, /not a duration/);
    // Pub/Sub targets have no attempt deadline to judge, nor has a job whose target is not known.
    for (const target of ['pubsub', undefined] as const)
      assert.equal(sch(id, { target, attemptDeadlineSeconds: 99999 }).status, 'pass');
  });

  test('SCH-RETRY-COUNT: a whole number from 0 to 5', () => {
    const id = 'SCH-RETRY-COUNT';
    for (const retryCount of [undefined, 0, 5]) assert.equal(sch(id, { retryCount }).status, 'pass');
    for (const retryCount of [-1, 6, 1.5, Number.NaN]) assert.deepEqual(reported(id, { retryCount }), ['retryCount']);
    assert.match(only(id, { retryCount: 6 }).message, /retry count 6 is outside 0 to 5/);
  });

  test('SCH-AUTH: an OAuth token or an OIDC token, not both', () => {
    const id = 'SCH-AUTH';
    for (const f of [{}, { oauthToken: true }, { oidcToken: true }, { oauthToken: false, oidcToken: true }])
      assert.equal(sch(id, f).status, 'pass');
    const v = only(id, { oauthToken: true, oidcToken: true });
    assert.equal(v.fact, 'oidcToken');
    assert.match(v.message, /both an oauth_token and an oidc_token/);
  });

  test('SCH-RUN-JOB: POST to the run URI with an OAuth token of the cloud-platform scope', () => {
    const id = 'SCH-RUN-JOB';
    const good: SchedulerFacts = { target: 'http', uri: V2, oauthToken: true };
    for (const f of [
      good,
      { ...good, uri: V1 },
      { ...good, httpMethod: 'POST' },
      { ...good, httpMethod: 'post' },
      { ...good, oauthScope: CLOUD_SCHEDULER_LIMITS.cloudPlatformScope },
      // Not a job run: not judged.
      { target: 'http', uri: 'https://example.com/hook', httpMethod: 'GET' },
      { target: 'http', httpMethod: 'GET' },
      { target: 'pubsub', uri: V2, httpMethod: 'GET' },
      { uri: V2, httpMethod: 'GET' },
    ] satisfies SchedulerFacts[])
      assert.equal(sch(id, f).status, 'pass', JSON.stringify(f));

    const uri = only(id, { ...good, uri: V2.replace(':run', '') });
    assert.equal(uri.fact, 'uri');
    assert.match(uri.message, /jobs\/nightly is not the run URI of a Cloud Run job/);
    assert.match(
      uri.fix,
      /use https:\/\/run\.googleapis\.com\/v2\/projects\/PROJECT\/locations\/REGION\/jobs\/JOB:run/,
    );
    for (const bad of [
      `${V2}/x`,
      `x${V2}`.replace('xhttps', 'http'),
      V2.replace('/v2/', '/v1/'),
      V2.replace('projects/my-project/', ''),
      V2.replace('locations/europe-west1/', 'locations//'),
      V2.replace('nightly', ''),
      `${V1}/x`,
      V1.replace('europe-west1-run', 'run'),
      V1.replace('namespaces/my-project', 'namespaces/'),
      V1.replace('/v1/', '/v2/'),
      V1.replace('https:', 'http:'),
      `https://run.googleapis.com/x/${V2}`,
      `https://run.googleapis.com/x/${V1}`,
    ])
      assert.deepEqual(reported(id, { ...good, uri: bad }), ['uri'], bad);

    const method = only(id, { ...good, httpMethod: 'GET' });
    assert.equal(method.fact, 'httpMethod');
    assert.match(method.message, /a job is run with POST, not GET/);

    const oidc = only(id, { target: 'http', uri: V2, oidcToken: true });
    assert.equal(oidc.fact, 'oidcToken');
    assert.match(oidc.message, /takes an OAuth access token; an OIDC token is for calling a service/);
    assert.match(oidc.fix, /send an oauth_token/);
    const none = only(id, { target: 'http', uri: V2 });
    assert.equal(none.fact, 'oauthToken');
    assert.match(none.message, /sends no token, so it is refused/);

    const scope = only(id, { ...good, oauthScope: 'https://www.googleapis.com/auth/run' });
    assert.equal(scope.fact, 'oauthScope');
    assert.match(scope.message, /the OAuth scope https:\/\/www\.googleapis\.com\/auth\/run does not cover/);
    assert.match(scope.fix, new RegExp(`defaults to ${CLOUD_SCHEDULER_LIMITS.cloudPlatformScope}`));
    // A scope is only judged on an OAuth token: without one the missing token is the problem.
    assert.deepEqual(reported(id, { target: 'http', uri: V2, oauthScope: 'x' }), ['oauthToken']);

    // Every problem at once, in order.
    assert.deepEqual(
      reported(id, { target: 'http', uri: `${V2}/x`, httpMethod: 'PUT', oauthToken: true, oauthScope: 'x' }),
      ['uri', 'httpMethod', 'oauthScope'],
    );
    assert.deepEqual(reported(id, { target: 'http', uri: `${V2}/x`, httpMethod: 'PUT', oidcToken: true }), [
      'uri',
      'httpMethod',
      'oidcToken',
    ]);
  });

  test('each rule reads what it judges: a value known only at apply time leaves it unknown', () => {
    const broken: Array<[string, SchedulerFacts]> = [
      ['SCH-NAME', { name: 'bad name' }],
      ['SCH-CRON', { schedule: '* *' }],
      ['SCH-TIME-ZONE', { timeZone: 'Mars/Olympus' }],
      ['SCH-ATTEMPT-DEADLINE', { attemptDeadlineSeconds: 1, target: 'http' }],
      ['SCH-RETRY-COUNT', { retryCount: 9 }],
      ['SCH-AUTH', { oauthToken: true, oidcToken: true }],
      ['SCH-RUN-JOB', { target: 'http', uri: V2, httpMethod: 'GET', oidcToken: true, oauthScope: 'x' }],
    ];
    assert.deepEqual(
      broken.map(([id]) => id),
      CLOUD_SCHEDULER_RULES.map((r) => r.id),
    );
    for (const [id, facts] of broken) {
      assert.equal(sch(id, facts).status, 'fail', id);
      for (const fact of Object.keys(facts)) assert.equal(sch(id, facts, [fact]).status, 'unknown', `${id} ${fact}`);
    }
  });

  test('the rules judge scheduler jobs; what Cloud Scheduler rejects cannot be suppressed', () => {
    assert.deepEqual(rulesFor(CLOUD_SCHEDULER_RULES, ResourceKind.CLOUD_SCHEDULER_JOB), CLOUD_SCHEDULER_RULES);
    assert.deepEqual(rulesFor(CLOUD_SCHEDULER_RULES, ResourceKind.CLOUD_RUN_JOB), []);
    for (const r of CLOUD_SCHEDULER_RULES)
      assert.equal(r.suppressible, !(r.pack === Pack.PLATFORM && r.level === CheckLevel.ERROR), r.id);
    assert.ok(CLOUD_SCHEDULER_RULES.some((r) => r.suppressible));
  });
});
