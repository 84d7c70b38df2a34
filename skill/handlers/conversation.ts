import type { RequestHandler } from 'ask-sdk-core';
import { Speech } from '../../functions/domain/speech';
import { isIntent, isRequestType } from '../intents';

/** Opening, help, fallback, stop and session end: nothing sensitive, no account needed. */
export function conversationHandlers(): RequestHandler[] {
  return [
    {
      canHandle: isRequestType('LaunchRequest'),
      handle: (input) => input.responseBuilder.speak(Speech.welcome()).reprompt(Speech.help()).getResponse(),
    },
    {
      canHandle: isIntent('AMAZON.HelpIntent', 'AMAZON.NavigateHomeIntent'),
      handle: (input) => input.responseBuilder.speak(Speech.help()).reprompt(Speech.help()).getResponse(),
    },
    {
      canHandle: isIntent('AMAZON.FallbackIntent'),
      handle: (input) => input.responseBuilder.speak(Speech.fallback()).reprompt(Speech.help()).getResponse(),
    },
    {
      canHandle: isIntent('AMAZON.StopIntent'),
      handle: (input) => input.responseBuilder.speak(Speech.goodbye()).withShouldEndSession(true).getResponse(),
    },
    {
      canHandle: isRequestType('SessionEndedRequest'),
      handle: (input) => input.responseBuilder.getResponse(),
    },
  ];
}
