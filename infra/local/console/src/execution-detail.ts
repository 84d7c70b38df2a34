import { API, getText, ApiError, type AuditEvent, type ExecutionDetail, type HistoryEvent } from './api';
import { commandNodes, renderOutcomeBadge } from './badges';
import { byId, el, setText, timeElement, type Child } from './dom';
import { durationBetween, shortId } from './format';
import { outcomeOf, rootCause, type Outcome } from './outcome';

function historyTone(type: string): string {
  if (/Succeeded$/.test(type)) return 'good';
  if (/(Failed|Aborted|TimedOut)$/.test(type)) return 'bad';
  if (/Caught$|Catch$/.test(type)) return 'warn';
  if (/Entered$|Started$/.test(type)) return 'info';
  return 'neutral';
}

/**
 * The selected execution's facts, outcome with its cause, and state-by-state history.
 * The selection lives in the address (#execution=<id>), so a link or a reload shows it again.
 */
export class ExecutionDetailPanel {
  selectedId: string | null = null;
  private shownText: string | null = null;
  private detail: ExecutionDetail | null = null;
  private readonly panel = byId('detail-panel');
  private readonly body = byId('detail-body');
  private readonly status = byId('detail-status');

  constructor(
    private readonly audit: () => readonly AuditEvent[],
    private readonly onSelectionChange: () => void,
  ) {
    byId('detail-close').addEventListener('click', () => this.close());
    document.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && this.selectedId) this.close();
    });
  }

  openFromAddress(): void {
    const match = /^#execution=(.+)$/.exec(location.hash);
    if (match?.[1]) this.select(decodeURIComponent(match[1]));
  }

  toggle(id: string): void {
    if (this.selectedId === id) this.close();
    else this.select(id);
  }

  select(id: string): void {
    this.selectedId = id;
    this.shownText = null;
    this.detail = null;
    this.panel.hidden = false;
    this.remember(id);
    setText(byId('detail-title'), `Execution ${shortId(id)}`);
    this.status.hidden = true;
    this.showMessage('Loading…');
    this.onSelectionChange();
    this.refresh().catch((error: unknown) => this.showMessage(`Could not load this execution: ${error instanceof Error ? error.message : error}`));
  }

  close(): void {
    this.selectedId = null;
    this.detail = null;
    this.panel.hidden = true;
    this.remember(null);
    this.onSelectionChange();
  }

  /** Re-reads the selected execution; renders only when its JSON changed, but keeps the clock ticking. */
  async refresh(): Promise<void> {
    const id = this.selectedId;
    if (!id) return;
    let text: string;
    try {
      text = await getText(API.execution(id));
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) return this.showMessage('This execution does not exist (any more) on this server.');
      throw error;
    }
    if (id !== this.selectedId) return;
    if (text !== this.shownText) {
      this.shownText = text;
      this.detail = JSON.parse(text) as ExecutionDetail;
      this.render(this.detail);
    }
    const duration = document.getElementById('detail-duration');
    if (duration) setText(duration, durationBetween(this.detail?.startedAt ?? '', this.detail?.stoppedAt ?? null));
  }

  private remember(id: string | null): void {
    const hash = id ? `#execution=${encodeURIComponent(id)}` : '';
    if (location.hash !== hash) history.replaceState(null, '', `${location.pathname}${location.search}${hash}`);
  }

  private showMessage(message: string): void {
    this.shownText = null;
    this.status.hidden = true;
    this.body.replaceChildren(el('p', { className: 'empty', text: message }));
  }

  private render(execution: ExecutionDetail): void {
    const history = execution.history ?? [];
    const outcome = outcomeOf(execution, this.audit(), rootCause(history));
    setText(byId('detail-title'), `Execution ${shortId(execution.executionId)}`);
    renderOutcomeBadge(this.status, outcome);
    this.status.hidden = false;
    const ended = execution.status !== 'RUNNING' && execution.status !== 'SUCCEEDED';
    this.body.replaceChildren(
      facts(execution),
      ended ? causeBox(outcome) : '',
      el('h3', { className: 'section', text: 'History' }),
      timeline(execution.status === 'RUNNING', history),
    );
  }
}

function facts(execution: ExecutionDetail): HTMLElement {
  const fact = (label: string, ...value: Child[]) => el('div', {}, [el('dt', { text: label }), el('dd', {}, value)]);
  return el('dl', { className: 'detail-grid' }, [
    fact('User', execution.userId),
    fact('Command', ...commandNodes(execution.action, execution.target)),
    fact('Started', timeElement(execution.startedAt, true)),
    fact('Stopped', execution.stoppedAt ? timeElement(execution.stoppedAt, true) : 'still running'),
    fact('Duration', el('span', { attrs: { id: 'detail-duration' }, text: durationBetween(execution.startedAt, execution.stoppedAt) })),
    fact('Execution ID', el('span', { className: 'mono', text: execution.executionId })),
    fact('Command ID', el('span', { className: 'mono', text: execution.commandId })),
  ]);
}

/** Why the run ended, in the outcome's tone: a superseded run is no error. */
function causeBox(outcome: Outcome): HTMLElement {
  return el('div', { className: `cause-box tone-${outcome.tone}`, attrs: { role: 'note' } }, [
    el('strong', { text: outcome.label }),
    outcome.cause ? el('span', { text: outcome.cause }) : '',
  ]);
}

function timeline(running: boolean, history: readonly HistoryEvent[]): HTMLElement {
  const list = el('ol', { className: 'timeline', attrs: { 'aria-label': 'State-by-state history' } });
  for (const event of history) {
    const item = el('li', { className: `tone-${historyTone(event.type)}` }, [
      el('span', { className: 't' }, [timeElement(event.timestamp, true)]),
      el('span', { className: 'ty', text: event.type }),
      el('span', { text: event.stateName ?? '' }),
    ]);
    if (event.error || event.cause) item.append(el('span', { className: 'why', text: [event.error, event.cause].filter(Boolean).join(': ') }));
    list.append(item);
  }
  if (running) {
    list.append(
      el('li', { className: 'waiting' }, [
        el('span', { className: 't', text: 'now' }),
        el('span', { className: 'ty', text: 'waiting' }),
        el('span', { text: 'for the spoken code (or its expiry)' }),
      ]),
    );
  }
  return list;
}
