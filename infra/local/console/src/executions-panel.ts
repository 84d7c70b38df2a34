import { API, describeFailure, postJson, type AuditEvent, type Execution } from './api';
import { commandNodes, renderOutcomeBadge } from './badges';
import { showPending } from './connection';
import { byId, el, FreshTracker, reconcile, setAttr, setText, timeElement, updateTimeElement } from './dom';
import type { ExecutionDetailPanel } from './execution-detail';
import { durationBetween, plural, shortId } from './format';
import { HistoryCauses } from './history-causes';
import { showNotice, whileBusy } from './notice';
import { OUTCOME_LABELS, outcomeOf, type Outcome } from './outcome';
import { Pager } from './pager';

const PAGE_SIZE = 15;
const REPLAY_TOOLTIP =
  'Replay: start a new execution of the same command. It sends a fresh code and needs a fresh spoken confirmation; an old code never works for it.';

interface RowParts {
  badge: HTMLElement;
  why: HTMLElement;
  idButton: HTMLButtonElement;
  user: HTMLElement;
  started: HTMLTimeElement;
  duration: HTMLElement;
}

/** A replay the operator started, followed until its new run shows what became of it. */
interface Replay {
  from: string;
  to: string;
}

/** Executions newest first: outcome with cause, filters by user and outcome, pages, replay. */
export class ExecutionsPanel {
  private executions: Execution[] = [];
  private audit: readonly AuditEvent[] = [];
  private replay: Replay | null = null;
  private readonly rows = new WeakMap<HTMLElement, RowParts>();
  private readonly fresh = new FreshTracker();
  private readonly causes = new HistoryCauses();
  private readonly body = byId('executions-body');
  private readonly userFilter = byId<HTMLSelectElement>('filter-user');
  private readonly outcomeFilter = byId<HTMLSelectElement>('filter-status');
  private readonly pager: Pager;

  constructor(
    private readonly detail: ExecutionDetailPanel,
    private readonly pollSoon: () => void,
  ) {
    this.pager = new Pager(byId('executions-pager'), PAGE_SIZE, () => this.redraw());
    this.outcomeFilter.append(...OUTCOME_LABELS.map((label) => el('option', { text: label, attrs: { value: label } })));
    for (const filter of [this.userFilter, this.outcomeFilter]) {
      filter.addEventListener('change', () => {
        this.pager.reset();
        this.redraw();
      });
    }
  }

  /** Every poll: durations of running executions tick, outcomes follow the audit trail. */
  async render(executions: Execution[], audit: readonly AuditEvent[]): Promise<void> {
    this.executions = executions;
    this.audit = audit;
    this.updateUserOptions();
    const shown = this.redraw();
    this.fresh.remember(executions.map((e) => e.executionId));
    showPending(executions.filter((e) => e.status === 'RUNNING').length);
    if (await this.causes.learn(shown)) this.redraw();
  }

  /** Marks the selected row after the detail panel opened or closed. */
  redraw(): Execution[] {
    const matching = this.executions.filter((execution) => this.matches(execution));
    const shown = this.pager.page(matching);
    reconcile(
      this.body,
      shown,
      (e) => e.executionId,
      (e) => this.createRow(e),
      (row, e) => this.updateRow(row, e),
    );
    const running = this.executions.filter((e) => e.status === 'RUNNING').length;
    setText(byId('executions-meta'), this.executions.length ? `${plural(this.executions.length, 'execution', 'executions')} · ${running} running` : '');
    byId('executions-empty').hidden = this.executions.length > 0;
    byId('executions-none-match').hidden = this.executions.length === 0 || matching.length > 0;
    this.followReplay();
    return shown;
  }

  private outcome(execution: Execution): Outcome {
    return outcomeOf(execution, this.audit, this.causes.get(execution.executionId));
  }

  private matches(execution: Execution): boolean {
    const user = this.userFilter.value;
    const outcome = this.outcomeFilter.value;
    return (user === '' || execution.userId === user) && (outcome === '' || this.outcome(execution).label === outcome);
  }

  /** The user filter offers every user seen in the executions; the chosen one stays even when it has none left. */
  private updateUserOptions(): void {
    const users = new Set(this.executions.map((e) => e.userId));
    if (this.userFilter.value) users.add(this.userFilter.value);
    const options = [...users].sort();
    const current = Array.from(this.userFilter.options)
      .slice(1)
      .map((option) => option.value);
    if (current.join('\n') === options.join('\n')) return;
    const chosen = this.userFilter.value;
    this.userFilter.replaceChildren(
      el('option', { text: 'All users', attrs: { value: '' } }),
      ...options.map((user) => el('option', { text: user, attrs: { value: user } })),
    );
    this.userFilter.value = chosen;
  }

  private createRow(execution: Execution): HTMLElement {
    const id = execution.executionId;
    const parts: RowParts = {
      badge: el('span'),
      why: el('span', { className: 'why' }),
      idButton: el('button', { className: 'link mono', text: shortId(id), attrs: { type: 'button', title: id } }),
      user: el('td'),
      started: timeElement(execution.startedAt),
      duration: el('td', { className: 'num' }),
    };
    const replayButton = el('button', {
      className: 'btn',
      text: 'Replay',
      attrs: { type: 'button', title: REPLAY_TOOLTIP, 'aria-describedby': 'replay-help', 'aria-label': `Replay execution ${shortId(id)}` },
    });
    const row = el('tr', { className: this.fresh.isFresh(id) ? 'exec-row fresh' : 'exec-row' }, [
      el('td', { className: 'outcome' }, [parts.badge, parts.why]),
      el('td', {}, [parts.idButton]),
      parts.user,
      el('td', {}, commandNodes(execution.action, execution.target)),
      el('td', { className: 'when' }, [parts.started]),
      parts.duration,
      el('td', { className: 'actions' }, [replayButton]),
    ]);
    row.addEventListener('click', (event) => {
      if (!(event.target instanceof Element && event.target.closest('button'))) this.detail.select(id);
    });
    parts.idButton.addEventListener('click', () => this.detail.toggle(id));
    replayButton.addEventListener('click', () => void whileBusy(replayButton, 'Replaying…', () => this.replayExecution(id)));
    this.rows.set(row, parts);
    return row;
  }

  private updateRow(row: HTMLElement, execution: Execution): void {
    const parts = this.rows.get(row);
    if (!parts) return;
    const outcome = this.outcome(execution);
    renderOutcomeBadge(parts.badge, outcome);
    setText(parts.why, outcome.tone === 'good' || outcome.tone === 'info' ? '' : outcome.cause);
    setAttr(parts.why, 'title', outcome.cause);
    const selected = execution.executionId === this.detail.selectedId;
    row.classList.toggle('selected', selected);
    setAttr(parts.idButton, 'aria-expanded', String(selected));
    setAttr(parts.idButton, 'aria-controls', 'detail-panel');
    setAttr(parts.idButton, 'aria-label', `${selected ? 'Hide' : 'Show'} history of execution ${execution.executionId}`);
    setText(parts.user, execution.userId);
    updateTimeElement(parts.started, execution.startedAt);
    const running = execution.status === 'RUNNING';
    setText(parts.duration, `${durationBetween(execution.startedAt, execution.stoppedAt)}${running ? '…' : ''}`);
    parts.duration.classList.toggle('running-time', running);
  }

  private async replayExecution(id: string): Promise<void> {
    try {
      const { executionId } = await postJson<{ executionId: string }>(API.replay(id));
      this.replay = { from: id, to: executionId };
      this.followReplay();
    } catch (error) {
      this.replay = null;
      delete byId('replay-notice').dataset.replay;
      showNotice(byId('replay-notice'), 'error', `Replay of ${shortId(id)} was refused: ${describeFailure(error)}.`);
    }
    this.pollSoon();
  }

  /** The replay notice says what the new run really did, not just that it started. */
  private followReplay(): void {
    if (!this.replay) return;
    const { from, to } = this.replay;
    const run = this.executions.find((e) => e.executionId === to);
    const outcome = run ? this.outcome(run) : undefined;
    const state = outcome ? `${outcome.label}${outcome.cause ? ` — ${outcome.cause}` : ''}` : 'Starting';
    const kind = !outcome || outcome.tone === 'info' || outcome.tone === 'good' ? 'ok' : 'error';
    const message = `Replay of ${shortId(from)} is execution ${shortId(to)}: ${state}.`;
    const notice = byId('replay-notice');
    if (notice.hidden && notice.dataset.replay === to) {
      this.replay = null; // dismissed
      return;
    }
    if (!notice.hidden && notice.dataset.message === message) return;
    const show = el('button', { className: 'btn', text: 'Show it', attrs: { type: 'button' } });
    show.addEventListener('click', () => this.detail.select(to));
    showNotice(notice, kind, message, [show]);
    notice.dataset.message = message;
    notice.dataset.replay = to;
    // Followed until it ended and, if it failed, until its history told the cause.
    if (run && run.status !== 'RUNNING' && (run.status !== 'FAILED' || this.causes.has(to))) this.replay = null;
  }
}
