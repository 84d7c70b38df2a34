import { SkillBuilders, type ErrorHandler, type Skill } from 'ask-sdk-core';
import { Speech } from '../functions/domain/speech';
import type { SkillDeps } from './skill-deps';
import { authorizeHandler } from './handlers/authorize';
import { cancelHandler } from './handlers/cancel';
import { conversationHandlers } from './handlers/conversation';
import { devicesHandler } from './handlers/devices';
import { instanceCommandHandler } from './handlers/instance-command';
import { listInstancesHandler } from './handlers/list-instances';
import { sendCodeHandler } from './handlers/send-code';

export interface SkillOptions {
  skillId: string;
  /** Told the error's name only: messages may carry request data (S12). */
  onError?: (errorName: string) => void;
}

/** The VoiceGate skill: the same handlers behind Lambda and the local HTTP endpoint. */
export function buildSkill(deps: SkillDeps, options: SkillOptions): Skill {
  return SkillBuilders.custom()
    .addRequestHandlers(
      listInstancesHandler(deps),
      instanceCommandHandler(deps),
      authorizeHandler(deps),
      sendCodeHandler(deps),
      cancelHandler(deps),
      devicesHandler(deps),
      ...conversationHandlers(deps),
    )
    .addErrorHandlers(apologize(options.onError))
    .withSkillId(options.skillId)
    .create();
}

function apologize(onError: SkillOptions['onError']): ErrorHandler {
  return {
    canHandle: () => true,
    handle(input, error) {
      onError?.(error.name);
      return input.responseBuilder.speak(Speech.tryAgain()).withShouldEndSession(false).getResponse();
    },
  };
}
