'use strict';
/**
 * One cold start, in a fresh Node process: require() a Lambda bundle, then hand its
 * handler one event (from BENCH_EVENT) with a Lambda-like context. Prints one line
 * "BENCH_RESULT {...}" (the handler's own logs also go to stdout, as on Lambda).
 * Plain CommonJS on purpose: no TypeScript loader may run in the measured process.
 */
const bootMs = performance.now();
const bundle = process.argv[2];
const event = JSON.parse(process.env.BENCH_EVENT || '{}');
const context = {
  functionName: 'voicegate-bench-probe',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:voicegate-bench-probe',
  memoryLimitInMB: '512',
  awsRequestId: '00000000-0000-4000-8000-000000000001',
  logGroupName: '/aws/lambda/voicegate-bench-probe',
  logStreamName: 'probe',
  callbackWaitsForEmptyEventLoop: true,
  getRemainingTimeInMillis: () => 30000,
  done() {},
  fail() {},
  succeed() {},
};

async function main() {
  const loadStart = performance.now();
  const { handler } = require(bundle);
  const loaded = performance.now();
  let outcome;
  try {
    const result = await handler(event, context);
    outcome = { ok: true, result: result === undefined ? null : result };
  } catch (error) {
    outcome = { ok: false, error: `${error?.name}: ${error?.message}` };
  }
  const done = performance.now();
  process.stdout.write(`\nBENCH_RESULT ${JSON.stringify({ bootMs, loadMs: loaded - loadStart, firstRequestMs: done - loaded, outcome })}\n`);
}

main().then(
  () => process.exit(0),
  (error) => {
    process.stdout.write(`\nBENCH_RESULT ${JSON.stringify({ fatal: String(error?.stack) })}\n`);
    process.exit(1);
  },
);
