import { DEFAULT_ASSUMPTIONS, dynamoItemBytes, dynamoUsage, estimateCost, requestUnits, smsParts, type ConfirmationUsage } from '../../../bench/cost-model';
import { loadPrices } from '../../../bench/cost';

describe('DynamoDB request units', () => {
  it('bills a strongly consistent read per 4 KB, half for an eventually consistent one, at least one unit', () => {
    expect(requestUnits({ command: 'GetCommand', consistentRead: true, itemBytes: [300] })).toEqual({ read: 1, write: 0 });
    expect(requestUnits({ command: 'GetCommand', consistentRead: false, itemBytes: [300] })).toEqual({ read: 0.5, write: 0 });
    expect(requestUnits({ command: 'GetCommand', consistentRead: true, itemBytes: [0] })).toEqual({ read: 1, write: 0 });
    expect(requestUnits({ command: 'GetCommand', consistentRead: true, itemBytes: [4097] })).toEqual({ read: 2, write: 0 });
  });

  it('bills each key of a batch read on its own', () => {
    expect(requestUnits({ command: 'BatchGetCommand', consistentRead: true, itemBytes: [100, 0] })).toEqual({ read: 2, write: 0 });
  });

  it('bills a write per 1 KB, a lost conditional write included', () => {
    expect(requestUnits({ command: 'PutCommand', consistentRead: false, itemBytes: [1024] })).toEqual({ read: 0, write: 1 });
    expect(requestUnits({ command: 'PutCommand', consistentRead: false, itemBytes: [1025] })).toEqual({ read: 0, write: 2 });
    expect(requestUnits({ command: 'UpdateCommand', consistentRead: false, itemBytes: [] })).toEqual({ read: 0, write: 1 });
    expect(requestUnits({ command: 'DeleteCommand', consistentRead: false, itemBytes: [] })).toEqual({ read: 0, write: 1 });
    expect(requestUnits({ command: 'CreateTableCommand', consistentRead: false, itemBytes: [] })).toEqual({ read: 0, write: 0 });
  });
});

describe('item size as DynamoDB counts it', () => {
  it('counts attribute names and UTF-8 string bytes', () => {
    expect(dynamoItemBytes({ userId: 'alice' })).toBe(6 + 5);
    expect(dynamoItemBytes({ n: 'é' })).toBe(1 + 2);
  });

  it('counts numbers by digits, booleans and null as one byte, lists and maps with overhead', () => {
    expect(dynamoItemBytes({ v: 1 })).toBe(1 + 2);
    expect(dynamoItemBytes({ v: 123456 })).toBe(1 + 4);
    expect(dynamoItemBytes({ ok: true, no: null })).toBe(2 + 1 + 2 + 1);
    expect(dynamoItemBytes({ l: ['ab', 'c'] })).toBe(1 + 3 + (1 + 2) + (1 + 1));
    expect(dynamoItemBytes({ m: { a: 'xy' } })).toBe(1 + 3 + 1 + 1 + 2);
  });
});

describe('SMS parts', () => {
  it('fits a VoiceGate code message in one GSM-7 part', () => {
    expect(smsParts("VoiceGate code 482913 to start splunk. Expires in 5 minutes. Didn't ask? Ignore this message.")).toBe(1);
  });

  it('splits long GSM-7 texts in 153-character parts and counts extension characters twice', () => {
    expect(smsParts('a'.repeat(160))).toBe(1);
    expect(smsParts('a'.repeat(161))).toBe(2);
    expect(smsParts('{'.repeat(80))).toBe(1);
    expect(smsParts('{'.repeat(81))).toBe(2);
  });

  it('falls back to UCS-2 (70, then 67 per part) outside GSM-7', () => {
    expect(smsParts('код'.repeat(23))).toBe(1);
    expect(smsParts('код'.repeat(24))).toBe(2);
  });
});

describe('the cost of 1,000 confirmed commands', () => {
  const usage: ConfirmationUsage = {
    runs: 1,
    stateTransitions: 6,
    lambda: [
      { name: 'skill', invocations: 2, meanMs: 30 },
      { name: 'issue-challenge', invocations: 1, meanMs: 10.2 },
      { name: 'perform-action', invocations: 1, meanMs: 5 },
    ],
    dynamodb: { calls: 17, readUnits: 10, writeUnits: 8, byTable: {} },
    events: 4,
    sms: { messages: 1, parts: 1 },
    emails: 0,
  };

  it('multiplies each count by its list price, SMS apart', () => {
    const prices = loadPrices();
    const estimate = estimateCost(usage, prices, { lambdaMemoryMb: 512, awsTaskTokenBytes: 1024 });
    const line = (prefix: string) => estimate.lines.find((l) => l.item.startsWith(prefix))!;

    expect(line('Step Functions').usdPer1000).toBeCloseTo(6000 * prices.aws.stepFunctionsStandardPerStateTransition.usd, 6);
    expect(line('Lambda requests').quantityPer1000).toBe(4000);
    // 2 x 30 ms + 11 ms (10.2 rounded up) + 5 ms = 76 ms at 0.5 GB, per command.
    expect(line('Lambda duration').quantityPer1000).toBeCloseTo(1000 * 0.076 * 0.5, 6);
    expect(line('DynamoDB on-demand reads').quantityPer1000).toBe(10_000);
    expect(line('EventBridge').quantityPer1000).toBe(4000);
    const sms = 1000 * (prices.aws.snsSmsUsPerMessagePart.usd + prices.aws.snsSmsUsCarrierFeePerMessagePart.usd);
    expect(estimate.usdPer1000IncludingSms - estimate.usdPer1000ExcludingSms).toBeCloseTo(sms, 3);
    expect(estimate.usdPer1000ExcludingSms).toBeGreaterThan(0);
  });

  it('prices the paid verification API per verification plus its SMS fee', () => {
    const prices = loadPrices();

    const { paidVerification } = estimateCost(usage, prices);

    const expected = prices.paidVerification.perSuccessfulVerification.usd + prices.paidVerification.smsChannelFeePerMessage.usd;
    expect(paidVerification.perVerification).toBeCloseTo(expected, 4);
    expect(paidVerification.usdPer1000).toBeCloseTo(expected * 1000, 2);
  });

  it('keeps its prices as data with a date, a region and a source for each', () => {
    const prices = loadPrices();

    expect(prices.region).toBe('us-east-1');
    expect(prices.asOf).toMatch(/^\d{4}-\d{2}/);
    for (const entry of [...Object.values(prices.aws), prices.paidVerification.perSuccessfulVerification, prices.paidVerification.smsChannelFeePerMessage]) {
      expect(entry.usd).toBeGreaterThan(0);
      expect(entry.source).toMatch(/^https:\/\//);
    }
    expect(DEFAULT_ASSUMPTIONS.lambdaMemoryMb).toBe(512);
  });
});

describe('DynamoDB usage per confirmed command', () => {
  it('counts only the tables DynamoDB holds on AWS, averaged over the runs', () => {
    const usage = dynamoUsage(
      [
        { command: 'GetCommand', table: 'challenges', consistentRead: true, itemBytes: [500], ms: 1, phase: '' },
        { command: 'PutCommand', table: 'challenges', consistentRead: false, itemBytes: [1500], ms: 1, phase: '' },
        { command: 'PutCommand', table: 'local-audit', consistentRead: false, itemBytes: [200], ms: 1, phase: '' },
        { command: 'GetCommand', table: 'users', consistentRead: false, itemBytes: [100], ms: 1, phase: '' },
      ],
      new Set(['challenges', 'users']),
      2,
    );

    expect(usage).toEqual({
      calls: 1.5,
      readUnits: 0.75,
      writeUnits: 1,
      byTable: { challenges: { calls: 1, readUnits: 0.5, writeUnits: 1 }, users: { calls: 0.5, readUnits: 0.25, writeUnits: 0 } },
    });
  });
});
