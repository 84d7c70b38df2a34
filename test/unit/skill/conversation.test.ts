/** Opening, help, fallback, stop and session end: nothing sensitive, an example the linked user may actually give. */
import { Speech } from '../../../functions/domain/speech';
import { launchRequest, sessionEndedRequest } from '../../fixtures/alexa/envelopes';
import { skillWorld, type SkillWorld } from '../../support/fakes/skill-world';

describe('the skill: conversation', () => {
  let world: SkillWorld;
  beforeEach(() => {
    world = skillWorld();
  });

  it('welcomes an unlinked user with the generic example and keeps listening', async () => {
    expect(await world.send(launchRequest())).toEqual({ speech: Speech.welcome(), reprompt: Speech.help(), endsSession: false, card: undefined });
  });

  it('welcomes a linked user with a command they may give (bob may only control web, which runs)', async () => {
    const reply = await world.send(launchRequest({ accessToken: world.tokenFor('bob') }));

    expect(reply).toMatchObject({ speech: Speech.welcome('stop web'), reprompt: Speech.help('stop web') });
  });

  it('offers no example to a linked user who may control nothing', async () => {
    await world.users.create({ userId: 'carol', phone: '+15555550103', email: 'carol@example.com', targets: [], preferredChannel: 'sms' });

    const reply = await world.send(launchRequest({ accessToken: world.tokenFor('carol') }));

    expect(reply.speech).toBe(Speech.welcome(''));
    expect(reply.speech).not.toContain('splunk');
  });

  it.each(['AMAZON.HelpIntent', 'AMAZON.NavigateHomeIntent'])('%s explains what to say, with the user’s example', async (intent) => {
    expect(await world.say('bob', intent)).toMatchObject({ speech: Speech.help('stop web'), reprompt: Speech.help('stop web'), endsSession: false });
  });

  it('says it did not understand on a fallback, and suggests what to say', async () => {
    expect(await world.say('bob', 'AMAZON.FallbackIntent')).toMatchObject({ speech: Speech.fallback('stop web'), reprompt: Speech.help('stop web') });
  });

  it('says goodbye on stop and ends the session', async () => {
    expect(await world.say('alice', 'AMAZON.StopIntent')).toEqual({ speech: Speech.goodbye(), reprompt: undefined, endsSession: true, card: undefined });
  });

  it('answers the end of a session with nothing to say', async () => {
    expect(await world.send(sessionEndedRequest())).toEqual({ speech: undefined, reprompt: undefined, endsSession: undefined, card: undefined });
    expect(world.log.errors()).toEqual([]);
  });
});
