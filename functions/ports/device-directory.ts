import type { Device } from '../domain/device';

/**
 * Which things each user owns (the thing registry's `owner` attribute): a DynamoDB table on
 * AWS, the local thing registry at home.
 */
export interface DeviceDirectory {
  /** The user's own devices; never anyone else's. */
  ownedBy(userId: string): Promise<Device[]>;
  /** Registers a device; false when its owner already has a thing of that name. */
  add(device: Device): Promise<boolean>;
}
