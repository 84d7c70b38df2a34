import { judgeStepUpCode, parseStepUpProof, type StepUpCode } from '../../../functions/domain/step-up';

describe('parseStepUpProof: the stepUp field of a request body', () => {
  it('reads a factor and its code', () => {
    expect(parseStepUpProof({ factor: 'sms', code: '123456', extra: true })).toEqual({ factor: 'sms', code: '123456' });
  });

  it.each([
    ['nothing', undefined],
    ['null', null],
    ['a bare factor name', 'sms'],
    ['a function carrying a factor and a code', Object.assign(() => undefined, { factor: 'sms', code: '123456' })],
    ['an unknown factor', { factor: 'fax', code: '123456' }],
    ['a code that is not a string', { factor: 'sms', code: 123456 }],
    ['no code', { factor: 'totp' }],
  ])('is no proof for %s', (_name, value) => {
    expect(parseStepUpProof(value)).toBeUndefined();
  });
});

describe('judgeStepUpCode: one try of a delivered step-up code', () => {
  const NOW = 1_000_000;
  const stored: StepUpCode = { bindingId: 'step-up-1', channel: 'sms', codeHash: 'hash', expiresAt: NOW + 60_000, attemptsLeft: 3 };
  const right = true;
  const wrong = false;

  it('accepts the right code before it expires, using it up', () => {
    expect(judgeStepUpCode(stored, right, NOW)).toStrictEqual({ kind: 'accepted', remaining: undefined });
  });

  it('refuses when no code was sent, keeping nothing (S3: a used code is gone)', () => {
    expect(judgeStepUpCode(undefined, right, NOW)).toEqual({ kind: 'rejected', reason: 'no-code-sent', remaining: undefined });
  });

  it('refuses the right code from its expiry on and drops it (S4)', () => {
    expect(judgeStepUpCode(stored, right, stored.expiresAt)).toEqual({ kind: 'rejected', reason: 'expired', remaining: undefined });
  });

  it('counts a wrong code against the tries left, keeping the code', () => {
    expect(judgeStepUpCode(stored, wrong, NOW)).toEqual({ kind: 'rejected', reason: 'wrong-code', remaining: { ...stored, attemptsLeft: 2 } });
  });

  it('voids the code on the last wrong try (S5)', () => {
    expect(judgeStepUpCode({ ...stored, attemptsLeft: 1 }, wrong, NOW)).toEqual({ kind: 'rejected', reason: 'wrong-code', remaining: undefined });
  });
});
