import { EC2Client } from '@aws-sdk/client-ec2';
import { Ec2InstanceGateway } from '../../adapters/aws/ec2/ec2-instance-gateway';
import type { InstanceGateway } from '../../ports/instance-gateway';

export const ec2Instances = (): InstanceGateway => new Ec2InstanceGateway(new EC2Client({}));
