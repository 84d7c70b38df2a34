import type { Channel } from '../domain/user';

export interface OutgoingMessage {
  channel: Channel;
  /** Phone number (E.164) or e-mail address; adapters never log it (S12). */
  to: string;
  subject: string;
  body: string;
}

/** Delivers a code to the user's phone or inbox (SNS/SES on AWS, the outbox locally). */
export interface MessageSender {
  /** Rejects when the provider is down or refuses the message. */
  send(message: OutgoingMessage): Promise<void>;
}
