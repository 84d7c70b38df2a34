import { EC2Client, EC2ServiceException, RebootInstancesCommand, StartInstancesCommand, StopInstancesCommand } from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { Ec2InstanceGateway } from '../../functions/adapters/aws/ec2/ec2-instance-gateway';
import { InstanceThrottledError } from '../../functions/ports/instance-gateway';

function ec2Error(name: string): EC2ServiceException {
  return new EC2ServiceException({ name, $fault: 'client', message: `${name} from EC2`, $metadata: {} });
}

describe('Ec2InstanceGateway when EC2 refuses', () => {
  const ec2 = mockClient(EC2Client);
  const gateway = new Ec2InstanceGateway(ec2 as unknown as EC2Client);
  afterEach(() => ec2.reset());

  it.each(['RequestLimitExceeded', 'Throttling', 'ThrottlingException'])('turns %s into InstanceThrottledError', async (name) => {
    ec2.on(StartInstancesCommand).rejects(ec2Error(name));

    await expect(gateway.perform('start', 'i-1')).rejects.toBeInstanceOf(InstanceThrottledError);
  });

  it('treats throttling the same way for stop and reboot', async () => {
    ec2.on(StopInstancesCommand).rejects(ec2Error('RequestLimitExceeded'));
    ec2.on(RebootInstancesCommand).rejects(ec2Error('RequestLimitExceeded'));

    await expect(gateway.perform('stop', 'i-1')).rejects.toBeInstanceOf(InstanceThrottledError);
    await expect(gateway.perform('reboot', 'i-1')).rejects.toBeInstanceOf(InstanceThrottledError);
  });

  it('lets any other error through unchanged', async () => {
    const denied = ec2Error('UnauthorizedOperation');
    ec2.on(StartInstancesCommand).rejects(denied);

    await expect(gateway.perform('start', 'i-1')).rejects.toBe(denied);
  });
});
