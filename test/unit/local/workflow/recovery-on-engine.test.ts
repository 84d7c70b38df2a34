import { submitCode } from '../../../../functions/use-cases/submit-code';
import { recoverAbandonedExecutions, type RecoveryParts } from '../../../../infra/local/workflow/abandoned-executions';
import type { LocalWorkflowEngine } from '../../../../infra/local/workflow/local-workflow-engine';
import { ALICE } from '../../../support/fakes/fake-deps';
import { engineWorld, startSplunk, type EngineWorld } from './engine-world';

/** Start-up recovery on the real engine and store: an execution a stop cut off while it waited for its code. */
describe('recovering executions a stop cut off, on the real engine', () => {
  let vg: EngineWorld;
  let next: LocalWorkflowEngine;
  afterEach(async () => {
    await vg.close();
  });

  /** Alice's "start splunk" waiting for its code when the engine stops; `next` is the engine of the next start. */
  async function stoppedWhileWaiting() {
    vg = await engineWorld();
    const command = startSplunk();
    const { executionId } = await vg.engine.start({ command });
    const token = await vg.pendingToken('alice');
    const code = vg.world.outbox.lastCodeTo(ALICE.phone);
    await vg.engine.stop();
    next = vg.restart();
    return { command, executionId, token, code };
  }
  const recover = () => {
    const parts: RecoveryParts = {
      deps: vg.world.deps,
      executions: vg.executions,
      engine: next,
      auditLog: { list: async () => vg.world.audit.events.map((event, i) => ({ id: String(i), ...event })) },
    };
    return recoverAbandonedExecutions(parts);
  };
  const settled = async (executionId: string) => {
    await next.idle();
    return (await vg.executions.get(executionId))!;
  };

  it('resumes one still waiting for a pending code, and the code then completes it', async () => {
    const { command, executionId, code } = await stoppedWhileWaiting();

    expect(await recover()).toEqual({ resumed: 1, ended: 0 });
    expect(await submitCode(vg.world.deps, 'alice', code)).toMatchObject({ kind: 'accepted' });

    expect(await settled(executionId)).toMatchObject({ status: 'SUCCEEDED' });
    expect(vg.world.audit.detailTypes(command.commandId)).toEqual(['Command Requested', 'Code Sent', 'Code Verified', 'Action Succeeded']);
  });

  it('resumes it only until the original deadline (the seconds left are counted from the challenge)', async () => {
    const { command, executionId } = await stoppedWhileWaiting();
    const challenge = (await vg.world.challenges.get('alice'))!;
    vg.world.clock.set(challenge.expiresAt - 1500);

    expect(await recover()).toEqual({ resumed: 1, ended: 0 });

    expect(await settled(executionId)).toMatchObject({ status: 'FAILED', error: 'ChallengeExpired' });
    expect(vg.world.audit.detailTypes(command.commandId).at(-1)).toBe('Challenge Expired');
  });

  it('ends one whose code ran out while the stack was down as expiry does: ChallengeExpired, "Challenge Expired", code voided', async () => {
    const { command, executionId } = await stoppedWhileWaiting();
    vg.world.clock.set((await vg.world.challenges.get('alice'))!.expiresAt + 1);

    expect(await recover()).toEqual({ resumed: 0, ended: 1 });

    expect(await vg.executions.get(executionId)).toMatchObject({
      status: 'FAILED',
      error: 'ChallengeExpired',
      cause: 'No valid code was spoken before the code expired.',
    });
    expect(vg.world.audit.detailTypes(command.commandId)).toEqual(['Command Requested', 'Code Sent', 'Challenge Expired']);
    expect(await vg.world.challenges.get('alice')).toBeUndefined();
  });

  it('ends visibly (EngineRestarted, "Command Cancelled") one whose code was already used, without resuming it, even after the code would have run out', async () => {
    const { command, executionId } = await stoppedWhileWaiting();
    const challenge = (await vg.world.challenges.get('alice'))!;
    await vg.world.challenges.save({ ...challenge, status: 'verified', version: challenge.version + 1 }, challenge.version);
    vg.world.clock.set(challenge.expiresAt + 1);

    expect(await recover()).toEqual({ resumed: 0, ended: 1 });

    expect(await vg.executions.get(executionId)).toMatchObject({
      status: 'FAILED',
      error: 'EngineRestarted',
      cause: 'The local workflow runner restarted while this command was in progress.',
    });
    expect(vg.world.audit.detailTypes(command.commandId)).toEqual(['Command Requested', 'Code Sent', 'Command Cancelled']);
    expect(vg.world.audit.events.at(-1)?.detail).toMatchObject({ reason: 'EngineRestarted', executionId });
    expect(await next.describe(executionId)).toMatchObject({ status: 'FAILED' });
  });

  it.each(['verified', 'cancelled'] as const)(
    "ends visibly, within the code's lifetime, one whose challenge is %s: only a pending code may be waited for again",
    async (status) => {
      const { executionId } = await stoppedWhileWaiting();
      const challenge = (await vg.world.challenges.get('alice'))!;
      await vg.world.challenges.save({ ...challenge, status, version: challenge.version + 1 }, challenge.version);

      expect(await recover()).toEqual({ resumed: 0, ended: 1 });
      expect(await vg.executions.get(executionId)).toMatchObject({ status: 'FAILED', error: 'EngineRestarted' });
    },
  );

  it('ends visibly one whose pending challenge belongs to another command', async () => {
    const { executionId } = await stoppedWhileWaiting();
    const challenge = (await vg.world.challenges.get('alice'))!;
    await vg.world.challenges.replace({ ...challenge, commandId: 'a-newer-command' });

    expect(await recover()).toEqual({ resumed: 0, ended: 1 });
    expect(await vg.executions.get(executionId)).toMatchObject({ status: 'FAILED', error: 'EngineRestarted' });
    expect((await vg.world.challenges.get('alice'))?.commandId).toBe('a-newer-command');
  });

  it('ends visibly one whose stored token does not open', async () => {
    const { executionId } = await stoppedWhileWaiting();
    const challenge = (await vg.world.challenges.get('alice'))!;
    await vg.world.challenges.save({ ...challenge, sealedTaskToken: 'not-sealed', version: challenge.version + 1 }, challenge.version);

    expect(await recover()).toEqual({ resumed: 0, ended: 1 });
    expect(await vg.executions.get(executionId)).toMatchObject({ status: 'FAILED', error: 'EngineRestarted' });
  });

  it('leaves executions that had already ended as they were', async () => {
    const { executionId, code } = await stoppedWhileWaiting();
    await recover();
    await submitCode(vg.world.deps, 'alice', code);
    const finished = await settled(executionId);
    const auditCount = vg.world.audit.events.length;

    expect(await recover()).toEqual({ resumed: 0, ended: 0 });

    expect(await vg.executions.get(executionId)).toEqual(finished);
    expect(vg.world.audit.events).toHaveLength(auditCount);
  });
});
