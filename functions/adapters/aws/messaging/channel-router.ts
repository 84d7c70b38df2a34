import type { Channel } from '../../../domain/user';
import type { MessageSender, OutgoingMessage } from '../../../ports/message-sender';

/** The one MessageSender the use cases see: hands each message to its channel's sender. */
export class ChannelRouter implements MessageSender {
  constructor(private readonly senders: Partial<Record<Channel, MessageSender>>) {}

  async send(message: OutgoingMessage): Promise<void> {
    const sender = this.senders[message.channel];
    if (!sender) throw new Error(`no message sender is configured for the ${message.channel} channel`);
    await sender.send(message);
  }
}
