import type { AwsConfig } from '../config/aws-config';
import type { IssueChallengeDeps } from '../use-cases/issue-challenge';
import { awsHost, commonPorts, factorStore, instanceGateway, rateLimiters } from './aws-ports';
import { confirmationPorts } from './confirmation-ports';

/**
 * The issue-challenge function's ports: stores (to check the command), SMS/e-mail, the workflow
 * and the audit bus. Built on the first request, which reads the code-hash key while it checks
 * the command: every command that passes needs it (its task token is sealed with it).
 */
export function issueChallengeDeps(config: AwsConfig): IssueChallengeDeps {
  const host = awsHost(config);
  return {
    ...commonPorts(host),
    ...confirmationPorts(host, { readKeyNow: true }),
    instances: instanceGateway(),
    factors: factorStore(host),
    sendLimiter: rateLimiters(host).sendLimiter,
  };
}
