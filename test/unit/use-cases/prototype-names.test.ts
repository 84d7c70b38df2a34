import type { Command } from '../../../functions/domain/command';
import type { Device } from '../../../functions/domain/device';
import { issueChallenge } from '../../../functions/use-cases/issue-challenge';
import type { RequestOutcome } from '../../../functions/use-cases/request-command';
import { requestCommand } from '../../../functions/use-cases/request-command';
import { requestDeviceCommand, type DeviceRequestOutcome } from '../../../functions/use-cases/request-device-command';
import { resendCode } from '../../../functions/use-cases/resend-code';
import { ALICE, fakeWorld, type FakeWorld } from '../../support/fakes/fake-deps';

const NAMES = ['constructor', '__proto__', 'toString'];

/** Issue 11, hole 9: names users choose are never used as plain-object keys. */
describe('a device or alias named after an Object property', () => {
  let world: FakeWorld;
  beforeEach(() => {
    world = fakeWorld();
  });

  /** The request's command, then the workflow's send-code step run on it as the engine would. */
  async function confirmed(outcome: RequestOutcome | DeviceRequestOutcome): Promise<Command> {
    if (!('command' in outcome)) throw new Error(`no command: ${outcome.kind}`);
    const { executionId } = await world.workflow.start({ command: outcome.command });
    await issueChallenge(world.deps, { command: outcome.command, executionId, taskToken: world.workflow.tokenOf(executionId) });
    return outcome.command;
  }

  it.each(NAMES)('a device called "%s" gets its code, and a resend by e-mail, like any other', async (name) => {
    const device: Device = { thingName: `thing-${name.replace(/_/g, 'x')}`, name, owner: 'alice', type: 'lock' };
    world.devices.register(device);

    const command = await confirmed(await requestDeviceCommand(world.deps, ALICE, 'lock', name));

    expect(command).toMatchObject({ policyTarget: name, target: `the ${name}` });
    expect(world.outbox.messages.map((m) => m.channel)).toEqual(['sms']);
    expect(await resendCode(world.deps, 'alice', 'email')).toMatchObject({ kind: 'sent', channel: 'email' });
  });

  it.each(NAMES)('an instance called "%s" gets its code like any other', async (alias) => {
    world.fleet.add({ instanceId: `i-0${alias.length}`, alias, state: 'stopped' });

    const command = await confirmed(await requestCommand(world.deps, ALICE, 'start', alias));

    expect(command).toMatchObject({ target: alias, policyTarget: alias });
    expect(world.outbox.messages).toHaveLength(1);
  });
});
