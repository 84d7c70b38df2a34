import { randomUUID } from 'node:crypto';
import { StopInstancesCommand } from '@aws-sdk/client-ec2';
import { RedriveExecutionCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { motoImplements, motoInstalled } from '../../infra/emulator/moto-process';
import { CONVERSATION_TIMEOUT_MS, describeOnEmulator } from './support/describe-on-emulator';
import { EMULATOR_CODE_TTL_SECONDS } from './support/emulator-settings';

// moto 5.2.1 serves no RedriveExecution (its Step Functions responses have no handler for it).
const REDRIVE = motoImplements('stepfunctions', 'redrive_execution');
const REDRIVE_SKIPPED = ' [skipped: this moto has no RedriveExecution]';
if (!REDRIVE && motoInstalled()) process.stderr.write(`emulator: the redrive test is skipped: moto has no RedriveExecution (docs/deploy.md)\n`);

/** S14 on moto's Step Functions: a command acts once, however often its execution is started. */
describeOnEmulator('at most once on the emulated AWS account', (account) => {
  jest.setTimeout(CONVERSATION_TIMEOUT_MS + EMULATOR_CODE_TTL_SECONDS * 1000);

  it('the same command started twice (a retried StartExecution) is one execution and one code', async () => {
    const hank = await account().newPerson(['*']);
    const { alias } = await account().newInstance('stopped');
    await account().say(hank, 'StartInstanceIntent', { instance: alias });
    await account().codeTexted(hank);
    const [execution] = await account().executionsOf(hank.userId);

    const again = await account().aws.sfn.send(
      new StartExecutionCommand({ stateMachineArn: account().outputs.StateMachineArn, name: execution!.name, input: JSON.stringify(execution!.input) }),
    );

    expect(again.executionArn).toBe(execution!.executionArn);
    expect(await account().executionsOf(hank.userId)).toHaveLength(1);
    expect(await account().textsTo(hank.phone)).toHaveLength(1);
  });

  it('"New execution" with the old input (same commandId) never acts a second time, even when its fresh code is spoken', async () => {
    const iris = await account().newPerson(['*']);
    const { alias, instanceId } = await account().newInstance('stopped');
    await account().say(iris, 'StartInstanceIntent', { instance: alias });
    await account().say(iris, 'AuthorizeIntent', { code: await account().codeTexted(iris) });
    const [original] = await account().executionsOf(iris.userId);
    expect(await account().executionEnds(original!.executionArn!)).toEqual({ status: 'SUCCEEDED' });
    // The operator stops it again, so a second start would show.
    await account().aws.ec2.send(new StopInstancesCommand({ InstanceIds: [instanceId] }));

    const replay = await account().aws.sfn.send(
      new StartExecutionCommand({ stateMachineArn: account().outputs.StateMachineArn, name: randomUUID(), input: JSON.stringify(original!.input) }),
    );
    const freshCode = await account().codeTexted(iris, 1);
    const answer = await account().say(iris, 'AuthorizeIntent', { code: freshCode });

    expect(answer).toMatch(/^(Your earlier command is done: I have started \w+\.|Code accepted\.)/);
    // It ends without performing: as the code expires, or at once where the workflow checks the ledger first.
    expect(await account().executionEnds(replay.executionArn!, (EMULATOR_CODE_TTL_SECONDS + 60) * 1000)).toMatchObject({
      status: expect.stringMatching(/^(SUCCEEDED|FAILED)$/),
    });
    expect(await account().instanceState(alias)).toBe('stopped');
  });

  (REDRIVE ? it : it.skip)(`a redrive of a cancelled command never acts${REDRIVE ? '' : REDRIVE_SKIPPED}`, async () => {
    const jo = await account().newPerson(['*']);
    const { alias } = await account().newInstance('stopped');
    await account().say(jo, 'StartInstanceIntent', { instance: alias });
    const code = await account().codeTexted(jo);
    expect(await account().say(jo, 'AMAZON.CancelIntent')).toBe(`Cancelled starting ${alias}.`);
    const [execution] = await account().executionsOf(jo.userId);
    expect(await account().executionEnds(execution!.executionArn!)).toEqual({ status: 'FAILED', error: 'CommandCancelled' });

    await account().aws.sfn.send(new RedriveExecutionCommand({ executionArn: execution!.executionArn }));

    expect(await account().executionEnds(execution!.executionArn!, (EMULATOR_CODE_TTL_SECONDS + 60) * 1000)).toMatchObject({ status: 'FAILED' });
    expect(await account().say(jo, 'AuthorizeIntent', { code })).toBe('There is no command waiting for a code.');
    expect(await account().instanceState(alias)).toBe('stopped');
  });
});
