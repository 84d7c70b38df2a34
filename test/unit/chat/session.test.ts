import model from '../../../skill/skill-package/interactionModels/custom/en-US.json';
import { ChatSession, ServerUnreachableError, type ChatSessionOptions } from '../../../infra/local/chat/session';
import { createUtteranceMatcher } from '../../../infra/local/chat/utterance-matcher';
import { readOperatorToken } from '../../../infra/local/identity/operator-token';
import { closedPort, speech, startStubStack, type StubStack } from './stub-stack';

const matcher = createUtteranceMatcher(model);
const CODE_SMS = {
  id: 'm-1',
  channel: 'sms' as const,
  to: '+15555550101',
  body: 'VoiceGate code 482913 to start splunk. Expires in 5 minutes.',
  sentAt: '2026-11-05T10:00:01Z',
};

function chatOptions(stack: StubStack, printed: string[]): ChatSessionOptions {
  return { baseUrl: stack.baseUrl, operatorToken: readOperatorToken(stack.dataDir), userId: 'alice', matcher, print: (line) => printed.push(line) };
}

describe('ChatSession against a stub of the local stack', () => {
  let stack: StubStack;
  let printed: string[];
  let chat: ChatSession;

  beforeEach(async () => {
    stack = await startStubStack();
    printed = [];
    chat = new ChatSession(chatOptions(stack, printed));
  });
  afterEach(() => stack.close());

  it('carries the session id and attributes from turn to turn, with session.new only on the first', async () => {
    // Arrange
    stack.answerAlexa = (envelope) =>
      envelope.request.intent?.name === 'StartInstanceIntent'
        ? speech('To confirm starting splunk I sent a code.', { sessionAttributes: { pendingCommandId: 'c-1' } })
        : speech('Code accepted.', { sessionAttributes: { pendingCommandId: 'c-1', turn: 2 } });
    await chat.connect();

    // Act
    await chat.say('start splunk');
    await chat.say('authorize 4 8 2 9 1 3');
    await chat.say('list instances');

    // Assert
    const [first, second, third] = stack.alexaRequests();
    expect(first!.session.new).toBe(true);
    expect(first!.session.attributes).toEqual({});
    expect(first!.request.intent).toMatchObject({ name: 'StartInstanceIntent', slots: { instance: { value: 'splunk' } } });
    expect(second!.session.new).toBe(false);
    expect(second!.session.attributes).toEqual({ pendingCommandId: 'c-1' });
    expect(second!.request.intent).toMatchObject({ name: 'AuthorizeIntent', slots: { code: { value: '482913' } } });
    expect(third!.session.attributes).toEqual({ pendingCommandId: 'c-1', turn: 2 });
    expect(new Set([first, second, third].map((envelope) => envelope!.session.sessionId)).size).toBe(1);
  });

  it('links the account: one token for the user, in both places of every envelope', async () => {
    await chat.connect();

    await chat.say('list instances');
    await chat.say('start web');

    const tokenRequests = stack.requests.filter(({ path }) => path === '/api/dev/tokens');
    expect(tokenRequests).toEqual([{ method: 'POST', path: '/api/dev/tokens', body: { userId: 'alice' } }]);
    for (const envelope of stack.alexaRequests()) {
      expect(envelope.session.user.accessToken).toBe('token-1');
      expect(envelope.context.System.user.accessToken).toBe('token-1');
    }
  });

  it('opens a new Alexa session, with a fresh token, after the skill ended the previous one', async () => {
    stack.answerAlexa = () => speech('Goodbye.', { sessionAttributes: { stale: true }, shouldEndSession: true });
    await chat.connect();

    await chat.say('stop');
    await chat.say('list instances');

    const [ended, next] = stack.alexaRequests();
    expect(printed).toEqual(['alexa> Goodbye.', '[session closed]', 'alexa> Goodbye.', '[session closed]']);
    expect(next!.session.new).toBe(true);
    expect(next!.session.sessionId).not.toBe(ended!.session.sessionId);
    expect(next!.session.attributes).toEqual({});
    expect(next!.session.user.accessToken).toBe('token-2');
  });

  it('prints each new outbox message once, masked, and never the ones from before the chat', async () => {
    // Arrange
    stack.outbox.push({ ...CODE_SMS, id: 'old', body: 'an earlier code' });
    stack.answerAlexa = (envelope) => {
      if (envelope.request.intent?.name === 'StartInstanceIntent') stack.outbox.push(CODE_SMS);
      return speech('To confirm starting splunk I sent a 6-digit code to your phone ending in 0 1.');
    };
    await chat.connect();

    // Act
    await chat.say('start splunk');
    stack.outbox.push({ ...CODE_SMS, id: 'm-2', channel: 'email', to: 'alice@example.com', body: 'VoiceGate code 111222' });
    await chat.say('send it by email');

    // Assert
    expect(printed).toEqual([
      'alexa> To confirm starting splunk I sent a 6-digit code to your phone ending in 0 1.',
      '[phone +1•••••••0101] VoiceGate code 482913 to start splunk. Expires in 5 minutes.',
      'alexa> To confirm starting splunk I sent a 6-digit code to your phone ending in 0 1.',
      '[email a•••@example.com] VoiceGate code 111222',
    ]);
  });

  it('prints a LinkAccount card the way the Alexa app would show it', async () => {
    stack.answerAlexa = () => speech('Please link your account in the Alexa app.', { card: { type: 'LinkAccount' } });
    await chat.connect();

    await chat.say('start splunk');

    expect(printed).toEqual(['alexa> Please link your account in the Alexa app.', '[card] Link your account']);
  });

  it('sends "open cloud control" as a LaunchRequest', async () => {
    await chat.connect();

    await chat.say('open cloud control');

    expect(stack.alexaRequests()[0]!.request.type).toBe('LaunchRequest');
  });

  it('ends an open session with a SessionEndedRequest in that session, and sends nothing once closed', async () => {
    await chat.connect();
    await chat.end(); // nothing said yet: Alexa never opened a session with the skill
    await chat.say('list instances');

    await chat.end();
    await chat.end();

    const [turn, ended, ...rest] = stack.alexaRequests();
    expect(ended!.request).toMatchObject({ type: 'SessionEndedRequest', reason: 'USER_INITIATED' });
    expect(ended!.session.sessionId).toBe(turn!.session.sessionId);
    expect(rest).toEqual([]);
  });

  it('sends the configured skill id', async () => {
    const otherSkill = new ChatSession({ ...chatOptions(stack, printed), skillId: 'amzn1.ask.skill.other' });

    await otherSkill.say('list instances');

    const [envelope] = stack.alexaRequests();
    expect(envelope!.session.application.applicationId).toBe('amzn1.ask.skill.other');
    expect(envelope!.context.System.application.applicationId).toBe('amzn1.ask.skill.other');
  });

  it('rejects a turn the skill endpoint refuses, naming the status, and prints nothing', async () => {
    stack.alexaStatus = 403;

    await expect(chat.say('list instances')).rejects.toThrow('POST /alexa answered 403');
    expect(printed).toEqual([]);
  });
});

describe('ChatSession without a server', () => {
  it('fails to connect with ServerUnreachableError', async () => {
    const chat = new ChatSession({
      baseUrl: `http://127.0.0.1:${await closedPort()}`,
      operatorToken: 'unused',
      userId: 'alice',
      matcher,
      print: () => undefined,
    });

    await expect(chat.connect()).rejects.toBeInstanceOf(ServerUnreachableError);
  });
});
