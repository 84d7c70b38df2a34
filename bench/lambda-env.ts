/** What the cold-start probes run the bundled functions with. */

/** The settings the CDK stack gives each function (functions/config/aws-config.ts). */
const BENCH_ENVIRONMENT = {
  VOICEGATE_TABLE_PREFIX: 'voicegate-bench-',
  VOICEGATE_STATE_MACHINE_ARN: 'arn:aws:states:us-east-1:123456789012:stateMachine:voicegate-confirm-command',
  VOICEGATE_AUDIT_BUS_NAME: 'voicegate-bench-audit',
  VOICEGATE_SKILL_ID: 'amzn1.ask.skill.voicegate-bench',
  VOICEGATE_TOKEN_ISSUER: 'https://issuer.bench.invalid',
  VOICEGATE_TOKEN_AUDIENCE: 'voicegate-skill',
  VOICEGATE_TOKEN_JWKS_URI: 'https://issuer.bench.invalid/.well-known/jwks.json',
  VOICEGATE_CODE_HASH_SECRET_ARN: 'voicegate-bench-code-hash',
  VOICEGATE_SES_FROM_ADDRESS: 'codes@bench.invalid',
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'bench',
  AWS_SECRET_ACCESS_KEY: 'bench',
};

export function lambdaEnvironment(overrides: Record<string, string> = {}): typeof BENCH_ENVIRONMENT & Record<string, string> {
  return { ...BENCH_ENVIRONMENT, ...overrides };
}
