/** Plain formatting: clock times, durations, counts and masked recipients. */

export function formatClock(iso: string, withMillis = false): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  let text = `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
  if (withMillis) text += `.${pad(date.getMilliseconds(), 3)}`;
  if (date.toDateString() !== new Date().toDateString()) {
    text = `${date.toLocaleDateString(undefined, { month: 'short', day: 'numeric' })} ${text}`;
  }
  return text;
}

export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${String(Math.floor(seconds % 60)).padStart(2, '0')} s`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

export function durationBetween(startedAt: string, stoppedAt: string | null): string {
  const end = stoppedAt ? Date.parse(stoppedAt) : Date.now();
  return formatDuration(end - Date.parse(startedAt));
}

export const shortId = (id: string): string => id.slice(0, 8);
export const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** "+15555550101" -> "+1•••••••0101": the country code and the last four digits stay readable. */
function maskPhoneNumber(phone: string): string {
  const hiddenDigits = phone.slice(0, -4).replace(/\D/g, '').length;
  return `${phone.startsWith('+1') ? '+1' : ''}${'•'.repeat(hiddenDigits)}${phone.slice(-4)}`;
}

/** "alice@example.com" -> "a•••@example.com" */
function maskEmailAddress(email: string): string {
  const at = email.lastIndexOf('@');
  return at < 1 ? '•••' : `${email[0]}•••${email.slice(at)}`;
}

/** Recipients are masked for screen sharing; message bodies are shown in full. */
export function maskRecipient(channel: string, to: string): string {
  return channel === 'email' ? maskEmailAddress(to) : maskPhoneNumber(to);
}

/** "lock: locked, battery: 80" */
export function stateText(state: Record<string, unknown> | null | undefined): string {
  return Object.entries(state ?? {})
    .map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(', ');
}
