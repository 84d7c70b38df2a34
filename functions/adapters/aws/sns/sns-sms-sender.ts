import { PublishCommand, type MessageAttributeValue, type SNSClient } from '@aws-sdk/client-sns';
import type { MessageSender, OutgoingMessage } from '../../../ports/message-sender';
import { deliverVia } from '../messaging/delivery-error';

export interface SnsSmsConfig {
  /** Alphanumeric sender id, where the destination country supports one. */
  senderId?: string;
  /** A dedicated origination number (E.164), where the account has one. */
  originationNumber?: string;
}

/** Sends codes as transactional SMS (higher delivery priority than promotional) via SNS. */
export class SnsSmsSender implements MessageSender {
  constructor(
    private readonly client: SNSClient,
    private readonly config: SnsSmsConfig = {},
  ) {}

  async send(message: OutgoingMessage): Promise<void> {
    const command = new PublishCommand({ PhoneNumber: message.to, Message: message.body, MessageAttributes: this.attributes() });
    await deliverVia('sms', () => this.client.send(command));
  }

  private attributes(): Record<string, MessageAttributeValue> {
    const { senderId, originationNumber } = this.config;
    return {
      'AWS.SNS.SMS.SMSType': text('Transactional'),
      ...(senderId && { 'AWS.SNS.SMS.SenderID': text(senderId) }),
      ...(originationNumber && { 'AWS.MM.SMS.OriginationNumber': text(originationNumber) }),
    };
  }
}

function text(value: string): MessageAttributeValue {
  return { DataType: 'String', StringValue: value };
}
