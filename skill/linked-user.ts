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
  const { context, session } = input.requestEnvelope;
  const token = context?.System?.user?.accessToken ?? session?.user?.accessToken;
  const userId = await deps.tokens.verify(token);
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
  if (speech?.type !== 'SSML') return response;
  return { ...response, outputSpeech: { ...speech, ssml: speech.ssml.replace('<speak>', `<speak>${sentence} `) } };
}
