/** "authorize 482913" through the real skill: the linked user's own pending command only, and what they hear. */
import { Speech } from '../../../functions/domain/speech';
import { totpCode } from '../../../functions/domain/totp';
import { enrolledAuthenticator } from '../../support/fakes/device-factor-world';
import { ALICE } from '../../support/fakes/fake-deps';
import { skillWorld, type SkillWorld } from '../../support/fakes/skill-world';

const AUTHORIZE_REPROMPT = 'Say authorize and the code.';
const WRONG_CODE = '000000';

describe('the skill: authorize', () => {
  let world: SkillWorld;
  /** Alice asks to start splunk; the code she is sent. */
  const aliceStartsSplunk = async () => {
    await world.say('alice', 'StartInstanceIntent', { instance: 'splunk' });
    return world.outbox.lastCodeTo(ALICE.phone);
  };
  beforeEach(() => {
    world = skillWorld();
  });

  it('accepts the code of the linked user’s pending command, hands it to the workflow and says it is done', async () => {
    const code = await aliceStartsSplunk();

    const reply = await world.say('alice', 'AuthorizeIntent', { code });

    expect(reply).toEqual({ speech: Speech.codeAccepted('start', 'splunk'), reprompt: undefined, endsSession: false, card: undefined });
    expect(await world.challenges.get('alice')).toMatchObject({ status: 'verified' });
  });

  it('says the pending command kept changing, and listens for the code again, when every write of the verdict loses a race', async () => {
    const code = await aliceStartsSplunk();
    world.challenges.save = async () => false;

    const reply = await world.say('alice', 'AuthorizeIntent', { code });

    expect(reply).toEqual({ speech: Speech.pendingCommandKeptChanging(), reprompt: AUTHORIZE_REPROMPT, endsSession: false, card: undefined });
    expect(world.log.entries.at(-1)!.fields.outcome).toBe('kept-changing');
  });

  it('refuses a wrong code, says how many tries are left and listens for another', async () => {
    await aliceStartsSplunk();

    const reply = await world.say('alice', 'AuthorizeIntent', { code: WRONG_CODE });

    expect(reply).toEqual({ speech: Speech.codeRejected(2), reprompt: AUTHORIZE_REPROMPT, endsSession: false, card: undefined });
    expect(await world.challenges.get('alice')).toMatchObject({ status: 'pending', attemptsLeft: 2 });
    expect(world.log.entries.at(-1)!.fields.outcome).toBe('rejected');
  });

  it('cancels the command after the third wrong code (S7) and stops listening for codes', async () => {
    const code = await aliceStartsSplunk();
    await world.say('alice', 'AuthorizeIntent', { code: WRONG_CODE });
    await world.say('alice', 'AuthorizeIntent', { code: WRONG_CODE });

    const reply = await world.say('alice', 'AuthorizeIntent', { code: WRONG_CODE });

    expect(reply).toEqual({ speech: Speech.lockedOut('start', 'splunk'), reprompt: undefined, endsSession: false, card: undefined });
    expect((await world.say('alice', 'AuthorizeIntent', { code })).speech).toBe(Speech.nothingPending());
  });

  it('never lets one user’s code confirm another user’s command (S4)', async () => {
    const code = await aliceStartsSplunk();

    const reply = await world.say('bob', 'AuthorizeIntent', { code });

    expect(reply.speech).toBe(Speech.nothingPending());
    expect(await world.challenges.get('alice')).toMatchObject({ status: 'pending', attemptsLeft: 3 });
  });

  it('asks for the code when none was heard, and counts no attempt', async () => {
    await aliceStartsSplunk();

    const reply = await world.say('alice', 'AuthorizeIntent', { code: undefined });

    expect(reply).toMatchObject({ speech: Speech.missingCode(), reprompt: Speech.missingCode() });
    expect(await world.challenges.get('alice')).toMatchObject({ attemptsLeft: 3 });
  });

  it('takes a blank code slot as no code heard, and counts no attempt', async () => {
    await aliceStartsSplunk();

    expect((await world.say('alice', 'AuthorizeIntent', { code: '   ' })).speech).toBe(Speech.missingCode());
    expect(await world.challenges.get('alice')).toMatchObject({ attemptsLeft: 3 });
  });

  it('accepts the code with the spaces around it that were heard', async () => {
    const code = await aliceStartsSplunk();

    expect((await world.say('alice', 'AuthorizeIntent', { code: ` ${code} ` })).speech).toBe(Speech.codeAccepted('start', 'splunk'));
  });

  it('says there is nothing to authorize when no command waits, and keeps the session open', async () => {
    expect(await world.say('alice', 'AuthorizeIntent', { code: '482913' })).toEqual({
      speech: Speech.nothingPending(),
      reprompt: undefined,
      endsSession: false,
      card: undefined,
    });
  });

  it('refuses the right code once it has expired (S5)', async () => {
    const code = await aliceStartsSplunk();
    world.clock.advance(301_000);

    expect(await world.say('alice', 'AuthorizeIntent', { code })).toMatchObject({ speech: Speech.codeExpired(), reprompt: undefined });
    expect(await world.challenges.get('alice')).toMatchObject({ status: 'pending' });
  });

  it('says why the action failed after the code was accepted', async () => {
    world.workflow.afterVerification = 'FAILED';
    const code = await aliceStartsSplunk();

    const reply = await world.say('alice', 'AuthorizeIntent', { code });

    expect(reply).toMatchObject({ speech: Speech.codeAcceptedActionFailed('start', 'splunk', 'ActionFailed'), endsSession: false });
  });

  it('says the action is under way when it outlasts the wait, and tells its outcome first on the next request', async () => {
    world.workflow.afterVerification = 'RUNNING';
    const code = await aliceStartsSplunk();

    expect((await world.say('alice', 'AuthorizeIntent', { code })).speech).toBe(Speech.codeAcceptedUnderWay('start', 'splunk'));
    const list = Speech.instances(await world.fleet.list());
    expect((await world.say('alice', 'ListInstancesIntent')).speech).toBe(list);

    world.workflow.finish((await world.challenges.get('alice'))!.executionId, 'SUCCEEDED');
    const told = await world.say('alice', 'ListInstancesIntent');
    const again = await world.say('alice', 'ListInstancesIntent');

    expect(told.speech).toBe(`${Speech.earlierOutcome('start', 'splunk', true)} ${list}`);
    expect(again.speech).toBe(list);
  });

  it('tells a failed earlier outcome before the answer to the next command', async () => {
    world.workflow.afterVerification = 'RUNNING';
    const code = await aliceStartsSplunk();
    await world.say('alice', 'AuthorizeIntent', { code });
    world.workflow.finish((await world.challenges.get('alice'))!.executionId, 'FAILED');

    const told = await world.say('alice', 'StopInstanceIntent', { instance: 'web' });

    const masked = (await world.challenges.get('alice'))!.maskedDestination;
    expect(told.speech).toBe(`${Speech.earlierOutcome('start', 'splunk', false)} ${Speech.codeSent('stop', 'web', 6, 'sms', masked)}`);
  });

  describe('with an authenticator app', () => {
    let secret: string;
    beforeEach(async () => {
      secret = await enrolledAuthenticator(world);
    });

    it('refuses a code whose time step was already used, says so and listens for the next one (S6)', async () => {
      await world.say('alice', 'StartInstanceIntent', { instance: 'splunk' });
      const code = totpCode(secret, world.clock.now());
      await world.say('alice', 'AuthorizeIntent', { code });
      await world.say('alice', 'StopInstanceIntent', { instance: 'web' });

      const reply = await world.say('alice', 'AuthorizeIntent', { code });

      expect(reply).toEqual({ speech: Speech.codeReused(), reprompt: AUTHORIZE_REPROMPT, endsSession: false, card: undefined });
      expect(await world.challenges.get('alice')).toMatchObject({ target: 'web', status: 'pending' });
    });

    it('says when too many codes were tried, without checking this one (S8)', async () => {
      await world.say('alice', 'StartInstanceIntent', { instance: 'splunk' });
      for (let i = 0; i < 1_000 && (await world.deps.attemptLimiter.tryConsume('alice')).allowed; i++);

      const reply = await world.say('alice', 'AuthorizeIntent', { code: totpCode(secret, world.clock.now()) });

      expect(reply.speech).toMatch(/^You have tried too many codes/);
      expect(reply).toMatchObject({ reprompt: undefined, endsSession: false });
      expect(await world.challenges.get('alice')).toMatchObject({ status: 'pending' });
    });
  });
});
