import { AUDIT_SOURCE, AuditDetailTypes, auditEvent } from '../../../functions/domain/audit-event';
import { codeMessage, stepUpMessage } from '../../../functions/domain/code-message';
import type { Command } from '../../../functions/domain/command';

const command: Command = {
  commandId: 'cmd-1',
  userId: 'alice',
  action: 'start',
  target: 'splunk',
  policyTarget: 'splunk',
  instanceId: 'i-0123456789abcdef0',
  requestedAt: '2026-01-01T00:00:00.000Z',
};
const AT = new Date('2026-01-01T00:00:05.000Z');

describe('auditEvent', () => {
  it('always carries commandId, executionId, userId, action, target and time, with source voicegate', () => {
    expect(auditEvent(AuditDetailTypes.codeVerified, command, 'exec-1', AT)).toEqual({
      source: AUDIT_SOURCE,
      detailType: 'Code Verified',
      time: '2026-01-01T00:00:05.000Z',
      detail: {
        commandId: 'cmd-1',
        executionId: 'exec-1',
        userId: 'alice',
        action: 'start',
        target: 'splunk',
        time: '2026-01-01T00:00:05.000Z',
      },
    });
    expect(AUDIT_SOURCE).toBe('voicegate');
  });

  it('adds extras but never lets them overwrite the required fields', () => {
    const event = auditEvent(AuditDetailTypes.codeRejected, command, 'exec-1', AT, { attemptsLeft: 2, userId: 'mallory', commandId: 'x' });

    expect(event.detail).toMatchObject({ attemptsLeft: 2, userId: 'alice', commandId: 'cmd-1' });
  });

  it('does not copy the instance id or anything else off the command', () => {
    expect(Object.keys(auditEvent(AuditDetailTypes.codeSent, command, 'e', AT).detail).sort()).toEqual([
      'action',
      'commandId',
      'executionId',
      'target',
      'time',
      'userId',
    ]);
  });

  it('uses the contract detail-type names of docs/product.md section 2', () => {
    expect(Object.values(AuditDetailTypes).sort()).toEqual(
      [
        'Action Failed',
        'Action Succeeded',
        'Challenge Expired',
        'Code Rejected',
        'Code Sent',
        'Code Verified',
        'Command Cancelled',
        'Command Denied',
        'Command Requested',
        'Command Superseded',
        'Delivery Failed',
        'Device Registered',
        'Factor Changed',
        'Limit Reset',
      ].sort(),
    );
  });
});

describe('codeMessage', () => {
  it('is the delivered text of docs/product.md, naming the action it confirms', () => {
    expect(codeMessage('482913', 'start', 'splunk', 300)).toEqual({
      subject: 'VoiceGate code to start splunk',
      body: "VoiceGate code 482913 to start splunk. Expires in 5 minutes. Didn't ask? Ignore this message.",
    });
  });

  it('says the lifetime in whole minutes, or in seconds below a minute', () => {
    expect(codeMessage('1', 'stop', 'web', 60).body).toContain('Expires in 1 minute.');
    expect(codeMessage('1', 'stop', 'web', 150).body).toContain('Expires in 3 minutes.');
    expect(codeMessage('1', 'stop', 'web', 5).body).toContain('Expires in 5 seconds.');
    expect(codeMessage('1', 'stop', 'web', 1).body).toContain('Expires in 1 second.');
    expect(codeMessage('1', 'stop', 'web', 0.2).body).toContain('Expires in 1 second.');
  });
});

describe('stepUpMessage', () => {
  it('names a factor change, not a command, and says to tell the operator when unasked', () => {
    expect(stepUpMessage('482913', 300)).toEqual({
      subject: 'VoiceGate code to change your sign-in factors',
      body: "VoiceGate code 482913 to change your sign-in factors. Expires in 5 minutes. Didn't ask? Ignore this message and tell your operator.",
    });
  });

  it('says at least one second of lifetime', () => {
    expect(stepUpMessage('1', 0.2).body).toContain('Expires in 1 second.');
  });
});
