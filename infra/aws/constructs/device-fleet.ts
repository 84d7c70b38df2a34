import { Aws, Stack } from 'aws-cdk-lib';
import { PolicyStatement, type Role } from 'aws-cdk-lib/aws-iam';
import { CfnPolicy, CfnThingType } from 'aws-cdk-lib/aws-iot';
import { Construct } from 'constructs';
import {
  DEVICE_THING_TYPE,
  devicePolicyName,
  SEARCHABLE_THING_ATTRIBUTES,
  thingPolicyDocument,
  VOICEGATE_THING_PREFIX,
} from '../../../functions/domain/thing-policy';
import { attachNamedPolicy } from './named-policy';

/**
 * Devices on AWS IoT Core: the thing type (owner searchable), and the one policy every device
 * certificate gets. Things and certificates are registered by an operator from each device's
 * CSR with `npm run device -- register ... --aws` (docs/deploy.md); the functions only touch shadows.
 */
export class DeviceFleet extends Construct {
  readonly thingType: CfnThingType;
  readonly thingPolicy: CfnPolicy;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.thingType = new CfnThingType(this, 'ThingType', {
      thingTypeName: DEVICE_THING_TYPE,
      thingTypeProperties: {
        thingTypeDescription: 'A device controlled by voice through VoiceGate; attribute owner is the linked user id',
        searchableAttributes: SEARCHABLE_THING_ATTRIBUTES,
      },
    });
    this.thingPolicy = new CfnPolicy(this, 'ThingPolicy', {
      policyName: devicePolicyName(Stack.of(this).stackName),
      policyDocument: thingPolicyDocument(`arn:${Aws.PARTITION}:iot:${Aws.REGION}:${Aws.ACCOUNT_ID}:`),
    });
  }

  /** perform-action: set desired state and read what the device reported. */
  grantShadowUpdate(role: Role): void {
    this.grant(role, 'UpdateDeviceShadows', ['iot:UpdateThingShadow', 'iot:GetThingShadow']);
  }

  /** The skill: "what is the status of ..." reads the shadow, and never writes it. */
  grantShadowRead(role: Role): void {
    this.grant(role, 'ReadDeviceShadows', ['iot:GetThingShadow']);
  }

  private grant(role: Role, name: string, actions: string[]): void {
    const things = Stack.of(this).formatArn({ service: 'iot', resource: 'thing', resourceName: `${VOICEGATE_THING_PREFIX}*` });
    attachNamedPolicy(
      role,
      name,
      [new PolicyStatement({ actions, resources: [things] })],
      [
        {
          id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:iot:<AWS::Region>:<AWS::AccountId>:thing/${VOICEGATE_THING_PREFIX}*]`,
          reason: `Devices are chosen by voice at run time; IoT things cannot be tagged, so the ${VOICEGATE_THING_PREFIX} name prefix limits the functions to VoiceGate's things.`,
        },
      ],
    );
  }
}
