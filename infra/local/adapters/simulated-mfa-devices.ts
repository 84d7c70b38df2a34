import { withActiveTotp, type MfaDeviceLink } from '../../../functions/domain/factor-enrollment';
import { newTotpSecret, otpauthUri } from '../../../functions/domain/totp';
import type { MfaDeviceVerifier, MfaVerdict } from '../../../functions/ports/mfa-device-verifier';
import { updateFactors } from '../../../functions/use-cases/update-factors';
import { useTotpCode, type TotpDeps } from '../../../functions/use-cases/use-totp-code';

/** Simulated devices get virtual-MFA-style ARNs in a made-up account. */
const SIMULATED_ACCOUNT = '000000000000';

/**
 * The local stand-in for AWS's MFA devices: each is a TOTP secret (the console shows it, to
 * put into an authenticator app), kept sealed in its own store by serial number and checked
 * the way the authenticator factor is, a time step accepted once (as AWS refuses a reused code).
 */
export class SimulatedMfaDevices implements MfaDeviceVerifier {
  /** `deps.factors` is the devices' own store, keyed by serial number. */
  constructor(private readonly deps: TotpDeps) {}

  /** A new virtual device for the user (replacing their earlier one), and the URI to scan. */
  async create(userId: string): Promise<{ device: MfaDeviceLink; otpauthUri: string }> {
    const serialNumber = `arn:aws:iam::${SIMULATED_ACCOUNT}:mfa/voicegate-${userId}`;
    const secret = newTotpSecret();
    const sealed = await this.deps.sealer.seal(secret, serialNumber);
    await updateFactors(this.deps.factors, serialNumber, (record) => withActiveTotp(record, sealed, this.deps.clock.now()));
    return { device: { serialNumber }, otpauthUri: deviceUri(serialNumber, secret) };
  }

  /** The device's URI again (for its QR code), or undefined when there is no such device. */
  async uri(serialNumber: string): Promise<string | undefined> {
    const totp = (await this.deps.factors.get(serialNumber))?.totp;
    return totp && deviceUri(serialNumber, await this.deps.sealer.open(totp.sealedSecret, serialNumber));
  }

  async verify(device: MfaDeviceLink, code: string): Promise<MfaVerdict> {
    const totp = (await this.deps.factors.get(device.serialNumber))?.totp;
    if (!totp) return 'rejected';
    return (await useTotpCode(this.deps, device.serialNumber, totp, code)) === 'accepted' ? 'accepted' : 'rejected';
  }
}

function deviceUri(serialNumber: string, secret: string): string {
  return otpauthUri(`AWS MFA ${serialNumber.split('/').at(-1)}`, secret);
}
