import { answerCalls, callsByCallerAndService, longestSequence } from '../../../bench/emulator-calls';
import { operationOf, signerOf, type ApiCall } from '../../../infra/emulator/api-call-log';

const call = (caller: string, service: string, operation: string, startedAt: number, endedAt: number): ApiCall => ({
  caller,
  service,
  operation,
  startedAt,
  endedAt,
});

describe('AWS API calls counted at the emulator endpoint', () => {
  it('names the caller and service from the SigV4 credential scope', () => {
    const authorization =
      'AWS4-HMAC-SHA256 Credential=VoiceGate-FunctionsSkillFunction-ABC/20261130/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=00';
    expect(signerOf({ authorization })).toEqual({ caller: 'VoiceGate-FunctionsSkillFunction-ABC', service: 'dynamodb' });
    expect(signerOf({})).toEqual({ caller: 'anonymous', service: 'unsigned' });
  });

  it('names the operation of JSON, query and REST protocol calls', () => {
    expect(operationOf('POST', '/', { 'x-amz-target': 'AWSStepFunctions.DescribeExecution' }, Buffer.alloc(0))).toBe('DescribeExecution');
    expect(
      operationOf('POST', '/', { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }, Buffer.from('Action=StartInstances&Version=2016-11-15')),
    ).toBe('StartInstances');
    expect(operationOf('POST', '/2015-03-31/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A1%3Afunction%3Af/invocations', {}, Buffer.alloc(0))).toBe('Invoke');
    expect(operationOf('GET', '/things/voicegate-front-door/shadow?name=x', {}, Buffer.alloc(0))).toBe('GetThingShadow');
  });

  it('counts calls by caller and service, leaving out the callers that are not the product', () => {
    const label = (caller: string) => (caller === 'alexa' ? undefined : caller);
    const calls = [
      call('skill', 'dynamodb', 'GetItem', 0, 1),
      call('skill', 'dynamodb', 'PutItem', 1, 2),
      call('skill', 'states', 'StartExecution', 2, 3),
      call('alexa', 'lambda', 'Invoke', 0, 9),
    ];
    expect(callsByCallerAndService(calls, label)).toEqual({ 'skill dynamodb': 2, 'skill states': 1 });
  });

  it('counts calls made one after another, not those that overlap', () => {
    expect(longestSequence([call('a', 's', 'o', 0, 10), call('a', 's', 'o', 10, 20), call('b', 's', 'o', 5, 15), call('a', 's', 'o', 21, 22)])).toBe(3);
    expect(longestSequence([])).toBe(0);
  });

  it("describes an answer: the skill's polls of Step Functions and the store, inside the answer's window only", () => {
    const label = (caller: string) => caller;
    const calls = [
      call('skill', 'states', 'StartExecution', 10, 12),
      call('issue-challenge', 'sns', 'Publish', 12, 14),
      call('skill', 'dynamodb', 'GetItem', 13, 15),
      call('skill', 'states', 'DescribeExecution', 15, 16),
      call('skill', 'dynamodb', 'GetItem', 40, 41),
    ];
    expect(answerCalls(calls, { from: 10, to: 20 }, label)).toEqual({
      calls: 4,
      sequential: 3,
      skillCalls: 3,
      skillSequential: 3,
      stepFunctionsPolls: 1,
      storePolls: 1,
    });
  });
});
