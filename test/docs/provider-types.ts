// README claims about what @cdktf/provider-google 16.12.1 types, checked by `npm run typecheck` (this file is
// compiled, never run).
import type { AppEngineApplicationConfig } from '@cdktf/provider-google/lib/app-engine-application';
import type { CloudRunV2ServiceConfig } from '@cdktf/provider-google/lib/cloud-run-v2-service';

/** "16.12.1 types Cloud Run's service-level scaling". */
export const serviceScaling: CloudRunV2ServiceConfig['scaling'] = { minInstanceCount: 1 };

/** "fields the google provider gained after 6.50.0 are not typed (for example `ssl_policy`…)". */
// @ts-expect-error ssl_policy is not in the 6.50.0 schema
export type SslPolicy = AppEngineApplicationConfig['sslPolicy'];
