/** S12: only masked contact details ever leave the message sender. */
import type { Channel } from './user';

/** "+15555550101" -> "***01" */
export function maskPhone(phone: string): string {
  return `***${phone.slice(-2)}`;
}

/** "alice@example.com" -> "a***@example.com" */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1) return '***';
  return `${email[0]}***${email.slice(at)}`;
}

export function maskDestination(channel: Channel, destination: string): string {
  return channel === 'sms' ? maskPhone(destination) : maskEmail(destination);
}
