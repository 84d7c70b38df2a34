import type { HistoryEvent } from './execution-store';

/** The fields of aws-local-stepfunctions' event log entries that history keeps. */
export interface LibraryEvent {
  type: string;
  timestamp: number;
  state?: { name: string; input?: unknown; output?: unknown };
  input?: unknown;
  output?: unknown;
  Error?: unknown;
  Cause?: unknown;
}

/**
 * Turns a library event into a history entry with the task token scrubbed out (S12):
 * history is shown in the console and kept on disk.
 */
export function toHistoryEvent(event: LibraryEvent, id: number, token: string): HistoryEvent {
  const entry: HistoryEvent = {
    id,
    timestamp: new Date(event.timestamp).toISOString(),
    type: event.type,
    ...(event.state && { stateName: event.state.name }),
    ...pick('input', event.state?.input ?? event.input),
    ...pick('output', event.state?.output ?? event.output),
    ...(event.Error !== undefined && { error: String(event.Error), cause: causeText(event.Cause) }),
  };
  return JSON.parse(JSON.stringify(entry).split(token).join('[task token]')) as HistoryEvent;
}

function pick(key: 'input' | 'output', value: unknown): Partial<HistoryEvent> {
  // Stryker disable next-line ConditionalExpression: equivalent for → false — `{ input: undefined }` loses the key in the JSON round trip below, the same entry as `{}`
  return value === undefined ? {} : { [key]: value };
}

function causeText(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause ?? '');
}
