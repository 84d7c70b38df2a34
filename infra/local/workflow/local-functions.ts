import { parseIssueChallengePayload, parsePerformActionPayload } from '../../../functions/handlers/workflow-payloads';
import type { Deps } from '../../../functions/use-cases/deps';
import { issueChallenge } from '../../../functions/use-cases/issue-challenge';
import { performAction } from '../../../functions/use-cases/perform-action';
import type { LocalFunction } from './service-integrations';

/** The names the local runner substitutes into the definition for the Lambda functions. */
export const LOCAL_FUNCTION_NAMES = {
  IssueChallengeFunctionArn: 'arn:aws:lambda:local:000000000000:function:voicegate-issue-challenge',
  PerformActionFunctionArn: 'arn:aws:lambda:local:000000000000:function:voicegate-perform-action',
};

/** The workflow's functions, run in-process with the same parsing and use cases as the Lambdas. */
export function localFunctions(deps: Deps): Record<string, LocalFunction> {
  return {
    [LOCAL_FUNCTION_NAMES.IssueChallengeFunctionArn]: (payload) => issueChallenge(deps, parseIssueChallengePayload(payload)),
    [LOCAL_FUNCTION_NAMES.PerformActionFunctionArn]: (payload) => performAction(deps, parsePerformActionPayload(payload)),
  };
}
