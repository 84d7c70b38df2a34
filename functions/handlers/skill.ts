import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { RequestEnvelope, ResponseEnvelope } from 'ask-sdk-model';
import type { Skill } from 'ask-sdk-core';
import { buildSkill } from '../../skill/build-skill';
import { checkRequest } from '../../skill/request-guard';
import { readAwsConfig } from '../config/aws-config';
import { oncePerContainer } from '../wiring/once-per-container';
import { skillDeps } from '../wiring/skill-root';
import { logger } from './logger';

const skill = oncePerContainer(async (): Promise<Skill> => {
  const config = readAwsConfig();
  return buildSkill(skillDeps(config), { skillId: config.skillId, logger });
});

/** Alexa → the skill: the same guard and handlers as the local HTTP endpoint (S10). */
async function handleAlexaRequest(event: RequestEnvelope): Promise<ResponseEnvelope> {
  const config = readAwsConfig();
  const verdict = checkRequest(event, config.skillId, Date.now());
  if (!verdict.ok) {
    logger.warn('request refused', { reason: verdict.reason });
    throw new Error(`request refused: ${verdict.reason}`);
  }
  return (await skill()).invoke(event);
}

export const handler = middy(handleAlexaRequest).use(injectLambdaContext(logger));
