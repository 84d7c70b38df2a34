import { setTimeout as sleep } from 'node:timers/promises';
import type { Command } from '../../../functions/domain/command';
import { isTaskTokenError, type TaskTokenErrorName } from '../../../functions/domain/errors';
import type { ExecutionSummary, WorkflowGateway } from '../../../functions/ports/workflow-gateway';
import { visibleText } from '../../support/visible-text';
import { freshPerTest, type MakeFixture } from './fixture';

/** An engine running a one-step workflow: wait for the task token, then succeed. */
export interface WorkflowFixture {
  workflow: WorkflowGateway;
  /** The task token the execution's waiting task handed out (waits for it). */
  tokenOf(executionId: string): Promise<string>;
  /** A well-formed id for an execution that was never started. */
  missingExecutionId(): string;
  /**
   * Where an emulator answers another task-token error than Step Functions (moto 5.2.1
   * says InvalidToken for a spent token and for an unknown one); to the caller all are
   * task-token errors.
   */
  answers?: { spentToken?: TaskTokenErrorName; unknownToken?: TaskTokenErrorName };
}

let commandCount = 0;
function aCommand(): Command {
  commandCount += 1;
  return {
    commandId: `cmd-${process.pid}-${commandCount}`,
    userId: 'alice',
    action: 'start',
    target: 'splunk',
    policyTarget: 'splunk',
    instanceId: 'i-0123456789abcdef0',
    requestedAt: '2026-01-01T10:00:00.000Z',
  };
}

/** A 64-character token in the engines' format that no engine issued. */
const STRANGER_TOKEN = 'A'.repeat(64);
const MALFORMED_TOKEN = 'not a task token';

export function workflowGatewayContract(name: string, makeFixture: MakeFixture<WorkflowFixture>): void {
  describe(`WorkflowGateway contract: ${name}`, () => {
    const fixture = freshPerTest(makeFixture);

    async function startWaiting() {
      const command = aCommand();
      const { executionId } = await fixture().workflow.start({ command });
      return { command, executionId, token: await fixture().tokenOf(executionId) };
    }

    async function settled(executionId: string): Promise<ExecutionSummary | undefined> {
      for (let attempt = 0; attempt < 200; attempt++) {
        const summary = await fixture().workflow.describe(executionId);
        if (summary?.status !== 'RUNNING') return summary;
        await sleep(25);
      }
      throw new Error(`${executionId} is still running`);
    }

    async function tokenErrorOf(call: Promise<void>, token: string): Promise<string> {
      const error = await call.then(
        () => undefined,
        (e: unknown) => e,
      );
      if (!isTaskTokenError(error)) throw new Error(`expected a task-token error, got ${String(error)}`);
      expect(visibleText(error)).not.toContain(token);
      return error.name;
    }

    it('describes a started execution as RUNNING while its task waits for the token', async () => {
      const { executionId } = await startWaiting();

      expect(await fixture().workflow.describe(executionId)).toEqual({ executionId, status: 'RUNNING' });
    });

    it('starts one execution per command id, however often that command is started', async () => {
      const { command, executionId } = await startWaiting();

      expect(await fixture().workflow.start({ command })).toEqual({ executionId });
      expect(await fixture().workflow.start({ command: aCommand() })).not.toEqual({ executionId });
    });

    it('sendTaskSuccess resumes the execution to success', async () => {
      const { executionId, token } = await startWaiting();

      await fixture().workflow.sendTaskSuccess(token, { verifiedAt: '2026-01-01T10:01:00.000Z' });

      expect(await settled(executionId)).toEqual({ executionId, status: 'SUCCEEDED' });
    });

    it('sendTaskFailure fails the execution with the given error name', async () => {
      const { executionId, token } = await startWaiting();

      await fixture().workflow.sendTaskFailure(token, 'CommandCancelled', 'the user said cancel');

      expect(await settled(executionId)).toMatchObject({ executionId, status: 'FAILED', error: 'CommandCancelled' });
    });

    it('completes a token once: a second SendTaskSuccess is refused and changes nothing', async () => {
      const { executionId, token } = await startWaiting();
      await fixture().workflow.sendTaskSuccess(token, {});
      await settled(executionId);

      expect(await tokenErrorOf(fixture().workflow.sendTaskSuccess(token, {}), token)).toBe(fixture().answers?.spentToken ?? 'TaskTimedOut');
      expect(await fixture().workflow.describe(executionId)).toEqual({ executionId, status: 'SUCCEEDED' });
    });

    it('completes a token once: SendTaskSuccess after SendTaskFailure is refused', async () => {
      const { executionId, token } = await startWaiting();
      await fixture().workflow.sendTaskFailure(token, 'CommandCancelled', 'cancelled');
      await settled(executionId);

      expect(await tokenErrorOf(fixture().workflow.sendTaskSuccess(token, {}), token)).toBe(fixture().answers?.spentToken ?? 'TaskTimedOut');
      expect(await fixture().workflow.describe(executionId)).toMatchObject({ executionId, status: 'FAILED', error: 'CommandCancelled' });
    });

    it('answers TaskDoesNotExist for a well-formed token it never issued, leaving the waiting task alone', async () => {
      const { executionId, token } = await startWaiting();

      const unknown = fixture().answers?.unknownToken ?? 'TaskDoesNotExist';
      expect(await tokenErrorOf(fixture().workflow.sendTaskSuccess(STRANGER_TOKEN, {}), STRANGER_TOKEN)).toBe(unknown);
      expect(await tokenErrorOf(fixture().workflow.sendTaskFailure(STRANGER_TOKEN, 'CommandCancelled', 'x'), STRANGER_TOKEN)).toBe(unknown);

      expect(await fixture().workflow.describe(executionId)).toEqual({ executionId, status: 'RUNNING' });
      await fixture().workflow.sendTaskSuccess(token, {});
      expect(await settled(executionId)).toEqual({ executionId, status: 'SUCCEEDED' });
    });

    it('answers InvalidToken for a malformed token', async () => {
      expect(await tokenErrorOf(fixture().workflow.sendTaskSuccess(MALFORMED_TOKEN, {}), MALFORMED_TOKEN)).toBe('InvalidToken');
      expect(await tokenErrorOf(fixture().workflow.sendTaskFailure(MALFORMED_TOKEN, 'CommandCancelled', 'x'), MALFORMED_TOKEN)).toBe('InvalidToken');
    });

    it('describes an execution that was never started as undefined', async () => {
      expect(await fixture().workflow.describe(fixture().missingExecutionId())).toBeUndefined();
    });
  });
}
