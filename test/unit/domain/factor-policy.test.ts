import { DEFAULT_FACTOR_POLICY, acceptedFactors, chooseFactor, parseFactorPolicy, type FactorPolicy } from '../../../functions/domain/factor-policy';

const POLICY: FactorPolicy = {
  default: ['totp', 'aws-mfa', 'sms', 'email'],
  actions: { unlock: ['totp', 'aws-mfa'], stop: ['aws-mfa', 'totp', 'sms'] },
  targets: { build: ['sms', 'email', 'totp', 'aws-mfa'], splunk: ['totp'] },
  emailEnabled: true,
};

describe('acceptedFactors', () => {
  it('takes the default list for an action and target without their own', () => {
    expect(acceptedFactors(POLICY, 'start', 'web')).toEqual(['totp', 'aws-mfa', 'sms', 'email']);
  });

  it("takes the action's list, in its order", () => {
    expect(acceptedFactors(POLICY, 'unlock', 'front door')).toEqual(['totp', 'aws-mfa']);
    expect(acceptedFactors(POLICY, 'stop', 'web')).toEqual(['aws-mfa', 'totp', 'sms']);
  });

  it("lets a target's list override the action's, whatever the case the alias is spoken in", () => {
    expect(acceptedFactors(POLICY, 'stop', 'build')).toEqual(['sms', 'email', 'totp', 'aws-mfa']);
    expect(acceptedFactors(POLICY, 'start', 'Splunk')).toEqual(['totp']);
  });

  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])(
    'treats a target or action named %s as any other name, never as an Object property',
    (name) => {
      expect(acceptedFactors(POLICY, 'start', name)).toEqual(POLICY.default);
      expect(acceptedFactors(POLICY, name, 'web')).toEqual(POLICY.default);
      const listed = parseFactorPolicy(JSON.parse(`{"targets":{"${name}":["totp"]},"actions":{"${name}":["sms"]}}`));
      expect(acceptedFactors(listed, 'start', name)).toEqual(['totp']);
      expect(acceptedFactors(listed, name, 'web')).toEqual(['sms']);
    },
  );

  it('drops e-mail everywhere when e-mail is turned off', () => {
    const noEmail = { ...POLICY, emailEnabled: false };

    expect(acceptedFactors(noEmail, 'start', 'web')).toEqual(['totp', 'aws-mfa', 'sms']);
    expect(acceptedFactors(noEmail, 'reboot', 'build')).toEqual(['sms', 'totp', 'aws-mfa']);
  });

  it('by default accepts every factor for instance actions, and never e-mail for unlocking', () => {
    for (const action of ['start', 'stop', 'reboot']) expect(acceptedFactors(DEFAULT_FACTOR_POLICY, action, 'splunk')).toContain('sms');
    expect(acceptedFactors(DEFAULT_FACTOR_POLICY, 'unlock', 'front door')).toEqual(['totp', 'aws-mfa', 'sms']);
  });
});

describe('chooseFactor', () => {
  const all = ['totp', 'aws-mfa', 'sms', 'email'] as const;

  it("takes the user's preference when the policy accepts it and the user has it", () => {
    expect(chooseFactor([...all], ['sms', 'email', 'totp'], 'sms')).toEqual({ kind: 'chosen', factor: 'sms' });
    expect(chooseFactor([...all], ['sms', 'email', 'totp'], 'totp')).toEqual({ kind: 'chosen', factor: 'totp' });
  });

  it("otherwise takes the policy's most preferred factor the user has", () => {
    expect(chooseFactor(['totp', 'aws-mfa'], ['sms', 'email', 'aws-mfa'], 'sms')).toEqual({ kind: 'chosen', factor: 'aws-mfa' });
    expect(chooseFactor([...all], ['sms', 'email'], 'totp')).toEqual({ kind: 'chosen', factor: 'sms' });
    expect(chooseFactor([...all], ['sms', 'email'], undefined)).toEqual({ kind: 'chosen', factor: 'sms' });
  });

  it('refuses, naming what the policy accepts, when the user has none of it', () => {
    expect(chooseFactor(['totp'], ['sms', 'email'], 'sms')).toEqual({ kind: 'refused', accepted: ['totp'] });
  });
});

describe('parseFactorPolicy (configuration)', () => {
  it('reads a full policy, lower-casing target aliases', () => {
    const parsed = parseFactorPolicy({ default: ['sms'], actions: { start: ['totp'] }, targets: { Build: ['email'] }, emailEnabled: false });

    expect(parsed).toEqual({ default: ['sms'], actions: { start: ['totp'] }, targets: { build: ['email'] }, emailEnabled: false });
  });

  it('fills what is left out from the defaults', () => {
    expect(parseFactorPolicy({ targets: { splunk: ['totp'] } })).toEqual({
      default: DEFAULT_FACTOR_POLICY.default,
      actions: {},
      targets: { splunk: ['totp'] },
      emailEnabled: true,
    });
  });

  it.each([
    [[], /factor policy must be an object/],
    ['totp', /factor policy must be an object/],
    [null, /factor policy must be an object/],
    [42, /factor policy must be an object/],
    [{ default: [] }, /default must be a non-empty list/],
    [{ default: ['sms', 'pigeon'] }, /default must be a non-empty list of distinct factors from: sms, email, totp, aws-mfa/],
    [{ actions: { start: ['sms', 'sms'] } }, /actions\.start must be/],
    [{ targets: { web: 'totp' } }, /targets\.web must be/],
    [{ emailEnabled: 'no' }, /emailEnabled must be true or false/],
  ])('refuses %j with a clear message', (value, message) => {
    expect(() => parseFactorPolicy(value)).toThrow(message);
  });
});
