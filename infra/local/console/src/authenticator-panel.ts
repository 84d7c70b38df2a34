import { API, describeFailure, getJson, getText, postJson, type FactorEntry, type Factors } from './api';
import { byId, el, setText } from './dom';
import { showNotice, whileBusy, type NoticeKind } from './notice';
import { factorName, StepUpForm } from './step-up-form';

/** kind: 'totp' (an authenticator app, activated with its first code) or 'aws-mfa' (a simulated device, active at once). */
type EnrollmentKind = 'totp' | 'aws-mfa';

/** A user's factors, authenticator-app enrollment (after a step-up) with its QR code and activation, and the preferred factor. */
export class AuthenticatorPanel {
  private readonly user = byId<HTMLInputElement>('factor-user');
  private readonly list = byId('factor-list');
  private readonly stepUp = new StepUpForm(
    () => this.userId,
    (sentTo) => this.notify('ok', `Step-up code sent to ${sentTo}: ask ${this.userId} to read it out, enter it, then enroll.`),
  );

  start(): void {
    this.stepUp.start(this.guarded.bind(this));
    byId('factor-user-form').addEventListener('submit', (event) => {
      event.preventDefault();
      byId('enrollment').hidden = true;
      void this.guarded(() => this.showFactors());
    });
    for (const [id, kind] of [['enroll-totp', 'totp'], ['create-mfa', 'aws-mfa']] as const) {
      const button = byId<HTMLButtonElement>(id);
      button.addEventListener('click', () => void whileBusy(button, 'Enrolling…', () => this.guarded(() => this.enroll(kind))));
    }
    byId('activate-form').addEventListener('submit', (event) => {
      event.preventDefault();
      void this.guarded(() => this.activate());
    });
    void this.guarded(() => this.showFactors());
  }

  private get userId(): string {
    return this.user.value.trim();
  }

  private async guarded(action: () => Promise<void>): Promise<void> {
    try {
      await action();
    } catch (error) {
      this.notify('error', `${describeFailure(error)}.`);
    }
  }

  private async showFactors(): Promise<void> {
    try {
      const { factors = [], preferred } = await getJson<Factors>(API.factors(this.userId));
      this.list.replaceChildren(...factors.map((entry) => this.factorItem(entry, preferred)));
      this.stepUp.offer(factors.filter((entry) => entry.status === 'active').map((entry) => entry.factor));
    } catch (error) {
      this.list.replaceChildren();
      this.stepUp.offer([]);
      throw error;
    }
  }

  private factorItem(entry: FactorEntry, preferred: string | undefined): HTMLElement {
    const item = el('li', { className: 'factor-item' }, [
      el('span', { className: 'name', text: factorName(entry.factor) }),
      el('span', { className: `badge ${entry.status === 'active' ? 'tone-good' : 'tone-warn'}`, text: entry.status }),
    ]);
    if (entry.factor === preferred) {
      item.append(el('span', { className: 'badge tone-info', text: 'preferred' }));
    } else if (entry.status === 'active') {
      const prefer = el('button', { className: 'btn', text: 'Prefer', attrs: { type: 'button', 'aria-label': `Prefer ${factorName(entry.factor)}` } });
      prefer.addEventListener('click', () => void this.guarded(() => this.prefer(entry.factor)));
      item.append(prefer);
    }
    return item;
  }

  private async prefer(factor: string): Promise<void> {
    const userId = this.userId;
    await postJson(`${API.factors(userId)}/preference`, { factor });
    this.notify('ok', `${userId} now confirms with: ${factorName(factor)}, where the policy accepts it.`);
    await this.showFactors();
  }

  private async enroll(kind: EnrollmentKind): Promise<void> {
    const userId = this.userId;
    const { otpauthUri } = await postJson<{ otpauthUri: string }>(`${API.factors(userId)}/${kind}`, this.stepUp.take());
    await this.showEnrollment(kind, userId, otpauthUri);
    byId('factor-notice').hidden = true;
    await this.showFactors();
  }

  /** The QR code comes as SVG text and is shown as a data: image (the page's CSP allows no other images). */
  private async showEnrollment(kind: EnrollmentKind, userId: string, otpauthUri: string): Promise<void> {
    const svg = await getText(`${API.factors(userId)}/${kind}/qr.svg`, 'image/svg+xml');
    byId<HTMLImageElement>('enrollment-qr').src = `data:image/svg+xml;base64,${btoa(svg)}`;
    byId<HTMLInputElement>('enrollment-uri').value = otpauthUri;
    setText(
      byId('enrollment-help'),
      kind === 'totp'
        ? `Scan this with an authenticator app for ${userId} (or copy the URI), then enter the first code it shows.`
        : `A simulated virtual MFA device for ${userId}, standing in for one AWS would check: scan it into an authenticator app. It is active now; choose Prefer to confirm with it.`,
    );
    byId('activate-form').hidden = kind !== 'totp';
    byId<HTMLInputElement>('activate-code').value = '';
    byId('enrollment').hidden = false;
  }

  private async activate(): Promise<void> {
    const userId = this.userId;
    try {
      await postJson(`${API.factors(userId)}/totp/activate`, { code: byId<HTMLInputElement>('activate-code').value.trim() });
    } catch (error) {
      this.notify('error', `Not activated: ${describeFailure(error)}`);
      return this.showFactors();
    }
    byId('enrollment').hidden = true;
    byId<HTMLImageElement>('enrollment-qr').removeAttribute('src');
    byId<HTMLInputElement>('enrollment-uri').value = '';
    this.notify('ok', `The authenticator app is active and now ${userId}'s preferred factor: say "start splunk" in the chat, then authorize with the code the app shows.`);
    await this.showFactors();
  }

  private notify(kind: NoticeKind, message: string): void {
    showNotice(byId('factor-notice'), kind, message);
  }
}
