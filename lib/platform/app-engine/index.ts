/**
 * Every App Engine rule, by topic: a rule id leads to its file (GAE-SERVER-* to server.ts, GAE-WARMUP-* to warmup.ts,
 * GAE-APP-* to application.ts, scaling ranges to scaling.ts, ...).
 */
import { APP_ENGINE_COST_RULES } from './cost';
import { APP_ENGINE_ENVIRONMENT_RULES } from './environment';
import type { VersionRule } from './facts';
import { APP_ENGINE_HANDLER_RULES } from './handlers';
import { APP_ENGINE_INSTANCE_CLASS_RULES } from './instance-classes';
import { APP_ENGINE_REQUEST_RULES } from './requests';
import { APP_ENGINE_RUNTIME_RULES } from './runtime';
import { APP_ENGINE_SCALING_RULES } from './scaling';
import { APP_ENGINE_SECURITY_RULES } from './security';
import { APP_ENGINE_SERVER_RULES } from './server';
import { APP_ENGINE_SERVICE_RULES } from './service';
import { APP_ENGINE_WARMUP_RULES } from './warmup';

export { APP_ENGINE_APPLICATION_RULES } from './application';

/** Every App Engine standard version rule, in a stable order. */
export const APP_ENGINE_VERSION_RULES: readonly VersionRule[] = [
  ...APP_ENGINE_INSTANCE_CLASS_RULES,
  ...APP_ENGINE_SCALING_RULES,
  ...APP_ENGINE_REQUEST_RULES,
  ...APP_ENGINE_WARMUP_RULES,
  ...APP_ENGINE_ENVIRONMENT_RULES,
  ...APP_ENGINE_SERVICE_RULES,
  ...APP_ENGINE_RUNTIME_RULES,
  ...APP_ENGINE_HANDLER_RULES,
  ...APP_ENGINE_SERVER_RULES,
  ...APP_ENGINE_COST_RULES,
  ...APP_ENGINE_SECURITY_RULES,
];
