import type { MfaDeviceLink } from '../domain/factor-enrollment';

export type MfaVerdict = 'accepted' | 'rejected';

/**
 * Checks a code from the user's AWS MFA device (STS GetSessionToken on AWS, a simulated
 * device locally). Resolves 'rejected' for a wrong, reused or malformed code; rejects only
 * when the check itself could not be made.
 */
export interface MfaDeviceVerifier {
  verify(device: MfaDeviceLink, code: string): Promise<MfaVerdict>;
}
