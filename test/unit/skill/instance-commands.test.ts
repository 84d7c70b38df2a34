/** "list instances" and "start splunk" through the real skill: what the user hears, and which workflow starts. */
import { Speech } from '../../../functions/domain/speech';
import type { SendRateLimiter } from '../../../functions/ports/send-rate-limiter';
import { intentRequest, type AlexaRequestEnvelope } from '../../fixtures/alexa/envelopes';
import { enrolledAuthenticator } from '../../support/fakes/device-factor-world';
import { ALICE, BOB, SPLUNK, WEB } from '../../support/fakes/fake-deps';
import { skillWorld, type SkillWorld } from '../../support/fakes/skill-world';

const AUTHORIZE_REPROMPT = 'Say authorize and the code.';

async function exhaust(limiter: SendRateLimiter, userId: string): Promise<void> {
  for (let i = 0; i < 1_000 && (await limiter.tryConsume(userId)); i++);
}

describe('the skill: listing and commanding instances', () => {
  let world: SkillWorld;
  beforeEach(() => {
    world = skillWorld();
  });

  it('lists only the instances the linked user may control, and keeps the session open', async () => {
    const reply = await world.say('bob', 'ListInstancesIntent');

    expect(reply).toEqual({ speech: Speech.instances([WEB]), reprompt: undefined, endsSession: false, card: undefined });
    expect(reply.speech).not.toContain('splunk');
  });

  it('sends a code for "start splunk", says where it went and listens for "authorize"', async () => {
    const reply = await world.say('alice', 'StartInstanceIntent', { instance: 'Splunk ' });

    const masked = (await world.challenges.get('alice'))!.maskedDestination;
    expect(reply).toEqual({ speech: Speech.codeSent('start', 'splunk', 6, 'sms', masked), reprompt: AUTHORIZE_REPROMPT, endsSession: false, card: undefined });
    expect(world.outbox.messages.map((m) => m.to)).toEqual([ALICE.phone]);
  });

  it.each([
    ['StartInstanceIntent', 'start', SPLUNK],
    ['StopInstanceIntent', 'stop', WEB],
    ['RebootInstanceIntent', 'reboot', WEB],
  ])('%s asks for a code to %s the spoken instance', async (intent, action, instance) => {
    await world.say('alice', intent, { instance: instance.alias });

    expect(await world.challenges.get('alice')).toMatchObject({ action, target: instance.alias, status: 'pending' });
  });

  it('asks which instance when none was heard, and starts nothing', async () => {
    const reply = await world.say('alice', 'StartInstanceIntent', { instance: undefined });

    expect(reply).toMatchObject({ speech: Speech.missingTarget(), reprompt: Speech.missingTarget() });
    expect(await world.challenges.get('alice')).toBeUndefined();
  });

  it('asks how to link the account when the request has no linked user, and starts nothing', async () => {
    const reply = await world.say(undefined, 'StartInstanceIntent', { instance: 'splunk' });

    expect(reply).toEqual({ speech: Speech.linkAccount(), reprompt: undefined, endsSession: true, card: 'LinkAccount' });
    expect(world.outbox.messages).toEqual([]);
    expect(await world.challenges.get('alice')).toBeUndefined();
  });

  it('treats a token for a user the directory does not know like no linked account (S9)', async () => {
    const reply = await world.say('mallory', 'ListInstancesIntent');

    expect(reply).toMatchObject({ speech: Speech.linkAccount(), card: 'LinkAccount' });
  });

  it('finds the linked user by the context token when the session carries none', async () => {
    const envelope = intentRequest('ListInstancesIntent', {}, { accessToken: world.tokenFor('bob') });
    delete envelope.session.user.accessToken;

    expect((await world.send(envelope)).speech).toBe(Speech.instances([WEB]));
  });

  it('finds the linked user by the session token when the context carries none', async () => {
    const envelope = intentRequest('ListInstancesIntent', {}, { accessToken: world.tokenFor('bob') });
    delete envelope.context.System.user.accessToken;

    expect((await world.send(envelope)).speech).toBe(Speech.instances([WEB]));
  });

  it('treats a request with no user in its context and no session as unlinked', async () => {
    const envelope: Partial<AlexaRequestEnvelope> = intentRequest('ListInstancesIntent', {}, { accessToken: world.tokenFor('bob') });
    delete (envelope.context!.System as Partial<AlexaRequestEnvelope['context']['System']>).user;
    delete envelope.session;

    expect(await world.send(envelope as AlexaRequestEnvelope)).toMatchObject({ speech: Speech.linkAccount(), card: 'LinkAccount' });
  });

  it('treats a request whose session has no user and whose context has no token as unlinked', async () => {
    const envelope: AlexaRequestEnvelope = intentRequest('ListInstancesIntent', {}, { accessToken: world.tokenFor('bob') });
    delete envelope.context.System.user.accessToken;
    delete (envelope.session as Partial<AlexaRequestEnvelope['session']>).user;

    expect(await world.send(envelope)).toMatchObject({ speech: Speech.linkAccount(), card: 'LinkAccount' });
  });

  it('tells the user why nothing happens, and keeps the session open', async () => {
    world.fleet.add({ instanceId: 'i-0123456789abcdef9', alias: 'build', state: 'stopped' });
    world.fleet.add({ instanceId: 'i-0123456789abcdefa', alias: 'build', state: 'stopped' });
    const cases: [string, string, string, string][] = [
      ['bob', 'StartInstanceIntent', 'splunk', Speech.notAllowed('splunk')],
      ['alice', 'StartInstanceIntent', 'mainframe', Speech.unknownTarget('mainframe')],
      ['alice', 'StopInstanceIntent', 'splunk', Speech.alreadyInState('splunk', 'stopped')],
      ['alice', 'RebootInstanceIntent', 'splunk', Speech.impossibleInState('reboot', 'splunk', 'stopped')],
      ['alice', 'StartInstanceIntent', 'build', Speech.duplicateAlias('build', 2)],
    ];
    for (const [userId, intent, instance, speech] of cases) {
      expect(await world.say(userId, intent, { instance })).toEqual({ speech, reprompt: undefined, endsSession: false, card: undefined });
    }
    expect(world.outbox.messages).toEqual([]);
  });

  it('says when the send limit is reached instead of sending a code (S8)', async () => {
    await exhaust(world.deps.sendLimiter, ALICE.userId);

    const reply = await world.say('alice', 'StartInstanceIntent', { instance: 'splunk' });

    expect(reply.speech).toBe(Speech.sendLimitReached(15));
    expect(reply).toMatchObject({ reprompt: undefined, endsSession: false });
    expect(world.outbox.messages).toEqual([]);
  });

  it('asks an authenticator user for the app code, and tells them when their attempt limit is reached (S8)', async () => {
    await enrolledAuthenticator(world);
    const sentBefore = world.outbox.messages.length;

    const asked = await world.say('alice', 'StartInstanceIntent', { instance: 'splunk' });
    expect(asked).toMatchObject({ speech: Speech.deviceCodeAsked('start', 'splunk', 'totp'), reprompt: AUTHORIZE_REPROMPT });
    expect(world.outbox.messages).toHaveLength(sentBefore);

    await exhaust(world.deps.attemptLimiter, ALICE.userId);
    expect((await world.say('alice', 'StopInstanceIntent', { instance: 'web' })).speech).toMatch(/^You have tried too many codes/);
  });

  it('names the factors the policy accepts when the user has none of them', async () => {
    world.settings.factorPolicy = { ...world.settings.factorPolicy, targets: { splunk: ['totp'] } };

    const reply = await world.say('alice', 'StartInstanceIntent', { instance: 'splunk' });

    expect(reply).toMatchObject({ speech: Speech.factorRequired(['totp']), endsSession: false });
  });

  it('says the code could not be delivered when the provider refuses it, and stops listening for a code', async () => {
    world.outbox.failWith = new Error('provider down');

    const reply = await world.say('alice', 'StartInstanceIntent', { instance: 'splunk' });

    expect(reply).toEqual({ speech: Speech.deliveryFailed('start', 'splunk'), reprompt: undefined, endsSession: false, card: undefined });
  });

  it('says the code is under way when it is not out yet, and listens for "authorize"', async () => {
    world.holdCodes();

    const reply = await world.say('alice', 'StartInstanceIntent', { instance: 'splunk' });

    expect(reply).toMatchObject({ speech: Speech.codeUnderWay('start', 'splunk'), reprompt: AUTHORIZE_REPROMPT });
  });

  it('tells the user which pending command a new one dropped (S13)', async () => {
    await world.say('alice', 'StartInstanceIntent', { instance: 'splunk' });

    const reply = await world.say('alice', 'StopInstanceIntent', { instance: 'web' });

    const masked = (await world.challenges.get('alice'))!.maskedDestination;
    expect(reply.speech).toBe(`${Speech.dropped('start', 'splunk')} ${Speech.codeSent('stop', 'web', 6, 'sms', masked)}`);
  });

  it('drops nothing when the earlier command is no longer pending', async () => {
    await world.say('alice', 'StartInstanceIntent', { instance: 'splunk' });
    await world.say('alice', 'AMAZON.CancelIntent');

    const reply = await world.say('alice', 'StopInstanceIntent', { instance: 'web' });

    expect(reply.speech).not.toContain('dropped');
  });

  it("bob's command never touches alice's pending one (each user has their own)", async () => {
    await world.say('alice', 'StartInstanceIntent', { instance: 'splunk' });
    await world.say('bob', 'StopInstanceIntent', { instance: 'web' });

    expect(await world.challenges.get('alice')).toMatchObject({ target: 'splunk', status: 'pending' });
    expect(await world.challenges.get('bob')).toMatchObject({ target: 'web', status: 'pending' });
    expect(world.outbox.messages.map((m) => m.to)).toEqual([ALICE.phone, BOB.phone]);
  });
});
