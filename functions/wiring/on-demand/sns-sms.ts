import { SNSClient } from '@aws-sdk/client-sns';
import { SnsSmsSender } from '../../adapters/aws/sns/sns-sms-sender';
import type { MessageSender } from '../../ports/message-sender';

export const snsSms = (senderId: string | undefined): MessageSender => new SnsSmsSender(new SNSClient({}), senderId ? { senderId } : {});
