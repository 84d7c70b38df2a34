import { SkillBuilders, type ErrorHandler, type Skill } from 'ask-sdk-core';
import { Speech } from '../functions/domain/speech';
import type { Clock } from '../functions/ports/clock';
import type { Logger } from '../functions/ports/logger';
import type { SkillDeps } from './skill-deps';
import { authorizeHandler } from './handlers/authorize';
import { cancelHandler } from './handlers/cancel';
import { conversationHandlers } from './handlers/conversation';
import { devicesHandler } from './handlers/devices';
import { instanceCommandHandler } from './handlers/instance-command';
import { listInstancesHandler } from './handlers/list-instances';
import { sendCodeHandler } from './handlers/send-code';
import { logFailure, requestLogInterceptors } from './request-log';

export interface SkillOptions {
  skillId: string;
  /** One line per request, and the cause of each failure. */
  logger: Logger;
}

/** The VoiceGate skill: the same handlers behind Lambda and the local HTTP endpoint. */
export function buildSkill(deps: SkillDeps, options: SkillOptions): Skill {
  const log = requestLogInterceptors(options.logger, deps.clock);
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
    .addRequestInterceptors(log.request)
    .addResponseInterceptors(log.response)
    .addErrorHandlers(apologize(options.logger, deps.clock))
    .withSkillId(options.skillId)
    .create();
}

function apologize(logger: Logger, clock: Clock): ErrorHandler {
  return {
    canHandle: () => true,
    handle(input, error) {
      logFailure(logger, clock, input, error);
      return input.responseBuilder.speak(Speech.tryAgain()).withShouldEndSession(false).getResponse();
    },
  };
}
