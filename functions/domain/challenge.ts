/** The pending confirmation of one command, and what a spoken attempt does to it (S3-S7). */
import type { CommandAction } from './command';
import type { Factor } from './factor';
import type { Channel } from './user';
import type { CodeHasher } from './one-time-code';

export type ChallengeStatus = 'pending' | 'verified' | 'cancelled';

export interface Challenge {
  /** One challenge per user: a new command replaces the previous one (S13). */
  userId: string;
  commandId: string;
  executionId: string;
  action: CommandAction;
  target: string;
  /** The command's instance id or thing name: what a verification of this challenge lets act. */
  resource: string;
  /** The name the factor policy is keyed by, as the stores gave it when the challenge was issued. */
  policyTarget: string;
  /**
   * The workflow's task token, sealed (AES-GCM, bound to user and command): a read of the
   * challenges table is not enough to complete the task. Never logged or audited (S12).
   */
  sealedTaskToken: string;
  /**
   * What confirms the command. For sms and e-mail VoiceGate made a code (its hash is
   * `codeHash`, delivered on `channel`); for an authenticator app or MFA device it made
   * none (`codeHash` is empty). Absent on challenges from before factors: `channel`.
   */
  factor?: Factor;
  codeHash: string;
  channel: Channel;
  maskedDestination: string;
  issuedAt: number;
  expiresAt: number;
  attemptsLeft: number;
  /** Channel switches made for this command so far (the first few cost no send; S8). */
  channelSwitches?: number;
  status: ChallengeStatus;
  /** When the code was verified (epoch ms), written by the code path that verified it. */
  verifiedAt?: number;
  /** Incremented on every change; writes are conditional on it (S3). */
  version: number;
  /** Verified, but the action's outcome was not known when the user was answered. */
  awaitingOutcome?: boolean;
}

export type AttemptOutcome =
  | { kind: 'accepted'; next: Challenge }
  | { kind: 'rejected'; next: Challenge; attemptsLeft: number }
  | { kind: 'locked-out'; next: Challenge }
  | { kind: 'expired' }
  | { kind: 'not-pending' };

export function isExpired(challenge: Pick<Challenge, 'expiresAt'>, now: number): boolean {
  return now >= challenge.expiresAt;
}

/**
 * Pure decision for one spoken code. The caller persists `next` with a write conditional
 * on `challenge.version`, so two concurrent attempts cannot both succeed.
 */
export function evaluateAttempt(challenge: Challenge, code: string | undefined, now: number, hasher: CodeHasher): AttemptOutcome {
  // Stryker disable next-line ConditionalExpression: equivalent for `code !== undefined` → true — an absent code is hashed as the text "undefined", which never equals a digit code's hash (the whole condition's → true/false are killed by the right/wrong code tests)
  const matched = code !== undefined && hasher.matches(code, challenge.userId, challenge.commandId, challenge.codeHash);
  return judgeAttempt(challenge, now, matched);
}

/** The same decision for a code checked elsewhere (an authenticator app, an MFA device). */
export function judgeAttempt(challenge: Challenge, now: number, matched: boolean): AttemptOutcome {
  if (challenge.status !== 'pending') return { kind: 'not-pending' };
  if (isExpired(challenge, now)) return { kind: 'expired' };
  const bumped = { ...challenge, version: challenge.version + 1 };
  if (matched) {
    return { kind: 'accepted', next: { ...bumped, status: 'verified', verifiedAt: now } };
  }
  const attemptsLeft = challenge.attemptsLeft - 1;
  if (attemptsLeft <= 0) return { kind: 'locked-out', next: { ...bumped, attemptsLeft: 0, status: 'cancelled' } };
  return { kind: 'rejected', next: { ...bumped, attemptsLeft }, attemptsLeft };
}

/** What a sealed task token is bound to: it opens only for this user's challenge for this command. */
export function taskTokenContext(challenge: Pick<Challenge, 'userId' | 'commandId'>): string {
  return `task-token|${challenge.userId}|${challenge.commandId}`;
}

/** S14: a verification VoiceGate itself recorded for exactly this user, command and target. */
export function verifiesCommand(
  challenge: Challenge | undefined,
  command: Pick<Challenge, 'userId' | 'commandId' | 'action' | 'target' | 'resource'>,
): challenge is Challenge & { verifiedAt: number } {
  return (
    challenge !== undefined &&
    challenge.status === 'verified' &&
    typeof challenge.verifiedAt === 'number' &&
    challenge.userId === command.userId &&
    challenge.commandId === command.commandId &&
    challenge.action === command.action &&
    challenge.target === command.target &&
    challenge.resource === command.resource
  );
}

/** How long ago the code was verified, refusing a time in the future beyond a small clock skew. */
export function confirmationAge(verifiedAt: number, now: number, skewMs = 5_000): number | undefined {
  return verifiedAt - now > skewMs ? undefined : Math.max(0, now - verifiedAt);
}

export function factorOf(challenge: Pick<Challenge, 'factor' | 'channel'>): Factor {
  return challenge.factor ?? challenge.channel;
}
