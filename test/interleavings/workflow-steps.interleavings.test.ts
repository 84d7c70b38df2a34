/**
 * What the workflow and the host do, racing the user: the wait's timeout, Perform Action
 * delivered twice, the engine stopping and starting again, and any mix of every step.
 * 1,000 runs per scenario in `npm test`; the invariants are in invariants.ts.
 */
import { STEPS, WITHOUT_RESTART, explore, type Scenario } from './protocol-run';

const SCENARIOS: Scenario[] = [
  ["the workflow's timeout", ['time out', 'latest code', 'wrong code'], { max: 3, from: WITHOUT_RESTART }],
  ['perform-action retried', ['latest code', 'perform action', 'perform action again'], { max: 3, from: WITHOUT_RESTART }],
  ['an engine restart', ['engine restart', 'latest code'], { max: 5, from: STEPS }],
  ['any mix of steps', [], { max: 8, from: STEPS }],
];

describe('the workflow and the host under every interleaving', () => {
  it.each(SCENARIOS)('%s', (...scenario) => explore(scenario), 120_000);
});
