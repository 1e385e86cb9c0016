/**
 * Synthesized `google_cloud_scheduler_job` resources → `SchedulerFacts`, so the scheduler rules judge raw scheduler
 * jobs as they judge the schedules `CloudRunJob.schedule(...)` adds.
 *
 * The HTTP target's URI is read part by part: a value known only at apply time inside it (a project id, a job's
 * `location` or `name` reference) is written `{}`, so the rule about the run URI still judges its shape; a URI that is
 * one interpolation as a whole is unknown.
 * @internal
 */
import { type SchedulerFacts, URI_UNKNOWN_PART } from '../../platform/cloud-run/scheduler';
import type { FactSet } from '../../platform/rule';
import { field, firstBlock, type TerraformModel, type TfResource, UNKNOWN, type Unknown } from '../model';
import { FactBuilder, toNumber, toSeconds, toText, type Writable } from './values';

const ATTRIBUTES: Readonly<Record<keyof SchedulerFacts, string>> = {
  name: 'name',
  schedule: 'schedule',
  timeZone: 'time_zone',
  attemptDeadlineSeconds: 'attempt_deadline',
  retryCount: 'retry_config.retry_count',
  target: 'http_target',
  httpMethod: 'http_target.http_method',
  uri: 'http_target.uri',
  oauthToken: 'http_target.oauth_token',
  oidcToken: 'http_target.oidc_token',
  oauthScope: 'http_target.oauth_token.scope',
};

/**
 * A URI with each interpolation (`${…}`, `%{…}`, with nested braces) written `{}`; `UNKNOWN` when nothing but
 * interpolations is left, `undefined` when it is not a string.
 */
export function maskedUri(value: unknown): string | Unknown | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') return UNKNOWN;
  let out = '';
  let i = 0;
  while (i < value.length) {
    const c = value[i];
    const opens = (c === '$' || c === '%') && value[i + 1] === '{';
    if (opens && value[i - 1] === c) {
      // `$${` / `%%{` is an escaped literal: keep one sigil and the brace.
      out += '{';
      i += 2;
      continue;
    }
    if (!opens) {
      out += c;
      i += 1;
      continue;
    }
    let depth = 0;
    let j = i + 1;
    for (; j < value.length; j++) {
      if (value[j] === '{') depth += 1;
      else if (value[j] === '}' && --depth === 0) break;
    }
    out += URI_UNKNOWN_PART;
    i = j + 1;
  }
  return out.replaceAll(URI_UNKNOWN_PART, '').trim() === '' ? UNKNOWN : out;
}

/** Which target a scheduler job has (`UNKNOWN` when a target block is an interpolation). */
function target(config: TfResource['config']): SchedulerFacts['target'] | Unknown {
  const http = firstBlock(config, 'http_target');
  const pubsub = firstBlock(config, 'pubsub_target');
  const appEngine = firstBlock(config, 'app_engine_http_target');
  if (http === UNKNOWN || pubsub === UNKNOWN || appEngine === UNKNOWN) return UNKNOWN;
  return http ? 'http' : pubsub ? 'pubsub' : appEngine ? 'app-engine' : undefined;
}

/** The scheduler facts of a `google_cloud_scheduler_job`. */
export function schedulerFacts(r: TfResource, _model?: TerraformModel): FactSet<SchedulerFacts> {
  const facts: Writable<SchedulerFacts> = {
    name: undefined,
    schedule: undefined,
    timeZone: undefined,
    attemptDeadlineSeconds: undefined,
    retryCount: undefined,
    target: undefined,
    httpMethod: undefined,
    uri: undefined,
    oauthToken: undefined,
    oidcToken: undefined,
    oauthScope: undefined,
  };
  const b = new FactBuilder<SchedulerFacts>(facts, ATTRIBUTES);
  const c = r.config;
  facts.name = b.known('name', toText(field(c, 'name')));
  facts.schedule = b.known('schedule', toText(field(c, 'schedule')));
  facts.timeZone = b.known('timeZone', toText(field(c, 'time_zone')));
  facts.attemptDeadlineSeconds = b.known('attemptDeadlineSeconds', toSeconds(field(c, 'attempt_deadline')));
  facts.retryCount = b.known('retryCount', toNumber(field(firstBlock(c, 'retry_config'), 'retry_count')));
  facts.target = b.known('target', target(c));
  const http = firstBlock(c, 'http_target');
  facts.httpMethod = b.known('httpMethod', toText(field(http, 'http_method')));
  facts.uri = b.known('uri', http === UNKNOWN ? UNKNOWN : maskedUri(http?.uri));
  const oauth = firstBlock(http, 'oauth_token');
  const oidc = firstBlock(http, 'oidc_token');
  facts.oauthToken = b.known('oauthToken', oauth === UNKNOWN ? UNKNOWN : oauth !== undefined);
  facts.oidcToken = b.known('oidcToken', oidc === UNKNOWN ? UNKNOWN : oidc !== undefined);
  facts.oauthScope = b.known('oauthScope', toText(field(oauth, 'scope')));
  return b.build();
}
