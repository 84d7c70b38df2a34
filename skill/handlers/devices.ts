import { getIntentName, type HandlerInput, type RequestHandler } from 'ask-sdk-core';
import type { Response } from 'ask-sdk-model';
import { isDeviceAction } from '../../functions/domain/device';
import { DeviceSpeech } from '../../functions/domain/device-speech';
import { Speech } from '../../functions/domain/speech';
import type { User } from '../../functions/domain/user';
import type { SkillDeps } from '../skill-deps';
import { deviceStatus } from '../../functions/use-cases/device-status';
import { requestDeviceCommand } from '../../functions/use-cases/request-device-command';
import { isIntent, slotValue } from '../intents';
import { forLinkedUser } from '../linked-user';
import { requestOutcomeResponse } from '../request-outcome-speech';

/** "unlock the front door" (confirmed with a code) and "what is the status of the front door" (never a code). */
export function devicesHandler(deps: SkillDeps): RequestHandler {
  return forLinkedUser(deps, isIntent('DeviceCommandIntent', 'DeviceStatusIntent'), async (input, user) => {
    const device = slotValue(input, 'device');
    if (!device) return ask(input, DeviceSpeech.missingDevice());
    return getIntentName(input.requestEnvelope) === 'DeviceStatusIntent' ? status(deps, input, user, device) : command(deps, input, user, device);
  });
}

async function command(deps: SkillDeps, input: HandlerInput, user: User, device: string): Promise<Response> {
  const action = slotValue(input, 'action')?.toLowerCase();
  if (!isDeviceAction(action)) return ask(input, DeviceSpeech.missingAction());
  const outcome = await requestDeviceCommand(deps, user, action, device);
  if (outcome.kind === 'unknown-device') return say(input, Speech.unknownDevice());
  if (outcome.kind === 'unsupported-action') return say(input, DeviceSpeech.unsupported(outcome.device.name, outcome.supported));
  return requestOutcomeResponse(input, outcome, action);
}

async function status(deps: SkillDeps, input: HandlerInput, user: User, device: string): Promise<Response> {
  const outcome = await deviceStatus(deps, user, device);
  if (outcome.kind === 'unknown-device') return say(input, Speech.unknownDevice());
  const { device: known, state, lastReportAt } = outcome;
  if (state === undefined) return say(input, DeviceSpeech.notReported(known.name));
  return say(input, DeviceSpeech.status(known.name, state, lastReportAt === undefined ? undefined : deps.clock.now() - lastReportAt));
}

function say(input: HandlerInput, text: string): Response {
  return input.responseBuilder.speak(text).withShouldEndSession(false).getResponse();
}

function ask(input: HandlerInput, text: string): Response {
  return input.responseBuilder.speak(text).reprompt(text).getResponse();
}
