import { parseFactorPolicy, type FactorPolicy } from '../../functions/domain/factor-policy';
import { CODE_DIGITS, CODE_TTL_SECONDS } from '../../functions/config/host-settings';
import type { WholeRange } from '../../functions/config/whole-number-setting';

/**
 * What one deployment is configured with. Read from CDK context (`voicegate:*` keys, with
 * placeholders in cdk.json, overridden with `-c voicegate:skillId=...`), so synth needs no
 * AWS account and the values are checked before anything is deployed.
 */
export interface DeploymentSettings {
  /** Only this skill may invoke the skill function (S10). */
  skillId: string;
  /** A verified SES identity (the address, or an address in a verified domain) codes are e-mailed from. */
  sesFromAddress: string;
  /** Alphanumeric SMS sender id, where the destination country supports one. */
  smsSenderId?: string;
  /** The redirect URLs the skill's account-linking page lists (one per Alexa region). */
  alexaRedirectUrls: string[];
  /** Prefix of the Cognito hosted sign-in domain; must be unique in the region. */
  authDomainPrefix: string;
  codeTtlSeconds: number;
  codeDigits: number;
  /** Where alarms are e-mailed; nothing subscribes when absent. */
  alarmEmail?: string;
  /** The account's IoT data endpoint (`aws iot describe-endpoint --endpoint-type iot:Data-ATS`); the SDK's regional default when absent. */
  iotDataEndpoint?: string;
  /** Which factors confirm which command (docs/factors.md); the functions' built-in default when absent. */
  factorPolicy?: FactorPolicy;
}

export const CONTEXT_PREFIX = 'voicegate:';

type ContextReader = (key: string) => unknown;

export function readDeploymentSettings(context: ContextReader): DeploymentSettings {
  const read = (name: keyof DeploymentSettings) => context(`${CONTEXT_PREFIX}${name}`);
  const smsSenderId = optionalText(read('smsSenderId'));
  const alarmEmail = optionalText(read('alarmEmail'));
  const iotDataEndpoint = optionalText(read('iotDataEndpoint'));
  const factorPolicy = optionalFactorPolicy(read('factorPolicy'));
  return {
    skillId: matching(read('skillId'), 'skillId', /^amzn1\.ask\.skill\.[0-9a-f-]+$/, 'amzn1.ask.skill.<uuid>'),
    sesFromAddress: matching(read('sesFromAddress'), 'sesFromAddress', EMAIL, 'an e-mail address'),
    ...(smsSenderId && { smsSenderId: matching(smsSenderId, 'smsSenderId', /^(?=.*[A-Za-z])[A-Za-z0-9]{1,11}$/, '1-11 letters and digits') }),
    alexaRedirectUrls: list(read('alexaRedirectUrls'), 'alexaRedirectUrls').map((url) =>
      matching(url, 'alexaRedirectUrls', /^https:\/\/[^\s]+$/, 'https URLs'),
    ),
    authDomainPrefix: matching(
      read('authDomainPrefix'),
      'authDomainPrefix',
      COGNITO_DOMAIN_PREFIX,
      'lowercase letters, digits and hyphens, without "aws", "amazon" or "cognito"',
    ),
    // The same ranges the functions accept (functions/config/host-settings.ts), so a bad value fails at synth.
    codeTtlSeconds: whole(read('codeTtlSeconds'), 'codeTtlSeconds', CODE_TTL_SECONDS),
    codeDigits: whole(read('codeDigits'), 'codeDigits', CODE_DIGITS),
    ...(alarmEmail && { alarmEmail: matching(alarmEmail, 'alarmEmail', EMAIL, 'an e-mail address') }),
    ...(iotDataEndpoint && {
      iotDataEndpoint: matching(iotDataEndpoint, 'iotDataEndpoint', IOT_DATA_ENDPOINT, 'an IoT data endpoint like abc123-ats.iot.us-east-1.amazonaws.com'),
    }),
    ...(factorPolicy && { factorPolicy }),
  };
}

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const IOT_DATA_ENDPOINT = /^[a-z0-9]+-ats\.iot\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$/;
const COGNITO_DOMAIN_PREFIX = /^(?!.*(aws|amazon|cognito))[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

function matching(value: unknown, name: string, pattern: RegExp, expected: string): string {
  if (typeof value !== 'string' || !pattern.test(value)) {
    throw new Error(`context ${CONTEXT_PREFIX}${name} must be ${expected}, got ${JSON.stringify(value)}`);
  }
  return value;
}

function optionalText(value: unknown): string | undefined {
  return value === undefined || value === null || value === '' ? undefined : String(value);
}

/** `-c key='{...}'` gives JSON text, cdk.json an object; checked as the functions check VOICEGATE_FACTOR_POLICY. */
function optionalFactorPolicy(value: unknown): FactorPolicy | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  try {
    return parseFactorPolicy(typeof value === 'string' ? JSON.parse(value) : value);
  } catch (error) {
    throw new Error(`context ${CONTEXT_PREFIX}factorPolicy is not a valid factor policy: ${(error as Error).message}`);
  }
}

/** cdk.json gives a JSON array; `-c key=a,b` gives a comma-separated string. */
function list(value: unknown, name: string): string[] {
  const items = typeof value === 'string' ? value.split(',').map((item) => item.trim()) : value;
  if (!Array.isArray(items) || items.length === 0) throw new Error(`context ${CONTEXT_PREFIX}${name} must list at least one value`);
  return items.map(String);
}

/** `-c key=300` gives a string, cdk.json a number. */
function whole(value: unknown, name: string, { min, max }: WholeRange): number {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isInteger(number) || number < min || number > max) {
    throw new Error(`context ${CONTEXT_PREFIX}${name} must be a whole number from ${min} to ${max}, got ${JSON.stringify(value)}`);
  }
  return number;
}
