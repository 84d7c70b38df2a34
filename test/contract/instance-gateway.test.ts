import { systemClock } from '../../functions/ports/clock';
import { SimulatedFleet } from '../../infra/local/adapters/simulated-fleet';
import { dynaliteTable } from '../support/dynamodb-tables';
import { instanceGatewayContract, SEEDED_FLEET } from './suites/instance-gateway.contract';

/** Ids out of alias order, so listing in id order is something the fleet must do. */
const FLEET_IDS = { splunk: 'i-0c00000000000000c', web: 'i-0a00000000000000a', db: 'i-0b00000000000000b' };

instanceGatewayContract('SimulatedFleet on dynalite', async () => {
  const { client, tableName, cleanup } = await dynaliteTable({ name: 'fleet', partitionKey: 'instanceId' });
  const gateway = new SimulatedFleet(client, tableName, systemClock);
  for (const { alias, state } of SEEDED_FLEET) await gateway.seed({ instanceId: FLEET_IDS[alias], alias, state });
  return { subject: { gateway, idOf: (alias) => FLEET_IDS[alias] }, cleanup };
});
