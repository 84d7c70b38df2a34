import { userAuditEvent } from '../../../functions/domain/audit-event';
import { replayOfCommand, type Command } from '../../../functions/domain/command';
import {
  activatePendingTotp,
  emptyFactorRecord,
  factorChangedEvent,
  factorStatuses,
  withActiveTotp,
  withMfaDevice,
  withPendingTotp,
  withPreference,
  withStepUpCode,
} from '../../../functions/domain/factor-enrollment';
import { CodeHasher, generateCode, normalizeSpokenCode } from '../../../functions/domain/one-time-code';
import { judgeSend } from '../../../functions/domain/send-limits';

const ALICE = { phone: '+15555550101', email: 'alice@example.com' };

describe('factor records: every change is a new version', () => {
  const record = { ...emptyFactorRecord('alice'), version: 4 };
  const device = { serialNumber: 'GAHT12345678' };

  it('bumps the version by one on each change, so a concurrent writer loses', () => {
    expect(withPendingTotp(record, 'sealed', 10, 'sms').version).toBe(5);
    expect(withActiveTotp(record, 'sealed', 10).version).toBe(5);
    expect(withMfaDevice(record, device).version).toBe(5);
    expect(withPreference(record, 'email')).toEqual({ ...record, preferred: 'email', version: 5 });
  });

  it('activates a pending app as the active factor and the preference, once', () => {
    const pending = withPendingTotp(record, 'sealed-secret', 10, 'sms');

    const active = activatePendingTotp(pending, 20);

    expect(active).toEqual({ ownerId: 'alice', totp: { sealedSecret: 'sealed-secret', since: 20 }, preferred: 'totp', version: 6 });
    expect(() => activatePendingTotp(active, 30)).toThrow('no pending authenticator enrollment');
  });

  it('stores a step-up code, replaces it with a newer one, and removes it leaving no empty field behind', () => {
    const first = { bindingId: 'step-up-1', channel: 'sms' as const, codeHash: 'h1', expiresAt: 100, attemptsLeft: 3 };
    const second = { ...first, bindingId: 'step-up-2', codeHash: 'h2' };

    const stored = withStepUpCode(record, first);
    expect(stored).toEqual({ ...record, stepUp: first, version: 5 });
    expect(withStepUpCode(stored, second)).toEqual({ ...record, stepUp: second, version: 6 });
    expect(withStepUpCode(stored, undefined)).toStrictEqual({ ownerId: 'alice', version: 6 });
  });

  it('shows an app waiting for its first code as pending, and an active one as active', () => {
    const noContacts = { phone: '', email: '' };

    expect(factorStatuses(noContacts, withPendingTotp(record, 's', 1, 'sms'))).toEqual([{ factor: 'totp', status: 'pending' }]);
    expect(factorStatuses(noContacts, withActiveTotp(record, 's', 1))).toEqual([{ factor: 'totp', status: 'active' }]);
    expect(factorStatuses(noContacts, record)).toEqual([]);
    expect(factorStatuses(ALICE, undefined)).toEqual([
      { factor: 'sms', status: 'active' },
      { factor: 'email', status: 'active' },
    ]);
  });
});

describe('audit events and replays', () => {
  it("records an operator's act on a user with the command fields reading none", () => {
    const at = new Date(Date.UTC(2026, 0, 1));

    expect(userAuditEvent('Factor Changed', 'alice', at, { factor: 'totp' })).toEqual({
      source: 'voicegate',
      detailType: 'Factor Changed',
      time: '2026-01-01T00:00:00.000Z',
      detail: { factor: 'totp', commandId: 'none', executionId: 'none', userId: 'alice', action: 'none', target: 'none', time: '2026-01-01T00:00:00.000Z' },
    });
  });

  it('records a factor change with the step-up that allowed it, or "unrecorded" for an enrollment from before step-ups', () => {
    const at = Date.UTC(2026, 0, 1);

    expect(factorChangedEvent('alice', 'aws-mfa', 'replaced', 'sms', at)).toEqual(
      userAuditEvent('Factor Changed', 'alice', new Date(at), { factor: 'aws-mfa', change: 'replaced', stepUp: 'sms' }),
    );
    expect(factorChangedEvent('alice', 'totp', 'enrolled', undefined, at).detail).toMatchObject({ factor: 'totp', change: 'enrolled', stepUp: 'unrecorded' });
  });

  it('copies a stored command under a new id and time, naming the execution it replays (S14)', () => {
    const stored: Command = {
      commandId: 'old',
      userId: 'alice',
      action: 'start',
      target: 'splunk',
      policyTarget: 'splunk',
      instanceId: 'i-1',
      requestedAt: 'then',
    };

    expect(replayOfCommand(stored, 'new', 'now', 'exec-1')).toEqual({ ...stored, commandId: 'new', requestedAt: 'now', replayOf: 'exec-1' });
  });
});

describe('limits that refuse bad configuration with a clear error', () => {
  it('refuses a code length outside 6-8 digits, saying the allowed range', () => {
    expect(() => generateCode(5)).toThrow('code length must be 6-8 digits');
    expect(() => generateCode(9)).toThrow(RangeError);
  });

  it('reads no code at all as no code', () => {
    expect(normalizeSpokenCode(undefined, 6)).toBeUndefined();
    expect(normalizeSpokenCode('4 8-2', 6)).toBe('000482');
  });

  it('refuses a short code-hash secret, saying how long it must be', () => {
    expect(() => new CodeHasher(Buffer.alloc(31))).toThrow('the code-hash secret must be at least 32 bytes');
  });

  it('refuses a send limit that allows no send at all, naming it', () => {
    expect(() => judgeSend([], 0, [{ name: 'closed', max: 0, windowSeconds: 60 }])).toThrow('send limit closed must allow at least one send');
  });
});
