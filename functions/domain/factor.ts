/** How a user proves a command is theirs: a code delivered to them, or one their own device shows. */
import type { Channel } from './user';

export const FACTORS = ['sms', 'email', 'totp', 'aws-mfa'] as const;
export type Factor = (typeof FACTORS)[number];

/** Factors whose code the user reads off their own device: VoiceGate sends nothing. */
export type DeviceFactor = Exclude<Factor, Channel>;

export function isFactor(value: unknown): value is Factor {
  return (FACTORS as readonly unknown[]).includes(value);
}

/** sms and e-mail: VoiceGate makes a code and delivers it. */
export function isDeliveredFactor(factor: Factor): factor is Channel {
  return factor === 'sms' || factor === 'email';
}

/** Authenticator apps and MFA devices show 6-digit codes (RFC 6238 defaults). */
export const DEVICE_CODE_DIGITS = 6;
