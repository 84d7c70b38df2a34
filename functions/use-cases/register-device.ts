import { isDeviceType, isThingName, type Device } from '../domain/device';
import { thingAttributes, VOICEGATE_THING_PREFIX } from '../domain/thing-policy';
import type { DeviceDirectory } from '../ports/device-directory';
import type { IssuedCertificate, ThingRegistry } from '../ports/thing-registry';
import type { UserDirectory } from '../ports/user-directory';

export interface RegisterDeviceDeps {
  users: Pick<UserDirectory, 'get'>;
  things: ThingRegistry;
  deviceDirectory: Pick<DeviceDirectory, 'add'>;
}

export interface RegisterDeviceRequest {
  thingName: string;
  owner: string;
  /** As the owner speaks it: "front door". */
  name: string;
  type: string;
  /** The device's certificate signing request (PEM); its private key never leaves the device. */
  csrPem: string;
}

export type RegisterDeviceOutcome =
  | { kind: 'registered'; device: Device; certificate: IssuedCertificate; createdThing: boolean; replacedCertificates: number }
  | { kind: 'refused'; reason: string };

/**
 * An operator registers a device on AWS IoT: the thing (VoiceGate's type, owner attribute),
 * a certificate signed from the device's CSR with the device policy, and the devices-table
 * row the skill reads. Registering an existing thing again replaces its certificate: every
 * earlier one is revoked, so a lost or copied key stops working.
 */
export async function registerDevice(deps: RegisterDeviceDeps, request: RegisterDeviceRequest): Promise<RegisterDeviceOutcome> {
  const { thingName, owner, csrPem } = request;
  const invalid = invalidRequest(request);
  if (invalid) return { kind: 'refused', reason: invalid };
  const device: Device = { thingName, owner, name: request.name.trim(), type: request.type as Device['type'] };
  if (!(await deps.users.get(owner))) return { kind: 'refused', reason: `there is no VoiceGate user ${owner}` };
  const existing = await deps.things.find(thingName);
  if (existing && existing.owner !== owner) return { kind: 'refused', reason: `${thingName} belongs to another user` };
  if (!existing) await deps.things.create(thingName, thingAttributes(device));
  const earlier = await deps.things.certificatesOf(thingName);
  const certificate = await deps.things.certify(thingName, csrPem);
  for (const certificateArn of earlier) await deps.things.retire(thingName, certificateArn);
  await deps.deviceDirectory.add(device);
  return { kind: 'registered', device, certificate, createdThing: !existing, replacedCertificates: earlier.length };
}

function invalidRequest({ thingName, owner, name, type, csrPem }: RegisterDeviceRequest): string | undefined {
  if (!isThingName(thingName) || !thingName.startsWith(VOICEGATE_THING_PREFIX)) {
    return `the thing name must start with ${VOICEGATE_THING_PREFIX} (IAM lets VoiceGate touch only those things) and use letters, digits, - and _`;
  }
  if (owner.trim() === '') return 'the owner (a user id) is missing';
  if (name.trim() === '') return 'the spoken name is missing';
  if (!isDeviceType(type)) return `unknown device type ${JSON.stringify(type)}`;
  if (!csrPem.includes('-----BEGIN CERTIFICATE REQUEST-----')) return 'the CSR is not a PEM certificate request';
  return undefined;
}
