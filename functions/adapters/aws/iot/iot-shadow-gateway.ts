import { GetThingShadowCommand, UpdateThingShadowCommand, type IoTDataPlaneClient } from '@aws-sdk/client-iot-data-plane';
import { DeviceThrottledError, type DeviceGateway, type DeviceShadow } from '../../../ports/device-gateway';
import { shadowView } from './shadow-view';

const THROTTLING = new Set(['ThrottlingException', 'TooManyRequestsException', 'ServiceUnavailableException']);

/** Device shadows over the AWS IoT data plane (UpdateThingShadow / GetThingShadow, classic shadow). */
export class IotShadowGateway implements DeviceGateway {
  constructor(private readonly client: IoTDataPlaneClient) {}

  async setDesired(thingName: string, property: string, value: string | null): Promise<void> {
    const payload = Buffer.from(JSON.stringify({ state: { desired: { [property]: value } } }));
    await this.call(() => this.client.send(new UpdateThingShadowCommand({ thingName, payload })));
  }

  async read(thingName: string): Promise<DeviceShadow | undefined> {
    try {
      const { payload } = await this.call(() => this.client.send(new GetThingShadowCommand({ thingName })));
      return shadowView(JSON.parse(Buffer.from(payload ?? new Uint8Array()).toString('utf8')));
    } catch (error) {
      // No shadow yet: the device never reported and nothing was ever asked of it.
      if (error instanceof Error && error.name === 'ResourceNotFoundException') return undefined;
      throw error;
    }
  }

  private async call<T>(send: () => Promise<T>): Promise<T> {
    try {
      return await send();
    } catch (error) {
      if (error instanceof Error && THROTTLING.has(error.name)) throw new DeviceThrottledError(error.message);
      throw error;
    }
  }
}
