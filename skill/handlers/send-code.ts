import type { RequestHandler } from 'ask-sdk-core';
import { Speech } from '../../functions/domain/speech';
import type { Channel } from '../../functions/domain/user';
import type { SkillDeps } from '../skill-deps';
import { resendCode, type ResendOutcome } from '../../functions/use-cases/resend-code';
import { isIntent, slotValue } from '../intents';
import { forLinkedUser } from '../linked-user';
import { noteOutcome } from '../request-log';

/** "send the code again" / "authenticate text" / "send it by email". */
export function sendCodeHandler(deps: SkillDeps): RequestHandler {
  /** Spoken channel names (slot values and synonyms) to delivery channels; nothing heard maps to none. */
  const channels = new Map<string | undefined, Channel>([
    ['text', 'sms'],
    ['sms', 'sms'],
    ['phone', 'sms'],
    ['text message', 'sms'],
    ['email', 'email'],
    ['e-mail', 'email'],
    ['mail', 'email'],
  ]);
  return forLinkedUser(deps, isIntent('SendCodeIntent'), async (input, user) => {
    const spoken = slotValue(input, 'channel')?.toLowerCase();
    const outcome = await resendCode(deps, user.userId, channels.get(spoken));
    noteOutcome(input, `resend-${outcome.kind}`);
    const response = input.responseBuilder.speak(speak(outcome));
    const awaitingCode = outcome.kind === 'sent' || outcome.kind === 'device-code';
    return (awaitingCode ? response.reprompt('Say authorize and the code.') : response.withShouldEndSession(false)).getResponse();
  });
}

function speak(outcome: ResendOutcome): string {
  switch (outcome.kind) {
    case 'nothing-pending':
      return Speech.nothingPending();
    case 'send-limit':
      return Speech.sendLimitReached(outcome.retryInMinutes);
    case 'delivery-failed':
      return Speech.tryAgain();
    case 'device-code':
      return Speech.deviceCodeReminder(outcome.factor);
    case 'factor-refused':
      return Speech.factorRequired(outcome.accepted);
    case 'sent':
      return Speech.newCodeSent(outcome.channel, outcome.maskedDestination);
  }
}
