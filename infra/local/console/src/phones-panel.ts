import type { Message } from './api';
import { byId, el, FreshTracker, reconcile, setText, timeElement } from './dom';
import { maskRecipient, plural } from './format';

const MESSAGES_PER_RECIPIENT = 30;

interface Recipient {
  key: string;
  channel: string;
  to: string;
  /** Newest first. */
  messages: Message[];
}

interface CardParts {
  count: HTMLElement;
  list: HTMLElement;
}

/** One group per channel and recipient, the most recently active first. */
function byRecipient(messages: readonly Message[]): Recipient[] {
  const groups = new Map<string, Recipient>();
  for (const message of messages) {
    const key = `${message.channel}|${message.to}`;
    const group = groups.get(key) ?? { key, channel: message.channel, to: message.to, messages: [] };
    group.messages.unshift(message);
    groups.set(key, group);
  }
  return [...groups.values()].sort((a, b) => (b.messages[0]?.sentAt ?? '').localeCompare(a.messages[0]?.sentAt ?? ''));
}

/** The message body as text nodes, with 6-8 digit codes wrapped in <mark>. */
function bodyWithCodes(body: string): DocumentFragment {
  const fragment = document.createDocumentFragment();
  body.split(/(\b\d{6,8}\b)/).forEach((part, index) => {
    if (part !== '') fragment.append(index % 2 === 1 ? el('mark', { className: 'code', text: part }) : document.createTextNode(part));
  });
  return fragment;
}

/** What the simulated phones and inboxes received: where the user reads the code. */
export class PhonesPanel {
  private readonly cards = new WeakMap<HTMLElement, CardParts>();
  private readonly fresh = new FreshTracker();

  render(messages: readonly Message[]): void {
    reconcile(
      byId('outbox-list'),
      byRecipient(messages),
      (g) => g.key,
      (g) => this.createCard(g),
      (card, g) => this.updateCard(card, g),
    );
    this.announce(messages.filter((m) => this.fresh.isFresh(m.id)));
    this.fresh.remember(messages.map((m) => m.id));
    setText(byId('outbox-meta'), messages.length ? plural(messages.length, 'message', 'messages') : '');
    byId('outbox-empty').hidden = messages.length > 0;
  }

  private createCard(group: Recipient): HTMLElement {
    const isEmail = group.channel === 'email';
    const masked = maskRecipient(group.channel, group.to);
    const parts = { count: el('span', { className: 'count' }), list: el('ol', { className: 'messages', attrs: { 'aria-label': `Messages to ${masked}` } }) };
    const card = el('article', { className: `device ${isEmail ? 'email' : 'sms'}` }, [
      el('div', { className: 'device-head' }, [
        el('span', { className: 'kind', text: isEmail ? 'Inbox' : 'Phone' }),
        el('span', { className: 'who', text: masked }),
        el('span', { className: `tag ${isEmail ? 'email' : 'sms'}`, text: isEmail ? 'E-MAIL' : 'SMS' }),
        parts.count,
      ]),
      parts.list,
    ]);
    this.cards.set(card, parts);
    return card;
  }

  private updateCard(card: HTMLElement, group: Recipient): void {
    const parts = this.cards.get(card);
    if (!parts) return;
    setText(parts.count, group.messages.length);
    const shown = group.messages.slice(0, MESSAGES_PER_RECIPIENT);
    reconcile(
      parts.list,
      shown,
      (m) => m.id,
      (m) => this.createMessage(m, group.channel),
      () => undefined,
    );
  }

  private createMessage(message: Message, channel: string): HTMLElement {
    return el('li', { className: this.fresh.isFresh(message.id) ? 'message fresh' : 'message' }, [
      channel === 'email' ? el('div', { className: 'from', text: 'From VoiceGate' }) : null,
      el('p', { className: 'body' }, [bodyWithCodes(message.body)]),
      timeElement(message.sentAt),
    ]);
  }

  /** Screen readers hear new codes as they arrive. */
  private announce(arrived: readonly Message[]): void {
    const latest = arrived.at(-1);
    if (!latest) return;
    const where = latest.channel === 'email' ? 'e-mail to' : 'text message to';
    setText(byId('announcer'), `New ${where} ${maskRecipient(latest.channel, latest.to)}: ${latest.body}`);
  }
}
