import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CLOUD_RUN_RULES } from '../../../lib/platform/cloud-run';
import type { CloudRunFacts } from '../../../lib/platform/cloud-run/facts';
import { connectorRegion } from '../../../lib/platform/cloud-run/network';
import { ruleTests } from './judge';

const { judge, status } = ruleTests<CloudRunFacts>(CLOUD_RUN_RULES);

describe('GCR-VPC-CONNECTOR-REGION', () => {
  const id = 'GCR-VPC-CONNECTOR-REGION';

  test("a connector's full name gives its region; a short name or another form does not", () => {
    assert.equal(connectorRegion('projects/p/locations/europe-west1/connectors/web'), 'europe-west1');
    assert.equal(connectorRegion('projects/123456/locations/us-central1/connectors/c-1'), 'us-central1');
    for (const other of [
      'web',
      'locations/europe-west1/connectors/web',
      'projects/p/locations/x/connectors/c/extra',
      'x/projects/p/locations/us-east1/connectors/c',
      '',
    ])
      assert.equal(connectorRegion(other), undefined, other);
  });

  test('the connector is in the region of the service or job', () => {
    assert.equal(status(id, { region: 'europe-west1', vpcConnectorRegion: 'europe-west1' }), 'pass');
    const [v] = judge(id, { region: 'europe-west1', vpcConnectorRegion: 'us-central1' }).violations;
    assert.equal(v.fact, 'vpcConnectorRegion');
    assert.equal(
      v.message,
      'the connector is in us-central1, the workload in europe-west1: a connector serves its own region only',
    );
    assert.equal(v.fix, 'use a connector in europe-west1, or deploy to us-central1');
    // No connector, a short name (looked up in the workload's region), or no region: nothing to compare.
    assert.equal(status(id, { region: 'europe-west1' }), 'pass');
    assert.equal(status(id, { vpcConnectorRegion: 'us-central1' }), 'pass');
  });

  test('a region or connector only known at apply: unknown', () => {
    const facts = { region: 'europe-west1', vpcConnectorRegion: 'us-central1' };
    assert.equal(status(id, facts, ['vpcConnectorRegion']), 'unknown');
    assert.equal(status(id, facts, ['region']), 'unknown');
    // The connector itself only known at apply (the reader leaves its region unset): unknown, not out of scope.
    assert.equal(status(id, { region: 'europe-west1' }, ['vpcConnectorRegion']), 'unknown');
    // No connector: nothing to compare, whatever the region (it was unknown whenever the location was a variable).
    assert.equal(status(id, { region: 'europe-west1' }, ['region']), 'pass');
  });
});
