import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { RequestEnvelope, ResponseEnvelope } from 'ask-sdk-model';
import type { Skill } from 'ask-sdk-core';
import { buildSkill } from '../../skill/build-skill';
import { checkRequest } from '../../skill/request-guard';
import { readAwsConfig } from '../config/aws-config';
import { awsDeps } from '../wiring/aws-deps';
import { logger } from './logger';

let skill: Promise<Skill> | undefined;

/** Alexa → the skill: the same guard and handlers as the local HTTP endpoint (S10). */
async function handleAlexaRequest(event: RequestEnvelope): Promise<ResponseEnvelope> {
  const config = readAwsConfig();
  const verdict = checkRequest(event, config.skillId, Date.now());
  if (!verdict.ok) {
    logger.warn('request refused', { reason: verdict.reason });
    throw new Error(`request refused: ${verdict.reason}`);
  }
  skill ??= awsDeps(() => config).then((deps) =>
    buildSkill(deps, { skillId: config.skillId, logger }),
  );
  return (await skill).invoke(event);
}

export const handler = middy(handleAlexaRequest).use(injectLambdaContext(logger));
