import type { HandlerInput, RequestHandler } from 'ask-sdk-core';
import type { Response } from 'ask-sdk-model';
import { Speech } from '../functions/domain/speech';
import type { User } from '../functions/domain/user';
import type { Deps } from '../functions/use-cases/deps';
import { takeOutcomeNotice } from '../functions/use-cases/take-outcome-notice';
import { noteOutcome, noteUser } from './request-log';

type UserHandler = (input: HandlerInput, user: User) => Promise<Response>;

/** S9: the linked account behind the request, if its access token verifies and the user exists. */
export async function linkedUser(input: HandlerInput, deps: Pick<Deps, 'tokens' | 'users'>): Promise<User | undefined> {
  // The SDK has read context.System before any handler runs; its user and the session may be absent (the guard allows it).
  const { context, session } = input.requestEnvelope;
  const token = context.System.user?.accessToken ?? session?.user?.accessToken;
  const userId = await deps.tokens.verify(token);
  // Stryker disable next-line ConditionalExpression: without the shortcut the directory is asked for user "undefined", finds none, and the request stays unlinked
  if (userId === undefined) return undefined;
  noteUser(input, userId);
  return deps.users.get(userId);
}

/**
 * A handler for intents that need a linked account: without one the user hears how
 * to link and gets a LinkAccount card; nothing else happens. With one, the outcome of
 * an earlier command that finished after its answer is told first.
 */
export function forLinkedUser(
  deps: Pick<Deps, 'tokens' | 'users' | 'challenges' | 'workflow'>,
  canHandle: (input: HandlerInput) => boolean,
  handle: UserHandler,
): RequestHandler {
  return {
    canHandle,
    async handle(input) {
      const user = await linkedUser(input, deps);
      if (!user) {
        noteOutcome(input, 'link-account');
        return input.responseBuilder.speak(Speech.linkAccount()).withLinkAccountCard().withShouldEndSession(true).getResponse();
      }
      const notice = await takeOutcomeNotice(deps, user.userId);
      const response = await handle(input, user);
      return notice ? prependSpeech(response, Speech.earlierOutcome(notice.action, notice.target, notice.succeeded)) : response;
    },
  };
}

/** Puts a sentence before whatever the handler said (the ask-sdk builder wraps speech in SSML). */
function prependSpeech(response: Response, sentence: string): Response {
  const speech = response.outputSpeech;
  // Stryker disable next-line ConditionalExpression,OptionalChaining: every handler behind forLinkedUser speaks, and the SDK's speak() always builds SSML; the line only narrows the type
  if (speech?.type !== 'SSML') return response;
  return { ...response, outputSpeech: { ...speech, ssml: speech.ssml.replace('<speak>', `<speak>${sentence} `) } };
}
