/**
 * App Engine URL handlers. Source: "app.yaml Configuration File" (handlers: redirect_http_response_code),
 * https://cloud.google.com/appengine/docs/standard/reference/app-yaml.
 */
import { CheckLevel } from '../../core/levels';
import { Pack } from '../rule';
import { VERSION, type VersionRule, type VersionViolation } from './facts';

/** The HTTP statuses an HTTPS redirect may use. */
export const APP_ENGINE_REDIRECT_CODES: readonly number[] = [301, 302, 303, 307];

export const APP_ENGINE_HANDLER_RULES: readonly VersionRule[] = [
  {
    id: 'GAE-REDIRECT-CODE',
    pack: Pack.PLATFORM,
    level: CheckLevel.ERROR,
    suppressible: false,
    appliesTo: VERSION,
    title: 'An HTTPS redirect uses status 301, 302, 303 or 307',
    explanation: 'redirect_http_response_code takes one of four redirect statuses; the API rejects any other.',
    source:
      '"app.yaml Configuration File" (redirect_http_response_code), https://cloud.google.com/appengine/docs/standard/reference/app-yaml',
    reads: ['handlers'],
    check: ({ handlers }) => {
      let violations: VersionViolation[] | undefined;
      for (let i = 0; i < (handlers ?? []).length; i++) {
        const code = handlers![i].redirectCode;
        if (code !== undefined && !APP_ENGINE_REDIRECT_CODES.includes(code)) {
          (violations ??= []).push({
            fact: `handlers.${i}.redirectCode`,
            message: `redirectHttpResponseCode must be 301, 302, 303 or 307${Number.isNaN(code) ? '' : `, not ${code}`}`,
            fix: 'use one of those codes',
          });
        }
      }
      return violations;
    },
  },
];
