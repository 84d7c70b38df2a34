import { CONVERSATION_TIMEOUT_MS, describeOnEmulator } from './support/describe-on-emulator';
import type { Person } from './support/emulated-account';

// perform-action's bounded wait for the device's report (DEFAULT_SETTINGS.deviceResponseWaitMs) is 10 s.
const SILENT_DEVICE_TIMEOUT_MS = CONVERSATION_TIMEOUT_MS + 60_000;

/**
 * A device command on the emulated account: the thing registered by the operator command,
 * perform-action's bundle setting the shadow's `desired` through the IoT data plane, and the
 * test playing the device, which reports through the same API.
 */
describeOnEmulator('a device command through the IoT data plane on the emulated AWS account', (account) => {
  jest.setTimeout(SILENT_DEVICE_TIMEOUT_MS);

  /** A person of the test's own with a lock named "front door", registered as docs/deploy.md says and reporting "locked". */
  async function ownerOfAFrontDoor(): Promise<{ owner: Person; thingName: string }> {
    const owner = await account().newPerson(['*']);
    const { thingName, log } = await account().registerDevice({ owner: owner.userId, name: 'front door', type: 'lock' });
    expect(log).toContain(`registered ${thingName} ("front door", lock) for ${owner.userId}`);
    await account().reportAsDevice(thingName, { lock: 'locked' });
    return { owner, thingName };
  }

  /** The device's side: once VoiceGate asks (desired), it acts and reports. */
  function deviceThatObeys(thingName: string): Promise<void> {
    return account()
      .waitFor('the desired state on the shadow', async () => ((await account().shadowOf(thingName)).desired?.lock === 'unlocked' ? true : undefined))
      .then(() => account().reportAsDevice(thingName, { lock: 'unlocked' }));
  }

  async function unlockWithTheTextedCode(owner: Person): Promise<string> {
    expect(await account().say(owner, 'DeviceCommandIntent', { action: 'unlock', device: 'front door' })).toMatch(
      /^To confirm unlocking the front door I (sent a 6-digit code to your phone ending in \d \d|am sending you a code)\. Say authorize and the code( when it arrives)?\.$/,
    );
    return account().say(owner, 'AuthorizeIntent', { code: await account().codeTexted(owner) });
  }

  it('"unlock the front door" → SMS → authorize: the shadow is asked to unlock, the device reports it, the execution succeeds', async () => {
    const { owner, thingName } = await ownerOfAFrontDoor();
    const device = deviceThatObeys(thingName);

    const answer = await unlockWithTheTextedCode(owner);
    await device;

    expect(answer).toMatch(/^Code accepted\. (The front door is unlocked|Unlocking the front door is under way)\.$/);
    const [execution] = await account().executionsOf(owner.userId);
    expect(await account().executionEnds(execution!.executionArn!)).toEqual({ status: 'SUCCEEDED' });
    expect(await account().shadowOf(thingName)).toMatchObject({ desired: { lock: 'unlocked' }, reported: { lock: 'unlocked' } });
    expect(await account().wholeAuditTrail(execution!.input.command.commandId)).toEqual([
      'Command Requested',
      'Code Sent',
      'Code Verified',
      'Action Succeeded',
    ]);
    // An answer that said "under way" is followed up at the next turn.
    expect(await account().say(owner, 'DeviceStatusIntent', { device: 'front door' })).toMatch(
      /^(Your earlier command is done: the front door is unlocked\. )?The front door is unlocked\. It reported (just now|\d+ seconds ago)\.$/,
    );
  });

  it('a device that never reports: Action Failed after the bounded wait, and the unlock request is withdrawn from the shadow', async () => {
    const { owner, thingName } = await ownerOfAFrontDoor();

    const answer = await unlockWithTheTextedCode(owner);

    expect(answer).toMatch(
      /^Code accepted(, but unlocking the front door failed: the front door did not respond\. Check that it is powered and online, then ask again|\. Unlocking the front door is under way)\.$/,
    );
    const [execution] = await account().executionsOf(owner.userId);
    expect(await account().executionEnds(execution!.executionArn!)).toMatchObject({ status: 'FAILED', error: 'ActionFailed' });
    const shadow = await account().shadowOf(thingName);
    expect(shadow.desired?.lock).toBeUndefined();
    expect(shadow.reported).toEqual({ lock: 'locked' });
    expect(await account().wholeAuditTrail(execution!.input.command.commandId)).toEqual(['Command Requested', 'Code Sent', 'Code Verified', 'Action Failed']);
  });
});
