import { confirmationAge, evaluateAttempt, factorOf, isExpired, taskTokenContext, verifiesCommand, type Challenge } from '../../../functions/domain/challenge';
import { CodeHasher } from '../../../functions/domain/one-time-code';

const hasher = new CodeHasher(Buffer.alloc(32, 3));
const ISSUED = 1_767_225_600_000;
const TTL = 300_000;
const CODE = '482913';

function pending(overrides: Partial<Challenge> = {}): Challenge {
  return {
    userId: 'alice',
    commandId: 'cmd-1',
    executionId: 'exec-1',
    action: 'start',
    target: 'splunk',
    resource: 'i-0123456789abcdef0',
    policyTarget: 'splunk',
    sealedTaskToken: 'v1.sealed',
    codeHash: hasher.hash(CODE, 'alice', 'cmd-1'),
    channel: 'sms',
    maskedDestination: '***01',
    issuedAt: ISSUED,
    expiresAt: ISSUED + TTL,
    attemptsLeft: 3,
    status: 'pending',
    version: 4,
    ...overrides,
  };
}

describe('evaluateAttempt', () => {
  it('accepts the right code: verified, one version on, attempts untouched', () => {
    const outcome = evaluateAttempt(pending(), CODE, ISSUED + 1000, hasher);

    expect(outcome).toEqual({ kind: 'accepted', next: pending({ status: 'verified', verifiedAt: ISSUED + 1000, version: 5 }) });
  });

  it('counts wrong codes down and says how many are left', () => {
    const first = evaluateAttempt(pending(), '000000', ISSUED, hasher);
    expect(first).toEqual({ kind: 'rejected', attemptsLeft: 2, next: pending({ attemptsLeft: 2, version: 5 }) });

    const second = evaluateAttempt(pending({ attemptsLeft: 2, version: 5 }), '000000', ISSUED, hasher);
    expect(second).toEqual({ kind: 'rejected', attemptsLeft: 1, next: pending({ attemptsLeft: 1, version: 6 }) });
  });

  it('locks out when the last attempt is used (S5): cancelled, no attempts left', () => {
    const outcome = evaluateAttempt(pending({ attemptsLeft: 1 }), '000000', ISSUED, hasher);

    expect(outcome).toEqual({ kind: 'locked-out', next: pending({ attemptsLeft: 0, status: 'cancelled', version: 5 }) });
  });

  it('still accepts the right code on the last attempt', () => {
    expect(evaluateAttempt(pending({ attemptsLeft: 1 }), CODE, ISSUED, hasher).kind).toBe('accepted');
  });

  it('treats a missing (unparseable) code as a wrong attempt', () => {
    expect(evaluateAttempt(pending(), undefined, ISSUED, hasher)).toMatchObject({ kind: 'rejected', attemptsLeft: 2 });
  });

  it('expires exactly at expiresAt, even for the right code (S4)', () => {
    expect(evaluateAttempt(pending(), CODE, ISSUED + TTL - 1, hasher).kind).toBe('accepted');
    expect(evaluateAttempt(pending(), CODE, ISSUED + TTL, hasher)).toEqual({ kind: 'expired' });
    expect(evaluateAttempt(pending(), '000000', ISSUED + TTL + 1, hasher)).toEqual({ kind: 'expired' });
  });

  it.each(['verified', 'cancelled'] as const)('does nothing to a %s challenge, even with its code (S3)', (status) => {
    expect(evaluateAttempt(pending({ status }), CODE, ISSUED, hasher)).toEqual({ kind: 'not-pending' });
  });

  it("rejects a code issued for another command or another user's command (S6, S7)", () => {
    const otherCommand = pending({ codeHash: hasher.hash(CODE, 'alice', 'cmd-2') });
    const otherUser = pending({ codeHash: hasher.hash(CODE, 'bob', 'cmd-1') });

    expect(evaluateAttempt(otherCommand, CODE, ISSUED, hasher).kind).toBe('rejected');
    expect(evaluateAttempt(otherUser, CODE, ISSUED, hasher).kind).toBe('rejected');
  });

  it('leaves the challenge it was given unchanged (the caller writes `next` conditionally)', () => {
    const challenge = pending();
    const before = structuredClone(challenge);

    evaluateAttempt(challenge, '000000', ISSUED, hasher);
    evaluateAttempt(challenge, CODE, ISSUED, hasher);

    expect(challenge).toEqual(before);
  });
});

describe('isExpired', () => {
  it('is false before expiresAt and true from it on', () => {
    expect(isExpired({ expiresAt: 1000 }, 999)).toBe(false);
    expect(isExpired({ expiresAt: 1000 }, 1000)).toBe(true);
    expect(isExpired({ expiresAt: 1000 }, 1001)).toBe(true);
  });
});

describe('verifiesCommand (S14): a verification for exactly this user, command and target', () => {
  const verified = () => pending({ status: 'verified', verifiedAt: ISSUED + 1000 });
  const command = () => {
    const { userId, commandId, action, target, resource } = verified();
    return { userId, commandId, action, target, resource };
  };

  it('holds for the verified challenge of the same command', () => {
    expect(verifiesCommand(verified(), command())).toBe(true);
  });

  it.each([
    ['no challenge', undefined],
    ['a pending challenge', pending()],
    ['a challenge no longer verified that still carries a verification time', { ...verified(), status: 'cancelled' }],
    ['a verified challenge without its verification time', { ...verified(), verifiedAt: undefined }],
    ["another user's", { ...verified(), userId: 'bob' }],
    ["another command's", { ...verified(), commandId: 'cmd-other' }],
    ['another action', { ...verified(), action: 'stop' }],
    ['another target', { ...verified(), target: 'web' }],
    ['another resource', { ...verified(), resource: 'i-other' }],
  ])('does not hold for %s', (_name, challenge) => {
    expect(verifiesCommand(challenge as Challenge | undefined, command())).toBe(false);
  });
});

describe('confirmationAge', () => {
  it('refuses a verification time more than the skew in the future, and counts a past one', () => {
    expect(confirmationAge(ISSUED + 5_000, ISSUED)).toBe(0);
    expect(confirmationAge(ISSUED + 5_001, ISSUED)).toBeUndefined();
    expect(confirmationAge(ISSUED, ISSUED + 7_000)).toBe(7_000);
  });
});

describe('taskTokenContext', () => {
  it("binds a sealed task token to one user's challenge for one command: another user or command opens nothing", () => {
    const context = taskTokenContext({ userId: 'alice', commandId: 'cmd-1' });

    expect(context).toContain('alice');
    expect(context).toContain('cmd-1');
    expect(taskTokenContext({ userId: 'bob', commandId: 'cmd-1' })).not.toBe(context);
    expect(taskTokenContext({ userId: 'alice', commandId: 'cmd-2' })).not.toBe(context);
  });
});

describe('factorOf', () => {
  it('is the factor the challenge was issued for, even when it also names a delivery channel', () => {
    expect(factorOf({ factor: 'totp', channel: 'sms' })).toBe('totp');
  });

  it('is the delivery channel on a challenge from before factors', () => {
    expect(factorOf({ channel: 'email' })).toBe('email');
  });
});
