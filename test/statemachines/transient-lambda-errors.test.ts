import type { LocalFunction } from '../../infra/local/workflow/service-integrations';
import { LOCAL_FUNCTION_NAMES } from '../../infra/local/workflow/local-functions';
import { ALICE_PHONE, LocalStackHarness } from '../support/local-stack-harness';

/** An error as Step Functions names a failed Lambda invocation. */
const lambdaError = (name: string) => Object.assign(new Error(`${name} (simulated)`), { name });

type Failure = 'before' | 'after';

/**
 * Makes the workflow's invocation of `functionName` fail with `errorName` on its first call,
 * either before the function runs (throttled, never reached) or after it ran (its answer lost).
 */
function failFirstCall(stack: LocalStackHarness, functionName: string, errorName: string, when: Failure): { calls: () => number } {
  const functions = stack.stack.workflowFunctions;
  const real: LocalFunction = functions[functionName]!;
  let calls = 0;
  functions[functionName] = async (payload) => {
    calls += 1;
    if (calls === 1 && when === 'before') throw lambdaError(errorName);
    const result = await real(payload);
    if (calls === 1) throw lambdaError(errorName);
    return result;
  };
  return { calls: () => calls };
}

const RETRY_FAST = { retryIntervalOverrides: { 'Send Code And Wait': 5, 'Perform Action': 5 } };

describe('transient Lambda errors are retried by the workflow, without a second code or a second action', () => {
  let vg: LocalStackHarness;
  beforeEach(async () => {
    vg = await LocalStackHarness.start({}, { engine: RETRY_FAST });
  });
  afterEach(async () => {
    await vg.close();
  });

  async function confirmStartSplunk() {
    const answer = await vg.say('alice', 'StartInstanceIntent', { instance: 'splunk' });
    const heard = await vg.say('alice', 'AuthorizeIntent', { code: await vg.lastCodeSentTo(ALICE_PHONE) });
    const execution = await vg.settled((await vg.latestExecution()).executionId);
    const retried = execution.history!.filter((event) => event.type === 'StateRetried').map((event) => event.stateName);
    return { answer, heard, execution, retried, codesSent: (await vg.outbox()).filter((message) => message.to === ALICE_PHONE).length };
  }

  it.each([
    ['Lambda.TooManyRequestsException', 'before' as const],
    ['Lambda.SdkClientException', 'before' as const],
    ['Lambda.ServiceException', 'after' as const],
    ['Lambda.AWSLambdaException', 'after' as const],
  ])('"Send Code And Wait" after %s (%s the function ran): retried, one code sent, and it confirms', async (errorName, when) => {
    const issue = failFirstCall(vg, LOCAL_FUNCTION_NAMES.IssueChallengeFunctionArn, errorName, when);

    const { answer, heard, execution, retried, codesSent } = await confirmStartSplunk();

    expect(answer).toMatch(/^To confirm starting splunk I sent a 6-digit code/);
    // "I have started splunk", or "under way" when a busy machine outlasts the answer's wait.
    expect(heard).toMatch(/^Code accepted\. (I have started splunk\.|Starting splunk is under way\.)$/);
    expect(execution.status).toBe('SUCCEEDED');
    expect(retried).toEqual(['Send Code And Wait']);
    expect(issue.calls()).toBe(2);
    expect(codesSent).toBe(1);
    expect(await vg.trailOf(execution.commandId)).toEqual(['Command Requested', 'Code Sent', 'Code Verified', 'Action Succeeded']);
  });

  it.each(['Lambda.SdkClientException', 'Lambda.AWSLambdaException'])(
    '"Perform Action" after %s once the action ran: retried, and the instance is started exactly once',
    async (errorName) => {
      const perform = failFirstCall(vg, LOCAL_FUNCTION_NAMES.PerformActionFunctionArn, errorName, 'after');

      const { execution, retried } = await confirmStartSplunk();

      expect(execution.status).toBe('SUCCEEDED');
      expect(retried).toEqual(['Perform Action']);
      expect(perform.calls()).toBe(2);
      expect(await vg.stack.deps.ledger.status(execution.commandId)).toBe('performed');
      expect((await vg.trailOf(execution.commandId)).filter((type) => type === 'Action Succeeded')).toHaveLength(1);
    },
  );
});
