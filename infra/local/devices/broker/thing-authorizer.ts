import { thingPolicyDocument, type PolicyDocument } from '../../../../functions/domain/thing-policy';
import { isAllowed, type PolicyContext } from './policy-evaluator';

/** The account and region the local broker pretends to be, for resource ARNs. */
export const LOCAL_IOT_ARN_PREFIX = 'arn:aws:iot:local:000000000000:';

export interface CertificateAttachments {
  isAttached(thingName: string, certificateId: string): Promise<boolean>;
}

/**
 * AWS IoT Core's authorization for the local broker: the thing policy document, evaluated
 * with the connection's policy variables. A certificate's thing is found as AWS finds it:
 * the client id names the thing, and the certificate must be attached to it.
 */
export class ThingAuthorizer {
  constructor(
    private readonly attachments: CertificateAttachments,
    private readonly policy: PolicyDocument = thingPolicyDocument(LOCAL_IOT_ARN_PREFIX),
  ) {}

  /** The connection's policy variables when it may connect, else undefined. */
  async connect(clientId: string, certificateId: string): Promise<PolicyContext | undefined> {
    const attached = clientId !== '' && (await this.attachments.isAttached(clientId, certificateId));
    const context: PolicyContext = {
      'iot:ClientId': clientId,
      'iot:Connection.Thing.ThingName': attached ? clientId : undefined,
      'iot:Connection.Thing.IsAttached': attached,
    };
    return this.allows(context, 'iot:Connect', `client/${clientId}`) ? context : undefined;
  }

  mayPublish(context: PolicyContext, topic: string): boolean {
    return this.allows(context, 'iot:Publish', `topic/${topic}`);
  }

  maySubscribe(context: PolicyContext, topicFilter: string): boolean {
    return this.allows(context, 'iot:Subscribe', `topicfilter/${topicFilter}`);
  }

  mayReceive(context: PolicyContext, topic: string): boolean {
    return this.allows(context, 'iot:Receive', `topic/${topic}`);
  }

  private allows(context: PolicyContext, action: string, resource: string): boolean {
    return isAllowed(this.policy, action, `${LOCAL_IOT_ARN_PREFIX}${resource}`, context);
  }
}
