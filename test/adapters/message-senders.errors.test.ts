import { InvalidParameterException, PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { MessageRejected, SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { mockClient } from 'aws-sdk-client-mock';
import { ChannelRouter } from '../../functions/adapters/aws/messaging/channel-router';
import { DeliveryError } from '../../functions/adapters/aws/messaging/delivery-error';
import { SesEmailSender } from '../../functions/adapters/aws/ses/ses-email-sender';
import { SnsSmsSender } from '../../functions/adapters/aws/sns/sns-sms-sender';
import type { OutgoingMessage } from '../../functions/ports/message-sender';
import { visibleText } from '../support/visible-text';

const CODE = '482913';
const sms: OutgoingMessage = { channel: 'sms', to: '+15555550101', subject: 'code', body: `VoiceGate code ${CODE}` };
const email: OutgoingMessage = { ...sms, channel: 'email', to: 'alice@example.com' };

describe('SnsSmsSender when SNS refuses', () => {
  const sns = mockClient(SNSClient);
  afterEach(() => sns.reset());

  it('names the channel and the provider error, never the number or the body', async () => {
    // Providers do echo the destination in their messages.
    const echoing = `${sms.to} is not valid: ${sms.body}`;
    sns.on(PublishCommand).rejects(new InvalidParameterException({ message: echoing, $metadata: {} }));

    const error = await new SnsSmsSender(sns as unknown as SNSClient).send(sms).catch((e: unknown) => e);

    expect(error).toEqual(new DeliveryError('sms', 'InvalidParameterException'));
    expect(visibleText(error)).not.toContain(sms.to);
    expect(visibleText(error)).not.toContain(CODE);
  });
});

describe('SnsSmsSender request (moto does not record message attributes)', () => {
  const sns = mockClient(SNSClient);
  afterEach(() => sns.reset());

  it('sends a transactional SMS with the configured sender id and origination number', async () => {
    sns.on(PublishCommand).resolves({ MessageId: 'm-1' });
    const sender = new SnsSmsSender(sns as unknown as SNSClient, { senderId: 'VoiceGate', originationNumber: '+15555550000' });

    await sender.send(sms);

    expect(sns.commandCalls(PublishCommand)[0]!.args[0].input).toEqual({
      PhoneNumber: sms.to,
      Message: sms.body,
      MessageAttributes: {
        'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
        'AWS.SNS.SMS.SenderID': { DataType: 'String', StringValue: 'VoiceGate' },
        'AWS.MM.SMS.OriginationNumber': { DataType: 'String', StringValue: '+15555550000' },
      },
    });
  });

  it('leaves sender id and origination number out when none is configured', async () => {
    sns.on(PublishCommand).resolves({ MessageId: 'm-1' });

    await new SnsSmsSender(sns as unknown as SNSClient).send(sms);

    expect(Object.keys(sns.commandCalls(PublishCommand)[0]!.args[0].input.MessageAttributes!)).toEqual(['AWS.SNS.SMS.SMSType']);
  });
});

describe('SesEmailSender when SES refuses', () => {
  const ses = mockClient(SESv2Client);
  afterEach(() => ses.reset());

  it('names the channel and the provider error, never the address or the body', async () => {
    const echoing = `Email address not verified ${email.to}: ${email.body}`;
    ses.on(SendEmailCommand).rejects(new MessageRejected({ message: echoing, $metadata: {} }));

    const error = await new SesEmailSender(ses as unknown as SESv2Client, { fromAddress: 'codes@voicegate.example' }).send(email).catch((e: unknown) => e);

    expect(error).toEqual(new DeliveryError('email', 'MessageRejected'));
    expect(visibleText(error)).not.toContain(email.to);
    expect(visibleText(error)).not.toContain(CODE);
  });

  it('wraps a network failure the same way', async () => {
    const reset = Object.assign(new Error(`connect ECONNRESET while sending to ${email.to}`), { name: 'TimeoutError' });
    ses.on(SendEmailCommand).rejects(reset);

    const error = await new SesEmailSender(ses as unknown as SESv2Client, { fromAddress: 'codes@voicegate.example' }).send(email).catch((e: unknown) => e);

    expect(error).toEqual(new DeliveryError('email', 'TimeoutError'));
    expect(visibleText(error)).not.toContain(email.to);
  });
});

describe('ChannelRouter without a sender for the channel', () => {
  it('refuses clearly, naming the channel but not the destination', async () => {
    const smsOnly = new ChannelRouter({ sms: { send: jest.fn() } });

    const error = await smsOnly.send(email).catch((e: unknown) => e);

    expect(error).toEqual(new Error('no message sender is configured for the email channel'));
    expect(visibleText(error)).not.toContain(email.to);
  });
});
