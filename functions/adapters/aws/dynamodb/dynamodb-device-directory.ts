import { PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { isDeviceType, type Device } from '../../../domain/device';
import type { DeviceDirectory } from '../../../ports/device-directory';
import { isConditionFailure } from './tables';

/** One item per device, keyed by owner then thing name: a user's devices are one Query. */
export class DynamoDbDeviceDirectory implements DeviceDirectory {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async ownedBy(userId: string): Promise<Device[]> {
    const devices: Device[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: '#owner = :owner',
          ExpressionAttributeNames: { '#owner': 'owner' },
          ExpressionAttributeValues: { ':owner': userId },
          ExclusiveStartKey: startKey,
        }),
      );
      devices.push(...(page.Items ?? []).flatMap(toDevice));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return devices;
  }

  async add(device: Device): Promise<boolean> {
    try {
      const { thingName, name, owner, type } = device;
      await this.client.send(
        new PutCommand({ TableName: this.tableName, Item: { owner, thingName, name, type }, ConditionExpression: 'attribute_not_exists(thingName)' }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }
}

/** An item an operator wrote by hand with a type VoiceGate does not know is skipped, not guessed at. */
function toDevice(item: Record<string, unknown>): Device[] {
  const { thingName, name, owner, type } = item;
  if (typeof thingName !== 'string' || typeof name !== 'string' || typeof owner !== 'string' || !isDeviceType(type)) return [];
  return [{ thingName, name, owner, type }];
}
