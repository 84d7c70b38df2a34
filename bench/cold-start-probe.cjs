'use strict';
/**
 * One cold start, in a fresh Node process: import a Lambda bundle (index.mjs), then hand its
 * handler one event (from BENCH_EVENT) with a Lambda-like context. Prints one line
 * "BENCH_RESULT {...}" (the handler's own logs also go to stdout, as on Lambda).
 * Plain CommonJS on purpose: no TypeScript loader may run in the measured process.
 */
const bootMs = performance.now();
const { fileURLToPath, pathToFileURL } = require('node:url');
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

/** Only in an untimed run (BENCH_LIST_LOADED): every file the load and the first request read. */
const loadedFiles = [];
if (process.env.BENCH_LIST_LOADED) {
  require('node:module').registerHooks({
    load(url, context, nextLoad) {
      if (url.startsWith('file:')) loadedFiles.push(fileURLToPath(url));
      return nextLoad(url, context);
    },
  });
}

async function main() {
  const loadStart = performance.now();
  const cpuAtStart = process.cpuUsage();
  const { handler } = await import(pathToFileURL(bundle).href);
  const loaded = performance.now();
  const cpuLoaded = process.cpuUsage(cpuAtStart);
  let outcome;
  try {
    const result = await handler(event, context);
    outcome = { ok: true, result: result === undefined ? null : result };
  } catch (error) {
    outcome = { ok: false, error: `${error?.name}: ${error?.message}` };
  }
  const done = performance.now();
  const cpuDone = process.cpuUsage(cpuAtStart);
  const cpuMs = ({ user, system }) => (user + system) / 1000;
  const timings = {
    loadMs: loaded - loadStart,
    firstRequestMs: done - loaded,
    loadCpuMs: cpuMs(cpuLoaded),
    firstRequestCpuMs: cpuMs(cpuDone) - cpuMs(cpuLoaded),
  };
  process.stdout.write(`\nBENCH_RESULT ${JSON.stringify({ bootMs, ...timings, outcome, loadedFiles })}\n`);
}

main().then(
  () => process.exit(0),
  (error) => {
    process.stdout.write(`\nBENCH_RESULT ${JSON.stringify({ fatal: String(error?.stack) })}\n`);
    process.exit(1);
  },
);
