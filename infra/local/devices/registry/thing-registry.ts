import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { isConditionFailure } from '../../../../functions/adapters/aws/dynamodb/tables';
import type { Device } from '../../../../functions/domain/device';
import { DEVICE_THING_TYPE } from '../../../../functions/domain/thing-policy';
import type { DeviceDirectory } from '../../../../functions/ports/device-directory';
import { scanAll } from '../../store/scan-all';

export interface AttachedCertificate {
  certificateId: string;
  attachedAt: string;
}

/** A thing as the AWS IoT registry keeps it: type, attributes and attached certificates. */
export interface ThingRecord {
  thingName: string;
  thingTypeName: typeof DEVICE_THING_TYPE;
  attributes: { owner: string; name: string; type: Device['type'] };
  /** The one certificate a device may connect with (AWS IoT allows several; VoiceGate attaches one). */
  certificates: AttachedCertificate[];
  createdAt: string;
}

/**
 * The local stand-in for the AWS IoT thing registry, in the local store. Thing names are
 * unique across all users; it also serves as the local DeviceDirectory.
 */
export class LocalThingRegistry implements DeviceDirectory {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async add({ thingName, owner, name, type }: Device): Promise<boolean> {
    const record: ThingRecord = {
      thingName,
      thingTypeName: DEVICE_THING_TYPE,
      attributes: { owner, name, type },
      certificates: [],
      createdAt: new Date().toISOString(),
    };
    try {
      await this.client.send(new PutCommand({ TableName: this.tableName, Item: record, ConditionExpression: 'attribute_not_exists(thingName)' }));
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async get(thingName: string): Promise<ThingRecord | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: { thingName }, ConsistentRead: true }));
    return Item as ThingRecord | undefined;
  }

  async list(): Promise<ThingRecord[]> {
    const things = await scanAll<ThingRecord>(this.client, this.tableName);
    return things.sort((a, b) => a.thingName.localeCompare(b.thingName));
  }

  async ownedBy(userId: string): Promise<Device[]> {
    return (await this.list()).filter((thing) => thing.attributes.owner === userId).map(deviceOf);
  }

  /**
   * Makes this the thing's only certificate: a new one revokes the ones before it, so a lost
   * or stolen device key stops working the moment the thing is registered again.
   * Returns the certificates it replaced.
   */
  async replaceCertificate(thingName: string, certificateId: string): Promise<AttachedCertificate[]> {
    const { Attributes } = await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { thingName },
        UpdateExpression: 'SET certificates = :certificates',
        ConditionExpression: 'attribute_exists(thingName)',
        ExpressionAttributeValues: { ':certificates': [{ certificateId, attachedAt: new Date().toISOString() }] },
        ReturnValues: 'UPDATED_OLD',
      }),
    );
    return (Attributes?.certificates as AttachedCertificate[] | undefined) ?? [];
  }

  /** Whether this certificate is attached to the thing: what `iot:Connection.Thing.IsAttached` asks. */
  async isAttached(thingName: string, certificateId: string): Promise<boolean> {
    const thing = await this.get(thingName);
    return thing?.certificates.some((certificate) => certificate.certificateId === certificateId) ?? false;
  }
}

export function deviceOf(thing: ThingRecord): Device {
  return { thingName: thing.thingName, ...thing.attributes };
}
