import { SNSClient } from '@aws-sdk/client-sns';
import { CreateEmailIdentityCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { DeliveryError } from '../../functions/adapters/aws/messaging/delivery-error';
import { ChannelRouter } from '../../functions/adapters/aws/messaging/channel-router';
import { SesEmailSender } from '../../functions/adapters/aws/ses/ses-email-sender';
import { SnsSmsSender } from '../../functions/adapters/aws/sns/sns-sms-sender';
import type { OutgoingMessage } from '../../functions/ports/message-sender';
import { awsTestConfig } from '../support/aws-test-config';
import { describeWithMoto } from '../support/moto';
import { visibleText } from '../support/visible-text';
import { messageSenderContract } from '../contract/suites/message-sender.contract';

const FROM = 'codes@voicegate.example';
const CODE = '482913';
const text = { subject: 'VoiceGate code to start splunk', body: `VoiceGate code ${CODE} to start splunk.` };
const sms: OutgoingMessage = { channel: 'sms', to: '+15555550101', ...text };
const email: OutgoingMessage = { channel: 'email', to: 'alice@example.com', ...text };

/** S12: what a caller may log must not give away the destination or the code. */
function expectNoSecrets(error: unknown, message: OutgoingMessage): void {
  expect(visibleText(error)).not.toContain(message.to);
  expect(visibleText(error)).not.toContain(CODE);
}

describeWithMoto('message senders over the wire (moto SNS, SES v2)', (moto) => {
  let sns: SNSClient;
  let ses: SESv2Client;
  const sentSms = async () => (await moto().data()).sns?.SMS ?? [];
  const sentEmail = async () => (await moto().data()).ses?.Message ?? [];

  beforeAll(async () => {
    sns = new SNSClient(awsTestConfig(moto().endpoint));
    ses = new SESv2Client(awsTestConfig(moto().endpoint));
    await ses.send(new CreateEmailIdentityCommand({ EmailIdentity: FROM }));
  });
  afterAll(() => {
    sns.destroy();
    ses.destroy();
  });

  it('SnsSmsSender reports a refused number without giving it away', async () => {
    const notE164 = { ...sms, to: '555-0101' };

    const error = await new SnsSmsSender(sns).send(notE164).catch((e: unknown) => e);

    expect(error).toEqual(new DeliveryError('sms', 'InvalidParameterException'));
    expectNoSecrets(error, notE164);
  });

  it('SesEmailSender reports an unverified sender without giving addresses away', async () => {
    const unverified = 'nobody@elsewhere.example';

    const error = await new SesEmailSender(ses, { fromAddress: unverified }).send(email).catch((e: unknown) => e);

    // moto's own message names the address; the wrapped one must not.
    expect(error).toEqual(new DeliveryError('email', 'MessageRejected'));
    expectNoSecrets(error, email);
    expect(visibleText(error)).not.toContain(unverified);
  });

  const smsDelivered = async () =>
    (await sentSms()).map((m) => ({ to: (m as { phone_number: string }).phone_number, body: (m as { message: string }).message }));
  const emailDelivered = async () =>
    (await sentEmail()).map((m) => ({
      to: (m as { destinations: { ToAddresses: string[] } }).destinations.ToAddresses[0]!,
      body: (m as { body: string }).body,
    }));
  const fresh =
    <T>(subject: T) =>
    async () => ({ subject, cleanup: async () => undefined });

  messageSenderContract('SnsSmsSender on moto', () => fresh({ sender: new SnsSmsSender(sns), channels: ['sms' as const], delivered: smsDelivered })());
  messageSenderContract('SesEmailSender on moto', () =>
    fresh({ sender: new SesEmailSender(ses, { fromAddress: FROM }), channels: ['email' as const], delivered: emailDelivered })(),
  );
  messageSenderContract('ChannelRouter over SNS and SES on moto', () =>
    fresh({
      sender: new ChannelRouter({ sms: new SnsSmsSender(sns), email: new SesEmailSender(ses, { fromAddress: FROM }) }),
      channels: ['sms' as const, 'email' as const],
      delivered: async () => [...(await smsDelivered()), ...(await emailDelivered())],
    })(),
  );

  it('ChannelRouter sends a text message by SMS only', async () => {
    const router = new ChannelRouter({ sms: new SnsSmsSender(sns), email: new SesEmailSender(ses, { fromAddress: FROM }) });
    const routedSms = { ...sms, to: '+15555550142' };

    await router.send(routedSms);

    expect(await smsDelivered()).toContainEqual({ to: routedSms.to, body: routedSms.body });
    expect(await emailDelivered()).not.toContainEqual(expect.objectContaining({ to: routedSms.to }));
  });

  it('SesEmailSender sends from the configured address with the subject', async () => {
    await new SesEmailSender(ses, { fromAddress: FROM }).send(email);

    expect(await sentEmail()).toContainEqual(expect.objectContaining({ source: FROM, subject: email.subject }));
  });
});
