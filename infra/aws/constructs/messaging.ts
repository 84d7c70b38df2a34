import { Stack } from 'aws-cdk-lib';
import { PolicyStatement, type Role } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { attachNamedPolicy } from './named-policy';

export interface MessagingProps {
  /** A verified SES identity: the address itself or an address in a verified domain. */
  sesFromAddress: string;
  smsSenderId?: string;
}

/**
 * How codes leave the system: SMS published straight to a phone number with SNS (the sender
 * marks each message Transactional), e-mail sent with SES from one verified identity. Nothing
 * is created here; account-level SMS settings (spend limit, sandbox) are set once per account
 * as docs/deploy.md describes.
 */
export class Messaging extends Construct {
  readonly sesFromAddress: string;
  readonly smsSenderId: string | undefined;

  constructor(scope: Construct, id: string, { sesFromAddress, smsSenderId }: MessagingProps) {
    super(scope, id);
    this.sesFromAddress = sesFromAddress;
    this.smsSenderId = smsSenderId;
  }

  /** SES authorizes against whichever identity is verified: the address or its domain. */
  private identityArns(): string[] {
    const domain = this.sesFromAddress.split('@')[1];
    if (!domain) throw new Error('the SES sender must be an e-mail address with a domain');
    return [this.sesFromAddress, domain].map((identity) => Stack.of(this).formatArn({ service: 'ses', resource: 'identity', resourceName: identity }));
  }

  grantSendCodes(role: Role): void {
    attachNamedPolicy(
      role,
      'SendCodes',
      [
        new PolicyStatement({ sid: 'PublishSmsToPhoneNumbers', actions: ['sns:Publish'], resources: ['*'] }),
        new PolicyStatement({
          sid: 'SendEmailFromTheVoiceGateIdentity',
          actions: ['ses:SendEmail'],
          resources: this.identityArns(),
          conditions: { StringEquals: { 'ses:FromAddress': this.sesFromAddress } },
        }),
      ],
      [
        {
          id: 'AwsSolutions-IAM5[Resource::*]',
          reason:
            'sns:Publish straight to a phone number (SMS) has no resource ARN to name and no condition key to narrow it; ' +
            'the e-mail statement in the same policy is limited to the configured SES identity.',
        },
      ],
    );
  }
}
