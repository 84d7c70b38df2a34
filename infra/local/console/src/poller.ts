import { API, getText, type AuditEvent, type Device, type Execution, type Instance, type Message } from './api';
import { showConnection, showFailure } from './connection';

const POLL_INTERVAL_MS = 1000;
const MAX_RETRY_DELAY_MS = 5000;

/** Everything the panels show, as the API answered it on the latest poll. */
export interface Snapshot {
  executions: Execution[];
  audit: AuditEvent[];
  outbox: Message[];
  instances: Instance[];
  devices: Device[];
}

/** Which parts of the snapshot differ from the previous poll's (panels skip unchanged renders). */
export type Changes = Record<keyof Snapshot, boolean>;

const SOURCES = {
  executions: { path: API.executions, field: 'executions' },
  audit: { path: API.audit, field: 'events' },
  outbox: { path: API.outbox, field: 'messages' },
  instances: { path: API.instances, field: 'instances' },
  devices: { path: API.devices, field: 'devices' },
} as const satisfies Record<keyof Snapshot, { path: string; field: string }>;

type Part = keyof Snapshot;
const PARTS = Object.keys(SOURCES) as Part[];

/**
 * Polls the API about once a second (backing off while it is unreachable, pausing while the
 * tab is hidden) and hands each new snapshot to `onUpdate`.
 */
export class Poller {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private inFlight = false;
  private failures = 0;
  private readonly lastText = new Map<Part, string>();
  readonly snapshot: Snapshot = { executions: [], audit: [], outbox: [], instances: [], devices: [] };

  constructor(private readonly onUpdate: (snapshot: Snapshot, changed: Changes) => Promise<void>) {}

  start(): void {
    document.addEventListener('visibilitychange', () => this.onVisibilityChange());
    showConnection('connecting', 'Connecting to the local stack…');
    void this.poll();
  }

  /** Polls now (after an action), unless a poll is already on its way. */
  soon(): void {
    if (!this.inFlight) this.schedule(0);
  }

  private async poll(): Promise<void> {
    if (this.inFlight || document.hidden) return;
    this.inFlight = true;
    try {
      const texts = await Promise.all(PARTS.map((part) => getText(SOURCES[part].path)));
      const changed = this.absorb(texts);
      await this.onUpdate(this.snapshot, changed);
      this.failures = 0;
      showConnection('live', `Last update ${new Date().toLocaleTimeString()}`);
    } catch (error) {
      this.failures += 1;
      showFailure(error);
    } finally {
      this.inFlight = false;
      this.schedule();
    }
  }

  private absorb(texts: string[]): Changes {
    const changed = {} as Changes;
    PARTS.forEach((part, index) => {
      const text = texts[index] ?? '';
      changed[part] = this.lastText.get(part) !== text;
      if (!changed[part]) return;
      this.lastText.set(part, text);
      const list = (JSON.parse(text) as Record<string, unknown>)[SOURCES[part].field];
      (this.snapshot as unknown as Record<Part, unknown[]>)[part] = Array.isArray(list) ? list : [];
    });
    return changed;
  }

  private schedule(delay?: number): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (document.hidden) return;
    const backoff = Math.min(POLL_INTERVAL_MS * 2 ** Math.max(this.failures - 1, 0), MAX_RETRY_DELAY_MS);
    this.timer = setTimeout(() => void this.poll(), delay ?? (this.failures ? backoff : POLL_INTERVAL_MS));
  }

  private onVisibilityChange(): void {
    if (!document.hidden) {
      this.soon();
      return;
    }
    clearTimeout(this.timer);
    this.timer = undefined;
    showConnection('paused', 'Polling is paused while the tab is hidden.');
  }
}
