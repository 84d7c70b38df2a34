import { isInstanceAction, type Command } from '../domain/command';
import type { IssueChallengeRequest } from '../use-cases/issue-challenge';
import type { PerformActionRequest } from '../use-cases/perform-action';

/** Turns the workflow's task payloads into use-case requests, refusing anything malformed. */
export function parseIssueChallengePayload(payload: unknown): IssueChallengeRequest {
  const { command, executionId, taskToken } = asRecord(payload, 'payload');
  return { command: parseCommand(command), executionId: text(executionId, 'executionId'), taskToken: text(taskToken, 'taskToken') };
}

export function parsePerformActionPayload(payload: unknown): PerformActionRequest {
  const { command, verifiedAt } = asRecord(payload, 'payload');
  if (typeof verifiedAt !== 'number' || !Number.isFinite(verifiedAt)) throw new TypeError('verifiedAt must be a number');
  return { command: parseCommand(command), verifiedAt };
}

function parseCommand(value: unknown): Command {
  const record = asRecord(value, 'command');
  const action = text(record.action, 'command.action');
  if (!isInstanceAction(action)) throw new TypeError('command.action is not an instance action');
  return {
    commandId: text(record.commandId, 'command.commandId'),
    userId: text(record.userId, 'command.userId'),
    action,
    target: text(record.target, 'command.target'),
    instanceId: text(record.instanceId, 'command.instanceId'),
    requestedAt: text(record.requestedAt, 'command.requestedAt'),
    ...(typeof record.replayOf === 'string' && { replayOf: record.replayOf }),
  };
}

function asRecord(value: unknown, name: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null) throw new TypeError(`${name} must be an object`);
  return value as Record<string, unknown>;
}

function text(value: unknown, name: string): string {
  if (typeof value !== 'string' || value === '') throw new TypeError(`${name} must be a non-empty string`);
  return value;
}
