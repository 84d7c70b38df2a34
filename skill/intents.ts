import { getIntentName, getRequestType, type HandlerInput } from 'ask-sdk-core';
import type { IntentRequest } from 'ask-sdk-model';

/** A canHandle for IntentRequests with one of these intent names. */
export function isIntent(...names: string[]): (input: HandlerInput) => boolean {
  return (input) => getRequestType(input.requestEnvelope) === 'IntentRequest' && names.includes(getIntentName(input.requestEnvelope));
}

export function isRequestType(type: string): (input: HandlerInput) => boolean {
  return (input) => getRequestType(input.requestEnvelope) === type;
}

/** The slot's canonical value when entity resolution matched one, else what was heard. */
export function slotValue(input: HandlerInput, slotName: string): string | undefined {
  // Only intent handlers ask, and their canHandle has read the intent's name already.
  const slot = (input.requestEnvelope.request as IntentRequest).intent.slots?.[slotName];
  const resolved = slot?.resolutions?.resolutionsPerAuthority?.find((r) => r.status?.code === 'ER_SUCCESS_MATCH');
  const value = resolved?.values?.[0]?.value?.name ?? slot?.value;
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}
