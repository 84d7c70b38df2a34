import { shadowView } from '../../../../functions/adapters/aws/iot/shadow-view';
import type { DeviceGateway, DeviceShadow } from '../../../../functions/ports/device-gateway';
import { documentWithDelta } from './shadow-document';
import type { ShadowService } from './shadow-service';

/** The DeviceGateway port over the local shadow service, as the IoT data plane API is on AWS. */
export class LocalShadowGateway implements DeviceGateway {
  constructor(private readonly shadows: ShadowService) {}

  async setDesired(thingName: string, property: string, value: string | null): Promise<void> {
    const outcome = await this.shadows.update(thingName, JSON.stringify({ state: { desired: { [property]: value } } }));
    if (outcome.kind === 'rejected') throw new Error(`the shadow refused the update: ${outcome.message}`);
  }

  async read(thingName: string): Promise<DeviceShadow | undefined> {
    const document = await this.shadows.get(thingName);
    return document && shadowView(documentWithDelta(document));
  }
}
