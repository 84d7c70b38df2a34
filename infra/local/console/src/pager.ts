import { el, setText } from './dom';

/**
 * Newest-first lists grow without bound; the pager shows one page of them with
 * "Newer" and "Older" buttons and where the page sits ("21–40 of 134").
 */
export class Pager {
  private offset = 0;
  private readonly newer = el('button', { className: 'btn', text: '‹ Newer', attrs: { type: 'button' } });
  private readonly older = el('button', { className: 'btn', text: 'Older ›', attrs: { type: 'button' } });
  private readonly position = el('span', { className: 'position', attrs: { 'aria-live': 'polite' } });

  constructor(
    private readonly container: HTMLElement,
    private readonly pageSize: number,
    onChange: () => void,
  ) {
    container.classList.add('pager');
    container.replaceChildren(this.position, this.newer, this.older);
    this.newer.addEventListener('click', () => this.move(-1, onChange));
    this.older.addEventListener('click', () => this.move(1, onChange));
  }

  /** Back to the newest page (filters changed). */
  reset(): void {
    this.offset = 0;
  }

  /** The items of the current page; updates the controls (hidden when everything fits). */
  page<T>(items: readonly T[]): T[] {
    const lastPageStart = Math.max(0, Math.floor((items.length - 1) / this.pageSize) * this.pageSize);
    this.offset = Math.min(this.offset, lastPageStart);
    const shown = items.slice(this.offset, this.offset + this.pageSize);
    this.container.hidden = items.length <= this.pageSize;
    setText(this.position, shown.length ? `${this.offset + 1}–${this.offset + shown.length} of ${items.length}` : '');
    this.newer.disabled = this.offset === 0;
    this.older.disabled = this.offset + this.pageSize >= items.length;
    return shown;
  }

  private move(direction: 1 | -1, onChange: () => void): void {
    this.offset = Math.max(0, this.offset + direction * this.pageSize);
    onChange();
  }
}
