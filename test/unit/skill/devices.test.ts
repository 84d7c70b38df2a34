/** "unlock the front door" and "what is the status of the front door" through the real skill. */
import { DeviceSpeech } from '../../../functions/domain/device-speech';
import { Speech } from '../../../functions/domain/speech';
import { ALICE } from '../../support/fakes/fake-deps';
import { FRONT_DOOR } from '../../support/fakes/in-memory-devices';
import { skillWorld, type SkillWorld } from '../../support/fakes/skill-world';

describe('the skill: devices', () => {
  let world: SkillWorld;
  beforeEach(() => {
    world = skillWorld();
  });

  it('asks for a code before unlocking the front door, and changes nothing yet', async () => {
    const reply = await world.say('alice', 'DeviceCommandIntent', { device: 'front door', action: 'Unlock' });

    const masked = (await world.challenges.get('alice'))!.maskedDestination;
    expect(reply).toMatchObject({ speech: Speech.codeSent('unlock', 'the front door', 6, 'sms', masked), reprompt: 'Say authorize and the code.' });
    expect(await world.challenges.get('alice')).toMatchObject({ action: 'unlock', status: 'pending' });
    expect(world.outbox.messages.map((m) => m.to)).toEqual([ALICE.phone]);
    expect(world.devices.requested).toEqual([]);
  });

  it('asks which device, or what to do, when either was not heard', async () => {
    expect(await world.say('alice', 'DeviceCommandIntent', { device: undefined, action: 'unlock' })).toMatchObject({
      speech: DeviceSpeech.missingDevice(),
      reprompt: DeviceSpeech.missingDevice(),
    });
    expect(await world.say('alice', 'DeviceCommandIntent', { device: 'front door', action: 'dance' })).toMatchObject({
      speech: DeviceSpeech.missingAction(),
      reprompt: DeviceSpeech.missingAction(),
    });
    expect(await world.say('alice', 'DeviceCommandIntent', { device: 'front door', action: undefined })).toMatchObject({
      speech: DeviceSpeech.missingAction(),
      reprompt: DeviceSpeech.missingAction(),
    });
    expect(await world.challenges.get('alice')).toBeUndefined();
  });

  it("says it cannot find a device the user does not own (bob's garage for alice)", async () => {
    const reply = await world.say('alice', 'DeviceCommandIntent', { device: 'garage door', action: 'open' });

    expect(reply).toEqual({ speech: Speech.unknownDevice(), reprompt: undefined, endsSession: false, card: undefined });
    expect((await world.say('alice', 'DeviceStatusIntent', { device: 'garage door' })).speech).toBe(Speech.unknownDevice());
    expect(await world.challenges.get('alice')).toBeUndefined();
  });

  it('says what a device can do when asked for something else', async () => {
    const reply = await world.say('alice', 'DeviceCommandIntent', { device: 'front door', action: 'open' });

    expect(reply).toEqual({ speech: DeviceSpeech.unsupported('front door', ['lock', 'unlock']), reprompt: undefined, endsSession: false, card: undefined });
  });

  it('tells the reported state and how long ago it was reported, without a code', async () => {
    world.clock.advance(120_000);

    const reply = await world.say('alice', 'DeviceStatusIntent', { device: 'front door' });

    expect(reply).toEqual({ speech: DeviceSpeech.status('front door', 'locked', 120_000), reprompt: undefined, endsSession: false, card: undefined });
    expect(world.outbox.messages).toEqual([]);
  });

  it('says a device has not reported when its shadow has no state', async () => {
    await world.devices.report(FRONT_DOOR.thingName, { lock: null });

    expect((await world.say('alice', 'DeviceStatusIntent', { device: 'front door' })).speech).toBe(DeviceSpeech.notReported('front door'));
  });

  it('tells the state without a time when the shadow has no report time', async () => {
    const read = world.devices.read.bind(world.devices);
    world.devices.read = async (thingName) => {
      const shadow = await read(thingName);
      return shadow && { ...shadow, lastReportAt: undefined };
    };

    expect((await world.say('alice', 'DeviceStatusIntent', { device: 'front door' })).speech).toBe(DeviceSpeech.status('front door', 'locked', undefined));
  });
});
