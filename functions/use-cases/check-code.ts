import { factorOf, type Challenge } from '../domain/challenge';
import { DEVICE_CODE_DIGITS, isDeliveredFactor, type DeviceFactor } from '../domain/factor';
import { normalizeSpokenCode } from '../domain/one-time-code';
import type { Deps } from './deps';
import { useTotpCode } from './use-totp-code';

/** A code not even checked, because the user's attempt limit is reached until `retryAt`. */
export interface AttemptLimited {
  retryAt: number;
}

/** `replayed`: an authenticator code whose time step was already used (counted as a wrong code, told apart). */
export type CodeVerdict = 'match' | 'no-match' | 'replayed' | AttemptLimited;

export type CheckDeps = Pick<Deps, 'hasher' | 'settings' | 'factors' | 'sealer' | 'clock' | 'mfaDevices' | 'attemptLimiter'>;

/**
 * Checks one spoken code against a challenge by its factor. A delivered code is compared with
 * its keyed hash, again on every re-read (a resend changes it). An authenticator or MFA-device
 * code is checked once per command and factor: checking uses it up, and counts against the
 * user's attempt limit (S8 for codes VoiceGate does not send).
 */
export function codeChecker(deps: CheckDeps, userId: string, spokenCode: string | undefined): (challenge: Challenge) => Promise<CodeVerdict> {
  const deviceVerdicts = new Map<string, Promise<CodeVerdict>>();
  return async (challenge) => {
    const factor = factorOf(challenge);
    if (isDeliveredFactor(factor)) {
      const code = normalizeSpokenCode(spokenCode, deps.settings.codeDigits);
      // Stryker disable next-line ConditionalExpression: equivalent — an absent code hashes as "undefined", which never matches a digit code's hash
      return code !== undefined && (await deps.hasher.matches(code, challenge.userId, challenge.commandId, challenge.codeHash)) ? 'match' : 'no-match';
    }
    const key = `${challenge.commandId}|${factor}`;
    const verdict = deviceVerdicts.get(key) ?? checkDeviceCode(deps, userId, factor, spokenCode);
    deviceVerdicts.set(key, verdict);
    return verdict;
  };
}

/**
 * One code from the user's authenticator app or MFA device: counted against their attempt
 * limit, and an authenticator code's time step used up when it matches.
 */
export async function checkDeviceCode(
  deps: Omit<CheckDeps, 'hasher' | 'settings'>,
  userId: string,
  factor: DeviceFactor,
  spokenCode: string | undefined,
): Promise<CodeVerdict> {
  const limit = await deps.attemptLimiter.tryConsume(userId);
  if (!limit.allowed) return { retryAt: limit.retryAt };
  const code = normalizeSpokenCode(spokenCode, DEVICE_CODE_DIGITS);
  // Stryker disable next-line ConditionalExpression,StringLiteral: equivalent — without the shortcut an absent code is still no match (the TOTP check and every MFA verifier reject a non-6-digit code)
  if (code === undefined) return 'no-match';
  const record = await deps.factors.get(userId);
  // Only an activated secret or a linked device counts; a pending enrollment never confirms.
  if (factor === 'totp') return record?.totp ? TOTP_VERDICTS[await useTotpCode(deps, userId, record.totp, code)] : 'no-match';
  return record?.mfaDevice && (await deps.mfaDevices.verify(record.mfaDevice, code)) === 'accepted' ? 'match' : 'no-match';
}

const TOTP_VERDICTS = { accepted: 'match', rejected: 'no-match', replayed: 'replayed' } as const;
