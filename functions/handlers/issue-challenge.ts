import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { readAwsConfig } from '../config/aws-config';
import { issueChallenge } from '../use-cases/issue-challenge';
import { issueChallengeDeps } from '../wiring/issue-challenge-root';
import { oncePerContainer } from '../wiring/once-per-container';
import { logger } from './logger';
import { parseIssueChallengePayload } from './workflow-payloads';

const deps = oncePerContainer(async () => issueChallengeDeps(readAwsConfig()));

/** The workflow's "send code and wait" task; a thrown DeliveryFailed is caught by the workflow. */
async function handleIssueChallenge(payload: unknown): Promise<void> {
  await issueChallenge(await deps(), parseIssueChallengePayload(payload));
}

export const handler = middy(handleIssueChallenge).use(injectLambdaContext(logger));
