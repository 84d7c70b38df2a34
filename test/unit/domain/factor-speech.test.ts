import { Speech } from '../../../functions/domain/speech';

describe('Speech for authenticator apps and MFA devices', () => {
  it('asks for the code from the device instead of saying where a code went', () => {
    expect(Speech.deviceCodeAsked('start', 'splunk', 'totp')).toBe('To confirm starting splunk, say the code from your authenticator app.');
    expect(Speech.deviceCodeAsked('reboot', 'build', 'aws-mfa')).toBe('To confirm rebooting build, say the code from your MFA device.');
  });

  it('says which factors an action needs, in the policy order', () => {
    expect(Speech.factorRequired(['totp'])).toBe('Sorry, this action needs your authenticator app.');
    expect(Speech.factorRequired(['totp', 'aws-mfa'])).toBe('Sorry, this action needs your authenticator app or your MFA device.');
    expect(Speech.factorRequired(['aws-mfa', 'sms'])).toBe('Sorry, this action needs your MFA device or a code by text.');
  });

  it('has nothing to resend for a device code', () => {
    expect(Speech.deviceCodeReminder('totp')).toBe('There is nothing to send: say authorize and the code from your authenticator app.');
  });
});
