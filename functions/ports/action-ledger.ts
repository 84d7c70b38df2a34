/** S14: remembers which commands have had their action performed, so it happens at most once. */
export type ActionRecordStatus = 'acting' | 'performed' | 'failed';

/** What the skill may see of the ledger: how a confirmed command's action went, never a claim. */
export interface ActionOutcomes {
  status(commandId: string): Promise<ActionRecordStatus | undefined>;
}

export interface ActionLedger extends ActionOutcomes {
  /**
   * Claims the right to perform the command's action. False when it was already
   * performed or another attempt holds the claim. A failed action may be claimed again.
   */
  claim(commandId: string, at: number): Promise<boolean>;
  /** Records the outcome of a claimed action; `released` lets a retry claim it again. */
  settle(commandId: string, outcome: ActionRecordStatus | 'released'): Promise<void>;
}
