/** The skill's one log line per request, its apology when a handler fails, and the cause it logs (S12: nothing secret). */
import { Speech } from '../../../functions/domain/speech';
import { intentRequest, launchRequest } from '../../fixtures/alexa/envelopes';
import { ALICE } from '../../support/fakes/fake-deps';
import { skillWorld, type SkillWorld } from '../../support/fakes/skill-world';

describe('the skill: request log and failures', () => {
  let world: SkillWorld;
  beforeEach(() => {
    world = skillWorld();
  });
  const lines = () => world.log.entries.map(({ level, message, fields }) => ({ level, message, ...fields }));

  it('writes one line per request: type, intent, linked user, outcome in the product’s words, duration', async () => {
    await world.send(launchRequest({ accessToken: world.tokenFor('alice') }));
    await world.say('alice', 'StartInstanceIntent', { instance: 'splunk' });
    const code = world.outbox.lastCodeTo(ALICE.phone);
    await world.say('alice', 'AuthorizeIntent', { code });
    await world.say('bob', 'StartInstanceIntent', { instance: 'splunk' });
    await world.say(undefined, 'ListInstancesIntent');

    expect(lines()).toEqual([
      { level: 'info', message: 'request', requestType: 'LaunchRequest', intent: undefined, userId: 'alice', outcome: 'answered', durationMs: 0 },
      { level: 'info', message: 'request', requestType: 'IntentRequest', intent: 'StartInstanceIntent', userId: 'alice', outcome: 'code-sent', durationMs: 0 },
      {
        level: 'info',
        message: 'request',
        requestType: 'IntentRequest',
        intent: 'AuthorizeIntent',
        userId: 'alice',
        outcome: 'accepted-succeeded',
        durationMs: 0,
      },
      { level: 'info', message: 'request', requestType: 'IntentRequest', intent: 'StartInstanceIntent', userId: 'bob', outcome: 'not-allowed', durationMs: 0 },
      {
        level: 'info',
        message: 'request',
        requestType: 'IntentRequest',
        intent: 'ListInstancesIntent',
        userId: undefined,
        outcome: 'link-account',
        durationMs: 0,
      },
    ]);
    expect(world.log.text()).not.toContain(code);
    expect(world.log.text()).not.toContain(ALICE.phone);
    expect(world.log.text()).not.toContain(world.tokenFor('alice'));
  });

  it('measures the duration on the clock from the request to its answer', async () => {
    world.holdCodes();

    await world.say('alice', 'StartInstanceIntent', { instance: 'splunk' });

    const [line] = world.log.entries;
    expect(line!.fields.outcome).toBe('delivery-pending');
    // The wait for the code moved the clock on; the line counts that, and nothing before the request.
    expect(line!.fields.durationMs).toBeGreaterThan(0);
    expect(line!.fields.durationMs).toBeLessThanOrEqual(world.settings.deliveryWaitMs);
  });

  it('apologizes and keeps the session open when a handler fails, logging the error’s name and message as the cause', async () => {
    world.fleet.list = async () => {
      throw new RangeError('EC2 unreachable');
    };

    const reply = await world.say('alice', 'ListInstancesIntent');

    expect(reply).toEqual({ speech: Speech.tryAgain(), reprompt: undefined, endsSession: false, card: undefined });
    expect(lines()).toEqual([
      {
        level: 'error',
        message: 'request failed',
        requestType: 'IntentRequest',
        intent: 'ListInstancesIntent',
        userId: 'alice',
        outcome: 'error',
        durationMs: 0,
        cause: 'RangeError: EC2 unreachable',
      },
    ]);
  });

  it('logs which intent or request type no handler takes, not only that the dispatcher found none', async () => {
    const canFulfill = launchRequest({ accessToken: world.tokenFor('alice') });
    canFulfill.request.type = 'CanFulfillIntentRequest';

    expect((await world.send(intentRequest('OrderPizzaIntent', {}, { accessToken: world.tokenFor('alice') }))).speech).toBe(Speech.tryAgain());
    expect((await world.send(canFulfill)).speech).toBe(Speech.tryAgain());

    expect(world.log.errors().map((entry) => [entry.fields.intent, entry.fields.cause])).toEqual([
      ['OrderPizzaIntent', 'no handler for intent OrderPizzaIntent'],
      [undefined, 'no handler for request type CanFulfillIntentRequest'],
    ]);
  });
});
