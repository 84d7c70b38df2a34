import type { Settings } from '../use-cases/settings';
import { hostSettings } from './host-settings';

/** What the Lambda functions read from their environment (set by the CDK stack), once per cold start. */
export interface AwsConfig {
  tablePrefix: string;
  stateMachineArn: string;
  auditBusName: string;
  skillId: string;
  tokenIssuer: string;
  tokenAudience: string;
  tokenJwksUri: string;
  codeHashSecretArn: string;
  sesFromAddress: string;
  smsSenderId?: string;
  /** The account's IoT data endpoint host; the SDK's regional default when absent. */
  iotDataEndpoint?: string;
  /**
   * The KMS key that seals authenticator secrets. Without it the authenticator and MFA-device
   * factors are off (codes go by SMS and e-mail only), so a stack without the factors table
   * and key keeps working.
   */
  factorKeyArn?: string;
  settings: Settings;
}

export function readAwsConfig(env: NodeJS.ProcessEnv = process.env): AwsConfig {
  return {
    tablePrefix: required(env, 'VOICEGATE_TABLE_PREFIX'),
    stateMachineArn: required(env, 'VOICEGATE_STATE_MACHINE_ARN'),
    auditBusName: required(env, 'VOICEGATE_AUDIT_BUS_NAME'),
    skillId: required(env, 'VOICEGATE_SKILL_ID'),
    tokenIssuer: required(env, 'VOICEGATE_TOKEN_ISSUER'),
    tokenAudience: required(env, 'VOICEGATE_TOKEN_AUDIENCE'),
    tokenJwksUri: required(env, 'VOICEGATE_TOKEN_JWKS_URI'),
    codeHashSecretArn: required(env, 'VOICEGATE_CODE_HASH_SECRET_ARN'),
    sesFromAddress: required(env, 'VOICEGATE_SES_FROM_ADDRESS'),
    ...(env.VOICEGATE_SMS_SENDER_ID && { smsSenderId: env.VOICEGATE_SMS_SENDER_ID }),
    ...(env.VOICEGATE_IOT_DATA_ENDPOINT && { iotDataEndpoint: env.VOICEGATE_IOT_DATA_ENDPOINT }),
    ...(env.VOICEGATE_FACTOR_KEY_ARN && { factorKeyArn: env.VOICEGATE_FACTOR_KEY_ARN }),
    settings: hostSettings('lambda', env),
  };
}

function required(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name];
  if (!value) throw new Error(`missing environment variable ${name}`);
  return value;
}
