/** The text delivered to the user's phone or inbox; it names the action it confirms. */
import type { CommandAction } from './command';

export function codeMessage(code: string, action: CommandAction, target: string, expiresInSeconds: number) {
  const expiry = expiryPhrase(Math.max(1, Math.round(expiresInSeconds)));
  return {
    subject: `VoiceGate code to ${action} ${target}`,
    body: `VoiceGate code ${code} to ${action} ${target}. Expires in ${expiry}. Didn't ask? Ignore this message.`,
  };
}

/** The code that proves the user is behind a change of their factors; it confirms no command. */
export function stepUpMessage(code: string, expiresInSeconds: number) {
  const expiry = expiryPhrase(Math.max(1, Math.round(expiresInSeconds)));
  return {
    subject: 'VoiceGate code to change your sign-in factors',
    body: `VoiceGate code ${code} to change your sign-in factors. Expires in ${expiry}. Didn't ask? Ignore this message and tell your operator.`,
  };
}

/** "5 minutes", "1 minute", "45 seconds". */
function expiryPhrase(seconds: number): string {
  if (seconds < 60) return seconds === 1 ? '1 second' : `${seconds} seconds`;
  const minutes = Math.round(seconds / 60);
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}
