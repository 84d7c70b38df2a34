import { type RegisterDeviceRequest, registerDevice } from '../../../functions/use-cases/register-device';
import { FakeClock } from '../../support/fake-clock';
import { ALICE, BOB, T0 } from '../../support/fakes/fake-deps';
import { InMemoryDevices } from '../../support/fakes/in-memory-devices';
import { InMemoryUserDirectory } from '../../support/fakes/in-memory-stores';
import { InMemoryThingRegistry } from '../../support/fakes/in-memory-thing-registry';

const CSR = '-----BEGIN CERTIFICATE REQUEST-----\nMIIB...\n-----END CERTIFICATE REQUEST-----\n';

function registration() {
  const things = new InMemoryThingRegistry();
  const devices = new InMemoryDevices(new FakeClock(T0));
  const deps = { users: new InMemoryUserDirectory([ALICE, BOB]), things, deviceDirectory: devices };
  return { deps, things, devices };
}

const garage = (overrides: Partial<RegisterDeviceRequest> = {}): RegisterDeviceRequest => ({
  thingName: 'voicegate-garage',
  owner: ALICE.userId,
  name: '  garage door ',
  type: 'garage door',
  csrPem: CSR,
  ...overrides,
});

describe('registerDevice (an operator registers a device on AWS IoT)', () => {
  it('creates the thing with its owner and type, certifies the CSR and adds the device under its trimmed spoken name', async () => {
    const { deps, things, devices } = registration();

    const outcome = await registerDevice(deps, garage());

    const device = { thingName: 'voicegate-garage', owner: 'alice', name: 'garage door', type: 'garage door' };
    expect(outcome).toEqual({
      kind: 'registered',
      device,
      certificate: expect.objectContaining({ certificateId: 'certificate-1' }),
      createdThing: true,
      replacedCertificates: 0,
    });
    expect(things.attributesOf('voicegate-garage')).toEqual({ owner: 'alice', type: 'garage_door' });
    expect(await things.certificatesOf('voicegate-garage')).toEqual([(outcome as { certificate: { certificateArn: string } }).certificate.certificateArn]);
    expect(await devices.ownedBy('alice')).toEqual([device]);
  });

  it("registering the owner's thing again keeps the thing and revokes every earlier certificate, so a copied key stops working", async () => {
    const { deps, things } = registration();
    await registerDevice(deps, garage());
    const first = await things.certificatesOf('voicegate-garage');

    const again = await registerDevice(deps, garage());

    expect(again).toMatchObject({ kind: 'registered', createdThing: false, replacedCertificates: 1 });
    expect(things.revoked).toEqual(first);
    expect(await things.certificatesOf('voicegate-garage')).toEqual(['arn:aws:iot:eu-west-1:000000000000:cert/certificate-2']);
  });

  it('registers an existing thing again under a corrected device type without re-creating it (CreateThing refuses other attributes)', async () => {
    const { deps, things } = registration();
    await registerDevice(deps, garage({ type: 'lock', name: 'side door' }));

    const again = await registerDevice(deps, garage());

    expect(again).toMatchObject({ kind: 'registered', createdThing: false, device: { type: 'garage door' } });
    expect(things.attributesOf('voicegate-garage')).toEqual({ owner: 'alice', type: 'lock' });
  });

  it("refuses another user's thing and leaves its certificate alone", async () => {
    const { deps, things, devices } = registration();
    await registerDevice(deps, garage());
    const alices = await things.certificatesOf('voicegate-garage');

    expect(await registerDevice(deps, garage({ owner: BOB.userId }))).toEqual({ kind: 'refused', reason: 'voicegate-garage belongs to another user' });

    expect(await things.certificatesOf('voicegate-garage')).toEqual(alices);
    expect(things.revoked).toEqual([]);
    expect(await devices.ownedBy('bob')).toEqual([]);
  });

  it.each([
    [
      'a thing name without the voicegate- prefix',
      { thingName: 'garage' },
      'the thing name must start with voicegate- (IAM lets VoiceGate touch only those things) and use letters, digits, - and _',
    ],
    ['the prefix anywhere but at the start', { thingName: 'garage-voicegate-' }, /^the thing name must start with voicegate-/],
    ['a thing name IoT would refuse', { thingName: 'voicegate-garage door' }, /^the thing name must start with voicegate-/],
    ['a blank owner', { owner: '  ' }, 'the owner (a user id) is missing'],
    ['a blank spoken name', { name: ' ' }, 'the spoken name is missing'],
    ['an unknown device type', { type: 'toaster' }, 'unknown device type "toaster"'],
    ['a CSR that is not PEM', { csrPem: 'MIIB...' }, 'the CSR is not a PEM certificate request'],
    ['an owner who is no VoiceGate user', { owner: 'mallory' }, 'there is no VoiceGate user mallory'],
  ])('refuses %s before touching the registry', async (_, override, reason) => {
    const { deps, things, devices } = registration();

    expect(await registerDevice(deps, garage(override))).toEqual({
      kind: 'refused',
      reason: typeof reason === 'string' ? reason : expect.stringMatching(reason),
    });

    expect(things.attributesOf(garage(override).thingName)).toBeUndefined();
    expect(await devices.ownedBy(garage(override).owner)).toEqual([]);
  });
});
