/** What the chat prints: Alexa's answer as a user hears it, and the simulated phones' screens. */

export interface AlexaResponseEnvelope {
  sessionAttributes?: Record<string, unknown>;
  response?: {
    outputSpeech?: { type: 'SSML'; ssml: string } | { type: 'PlainText'; text: string };
    card?: { type: string };
    shouldEndSession?: boolean;
  };
}

export interface OutboxMessage {
  id: string;
  channel: 'sms' | 'email';
  to: string;
  body: string;
}

const SSML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** The response as printed lines: what Alexa says, then the card the Alexa app would show. */
export function responseLines(envelope: AlexaResponseEnvelope): string[] {
  const { outputSpeech, card } = envelope.response ?? {};
  const lines: string[] = [];
  if (outputSpeech) lines.push(`alexa> ${outputSpeech.type === 'SSML' ? speechText(outputSpeech.ssml) : outputSpeech.text}`);
  if (card?.type === 'LinkAccount') lines.push('[card] Link your account');
  return lines;
}

export function outboxLine(message: OutboxMessage): string {
  const recipient = message.channel === 'sms' ? `phone ${maskPhoneNumber(message.to)}` : `email ${maskEmailAddress(message.to)}`;
  return `[${recipient}] ${message.body}`;
}

/** "<speak>Code &amp; more</speak>" -> "Code & more" */
function speechText(ssml: string): string {
  return ssml
    .replace(/<[^>]*>/g, '')
    .replace(/&(amp|lt|gt|quot|apos);/g, (_, name: string) => SSML_ENTITIES[name] ?? '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** "+15555550101" -> "+1•••••••0101": only the +1 and the last four digits stay readable. */
function maskPhoneNumber(phone: string): string {
  const hiddenDigits = phone.slice(0, -4).replace(/\D/g, '').length;
  const countryCode = phone.startsWith('+1') ? '+1' : '';
  return `${countryCode}${'•'.repeat(hiddenDigits)}${phone.slice(-4)}`;
}

/** "alice@example.com" -> "a•••@example.com" */
function maskEmailAddress(email: string): string {
  const at = email.lastIndexOf('@');
  return at < 1 ? '•••' : `${email[0]}•••${email.slice(at)}`;
}
