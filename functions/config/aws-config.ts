import type { FactorPolicy } from '../domain/factor-policy';
import { MAX_CODE_DIGITS, MIN_CODE_DIGITS } from '../domain/one-time-code';
import { factorPolicyFromEnv } from './factor-policy-config';

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
  codeTtlSeconds: number;
  codeDigits: number;
  /**
   * The KMS key that seals authenticator secrets. Without it the authenticator and MFA-device
   * factors are off (codes go by SMS and e-mail only), so a stack without the factors table
   * and key keeps working.
   */
  factorKeyArn?: string;
  factorPolicy?: FactorPolicy;
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
    codeTtlSeconds: whole(env, 'VOICEGATE_CODE_TTL_SECONDS', 300, 60, 3600),
    codeDigits: whole(env, 'VOICEGATE_CODE_DIGITS', MIN_CODE_DIGITS, MIN_CODE_DIGITS, MAX_CODE_DIGITS),
    ...(env.VOICEGATE_FACTOR_KEY_ARN && { factorKeyArn: env.VOICEGATE_FACTOR_KEY_ARN }),
    ...withFactorPolicy(factorPolicyFromEnv(env)),
  };
}

function required(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name];
  if (!value) throw new Error(`missing environment variable ${name}`);
  return value;
}

function whole(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) throw new Error(`${name} must be a whole number from ${min} to ${max}`);
  return value;
}

function withFactorPolicy(factorPolicy: FactorPolicy | undefined): { factorPolicy?: FactorPolicy } {
  return factorPolicy ? { factorPolicy } : {};
}
