import type { HandlerInput, RequestHandler } from 'ask-sdk-core';
import { exampleCommand } from '../../functions/domain/example-command';
import { Speech } from '../../functions/domain/speech';
import type { Deps } from '../../functions/use-cases/deps';
import { isIntent, isRequestType } from '../intents';
import { linkedUser } from '../linked-user';

/** Opening, help, fallback, stop and session end: nothing sensitive, no account needed. */
export function conversationHandlers(deps: Pick<Deps, 'tokens' | 'users' | 'instances'>): RequestHandler[] {
  const example = (input: HandlerInput) => exampleFor(deps, input);
  return [
    {
      canHandle: isRequestType('LaunchRequest'),
      handle: async (input) => {
        const suggestion = await example(input);
        return input.responseBuilder.speak(Speech.welcome(suggestion)).reprompt(Speech.help(suggestion)).getResponse();
      },
    },
    {
      canHandle: isIntent('AMAZON.HelpIntent', 'AMAZON.NavigateHomeIntent'),
      handle: async (input) => {
        const help = Speech.help(await example(input));
        return input.responseBuilder.speak(help).reprompt(help).getResponse();
      },
    },
    {
      canHandle: isIntent('AMAZON.FallbackIntent'),
      handle: async (input) => {
        const suggestion = await example(input);
        return input.responseBuilder.speak(Speech.fallback(suggestion)).reprompt(Speech.help(suggestion)).getResponse();
      },
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

/** A command the linked user may give (empty when none); the generic example for a request without an account. */
async function exampleFor(deps: Pick<Deps, 'tokens' | 'users' | 'instances'>, input: HandlerInput): Promise<string | undefined> {
  const user = await linkedUser(input, deps);
  return user ? (exampleCommand(user, await deps.instances.list()) ?? '') : undefined;
}
