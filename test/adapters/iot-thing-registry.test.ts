import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreatePolicyCommand,
  CreateThingTypeCommand,
  DescribeCertificateCommand,
  DescribeThingCommand,
  IoTClient,
  ListPrincipalPoliciesCommand,
  ListThingPrincipalsCommand,
} from '@aws-sdk/client-iot';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoDbDeviceDirectory } from '../../functions/adapters/aws/dynamodb/dynamodb-device-directory';
import { DynamoDbUserDirectory } from '../../functions/adapters/aws/dynamodb/dynamodb-user-directory';
import { TABLES } from '../../functions/adapters/aws/dynamodb/tables';
import { IotThingRegistry } from '../../functions/adapters/aws/iot/iot-thing-registry';
import { DEVICE_THING_TYPE, thingPolicyDocument } from '../../functions/domain/thing-policy';
import { registerDevice, type RegisterDeviceDeps, type RegisterDeviceRequest } from '../../functions/use-cases/register-device';
import { DeviceIdentity } from '../../infra/local/devices/agent/device-identity';
import { awsTestConfig } from '../support/aws-test-config';
import { tableOn, type TestTable } from '../support/dynamodb-tables';
import { describeWithMoto } from '../support/moto';

const POLICY = 'VoiceGate-device';
const ALICE = 'alice-sub-0001';
const BOB = 'bob-sub-0002';

describeWithMoto('device registration on AWS IoT (moto_server)', (moto) => {
  let iot: IoTClient;
  let users: TestTable;
  let devices: TestTable;
  let devicesDir: string;
  let deps: RegisterDeviceDeps;
  let sequence = 0;

  beforeAll(async () => {
    iot = new IoTClient(awsTestConfig(moto().endpoint));
    // What the stack deploys: the thing type and the device policy.
    await iot.send(new CreateThingTypeCommand({ thingTypeName: DEVICE_THING_TYPE }));
    await iot.send(new CreatePolicyCommand({ policyName: POLICY, policyDocument: JSON.stringify(thingPolicyDocument('arn:aws:iot:us-east-1:123456789012:')) }));
    users = await tableOn(moto().endpoint, TABLES.users);
    devices = await tableOn(moto().endpoint, TABLES.devices);
    const userDirectory = new DynamoDbUserDirectory(users.client, users.tableName);
    for (const userId of [ALICE, BOB]) {
      await userDirectory.create({ userId, phone: '+15555550101', email: `${userId}@example.com`, targets: ['*'], preferredChannel: 'sms' });
    }
    deps = { users: userDirectory, things: new IotThingRegistry(iot, POLICY), deviceDirectory: new DynamoDbDeviceDirectory(devices.client, devices.tableName) };
    devicesDir = mkdtempSync(join(tmpdir(), 'voicegate-aws-devices-'));
  });
  // moto_server stops before this runs (its hook is declared first) and takes the tables with it.
  afterAll(() => {
    for (const client of [iot, users?.client, devices?.client]) client?.destroy();
    rmSync(devicesDir, { recursive: true, force: true });
  });

  /** A fresh thing name and its device's CSR, made in the device's own folder. */
  async function newDevice(overrides: Partial<RegisterDeviceRequest> = {}): Promise<RegisterDeviceRequest> {
    const thingName = overrides.thingName ?? `voicegate-garage-${++sequence}`;
    const identity = await DeviceIdentity.open(devicesDir, thingName);
    return { thingName, owner: ALICE, name: 'garage door', type: 'garage door', csrPem: identity.csrPem, ...overrides };
  }

  const principalsOf = async (thingName: string) => (await iot.send(new ListThingPrincipalsCommand({ thingName }))).principals ?? [];
  const statusOf = async (certificateId: string) => (await iot.send(new DescribeCertificateCommand({ certificateId }))).certificateDescription?.status;
  const policiesOf = async (principal: string) => (await iot.send(new ListPrincipalPoliciesCommand({ principal }))).policies?.map((p) => p.policyName);

  it('creates a thing of the VoiceGate type whose attributes hold no spaces; the spoken name goes to the devices table', async () => {
    const request = await newDevice();

    const outcome = await registerDevice(deps, request);

    expect(outcome).toMatchObject({ kind: 'registered', createdThing: true, replacedCertificates: 0 });
    const thing = await iot.send(new DescribeThingCommand({ thingName: request.thingName }));
    expect(thing).toMatchObject({ thingTypeName: DEVICE_THING_TYPE, attributes: { owner: ALICE, type: 'garage_door' } });
    for (const value of Object.values(thing.attributes ?? {})) expect(value).not.toMatch(/\s/);
    const rows = await devices.client.send(
      new QueryCommand({
        TableName: devices.tableName,
        KeyConditionExpression: '#o = :o',
        ExpressionAttributeNames: { '#o': 'owner' },
        ExpressionAttributeValues: { ':o': ALICE },
      }),
    );
    expect(rows.Items).toContainEqual({ owner: ALICE, thingName: request.thingName, name: 'garage door', type: 'garage door' });
  });

  it('signs the CSR as an active certificate with the device policy, attached to the thing', async () => {
    const request = await newDevice();

    const outcome = await registerDevice(deps, request);
    if (outcome.kind !== 'registered') throw new Error(outcome.reason);

    expect(outcome.certificate.certificatePem).toMatch(/^-----BEGIN CERTIFICATE-----/);
    expect(await principalsOf(request.thingName)).toEqual([outcome.certificate.certificateArn]);
    expect(await statusOf(outcome.certificate.certificateId)).toBe('ACTIVE');
    expect(await policiesOf(outcome.certificate.certificateArn)).toEqual([POLICY]);
  });

  it('a second registration of the thing replaces its certificate: the earlier one is revoked and detached', async () => {
    const first = await newDevice();
    const earlier = await registerDevice(deps, first);
    if (earlier.kind !== 'registered') throw new Error(earlier.reason);

    const again = await registerDevice(deps, await newDevice({ thingName: first.thingName }));
    if (again.kind !== 'registered') throw new Error(again.reason);

    expect(again).toMatchObject({ createdThing: false, replacedCertificates: 1 });
    expect(await principalsOf(first.thingName)).toEqual([again.certificate.certificateArn]);
    expect(await statusOf(earlier.certificate.certificateId)).toBe('REVOKED');
    expect(await policiesOf(earlier.certificate.certificateArn)).toEqual([]);
    expect(await statusOf(again.certificate.certificateId)).toBe('ACTIVE');
  });

  it("refuses a thing that belongs to another user, and leaves that user's certificate alone", async () => {
    const alices = await newDevice();
    const registered = await registerDevice(deps, alices);
    if (registered.kind !== 'registered') throw new Error(registered.reason);

    const outcome = await registerDevice(deps, { ...alices, owner: BOB });

    expect(outcome).toEqual({ kind: 'refused', reason: `${alices.thingName} belongs to another user` });
    expect(await principalsOf(alices.thingName)).toEqual([registered.certificate.certificateArn]);
    expect(await statusOf(registered.certificate.certificateId)).toBe('ACTIVE');
  });

  it.each([
    [{ thingName: 'front-door' }, /must start with voicegate-/],
    [{ owner: 'nobody' }, /there is no VoiceGate user nobody/],
    [{ type: 'toaster' }, /unknown device type "toaster"/],
    [{ csrPem: 'not a csr' }, /not a PEM certificate request/],
  ])('refuses %j before touching AWS IoT', async (override, reason) => {
    const request = { ...(await newDevice()), ...override };

    const outcome = await registerDevice(deps, request);

    expect(outcome).toEqual({ kind: 'refused', reason: expect.stringMatching(reason) });
    await expect(iot.send(new DescribeThingCommand({ thingName: request.thingName }))).rejects.toThrow();
  });
});
