/** DOM helpers: every node is built with textContent, never from HTML strings (API data carries user input). */
import { formatClock } from './format';

export type Child = Node | string | null | undefined;

export interface ElementOptions {
  className?: string;
  text?: string | number | null;
  attrs?: Record<string, string>;
}

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, options: ElementOptions = {}, children: Child[] = []): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (options.className) node.className = options.className;
  if (options.text !== undefined && options.text !== null) node.textContent = String(options.text);
  for (const [name, value] of Object.entries(options.attrs ?? {})) node.setAttribute(name, value);
  for (const child of children) if (child !== null && child !== undefined) node.append(child);
  return node;
}

/** The element with that id; a missing one is a bug in index.html, so it throws at start-up. */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (!node) throw new Error(`the console page has no #${id}`);
  return node as T;
}

/** Writes only on change, so unchanged text keeps its selection and causes no layout. */
export function setText(node: Node, text: string | number | null | undefined): void {
  const value = text === null || text === undefined ? '' : String(text);
  if (node.textContent !== value) node.textContent = value;
}

export function setAttr(node: Element, name: string, value: string): void {
  if (node.getAttribute(name) !== value) node.setAttribute(name, value);
}

export function setClass(node: Element, className: string): void {
  if (node.className !== className) node.className = className;
}

/**
 * Makes container's children match items (in order), reusing the element of each key:
 * unchanged rows keep their focus, hover and selection across refreshes.
 */
export function reconcile<T, N extends HTMLElement>(
  container: HTMLElement,
  items: readonly T[],
  keyOf: (item: T) => string,
  create: (item: T) => N,
  update: (node: N, item: T) => void,
): void {
  const existing = new Map<string, N>();
  for (const child of Array.from(container.children) as N[]) existing.set(child.dataset.key ?? '', child);
  let cursor = container.firstElementChild;
  const wanted = new Set<string>();
  for (const item of items) {
    const key = keyOf(item);
    wanted.add(key);
    let node = existing.get(key);
    if (!node) {
      node = create(item);
      node.dataset.key = key;
    }
    update(node, item);
    if (node === cursor) cursor = cursor.nextElementSibling;
    else container.insertBefore(node, cursor);
  }
  for (const [key, node] of existing) if (!wanted.has(key)) node.remove();
}

/** Ids seen on earlier renders, so rows that arrive later can flash once (the first render flashes nothing). */
export class FreshTracker {
  private seen: Set<string> | null = null;

  /** Whether id is new since the previous `remember`. */
  isFresh(id: string): boolean {
    return this.seen !== null && !this.seen.has(id);
  }

  remember(ids: Iterable<string>): void {
    this.seen = new Set(ids);
  }
}

export function timeElement(iso: string | null | undefined, withMillis = false): HTMLTimeElement {
  const node = el('time');
  updateTimeElement(node, iso, withMillis);
  return node;
}

export function updateTimeElement(node: HTMLElement, iso: string | null | undefined, withMillis = false): void {
  if (!iso) {
    setText(node, '—');
    return;
  }
  setAttr(node, 'datetime', iso);
  setAttr(node, 'title', new Date(iso).toLocaleString());
  setText(node, formatClock(iso, withMillis));
}
