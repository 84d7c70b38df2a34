import type { Deps } from '../use-cases/deps';

async function notConfigured(): Promise<never> {
  throw new Error('authenticator and MFA-device factors are off: VOICEGATE_FACTOR_KEY_ARN is not set');
}

/**
 * The factor ports on a stack without the factors table and KMS key: nobody has an
 * authenticator app or MFA device, so every command is confirmed by SMS or e-mail.
 */
export const FACTORS_OFF: Pick<Deps, 'factors' | 'sealer' | 'mfaDevices'> = {
  factors: { get: async () => undefined, save: notConfigured, claimTotpStep: notConfigured },
  sealer: { seal: notConfigured, open: notConfigured },
  mfaDevices: { verify: notConfigured },
};
