import { SendEmailCommand, type SESv2Client } from '@aws-sdk/client-sesv2';
import type { MessageSender, OutgoingMessage } from '../../../ports/message-sender';
import { deliverVia } from '../messaging/delivery-error';

export interface SesEmailConfig {
  /** A verified SES identity. */
  fromAddress: string;
}

/** Sends codes as plain-text e-mail via SES v2. */
export class SesEmailSender implements MessageSender {
  constructor(
    private readonly client: SESv2Client,
    private readonly config: SesEmailConfig,
  ) {}

  async send(message: OutgoingMessage): Promise<void> {
    const command = new SendEmailCommand({
      FromEmailAddress: this.config.fromAddress,
      Destination: { ToAddresses: [message.to] },
      Content: {
        Simple: {
          Subject: { Data: message.subject, Charset: 'UTF-8' },
          Body: { Text: { Data: message.body, Charset: 'UTF-8' } },
        },
      },
    });
    await deliverVia('email', () => this.client.send(command));
  }
}
