import { IoTDataPlaneClient, UpdateThingShadowCommand } from '@aws-sdk/client-iot-data-plane';
import { DynamoDbDeviceDirectory } from '../../functions/adapters/aws/dynamodb/dynamodb-device-directory';
import { TABLES } from '../../functions/adapters/aws/dynamodb/tables';
import { IotShadowGateway } from '../../functions/adapters/aws/iot/iot-shadow-gateway';
import type { DeviceGateway } from '../../functions/ports/device-gateway';
import { deviceDirectoryContract } from '../contract/suites/device-directory.contract';
import { deviceGatewayContract } from '../contract/suites/device-gateway.contract';
import { awsTestConfig } from '../support/aws-test-config';
import { tableOn } from '../support/dynamodb-tables';
import { describeWithMoto } from '../support/moto';

let sequence = 0;

describeWithMoto('device adapters on moto_server', (moto) => {
  deviceGatewayContract('IotShadowGateway (IoT data plane, moto)', async () => {
    const client = new IoTDataPlaneClient(awsTestConfig(moto().endpoint));
    // Each test gets its own things: moto keeps shadows for the whole file.
    const prefix = `t${++sequence}-`;
    const subject = {
      gateway: prefixed(new IotShadowGateway(client), prefix),
      createThing: (thingName: string) => createThing(moto().endpoint, prefix + thingName),
      report: async (thingName: string, reported: Record<string, unknown>) => {
        await client.send(new UpdateThingShadowCommand({ thingName: prefix + thingName, payload: Buffer.from(JSON.stringify({ state: { reported } })) }));
      },
    };
    return { subject, cleanup: async () => client.destroy() };
  });

  deviceDirectoryContract('DynamoDbDeviceDirectory (moto DynamoDB)', async () => {
    const { client, tableName, cleanup } = await tableOn(moto().endpoint, TABLES.devices);
    return { subject: new DynamoDbDeviceDirectory(client, tableName), cleanup };
  });
});

/** The same gateway, with every thing name prefixed: fresh things per test on one moto. */
function prefixed(gateway: DeviceGateway, prefix: string): DeviceGateway {
  return {
    setDesired: (thingName, property, value) => gateway.setDesired(prefix + thingName, property, value),
    read: (thingName) => gateway.read(prefix + thingName),
  };
}

/**
 * CreateThing over the IoT control plane's REST API. The project does not ship the control
 * plane SDK (things are created by the operator, docs/deploy.md), so the test calls moto
 * directly; moto tells services apart by the credential scope of the Authorization header.
 */
async function createThing(endpoint: string, thingName: string): Promise<void> {
  const response = await fetch(`${endpoint}/things/${encodeURIComponent(thingName)}`, {
    method: 'POST',
    headers: {
      authorization: 'AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/iot/aws4_request, SignedHeaders=host, Signature=0',
      'content-type': 'application/json',
    },
    body: JSON.stringify({ attributePayload: { attributes: { owner: 'alice' } } }),
  });
  if (!response.ok) throw new Error(`moto CreateThing: ${response.status} ${await response.text()}`);
}
