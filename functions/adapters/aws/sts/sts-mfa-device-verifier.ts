import { GetSessionTokenCommand, type STSClient } from '@aws-sdk/client-sts';
import type { MfaDeviceLink } from '../../../domain/factor-enrollment';
import type { MfaDeviceVerifier, MfaVerdict } from '../../../ports/mfa-device-verifier';

/** STS's answers that mean "not this code" (AWS answers a wrong MFA code with AccessDenied). */
const REJECTING_ERRORS = new Set(['AccessDenied', 'AccessDeniedException', 'ValidationError', 'InvalidParameterValue', 'InvalidParameterException']);

/** The shortest session STS grants; it is dropped unused anyway. */
const SHORTEST_SESSION_SECONDS = 900;

/** The MFA check could not be made; neither the code nor STS's own message (which may echo it) is kept. */
export class MfaCheckError extends Error {
  override name = 'MfaCheckError';

  constructor(stsErrorName: string) {
    super(`STS could not check the MFA code: ${stsErrorName}`);
  }
}

/**
 * Lets AWS check a code from the user's MFA device, as the easytocloud skill did: STS
 * GetSessionToken with the device serial and the code. The session it grants is only proof
 * that AWS accepted the code; its credentials are discarded unread. GetSessionToken must be
 * called as the IAM user the device belongs to, so `clientFor` hands out a client signed
 * with that user's long-term key.
 */
export class StsMfaDeviceVerifier implements MfaDeviceVerifier {
  constructor(private readonly clientFor: (device: MfaDeviceLink) => Promise<STSClient>) {}

  async verify(device: MfaDeviceLink, code: string): Promise<MfaVerdict> {
    if (!/^\d{6}$/.test(code)) return 'rejected';
    const client = await this.clientFor(device);
    try {
      await client.send(new GetSessionTokenCommand({ SerialNumber: device.serialNumber, TokenCode: code, DurationSeconds: SHORTEST_SESSION_SECONDS }));
      return 'accepted';
    } catch (error) {
      const name = error instanceof Error ? error.name : 'UnknownError';
      if (REJECTING_ERRORS.has(name)) return 'rejected';
      throw new MfaCheckError(name);
    }
  }
}
