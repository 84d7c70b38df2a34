/**
 * Step-up before a factor change (issue 11): whoever enrolls or replaces a user's factor must
 * prove they hold one the user already has — a code VoiceGate delivers for the purpose, or the
 * current code of their authenticator app or MFA device. A user with no factor at all has
 * nothing to prove with; the operator's own credentials are all there is.
 */
import { isFactor, type Factor } from './factor';
import type { Channel } from './user';

/** What authorized a factor change: one of the user's factors, or the operator alone. */
export type StepUpMethod = Factor | 'operator';

/** A code delivered to prove the user is behind a factor change; stored only as its keyed hash (S2). */
export interface StepUpCode {
  /** What the code's hash is bound to, in place of a command id (S7): a step-up code confirms no command. */
  bindingId: string;
  channel: Channel;
  codeHash: string;
  expiresAt: number;
  attemptsLeft: number;
}

/** What the caller offers: a factor the user has and its code. */
export interface StepUpProof {
  factor: Factor;
  code: string;
}

/** `no-code-sent`: no delivered step-up code is waiting on that channel (never sent, used up or voided). */
export type StepUpRefusal = 'missing' | 'not-a-factor' | 'no-code-sent' | 'wrong-code' | 'code-used' | 'expired';

/** A proof from a request body's `stepUp` field, or undefined when it is absent or malformed. */
export function parseStepUpProof(value: unknown): StepUpProof | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { factor, code } = value as Record<string, unknown>;
  return isFactor(factor) && typeof code === 'string' ? { factor, code } : undefined;
}

/** `remaining`: the step-up code as it is to be stored after this try; undefined when used up or voided. */
export type StepUpAttempt = { kind: 'accepted'; remaining: undefined } | { kind: 'rejected'; reason: StepUpRefusal; remaining: StepUpCode | undefined };

/**
 * Pure decision for one delivered step-up code, as for a command's code: it expires (S4), a
 * match uses it up (S3) and the last of `attemptsLeft` wrong tries voids it (S5). `matched`:
 * the spoken code against `stored`'s hash, checked by the caller (the key is not the domain's).
 * The caller writes `remaining` conditionally, so two concurrent uses cannot both succeed.
 */
export function judgeStepUpCode(stored: StepUpCode | undefined, matched: boolean, now: number): StepUpAttempt {
  if (!stored) return { kind: 'rejected', reason: 'no-code-sent', remaining: undefined };
  if (now >= stored.expiresAt) return { kind: 'rejected', reason: 'expired', remaining: undefined };
  if (matched) return { kind: 'accepted', remaining: undefined };
  const attemptsLeft = stored.attemptsLeft - 1;
  return { kind: 'rejected', reason: 'wrong-code', remaining: attemptsLeft > 0 ? { ...stored, attemptsLeft } : undefined };
}
