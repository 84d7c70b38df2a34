import { randomUUID } from 'node:crypto';
import { StateMachine, type StateMachineDefinition } from 'aws-local-stepfunctions';
import type {
  ConfirmationInput,
  ExecutionStatus,
  ExecutionSummary,
  WorkflowGateway,
} from '../../../functions/ports/workflow-gateway';
import type { ExecutionRecord, ExecutionStore } from './execution-store';
import { toHistoryEvent, type LibraryEvent } from './history';
import { assertSupported, taskHandlers, type IntegrationTargets } from './service-integrations';
import { TaskTokenRegistry } from './task-token-registry';

export interface EngineOptions {
  /** Retry waits per state name in ms (tests shorten the action's backoff). */
  retryIntervalOverrides?: Record<string, number | number[]>;
}

interface LiveExecution {
  status: ExecutionStatus;
  error?: string;
}

const FINAL_STATUS: Record<string, ExecutionStatus> = {
  ExecutionSucceeded: 'SUCCEEDED',
  ExecutionFailed: 'FAILED',
  ExecutionTimeout: 'TIMED_OUT',
  ExecutionAborted: 'ABORTED',
};

/**
 * Runs the confirmation workflow's ASL file with aws-local-stepfunctions, behind the
 * same WorkflowGateway port as Step Functions. Each execution gets one task token;
 * executions and their history are persisted as they pause and finish.
 */
export class LocalWorkflowEngine implements WorkflowGateway {
  private readonly machine: StateMachine;
  private readonly tokenStates: Set<string>;
  private readonly live = new Map<string, LiveExecution>();
  private readonly finished = new Set<Promise<void>>();
  private readonly aborts = new Map<string, () => void>();
  private stopping = false;

  constructor(
    private readonly definition: StateMachineDefinition,
    private readonly targets: IntegrationTargets,
    private readonly tokens: TaskTokenRegistry,
    private readonly executions: ExecutionStore,
    private readonly options: EngineOptions = {},
  ) {
    assertSupported(definition);
    this.machine = new StateMachine(definition);
    this.tokenStates = new Set(
      Object.entries(definition.States)
        .filter(([, state]) => state.Type === 'Task' && state.Resource.endsWith('.waitForTaskToken'))
        .map(([name]) => name),
    );
  }

  async start({ command }: ConfirmationInput): Promise<{ executionId: string }> {
    const executionId = randomUUID();
    const record: ExecutionRecord = {
      executionId,
      status: 'RUNNING',
      commandId: command.commandId,
      userId: command.userId,
      action: command.action,
      target: command.target,
      startedAt: new Date().toISOString(),
      stoppedAt: null,
      command,
      history: [],
    };
    await this.executions.create(record);
    this.live.set(executionId, { status: 'RUNNING' });
    const done = this.run(executionId, { command }).finally(() => this.finished.delete(done));
    this.finished.add(done);
    return { executionId };
  }

  sendTaskSuccess(taskToken: string, output: Record<string, unknown>): Promise<void> {
    return this.tokens.succeed(taskToken, output);
  }

  sendTaskFailure(taskToken: string, error: string, cause: string): Promise<void> {
    return this.tokens.fail(taskToken, error, cause);
  }

  async describe(executionId: string): Promise<ExecutionSummary | undefined> {
    const live = this.live.get(executionId);
    if (live) return { executionId, ...live };
    const record = await this.executions.get(executionId);
    return record && { executionId, status: record.status, ...(record.error && { error: record.error }) };
  }

  /** Resolves when every execution started so far has finished. */
  async idle(): Promise<void> {
    while (this.finished.size > 0) await Promise.all([...this.finished]);
  }

  /**
   * Stops the runner as a crash or restart would: running executions are left RUNNING in
   * the store, where the next start finds them (see abandoned-executions.ts).
   */
  async stop(): Promise<void> {
    this.stopping = true;
    for (const abort of this.aborts.values()) abort();
    this.tokens.abandonAll();
    await this.idle();
  }

  private async run(executionId: string, input: ConfirmationInput): Promise<void> {
    const token = TaskTokenRegistry.newToken();
    const history: ExecutionRecord['history'] = [];
    const waitForToken = () => this.tokens.wait(token, executionId);
    const execution = this.machine.run(input as never, {
      overrides: {
        taskResourceLocalHandlers: taskHandlers(this.definition, this.targets, waitForToken) as never,
        retryIntervalOverrides: this.options.retryIntervalOverrides ?? {},
      },
      context: executionContext(executionId, token),
    });
    execution.result.catch(() => undefined);
    this.aborts.set(executionId, execution.abort);
    let final: Partial<ExecutionRecord> = { status: 'FAILED', error: 'States.Runtime' };
    for await (const event of execution.eventLogs) {
      history.push(toHistoryEvent(event as LibraryEvent, history.length + 1, token));
      if (event.type === 'StateEntered' && this.tokenStates.has(event.state.name)) {
        // The execution is about to pause on its token: persist how it got here.
        await this.executions.saveHistory(executionId, history);
      }
      if (event.type === 'StateFailed' && this.tokenStates.has(event.state.name)) await this.tokens.expire(token);
      const status = FINAL_STATUS[event.type];
      if (status) final = { status, ...('Error' in event && { error: String(event.Error), cause: String(event.Cause) }) };
    }
    this.aborts.delete(executionId);
    if (!this.stopping) await this.executions.finish(executionId, { ...final, history, stoppedAt: new Date().toISOString() });
    this.live.delete(executionId);
  }
}

/** Step Functions' context object: `$$.State.EnteredTime` is read live, as each state starts. */
function executionContext(executionId: string, token: string): Record<string, unknown> {
  return {
    Execution: { Id: executionId, Name: executionId },
    Task: { Token: token },
    State: {
      get EnteredTime() {
        return new Date().toISOString();
      },
    },
  };
}
