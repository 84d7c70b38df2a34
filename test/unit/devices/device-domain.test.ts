import { describeOutcome } from '../../../functions/domain/command';
import { actionsOf, desiredStateFor, DEVICE_CATALOGUE, findOwnDevice, type Device } from '../../../functions/domain/device';
import { agoPhrase, DeviceSpeech } from '../../../functions/domain/device-speech';
import { Speech } from '../../../functions/domain/speech';

const devices: Device[] = [
  { thingName: 'front-door', name: 'front door', owner: 'alice', type: 'lock' },
  { thingName: '3d-printer', name: '3D printer', owner: 'alice', type: 'printer' },
];

describe('the device catalogue', () => {
  it.each([
    ['lock', 'lock', { property: 'lock', value: 'locked' }],
    ['lock', 'unlock', { property: 'lock', value: 'unlocked' }],
    ['printer', 'start', { property: 'status', value: 'printing' }],
    ['printer', 'stop', { property: 'status', value: 'idle' }],
    ['garage door', 'open', { property: 'door', value: 'open' }],
    ['garage door', 'close', { property: 'door', value: 'closed' }],
  ] as const)('a %s can %s: desired %j', (type, action, desired) => {
    expect(desiredStateFor(type, action)).toEqual(desired);
  });

  it('has no action a type does not list', () => {
    expect(desiredStateFor('lock', 'open')).toBeUndefined();
    expect(actionsOf('printer')).toEqual(['start', 'stop']);
  });

  it('starts every type in a state one of its actions leads to', () => {
    for (const spec of Object.values(DEVICE_CATALOGUE)) expect(Object.values(spec.actions)).toContain(spec.initial);
  });

  it('finds a device by its spoken name, with or without "the"/"my", in any case', () => {
    expect(findOwnDevice(devices, 'the Front  Door')?.thingName).toBe('front-door');
    expect(findOwnDevice(devices, 'my 3d printer')?.thingName).toBe('3d-printer');
    expect(findOwnDevice(devices, 'garage door')).toBeUndefined();
  });
});

describe('device speech', () => {
  it('"unlock the front door" → code → "Code accepted. The front door is unlocked."', () => {
    expect(Speech.codeSent('unlock', 'the front door', 6, 'sms', '***01')).toBe(
      'To confirm unlocking the front door I sent a 6-digit code to your phone ending in 0 1. Say authorize and the code.',
    );
    expect(Speech.codeAccepted('unlock', 'the front door')).toBe('Code accepted. The front door is unlocked.');
    expect(Speech.codeAccepted('close', 'the garage door')).toBe('Code accepted. The garage door is closed.');
    expect(Speech.codeAccepted('start', 'the 3D printer')).toBe('Code accepted. I have started the 3D printer.');
    expect(describeOutcome('start', 'splunk')).toBe('I have started splunk');
  });

  it('"what is the status of the front door"', () => {
    expect(DeviceSpeech.status('front door', 'locked', 4200)).toBe('The front door is locked. It reported 4 seconds ago.');
    expect(DeviceSpeech.notReported('3D printer')).toBe('The 3D printer has not reported its state yet.');
  });

  it('says the state without a time when the shadow has no report time', () => {
    expect(DeviceSpeech.status('front door', 'locked', undefined)).toBe('The front door is locked.');
  });

  it.each([
    [400, 'just now'],
    [1000, 'just now'],
    [59_000, '59 seconds ago'],
    [60_000, '1 minute ago'],
    [3_600_000, '1 hour ago'],
    [3 * 3_600_000, '3 hours ago'],
    [86_400_000, '1 day ago'],
    [2 * 86_400_000, '2 days ago'],
  ])('%d ms → "%s"', (ms, phrase) => {
    expect(agoPhrase(ms)).toBe(phrase);
  });
});
