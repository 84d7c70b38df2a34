import { parseIssueChallengePayload, parsePerformActionPayload } from '../../../functions/handlers/workflow-payloads';

const command = {
  commandId: 'cmd-1',
  userId: 'alice',
  action: 'start',
  target: 'splunk',
  policyTarget: 'splunk',
  instanceId: 'i-0123456789abcdef0',
  requestedAt: '2026-01-01T00:00:00.000Z',
};

describe('workflow payloads (S15)', () => {
  it('parses the send-code payload', () => {
    expect(parseIssueChallengePayload({ command, executionId: 'e', taskToken: 't' })).toEqual({ command, executionId: 'e', taskToken: 't' });
  });

  it('parses the perform-action payload and keeps replayOf only when it is a string', () => {
    expect(parsePerformActionPayload({ command: { ...command, replayOf: 'exec-0' } })).toEqual({ command: { ...command, replayOf: 'exec-0' } });
    expect(parsePerformActionPayload({ command: { ...command, replayOf: 7 }, verifiedAt: 5 }).command).not.toHaveProperty('replayOf');
  });

  it('drops fields a command does not have', () => {
    const parsed = parsePerformActionPayload({ command: { ...command, instanceId: 'i-1', admin: true }, verifiedAt: 5 });
    expect(parsed.command).not.toHaveProperty('admin');
  });

  it.each([
    ['no payload', undefined, /payload/],
    ['a string payload', 'x', /payload/],
    ['no command', { executionId: 'e', taskToken: 't' }, /command/],
    ['an unknown action', { command: { ...command, action: 'terminate' }, executionId: 'e', taskToken: 't' }, /action/],
    ['an empty user id', { command: { ...command, userId: '' }, executionId: 'e', taskToken: 't' }, /userId/],
    ['no task token', { command, executionId: 'e' }, /taskToken/],
  ])('refuses a send-code payload with %s', (_, payload, message) => {
    expect(() => parseIssueChallengePayload(payload)).toThrow(message);
  });

  it.each([undefined, '5', Number.NaN, Date.now() + 3_600_000])('ignores a verifiedAt of %p: the verification time comes from the store', (verifiedAt) => {
    expect(parsePerformActionPayload({ command, verifiedAt })).toEqual({ command });
  });

  it('refuses a command without the policy target its factor is chosen by', () => {
    const { policyTarget: _dropped, ...withoutPolicyTarget } = command;
    expect(() => parsePerformActionPayload({ command: withoutPolicyTarget })).toThrow(/policyTarget/);
  });
});
