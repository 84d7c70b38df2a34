import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { readAwsConfig } from '../config/aws-config';
import { issueChallenge } from '../use-cases/issue-challenge';
import { awsDeps } from '../wiring/aws-deps';
import { logger } from './logger';
import { parseIssueChallengePayload } from './workflow-payloads';

/** The workflow's "send code and wait" task; a thrown DeliveryFailed is caught by the workflow. */
async function handleIssueChallenge(payload: unknown): Promise<void> {
  await issueChallenge(await awsDeps(readAwsConfig), parseIssueChallengePayload(payload));
}

export const handler = middy(handleIssueChallenge).use(injectLambdaContext(logger));
