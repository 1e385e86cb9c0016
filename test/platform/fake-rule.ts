/** A rule for tests of how rules are run: every field set, overridable, checking nothing unless told. */
import { CheckLevel } from '../../lib/core/levels';
import { ResourceKind } from '../../lib/platform/kinds';
import { type FactRule, Pack } from '../../lib/platform/rule';

export function fakeRule<F>(extra: Partial<FactRule<F>> & Pick<FactRule<F>, 'reads'>): FactRule<F> {
  return {
    id: 'TEST-RULE',
    pack: Pack.PLATFORM,
    level: CheckLevel.ERROR,
    suppressible: false,
    appliesTo: [ResourceKind.CLOUD_RUN_SERVICE],
    title: 't',
    explanation: 'e',
    source: 's',
    check: () => undefined,
    ...extra,
  };
}
