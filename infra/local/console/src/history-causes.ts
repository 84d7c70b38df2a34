import { API, getJson, type Execution, type ExecutionDetail } from './api';
import { rootCause } from './outcome';

const MAX_FETCHES_PER_POLL = 4;

/**
 * Root causes of failed executions ("code send limit reached"), read from their histories.
 * A finished execution never changes, so each is fetched once and kept.
 */
export class HistoryCauses {
  private readonly causes = new Map<string, string>();
  private readonly pending = new Set<string>();

  /** Whether the history of this execution has been read (its cause may still be ''). */
  has(executionId: string): boolean {
    return this.causes.has(executionId);
  }

  get(executionId: string): string {
    return this.causes.get(executionId) ?? '';
  }

  /** Fetches the causes of the shown failed executions not known yet (a few per poll); resolves when any arrived. */
  async learn(shown: readonly Execution[]): Promise<boolean> {
    const wanted = shown
      .filter((e) => e.status === 'FAILED' && !this.causes.has(e.executionId) && !this.pending.has(e.executionId))
      .slice(0, MAX_FETCHES_PER_POLL);
    const learned = await Promise.all(wanted.map((execution) => this.fetch(execution.executionId)));
    return learned.some(Boolean);
  }

  private async fetch(executionId: string): Promise<boolean> {
    this.pending.add(executionId);
    try {
      const detail = await getJson<ExecutionDetail>(API.execution(executionId));
      this.causes.set(executionId, rootCause(detail.history ?? []));
      return true;
    } catch {
      return false; // asked again on a later poll
    } finally {
      this.pending.delete(executionId);
    }
  }
}
