import { el, setAttr, setClass } from './dom';
import type { Outcome } from './outcome';

/** The outcome label in its tone; the cause is the tooltip (and is read out with the label). */
export function renderOutcomeBadge(node: HTMLElement, outcome: Outcome): void {
  setClass(node, `badge tone-${outcome.tone}`);
  setAttr(node, 'title', outcome.cause);
  setAttr(node, 'data-outcome', outcome.label);
  const label = outcome.cause ? `${outcome.label}: ${outcome.cause}` : outcome.label;
  if (node.getAttribute('aria-label') === label) return;
  node.setAttribute('aria-label', label);
  node.replaceChildren();
  if (outcome.label === 'Waiting for code') node.append(el('span', { className: 'dot-live', attrs: { 'aria-hidden': 'true' } }));
  node.append(outcome.label);
}

/** "start splunk" with the verb in bold. */
export function commandNodes(action: string, target: string): Node[] {
  return [el('span', { className: 'verb', text: action }), document.createTextNode(' '), el('span', { text: target })];
}
