import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SesEmailSender } from '../../adapters/aws/ses/ses-email-sender';
import type { MessageSender } from '../../ports/message-sender';

export const sesEmail = (fromAddress: string): MessageSender => new SesEmailSender(new SESv2Client({}), { fromAddress });
