import { API, postJson } from './api';
import { byId, el } from './dom';
import { whileBusy } from './notice';

const FACTOR_NAMES: Record<string, string> = { sms: 'Text message', email: 'E-mail', totp: 'Authenticator app', 'aws-mfa': 'AWS MFA device (simulated)' };
export const factorName = (factor: string) => FACTOR_NAMES[factor] ?? factor;

/** Factors VoiceGate sends a step-up code for; the others show their own. */
const DELIVERED = new Set(['sms', 'email']);

export interface StepUpField {
  stepUp?: { factor: string; code: string };
}

/**
 * The step-up every factor change needs (docs/local-api.md): a code from a factor the user
 * already has, read out by the user. A user with no factor has none to give; the operator's own
 * access is then enough.
 */
export class StepUpForm {
  private readonly section = byId('step-up');
  private readonly factor = byId<HTMLSelectElement>('step-up-factor');
  private readonly code = byId<HTMLInputElement>('step-up-code');
  private readonly send = byId<HTMLButtonElement>('step-up-send');

  constructor(
    private readonly userId: () => string,
    private readonly sent: (sentTo: string) => void,
  ) {}

  /** `guarded` shows a failure in the panel's notice. */
  start(guarded: (action: () => Promise<void>) => Promise<void>): void {
    this.send.addEventListener('click', () => void whileBusy(this.send, 'Sending…', () => guarded(() => this.sendCode())));
    this.factor.addEventListener('change', () => this.showSendButton());
  }

  /** Offers the user's active factors to step up with. */
  offer(active: string[]): void {
    const chosen = this.factor.value;
    this.factor.replaceChildren(...active.map((factor) => el('option', { text: factorName(factor), attrs: { value: factor } })));
    if (active.includes(chosen)) this.factor.value = chosen;
    this.section.hidden = active.length === 0;
    this.showSendButton();
  }

  /** The request's `stepUp` field (none without a code: the server then says what it needs); a code is good once, so the field is emptied. */
  take(): StepUpField {
    const code = this.code.value.trim();
    if (this.section.hidden || !code) return {};
    this.code.value = '';
    return { stepUp: { factor: this.factor.value, code } };
  }

  private showSendButton(): void {
    this.send.hidden = !DELIVERED.has(this.factor.value);
  }

  private async sendCode(): Promise<void> {
    const { sentTo } = await postJson<{ sentTo: string }>(`${API.factors(this.userId())}/step-up`, { factor: this.factor.value });
    this.sent(sentTo);
  }
}
