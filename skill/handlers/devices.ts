import type { RequestHandler } from 'ask-sdk-core';
import { Speech } from '../../functions/domain/speech';
import type { Deps } from '../../functions/use-cases/deps';
import { isIntent } from '../intents';
import { forLinkedUser } from '../linked-user';

/**
 * Device intents are in the model; this build registers no devices yet, so every device
 * name is unknown and nothing is sent (the devices issue adds the gateway).
 */
export function devicesHandler(deps: Deps): RequestHandler {
  return forLinkedUser(deps, isIntent('DeviceCommandIntent', 'DeviceStatusIntent'), async (input) =>
    input.responseBuilder.speak(Speech.unknownDevice()).withShouldEndSession(false).getResponse(),
  );
}
