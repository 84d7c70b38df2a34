import type { DeviceCommand } from '../domain/command';
import { desiredStateFor, reportedStateOf } from '../domain/device';
import type { Deps } from './deps';
import { waitUntil } from './wait-until';

/** The device did not report the desired state within the bounded wait. */
export class DeviceDidNotRespondError extends Error {
  override name = 'DeviceDidNotRespond';
}

/** Polling the shadow: often enough to answer within a spoken turn, gently enough for GetThingShadow. */
const SHADOW_POLL_CAP_MS = 200;

/**
 * The device half of "perform action": set the desired state, then wait (bounded) until the
 * device reports it. A device that stays silent has its request withdrawn, so it cannot act
 * on a stale confirmation when it comes back online later (S14).
 */
export async function changeDevice(deps: Pick<Deps, 'devices' | 'settings' | 'clock'>, command: DeviceCommand): Promise<string> {
  const desired = desiredStateFor(command.deviceType, command.action);
  if (!desired) throw new Error(`a ${command.deviceType} cannot ${command.action}`);
  const { thingName } = command;
  const reportedNow = async () => {
    const shadow = await deps.devices.read(thingName);
    const state = shadow && reportedStateOf(command.deviceType, shadow.reported);
    return state === desired.value ? state : undefined;
  };
  await deps.devices.setDesired(thingName, desired.property, desired.value);
  const pace = { firstIntervalMs: deps.settings.pollPace.firstIntervalMs, maxIntervalMs: SHADOW_POLL_CAP_MS };
  const done = await waitUntil(reportedNow, deps.settings.deviceResponseWaitMs, pace, deps.clock);
  if (done) return done;
  await deps.devices.setDesired(thingName, desired.property, null);
  // It may have acted just before the request was withdrawn.
  const late = await reportedNow();
  if (late) return late;
  throw new DeviceDidNotRespondError(`${command.target} did not respond`);
}
