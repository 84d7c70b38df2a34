import { isInstanceAction, type Command } from '../domain/command';
import { isDeviceAction, isDeviceType, isThingName } from '../domain/device';
import type { IssueChallengeRequest } from '../use-cases/issue-challenge';
import type { PerformActionRequest } from '../use-cases/perform-action';

/** Turns the workflow's task payloads into use-case requests, refusing anything malformed. */
export function parseIssueChallengePayload(payload: unknown): IssueChallengeRequest {
  const { command, executionId, taskToken } = asRecord(payload, 'payload');
  return { command: parseCommand(command), executionId: text(executionId, 'executionId'), taskToken: text(taskToken, 'taskToken') };
}

export function parsePerformActionPayload(payload: unknown): PerformActionRequest {
  // Any verifiedAt in the payload is ignored: the verification time comes from the store.
  return { command: parseCommand(asRecord(payload, 'payload').command) };
}

/** The command a stored execution input carries (what a replay copies), refusing anything malformed. */
export function parseStoredCommand(input: unknown): Command {
  return parseCommand(asRecord(input, 'input').command);
}

function parseCommand(value: unknown): Command {
  const record = asRecord(value, 'command');
  const base = {
    commandId: text(record.commandId, 'command.commandId'),
    userId: text(record.userId, 'command.userId'),
    target: text(record.target, 'command.target'),
    policyTarget: text(record.policyTarget, 'command.policyTarget'),
    requestedAt: text(record.requestedAt, 'command.requestedAt'),
    ...(typeof record.replayOf === 'string' && { replayOf: record.replayOf }),
  };
  const action = text(record.action, 'command.action');
  if (record.kind === 'device') {
    if (!isDeviceAction(action)) throw new TypeError('command.action is not a device action');
    const thingName = text(record.thingName, 'command.thingName');
    if (!isThingName(thingName)) throw new TypeError('command.thingName is not a thing name');
    if (!isDeviceType(record.deviceType)) throw new TypeError('command.deviceType is not a device type');
    return { ...base, kind: 'device', action, thingName, deviceType: record.deviceType };
  }
  if (record.kind !== undefined && record.kind !== 'instance') throw new TypeError('command.kind must be "instance" or "device"');
  if (!isInstanceAction(action)) throw new TypeError('command.action is not an instance action');
  return { ...base, action, instanceId: text(record.instanceId, 'command.instanceId') };
}

function asRecord(value: unknown, name: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null) throw new TypeError(`${name} must be an object`);
  return value as Record<string, unknown>;
}

function text(value: unknown, name: string): string {
  if (typeof value !== 'string' || value === '') throw new TypeError(`${name} must be a non-empty string`);
  return value;
}
