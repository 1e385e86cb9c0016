/**
 * Who a raw resource runs as: its service account value read through the configuration, so a reference to a
 * `google_service_account` counts as a dedicated account and one to the platform's default account as the default.
 * @internal
 */
import { type DefaultServiceAccount, identityOf, type RuntimeIdentity } from '../../platform/service-account';
import { isUnknown, type TerraformModel, UNKNOWN, type Unknown } from '../model';

const DEFAULT_ACCOUNT: RuntimeIdentity = { isDefault: true };
const DEDICATED_ACCOUNT: RuntimeIdentity = { isDefault: false };
const DEFAULT_ACCOUNT_TYPES = new Set([
  'google_compute_default_service_account',
  'google_app_engine_default_service_account',
]);

/** The identity a service account value gives; `UNKNOWN` when it cannot be told before apply. */
export function runtimeIdentity(
  value: unknown,
  model: TerraformModel | undefined,
  platform: DefaultServiceAccount,
): RuntimeIdentity | Unknown {
  if (value === undefined || value === null || value === '') return DEFAULT_ACCOUNT;
  const referenced = model?.referenced(value);
  if (referenced) {
    if (referenced.type === 'google_service_account') return DEDICATED_ACCOUNT;
    return DEFAULT_ACCOUNT_TYPES.has(referenced.type) ? DEFAULT_ACCOUNT : UNKNOWN;
  }
  if (typeof value !== 'string' || isUnknown(value)) return UNKNOWN;
  return identityOf(value, platform);
}
