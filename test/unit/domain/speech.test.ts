import { Speech } from '../../../functions/domain/speech';

/** docs/product.md section 1, the conversation table, read off Speech, word for word. */
describe('Speech: the conversation table', () => {
  it('welcomes and names two things to try', () => {
    expect(Speech.welcome()).toBe('Welcome to cloud control. You can say "list instances", or "start splunk".');
  });

  it('"start splunk": where the code went, by SMS, the last two digits spoken one by one', () => {
    expect(Speech.codeSent('start', 'splunk', 6, 'sms', '***01')).toBe(
      'To confirm starting splunk I sent a 6-digit code to your phone ending in 0 1. Say authorize and the code.',
    );
  });

  it('names the code length and the channel it was sent on', () => {
    expect(Speech.codeSent('stop', 'web', 8, 'email', 'a***@example.com')).toBe(
      'To confirm stopping web I sent an 8-digit code to your e-mail. Say authorize and the code.',
    );
    expect(Speech.codeSent('stop', 'web', 7, 'sms', '***01')).toContain('I sent a 7-digit code');
    expect(Speech.codeSent('reboot', 'build', 6, 'sms', '***42')).toContain('rebooting build');
  });

  it('"authorize 482913": code accepted and done', () => {
    expect(Speech.codeAccepted('start', 'splunk')).toBe('Code accepted. I have started splunk.');
    expect(Speech.codeAccepted('stop', 'web')).toBe('Code accepted. I have stopped web.');
    expect(Speech.codeAccepted('reboot', 'build')).toBe('Code accepted. I have rebooted build.');
  });

  it('a wrong code: how many tries are left', () => {
    expect(Speech.codeRejected(2)).toBe("That code didn't match. You have 2 tries left.");
    expect(Speech.codeRejected(1)).toBe("That code didn't match. You have 1 try left.");
  });

  it('the third wrong code cancels', () => {
    expect(Speech.lockedOut('start', 'splunk')).toBe('Too many wrong codes. I cancelled starting splunk.');
  });

  it('"send it by email" / "send the code again"', () => {
    expect(Speech.newCodeSent('email', 'a***@example.com')).toBe('I sent a new code to your e-mail.');
    expect(Speech.newCodeSent('sms', '***01')).toBe('I sent a new code to your phone ending in 0 1.');
  });

  it('"cancel" while a code is pending', () => {
    expect(Speech.cancelled('start', 'splunk')).toBe('Cancelled starting splunk.');
  });

  it('no linked account', () => {
    expect(Speech.linkAccount()).toBe('Please link your account in the Alexa app.');
  });
});

describe('Speech: the other answers', () => {
  it('lists instances with a spelled-out count and their states', () => {
    expect(Speech.instances([])).toBe('You have no instances you can control.');
    expect(Speech.instances([{ instanceId: 'i-1', alias: 'web', state: 'running' }])).toBe('You have one instance: web is running.');
    expect(
      Speech.instances([
        { instanceId: 'i-1', alias: 'splunk', state: 'stopped' },
        { instanceId: 'i-2', alias: 'web', state: 'running' },
      ]),
    ).toBe('You have two instances: splunk is stopped, web is running.');
  });

  it('says a count past ten as a number', () => {
    expect(Speech.codeRejected(12)).toBe("That code didn't match. You have 12 tries left.");
  });

  it('explains a failed delivery and a failed action without blaming the user', () => {
    expect(Speech.deliveryFailed('start', 'splunk')).toBe("I couldn't send your code, so I am not starting splunk. Please try again later.");
    expect(Speech.codeAcceptedActionFailed('reboot', 'web', 'IncorrectInstanceState')).toBe(
      'Code accepted, but rebooting web failed: web changed state since you asked, so it can\'t be rebooted now. Say "list instances" to see where it stands.',
    );
    expect(Speech.codeAcceptedActionFailed('unlock', 'the front door', 'DeviceDidNotRespond')).toBe(
      'Code accepted, but unlocking the front door failed: the front door did not respond. Check that it is powered and online, then ask again.',
    );
    expect(Speech.codeAcceptedActionFailed('start', 'splunk', 'SomethingNew')).toBe(
      'Code accepted, but starting splunk failed: the provider refused to change splunk. Please ask your administrator to look into it.',
    );
    expect(Speech.codeAcceptedUnderWay('stop', 'web')).toBe('Code accepted. Stopping web is under way.');
  });

  it('never speaks a code, a contact or a token: only masked digits reach the user', () => {
    const spoken = Speech.codeSent('start', 'splunk', 6, 'sms', '***01');
    expect(spoken).not.toMatch(/\d{3,}/);
    expect(spoken).not.toContain('*');
  });

  it('a limit says when the user can try again, in minutes, then hours', () => {
    expect(Speech.sendLimitReached(9)).toBe('You have asked for too many codes. You can ask for a new code in 9 minutes.');
    expect(Speech.sendLimitReached(1)).toBe('You have asked for too many codes. You can ask for a new code in 1 minute.');
    expect(Speech.attemptLimitReached(14)).toBe('You have tried too many codes. You can try again in 14 minutes.');
    expect(Speech.attemptLimitReached(61)).toBe('You have tried too many codes. You can try again in 2 hours.');
    expect(Speech.sendLimitReached(60)).toBe('You have asked for too many codes. You can ask for a new code in 1 hour.');
  });

  it('two instances with one alias: refused, and the operator is named', () => {
    expect(Speech.duplicateAlias('web', 2)).toBe('Two instances are called web; ask your operator to fix their tags.');
  });
});
