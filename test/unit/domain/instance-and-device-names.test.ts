import { isDeviceAction, isDeviceType, isThingName, normalizeDeviceName, reportedStateOf } from '../../../functions/domain/device';
import { exampleCommand } from '../../../functions/domain/example-command';
import { actionFit, sameAlias, spokenState } from '../../../functions/domain/instance';
import { devicePolicyName, thingAttributes } from '../../../functions/domain/thing-policy';

describe('actionFit: an action refused before any code is sent', () => {
  it.each([
    ['start', 'running'],
    ['start', 'pending'],
    ['stop', 'stopped'],
    ['stop', 'stopping'],
  ])('%s on a %s instance: already done', (action, state) => {
    expect(actionFit(action, state)).toEqual({ kind: 'already', state });
  });

  it.each([
    ['start', 'stopping'],
    ['start', 'terminated'],
    ['stop', 'pending'],
    ['reboot', 'stopped'],
    ['reboot', 'shutting-down'],
  ])('%s on a %s instance: impossible', (action, state) => {
    expect(actionFit(action, state)).toEqual({ kind: 'impossible', state });
  });

  it.each([
    ['start', 'stopped'],
    ['stop', 'running'],
    ['reboot', 'running'],
    ['lock', 'running'],
  ])('%s on a %s instance: possible (an action with no rules is never refused here)', (action, state) => {
    expect(actionFit(action, state)).toEqual({ kind: 'possible' });
  });
});

describe('instance names and states as spoken', () => {
  it('says EC2 states as a person would, and any other state as it is', () => {
    expect(spokenState('pending')).toBe('starting');
    expect(spokenState('shutting-down')).toBe('shutting down');
    expect(spokenState('running')).toBe('running');
  });

  it('matches an alias whatever its case or surrounding spaces, on either side', () => {
    expect(sameAlias('Web', ' web ')).toBe(true);
    expect(sameAlias(' web ', 'WEB')).toBe(true);
    expect(sameAlias('web', 'webb')).toBe(false);
  });
});

describe('device names and values from outside', () => {
  it('takes only strings as thing names, device types and device actions', () => {
    expect(isThingName('voicegate-front_door-1')).toBe(true);
    expect(isThingName(12345)).toBe(false);
    expect(isThingName('front door')).toBe(false);
    expect(isDeviceType('lock')).toBe(true);
    expect(isDeviceType(['lock'])).toBe(false);
    expect(isDeviceType('toString')).toBe(false);
    expect(isDeviceAction('unlock')).toBe(true);
    expect(isDeviceAction('explode')).toBe(false);
  });

  it('reads a reported state only when the device reported text', () => {
    expect(reportedStateOf('lock', { lock: 'locked' })).toBe('locked');
    expect(reportedStateOf('lock', { lock: 1 })).toBeUndefined();
    expect(reportedStateOf('lock', {})).toBeUndefined();
  });

  it('matches spoken device names without "the"/"my", case or extra spaces, and only as a leading word', () => {
    expect(normalizeDeviceName('  The   Front   Door ')).toBe('front door');
    expect(normalizeDeviceName('my garage door')).toBe('garage door');
    expect(normalizeDeviceName('theatre light')).toBe('theatre light');
    expect(normalizeDeviceName('light by the door')).toBe('light by the door');
  });
});

describe('exampleCommand', () => {
  const instances = [
    { instanceId: 'i-1', alias: 'secret', state: 'stopped' },
    { instanceId: 'i-2', alias: 'busy', state: 'pending' },
    { instanceId: 'i-3', alias: 'web', state: 'running' },
    { instanceId: 'i-4', alias: 'splunk', state: 'stopped' },
  ];

  it('suggests the action the state allows, on the first instance the user may control', () => {
    expect(exampleCommand({ targets: ['busy', 'web', 'splunk'] }, instances)).toBe('stop web');
    expect(exampleCommand({ targets: ['splunk'] }, instances)).toBe('start splunk');
    expect(exampleCommand({ targets: ['*'] }, instances)).toBe('start secret');
  });

  it('suggests nothing when the user may control nothing, or nothing can be started or stopped', () => {
    expect(exampleCommand({ targets: [] }, instances)).toBeUndefined();
    expect(exampleCommand({ targets: ['busy'] }, instances)).toBeUndefined();
  });
});

describe('thing registry names', () => {
  it('names the device policy after the stack', () => {
    expect(devicePolicyName('VoiceGate')).toBe('VoiceGate-device');
  });

  it('stores the owner and the type, spaces in the type as underscores', () => {
    expect(thingAttributes({ owner: 'alice', type: 'garage door' })).toEqual({ owner: 'alice', type: 'garage_door' });
  });

  it('refuses an attribute value AWS IoT would refuse, naming the attribute', () => {
    expect(() => thingAttributes({ owner: 'alice smith', type: 'lock' })).toThrow('the thing attribute owner may not contain "alice smith"');
    expect(() => thingAttributes({ owner: 'alice', type: 'lock!' })).toThrow(TypeError);
  });
});
