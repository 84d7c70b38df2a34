/**
 * The confirmation protocol under every interleaving: each scenario always contains its own
 * steps (in rounds the generator picks) plus a few others, and fast-check's scheduler orders
 * every adapter call. 1,000 runs per scenario in `npm test`; the invariants are in invariants.ts.
 */
import { STEPS, explore, scenarioSteps, type StepName } from './protocol-run';

const WITHOUT_RESTART = STEPS.filter((name) => name !== 'engine restart');
const SCENARIOS: [scenario: string, focus: StepName[], extra: { max: number; from?: readonly StepName[] }][] = [
  [
    'concurrent authorize: right and wrong codes, two devices',
    ['latest code', 'latest code, second device', 'wrong code', 'wrong code', 'first code'],
    { max: 2, from: WITHOUT_RESTART },
  ],
  ["the workflow's timeout", ['time out', 'latest code', 'wrong code'], { max: 3, from: WITHOUT_RESTART }],
  ['a superseding command', ['supersede', 'latest code', 'first code'], { max: 3, from: WITHOUT_RESTART }],
  ['cancel', ['cancel', 'latest code', 'wrong code'], { max: 3, from: WITHOUT_RESTART }],
  ['resend and channel switch', ['resend', 'switch to e-mail', 'switch to text', 'latest code', 'wrong code', 'first code'], { max: 2, from: WITHOUT_RESTART }],
  ['perform-action retried', ['latest code', 'perform action', 'perform action again'], { max: 3, from: WITHOUT_RESTART }],
  ['an engine restart', ['engine restart', 'latest code'], { max: 5 }],
  ['any mix of steps', [], { max: 8 }],
];

describe('the confirmation protocol under every interleaving', () => {
  it.each(SCENARIOS)(
    '%s',
    async (scenario, focus, extra) => {
      await explore(scenario, scenarioSteps(focus, extra));
    },
    120_000,
  );
});
