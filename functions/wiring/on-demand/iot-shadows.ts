import { IoTDataPlaneClient } from '@aws-sdk/client-iot-data-plane';
import { IotShadowGateway } from '../../adapters/aws/iot/iot-shadow-gateway';
import type { DeviceGateway } from '../../ports/device-gateway';

/** The account's IoT data endpoint when configured; otherwise the SDK's default for the region. */
export const iotShadows = (dataEndpoint: string | undefined): DeviceGateway =>
  new IotShadowGateway(new IoTDataPlaneClient(dataEndpoint ? { endpoint: `https://${dataEndpoint}` } : {}));
