import { factorKeyAlias } from '../../functions/adapters/aws/kms/kms-secret-sealer';
import { readAwsConfig } from '../../functions/config/aws-config';
import { DEFAULT_FACTOR_POLICY } from '../../functions/domain/factor-policy';
import {
  actionsOf,
  asText,
  onlyResource,
  roleStatements,
  synthesizeVoiceGate,
  TEST_SETTINGS,
  type Resource,
  type SynthesizedVoiceGate,
} from './voicegate-template';

let voiceGate: SynthesizedVoiceGate;
let functions: Record<string, Resource>;
beforeAll(() => {
  voiceGate = synthesizeVoiceGate();
  functions = voiceGate.template.findResources('AWS::Lambda::Function') as Record<string, Resource>;
});

const functionId = (name: string) => {
  const id = Object.keys(functions).find((logicalId) => logicalId.startsWith(`Functions${name}Function`));
  if (!id) throw new Error(`no ${name} function`);
  return id;
};

describe('functions', () => {
  it('has one function per entry point under functions/handlers/', () => {
    expect(
      Object.keys(functions)
        .map((id) => id.replace(/Function[0-9A-F]{8}$/, ''))
        .sort(),
    ).toEqual(['FunctionsIssueChallenge', 'FunctionsPerformAction', 'FunctionsSkill']);
  });

  it.each(['Skill', 'IssueChallenge', 'PerformAction'])('%s runs nodejs24.x on arm64 without parsing a source map at cold start', (name) => {
    const { Properties } = functions[functionId(name)]!;

    expect(Properties).toMatchObject({ Runtime: 'nodejs24.x', Architectures: ['arm64'], Handler: 'index.handler' });
    expect(Properties.Environment.Variables).toMatchObject({ POWERTOOLS_LOGGER_LOG_EVENT: 'false' });
    expect(Properties.Environment.Variables.NODE_OPTIONS).toBeUndefined();
  });

  it('answers Alexa within its 8 seconds, and ends the perform-action task before its 30-second workflow timeout', () => {
    expect(functions[functionId('Skill')]!.Properties.Timeout).toBe(8);
    expect(functions[functionId('PerformAction')]!.Properties.Timeout).toBeLessThan(30);
  });

  it.each(['Skill', 'IssueChallenge', 'PerformAction'])('%s gets every variable functions/config/aws-config.ts requires', (name) => {
    const variables = functions[functionId(name)]!.Properties.Environment.Variables as Record<string, unknown>;
    const environment = Object.fromEntries(Object.entries(variables).map(([key, value]) => [key, asText(value)]));

    const config = readAwsConfig(environment);

    expect(config).toMatchObject({
      skillId: TEST_SETTINGS['voicegate:skillId'],
      sesFromAddress: TEST_SETTINGS['voicegate:sesFromAddress'],
      smsSenderId: TEST_SETTINGS['voicegate:smsSenderId'],
      settings: expect.objectContaining({ codeTtlSeconds: 240, codeDigits: 6 }),
      tablePrefix: 'VoiceGate-',
      stateMachineArn: 'arn:<Ref:AWS::Partition>:states:<Ref:AWS::Region>:<Ref:AWS::AccountId>:stateMachine:VoiceGate-confirm-command',
      auditBusName: expect.stringMatching(/^<Ref:AuditBus/),
    });
    expect(config.tokenIssuer).toMatch(/^https:\/\/cognito-idp\.<Ref:AWS::Region>\.<Ref:AWS::URLSuffix>\/<Ref:AccountLinkingUsers[0-9A-F]+>$/);
    expect(config.tokenJwksUri).toBe(`${config.tokenIssuer}/.well-known/jwks.json`);
    expect(config.tokenAudience).toMatch(/^<Ref:AccountLinkingUsersAlexa/);
    // Authenticator apps and MFA devices are on: the key that seals their secrets.
    expect(config.factorKeyArn).toMatch(/^<GetAtt:FactorSecretsKey[0-9A-F]+\.Arn>$/);
    expect(config.settings.factorPolicy).toEqual(DEFAULT_FACTOR_POLICY);
  });

  it("names the functions' factor key by the alias the operator's enrollment command looks up (npm run factors)", () => {
    const [aliasId] = Object.keys(voiceGate.template.findResources('AWS::KMS::Alias', { Properties: { AliasName: factorKeyAlias('VoiceGate') } }));
    const alias = voiceGate.template.toJSON().Resources[aliasId!];

    expect(asText(alias.Properties.TargetKeyId)).toMatch(/^<GetAtt:FactorSecretsKey[0-9A-F]+\.Arn>$/);
  });

  it('hands the functions the factor policy given as voicegate:factorPolicy, as the JSON they parse', () => {
    const policy = { default: ['sms'], actions: { unlock: ['totp'] }, targets: { Build: ['email'] }, emailEnabled: true };
    const { template } = synthesizeVoiceGate({ ...TEST_SETTINGS, 'voicegate:factorPolicy': JSON.stringify(policy) });
    const skill = Object.entries(template.findResources('AWS::Lambda::Function')).find(([id]) => id.startsWith('FunctionsSkillFunction'))![1];
    const variables = skill.Properties.Environment.Variables as Record<string, unknown>;

    const config = readAwsConfig(Object.fromEntries(Object.entries(variables).map(([key, value]) => [key, asText(value)])));

    expect(config.settings.factorPolicy).toEqual({ ...policy, targets: { build: ['email'] } });
  });

  it('lets only the Alexa Skills Kit invoke the skill function, and only for the configured skill id', () => {
    const permission = onlyResource(voiceGate.template, 'AWS::Lambda::Permission');

    expect(permission.Properties).toEqual({
      Action: 'lambda:InvokeFunction',
      Principal: 'alexa-appkit.amazon.com',
      EventSourceToken: TEST_SETTINGS['voicegate:skillId'],
      FunctionName: { 'Fn::GetAtt': [functionId('Skill'), 'Arn'] },
    });
  });

  it('gives each function its own role with no AWS managed policy, writing only to its own log group', () => {
    const roles = new Set(Object.values(functions).map((fn) => asText(fn.Properties.Role)));
    expect(roles.size).toBe(3);

    for (const fn of Object.values(functions)) {
      const roleId = fn.Properties.Role['Fn::GetAtt'][0] as string;
      const logGroupId = fn.Properties.LoggingConfig.LogGroup.Ref as string;
      expect(voiceGate.template.toJSON().Resources[roleId].Properties.ManagedPolicyArns).toBeUndefined();
      const logStatements = roleStatements(voiceGate.template, roleId).filter((statement) => actionsOf(statement).some((action) => action.startsWith('logs:')));
      expect(logStatements).toEqual([
        { Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: { 'Fn::GetAtt': [logGroupId, 'Arn'] } },
      ]);
    }
  });
});
