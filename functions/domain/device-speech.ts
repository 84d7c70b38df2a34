/** What VoiceGate says about devices, beyond the confirmation phrases every command shares (speech.ts). */
import { spokenDevice, type DeviceAction } from './device';

export const DeviceSpeech = {
  /** "The front door is locked. It reported 4 seconds ago." */
  status(name: string, state: string, reportedAgoMs: number | undefined): string {
    const when = reportedAgoMs === undefined ? '' : ` It reported ${agoPhrase(reportedAgoMs)}.`;
    return `${capitalize(spokenDevice(name))} is ${state}.${when}`;
  },
  notReported: (name: string) => `${capitalize(spokenDevice(name))} has not reported its state yet.`,
  /** "The front door can only lock or unlock." */
  unsupported: (name: string, supported: DeviceAction[]) => `${capitalize(spokenDevice(name))} can only ${supported.join(' or ')}.`,
  missingDevice: () => 'Which device? For example, say "unlock the front door".',
  missingAction: () => 'What should I do? For example, say "unlock the front door" or "start the 3D printer".',
};

/** "4 seconds ago", "1 minute ago", "3 hours ago", "2 days ago". */
export function agoPhrase(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  const [count, unit] =
    seconds < 60
      ? [seconds, 'second']
      : seconds < 3600
        ? [Math.round(seconds / 60), 'minute']
        : seconds < 86_400
          ? [Math.round(seconds / 3600), 'hour']
          : [Math.round(seconds / 86_400), 'day'];
  if (unit === 'second' && count <= 1) return 'just now';
  return `${count} ${unit}${count === 1 ? '' : 's'} ago`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
