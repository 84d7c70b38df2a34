import type { AwsConfig } from '../config/aws-config';
import type { PerformActionDeps } from '../use-cases/perform-action';
import { actionLedger, awsHost, commonPorts, deviceGateway, instanceGateway } from './aws-ports';

/**
 * The perform-action function's ports: the stores it verifies against (read-only grants), the
 * ledger, EC2 and the device shadows. Never the code-hash key: it never opens a task token.
 */
export async function performActionDeps(config: AwsConfig): Promise<PerformActionDeps> {
  const host = awsHost(config);
  return {
    ...commonPorts(host),
    ledger: actionLedger(host),
    instances: instanceGateway(),
    devices: deviceGateway(host),
  };
}
