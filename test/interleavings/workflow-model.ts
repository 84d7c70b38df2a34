/**
 * The confirmation workflow as the interleaving suites drive it: Step Functions' token rules
 * (from the contract-held InMemoryWorkflow), the paths of the real ASL file (each way out of
 * the wait or the action ends in the "Record …" audit state its Catch names), and the local
 * engine's restart: the process stops, executions stay RUNNING in the store, and the real
 * `recoverAbandonedExecutions` resumes or ends them.
 */
import { AuditDetailTypes, auditEvent, type AuditDetailType } from '../../functions/domain/audit-event';
import type { Command } from '../../functions/domain/command';
import { TaskTokenError } from '../../functions/domain/errors';
import type { Clock } from '../../functions/ports/clock';
import type { ConfirmationInput, ExecutionStatus, ExecutionSummary, WorkflowGateway } from '../../functions/ports/workflow-gateway';
import { CONFIRM_COMMAND_ASL, loadDefinition } from '../../infra/local/workflow/asl-definition';
import type { ExecutionRecord } from '../../infra/local/workflow/execution-store';
import type { RecoveryParts } from '../../infra/local/workflow/abandoned-executions';
import { InMemoryWorkflow, type InMemoryAuditBus } from '../support/fakes/in-memory-world';

interface AslState {
  Catch?: { ErrorEquals: string[]; Next: string }[];
  Next?: string;
  Parameters?: { Entries?: { DetailType: AuditDetailType }[] };
}
const ASL = loadDefinition(CONFIRM_COMMAND_ASL, {
  AuditBusName: 'bus',
  CodeTtlSeconds: 300,
  IssueChallengeFunctionArn: 'issue',
  PerformActionFunctionArn: 'perform',
}) as unknown as {
  States: Record<string, AslState>;
};

/** The audit event the ASL records when `stateName` ends with `error` (or succeeds, without one). */
function recordedAfter(stateName: string, error?: string): AuditDetailType {
  const state = ASL.States[stateName];
  const next = error === undefined ? state?.Next : state?.Catch?.find((c) => c.ErrorEquals.includes(error) || c.ErrorEquals.includes('States.ALL'))?.Next;
  const detailType = next && ASL.States[next]?.Parameters?.Entries?.[0]?.DetailType;
  if (!detailType) throw new Error(`the ASL records no audit event after ${stateName} ends with ${error ?? 'success'}`);
  return detailType;
}
const WAIT = 'Send Code And Wait';
/** Between a verified wait and the action: Record Code Verified leads there. */
const ACTION = 'Perform Action';

/**
 * Where an execution is: waiting for its code, past the wait (verified), running the action,
 * over, or abandoned by a stopped process (RUNNING in the store until start-up recovery
 * resumes or ends it; no process runs its next state).
 */
type Stage = 'waiting' | 'verified' | 'acting' | 'ended' | 'abandoned';

interface ModelExecution {
  executionId: string;
  command: Command;
  token: string;
  stage: Stage;
  status: ExecutionStatus;
  error?: string;
}

/** Thrown by any call the stopped process had in flight. */
export class ProcessStopped extends Error {
  override name = 'ProcessStopped';
}

export class WorkflowModel implements WorkflowGateway {
  private readonly tokens = new InMemoryWorkflow();
  private readonly executions = new Map<string, ModelExecution>();
  private readonly byToken = new Map<string, string>();
  /** Executions whose wait is listened to by the running process. */
  private readonly listening = new Set<string>();
  /** Bumped by every restart: work of an earlier process takes no effect. */
  epoch = 0;
  /** What each resume was given, for the invariants. */
  readonly resumes: { executionId: string; token: string; deadline: number }[] = [];

  /** `pause` lets the scheduler run other work (or a restart) between the engine's own steps. */
  constructor(
    private readonly audit: InMemoryAuditBus,
    private readonly clock: Clock,
    private readonly pause: (label: string) => Promise<unknown> = async () => undefined,
  ) {}

  async start(input: ConfirmationInput): Promise<{ executionId: string }> {
    const { executionId } = await this.tokens.start(input);
    if (!this.executions.has(executionId)) {
      const token = this.tokens.tokenOf(executionId);
      this.executions.set(executionId, { executionId, command: structuredClone(input.command), token, stage: 'waiting', status: 'RUNNING' });
      this.byToken.set(token, executionId);
      this.listening.add(executionId);
    }
    return { executionId };
  }

  tokenOf(executionId: string): string {
    return this.tokens.tokenOf(executionId);
  }

  async sendTaskSuccess(taskToken: string, output: Record<string, unknown>): Promise<void> {
    const execution = await this.complete(taskToken, () => this.tokens.sendTaskSuccess(taskToken, output));
    execution.stage = 'verified';
  }

  async sendTaskFailure(taskToken: string, error: string): Promise<void> {
    const execution = await this.complete(taskToken, () => this.tokens.sendTaskFailure(taskToken, error));
    await this.end(execution, recordedAfter(WAIT, error), error);
  }

  async describe(executionId: string): Promise<ExecutionSummary | undefined> {
    const execution = this.executions.get(executionId);
    return execution && { executionId, status: execution.status, ...(execution.error && { error: execution.error }) };
  }

  /** The wait's TimeoutSeconds ran out: only a wait the process listens to can time out. */
  async timeOut(executionId: string): Promise<void> {
    const execution = this.executions.get(executionId)!;
    if (!this.listening.delete(executionId)) return;
    this.tokens.timeOut(executionId);
    await this.end(execution, recordedAfter(WAIT, 'States.Timeout'), 'States.Timeout');
  }

  /**
   * The Perform Action state for one execution past its wait: `invoke` is the Lambda (which
   * may be delivered again while running, as Lambda may do); the state completes once.
   */
  async performAction(executionId: string, invoke: () => Promise<unknown>): Promise<void> {
    const execution = this.executions.get(executionId);
    if (execution?.stage === 'acting') await invoke().catch(() => undefined);
    if (execution?.stage !== 'verified') return;
    const epoch = this.epoch;
    execution.stage = 'acting';
    const error = await invoke().then(
      () => undefined,
      (e: unknown) => (e instanceof Error ? e.name : 'Error'),
    );
    if (epoch !== this.epoch) return;
    await this.end(execution, recordedAfter(ACTION, error === undefined ? undefined : 'States.ALL'), error);
  }

  /** Executions past their wait whose action has not run yet. */
  verified(): string[] {
    return [...this.executions.values()].filter((e) => e.stage === 'verified').map((e) => e.executionId);
  }

  /** Executions whose wait the running process listens to. */
  waiting(): string[] {
    return [...this.listening];
  }

  all(): ModelExecution[] {
    return [...this.executions.values()];
  }

  /** The process stops: its waits are let go, executions stay RUNNING in the store, and nothing runs them on. */
  stop(): void {
    this.epoch++;
    this.listening.clear();
    for (const execution of this.executions.values()) if (execution.stage !== 'ended') execution.stage = 'abandoned';
  }

  /** What recoverAbandonedExecutions sees of this engine and its store. */
  recoveryParts(deps: RecoveryParts['deps']): RecoveryParts {
    return {
      deps,
      auditLog: { list: async () => this.audit.events.map((event, i) => ({ id: String(i), ...event })) },
      engine: {
        // The real engine saves the history as the wait is entered, so every execution it
        // started shows that pause; recovery decides by the challenge whether it still waits.
        resume: (record: ExecutionRecord, token: string, remainingSeconds: number) => {
          if (remainingSeconds < 1) return false;
          this.resumes.push({ executionId: record.executionId, token, deadline: this.clock.now() + remainingSeconds * 1000 });
          this.executions.get(record.executionId)!.stage = 'waiting';
          this.listening.add(record.executionId);
          return true;
        },
      },
      executions: {
        list: async () => this.all().map((e) => this.record(e)),
        get: async (executionId: string) => {
          const execution = this.executions.get(executionId);
          return execution && this.record(execution);
        },
        finish: async (executionId: string, final: Partial<ExecutionRecord>) => {
          const execution = this.executions.get(executionId)!;
          Object.assign(execution, { stage: 'ended', status: final.status, error: final.error });
        },
      },
    };
  }

  /**
   * Completes the token by the token rules (unknown, malformed, already completed); a token
   * nobody listens to any more answers TaskTimedOut, as the local engine's does after a restart.
   */
  private async complete(token: string, byTheRules: () => Promise<void>): Promise<ModelExecution> {
    const executionId = this.byToken.get(token);
    if (executionId !== undefined && !this.listening.has(executionId)) throw new TaskTokenError('TaskTimedOut', 'Task Timed Out');
    const epoch = this.epoch;
    await byTheRules();
    // The process stopped while the token was being completed: its waiter is gone with it.
    if (epoch !== this.epoch) throw new ProcessStopped('the process stopped');
    this.listening.delete(executionId!);
    return this.executions.get(executionId!)!;
  }

  /**
   * The "Record …" state, then the end state: the store learns that the execution ended only
   * after its audit event went out, so a restart can fall between the two (or before both).
   */
  private async end(execution: ModelExecution, detailType: AuditDetailType, error?: string): Promise<void> {
    const epoch = this.epoch;
    execution.stage = 'ended';
    await this.pause(`engine enters Record ${detailType}`);
    if (epoch !== this.epoch) return;
    // The putEvents lands when the scheduler released this step: a stopped process publishes nothing more.
    this.audit.events.push(auditEvent(detailType, execution.command, execution.executionId, new Date(this.clock.now())));
    await this.pause('engine stores the end of the execution');
    if (epoch !== this.epoch) return;
    execution.status = detailType === AuditDetailTypes.actionSucceeded ? 'SUCCEEDED' : 'FAILED';
    if (error !== undefined) execution.error = error;
  }

  private record(execution: ModelExecution): ExecutionRecord {
    const { executionId, command, status, error } = execution;
    return {
      executionId,
      status,
      commandId: command.commandId,
      userId: command.userId,
      action: command.action,
      target: command.target,
      startedAt: '',
      stoppedAt: null,
      command,
      history: [],
      ...(error && { error }),
    };
  }
}
