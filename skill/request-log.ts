import { getRequestType, type HandlerInput, type RequestInterceptor, type ResponseInterceptor } from 'ask-sdk-core';
import type { IntentRequest, RequestEnvelope } from 'ask-sdk-model';
import type { Clock } from '../functions/ports/clock';
import type { LogFields, Logger } from '../functions/ports/logger';

/** What a handler learned about the request, for its one log line. */
interface RequestNotes {
  startedAt: number;
  userId?: string;
  outcome?: string;
}

// Stryker disable next-line StringLiteral: the attribute's name is private to this module; any name, "" too, keys the same notes
const NOTES = 'voicegateRequestLog';

/** The request interceptor opens the notes before any handler (or the error handler) runs. */
function notesOf(input: HandlerInput): RequestNotes {
  return input.attributesManager.getRequestAttributes()[NOTES] as RequestNotes;
}

/** The linked user behind the request (a user id is not a secret; their contacts are). */
export function noteUser(input: HandlerInput, userId: string): void {
  notesOf(input).userId = userId;
}

/** How the request ended in the product's words, e.g. "code-sent", "not-allowed", "accepted". */
export function noteOutcome(input: HandlerInput, outcome: string): void {
  notesOf(input).outcome = outcome;
}

/**
 * One structured line per request (request type, intent, user, outcome, duration), written
 * after the response is built; a failed request is written by `logFailure` instead.
 */
export function requestLogInterceptors(logger: Logger, clock: Clock): { request: RequestInterceptor; response: ResponseInterceptor } {
  return {
    request: {
      process: (input) => {
        input.attributesManager.getRequestAttributes()[NOTES] = { startedAt: clock.now() } satisfies RequestNotes;
      },
    },
    response: { process: (input) => logger.info('request', requestFields(input, clock, notesOf(input).outcome ?? 'answered')) },
  };
}

/** The failed request's line, with its cause: the error's name and message, or the request type nothing handles. */
export function logFailure(logger: Logger, clock: Clock, input: HandlerInput, error: Error): void {
  const unhandled = error.name === 'AskSdk.GenericRequestDispatcher Error';
  const cause = unhandled ? `no handler for ${describeRequest(input.requestEnvelope)}` : `${error.name}: ${error.message}`;
  logger.error('request failed', { ...requestFields(input, clock, 'error'), cause });
}

function requestFields(input: HandlerInput, clock: Clock, outcome: string): LogFields {
  const notes = notesOf(input);
  const { request } = input.requestEnvelope;
  return {
    requestType: getRequestType(input.requestEnvelope),
    intent: request.type === 'IntentRequest' ? (request as IntentRequest).intent.name : undefined,
    userId: notes.userId,
    outcome,
    durationMs: clock.now() - notes.startedAt,
  };
}

function describeRequest(envelope: RequestEnvelope): string {
  const { request } = envelope;
  return request.type === 'IntentRequest' ? `intent ${(request as IntentRequest).intent.name}` : `request type ${request.type}`;
}
