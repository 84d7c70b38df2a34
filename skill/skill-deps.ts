import type { ActionOutcomes } from '../functions/ports/action-ledger';
import type { Deps } from '../functions/use-cases/deps';

/** The skill uses every port, but may only read the action ledger: only the workflow performs actions. */
export type SkillDeps = Omit<Deps, 'ledger'> & { ledger: ActionOutcomes };
