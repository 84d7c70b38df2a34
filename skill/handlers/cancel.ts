import type { RequestHandler } from 'ask-sdk-core';
import { Speech } from '../../functions/domain/speech';
import type { SkillDeps } from '../skill-deps';
import { cancelCommand } from '../../functions/use-cases/cancel-command';
import { isIntent } from '../intents';
import { linkedUser } from '../linked-user';
import { noteOutcome } from '../request-log';

/** "cancel": ends the pending command if there is one, otherwise just says goodbye. */
export function cancelHandler(deps: SkillDeps): RequestHandler {
  return {
    canHandle: isIntent('AMAZON.CancelIntent'),
    async handle(input) {
      const user = await linkedUser(input, deps);
      const outcome = user ? await cancelCommand(deps, user.userId) : { kind: 'nothing-pending' as const };
      noteOutcome(input, outcome.kind);
      const text = outcome.kind === 'cancelled' ? Speech.cancelled(outcome.action, outcome.target) : Speech.goodbye();
      return input.responseBuilder.speak(text).withShouldEndSession(true).getResponse();
    },
  };
}
