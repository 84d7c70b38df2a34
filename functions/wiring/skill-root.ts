import type { SkillDeps } from '../../skill/skill-deps';
import { JwtAccessTokenVerifier } from '../adapters/aws/auth/jwt-access-token-verifier';
import type { AwsConfig } from '../config/aws-config';
import { actionLedger, awsHost, commonPorts, deviceGateway, instanceGateway, rateLimiters } from './aws-ports';
import { confirmationPorts } from './confirmation-ports';
import { factorPorts } from './factor-ports';

/** The skill's ports: everything the conversation uses; the action ledger only to read outcomes. */
export function skillDeps(config: AwsConfig): SkillDeps {
  const host = awsHost(config);
  return {
    ...commonPorts(host),
    ...confirmationPorts(host),
    ledger: actionLedger(host),
    ...rateLimiters(host),
    ...factorPorts(host),
    instances: instanceGateway(),
    devices: deviceGateway(host),
    tokens: new JwtAccessTokenVerifier({ issuer: config.tokenIssuer, audience: config.tokenAudience, jwksUri: config.tokenJwksUri }),
  };
}
