import type { StateMachineDefinition } from 'aws-local-stepfunctions';
import type { AuditEvent } from '../../../functions/domain/audit-event';
import type { AuditPublisher } from '../../../functions/ports/audit-publisher';
import { sortableId } from '../store/sortable-id';

/** A function the workflow invokes by name, as Lambda would run it. */
export type LocalFunction = (payload: unknown) => Promise<unknown>;

export interface IntegrationTargets {
  audit: AuditPublisher;
  /** Keyed by the FunctionName the definition uses. */
  functions: Record<string, LocalFunction>;
}

/** Called when a `.waitForTaskToken` task has handed its token out; settles on SendTask*. */
export type TokenWait = () => Promise<unknown>;

type Handler = (parameters: unknown) => Promise<unknown>;
type Integration = (targets: IntegrationTargets, waitForToken: TokenWait) => Handler;

/** The AWS service integrations the definition may use, run against local adapters. */
const INTEGRATIONS: Record<string, Integration> = {
  'arn:aws:states:::events:putEvents': (targets) => (parameters) => putEvents(targets.audit, parameters),
  'arn:aws:states:::lambda:invoke': (targets) => async (parameters) => ({
    StatusCode: 200,
    Payload: await invoke(targets, parameters),
  }),
  'arn:aws:states:::lambda:invoke.waitForTaskToken': (targets, waitForToken) => async (parameters) => {
    const outcome = waitForToken();
    // When the invoke fails, the Retry listens again and this wait is left behind: a stop
    // rejecting it later must not surface as an unhandled rejection.
    outcome.catch(() => undefined);
    await invoke(targets, parameters);
    return outcome;
  },
};

function integrationFor(stateName: string, resource: string): Integration {
  const integration = INTEGRATIONS[resource];
  if (!integration) throw new Error(`state "${stateName}": the local runtime does not support ${resource}`);
  return integration;
}

/** Fails fast, at start-up, on a Task resource the local runtime cannot run. */
export function assertSupported(definition: StateMachineDefinition): void {
  for (const [name, state] of Object.entries(definition.States)) {
    if (state.Type === 'Task') integrationFor(name, state.Resource);
  }
}

/** Handlers keyed by state name, as aws-local-stepfunctions' overrides expect. */
export function taskHandlers(definition: StateMachineDefinition, targets: IntegrationTargets, waitForToken: TokenWait): Record<string, Handler> {
  const handlers: Record<string, Handler> = {};
  for (const [name, state] of Object.entries(definition.States)) {
    if (state.Type === 'Task') handlers[name] = integrationFor(name, state.Resource)(targets, waitForToken);
  }
  return handlers;
}

interface LambdaParameters {
  FunctionName: string;
  Payload: unknown;
}

async function invoke(targets: IntegrationTargets, parameters: unknown): Promise<unknown> {
  const { FunctionName, Payload } = parameters as LambdaParameters;
  const fn = targets.functions[FunctionName];
  if (!fn) throw Object.assign(new Error(`Function not found: ${FunctionName}`), { name: 'Lambda.ResourceNotFoundException' });
  return fn(Payload);
}

interface PutEventsParameters {
  Entries: { Source: string; DetailType: string; Detail: AuditEvent['detail'] }[];
}

async function putEvents(audit: AuditPublisher, parameters: unknown): Promise<unknown> {
  const { Entries } = parameters as PutEventsParameters;
  const ids: { EventId: string }[] = [];
  for (const entry of Entries) {
    const event = { source: entry.Source, detailType: entry.DetailType, time: entry.Detail.time, detail: entry.Detail };
    await audit.publish(event as AuditEvent);
    ids.push({ EventId: sortableId() });
  }
  return { Entries: ids, FailedEntryCount: 0 };
}
