import { maskDestination, maskEmail, maskPhone } from '../../../functions/domain/masking';

describe('masking (S12)', () => {
  it('keeps only the last two digits of a phone number', () => {
    expect(maskPhone('+15555550101')).toBe('***01');
    expect(maskPhone('+447700900123')).toBe('***23');
  });

  it('keeps the first letter and the domain of an e-mail address', () => {
    expect(maskEmail('alice@example.com')).toBe('a***@example.com');
    expect(maskEmail('b@example.org')).toBe('b***@example.org');
  });

  it('masks at the last @ (a quoted local part may contain one)', () => {
    expect(maskEmail('"a@b"@example.com')).toBe('"***@example.com');
  });

  it('shows nothing of an address it cannot read', () => {
    expect(maskEmail('no-at-sign')).toBe('***');
    expect(maskEmail('@example.com')).toBe('***');
    expect(maskEmail('')).toBe('***');
  });

  it('masks by channel', () => {
    expect(maskDestination('sms', '+15555550101')).toBe('***01');
    expect(maskDestination('email', 'alice@example.com')).toBe('a***@example.com');
  });

  it('never returns the local part or more than two digits of the number', () => {
    for (const phone of ['+15555550101', '+15555550102', '+4915112345678']) {
      expect(maskPhone(phone).replace(/\D/g, '')).toHaveLength(2);
    }
    expect(maskEmail('alice.smith@example.com')).not.toContain('lice');
  });
});
