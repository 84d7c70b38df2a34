import { outboxLine, responseLines } from '../../../infra/local/chat/render';

describe('what the chat prints', () => {
  it('reads SSML as a listener hears it: no tags, entities decoded, spaces collapsed', () => {
    const lines = responseLines({
      response: { outputSpeech: { type: 'SSML', ssml: '<speak>Say <emphasis>authorize</emphasis>\n &amp; the code. Didn&apos;t ask?</speak>' } },
    });

    expect(lines).toEqual(["alexa> Say authorize & the code. Didn't ask?"]);
  });

  it('prints plain-text speech as it is, and shows only a LinkAccount card', () => {
    expect(responseLines({ response: { outputSpeech: { type: 'PlainText', text: 'Hi <there>' }, card: { type: 'Simple' } } })).toEqual(['alexa> Hi <there>']);
    expect(responseLines({ response: { card: { type: 'LinkAccount' } } })).toEqual(['[card] Link your account']);
    expect(responseLines({})).toEqual([]);
  });

  it.each([
    [{ channel: 'sms' as const, to: '+15555550102' }, '[phone +1•••••••0102] hello'],
    [{ channel: 'email' as const, to: 'bob@example.com' }, '[email b•••@example.com] hello'],
  ])('masks the destination of %j', (destination, line) => {
    expect(outboxLine({ id: 'm', body: 'hello', ...destination })).toBe(line);
  });
});
