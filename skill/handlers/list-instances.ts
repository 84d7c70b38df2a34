import type { RequestHandler } from 'ask-sdk-core';
import { Speech } from '../../functions/domain/speech';
import type { SkillDeps } from '../skill-deps';
import { listInstances } from '../../functions/use-cases/list-instances';
import { isIntent } from '../intents';
import { forLinkedUser } from '../linked-user';

export function listInstancesHandler(deps: SkillDeps): RequestHandler {
  return forLinkedUser(deps, isIntent('ListInstancesIntent'), async (input, user) => {
    const instances = await listInstances(deps, user);
    return input.responseBuilder.speak(Speech.instances(instances)).withShouldEndSession(false).getResponse();
  });
}
