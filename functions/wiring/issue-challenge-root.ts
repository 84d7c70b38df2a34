import type { AwsConfig } from '../config/aws-config';
import { secureCodeGenerator } from '../ports/code-generator';
import type { IssueChallengeDeps } from '../use-cases/issue-challenge';
import {
  auditPublisher,
  awsHost,
  challengeStore,
  codeHashPorts,
  deviceDirectory,
  instanceGateway,
  factorStore,
  messageSender,
  rateLimiters,
  userDirectory,
  workflowGateway,
} from './aws-ports';

/** The issue-challenge function's ports: stores (to check the command), SMS/e-mail, the workflow and the audit bus. */
export async function issueChallengeDeps(config: AwsConfig): Promise<IssueChallengeDeps> {
  const host = awsHost(config);
  return {
    users: userDirectory(host),
    instances: instanceGateway(),
    deviceDirectory: deviceDirectory(host),
    challenges: challengeStore(host),
    factors: factorStore(host),
    sendLimiter: rateLimiters(host).sendLimiter,
    messages: messageSender(host),
    workflow: workflowGateway(host),
    audit: auditPublisher(host),
    codes: secureCodeGenerator,
    ...(await codeHashPorts(host)),
    clock: host.clock,
    settings: host.settings,
  };
}
