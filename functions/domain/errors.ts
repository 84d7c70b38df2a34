/**
 * Error names shared by the use cases and the state machine's Catch clauses.
 * The ASL file matches on these exact strings, so they are part of the contract.
 */
export const WorkflowErrors = {
  cancelled: 'CommandCancelled',
  superseded: 'CommandSuperseded',
  tooManyAttempts: 'TooManyAttempts',
  deliveryFailed: 'DeliveryFailed',
  actionThrottled: 'ActionThrottled',
  actionFailed: 'ActionFailed',
  engineRestarted: 'EngineRestarted',
  /** The execution's input claims something the stores do not back (wrong target, owner, alias, or no verified code). */
  commandRefused: 'CommandRefused',
} as const;
export type WorkflowErrorName = (typeof WorkflowErrors)[keyof typeof WorkflowErrors];

/**
 * Why "Perform Action" failed, as the error's name: the workflow catches them all as an
 * action failure and records the name as the reason (audit detail, execution cause), so the
 * user is told something they can act on.
 */
export const ActionFailureReasons = {
  stateChanged: 'IncorrectInstanceState',
  deviceSilent: 'DeviceDidNotRespond',
  confirmationTooOld: 'ConfirmationTooOld',
  inProgress: 'ActionInProgress',
  providerRefused: WorkflowErrors.actionFailed,
} as const;
export type ActionFailureReason = (typeof ActionFailureReasons)[keyof typeof ActionFailureReasons];

/** An error whose `name` the workflow can catch or retry on. */
export class WorkflowError extends Error {
  constructor(name: WorkflowErrorName | ActionFailureReason, message: string) {
    super(message);
    this.name = name;
  }
}

/** Step Functions' own error names for task-token calls on tokens that cannot complete. */
export const TaskTokenErrors = ['TaskTimedOut', 'TaskDoesNotExist', 'InvalidToken'] as const;
export type TaskTokenErrorName = (typeof TaskTokenErrors)[number];

export class TaskTokenError extends Error {
  constructor(name: TaskTokenErrorName, message: string) {
    super(message);
    this.name = name;
  }
}

export function isTaskTokenError(error: unknown): error is Error & { name: TaskTokenErrorName } {
  return error instanceof Error && (TaskTokenErrors as readonly string[]).includes(error.name);
}
