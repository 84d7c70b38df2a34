/**
 * Registering a device from a certificate signing request made on the device: the CSR is
 * checked and signed, the thing is created for its owner if it is new, and the certificate
 * is attached to it. The device keeps its private key; only its public key travels.
 */
import { isDeviceType, isThingName, normalizeDeviceName, DEVICE_CATALOGUE, type Device } from '../../../../functions/domain/device';
import { AuditDetailTypes, userAuditEvent } from '../../../../functions/domain/audit-event';
import type { AuditPublisher } from '../../../../functions/ports/audit-publisher';
import type { Clock } from '../../../../functions/ports/clock';
import type { UserDirectory } from '../../../../functions/ports/user-directory';
import { CsrRefusedError, type IssuedCertificate, type LocalCertificateAuthority } from '../pki/local-ca';
import type { LocalThingRegistry } from './thing-registry';

/** The body of POST /api/devices/{thingName}/certificate; owner, name and type create a new thing. */
export interface RegistrationRequest {
  thingName: string;
  csr: unknown;
  owner?: unknown;
  name?: unknown;
  type?: unknown;
}

export type RegistrationOutcome =
  | ({ kind: 'registered'; created: boolean; thingName: string; caCertificatePem: string; replaced: string[] } & IssuedCertificate)
  | { kind: 'refused'; status: 400 | 404 | 409; error: string };

const DEVICE_NAME = /^[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}$/;

export class DeviceRegistrar {
  constructor(
    private readonly registry: LocalThingRegistry,
    private readonly users: UserDirectory,
    private readonly ca: () => Promise<LocalCertificateAuthority>,
    private readonly audit: AuditPublisher,
    private readonly clock: Clock,
  ) {}

  async register(request: RegistrationRequest): Promise<RegistrationOutcome> {
    const { thingName, csr } = request;
    if (!isThingName(thingName)) return refused(400, 'thingName must be 1-128 letters, digits, "_" or "-"');
    if (typeof csr !== 'string' || csr === '') return refused(400, 'csr (a PEM certificate signing request) is required');
    const existing = await this.registry.get(thingName);
    const problem = existing ? sameThing(existing.attributes, request) : await this.newThingProblem(request);
    if (problem) return problem;

    const ca = await this.ca();
    let issued: IssuedCertificate;
    try {
      issued = ca.signDeviceCsr(csr, thingName);
    } catch (error) {
      if (error instanceof CsrRefusedError) return refused(400, error.message);
      throw error;
    }
    if (!existing && !(await this.registry.add(newDevice(thingName, request)))) return refused(409, `thing "${thingName}" already exists`);
    const replaced = (await this.registry.replaceCertificate(thingName, issued.certificateId)).map((old) => old.certificateId);
    const owner = existing?.attributes.owner ?? (request.owner as string);
    await this.audit.publish(
      userAuditEvent(AuditDetailTypes.deviceRegistered, owner, new Date(this.clock.now()), {
        thingName,
        certificateId: issued.certificateId,
        created: String(!existing),
        replacedCertificates: replaced.length,
      }),
    );
    return { kind: 'registered', created: !existing, thingName, caCertificatePem: ca.certificatePem, replaced, ...issued };
  }

  private async newThingProblem({ thingName, owner, name, type }: RegistrationRequest): Promise<RegistrationOutcome | undefined> {
    if (typeof owner !== 'string' || typeof name !== 'string' || !isDeviceType(type)) {
      return refused(
        400,
        `thing "${thingName}" is new: give its owner (a user id), name (as its owner will say it) and type (${Object.keys(DEVICE_CATALOGUE).join(', ')})`,
      );
    }
    if (!DEVICE_NAME.test(name)) return refused(400, 'name must be 1-64 letters, digits, spaces, ".", "_" or "-"');
    if (!(await this.users.get(owner))) return refused(404, `no such user "${owner}"`);
    const taken = (await this.registry.ownedBy(owner)).some((device) => normalizeDeviceName(device.name) === normalizeDeviceName(name));
    return taken ? refused(409, `${owner} already has a device called "${name}"`) : undefined;
  }
}

/** Registering another certificate for an existing thing may not change who owns it. */
function sameThing(attributes: Omit<Device, 'thingName'>, request: RegistrationRequest): RegistrationOutcome | undefined {
  const differs = (['owner', 'name', 'type'] as const).find((key) => request[key] !== undefined && request[key] !== attributes[key]);
  return differs ? refused(409, `thing "${request.thingName}" exists with another ${differs}`) : undefined;
}

function newDevice(thingName: string, request: RegistrationRequest): Device {
  return { thingName, owner: request.owner as string, name: request.name as string, type: request.type as Device['type'] };
}

function refused(status: 400 | 404 | 409, error: string): RegistrationOutcome {
  return { kind: 'refused', status, error };
}
