import { ApiError } from './api';
import { byId, setAttr, setText } from './dom';

export type ConnectionState = 'connecting' | 'live' | 'disconnected' | 'paused' | 'locked';

const LABELS: Record<ConnectionState, string> = {
  connecting: 'connecting…',
  live: 'live',
  disconnected: 'disconnected — retrying',
  paused: 'paused',
  locked: 'operator token needed',
};

/** The header's connection pill; a 401 also shows how to get the operator cookie. */
export function showConnection(state: ConnectionState, detail = ''): void {
  const indicator = byId('connection');
  setAttr(indicator, 'data-state', state);
  setAttr(indicator, 'title', detail);
  setText(byId('connection-text'), LABELS[state]);
  document.body.classList.toggle('offline', state === 'disconnected' || state === 'locked');
  byId('locked-banner').hidden = state !== 'locked';
}

export function showFailure(error: unknown): void {
  if (error instanceof ApiError && error.needsOperatorToken) showConnection('locked', error.message);
  else showConnection('disconnected', `Cannot reach VoiceGate (${error instanceof Error ? error.message : String(error)}); retrying.`);
}

/** "2 pending confirmations" in the header: runs waiting for a spoken code. */
export function showPending(count: number): void {
  setText(byId('pending-count'), count);
  setText(byId('pending-label'), count === 1 ? 'pending confirmation' : 'pending confirmations');
  setAttr(byId('pending'), 'data-active', String(count > 0));
}
