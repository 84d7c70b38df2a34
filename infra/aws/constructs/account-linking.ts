import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import {
  AccountRecovery,
  FeaturePlan,
  Mfa,
  OAuthScope,
  StandardThreatProtectionMode,
  UserPool,
  UserPoolClientIdentityProvider,
  type UserPoolClient,
  type UserPoolDomain,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';

/** How long an Alexa account link lasts before the user must link again. */
export const REFRESH_TOKEN_VALIDITY = Duration.days(365);

export interface AccountLinkingProps {
  /** Alexa's redirect URLs from the skill's account-linking page. */
  callbackUrls: string[];
  /** Prefix of the hosted sign-in domain (`https://<prefix>.auth.<region>.amazoncognito.com`). */
  domainPrefix: string;
}

/**
 * Who may link an Alexa account to VoiceGate: a Cognito user pool of people an operator
 * created (no self sign-up), with verified e-mail and phone and MFA, and one app client
 * for Alexa's authorization-code grant. The skill verifies the resulting access tokens
 * against this pool's issuer and keys (S9).
 */
export class AccountLinking extends Construct {
  readonly userPool: UserPool;
  readonly client: UserPoolClient;
  readonly domain: UserPoolDomain;

  constructor(scope: Construct, id: string, { callbackUrls, domainPrefix }: AccountLinkingProps) {
    super(scope, id);
    this.userPool = new UserPool(this, 'Users', {
      userPoolName: `${Stack.of(this).stackName}-users`,
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      standardAttributes: { email: { required: true, mutable: true }, phoneNumber: { required: true, mutable: true } },
      autoVerify: { email: true, phone: true },
      // A changed contact is used only once verified, so a code can never go to an unproven number.
      keepOriginal: { email: true, phone: true },
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { sms: true, otp: true },
      passwordPolicy: { minLength: 12, requireLowercase: true, requireUppercase: true, requireDigits: true, requireSymbols: true },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.acknowledgeSmsRole();

    this.domain = this.userPool.addDomain('SignIn', { cognitoDomain: { domainPrefix } });
    this.client = this.userPool.addClient('Alexa', {
      userPoolClientName: 'alexa-account-linking',
      generateSecret: true,
      oAuth: { flows: { authorizationCodeGrant: true }, scopes: [OAuthScope.OPENID], callbackUrls },
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      authFlows: { userSrp: true },
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      // Alexa refreshes the access token on its own; the refresh token bounds how long a link
      // lasts (sliding is not offered), so a year keeps users from re-linking every month. The
      // cost: a leaked refresh token works for that long unless revoked (docs/deploy.md), and
      // it still never acts without the owner's code.
      refreshTokenValidity: REFRESH_TOKEN_VALIDITY,
    });
  }

  /** The `iss` of this pool's tokens (the ProviderURL attribute lacks the scheme). */
  get tokenIssuer(): string {
    const stack = Stack.of(this);
    return `https://cognito-idp.${stack.region}.${stack.urlSuffix}/${this.userPool.userPoolId}`;
  }

  get jwksUri(): string {
    return `${this.tokenIssuer}/.well-known/jwks.json`;
  }

  get authorizationUrl(): string {
    return `${this.domain.baseUrl()}/oauth2/authorize`;
  }

  get tokenUrl(): string {
    return `${this.domain.baseUrl()}/oauth2/token`;
  }

  /** The role CDK makes for Cognito's own SMS (verification and MFA codes). */
  private acknowledgeSmsRole(): void {
    const smsRole = this.userPool.node.findChild('smsRole');
    Validations.of(smsRole).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Cognito sends verification and MFA codes by publishing straight to phone numbers, which have no resource ARN; ' +
        "the role can be assumed only by cognito-idp with this pool's external id.",
    });
  }
}
