import type { Channel } from '../../../functions/domain/user';
import type { MessageSender } from '../../../functions/ports/message-sender';
import { freshPerTest, type MakeFixture } from './fixture';

export interface MessageFixture {
  sender: MessageSender;
  /** The channels this sender delivers on. */
  channels: Channel[];
  /** What reached the phones and inboxes: recipient and body. */
  delivered(): Promise<{ to: string; body: string }[]>;
}

const RECIPIENT: Record<Channel, string> = { sms: '+15555550101', email: 'alice@example.com' };

export function messageSenderContract(name: string, makeFixture: MakeFixture<MessageFixture>): void {
  describe(`MessageSender contract: ${name}`, () => {
    const fixture = freshPerTest(makeFixture);

    it('delivers the body to the recipient on each channel it serves', async () => {
      for (const channel of fixture().channels) {
        const body = `VoiceGate code 482913 to start splunk (${channel}).`;
        await fixture().sender.send({ channel, to: RECIPIENT[channel], subject: 'VoiceGate code to start splunk', body });

        expect(await fixture().delivered()).toContainEqual({ to: RECIPIENT[channel], body });
      }
    });
  });
}
