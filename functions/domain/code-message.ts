/** The text delivered to the user's phone or inbox; it names the action it confirms. */
import { type InstanceAction } from './command';

export function codeMessage(code: string, action: InstanceAction, target: string, expiresInSeconds: number) {
  const minutes = Math.max(1, Math.round(expiresInSeconds / 60));
  const expiry = minutes === 1 ? '1 minute' : `${minutes} minutes`;
  return {
    subject: `VoiceGate code to ${action} ${target}`,
    body: `VoiceGate code ${code} to ${action} ${target}. Expires in ${expiry}. Didn't ask? Ignore this message.`,
  };
}
