/**
 * Authenticator-app codes (RFC 6238) with the parameters every authenticator app uses:
 * HMAC-SHA-1, 6 digits, 30-second steps, a Base32 secret. Pure: time is passed in.
 */
import { generateSecret, generateSync, generateURI, verifySync } from 'otplib';
import { DEVICE_CODE_DIGITS } from './factor';

export const TOTP_PERIOD_SECONDS = 30;
/** One step either side: a phone clock 30 s off still works. */
export const TOTP_DRIFT_STEPS = 1;
export const TOTP_ISSUER = 'VoiceGate';

type Digits = 6 | 7 | 8;

export interface TotpOptions {
  /** 6 (authenticator apps); the RFC's own test vectors use 8. */
  digits?: Digits;
}

/** A new random secret (20 bytes, the RFC 4226 recommendation), Base32 as apps expect it. */
export function newTotpSecret(): string {
  // Stryker disable next-line ObjectLiteral: equivalent — otplib's default secret length is the same 20 bytes
  return generateSecret({ length: 20 });
}

/** What an authenticator app scans: `otpauth://totp/VoiceGate:<label>?secret=...&issuer=VoiceGate`. */
export function otpauthUri(label: string, secret: string): string {
  // Stryker disable next-line StringLiteral: equivalent — otplib leaves SHA-1 (the default apps assume) out of the URI, and an empty algorithm too
  return generateURI({ issuer: TOTP_ISSUER, label, secret, algorithm: 'sha1', digits: DEVICE_CODE_DIGITS, period: TOTP_PERIOD_SECONDS });
}

/** The code the secret shows at `atMs` (for simulated devices and tests). */
export function totpCode(secret: string, atMs: number, { digits = DEVICE_CODE_DIGITS }: TotpOptions = {}): string {
  return generateSync({ secret, epoch: Math.floor(atMs / 1000), digits, period: TOTP_PERIOD_SECONDS, algorithm: 'sha1' });
}

/**
 * The time step whose code `code` is, within TOTP_DRIFT_STEPS of `nowMs`; undefined when it
 * is none of them. Comparison is constant-time (otplib). The caller makes sure a step is
 * accepted at most once.
 */
export function matchingTotpStep(secret: string, code: string, nowMs: number, { digits = DEVICE_CODE_DIGITS }: TotpOptions = {}): number | undefined {
  if (!new RegExp(`^\\d{${digits}}$`).test(code)) return undefined;
  const result = verifySync({
    secret,
    token: code,
    epoch: Math.floor(nowMs / 1000),
    epochTolerance: TOTP_DRIFT_STEPS * TOTP_PERIOD_SECONDS,
    digits,
    period: TOTP_PERIOD_SECONDS,
    algorithm: 'sha1',
  });
  // Stryker disable next-line ConditionalExpression,LogicalOperator: equivalent for → true and `||` — a failed check has no timeStep (undefined either way) and a valid one always has (→ false is killed)
  return result.valid && 'timeStep' in result ? result.timeStep : undefined;
}
