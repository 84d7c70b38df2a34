import type { RequestHandler } from 'ask-sdk-core';
import { Speech } from '../../functions/domain/speech';
import type { SkillDeps } from '../skill-deps';
import { submitCode, type SubmitOutcome } from '../../functions/use-cases/submit-code';
import { isIntent, slotValue } from '../intents';
import { forLinkedUser } from '../linked-user';
import { noteOutcome } from '../request-log';

/** "authorize 482913": works in the same session or as a one-shot, found by the linked user. */
export function authorizeHandler(deps: SkillDeps): RequestHandler {
  return forLinkedUser(deps, isIntent('AuthorizeIntent'), async (input, user) => {
    const code = slotValue(input, 'code');
    if (code === undefined) return input.responseBuilder.speak(Speech.missingCode()).reprompt(Speech.missingCode()).getResponse();
    const outcome = await submitCode(deps, user.userId, code);
    noteOutcome(input, outcome.kind === 'accepted' ? `accepted-${outcome.result}` : outcome.kind);
    const response = input.responseBuilder.speak(speak(outcome));
    return (
      outcome.kind === 'rejected' || outcome.kind === 'reused' || outcome.kind === 'kept-changing'
        ? response.reprompt('Say authorize and the code.')
        : response.withShouldEndSession(false)
    ).getResponse();
  });
}

function speak(outcome: SubmitOutcome): string {
  switch (outcome.kind) {
    case 'nothing-pending':
      return Speech.nothingPending();
    case 'expired':
      return Speech.codeExpired();
    case 'kept-changing':
      return Speech.pendingCommandKeptChanging();
    case 'attempt-limit':
      return Speech.attemptLimitReached(outcome.retryInMinutes);
    case 'rejected':
      return Speech.codeRejected(outcome.attemptsLeft);
    case 'reused':
      return Speech.codeReused();
    case 'locked-out':
      return Speech.lockedOut(outcome.action, outcome.target);
    case 'accepted':
      if (outcome.result === 'failed') return Speech.codeAcceptedActionFailed(outcome.action, outcome.target, outcome.reason);
      return outcome.result === 'succeeded' ? Speech.codeAccepted(outcome.action, outcome.target) : Speech.codeAcceptedUnderWay(outcome.action, outcome.target);
  }
}
