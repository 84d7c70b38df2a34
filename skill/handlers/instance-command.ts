import { getIntentName, type RequestHandler } from 'ask-sdk-core';
import type { InstanceAction } from '../../functions/domain/command';
import { isDeliveredFactor } from '../../functions/domain/factor';
import { Speech } from '../../functions/domain/speech';
import type { Deps } from '../../functions/use-cases/deps';
import { requestCommand, type RequestOutcome } from '../../functions/use-cases/request-command';
import { isIntent, slotValue } from '../intents';
import { forLinkedUser } from '../linked-user';

const ACTION_BY_INTENT: Record<string, InstanceAction> = {
  StartInstanceIntent: 'start',
  StopInstanceIntent: 'stop',
  RebootInstanceIntent: 'reboot',
};

/** "start splunk": starts a confirmation and tells the user where the code went. */
export function instanceCommandHandler(deps: Deps): RequestHandler {
  return forLinkedUser(deps, isIntent(...Object.keys(ACTION_BY_INTENT)), async (input, user) => {
    const target = slotValue(input, 'instance');
    if (!target) return input.responseBuilder.speak(Speech.missingTarget()).reprompt(Speech.missingTarget()).getResponse();
    const action = ACTION_BY_INTENT[getIntentName(input.requestEnvelope)]!;
    const outcome = await requestCommand(deps, user, action, target);
    const awaitingCode = outcome.kind === 'code-sent' || outcome.kind === 'delivery-pending';
    const response = input.responseBuilder.speak(speak(outcome, action));
    return (awaitingCode ? response.reprompt('Say authorize and the code.') : response.withShouldEndSession(false)).getResponse();
  });
}

function speak(outcome: RequestOutcome, action: InstanceAction): string {
  switch (outcome.kind) {
    case 'unknown-target':
      return Speech.unknownTarget(outcome.target);
    case 'not-allowed':
      return Speech.notAllowed(outcome.target);
    case 'send-limit':
      return Speech.sendLimitReached();
    case 'attempt-limit':
      return Speech.attemptLimitReached();
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
