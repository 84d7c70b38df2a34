import { AuditDetailTypes, auditEvent } from '../../../functions/domain/audit-event';
import type { ExecutionRecord } from '../../../infra/local/workflow/execution-store';
import { recoverAbandonedExecutions, type RecoveryParts } from '../../../infra/local/workflow/abandoned-executions';
import { fakeWorld, SPLUNK, T0, type FakeWorld } from '../../support/fakes/fake-deps';
import { commandFor } from '../../support/security-probes';

const command = commandFor('alice', 'start', SPLUNK.alias, SPLUNK.instanceId);

/** One execution the store still shows RUNNING after a stop, and the stack's other parts around it. */
function stoppedStack(world: FakeWorld): { parts: RecoveryParts; record: ExecutionRecord } {
  const { commandId, userId, action, target } = command;
  const started = { startedAt: new Date(T0).toISOString(), stoppedAt: null, history: [] };
  const record: ExecutionRecord = { executionId: 'exec-1', status: 'RUNNING', commandId, userId, action, target, command, ...started };
  const parts: RecoveryParts = {
    deps: world.deps,
    executions: {
      list: async () => [record],
      get: async () => record,
      finish: async (_, fields) => void Object.assign(record, fields),
    },
    engine: { resume: () => false },
    auditLog: { list: async () => world.audit.events.map((event, i) => ({ id: String(i), ...event })) },
  };
  return { parts, record };
}

describe('start-up recovery of executions a stop cut off', () => {
  it('ends one that had not recorded its end with a single "Command Cancelled" (EngineRestarted)', async () => {
    const world = fakeWorld();
    const { parts, record } = stoppedStack(world);

    expect(await recoverAbandonedExecutions(parts)).toEqual({ resumed: 0, ended: 1 });

    expect(record).toMatchObject({ status: 'FAILED', error: 'EngineRestarted' });
    expect(world.audit.detailTypes(command.commandId)).toEqual([AuditDetailTypes.commandCancelled]);
  });

  it('only marks ended one that stopped after recording its terminal event, so it keeps exactly one', async () => {
    const world = fakeWorld();
    const { parts, record } = stoppedStack(world);
    await world.audit.publish(auditEvent(AuditDetailTypes.commandSuperseded, command, record.executionId, new Date(T0)));

    expect(await recoverAbandonedExecutions(parts)).toEqual({ resumed: 0, ended: 1 });

    expect(record).toMatchObject({
      status: 'FAILED',
      error: 'CommandSuperseded',
      cause: 'The local workflow runner restarted after recording this end.',
      stoppedAt: new Date(T0).toISOString(),
    });
    expect(world.audit.detailTypes(command.commandId)).toEqual([AuditDetailTypes.commandSuperseded]);
  });

  it('marks one that recorded "Action Succeeded" as SUCCEEDED', async () => {
    const world = fakeWorld();
    const { parts, record } = stoppedStack(world);
    await world.audit.publish(auditEvent(AuditDetailTypes.actionSucceeded, command, record.executionId, new Date(T0)));

    await recoverAbandonedExecutions(parts);

    expect(record.status).toBe('SUCCEEDED');
    expect(record.error).toBeUndefined();
    expect(world.audit.detailTypes(command.commandId)).toEqual([AuditDetailTypes.actionSucceeded]);
  });

  it('skips an execution that vanished between the listing and the read', async () => {
    const world = fakeWorld();
    const { parts } = stoppedStack(world);
    parts.executions.get = async () => undefined;

    expect(await recoverAbandonedExecutions(parts)).toEqual({ resumed: 0, ended: 0 });
    expect(world.audit.events).toEqual([]);
  });
});
