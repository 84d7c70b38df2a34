import { IoTClient } from '@aws-sdk/client-iot';
import { createDocumentClient } from '../adapters/aws/dynamodb/document-client';
import { DynamoDbDeviceDirectory } from '../adapters/aws/dynamodb/dynamodb-device-directory';
import { DynamoDbUserDirectory } from '../adapters/aws/dynamodb/dynamodb-user-directory';
import { tableNames } from '../adapters/aws/dynamodb/tables';
import { IotThingRegistry } from '../adapters/aws/iot/iot-thing-registry';
import { devicePolicyName } from '../domain/thing-policy';
import type { RegisterDeviceDeps } from '../use-cases/register-device';

/**
 * An operator's device registration against a deployed stack, found by its name (tables
 * `<stack>-users` and `<stack>-devices`, policy `<stack>-device`). Region, credentials and
 * any AWS_ENDPOINT_URL come from the operator's environment, as for the AWS CLI.
 */
export function deviceRegistrationDeps(stackName: string): RegisterDeviceDeps {
  const documents = createDocumentClient();
  const tables = tableNames(`${stackName}-`);
  return {
    users: new DynamoDbUserDirectory(documents, tables.users),
    things: new IotThingRegistry(new IoTClient({}), devicePolicyName(stackName)),
    deviceDirectory: new DynamoDbDeviceDirectory(documents, tables.devices),
  };
}
