import { el } from './dom';

export type NoticeKind = 'ok' | 'error' | 'info';

/** A dismissible one-line message in a panel, with optional buttons (e.g. "Show it"). */
export function showNotice(notice: HTMLElement, kind: NoticeKind, message: string, actions: HTMLElement[] = []): void {
  notice.className = `notice ${kind}`;
  const dismiss = el('button', { className: 'icon-btn', text: '×', attrs: { type: 'button', 'aria-label': 'Dismiss' } });
  dismiss.addEventListener('click', () => {
    notice.hidden = true;
  });
  notice.replaceChildren(el('span', { className: 'grow', text: message }), ...actions, dismiss);
  notice.hidden = false;
}

/** Disables the button while `work` runs, so a double click does not act twice. */
export async function whileBusy(button: HTMLButtonElement, busyText: string, work: () => Promise<void>): Promise<void> {
  const idleText = button.textContent ?? '';
  button.disabled = true;
  button.textContent = busyText;
  try {
    await work();
  } finally {
    button.disabled = false;
    button.textContent = idleText;
  }
}
