/**
 * In-memory stand-ins for the outside world the use cases talk to: the phone/inbox,
 * the audit bus, the EC2 fleet and the workflow engine (with Step Functions' task-token
 * rules). They keep state and enforce rules; tests assert on that state.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { AuditEvent } from '../../../functions/domain/audit-event';
import type { MfaDeviceLink } from '../../../functions/domain/factor-enrollment';
import type { Command, InstanceAction } from '../../../functions/domain/command';
import { TaskTokenError } from '../../../functions/domain/errors';
import { aliasesOf, type Instance, type InstanceAlias } from '../../../functions/domain/instance';
import type { AuditPublisher } from '../../../functions/ports/audit-publisher';
import { InstanceStateError, type InstanceGateway } from '../../../functions/ports/instance-gateway';
import type { MessageSender, OutgoingMessage } from '../../../functions/ports/message-sender';
import type { MfaDeviceVerifier, MfaVerdict } from '../../../functions/ports/mfa-device-verifier';
import type { ConfirmationInput, ExecutionStatus, ExecutionSummary, WorkflowGateway } from '../../../functions/ports/workflow-gateway';
import { tick } from './in-memory-stores';

/** The simulated phones and inboxes; `failWith` makes the provider refuse every message. */
export class InMemoryOutbox implements MessageSender {
  readonly messages: OutgoingMessage[] = [];
  failWith: Error | undefined;

  async send(message: OutgoingMessage): Promise<void> {
    await tick();
    if (this.failWith) throw this.failWith;
    this.messages.push(structuredClone(message));
  }

  /** The code in the newest message to `to`. */
  lastCodeTo(to: string): string {
    const code = this.messages
      .filter((m) => m.to === to)
      .at(-1)
      ?.body.match(/code (\d+)/)?.[1];
    if (!code) throw new Error(`no code was sent to ${to}`);
    return code;
  }
}

export class InMemoryAuditBus implements AuditPublisher {
  readonly events: AuditEvent[] = [];

  async publish(event: AuditEvent): Promise<void> {
    await tick();
    this.events.push(structuredClone(event));
  }

  detailTypes(commandId?: string): string[] {
    return this.events.filter((e) => commandId === undefined || e.detail.commandId === commandId).map((e) => e.detailType);
  }
}

const TRANSITIONS: Record<InstanceAction, Record<string, string>> = {
  start: { stopped: 'pending', running: 'running' },
  stop: { running: 'stopping', stopped: 'stopped' },
  reboot: { running: 'running' },
};

/** An EC2 fleet: actions move instances between EC2's states or fail like EC2 does. */
export class InMemoryFleet implements InstanceGateway {
  private readonly instances = new Map<string, Instance>();
  /** Every action that reached the fleet and changed (or kept) an instance's state. */
  readonly performed: { action: InstanceAction; instanceId: string }[] = [];

  constructor(instances: Instance[]) {
    for (const instance of instances) this.instances.set(instance.instanceId, { ...instance });
  }

  async list(): Promise<Instance[]> {
    await tick();
    return [...this.instances.values()].map((i) => ({ ...i })).sort((a, b) => a.instanceId.localeCompare(b.instanceId));
  }

  async listAliases(): Promise<InstanceAlias[]> {
    return aliasesOf(await this.list());
  }

  async perform(action: InstanceAction, instanceId: string): Promise<string> {
    await tick();
    const instance = this.instances.get(instanceId);
    if (!instance) throw Object.assign(new Error(`no such instance: ${instanceId}`), { name: 'InvalidInstanceID.NotFound' });
    const next = TRANSITIONS[action][instance.state];
    if (!next) throw new InstanceStateError(`cannot ${action} a ${instance.state} instance`);
    instance.state = next;
    this.performed.push({ action, instanceId });
    return next;
  }

  stateOf(instanceId: string): string | undefined {
    return this.instances.get(instanceId)?.state;
  }

  /** Another tagged instance joins the fleet (an operator's tagging, right or wrong). */
  add(instance: Instance): void {
    this.instances.set(instance.instanceId, { ...instance });
  }
}

interface FakeExecution {
  input: ConfirmationInput;
  status: ExecutionStatus;
  error?: string;
  token: string;
  /** What SendTaskSuccess handed to the waiting task. */
  taskOutput?: Record<string, unknown>;
  /** What SendTaskFailure handed to it: the TaskFailed event of the execution history. */
  taskFailure?: { error: string; cause: string };
}

const TOKEN_FORMAT = /^[A-Za-z0-9_-]{64}$/;

/**
 * A workflow engine with Step Functions' token rules: one token per execution that
 * completes once (then TaskTimedOut), TaskDoesNotExist for unknown tokens, InvalidToken
 * for malformed ones. What happens after a successful verification is up to the test:
 * `afterVerification` is the status the rest of the workflow ends in.
 */
export class InMemoryWorkflow implements WorkflowGateway {
  private readonly executions = new Map<string, FakeExecution>();
  private readonly tokens = new Map<string, { executionId: string; done: boolean }>();
  private readonly byCommand = new Map<string, string>();
  afterVerification: ExecutionStatus = 'SUCCEEDED';
  /**
   * The execution's first task (issue-challenge), run right after a start when a test sets it,
   * as the ASL's send-code state would; an error it throws fails the execution, as that state's Catch does.
   */
  firstTask: ((request: { command: Command; executionId: string; taskToken: string }) => Promise<void>) | undefined;

  /** Like Step Functions: starting a running command again returns its execution. */
  async start(input: ConfirmationInput): Promise<{ executionId: string }> {
    await tick();
    const running = this.byCommand.get(input.command.commandId);
    if (running && this.executions.get(running)?.status === 'RUNNING') return { executionId: running };
    const executionId = randomUUID();
    this.byCommand.set(input.command.commandId, executionId);
    const token = randomBytes(48).toString('base64url');
    this.executions.set(executionId, { input: structuredClone(input), status: 'RUNNING', token });
    this.tokens.set(token, { executionId, done: false });
    if (this.firstTask) {
      await this.firstTask({ command: input.command, executionId, taskToken: token }).catch((error: Error) =>
        this.sendTaskFailure(token, error.name, error.message),
      );
    }
    return { executionId };
  }

  /** Every execution's input, in the order they started. */
  inputs(): ConfirmationInput[] {
    return [...this.executions.values()].map((execution) => structuredClone(execution.input));
  }

  async sendTaskSuccess(taskToken: string, output: Record<string, unknown>): Promise<void> {
    const execution = await this.complete(taskToken);
    execution.taskOutput = structuredClone(output);
    execution.status = this.afterVerification;
    if (execution.status === 'FAILED') execution.error = 'ActionFailed';
  }

  async sendTaskFailure(taskToken: string, error: string, cause = ''): Promise<void> {
    const execution = await this.complete(taskToken);
    execution.status = 'FAILED';
    execution.error = error;
    execution.taskFailure = { error, cause };
  }

  async describe(executionId: string): Promise<ExecutionSummary | undefined> {
    await tick();
    const execution = this.executions.get(executionId);
    return execution && { executionId, status: execution.status, ...(execution.error && { error: execution.error }) };
  }

  /** The task token of an execution's waiting task (the engine hands it to issue-challenge). */
  tokenOf(executionId: string): string {
    const execution = this.executions.get(executionId);
    if (!execution) throw new Error(`no execution ${executionId}`);
    return execution.token;
  }

  /** The waiting task times out: the execution ends and its token can no longer complete. */
  timeOut(executionId: string): void {
    const execution = this.executions.get(executionId)!;
    this.tokens.get(execution.token)!.done = true;
    execution.status = 'FAILED';
    execution.error = 'ChallengeExpired';
  }

  /** The rest of a running execution (the action after verification) ends with `status`. */
  finish(executionId: string, status: ExecutionStatus): void {
    this.executions.get(executionId)!.status = status;
  }

  taskOutputOf(executionId: string): Record<string, unknown> | undefined {
    return this.executions.get(executionId)?.taskOutput;
  }

  taskFailureOf(executionId: string): { error: string; cause: string } | undefined {
    return this.executions.get(executionId)?.taskFailure;
  }

  private async complete(token: string): Promise<FakeExecution> {
    await tick();
    if (!TOKEN_FORMAT.test(token)) throw new TaskTokenError('InvalidToken', 'Invalid token');
    const entry = this.tokens.get(token);
    if (!entry) throw new TaskTokenError('TaskDoesNotExist', 'Task does not exist anymore');
    if (entry.done) throw new TaskTokenError('TaskTimedOut', 'Task Timed Out');
    entry.done = true;
    return this.executions.get(entry.executionId)!;
  }
}

/** AWS's side of MFA devices: accepts the codes a test says the device shows, each once (AWS refuses a reused code). */
export class InMemoryMfaDevices implements MfaDeviceVerifier {
  readonly checked: { serialNumber: string; code: string }[] = [];
  private readonly showing = new Map<string, Set<string>>();

  shows(serialNumber: string, code: string): void {
    this.showing.set(serialNumber, (this.showing.get(serialNumber) ?? new Set()).add(code));
  }

  async verify(device: MfaDeviceLink, code: string): Promise<MfaVerdict> {
    await tick();
    this.checked.push({ serialNumber: device.serialNumber, code });
    return this.showing.get(device.serialNumber)?.delete(code) ? 'accepted' : 'rejected';
  }
}
