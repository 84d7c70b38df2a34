import type { AwsConfig } from '../config/aws-config';
import type { IssueChallengeDeps } from '../use-cases/issue-challenge';
import { awsHost, commonPorts, factorStore, instanceGateway, rateLimiters } from './aws-ports';
import { confirmationPorts } from './confirmation-ports';

/** The issue-challenge function's ports: stores (to check the command), SMS/e-mail, the workflow and the audit bus. */
export async function issueChallengeDeps(config: AwsConfig): Promise<IssueChallengeDeps> {
  const host = awsHost(config);
  return {
    ...commonPorts(host),
    ...(await confirmationPorts(host)),
    instances: instanceGateway(),
    factors: factorStore(host),
    sendLimiter: rateLimiters(host).sendLimiter,
  };
}
