import type { Deps } from '../functions/use-cases/deps';

/** The skill uses every port except the action ledger: only the workflow performs actions. */
export type SkillDeps = Omit<Deps, 'ledger'>;
