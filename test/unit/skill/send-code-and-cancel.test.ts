/** "send the code again", "send it by email" and "cancel" through the real skill. */
import { Speech } from '../../../functions/domain/speech';
import { enrolledAuthenticator } from '../../support/fakes/device-factor-world';
import { ALICE } from '../../support/fakes/fake-deps';
import { skillWorld, type SkillWorld } from '../../support/fakes/skill-world';

const AUTHORIZE_REPROMPT = 'Say authorize and the code.';

describe('the skill: sending the code again', () => {
  let world: SkillWorld;
  const maskedDestination = async () => (await world.challenges.get('alice'))!.maskedDestination;
  beforeEach(async () => {
    world = skillWorld();
  });

  it('sends a new code on the same channel, says where, and only the new code works', async () => {
    await world.say('alice', 'StartInstanceIntent', { instance: 'splunk' });
    const first = world.outbox.lastCodeTo(ALICE.phone);
    world.codes.push('246810');

    const reply = await world.say('alice', 'SendCodeIntent', { channel: undefined });

    expect(reply).toEqual({ speech: Speech.newCodeSent('sms', await maskedDestination()), reprompt: AUTHORIZE_REPROMPT, endsSession: false, card: undefined });
    expect(world.outbox.lastCodeTo(ALICE.phone)).toBe('246810');
    expect((await world.say('alice', 'AuthorizeIntent', { code: first })).speech).toBe(Speech.codeRejected(2));
    expect((await world.say('alice', 'AuthorizeIntent', { code: '246810' })).speech).toBe(Speech.codeAccepted('start', 'splunk'));
  });

  it.each(['email', 'E-Mail', 'mail', ' email '])('moves the code to e-mail when the user says "%s"', async (spoken) => {
    await world.say('alice', 'StartInstanceIntent', { instance: 'splunk' });

    const reply = await world.say('alice', 'SendCodeIntent', { channel: spoken });

    expect(reply.speech).toBe(Speech.newCodeSent('email', await maskedDestination()));
    expect(world.outbox.messages.map((m) => m.to)).toEqual([ALICE.phone, ALICE.email]);
  });

  it.each(['text', 'SMS', 'phone', 'text message'])('moves the code back to a text message when the user says "%s"', async (spoken) => {
    await world.say('alice', 'StartInstanceIntent', { instance: 'splunk' });
    await world.say('alice', 'SendCodeIntent', { channel: 'email' });

    await world.say('alice', 'SendCodeIntent', { channel: spoken });

    expect(world.outbox.messages.map((m) => m.to)).toEqual([ALICE.phone, ALICE.email, ALICE.phone]);
  });

  it('resends on the current channel when the channel word is not one it knows', async () => {
    await world.say('alice', 'StartInstanceIntent', { instance: 'splunk' });
    await world.say('alice', 'SendCodeIntent', { channel: 'email' });

    await world.say('alice', 'SendCodeIntent', { channel: 'pigeon' });

    expect(world.outbox.messages.map((m) => m.to)).toEqual([ALICE.phone, ALICE.email, ALICE.email]);
  });

  it('says there is nothing to send when no command waits, and keeps the session open', async () => {
    expect(await world.say('alice', 'SendCodeIntent', {})).toEqual({
      speech: Speech.nothingPending(),
      reprompt: undefined,
      endsSession: false,
      card: undefined,
    });
    expect(world.outbox.messages).toEqual([]);
  });

  it('says when the send limit is reached (S8), and apologizes when the provider refuses', async () => {
    await world.say('alice', 'StartInstanceIntent', { instance: 'splunk' });
    world.outbox.failWith = new Error('provider down');
    expect(await world.say('alice', 'SendCodeIntent', {})).toMatchObject({ speech: Speech.tryAgain(), reprompt: undefined, endsSession: false });

    world.outbox.failWith = undefined;
    for (let i = 0; i < 1_000 && (await world.deps.sendLimiter.tryConsume('alice')).allowed; i++);
    const limited = await world.say('alice', 'SendCodeIntent', {});
    expect(limited.speech).toMatch(/^You have asked for too many codes/);
    expect(limited.reprompt).toBeUndefined();
  });

  it('names the factors the policy accepts when the asked-for channel is not one of them', async () => {
    world.settings.factorPolicy = { ...world.settings.factorPolicy, targets: { splunk: ['sms'] } };
    await world.say('alice', 'StartInstanceIntent', { instance: 'splunk' });

    const reply = await world.say('alice', 'SendCodeIntent', { channel: 'email' });

    expect(reply).toMatchObject({ speech: Speech.factorRequired(['sms']), reprompt: undefined });
    expect(world.outbox.messages.map((m) => m.to)).toEqual([ALICE.phone]);
  });

  it('reminds an authenticator user that there is nothing to send, and listens for the app code', async () => {
    await enrolledAuthenticator(world);
    await world.say('alice', 'StartInstanceIntent', { instance: 'splunk' });
    const sent = world.outbox.messages.length;

    const reply = await world.say('alice', 'SendCodeIntent', {});

    expect(reply).toMatchObject({ speech: Speech.deviceCodeReminder('totp'), reprompt: AUTHORIZE_REPROMPT });
    expect(world.outbox.messages).toHaveLength(sent);
  });

  it('logs the resend outcome', async () => {
    await world.say('alice', 'SendCodeIntent', {});

    expect(world.log.entries.map((entry) => entry.fields.outcome)).toEqual(['resend-nothing-pending']);
  });
});

describe('the skill: cancel', () => {
  let world: SkillWorld;
  beforeEach(() => {
    world = skillWorld();
  });

  it('cancels the pending command, says which, ends the session, and its code no longer works', async () => {
    await world.say('alice', 'StartInstanceIntent', { instance: 'splunk' });
    const code = world.outbox.lastCodeTo(ALICE.phone);

    const reply = await world.say('alice', 'AMAZON.CancelIntent');

    expect(reply).toEqual({ speech: Speech.cancelled('start', 'splunk'), reprompt: undefined, endsSession: true, card: undefined });
    expect(await world.challenges.get('alice')).toMatchObject({ status: 'cancelled' });
    expect((await world.say('alice', 'AuthorizeIntent', { code })).speech).toBe(Speech.nothingPending());
    expect(world.log.entries.map((entry) => entry.fields.outcome)[1]).toBe('cancelled');
  });

  it('says goodbye when nothing is pending', async () => {
    expect(await world.say('alice', 'AMAZON.CancelIntent')).toEqual({ speech: Speech.goodbye(), reprompt: undefined, endsSession: true, card: undefined });
    expect(world.log.entries.map((entry) => entry.fields.outcome)).toEqual(['nothing-pending']);
  });

  it('says goodbye to an unlinked request and cancels nobody’s command', async () => {
    await world.say('alice', 'StartInstanceIntent', { instance: 'splunk' });

    expect((await world.say(undefined, 'AMAZON.CancelIntent')).speech).toBe(Speech.goodbye());
    expect(await world.challenges.get('alice')).toMatchObject({ status: 'pending' });
    expect(world.log.entries.at(-1)!.fields).toMatchObject({ userId: undefined, outcome: 'nothing-pending' });
  });
});
