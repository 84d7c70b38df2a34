import { randomBytes } from 'node:crypto';

let sequence = 0;

/** Ids that sort in creation order (time, then a per-process sequence), unique across restarts. */
export function sortableId(now = Date.now()): string {
  sequence = (sequence + 1) % 36 ** 4;
  const time = now.toString(36).padStart(9, '0');
  return `${time}-${sequence.toString(36).padStart(4, '0')}-${randomBytes(4).toString('hex')}`;
}
