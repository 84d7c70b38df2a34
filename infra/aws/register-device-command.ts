/**
 * `npm run device -- register <thing> --owner <user> --name "<spoken name>" --type <type> --aws`:
 * registers a device on the deployed stack's AWS IoT from the CSR in the device's own folder
 * (made there on first use; the private key never leaves it) and saves the signed certificate
 * next to the key.
 */
import { registerDevice } from '../../functions/use-cases/register-device';
import { deviceRegistrationDeps } from '../../functions/wiring/device-registration-root';
import { DeviceIdentity } from '../local/devices/agent/device-identity';
import { STACK_NAME } from './stack-name';

export interface RegisterOnAwsOptions {
  thingName: string;
  owner: string;
  name: string;
  type: string;
  /** Where device folders live (`<data dir>/devices`). */
  devicesDir: string;
  stackName?: string;
  log: (line: string) => void;
}

/** Returns the process exit code: 0 registered, 1 refused. */
export async function registerOnAws(options: RegisterOnAwsOptions): Promise<number> {
  const { thingName, owner, name, type, devicesDir, log } = options;
  const stackName = options.stackName ?? STACK_NAME;
  const identity = await DeviceIdentity.open(devicesDir, thingName);
  const outcome = await registerDevice(deviceRegistrationDeps(stackName), { thingName, owner, name, type, csrPem: identity.csrPem });
  if (outcome.kind === 'refused') {
    log(`not registered: ${outcome.reason}`);
    return 1;
  }
  identity.saveCertificate(outcome.certificate.certificatePem);
  const replaced = outcome.replacedCertificates > 0 ? `; ${outcome.replacedCertificates} earlier certificate(s) revoked` : '';
  log(
    `${outcome.createdThing ? 'registered' : 're-registered'} ${thingName} ("${outcome.device.name}", ${type}) for ${owner} in stack ${stackName}${replaced}`,
  );
  log(`certificate ${outcome.certificate.certificateId} saved with the device's key in ${identity.folder}`);
  log(`connect with client id ${thingName} to your IoT data endpoint (aws iot describe-endpoint --endpoint-type iot:Data-ATS) with Amazon's root CA`);
  return 0;
}
