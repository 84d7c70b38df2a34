/** `npm run chat`'s session and matcher against the real local stack: what a person typing sees. */
import model from '../../skill/skill-package/interactionModels/custom/en-US.json';
import { ChatSession } from '../../infra/local/chat/session';
import { createUtteranceMatcher } from '../../infra/local/chat/utterance-matcher';
import { LocalStackHarness } from '../support/local-stack-harness';

describe('npm run chat against the real stack', () => {
  let vg: LocalStackHarness;
  beforeAll(async () => (vg = await LocalStackHarness.start()));
  afterAll(async () => vg.close());

  async function chatAs(userId: string): Promise<{ session: ChatSession; printed: string[] }> {
    const printed: string[] = [];
    const session = new ChatSession({
      baseUrl: vg.stack.url,
      operatorToken: vg.operatorToken,
      userId,
      matcher: createUtteranceMatcher(model),
      print: (line) => printed.push(line),
    });
    await session.connect();
    return { session, printed };
  }

  it('a name the skill does not know gets the skill\'s own answer, not "I did not get that"', async () => {
    const { session, printed } = await chatAs('alice');

    await session.say('start database');

    expect(printed).toEqual(["alexa> I can't find an instance called database."]);
  });

  it("bob's greeting suggests a command bob may give, not alice's splunk", async () => {
    const { session, printed } = await chatAs('bob');

    await session.say('open cloud control');
    await session.say('help');

    expect(printed).toEqual([
      'alexa> Welcome to cloud control. You can say "list instances", or "stop web".',
      'alexa> You can say "list instances", or a command like "stop web". I will send you a code; then say "authorize" and the code.',
    ]);
  });

  it("shows only the speaking user's phone and inbox, never another user's code", async () => {
    const alice = await chatAs('alice');
    const bob = await chatAs('bob');

    await alice.session.say('start splunk');
    await bob.session.say('list instances');

    expect(alice.printed).toContainEqual(expect.stringMatching(/^\[phone \+1•••••••0101\] VoiceGate code \d{6} to start splunk/));
    expect(bob.printed).toEqual([expect.stringMatching(/^alexa> You have one instance: web is running\.$/)]);
    await alice.session.say('cancel');
  });
});
