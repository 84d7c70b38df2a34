import { asText, onlyResource, roleStatements, synthesizeVoiceGate, type SynthesizedVoiceGate } from './voicegate-template';

let voiceGate: SynthesizedVoiceGate;
beforeAll(() => {
  voiceGate = synthesizeVoiceGate();
});

describe('account linking (Cognito)', () => {
  it('is a user pool of operator-created users with verified e-mail and phone, kept when the stack goes', () => {
    const pool = onlyResource(voiceGate.template, 'AWS::Cognito::UserPool');

    expect(pool.Properties).toMatchObject({
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      AutoVerifiedAttributes: ['email', 'phone_number'],
      Schema: expect.arrayContaining([
        { Name: 'email', Required: true, Mutable: true },
        { Name: 'phone_number', Required: true, Mutable: true },
      ]),
      UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ['email', 'phone_number'] },
      DeletionProtection: 'ACTIVE',
    });
    expect(voiceGate.template.toJSON().Resources[Object.keys(voiceGate.template.findResources('AWS::Cognito::UserPool'))[0]!].DeletionPolicy).toBe('Retain');
  });

  it('requires MFA, a strong password and threat protection', () => {
    expect(onlyResource(voiceGate.template, 'AWS::Cognito::UserPool').Properties).toMatchObject({
      MfaConfiguration: 'ON',
      EnabledMfas: ['SMS_MFA', 'SOFTWARE_TOKEN_MFA'],
      Policies: { PasswordPolicy: { MinimumLength: 12, RequireLowercase: true, RequireUppercase: true, RequireNumbers: true, RequireSymbols: true } },
      UserPoolTier: 'PLUS',
      UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
    });
  });

  it("has one app client for Alexa's authorization-code grant, redirecting only to the configured Alexa URLs", () => {
    expect(onlyResource(voiceGate.template, 'AWS::Cognito::UserPoolClient').Properties).toMatchObject({
      GenerateSecret: true,
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthScopes: ['openid'],
      CallbackURLs: ['https://pitangui.amazon.com/api/skill/link/M2ABCDEF', 'https://layla.amazon.com/api/skill/link/M2ABCDEF'],
      SupportedIdentityProviders: ['COGNITO'],
      PreventUserExistenceErrors: 'ENABLED',
      EnableTokenRevocation: true,
    });
  });

  it('keeps an Alexa account linked for at least a year (the refresh token), with one-hour access tokens', () => {
    const client = onlyResource(voiceGate.template, 'AWS::Cognito::UserPoolClient').Properties;
    const minutesIn = (unit: string) => ({ minutes: 1, hours: 60, days: 24 * 60 })[unit]!;

    expect(client.RefreshTokenValidity * minutesIn(client.TokenValidityUnits.RefreshToken)).toBeGreaterThanOrEqual(365 * 24 * 60);
    expect(client.AccessTokenValidity * minutesIn(client.TokenValidityUnits.AccessToken)).toBe(60);
  });

  it('hosts sign-in on the configured Cognito domain prefix', () => {
    expect(onlyResource(voiceGate.template, 'AWS::Cognito::UserPoolDomain').Properties.Domain).toBe('voicegate-test');
  });

  it("gives Cognito's own SMS role (verification and MFA codes) nothing but sns:Publish", () => {
    const cognitoRoles = voiceGate.template.findResources('AWS::IAM::Role', {
      Properties: { AssumeRolePolicyDocument: { Statement: [{ Principal: { Service: 'cognito-idp.amazonaws.com' } }] } },
    });

    expect(Object.keys(cognitoRoles).map((roleId) => roleStatements(voiceGate.template, roleId))).toEqual([
      [{ Effect: 'Allow', Action: 'sns:Publish', Resource: '*' }],
    ]);
  });
});

describe('outputs', () => {
  const output = (name: string) => asText(voiceGate.template.toJSON().Outputs[name].Value);

  it('gives the skill function ARN for the skill endpoint', () => {
    expect(output('SkillFunctionArn')).toMatch(/^<GetAtt:FunctionsSkillFunction[0-9A-F]+\.Arn>$/);
  });

  it("gives the Cognito authorization and token URLs for the skill's account linking", () => {
    const base = /^https:\/\/<Ref:AccountLinkingUsersSignIn[0-9A-F]+>\.auth\.<Ref:AWS::Region>\.amazoncognito\.com/;

    expect(output('AuthorizationUrl')).toMatch(new RegExp(`${base.source}/oauth2/authorize$`));
    expect(output('AccessTokenUrl')).toMatch(new RegExp(`${base.source}/oauth2/token$`));
    expect(output('AccountLinkingClientId')).toMatch(/^<Ref:AccountLinkingUsersAlexa/);
  });

  it('gives the dashboard URL', () => {
    expect(output('DashboardUrl')).toMatch(
      /^https:\/\/console\.aws\.amazon\.com\/cloudwatch\/home\?region=<Ref:AWS::Region>#dashboards\/dashboard\/<Ref:AuditDashboard/,
    );
  });

  it('never outputs the client secret', () => {
    expect(JSON.stringify(voiceGate.template.toJSON().Outputs)).not.toMatch(/ClientSecret/);
  });
});
