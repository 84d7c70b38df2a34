import type { AuditEvent, AuditValue } from './api';
import { commandNodes } from './badges';
import { byId, el, FreshTracker, reconcile, setText, timeElement } from './dom';
import { plural } from './format';
import { Pager } from './pager';

const PAGE_SIZE = 25;

/** Detail fields every audit event carries; the others are shown as chips. */
const COMMON_FIELDS = new Set(['commandId', 'executionId', 'userId', 'action', 'target', 'time']);
const CHIP_LABELS: Record<string, string> = { channel: 'channel', destination: 'to', attemptsLeft: 'attempts left', reason: 'reason', cause: 'cause' };

function auditTone(detailType: string): string {
  if (/Succeeded|Verified|Reset/.test(detailType)) return 'good';
  if (/Rejected|Superseded/.test(detailType)) return 'warn';
  if (/Denied|Cancelled|Failed|Expired/.test(detailType)) return 'bad';
  return 'info';
}

/** The audit bus, newest first, a page at a time. */
export class AuditPanel {
  private events: AuditEvent[] = [];
  private isInstance: (target: string) => boolean = () => true;
  private readonly fresh = new FreshTracker();
  private readonly pager = new Pager(byId('audit-pager'), PAGE_SIZE, () => this.redraw());

  /** `isInstance`: whether a target names a fleet instance (else it is a device), for the resulting-state chip. */
  render(events: readonly AuditEvent[], isInstance: (target: string) => boolean): void {
    this.events = [...events].reverse();
    this.isInstance = isInstance;
    this.redraw();
    this.fresh.remember(events.map((e) => e.id));
    setText(byId('audit-meta'), events.length ? plural(events.length, 'event', 'events') : '');
    byId('audit-empty').hidden = events.length > 0;
  }

  private redraw(): void {
    reconcile(
      byId('audit-body'),
      this.pager.page(this.events),
      (e) => e.id,
      (e) => this.createRow(e),
      () => undefined,
    );
  }

  private createRow(event: AuditEvent): HTMLElement {
    const { detail } = event;
    const action = text(detail.action);
    const target = text(detail.target);
    return el('tr', { className: this.fresh.isFresh(event.id) ? 'fresh' : '' }, [
      el('td', { className: 'when' }, [timeElement(event.time)]),
      el('td', {}, [el('span', { className: `badge event tone-${auditTone(event.detailType)}`, text: event.detailType })]),
      el('td', { text: text(detail.userId) || '—' }),
      el('td', {}, action || target ? commandNodes(action, target) : ['—']),
      el('td', {}, [this.chips(detail, target)]),
    ]);
  }

  private chips(detail: Record<string, AuditValue>, target: string): HTMLElement {
    const chips = el('div', { className: 'chips' });
    const chip = (label: string, value: string) => el('span', { className: 'chip' }, [el('span', { className: 'k', text: label }), value]);
    if (typeof detail.instanceState === 'string') chips.append(chip(this.isInstance(target) ? 'instance' : 'device', detail.instanceState));
    for (const [key, value] of Object.entries(detail)) {
      if (COMMON_FIELDS.has(key) || key === 'instanceState' || value === undefined || typeof value === 'object') continue;
      chips.append(chip(CHIP_LABELS[key] ?? key, String(value)));
    }
    return chips;
  }
}

/** Events about a user rather than a command (e.g. Limit Reset) say "none" for the command's fields. */
const text = (value: AuditValue): string => (value === undefined || value === 'none' ? '' : String(value));
