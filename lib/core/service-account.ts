/**
 * The check both constructs make of a service account given by email.
 * @internal
 */
import type { DefaultServiceAccount } from '../platform/service-account';
import { isUnresolved } from '../private/cdktf';
import type { Problems } from './validation';

/**
 * A given service account must be an email; the platform's default account is warned about.
 * @param prop the prop (or app.yaml key label) the email came from
 */
export function checkServiceAccount(
  email: string | undefined,
  prop: string,
  problems: Problems,
  platformDefault: DefaultServiceAccount,
): void {
  if (email === undefined || isUnresolved(email)) return;
  const unset = prop === 'serviceAccount' ? 'leave serviceAccount unset' : `remove ${prop.split(' ').pop()}`;
  if (!/^[^@\s]+@[^@\s]+\.[a-z.]+$/.test(email)) {
    problems.error(
      prop,
      email,
      'the service account must be an email address',
      `use e.g. 'app@my-project.iam.gserviceaccount.com', or ${unset} to get a dedicated account`,
    );
  } else if (email.endsWith(platformDefault.suffix)) {
    problems.warn(
      prop,
      email,
      `${platformDefault.name} usually holds the Editor role, so a compromised app gets the whole project`,
      `${unset} to get a dedicated account`,
    );
  }
}
