import type { HandlerInput } from 'ask-sdk-core';
import type { Response } from 'ask-sdk-model';
import type { CommandAction } from '../functions/domain/command';
import { isDeliveredFactor } from '../functions/domain/factor';
import { Speech } from '../functions/domain/speech';
import type { RequestOutcome } from '../functions/use-cases/request-command';
import { noteOutcome } from './request-log';

/** The answer to a sensitive command: keeps listening for "authorize ..." while a code is on its way. */
export function requestOutcomeResponse(input: HandlerInput, outcome: RequestOutcome, action: CommandAction): Response {
  noteOutcome(input, outcome.kind);
  const awaitingCode = outcome.kind === 'code-sent' || outcome.kind === 'delivery-pending';
  // Stryker disable next-line LogicalOperator: a RequestOutcome has the `dropped` key only when it names a dropped command, so `||` reads the same
  const dropped = 'dropped' in outcome && outcome.dropped ? `${Speech.dropped(outcome.dropped.action, outcome.dropped.target)} ` : '';
  const response = input.responseBuilder.speak(dropped + speakRequestOutcome(outcome, action));
  return (awaitingCode ? response.reprompt('Say authorize and the code.') : response.withShouldEndSession(false)).getResponse();
}

/** What the user hears after asking for a sensitive command: where the code went, or why nothing happens. */
export function speakRequestOutcome(outcome: RequestOutcome, action: CommandAction): string {
  switch (outcome.kind) {
    case 'unknown-target':
      return Speech.unknownTarget(outcome.target);
    case 'not-allowed':
      return Speech.notAllowed(outcome.target);
    case 'already':
      return Speech.alreadyInState(outcome.target, outcome.state);
    case 'impossible':
      return Speech.impossibleInState(action, outcome.target, outcome.state);
    case 'duplicate-alias':
      return Speech.duplicateAlias(outcome.target, outcome.count);
    case 'send-limit':
      return Speech.sendLimitReached(outcome.retryInMinutes);
    case 'attempt-limit':
      return Speech.attemptLimitReached(outcome.retryInMinutes);
    case 'factor-refused':
      return Speech.factorRequired(outcome.accepted);
    case 'code-sent':
      if (!isDeliveredFactor(outcome.factor)) return Speech.deviceCodeAsked(action, outcome.command.target, outcome.factor);
      return Speech.codeSent(action, outcome.command.target, outcome.digits, outcome.channel, outcome.maskedDestination);
    case 'delivery-failed':
      return Speech.deliveryFailed(action, outcome.command.target);
    case 'delivery-pending':
      return Speech.codeUnderWay(action, outcome.command.target);
  }
}
