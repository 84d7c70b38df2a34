import type { Channel } from '../../../domain/user';

/**
 * A provider refused or failed a delivery. Providers echo the destination in their
 * messages ("Email address not verified a@b.c"), so only the channel and the provider's
 * error name are kept, and the original error is deliberately not attached as `cause` (S12).
 */
export class DeliveryError extends Error {
  override name = 'DeliveryError';

  constructor(channel: Channel, providerErrorName: string) {
    super(`${channel} delivery failed: ${providerErrorName}`);
  }
}

/** Runs one provider call, replacing whatever it throws with a `DeliveryError`. */
export async function deliverVia(channel: Channel, call: () => Promise<unknown>): Promise<void> {
  try {
    await call();
  } catch (error) {
    throw new DeliveryError(channel, error instanceof Error ? error.name : 'UnknownError');
  }
}
