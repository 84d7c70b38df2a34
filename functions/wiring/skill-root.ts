import { JwtAccessTokenVerifier } from '../adapters/aws/auth/jwt-access-token-verifier';
import type { SkillDeps } from '../../skill/skill-deps';
import type { AwsConfig } from '../config/aws-config';
import { secureCodeGenerator } from '../ports/code-generator';
import {
  actionLedger,
  auditPublisher,
  awsHost,
  challengeStore,
  codeHashPorts,
  deviceDirectory,
  deviceGateway,
  factorPorts,
  instanceGateway,
  messageSender,
  rateLimiters,
  userDirectory,
  workflowGateway,
} from './aws-ports';

/** The skill's ports: everything the conversation uses; the action ledger only to read outcomes. */
export async function skillDeps(config: AwsConfig): Promise<SkillDeps> {
  const host = awsHost(config);
  return {
    users: userDirectory(host),
    challenges: challengeStore(host),
    ledger: actionLedger(host),
    ...rateLimiters(host),
    ...factorPorts(host),
    messages: messageSender(host),
    instances: instanceGateway(),
    devices: deviceGateway(host),
    deviceDirectory: deviceDirectory(host),
    workflow: workflowGateway(host),
    audit: auditPublisher(host),
    tokens: new JwtAccessTokenVerifier({ issuer: config.tokenIssuer, audience: config.tokenAudience, jwksUri: config.tokenJwksUri }),
    codes: secureCodeGenerator,
    ...(await codeHashPorts(host)),
    clock: host.clock,
    settings: host.settings,
  };
}
