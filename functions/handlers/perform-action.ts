import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { readAwsConfig } from '../config/aws-config';
import { performAction, type PerformActionResult } from '../use-cases/perform-action';
import { oncePerContainer } from '../wiring/once-per-container';
import { performActionDeps } from '../wiring/perform-action-root';
import { logger } from './logger';
import { parsePerformActionPayload } from './workflow-payloads';

const deps = oncePerContainer(() => performActionDeps(readAwsConfig()));

/** The workflow's "perform action" task: at most once per command (S14). */
async function handlePerformAction(payload: unknown): Promise<PerformActionResult> {
  return performAction(await deps(), parsePerformActionPayload(payload));
}

export const handler = middy(handlePerformAction).use(injectLambdaContext(logger));
