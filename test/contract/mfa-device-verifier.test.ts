import { DynamoDbFactorStore } from '../../functions/adapters/aws/dynamodb/dynamodb-factor-store';
import { TABLES } from '../../functions/adapters/aws/dynamodb/tables';
import { totpCode } from '../../functions/domain/totp';
import { SimulatedMfaDevices } from '../../infra/local/adapters/simulated-mfa-devices';
import { LocalSecretSealer } from '../../infra/local/identity/local-secret-sealer';
import { dynaliteTable } from '../support/dynamodb-tables';
import { FakeClock } from '../support/fake-clock';
import { InMemoryMfaDevices } from '../support/fakes/in-memory-world';
import { T0 } from '../support/fakes/fake-deps';
import { mfaDeviceVerifierContract } from './suites/mfa-device-verifier.contract';

/** Ten minutes: far outside the one-step drift either side that a TOTP check allows. */
const LONG_AGO_MS = 10 * 60_000;

mfaDeviceVerifierContract('SimulatedMfaDevices (the local devices, on dynalite)', async () => {
  const { client, tableName, cleanup } = await dynaliteTable(TABLES.factors);
  const clock = new FakeClock(T0);
  const devices = new SimulatedMfaDevices({ factors: new DynamoDbFactorStore(client, tableName), sealer: new LocalSecretSealer(Buffer.alloc(32, 9)), clock });
  const newDevice = async (owner: string) => {
    const { device, otpauthUri } = await devices.create(owner);
    // What the user's authenticator app reads from the QR code.
    const secret = new URL(otpauthUri).searchParams.get('secret')!;
    return { device, current: totpCode(secret, clock.now()), stale: totpCode(secret, clock.now() - LONG_AGO_MS) };
  };
  return { subject: { verifier: devices, newDevice, unknownDevice: { serialNumber: 'arn:aws:iam::000000000000:mfa/nobody' } }, cleanup };
});

mfaDeviceVerifierContract("InMemoryMfaDevices (the use-case tests' fake)", async () => {
  const devices = new InMemoryMfaDevices();
  let shown = 100_000;
  const newDevice = async (owner: string) => {
    const device = { serialNumber: `arn:aws:iam::123456789012:mfa/${owner}` };
    const current = String(++shown);
    devices.shows(device.serialNumber, current);
    return { device, current, stale: String(++shown) };
  };
  return { subject: { verifier: devices, newDevice, unknownDevice: { serialNumber: 'arn:aws:iam::123456789012:mfa/nobody' } }, cleanup: async () => undefined };
});
