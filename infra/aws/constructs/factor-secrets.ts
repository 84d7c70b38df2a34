import { ArnFormat, Stack } from 'aws-cdk-lib';
import { PolicyStatement, type Role } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { FACTOR_SECRET_PURPOSE, factorKeyAlias } from '../../../functions/adapters/aws/kms/kms-secret-sealer';
import { attachNamedPolicy } from './named-policy';

/**
 * Secrets Manager names of the MFA-device credential secrets (docs/factors.md): the access key
 * of the IAM user each AWS MFA device belongs to, which STS GetSessionToken must be signed with.
 */
export const MFA_CREDENTIALS_SECRET_PREFIX = 'voicegate/mfa/';

/**
 * What authenticator apps and AWS MFA devices need on AWS: the KMS key that seals each
 * user's authenticator secret (the functions switch these factors on when they get its
 * ARN), and read access to the MFA-device credential secrets.
 */
export class FactorSecrets extends Construct {
  readonly key: Key;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.key = new Key(this, 'Key', {
      description: 'VoiceGate: seals authenticator-app secrets (encryption context purpose and owner)',
      enableKeyRotation: true,
      // How an operator's enrollment command finds it (npm run factors; docs/factors.md).
      alias: factorKeyAlias(Stack.of(this).stackName),
    });
  }

  /** Opening a sealed secret: Decrypt only, and only for ciphertexts sealed for this purpose. */
  grantOpen(role: Role): void {
    role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['kms:Decrypt'],
        resources: [this.key.keyArn],
        conditions: { StringEquals: { 'kms:EncryptionContext:purpose': FACTOR_SECRET_PURPOSE } },
      }),
    );
  }

  /** Checking an AWS MFA device's code signs GetSessionToken with its IAM user's key, read from Secrets Manager. */
  grantReadMfaCredentials(role: Role): void {
    const secrets = Stack.of(this).formatArn({
      service: 'secretsmanager',
      resource: 'secret',
      resourceName: `${MFA_CREDENTIALS_SECRET_PREFIX}*`,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    attachNamedPolicy(
      role,
      'ReadMfaCredentials',
      [new PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: [secrets] })],
      [
        {
          id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:secretsmanager:<AWS::Region>:<AWS::AccountId>:secret:${MFA_CREDENTIALS_SECRET_PREFIX}*]`,
          reason: `Each linked MFA device names its own credentials secret, created by an operator under ${MFA_CREDENTIALS_SECRET_PREFIX}; Secrets Manager also appends a random suffix to every secret ARN.`,
        },
      ],
    );
  }
}
