import { API, changeJson, describeFailure, type AuditEvent } from './api';
import { refusedUsers, type Refusal } from './refusals';
import { byId, el, reconcile, setText, timeElement } from './dom';
import { showNotice, whileBusy } from './notice';

/**
 * The operator lifts a user's code limits (sends, attempts, activations; audited as Limit Reset):
 * the panel lists users a limit refused since their last reset, and takes any user id.
 */
export class LimitsPanel {
  private readonly notice = byId('limits-notice');

  constructor(private readonly pollSoon: () => void) {}

  start(): void {
    const form = byId('limits-form');
    const button = byId<HTMLButtonElement>('limits-lift');
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void whileBusy(button, 'Lifting…', () => this.lift(byId<HTMLInputElement>('limits-user').value.trim()));
    });
  }

  render(audit: readonly AuditEvent[]): void {
    const refused = refusedUsers(audit);
    reconcile(
      byId('limits-list'),
      refused,
      (r) => `${r.userId}|${r.time}`,
      (r) => this.refusalItem(r),
      () => undefined,
    );
    byId('limits-empty').hidden = refused.length > 0;
    setText(byId('limits-meta'), refused.length ? `${refused.length} refused` : '');
  }

  private refusalItem(refusal: Refusal): HTMLElement {
    const button = el('button', { className: 'btn', text: 'Lift limit', attrs: { type: 'button', 'aria-label': `Lift the limits of ${refusal.userId}` } });
    button.addEventListener('click', () => void whileBusy(button, 'Lifting…', () => this.lift(refusal.userId)));
    return el('li', { className: 'refusal' }, [
      el('span', { className: 'who', text: refusal.userId }),
      el('span', { className: 'reason' }, [refusal.reason, ' · ', timeElement(refusal.time)]),
      button,
    ]);
  }

  private async lift(userId: string): Promise<void> {
    if (!userId) return;
    try {
      await changeJson('DELETE', API.limits(userId));
      showNotice(this.notice, 'ok', `${userId}'s limits are lifted: they can ask for a new code now. The audit trail records it as Limit Reset.`);
    } catch (error) {
      showNotice(this.notice, 'error', `Could not lift ${userId}'s limits: ${describeFailure(error)}.`);
    }
    this.pollSoon();
  }
}
