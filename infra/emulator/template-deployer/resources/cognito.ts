import {
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  CreateUserPoolDomainCommand,
  SetUserPoolMfaConfigCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { answered, type NamedResourceCreator, type ResourceCreator } from '../resource-type';

/** The template's properties are the API's, except the pool name and the enabled MFA kinds. */
export const createUserPool: NamedResourceCreator = async (PoolName, { UserPoolName: _named, EnabledMfas, ...p }, { aws, account }) => {
  const { UserPool } = await aws.cognito.send(new CreateUserPoolCommand({ ...p, PoolName }));
  const UserPoolId = answered(UserPool?.Id, 'UserPool.Id');
  if (EnabledMfas) {
    await aws.cognito.send(
      new SetUserPoolMfaConfigCommand({
        UserPoolId,
        MfaConfiguration: p.MfaConfiguration,
        SoftwareTokenMfaConfiguration: { Enabled: EnabledMfas.includes('SOFTWARE_TOKEN_MFA') },
        ...(EnabledMfas.includes('SMS_MFA') && { SmsMfaConfiguration: { SmsConfiguration: p.SmsConfiguration } }),
      }),
    );
  }
  const providerName = `cognito-idp.${account.region}.amazonaws.com/${UserPoolId}`;
  return {
    ref: UserPoolId,
    attributes: { Arn: answered(UserPool?.Arn, 'UserPool.Arn'), UserPoolId, ProviderName: providerName, ProviderURL: `https://${providerName}` },
  };
};

export const createUserPoolClient: ResourceCreator = async (p, { aws }) => {
  const { UserPoolClient } = await aws.cognito.send(new CreateUserPoolClientCommand(p as never));
  const ClientId = answered(UserPoolClient?.ClientId, 'UserPoolClient.ClientId');
  return { ref: ClientId, attributes: { ClientId, ClientSecret: UserPoolClient?.ClientSecret ?? '', Name: UserPoolClient?.ClientName ?? '' } };
};

/** Recorded by the emulator; it serves no hosted sign-in page at the domain. */
export const createUserPoolDomain: ResourceCreator = async (p, { aws }) => {
  const { CloudFrontDomain } = await aws.cognito.send(new CreateUserPoolDomainCommand({ Domain: p.Domain, UserPoolId: p.UserPoolId }));
  return { ref: p.Domain, attributes: { CloudFrontDistribution: CloudFrontDomain ?? '' } };
};
