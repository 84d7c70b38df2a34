/**
 * What the user says, racing: each scenario always contains its own steps (in rounds the
 * generator picks) plus a few others, and fast-check's scheduler orders every adapter call.
 * 1,000 runs per scenario in `npm test`; the invariants are in invariants.ts.
 */
import { WITHOUT_RESTART, explore, type Scenario } from './protocol-run';

const SCENARIOS: Scenario[] = [
  [
    'concurrent authorize: right and wrong codes, two devices',
    ['latest code', 'latest code, second device', 'wrong code', 'wrong code', 'first code'],
    { max: 2, from: WITHOUT_RESTART },
  ],
  ['a superseding command', ['supersede', 'latest code', 'first code'], { max: 3, from: WITHOUT_RESTART }],
  ['cancel', ['cancel', 'latest code', 'wrong code'], { max: 3, from: WITHOUT_RESTART }],
  ['resend and channel switch', ['resend', 'switch to e-mail', 'switch to text', 'latest code', 'wrong code', 'first code'], { max: 2, from: WITHOUT_RESTART }],
];

describe("the user's steps under every interleaving", () => {
  it.each(SCENARIOS)('%s', (...scenario) => explore(scenario), 120_000);
});
