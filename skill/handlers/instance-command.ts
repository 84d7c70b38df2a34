import { getIntentName, type RequestHandler } from 'ask-sdk-core';
import type { InstanceAction } from '../../functions/domain/command';
import { Speech } from '../../functions/domain/speech';
import type { SkillDeps } from '../skill-deps';
import { requestCommand } from '../../functions/use-cases/request-command';
import { isIntent, slotValue } from '../intents';
import { forLinkedUser } from '../linked-user';
import { requestOutcomeResponse } from '../request-outcome-speech';

/** "start splunk": starts a confirmation and tells the user where the code went. */
export function instanceCommandHandler(deps: SkillDeps): RequestHandler {
  // A Map, not an object: the intent name comes from the request.
  const actionByIntent = new Map<string, InstanceAction>([
    ['StartInstanceIntent', 'start'],
    ['StopInstanceIntent', 'stop'],
    ['RebootInstanceIntent', 'reboot'],
  ]);
  return forLinkedUser(deps, isIntent(...actionByIntent.keys()), async (input, user) => {
    const target = slotValue(input, 'instance');
    if (!target) return input.responseBuilder.speak(Speech.missingTarget()).reprompt(Speech.missingTarget()).getResponse();
    const intent = getIntentName(input.requestEnvelope);
    const action = actionByIntent.get(intent);
    // Stryker disable next-line all: unreachable — canHandle admits only the intents of actionByIntent; the line only narrows the type
    if (!action) throw new Error(`${intent} is not an instance command`);
    return requestOutcomeResponse(input, await requestCommand(deps, user, action, target), action);
  });
}
