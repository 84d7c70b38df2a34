import type { AwsConfig } from '../config/aws-config';
import type { PerformActionDeps } from '../use-cases/perform-action';
import { actionLedger, awsHost, deviceGateway, instanceGateway } from './aws-ports';

/** The perform-action function's ports: the ledger, EC2 and the device shadows (never the code-hash key). */
export async function performActionDeps(config: AwsConfig): Promise<PerformActionDeps> {
  const host = awsHost(config);
  return {
    ledger: actionLedger(host),
    instances: instanceGateway(),
    devices: deviceGateway(host),
    clock: host.clock,
    settings: host.settings,
  };
}
