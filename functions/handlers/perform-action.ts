import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { readAwsConfig } from '../config/aws-config';
import { performAction, type PerformActionResult } from '../use-cases/perform-action';
import { awsDeps } from '../wiring/aws-deps';
import { logger } from './logger';
import { parsePerformActionPayload } from './workflow-payloads';

/** The workflow's "perform action" task: at most once per command (S14). */
async function handlePerformAction(payload: unknown): Promise<PerformActionResult> {
  return performAction(await awsDeps(readAwsConfig), parsePerformActionPayload(payload));
}

export const handler = middy(handlePerformAction).use(injectLambdaContext(logger));
