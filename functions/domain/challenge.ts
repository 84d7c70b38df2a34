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
  /** The workflow's task token; never logged, never in an audit event (S12). */
  taskToken: string;
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
  status: ChallengeStatus;
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
export function evaluateAttempt(
  challenge: Challenge,
  code: string | undefined,
  now: number,
  hasher: CodeHasher,
): AttemptOutcome {
  const matched = code !== undefined && hasher.matches(code, challenge.userId, challenge.commandId, challenge.codeHash);
  return judgeAttempt(challenge, now, matched);
}

/** The same decision for a code checked elsewhere (an authenticator app, an MFA device). */
export function judgeAttempt(challenge: Challenge, now: number, matched: boolean): AttemptOutcome {
  if (challenge.status !== 'pending') return { kind: 'not-pending' };
  if (isExpired(challenge, now)) return { kind: 'expired' };
  const bumped = { ...challenge, version: challenge.version + 1 };
  if (matched) {
    return { kind: 'accepted', next: { ...bumped, status: 'verified' } };
  }
  const attemptsLeft = challenge.attemptsLeft - 1;
  if (attemptsLeft <= 0) return { kind: 'locked-out', next: { ...bumped, attemptsLeft: 0, status: 'cancelled' } };
  return { kind: 'rejected', next: { ...bumped, attemptsLeft }, attemptsLeft };
}

export function factorOf(challenge: Pick<Challenge, 'factor' | 'channel'>): Factor {
  return challenge.factor ?? challenge.channel;
}
