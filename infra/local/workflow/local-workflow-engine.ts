import { randomUUID } from 'node:crypto';
import { StateMachine, type StateMachineDefinition } from 'aws-local-stepfunctions';
import type { ConfirmationInput, ExecutionStatus, ExecutionSummary, WorkflowGateway } from '../../../functions/ports/workflow-gateway';
import type { ExecutionRecord, ExecutionStore, HistoryEvent } from './execution-store';
import { toHistoryEvent, type LibraryEvent } from './history';
import { assertSupported, taskHandlers, type IntegrationTargets } from './service-integrations';
import { TaskTokenRegistry } from './task-token-registry';

export interface EngineOptions {
  /** Retry waits per state name in ms (tests shorten the action's backoff). */
  retryIntervalOverrides?: Record<string, number | number[]>;
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
  /** Undefined is in no set: an event without a state name is at no token state. */
  private readonly tokenStates: ReadonlySet<string | undefined>;
  /** Running executions by command id: starting a running command again returns its execution, as Step Functions does. */
  private readonly runningByCommand = new Map<string, string>();
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
    this.tokenStates = new Set<string | undefined>(
      Object.entries(definition.States)
        .filter(([, state]) => state.Type === 'Task' && state.Resource.endsWith('.waitForTaskToken'))
        .map(([name]) => name),
    );
  }

  async start({ command }: ConfirmationInput): Promise<{ executionId: string }> {
    const running = this.runningByCommand.get(command.commandId);
    if (running) return { executionId: running };
    const executionId = randomUUID();
    this.runningByCommand.set(command.commandId, executionId);
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
    const token = TaskTokenRegistry.newToken();
    const handlers = taskHandlers(this.definition, this.targets, () => this.tokens.wait(token, executionId));
    this.launch({ executionId, commandId: command.commandId, token, input: { command }, history: [], machine: this.machine, handlers });
    return { executionId };
  }

  /**
   * Picks up an execution that a restart interrupted while it waited for its code: it
   * waits again at the same state, on the same token, until the original deadline —
   * without sending another code. Returns false when the history shows no such pause.
   */
  resume(record: ExecutionRecord, token: string, remainingSeconds: number): boolean {
    // Any event at a token state will do: the engine stores a running history only as such a state is entered.
    const paused = record.history.findLast((e) => this.tokenStates.has(e.stateName));
    if (!paused?.stateName || remainingSeconds < 1) return false;
    const definition = resumeAt(this.definition, paused.stateName, remainingSeconds);
    // Listen on the token now, not when the interpreter gets to the state: a SendTaskSuccess
    // arriving right after start-up would otherwise find no waiter and burn the code.
    const waiting = this.tokens.wait(token, record.executionId);
    // Stryker disable next-line CallExpression: equivalent — aws-local-stepfunctions calls the paused state's handler synchronously inside resume() (no await before the task call), so `waiting` has a consumer before it can settle; kept in case the library ever awaits first
    waiting.catch(() => undefined);
    const wait = () => waiting;
    const handlers = { ...taskHandlers(definition, this.targets, wait), [paused.stateName]: wait };
    const history = [...record.history, { id: record.history.length + 1, timestamp: new Date().toISOString(), type: 'ExecutionResumed' }];
    // The full definition was validated at start-up; entered mid-way, earlier states look unreachable.
    const machine = new StateMachine(definition, { validationOptions: { noValidate: true } });
    this.runningByCommand.set(record.commandId, record.executionId);
    this.launch({ executionId: record.executionId, commandId: record.commandId, token, input: paused.input, history, machine, handlers, resumed: true });
    return true;
  }

  sendTaskSuccess(taskToken: string, output: Record<string, unknown>): Promise<void> {
    return this.tokens.succeed(taskToken, output);
  }

  sendTaskFailure(taskToken: string, error: string, cause: string): Promise<void> {
    return this.tokens.fail(taskToken, error, cause);
  }

  /** From the store: a running execution's record reads RUNNING from before it starts until it ends. */
  async describe(executionId: string): Promise<ExecutionSummary | undefined> {
    const record = await this.executions.get(executionId);
    return record && { executionId, status: record.status, ...(record.error && { error: record.error }), ...(record.cause && { cause: record.cause }) };
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

  private launch(run: Run): void {
    const done = this.run(run).finally(() => this.finished.delete(done));
    this.finished.add(done);
  }

  private async run({ executionId, commandId, token, input, history, machine, handlers, resumed }: Run): Promise<void> {
    const execution = machine.run(input as never, {
      overrides: {
        taskResourceLocalHandlers: handlers as never,
        retryIntervalOverrides: this.options.retryIntervalOverrides ?? {},
      },
      context: executionContext(executionId, token),
    });
    execution.result.catch(() => undefined);
    this.aborts.set(executionId, execution.abort);
    // Stryker disable next-line ObjectLiteral,StringLiteral: equivalent — never read: aws-local-stepfunctions closes the event log right after its terminal event, which sets `final`, and the only abort is stop()'s, whose end is not stored
    let final: Partial<ExecutionRecord> = { status: 'FAILED', error: 'States.Runtime' };
    // A failed wait ends its token unless the Retry runs it again: the local runner keeps one
    // token per execution (AWS would mint one per attempt), so it must outlive the retry.
    let tokenFailed = false;
    for await (const event of execution.eventLogs) {
      if (resumed && event.type === 'ExecutionStarted') continue;
      history.push(toHistoryEvent(event as LibraryEvent, history.length + 1, token));
      if (event.type === 'StateEntered' && this.tokenStates.has(event.state.name)) {
        // The execution is about to pause on its token: persist how it got here.
        await this.executions.saveHistory(executionId, history);
      }
      if (tokenFailed && event.type !== 'StateRetried') await this.tokens.expire(token);
      tokenFailed = event.type === 'StateFailed' && this.tokenStates.has(event.state.name);
      const status = FINAL_STATUS[event.type];
      // Stryker disable next-line ConditionalExpression: equivalent for → true — the terminal event is always the log's last, so it overwrites whatever the others set (→ false is killed: nothing would end SUCCEEDED)
      if (status) final = endOf(status, event as LibraryEvent);
    }
    // Stryker disable next-line CallExpression: equivalent in behaviour — stop() would abort the ended run again, which aws-local-stepfunctions ignores (it drops its abort listener when a run ends); only the entry's memory is kept
    this.aborts.delete(executionId);
    if (!this.stopping) await this.executions.finish(executionId, { ...final, history, stoppedAt: new Date().toISOString() });
    this.runningByCommand.delete(commandId);
  }
}

interface Run {
  executionId: string;
  commandId: string;
  token: string;
  input: unknown;
  history: HistoryEvent[];
  machine: StateMachine;
  handlers: Record<string, (input: unknown) => Promise<unknown>>;
  resumed?: boolean;
}

function endOf(status: ExecutionStatus, event: LibraryEvent): Partial<ExecutionRecord> {
  return { status, ...('Error' in event && { error: String(event.Error), cause: String(event.Cause) }) };
}

/** The same definition, entered at `stateName` with what is left of its timeout. */
function resumeAt(definition: StateMachineDefinition, stateName: string, timeoutSeconds: number): StateMachineDefinition {
  const state = { ...definition.States[stateName], TimeoutSeconds: timeoutSeconds } as StateMachineDefinition['States'][string];
  return { ...definition, StartAt: stateName, States: { ...definition.States, [stateName]: state } };
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
