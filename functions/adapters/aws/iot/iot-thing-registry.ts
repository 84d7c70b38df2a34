import {
  AttachPolicyCommand,
  AttachThingPrincipalCommand,
  CreateCertificateFromCsrCommand,
  CreateThingCommand,
  DescribeThingCommand,
  DetachPolicyCommand,
  DetachThingPrincipalCommand,
  type IoTClient,
  ListThingPrincipalsCommand,
  UpdateCertificateCommand,
} from '@aws-sdk/client-iot';
import { DEVICE_THING_TYPE } from '../../../domain/thing-policy';
import type { IssuedCertificate, ThingRecord, ThingRegistry } from '../../../ports/thing-registry';

/** AWS IoT Core's registry: things of VoiceGate's type, certificates from CSRs with the device policy. */
export class IotThingRegistry implements ThingRegistry {
  constructor(
    private readonly client: IoTClient,
    /** The stack's device policy (the ThingPolicyName output). */
    private readonly policyName: string,
  ) {}

  async find(thingName: string): Promise<ThingRecord | undefined> {
    try {
      const { attributes } = await this.client.send(new DescribeThingCommand({ thingName }));
      return { thingName, owner: attributes?.owner };
    } catch (error) {
      if ((error as Error).name === 'ResourceNotFoundException') return undefined;
      throw error;
    }
  }

  async create(thingName: string, attributes: Record<string, string>): Promise<void> {
    await this.client.send(new CreateThingCommand({ thingName, thingTypeName: DEVICE_THING_TYPE, attributePayload: { attributes } }));
  }

  async certify(thingName: string, csrPem: string): Promise<IssuedCertificate> {
    const { certificateId, certificateArn, certificatePem } = await this.client.send(
      new CreateCertificateFromCsrCommand({ certificateSigningRequest: csrPem, setAsActive: true }),
    );
    if (!certificateId || !certificateArn || !certificatePem) throw new Error('AWS IoT returned no certificate');
    await this.client.send(new AttachPolicyCommand({ policyName: this.policyName, target: certificateArn }));
    await this.client.send(new AttachThingPrincipalCommand({ thingName, principal: certificateArn }));
    return { certificateId, certificateArn, certificatePem };
  }

  async certificatesOf(thingName: string): Promise<string[]> {
    const principals: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await this.client.send(new ListThingPrincipalsCommand({ thingName, nextToken }));
      principals.push(...(page.principals ?? []).filter((arn) => arn.includes(':cert/')));
      nextToken = page.nextToken;
    } while (nextToken);
    return principals;
  }

  /** Revoked first, so the old key cannot connect even for the moment detaching takes. */
  async retire(thingName: string, certificateArn: string): Promise<void> {
    const certificateId = certificateArn.slice(certificateArn.lastIndexOf('/') + 1);
    await this.client.send(new UpdateCertificateCommand({ certificateId, newStatus: 'REVOKED' }));
    await this.client.send(new DetachThingPrincipalCommand({ thingName, principal: certificateArn }));
    await this.client.send(new DetachPolicyCommand({ policyName: this.policyName, target: certificateArn }));
  }
}
