/**
 * Warmup requests: which instances receive `/_ah/warmup`, and what needs them. Sources: "app.yaml Configuration File"
 * (inbound_services, min_instances, min_idle_instances), https://cloud.google.com/appengine/docs/standard/reference/app-yaml;
 * "How instances are managed" (warmup requests), https://cloud.google.com/appengine/docs/standard/how-instances-are-managed.
 */
import { CheckLevel } from '../../core/levels';
import { Pack } from '../rule';
import { CONSTRUCT_ONLY, VERSION, type VersionRule } from './facts';

/** Inbound service that makes App Engine send `/_ah/warmup` before routing traffic to a new instance. */
export const APP_ENGINE_WARMUP_SERVICE = 'INBOUND_SERVICE_WARMUP';

export const APP_ENGINE_WARMUP_RULES: readonly VersionRule[] = [
  {
    id: 'GAE-WARMUP-MIN-INSTANCES',
    pack: Pack.PLATFORM,
    level: CheckLevel.WARNING,
    suppressible: true,
    appliesTo: VERSION,
    title: 'Min instances and min idle instances need the warmup inbound service',
    explanation:
      'App Engine starts minimum and idle instances with a /_ah/warmup request; without INBOUND_SERVICE_WARMUP they start cold when traffic arrives.',
    source:
      '"app.yaml Configuration File" (min_instances, min_idle_instances), https://cloud.google.com/appengine/docs/standard/reference/app-yaml; "How instances are managed", https://cloud.google.com/appengine/docs/standard/how-instances-are-managed (warmup requests)',
    reads: ['scalingType', 'minInstances', 'minIdleInstances', 'inboundServices'],
    check: ({ scalingType, minInstances, minIdleInstances, inboundServices }) => {
      if (scalingType !== 'automatic' || inboundServices?.includes(APP_ENGINE_WARMUP_SERVICE)) return undefined;
      const fact =
        (minInstances ?? 0) > 0 ? 'minInstances' : (minIdleInstances ?? 0) > 0 ? 'minIdleInstances' : undefined;
      return fact
        ? {
            fact: 'inboundServices',
            message: `${fact} is set but warmup requests are off`,
            fix: 'add INBOUND_SERVICE_WARMUP and handle /_ah/warmup',
          }
        : undefined;
    },
  },
  {
    id: 'GAE-WARMUP-SCALING',
    pack: Pack.PLATFORM,
    level: CheckLevel.WARNING,
    suppressible: true,
    appliesTo: VERSION,
    title: 'Warmup requests only reach automatic-scaling instances',
    explanation:
      'Basic and manual scaling instances receive /_ah/start, never /_ah/warmup, so the warmup inbound service has no effect there.',
    source: '"How instances are managed", https://cloud.google.com/appengine/docs/standard/how-instances-are-managed',
    reads: ['scalingType', 'inboundServices'],
    check: ({ scalingType, inboundServices }) =>
      scalingType !== 'automatic' && inboundServices?.includes(APP_ENGINE_WARMUP_SERVICE)
        ? {
            fact: 'inboundServices',
            message: `${scalingType} scaling instances never receive /_ah/warmup`,
            fix: 'initialise in a /_ah/start handler (it must answer 200–299 or 404) and drop warmup',
          }
        : undefined,
  },
  {
    id: 'GAE-WARMUP-HANDLER',
    pack: Pack.PLATFORM,
    level: CheckLevel.WARNING,
    suppressible: true,
    appliesTo: CONSTRUCT_ONLY,
    title: 'Warmup requests need a handler that routes to the app',
    explanation:
      'App Engine sends /_ah/warmup through the handlers; when every handler serves static files the request never reaches the app, so nothing is warmed up.',
    source:
      '"How instances are managed" (warmup requests), https://cloud.google.com/appengine/docs/standard/how-instances-are-managed',
    reads: ['warmupRequested', 'scalingType', 'handlers'],
    check: ({ warmupRequested, scalingType, handlers }) =>
      warmupRequested === true &&
      scalingType === 'automatic' &&
      handlers !== undefined &&
      handlers.length > 0 && // none written: App Engine's default handler routes everything to the app
      handlers.every((h) => h.static)
        ? {
            fact: 'handlers',
            message: 'warmup requests go to /_ah/warmup but no handler routes to the app',
            fix: "add Handler.script('.*')",
          }
        : undefined,
  },
];
