import type { BenchResults } from '../../../bench/results';
import { evaluateTargets } from '../../../bench/targets';

const dist = (p50: number, p95: number, p99: number) => ({ runs: 500, p50, p95, p99, mean: p50, min: p50 / 2, max: p99 * 2 });
const probe = (totalMs: number) => ({ runs: [], medianLoadMs: totalMs - 10, medianFirstRequestMs: 10, medianTotalMs: totalMs, maxTotalMs: totalMs + 5 });

/** A full set of results, every section filled in, for the pure target and table code. */
export function sampleResults(): BenchResults {
  const sections: Omit<BenchResults, 'targets'> = {
    mode: 'full',
    startedAt: '2026-11-22T06:00:00.000Z',
    durationSeconds: 200,
    machine: {
      cpuModel: 'Test CPU',
      cores: 2,
      memoryBytes: 8 * 1024 ** 3,
      node: 'v24.0.0',
      platform: 'linux',
      arch: 'x64',
      loadAverage: { start: 0.1, end: 1.5 },
    },
    latency: {
      runs: 500,
      warmupRuns: 50,
      requests: { list: dist(5, 10, 15), command: dist(28, 42, 49), authorize: dist(25, 48, 58) },
      floors: {
        list: { steps: ['GetItem user', 'Scan fleet'], distribution: dist(1.4, 2, 3) },
        command: { steps: ['a', 'b'], distribution: dist(4, 5, 6) },
        authorize: { steps: ['GetItem challenge', 'PutItem challenge'], distribution: dist(1.25, 2, 3) },
      },
      p50Ratios: { list: 3.57, command: 7, authorize: 20 },
      answerAfterOutcome: { command: dist(9, 14, 16), authorize: dist(9, 18, 22) },
      errors: 0,
      errorSamples: [],
    },
    throughput: {
      rounds: [
        {
          users: 10,
          seconds: 0.5,
          confirmed: 10,
          confirmationsPerSecond: 20,
          errors: 0,
          errorSamples: [],
          commandAnswersUnderWay: 0,
          authorizeAnswersUnderWay: 0,
          confirmationP50: 300,
          confirmationP99: 400,
          commandP99: 200,
          authorizeP99: 200,
        },
        {
          users: 1000,
          seconds: 30,
          confirmed: 1000,
          confirmationsPerSecond: 33.3,
          errors: 0,
          errorSamples: [],
          commandAnswersUnderWay: 1000,
          authorizeAnswersUnderWay: 1000,
          confirmationP50: 15000,
          confirmationP99: 29000,
          commandP99: 3000,
          authorizeP99: 2100,
        },
      ],
    },
    memory: {
      pending: 1000,
      idle: {
        rss: 400 * 1024 ** 2,
        rssAnon: 340 * 1024 ** 2,
        rssFile: 60 * 1024 ** 2,
        heapUsed: 31 * 1024 ** 2,
        heapTotal: 170 * 1024 ** 2,
        external: 1,
        arrayBuffers: 1,
      },
      withPending: {
        rss: 415 * 1024 ** 2,
        rssAnon: 355 * 1024 ** 2,
        rssFile: 60 * 1024 ** 2,
        heapUsed: 44 * 1024 ** 2,
        heapTotal: 180 * 1024 ** 2,
        external: 1,
        arrayBuffers: 1,
      },
      rssBytesPerPending: 15 * 1024,
      heapBytesPerPending: 13 * 1024,
      runningExecutions: 1000,
    },
    coldStart: {
      runsPerBundle: 5,
      targetMode: 'aws-emulator',
      note: 'test',
      bundles: [
        {
          name: 'skill',
          entry: 'functions/handlers/skill.ts',
          bytes: 1200 * 1024,
          entryBytes: 1100 * 1024,
          totalBytes: 1300 * 1024,
          bytesWithoutAwsSdk: 160 * 1024,
          startCommandBytes: 1250 * 1024,
          largestPackages: [],
          modes: { 'aws-emulator': probe(180), refused: probe(150), 'sdk-external': probe(300) },
          referenceRatio: 1.8,
        },
        {
          name: 'perform-action',
          entry: 'functions/handlers/perform-action.ts',
          bytes: 290 * 1024,
          entryBytes: 250 * 1024,
          totalBytes: 400 * 1024,
          bytesWithoutAwsSdk: 50 * 1024,
          largestPackages: [],
          modes: { 'aws-emulator': probe(90) },
          referenceRatio: 0.9,
        },
      ],
      reference: { bytes: 190 * 1024, run: probe(100) },
    },
    cost: {
      usage: {
        runs: 20,
        stateTransitions: 6,
        lambda: [{ name: 'skill', invocations: 2, meanMs: 27 }],
        dynamodb: { calls: 17, readUnits: 10.5, writeUnits: 8, byTable: {} },
        events: 4,
        sms: { messages: 1, parts: 1 },
        emails: 0,
      },
      path: ['Record Command Requested', 'Send Code And Wait'],
      assumptions: { lambdaMemoryMb: 512, awsTaskTokenBytes: 1024 },
      prices: { region: 'us-east-1', asOf: '2025-06', status: 'as known' },
      estimate: {
        lines: [],
        usdPer1000ExcludingSms: 0.1616,
        usdPer1000IncludingSms: 8.9916,
        paidVerification: { name: 'Twilio Verify (SMS, US)', perVerification: 0.0583, usdPer1000: 58.3 },
        handRolled: { usdPer1000ExcludingSms: 0.0021, usdPer1000IncludingSms: 8.8321, model: 'model' },
      },
      localOnlyStoreCalls: {},
      storeCallsPerRequest: {
        command: { calls: 18, onAwsTables: 11, ms: 40, sequence: [] },
        authorize: { calls: 14, onAwsTables: 6, ms: 20, sequence: [] },
      },
    },
  };
  return { ...sections, targets: evaluateTargets(sections) };
}
